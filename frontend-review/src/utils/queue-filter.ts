// The queue's filter as pure functions: the fields a reviewer can filter by, how they live in the URL (so that
// back/forward, reloads and links from the statistics keep them), and what the API receives for the list, the
// Excel export and a batch decision "on everything the filter matches".
//
// Dates: the console works with whole days of the exam office (Asia/Shanghai). `submitted_from` / `submitted_to`
// are days `YYYY-MM-DD`, both inclusive; the API gets `from 00:00 +08:00` and `the day after to, 00:00 +08:00`
// (its `submitted_to` is exclusive). A full RFC 3339 time in the URL is passed on as it is.
import type { LocationQuery } from 'vue-router'
import type { BatchFilter, FindingSeverity, SpecialQueue } from '@/api/types'
import type { paths } from '@/api/schema'

export const SORTS = ['submitted_desc', 'submitted_asc', 'name', 'updated_desc'] as const
export type QueueSort = (typeof SORTS)[number]
export const DEFAULT_SORT: QueueSort = 'submitted_desc'

export const SPECIAL_QUEUES: readonly SpecialQueue[] = ['front_line', 'manual_unit', 'provincial_line']
export const SEVERITY_FILTERS: readonly FindingSeverity[] = ['block', 'warning', 'hint']

export const PAGE_SIZES = [20, 50, 100, 200] as const
export const DEFAULT_PAGE_SIZE = 20

/** What the queue shows (every field narrows the reviewer's data scope further). */
export interface QueueFilter {
  status?: string
  session_id?: string
  /** candidate name prefix or a full ID number */
  q?: string
  /** only what waits for a decision at the reviewer's own level */
  pending?: boolean
  /** catalog: exam level, category and specialty (set from the statistics, shown as removable tags) */
  level_id?: string
  category_id?: string
  specialty_id?: string
  /** an organisation in scope, with its whole subtree */
  org_id?: string
  severity?: FindingSeverity
  rule_code?: string
  /** first day (inclusive), `YYYY-MM-DD`, or an RFC 3339 time */
  submitted_from?: string
  /** last day (inclusive), `YYYY-MM-DD`, or an RFC 3339 time (exclusive, as the API reads it) */
  submitted_to?: string
  /** returning candidates (true) or new ones (false) */
  returning?: boolean
  special?: SpecialQueue
  overdue?: boolean
  sort?: QueueSort
}

/** The filter with the page: the queue's whole state, as the URL keeps it. */
export interface QueueState extends QueueFilter {
  page: number
  page_size: number
}

/** The list operation's query, as the contract types it. */
export type QueueApiQuery = NonNullable<paths['/api/v1/review/registrations']['get']['parameters']['query']>
export type ExportApiQuery = NonNullable<paths['/api/v1/review/registrations/export']['get']['parameters']['query']>

const TEXT_KEYS = ['status', 'session_id', 'q', 'level_id', 'category_id', 'specialty_id', 'org_id', 'rule_code', 'submitted_from', 'submitted_to'] as const
const BOOL_KEYS = ['pending', 'returning', 'overdue'] as const

/** Filters that sit in the "advanced" part of the filter bar (the rest are always visible). */
export const ADVANCED_KEYS = [
  'severity',
  'rule_code',
  'special',
  'overdue',
  'returning',
  'submitted_from',
  'submitted_to',
  'org_id',
  'sort',
] as const satisfies readonly (keyof QueueFilter)[]

/** Filters set from elsewhere (the statistics) that the filter bar shows as removable tags. */
export const TAG_KEYS = ['level_id', 'category_id', 'specialty_id'] as const satisfies readonly (keyof QueueFilter)[]

const DAY = /^\d{4}-\d{2}-\d{2}$/

function single(value: LocationQuery[string] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined
}

function bool(value: string | undefined): boolean | undefined {
  if (value === 'true' || value === '1') return true
  if (value === 'false' || value === '0') return false
  return undefined
}

