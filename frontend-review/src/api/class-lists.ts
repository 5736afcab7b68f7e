// Group registration (集体报名): a school (a registration point's reviewer) uploads the graduating class list of a
// nurse exam session and follows its students' registrations. The server refuses everyone but a point's reviewers.
import { api } from './client'
import { unwrap } from './problem'
import { rawFileBody } from './upload'
import type { ClassListPage, ClassListReport } from './types'

export interface ClassListQuery {
  /** `not_started` or a registration status; absent: every student */
  status?: string
  page?: number
  per_page?: number
}

/**
 * Replaces the school's class list of the session with the file's students (all or nothing): 422
 * `validation_failed` with `file` or `rows[<n>].<field>` codes, 409 `class_list_nurse_only` / `session_not_open`.
 */
export function uploadClassList(sessionId: string, file: Blob, contentType: string): Promise<ClassListReport> {
  return unwrap(
    api.PUT('/api/v1/school/exam-sessions/{id}/class-list', {
      params: { path: { id: sessionId } },
      ...rawFileBody(file, contentType),
    }),
  )
}

/** A page of the class list with each student's registration status and the counts per status. */
export function getClassList(sessionId: string, query: ClassListQuery): Promise<ClassListPage> {
  return unwrap(api.GET('/api/v1/school/exam-sessions/{id}/class-list', { params: { path: { id: sessionId }, query } }))
}
