// Authentication and account API (views/auth/*).
import { api, unwrap } from './client'
import type {
  CandidateLoginRequest,
  CodeRequest,
  CodeSent,
  PasswordResetRequest,
  SignupRequest,
  SignupResponse,
  TokenPair,
  UnlockRequest,
} from './types'

export function requestCode(body: CodeRequest): Promise<CodeSent> {
  return unwrap(api().POST('/api/v1/auth/codes', { body }))
}

export function signup(body: SignupRequest): Promise<SignupResponse> {
  return unwrap(api().POST('/api/v1/auth/candidate/signup', { body }))
}

export function login(body: CandidateLoginRequest): Promise<TokenPair> {
  return unwrap(api().POST('/api/v1/auth/candidate/login', { body }))
}

export async function unlock(body: UnlockRequest): Promise<void> {
  await unwrap(api().POST('/api/v1/auth/candidate/unlock', { body }))
}

export async function resetPassword(body: PasswordResetRequest): Promise<void> {
  await unwrap(api().POST('/api/v1/auth/candidate/password-reset', { body }))
}

export async function logout(): Promise<void> {
  await unwrap(api().POST('/api/v1/auth/logout'))
}
