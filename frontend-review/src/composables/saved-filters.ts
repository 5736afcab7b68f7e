// Named queue filters a reviewer saves, kept in localStorage per user (they survive logout and new tabs).
import { cleanFilter, type QueueFilter } from '@/utils/queue-filter'

export type { QueueFilter }

export interface SavedFilter {
  name: string
  filter: QueueFilter
}

const key = (username: string) => `weikao.review.filters.${username}`

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
  list.push({ name, filter: cleanFilter(filter) })
  list.sort((a, b) => a.name.localeCompare(b.name))
  storage.setItem(key(username), JSON.stringify(list))
  return list
}

export function deleteFilter(username: string, name: string, storage: Storage = localStorage): SavedFilter[] {
  const list = loadSavedFilters(username, storage).filter((f) => f.name !== name)
  storage.setItem(key(username), JSON.stringify(list))
  return list
}

export { cleanFilter }
