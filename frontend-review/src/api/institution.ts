// The institution portal (role `institution`): the probation certificates of the user's own institution.
import { api } from './client'
import { unwrap } from './problem'
import type { FilingPage, FilingRequest, FilingView } from './types'
import type { paths } from './schema'

export type FilingListQuery = NonNullable<paths['/api/v1/institution/probation-filings']['get']['parameters']['query']>

/** The institution's certificates (whoever filed them), newest change first; one page (no total). */
export function listInstitutionFilings(query: FilingListQuery): Promise<FilingPage> {
  return unwrap(api.GET('/api/v1/institution/probation-filings', { params: { query } }))
}

/** Files a certificate; the answer tells how many open registrations of the person were re-verified. */
export function fileInstitutionProbation(body: FilingRequest): Promise<FilingView> {
  return unwrap(api.POST('/api/v1/institution/probation-filings', { body }))
}

/** Replaces a filed certificate's content (same person). */
export function updateInstitutionProbation(filingNo: string, body: FilingRequest): Promise<FilingView> {
  return unwrap(api.PUT('/api/v1/institution/probation-filings/{filing_no}', { params: { path: { filing_no: filingNo } }, body }))
}

/** Withdraws a certificate with a reason (1–500 characters). */
export function revokeInstitutionProbation(filingNo: string, reason: string): Promise<FilingView> {
  return unwrap(
    api.POST('/api/v1/institution/probation-filings/{filing_no}/revoke', { params: { path: { filing_no: filingNo } }, body: { reason } }),
  )
}
