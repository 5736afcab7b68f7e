// The queue's state lives in the URL (filters, page), so that back/forward and reloads keep a reviewer's place.
// The mapping itself is pure and lives in utils/queue-filter.ts.
export { DEFAULT_PAGE_SIZE, PAGE_SIZES, queueFromRoute, queueToRoute } from '@/utils/queue-filter'
export type { QueueState } from '@/utils/queue-filter'

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

const LABELS_KEY = 'weikao.review.filter-labels'

/** Filters whose values are ids: the names seen for them (from the statistics), to show on the filter's tag. */
export type LabelledKey = 'level_id' | 'category_id' | 'specialty_id' | 'org_id'

export function knownLabels(storage: Storage = localStorage): Partial<Record<LabelledKey, Record<string, string>>> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(LABELS_KEY) ?? '{}')
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Partial<Record<LabelledKey, Record<string, string>>>) : {}
  } catch {
    return {}
  }
}

export function rememberLabels(key: LabelledKey, labels: Record<string, string>, storage: Storage = localStorage): void {
  const all = knownLabels(storage)
  all[key] = { ...(all[key] ?? {}), ...labels }
  storage.setItem(LABELS_KEY, JSON.stringify(all))
}
