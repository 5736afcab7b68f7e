// Reference libraries (region administrators): what they hold, imports and their reports, search, export, cleanup.
import { api } from './client'
import { unwrap } from './problem'
import { rawFileBody } from './upload'
import type { BatchView, CleanupResult, LibraryInfo, LibraryRowsPage } from './types'
import { fetchDownload, type Download } from './download'

export { fetchDownload, fileNameFrom, type Download } from './download'

/** Query of an import (`mapping` is the header mapping as JSON text). */
export interface ImportQuery {
  mode: 'replace' | 'append'
  on_error: 'accept_valid' | 'all_or_nothing'
  file_name?: string
  mapping?: string
}

export interface RowsQuery {
  page: number
  page_size: number
  q?: string
  id_number?: string
}

export function listLibraries(): Promise<LibraryInfo[]> {
  return unwrap(api.GET('/api/v1/admin/libraries'))
}

export function listBatches(library: string): Promise<BatchView[]> {
  return unwrap(api.GET('/api/v1/admin/libraries/{library}/batches', { params: { path: { library } } }))
}

/** Sends the file as it is; the answer is the batch, `active` or `rejected`, with its first errors. */
export function importFile(library: string, file: Blob, query: ImportQuery): Promise<BatchView> {
  return unwrap(
    api.POST('/api/v1/admin/libraries/{library}/imports', {
      params: { path: { library }, query },
      ...rawFileBody(file),
    }),
  )
}

/** The XLSX error report of a batch (the bearer token is needed, so it is fetched, not linked). */
export function downloadReport(batchId: string): Promise<Download> {
  return fetchDownload(
    api.GET('/api/v1/admin/library-batches/{id}/report', { params: { path: { id: batchId } }, parseAs: 'blob' }),
    `import-${batchId}-errors.xlsx`,
  )
}

export function listRows(library: string, query: RowsQuery): Promise<LibraryRowsPage> {
  return unwrap(api.GET('/api/v1/admin/libraries/{library}/rows', { params: { path: { library }, query } }))
}

/** The live rows as CSV (ID numbers masked). */
export function exportLibrary(library: string): Promise<Download> {
  return fetchDownload(
    api.GET('/api/v1/admin/libraries/{library}/export', { params: { path: { library } }, parseAs: 'blob' }),
    `${library}.csv`,
  )
}

/** Counts (`apply` false: a dry run) or archives and removes the rows expired before `year`. */
export function cleanupLibraries(year: number, apply: boolean): Promise<CleanupResult[]> {
  return unwrap(api.POST('/api/v1/admin/libraries/cleanup', { body: { year, apply } }))
}
