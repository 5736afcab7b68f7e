// The exam catalog (views/home/OpenSessionsCard.vue; later views/registration/*).
import { api, unwrap } from './client'
import type { ExamSessionView } from './types'

/** Published exam sessions whose registration window is open now. */
export function listOpenSessions(): Promise<ExamSessionView[]> {
  return unwrap(api().GET('/api/v1/exam-sessions', { params: { query: { open: true } } }))
}
