// Named queue filters a reviewer saves, kept in localStorage per user (they survive logout and new tabs).
export interface QueueFilter {
  status?: string
  session_id?: string
  q?: string
}

export interface SavedFilter {
  name: string
  filter: QueueFilter
}

const key = (username: string) => `weikao.review.filters.${username}`

function clean(filter: QueueFilter): QueueFilter {
  const out: QueueFilter = {}
  if (filter.status) out.status = filter.status
  if (filter.session_id) out.session_id = filter.session_id
  if (filter.q?.trim()) out.q = filter.q.trim()
  return out
}

export function loadSavedFilters(username: string, storage: Storage = localStorage): SavedFilter[] {
  try {
    const raw = storage.getItem(key(username))
    const parsed: unknown = raw ? JSON.parse(raw) : []
    if (!Array.isArray(parsed)) return []
    return parsed.filter(
      (f): f is SavedFilter =>
        typeof f === 'object' && f !== null && typeof f.name === 'string' && typeof f.filter === 'object',
    )
  } catch {
    return []
  }
}

/** Adds or replaces the filter called `name`; returns the new list. */
export function saveFilter(username: string, name: string, filter: QueueFilter, storage: Storage = localStorage): SavedFilter[] {
  const list = loadSavedFilters(username, storage).filter((f) => f.name !== name)
  list.push({ name, filter: clean(filter) })
  list.sort((a, b) => a.name.localeCompare(b.name))
  storage.setItem(key(username), JSON.stringify(list))
  return list
}

export function deleteFilter(username: string, name: string, storage: Storage = localStorage): SavedFilter[] {
  const list = loadSavedFilters(username, storage).filter((f) => f.name !== name)
  storage.setItem(key(username), JSON.stringify(list))
  return list
}

export { clean as cleanFilter }
