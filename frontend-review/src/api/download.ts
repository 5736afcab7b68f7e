// Files the API sends (reports, exports): fetched with the bearer token (`parseAs: 'blob'`), handed over with the
// name the server's Content-Disposition gives.
import { unwrap } from './problem'

/** A file the server sent, with the name its Content-Disposition gives (or the fallback). */
export interface Download {
  blob: Blob
  fileName: string
}

/** `attachment; filename="violations.csv"` → `violations.csv`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null
  return match ? match[1].trim() : fallback
}

/** A file from a `parseAs: 'blob'` call, named as the server's Content-Disposition says (or `fallback`). */
export async function fetchDownload(call: Promise<{ data?: Blob; error?: unknown; response: Response }>, fallback: string): Promise<Download> {
  const blob = await unwrap(call)
  const { response } = await call
  return { blob, fileName: fileNameFrom(response.headers.get('Content-Disposition'), fallback) }
}

