import { api } from './client'
import { fetchDownload, type Download } from './download'
import { unwrap } from './problem'
import type {
  AbnormalReport,
  ArchivedRegistration,
  BatchRequest,
  BatchResult,
  CorrectionRequest,
  DecisionRequest,
  DecisionResult,
  FindingView,
  ReasonInput,
  ReasonView,
  RegistrationDetail,
  RegistrationPage,
  RevealedIdNumber,
  ReviewStatistics,
} from './types'
import type { ExportApiQuery, QueueApiQuery } from '@/utils/queue-filter'

/** The queue's query as the API takes it (build it from the queue's state with `toListQuery`). */
export type QueueQuery = QueueApiQuery

export function listRegistrations(query: QueueQuery): Promise<RegistrationPage> {
  return unwrap(api.GET('/api/v1/review/registrations', { params: { query } }))
}

/** The filtered queue as an Excel workbook (`toExportQuery`); full ID numbers need the reveal permission. */
export function exportRegistrations(query: ExportApiQuery): Promise<Download> {
  const day = new Date().toISOString().slice(0, 10)
  return fetchDownload(
    api.GET('/api/v1/review/registrations/export', { params: { query }, parseAs: 'blob' }),
    `registrations-${day}.xlsx`,
  )
}

/** Approves or returns a selection, or what a filter matches; each registration is decided on its own. */
export function decideBatch(body: BatchRequest): Promise<BatchResult> {
  return unwrap(api.POST('/api/v1/review/batch-decisions', { body }))
}

/** Counts by status × level, organisation, specialty, day, reviewer and deadline, within the caller's scope. */
export function getStatistics(sessionId?: string): Promise<ReviewStatistics> {
  return unwrap(api.GET('/api/v1/review/statistics', { params: { query: sessionId ? { session_id: sessionId } : {} } }))
}

/** Registrations in abnormal states by kind (every kind, with its count and the first registrations), in the caller's scope. */
export function getAbnormal(): Promise<AbnormalReport> {
  return unwrap(api.GET('/api/v1/review/abnormal'))
}

/** Reopens an approved, unpaid registration for review at the exam region (region reviewers; a reason is kept). */
export function reopen(id: string, version: number, reason: string): Promise<DecisionResult> {
  return unwrap(api.POST('/api/v1/review/registrations/{id}/reopen', { params: { path: { id } }, body: { version, reason } }))
}

/** Corrects fields of a submitted/approved/paid registration for the candidate (region reviewers; a reason is kept). */
export function correctRegistration(id: string, body: CorrectionRequest): Promise<DecisionResult> {
  return unwrap(api.POST('/api/v1/review/registrations/{id}/corrections', { params: { path: { id } }, body }))
}

/** The archived history of a registration (404 `not_archived` while its session is not archived). */
export function getArchivedRegistration(id: string): Promise<ArchivedRegistration> {
  return unwrap(api.GET('/api/v1/review/registrations/{id}/archive', { params: { path: { id } } }))
}

/** Adds or edits a catalog reason (region administrators); retiring is `active: false`. */
export function putReason(code: string, input: ReasonInput): Promise<ReasonView> {
  return unwrap(api.PUT('/api/v1/admin/review-reasons/{code}', { params: { path: { code } }, body: input }))
}

export function getRegistration(id: string): Promise<RegistrationDetail> {
  return unwrap(api.GET('/api/v1/review/registrations/{id}', { params: { path: { id } } }))
}

export function revealIdNumber(id: string, reason: string): Promise<RevealedIdNumber> {
  return unwrap(
    api.POST('/api/v1/review/registrations/{id}/reveal-id-number', { params: { path: { id } }, body: { reason } }),
  )
}

/** The current findings, or with `history` also those earlier verifications produced. */
export function listFindings(id: string, history: boolean): Promise<FindingView[]> {
  return unwrap(
    api.GET('/api/v1/review/registrations/{id}/findings', { params: { path: { id }, query: history ? { history } : {} } }),
  )
}

/** Re-runs verification against the current libraries; the answer is the current findings. */
export function reverify(id: string): Promise<FindingView[]> {
  return unwrap(api.POST('/api/v1/review/registrations/{id}/verify', { params: { path: { id } } }))
}

/** The reason catalog in display order; with `includeInactive` also retired reasons (to label old decisions). */
export function listReasons(includeInactive: boolean): Promise<ReasonView[]> {
  return unwrap(api.GET('/api/v1/review/reasons', { params: { query: includeInactive ? { include_inactive: true } : {} } }))
}

/** Approves, returns or rejects the registration at the version the reviewer saw (409 `version_conflict` else). */
export function decide(id: string, body: DecisionRequest): Promise<DecisionResult> {
  return unwrap(api.POST('/api/v1/review/registrations/{id}/decisions', { params: { path: { id } }, body }))
}
