// Staff accounts (账号管理): region administrators manage reviewers and region administrators of their region,
// system administrators every role. Initial passwords come back once and are never shown again.
import { api } from './client'
import { unwrap } from './problem'
import type { NewStaff, StaffAccountView, StaffCredentials, StaffPatch } from './types'

export function listStaffAccounts(q?: string): Promise<StaffAccountView[]> {
  return unwrap(api.GET('/api/v1/admin/staff', { params: { query: q ? { q } : {} } }))
}

export function createStaffAccount(body: NewStaff): Promise<StaffCredentials> {
  return unwrap(api.POST('/api/v1/admin/staff', { body }))
}

/** Changes an account at the `updated_at` read (409 `version_conflict` else; `own_account` for one's own). */
export function updateStaffAccount(id: string, body: StaffPatch): Promise<StaffAccountView> {
  return unwrap(api.PATCH('/api/v1/admin/staff/{id}', { params: { path: { id } }, body }))
}

/** A new initial password (and with `resetTotp` a new authenticator enrolment at the next login). */
export function resetStaffCredentials(id: string, resetTotp: boolean): Promise<StaffCredentials> {
  return unwrap(api.POST('/api/v1/admin/staff/{id}/credentials', { params: { path: { id } }, body: { reset_totp: resetTotp } }))
}
