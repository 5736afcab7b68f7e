import { api } from './client'
import { ApiError, toProblem, unwrap } from './problem'
import type { Me, StaffLoginResponse } from './types'

export function staffLogin(username: string, password: string, totpCode?: string): Promise<StaffLoginResponse> {
  const body = totpCode ? { username, password, totp_code: totpCode } : { username, password }
  return unwrap(api.POST('/api/v1/auth/staff/login', { body }))
}

export function completeEnrolment(enrolmentToken: string, code: string): Promise<StaffLoginResponse> {
  return unwrap(api.POST('/api/v1/auth/staff/totp-enrolment', { body: { enrolment_token: enrolmentToken, code } }))
}

export function fetchMe(): Promise<Me> {
  return unwrap(api.GET('/api/v1/me'))
}

/** Ends the session on the server (204). */
export async function logout(): Promise<void> {
  const { response, error } = await api.POST('/api/v1/auth/logout')
  if (!response.ok) throw new ApiError(response.status, toProblem(response.status, error))
}
