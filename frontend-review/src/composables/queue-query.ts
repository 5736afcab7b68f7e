// The queue's state lives in the URL (filters, page), so that back/forward and reloads keep a reviewer's place.
import type { LocationQuery } from 'vue-router'
import type { QueueQuery } from '@/api/review'

export const PAGE_SIZES = [20, 50, 100, 200] as const
export const DEFAULT_PAGE_SIZE = 20

function single(value: LocationQuery[string]): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v.length > 0 ? v : undefined
}

function positive(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback
}

export function queueFromRoute(query: LocationQuery): QueueQuery {
  const out: QueueQuery = {
    page: positive(single(query.page), 1, 1_000_000),
    page_size: positive(single(query.page_size), DEFAULT_PAGE_SIZE, 200),
  }
  const status = single(query.status)
  const session = single(query.session_id)
  const q = single(query.q)?.trim()
  if (status) out.status = status
  if (session) out.session_id = session
  if (q) out.q = q
  return out
}

export function queueToRoute(query: QueueQuery): Record<string, string> {
  const out: Record<string, string> = {}
  if (query.status) out.status = query.status
  if (query.session_id) out.session_id = query.session_id
  if (query.q) out.q = query.q
  if (query.page !== 1) out.page = String(query.page)
  if (query.page_size !== DEFAULT_PAGE_SIZE) out.page_size = String(query.page_size)
  return out
}

/** Registration statuses a reviewer can filter by (the API accepts any status string). */
export const STATUSES = [
  'submitted',
  'returned',
  'resubmitted',
  'approved',
  'rejected',
  'awaiting_payment',
  'paid',
  'forfeited',
  'draft',
] as const

const SESSIONS_KEY = 'weikao.review.sessions'

/** Exam sessions seen in the queue (there is no session list in the API yet): id → name. */
export function knownSessions(storage: Storage = localStorage): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SESSIONS_KEY) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
  } catch {
    return {}
  }
}

export function rememberSessions(items: readonly { session_id: string; session_name: string }[], storage: Storage = localStorage): Record<string, string> {
  const sessions = knownSessions(storage)
  for (const item of items) sessions[item.session_id] = item.session_name
  storage.setItem(SESSIONS_KEY, JSON.stringify(sessions))
  return sessions
}
