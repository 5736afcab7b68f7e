// The exam catalog (views/home/OpenSessionsCard.vue, views/registration/*).
import { api, unwrap } from './client'
import type { ExamSessionDetail, ExamSessionView } from './types'

/** Published exam sessions whose registration window is open now. */
export function listOpenSessions(): Promise<ExamSessionView[]> {
  return unwrap(api().GET('/api/v1/exam-sessions', { params: { query: { open: true } } }))
}

/** One session with its levels, categories, specialties (with subjects), fee table, stages and review windows. */
export function getExamSession(id: string): Promise<ExamSessionDetail> {
  return unwrap(api().GET('/api/v1/exam-sessions/{id}', { params: { path: { id } } }))
}
