// Who may open which screen. The route table, the guard and the menu all read this one table.
import type { Role } from '@/api/types'
import { ROLES } from '@/api/types'

export type Screen =
  | 'queue'
  | 'supplements'
  | 'spotChecks'
  | 'staff'
  | 'sessions'
  | 'fees'
  | 'apiClients'
  | 'registration'
  | 'statistics'
  | 'abnormal'
  | 'libraries'
  | 'reasons'
  | 'payments'
  | 'comparison'
  | 'orgs'
  | 'audit'
  | 'reports'
  | 'institution'
  | 'classList'
  | 'help'

export const ACCESS: Record<Screen, readonly Role[]> = {
  queue: ['reviewer', 'region_admin'],
  registration: ['reviewer', 'region_admin'],
  // the re-check of nurse fresh graduates' supplementary materials, listed apart from the queue: everyone who reads
  // registrations sees it in their scope; exam-region reviewers decide (isRegionReviewer)
  supplements: ['reviewer', 'region_admin'],
  // spot checks of lower levels' approvals (审核结果核验): exam-region reviewers draw and judge them
  // (isRegionReviewer); other reviewers and region administrators read
  spotChecks: ['reviewer', 'region_admin'],
  statistics: ['reviewer', 'region_admin'],
  // registrations stuck in states the normal flow never leaves them in, within the caller's scope
  abnormal: ['reviewer', 'region_admin'],
  libraries: ['region_admin'],
  // the reason catalog: region administrators edit it (reviewers only choose from it)
  reasons: ['region_admin'],
  // reconciliation runs and payment alerts: the payments permission is region administrators' only
  payments: ['region_admin'],
  // the national–provincial comparison is handled at the exam region: region administrators load and run it,
  // reviewers at the region resolve its anomalies (reviewers at other levels see the menu entry and are told so
  // by the server's 403; a role cannot tell a reviewer's level)
  comparison: ['reviewer', 'region_admin'],
  // staff accounts (账号管理): region administrators for their region's reviewers and administrators, system
  // administrators for every role (the server says which roles a caller may grant)
  staff: ['region_admin', 'system_admin'],
  // the exam region's calendar (考试日程: review chain and windows, status) and the fee table of each session
  sessions: ['region_admin'],
  fees: ['region_admin'],
  // third-party API clients (接口客户端): the same administrators as staff accounts (`weikao client create`)
  apiClients: ['region_admin', 'system_admin'],
  audit: ['auditor'],
  // the operations reports (backups, restore drills, security patrols): system administrators and auditors
  reports: ['system_admin', 'auditor'],
  // the institution portal: a medical institution's users file their probation certificates, and see nothing else
  institution: ['institution'],
  // group registration (集体报名): a school is a registration point, its account a point-level reviewer, who
  // uploads the graduating class list of a nurse session and follows the students' registrations (LEVELS)
  classList: ['reviewer'],
  // the organisation tree is the staff's; institution users have no permission to read it
  orgs: ['reviewer', 'region_admin', 'system_admin', 'auditor'],
  help: ROLES,
}

/**
 * Screens that only some review levels of their roles may open (a staff member's `review_level` from GET /me).
 * A screen listed here stays closed to anyone without one of these levels, whatever ACCESS says.
 */
export const LEVELS: Partial<Record<Screen, readonly string[]>> = {
  // the server answers 403 to anyone but a registration point's reviewers
  classList: ['point'],
}

/** Menu order; `registration` is reached from the queue, not from the menu. */
export const MENU: readonly Screen[] = [
  'institution',
  'classList',
  'queue',
  'supplements',
  'spotChecks',
  'statistics',
  'abnormal',
  'comparison',
  'libraries',
  'reasons',
  'payments',
  'sessions',
  'fees',
  'staff',
  'apiClients',
  'audit',
  'reports',
  'orgs',
  'help',
]

/** Whether a role (and, for the screens in LEVELS, a review level) may open a screen. */
export function canOpen(screen: Screen, role: Role | null, level: string | null | undefined = null): boolean {
  if (role === null || !ACCESS[screen].includes(role)) return false
  const levels = LEVELS[screen]
  return !levels || (typeof level === 'string' && levels.includes(level))
}

export function menuFor(role: Role | null, level: string | null | undefined = null): Screen[] {
  return MENU.filter((screen) => canOpen(screen, role, level))
}

/** Actions within a screen that only some of the roles who open it may take (the server checks them again). */
export type Action = 'verify' | 'decide' | 'compare' | 'resolveAnomaly'

export const ACTIONS: Record<Action, readonly Role[]> = {
  // re-running verification needs the decide permission, which region administrators do not have
  verify: ['reviewer'],
  // approving, returning and rejecting: reviewers only (region administrators read, they do not decide)
  decide: ['reviewer'],
  // loading the national export and running the comparison: region administrators
  compare: ['region_admin'],
  // settling a comparison anomaly: reviewers (the server also wants the exam-region level; see utils/comparison)
  resolveAnomaly: ['reviewer'],
}

export function canDo(action: Action, role: Role | null): boolean {
  return role !== null && ACTIONS[action].includes(role)
}

/**
 * Reviewers at the exam region: the region-only actions (reopening a review, data correction, the re-check of
 * supplementary materials). Region administrators read; reviewers of other levels look but do not act.
 */
export function isRegionReviewer(role: Role | null, reviewLevel: string | null | undefined): boolean {
  return canDo('decide', role) && reviewLevel === 'region'
}

/** Where a role lands after login. */
export function homeFor(role: Role | null): Screen {
  if (role === 'reviewer' || role === 'region_admin') return 'queue'
  if (role === 'auditor') return 'audit'
  if (role === 'institution') return 'institution'
  return 'orgs'
}
