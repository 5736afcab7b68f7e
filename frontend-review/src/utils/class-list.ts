// Group registration (集体报名) as pure functions: the nurse sessions a school uploads for, the list's state in the
// URL, the status badges from the server's counts, and the row errors of a refused file. The server checks again.
import type { LocationQuery } from 'vue-router'
import type { ClassListQuery } from '@/api/class-lists'
import type { ClassStatusCount } from '@/api/types'
import { ApiError } from '@/api/problem'

/** Students per page (the API takes 1–200). */
export const CLASS_LIST_PER_PAGE = 20

/** A student on the list who has not registered yet. */
export const NOT_STARTED = 'not_started'

/** Badge order: who has not started first, then the registration statuses from the start of the flow to its end. */
export const CLASS_STATUSES = [
  NOT_STARTED,
  'draft',
  'submitted',
  'resubmitted',
  'returned',
  'approved',
  'awaiting_payment',
  'paid',
  'rejected',
  'forfeited',
] as const

/** The file's columns (the server's field names) in the order the template lists them; `row`: a whole row. */
export const CLASS_LIST_COLUMNS = ['id_number', 'name', 'expected_graduation_on', 'major', 'education_level'] as const
export const REQUIRED_COLUMNS: readonly string[] = ['id_number', 'name', 'expected_graduation_on']

/** Class lists are for the nurse exam's fresh graduates: the sessions of that exam, in the server's order. */
export function nurseSessions<S extends { exam_type: string }>(sessions: readonly S[]): S[] {
  return sessions.filter((s) => s.exam_type === 'nurse')
}

// ---------------------------------------------------------------------------------------------------------------
// The list's state in the URL (session, status, page), so that reloads and back/forward keep the place

export interface ClassListState {
  session?: string
  /** absent: every student */
  status?: string
  page: number
}

const one = (value: LocationQuery[string] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v !== '' ? v : undefined
}

export function classListStateFromRoute(query: LocationQuery): ClassListState {
  const session = one(query.session)
  const status = one(query.status)
  const page = Number(one(query.page))
  return {
    ...(session ? { session } : {}),
    ...(status && /^[a-z_]{1,40}$/.test(status) ? { status } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  }
}

/** The state as route query (defaults left out). */
export function classListStateToRoute(state: ClassListState): Record<string, string> {
  const query: Record<string, string> = {}
  if (state.session) query.session = state.session
  if (state.status) query.status = state.status
  if (state.page > 1) query.page = String(state.page)
  return query
}

export function toClassListQuery(state: ClassListState): ClassListQuery {
  return { ...(state.status ? { status: state.status } : {}), page: state.page, per_page: CLASS_LIST_PER_PAGE }
}

// ---------------------------------------------------------------------------------------------------------------
// Status badges

export interface ClassBadge {
  status: string
  count: number
}

/**
 * One badge per status the list has (the server leaves zero counts out), 未开始 always, and the chosen status even
 * when none is left; known statuses in CLASS_STATUSES order, others after them.
 */
export function classListBadges(counts: readonly ClassStatusCount[], active?: string): ClassBadge[] {
  const byStatus = new Map(counts.map((c) => [c.status, c.count]))
  const shown = (status: string) => status === NOT_STARTED || status === active || (byStatus.get(status) ?? 0) > 0
  const known: ClassBadge[] = CLASS_STATUSES.filter(shown).map((status) => ({ status, count: byStatus.get(status) ?? 0 }))
  const isKnown = (s: string) => (CLASS_STATUSES as readonly string[]).includes(s)
  const extra = counts.filter((c) => !isKnown(c.status) && c.count > 0).map((c) => ({ status: c.status, count: c.count }))
  if (active && !isKnown(active) && !byStatus.has(active)) extra.push({ status: active, count: 0 })
  return [...known, ...extra]
}

/** Students on the list (the counts add up to its size). */
export function classListSize(counts: readonly ClassStatusCount[]): number {
  return counts.reduce((n, c) => n + c.count, 0)
}

// ---------------------------------------------------------------------------------------------------------------
// A refused file (422 validation_failed)

/** One problem of the file: `row` 0 is the header or the file as a whole; `field` the server's column name. */
export interface ClassListRowError {
  row: number
  field: string
  code: string
}

export interface ClassListRefusal {
  /** problems of the file itself (`file`: empty, unreadable, encoding) */
  file: string[]
  /** problems of rows and columns, by row then column */
  rows: ClassListRowError[]
}

const ROW_KEY = /^rows\[(\d+)\]\.([A-Za-z_]+)$/

function columnRank(field: string): number {
  const i = (CLASS_LIST_COLUMNS as readonly string[]).indexOf(field)
  return i < 0 ? CLASS_LIST_COLUMNS.length : i
}

/** The file and row problems of a refused upload; null when the error is not a validation refusal. */
export function classListRefusal(error: unknown): ClassListRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !error.problem.errors) return null
  const file: string[] = []
  const rows: ClassListRowError[] = []
  for (const [key, codes] of Object.entries(error.problem.errors)) {
    const match = ROW_KEY.exec(key)
    if (match) {
      for (const code of codes) rows.push({ row: Number(match[1]), field: match[2], code })
    } else if (key === 'file') {
      file.push(...codes)
    } else {
      for (const code of codes) rows.push({ row: 0, field: key, code })
    }
  }
  rows.sort((a, b) => a.row - b.row || columnRank(a.field) - columnRank(b.field) || a.field.localeCompare(b.field))
  return { file, rows }
}

/** How many rows of the file have problems (the header and the file as a whole not counted). */
export function refusedRowCount(refusal: ClassListRefusal): number {
  return new Set(refusal.rows.filter((r) => r.row > 0).map((r) => r.row)).size
}
