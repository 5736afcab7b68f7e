// Staff accounts (账号管理) as pure functions: which roles a caller may grant, the form with its own checks, the
// create and change request bodies, and which actions a row offers. The server checks everything again.
import type { NewStaff, Role, StaffAccountView, StaffPatch } from '@/api/types'

/** Roles an administrator may grant: region administrators their region's reviewers and administrators only. */
export function grantableRoles(caller: Role | null): Role[] {
  if (caller === 'system_admin') return ['reviewer', 'region_admin', 'system_admin', 'auditor']
  if (caller === 'region_admin') return ['reviewer', 'region_admin']
  return []
}

export const REVIEW_LEVELS = ['point', 'site', 'region'] as const

const USERNAME = /^[a-z][a-z0-9_.-]{2,31}$/
export const DISPLAY_NAME_MAX = 50

export interface StaffDraft {
  username: string
  display_name: string
  role: string
  review_level: string | null
  scope_org_id: string | null
  can_reveal_pii: boolean
}

export function emptyStaffDraft(): StaffDraft {
  return { username: '', display_name: '', role: 'reviewer', review_level: null, scope_org_id: null, can_reveal_pii: false }
}

export function draftFromAccount(a: StaffAccountView): StaffDraft {
  return {
    username: a.username,
    display_name: a.display_name,
    role: a.role,
    review_level: a.review_level ?? null,
    scope_org_id: a.scope_org_id,
    can_reveal_pii: a.can_reveal_pii,
  }
}

/** A reviewer's level is their organisation's: choosing an organisation of a review level picks it. */
export function levelForOrgKind(kind: string | null | undefined): string | null {
  return kind && (REVIEW_LEVELS as readonly string[]).includes(kind) ? kind : null
}

/** The form's own checks, as the server's field codes. */
export function checkStaffDraft(draft: StaffDraft, isNew: boolean): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (isNew && !USERNAME.test(draft.username.trim())) errors.username = ['username_invalid']
  const name = [...draft.display_name.trim()].length
  if (name < 1 || name > DISPLAY_NAME_MAX) errors.display_name = ['display_name_length']
  if (!draft.role) errors.role = ['required']
  if (draft.role === 'reviewer' && !draft.review_level) errors.review_level = ['level_required']
  if (!draft.scope_org_id) errors.scope_org_id = ['required']
  return errors
}

export function newStaffBody(draft: StaffDraft): NewStaff {
  return {
    username: draft.username.trim(),
    display_name: draft.display_name.trim(),
    role: draft.role,
    review_level: draft.role === 'reviewer' ? draft.review_level : null,
    scope_org_id: draft.scope_org_id ?? '',
    can_reveal_pii: draft.can_reveal_pii,
  }
}

/** The change: `updated_at` as read and only the fields that differ (a non-reviewer's level is sent as null). */
export function staffPatchBody(account: StaffAccountView, draft: StaffDraft): StaffPatch {
  const patch: StaffPatch = { updated_at: account.updated_at }
  const name = draft.display_name.trim()
  if (name !== account.display_name) patch.display_name = name
  if (draft.role !== account.role) patch.role = draft.role
  const level = draft.role === 'reviewer' ? draft.review_level : null
  if (level !== (account.review_level ?? null)) patch.review_level = level
  if (draft.scope_org_id && draft.scope_org_id !== account.scope_org_id) patch.scope_org_id = draft.scope_org_id
  if (draft.can_reveal_pii !== account.can_reveal_pii) patch.can_reveal_pii = draft.can_reveal_pii
  return patch
}

export function activePatch(account: StaffAccountView, active: boolean): StaffPatch {
  return { updated_at: account.updated_at, active }
}

/**
 * What a row offers the caller: nothing on their own account (the server answers `own_account`), nor on roles they
 * may not grant.
 */
export function staffActions(caller: Role | null, callerId: string | null | undefined, account: Pick<StaffAccountView, 'id' | 'role'>): { edit: boolean; toggle: boolean; reset: boolean } {
  const may = account.id !== callerId && grantableRoles(caller).includes(account.role as Role)
  return { edit: may, toggle: may, reset: may }
}

/** Locked after failed logins, at `now`. */
export function isLocked(account: Pick<StaffAccountView, 'locked_until'>, now: Date = new Date()): boolean {
  return !!account.locked_until && new Date(account.locked_until).getTime() > now.getTime()
}
