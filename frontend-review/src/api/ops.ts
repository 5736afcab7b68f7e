// Operations reports (system administrators and auditors): the dated JSON reports of backups, restore drills
// and security patrols. A report's body is free JSON in the contract: read it with utils/ops-reports.
import { api } from './client'
import { unwrap } from './problem'
import type { ReportEntry } from './types'

/** The reports, newest first (at most 200), optionally of one kind (`backup`, `restore-drill`, `security-patrol`). */
export function listOpsReports(kind?: string): Promise<ReportEntry[]> {
  return unwrap(api.GET('/api/v1/admin/reports', { params: { query: kind ? { kind } : {} } }))
}

/** One report as its command wrote it (`{kind, at, report}`), unread: see `readReport`. */
export async function getOpsReport(name: string): Promise<unknown> {
  return (await unwrap(api.GET('/api/v1/admin/reports/{name}', { params: { path: { name } } }))) as unknown
}
