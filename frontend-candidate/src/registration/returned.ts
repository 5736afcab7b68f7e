// What a returned registration asks of the candidate: the last return in its timeline names the fields to
// correct and the material kinds to upload again (the server allows uploading only those kinds then).
import type { RegistrationView, TimelineItem } from '@/api/types'

/** The newest `return` in the timeline, if any. */
export function lastReturn(timeline: readonly TimelineItem[]): TimelineItem | null {
  let last: TimelineItem | null = null
  for (const item of timeline) {
    if (item.action !== 'return') continue
    if (!last || Date.parse(item.at) >= Date.parse(last.at)) last = item
  }
  return last
}

/** The material kinds a returned registration is asked to upload again ([] when not returned). */
export function returnedMaterials(reg: Pick<RegistrationView, 'status' | 'timeline'>): string[] {
  if (reg.status !== 'returned') return []
  return [...(lastReturn(reg.timeline)?.returned_materials ?? [])]
}
