// The national–provincial comparison (国网/省网比对): region administrators load the national system's export of an
// exam session and run the comparison; exam-region staff list, export and (reviewers) resolve the anomalies.
import { api } from './client'
import { fetchDownload, type Download } from './download'
import { unwrap } from './problem'
import { rawFileBody } from './upload'
import type { AnomalyPage, AnomalyView, ComparisonRun, NationalImportView, ResolveAnomalyRequest } from './types'
import type { AnomalyApiQuery, AnomalyExportQuery } from '@/utils/comparison'

/**
 * Sends the national export (CSV or XLSX) as it is, for one session; the answer says how many rows landed and
 * lists the first refused ones. `contentType` is the file's media type (`uploadContentType`).
 */
export function importNationalRecords(sessionId: string, file: Blob, fileName: string | undefined, contentType: string): Promise<NationalImportView> {
  return unwrap(
    api.POST('/api/v1/admin/comparisons/imports', {
      params: { query: fileName ? { session_id: sessionId, file_name: fileName } : { session_id: sessionId } },
      ...rawFileBody(file, contentType),
    }),
  )
}

/** Compares the session's newest national import with our registrations; 409 `no_national_import` without one. */
export function runComparison(sessionId: string): Promise<ComparisonRun> {
  return unwrap(api.POST('/api/v1/admin/comparisons/runs', { body: { session_id: sessionId } }))
}

/** A page of the session's anomalies with the counts of every kind by state (`toAnomalyQuery`). */
export function listComparisonAnomalies(query: AnomalyApiQuery): Promise<AnomalyPage> {
  return unwrap(api.GET('/api/v1/review/comparison-anomalies', { params: { query } }))
}

/** The filtered anomalies as an Excel workbook, ID numbers masked (`toAnomalyExportQuery`). */
export function exportComparisonAnomalies(query: AnomalyExportQuery): Promise<Download> {
  return fetchDownload(
    api.GET('/api/v1/review/comparison-anomalies/export', { params: { query }, parseAs: 'blob' }),
    'comparison-anomalies.xlsx',
  )
}

/** Settles an open anomaly (reviewers at the exam region); 409 `anomaly_not_open` when it is no longer open. */
export function resolveComparisonAnomaly(id: string, body: ResolveAnomalyRequest): Promise<AnomalyView> {
  return unwrap(api.POST('/api/v1/review/comparison-anomalies/{id}/resolve', { params: { path: { id } }, body }))
}
