import { api } from './client'
import { unwrap } from './problem'
import type {
  DecisionRequest,
  DecisionResult,
  FindingView,
  ReasonView,
  RegistrationDetail,
  RegistrationPage,
  RevealedIdNumber,
} from './types'

export interface QueueQuery {
  page: number
  page_size: number
  status?: string
  session_id?: string
  q?: string
}

export function listRegistrations(query: QueueQuery): Promise<RegistrationPage> {
  return unwrap(api.GET('/api/v1/review/registrations', { params: { query } }))
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
