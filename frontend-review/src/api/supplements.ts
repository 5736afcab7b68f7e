// The exam region's re-check of supplementary materials (补充材料复核): the queue with its counts per status, one
// registration's supplement with its files, and the decision (exam-region reviewers; the server checks again).
import { api } from './client'
import { unwrap } from './problem'
import type { SupplementDecision, SupplementQueue, SupplementView } from './types'

export interface SupplementQuery {
  status?: string
  session_id?: string
  page?: number
  per_page?: number
}

export function listSupplements(query: SupplementQuery): Promise<SupplementQueue> {
  return unwrap(api.GET('/api/v1/review/supplements', { params: { query } }))
}

/** A registration's supplement (404 `no_supplement` when it owes none). */
export function getSupplement(id: string): Promise<SupplementView> {
  return unwrap(api.GET('/api/v1/review/registrations/{id}/supplement', { params: { path: { id } } }))
}

/** Accepts, returns or rejects a submitted supplement at the version the reviewer saw (409 `version_conflict` else). */
export function decideSupplement(id: string, body: SupplementDecision): Promise<SupplementView> {
  return unwrap(api.POST('/api/v1/review/registrations/{id}/supplement/decision', { params: { path: { id } }, body }))
}
