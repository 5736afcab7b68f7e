// The exam region's sessions (考试日程) and their fee tables (收费标准): region administrators of the region only.
import { api } from './client'
import { unwrap } from './problem'
import type { AdminSessionView, FeeInput, FeeItemView, ScheduleRequest } from './types'

/** Every session of the caller's region, any status, with its schedule. */
export function listAdminSessions(): Promise<AdminSessionView[]> {
  return unwrap(api.GET('/api/v1/admin/exam-sessions'))
}

/**
 * Rewrites the whole schedule at the `updated_at` read (409 `version_conflict` else; `level_in_use` when the new
 * chain drops a level where registrations wait; the status rules' codes).
 */
export function updateSchedule(id: string, body: ScheduleRequest): Promise<AdminSessionView> {
  return unwrap(api.PUT('/api/v1/admin/exam-sessions/{id}/schedule', { params: { path: { id } }, body }))
}

export function listFees(sessionId: string): Promise<FeeItemView[]> {
  return unwrap(api.GET('/api/v1/admin/exam-sessions/{id}/fees', { params: { path: { id: sessionId } } }))
}

/** Sets one row's price by its key, inserting it when new (409 `fee_in_use` once a stage's payment has begun). */
export function setFee(sessionId: string, body: FeeInput): Promise<FeeItemView> {
  return unwrap(api.PUT('/api/v1/admin/exam-sessions/{id}/fees', { params: { path: { id: sessionId } }, body }))
}