/** A day (`YYYY-MM-DD`, a real date) or an RFC 3339 time; anything else is dropped. */
export function validTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (DAY.test(value)) {
    const d = new Date(`${value}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined
  }
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined
}

function positive(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback
}

/** The filter in a route query; unknown values are dropped rather than sent to the server. */
export function filterFromRoute(query: LocationQuery): QueueFilter {
  const out: QueueFilter = {}
  for (const key of TEXT_KEYS) {
    const value = single(query[key])
    if (value !== undefined) out[key] = value
  }
  for (const key of BOOL_KEYS) {
    const value = bool(single(query[key]))
    if (value !== undefined) out[key] = value
  }
  const severity = oneOf(single(query.severity), SEVERITY_FILTERS)
  if (severity) out.severity = severity
  const special = oneOf(single(query.special), SPECIAL_QUEUES)
  if (special) out.special = special
  const sort = oneOf(single(query.sort), SORTS)
  if (sort && sort !== DEFAULT_SORT) out.sort = sort
  const from = validTime(out.submitted_from)
  const to = validTime(out.submitted_to)
  if (from) out.submitted_from = from
  else delete out.submitted_from
  if (to) out.submitted_to = to
  else delete out.submitted_to
  return out
}

/** Only the set fields, as strings (the default sort is left out). */
export function filterToRoute(filter: QueueFilter): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of TEXT_KEYS) {
    const value = filter[key]?.trim()
    if (value) out[key] = value
  }
  for (const key of BOOL_KEYS) {
    const value = filter[key]
    if (value !== undefined) out[key] = String(value)
  }
  if (filter.severity) out.severity = filter.severity
  if (filter.special) out.special = filter.special
  if (filter.sort && filter.sort !== DEFAULT_SORT) out.sort = filter.sort
  return out
}

/** The filter without its empty fields (what is saved, compared and sent). */
export function cleanFilter(filter: QueueFilter): QueueFilter {
  return filterFromRoute(filterToRoute(filter))
}

export function queueFromRoute(query: LocationQuery): QueueState {
  return {
    page: positive(single(query.page), 1, 1_000_000),
    page_size: positive(single(query.page_size), DEFAULT_PAGE_SIZE, 200),
    ...filterFromRoute(query),
  }
}

export function queueToRoute(state: QueueState): Record<string, string> {
  const out = filterToRoute(state)
  if (state.page !== 1) out.page = String(state.page)
  if (state.page_size !== DEFAULT_PAGE_SIZE) out.page_size = String(state.page_size)
  return out
}

/** The filter part of a queue state (no paging). */
export function filterOf(state: QueueFilter): QueueFilter {
  // cleanFilter keeps the filter's own fields only: page and page_size are not among them
  return cleanFilter(state)
}

// ---------------------------------------------------------------------------------------------------------------
// What the API receives

/** `2026-03-01` → `2026-03-01T00:00:00+08:00`; with `after`, the start of the next day (an exclusive end). */
export function dayStart(day: string, after = false): string {
  if (!DAY.test(day)) return day
  if (!after) return `${day}T00:00:00+08:00`
  const next = new Date(`${day}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return `${next.toISOString().slice(0, 10)}T00:00:00+08:00`
}

/** The filter's fields as the API names them, days turned into times. */
function apiFilter(filter: QueueFilter): QueueApiQuery {
  const clean = cleanFilter(filter)
  const out: QueueApiQuery = {}
  for (const key of ['status', 'session_id', 'q', 'level_id', 'category_id', 'specialty_id', 'org_id', 'rule_code'] as const) {
    if (clean[key]) out[key] = clean[key]
  }
  for (const key of BOOL_KEYS) if (clean[key] !== undefined) out[key] = clean[key]
  if (clean.severity) out.severity = clean.severity
  if (clean.special) out.special = clean.special
  if (clean.submitted_from) out.submitted_from = dayStart(clean.submitted_from)
  if (clean.submitted_to) out.submitted_to = dayStart(clean.submitted_to, true)
  return out
}

/** The list's query: the filter, the sort and the page. */
export function toListQuery(state: QueueState): QueueApiQuery {
  const out = apiFilter(state)
  if (state.sort && state.sort !== DEFAULT_SORT) out.sort = state.sort
  out.page = state.page
  out.page_size = state.page_size
  return out
}

/** The export's query: the filter and the sort (paging does not apply), and whether to show full ID numbers. */
export function toExportQuery(filter: QueueFilter, reveal: boolean): ExportApiQuery {
  const out: ExportApiQuery = apiFilter(filter)
  if (filter.sort && filter.sort !== DEFAULT_SORT) out.sort = filter.sort
  if (reveal) out.reveal = true
  return out
}

/** A batch decision's filter: the queue filter without sort and paging (the server takes the oldest first). */
export function toBatchFilter(filter: QueueFilter): BatchFilter {
  // the list's filter fields are exactly the batch filter's (apiFilter sets neither sort nor paging)
  const out: BatchFilter = apiFilter(filter)
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// For the filter bar

/** How many advanced filters are set (shown on the "advanced" toggle, so a hidden filter is never a surprise). */
export function advancedCount(filter: QueueFilter): number {
  const clean = cleanFilter(filter)
  return ADVANCED_KEYS.filter((key) => clean[key] !== undefined).length
}

/** Whether two filters select the same registrations (and sort them the same way). */
export function sameFilter(a: QueueFilter, b: QueueFilter): boolean {
  const x = filterToRoute(a)
  const y = filterToRoute(b)
  const keys = new Set([...Object.keys(x), ...Object.keys(y)])
  return [...keys].every((k) => x[k] === y[k])
}

/** A date picker's `[from, to]` days from the filter (time values are cut to their day). */
export function dayRange(filter: QueueFilter): [string, string] | null {
  const from = filter.submitted_from?.slice(0, 10)
  const to = filter.submitted_to?.slice(0, 10)
  return from && to ? [from, to] : null
}
