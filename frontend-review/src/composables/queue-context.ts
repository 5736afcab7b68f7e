// The registrations of the queue page a reviewer last looked at, so that the detail screen can go to the
// previous/next one (←/→) and back to the same page of the queue. Kept per tab.
const KEY = 'weikao.review.queue'

export interface QueueContext {
  ids: string[]
  /** The queue's route query, to go back to the same page and filters. */
  query: Record<string, string>
}

export function saveQueueContext(context: QueueContext, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, JSON.stringify(context))
}

export function loadQueueContext(storage: Storage = sessionStorage): QueueContext {
  try {
    const raw = storage.getItem(KEY)
    const parsed = raw ? (JSON.parse(raw) as Partial<QueueContext>) : {}
    return {
      ids: Array.isArray(parsed.ids) ? parsed.ids.filter((i): i is string => typeof i === 'string') : [],
      query: parsed.query && typeof parsed.query === 'object' ? parsed.query : {},
    }
  } catch {
    return { ids: [], query: {} }
  }
}

export function neighbours(ids: readonly string[], id: string): { prev: string | null; next: string | null; index: number } {
  const index = ids.indexOf(id)
  if (index < 0) return { prev: null, next: null, index }
  return { prev: index > 0 ? ids[index - 1] : null, next: index < ids.length - 1 ? ids[index + 1] : null, index }
}
