import { api } from './client'
import { unwrap } from './problem'
import type { components } from './schema'

export type ExamSessionView = components['schemas']['ExamSessionView']

/** All published exam sessions, also those whose registration window is closed. */
export function listExamSessions(): Promise<ExamSessionView[]> {
  return unwrap(api.GET('/api/v1/exam-sessions', { params: { query: { open: false } } }))
}
