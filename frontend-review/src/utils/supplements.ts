// The re-check of supplementary materials (补充材料复核) as pure functions: the status tabs and their counts, the
// list's state in the URL, who may decide, the reason rule checked before sending, the request body, and the
// supplement's entries of a registration's timeline. The server checks everything again.
import type { LocationQuery } from 'vue-router'
import type { Role, StaffTimelineItem, SupplementAction, SupplementDecision, SupplementStatusCount } from '@/api/types'
import type { SupplementQuery } from '@/api/supplements'
import { isRegionReviewer } from '@/router/access'

/** The statuses in tab order: what waits for the exam region first, then what the candidate owes, then the outcomes. */
export const SUPPLEMENT_STATUSES = ['submitted', 'pending', 'returned', 'verified', 'rejected', 'expired'] as const
export type SupplementStatus = (typeof SUPPLEMENT_STATUSES)[number]

/** The tab the page opens on: the supplements waiting for the re-check. */
export const DEFAULT_STATUS: SupplementStatus = 'submitted'

/** Rows per page (the API takes 1–100). */
export const PER_PAGE = 20

export const SUPPLEMENT_ACTIONS: readonly SupplementAction[] = ['accept', 'return', 'reject']

/** A reason the candidate reads: 4–500 characters (after trimming), required to return or reject. */
export const REASON_MIN = 4
export const REASON_MAX = 500

export function isSupplementStatus(value: unknown): value is SupplementStatus {
  return typeof value === 'string' && (SUPPLEMENT_STATUSES as readonly string[]).includes(value)
}

export interface SupplementTab {
  status: string
  count: number
}

/** One tab per status in tab order, with the server's count (0 when it lists none); statuses it adds come last. */
export function supplementTabs(counts: readonly SupplementStatusCount[]): SupplementTab[] {
  const byStatus = new Map(counts.map((c) => [c.status, c.count]))
  const known: SupplementTab[] = SUPPLEMENT_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 }))
  const extra = counts.filter((c) => !isSupplementStatus(c.status)).map((c) => ({ status: c.status, count: c.count }))
  return [...known, ...extra]
}

// ---------------------------------------------------------------------------------------------------------------
// The list's state in the URL (status tab, exam session, page), so that back/forward and reloads keep the place

export interface SupplementState {
  status: SupplementStatus
  session_id?: string
  page: number
}

const one = (value: LocationQuery[string] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v !== '' ? v : undefined
}

export function supplementStateFromRoute(query: LocationQuery): SupplementState {
  const status = one(query.status)
  const page = Number(one(query.page))
  const session = one(query.session_id)
  return {
    status: isSupplementStatus(status) ? status : DEFAULT_STATUS,
    ...(session ? { session_id: session } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** The state as route query (defaults left out). */
export function supplementStateToRoute(state: SupplementState): Record<string, string> {
  const query: Record<string, string> = {}
  if (state.status !== DEFAULT_STATUS) query.status = state.status
  if (state.session_id) query.session_id = state.session_id
  if (state.page > 1) query.page = String(state.page)
  return query
}

export function toSupplementQuery(state: SupplementState): SupplementQuery {
  return { status: state.status, ...(state.session_id ? { session_id: state.session_id } : {}), page: state.page, per_page: PER_PAGE }
}

// ---------------------------------------------------------------------------------------------------------------
// The decision

/** Exam-region reviewers decide on submitted supplements; everyone else who sees one only looks. */
export function canDecideSupplement(role: Role | null, reviewLevel: string | null | undefined, status: string | null | undefined): boolean {
  return isRegionReviewer(role, reviewLevel) && status === 'submitted'
}

/** Returning and rejecting need a reason; accepting may carry one. */
export function needsReason(action: SupplementAction): boolean {
  return action === 'return' || action === 'reject'
}

/** Characters of the reason as the server counts them (trimmed, code points). */
export function reasonLength(reason: string): number {
  return [...reason.trim()].length
}

export type ReasonProblem = 'reason_required' | 'reason_length'

/** What is wrong with the reason for this action (the server's field codes), or null. */
export function reasonProblem(action: SupplementAction, reason: string): ReasonProblem | null {
  const n = reasonLength(reason)
  if (n === 0) return needsReason(action) ? 'reason_required' : null
  return n < REASON_MIN || n > REASON_MAX ? 'reason_length' : null
}

/** The request body: the version seen, the action, and the trimmed reason (null when none). */
export function decisionBody(version: number, action: SupplementAction, reason: string): SupplementDecision {
  const text = reason.trim()
  return { version, action, reason: text === '' ? null : text }
}

// ---------------------------------------------------------------------------------------------------------------
// The reason history: the supplement's entries of the registration's timeline

export function isSupplementAction(action: string): boolean {
  return action.startsWith('supplement_')
}

export function supplementHistory(items: readonly StaffTimelineItem[]): StaffTimelineItem[] {
  return items.filter((item) => isSupplementAction(item.action))
}
