// The national–provincial comparison (国网/省网比对) as pure functions: the kinds, states and resolutions the
// contract names (every one has words in each language under `comparison.*`), the list's filter as the URL keeps
// it and as the API takes it, the resolve form's rules, and the answers of an import and a run read defensively
// (the contract types a run's `found` and an import's `errors` as free JSON).
import type { LocationQuery } from 'vue-router'
import type { paths } from '@/api/schema'
import type { AnomalyKindCount, AnomalyView, ResolveAnomalyRequest, Role } from '@/api/types'
import type { Translator } from '@/i18n/describe'
import { canDo } from '@/router/access'
import { FILE_NAME_MAX } from './library-import'
import { humanize } from './form-sections'

/** The kinds of anomaly (`AnomalyView.kind`), in the order reviewers usually work them. */
export const ANOMALY_KINDS = [
  'only_national',
  'only_provincial',
  'identity_mismatch',
  'status_mismatch',
  'payment_mismatch',
  'field_difference',
] as const
export type AnomalyKind = (typeof ANOMALY_KINDS)[number]

/** An anomaly's state (`AnomalyView.state`): `gone` when the latest run no longer finds it. */
export const ANOMALY_STATES = ['open', 'resolved', 'gone'] as const
export type AnomalyState = (typeof ANOMALY_STATES)[number]

/** The list's state filter: one state, or `all`. The API's default is `open`. */
export const STATE_FILTERS = ['open', 'resolved', 'gone', 'all'] as const
export type StateFilter = (typeof STATE_FILTERS)[number]
export const DEFAULT_STATE: StateFilter = 'open'

/** How a reviewer settles an anomaly (`ResolveRequest.resolution`); `other` needs a note. */
export const RESOLUTIONS = ['corrected_provincial', 'corrected_national', 'confirmed_correct', 'other'] as const
export type Resolution = (typeof RESOLUTIONS)[number]

/** The differing field of an anomaly (`AnomalyView.field`; empty for the kinds that concern the whole person). */
export const ANOMALY_FIELDS = ['name', 'level_code', 'specialty_code', 'site_code'] as const

/** Statuses in the vocabulary both systems share (the values of a `status_mismatch`). */
export const SHARED_STATUSES = ['in_review', 'approved', 'rejected', 'withdrawn'] as const

/** The two values of a `payment_mismatch`. */
export const PAYMENT_VALUES = ['paid', 'unpaid'] as const

/** The server keeps at most this many characters of a note. */
export const NOTE_MAX = 500

export const PAGE_SIZES = [20, 50, 100, 200] as const
export const DEFAULT_PAGE_SIZE = 50

const isOneOf = <T extends string>(value: unknown, allowed: readonly T[]): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)

// ---------------------------------------------------------------------------------------------------------------
// Who may do what (the server checks again)

/** Loading the national export and running the comparison: region administrators. */
export function canRunComparison(role: Role | null): boolean {
  return canDo('compare', role)
}

/** Resolving anomalies: reviewers at the exam region (region administrators read, they do not resolve). */
export function canResolveAnomalies(role: Role | null, reviewLevel: string | null | undefined): boolean {
  return canDo('resolveAnomaly', role) && reviewLevel === 'region'
}

/** Whether a row offers the resolve action: only open anomalies are resolved. */
export function resolvable(anomaly: Pick<AnomalyView, 'state'>, mayResolve: boolean): boolean {
  return mayResolve && anomaly.state === 'open'
}

// ---------------------------------------------------------------------------------------------------------------
// Words for the contract's values (unknown values are shown readably rather than as keys)

const word = (i18n: Translator, key: string, fallback: string) => (i18n.te(key) ? i18n.t(key) : fallback)

export function kindTitle(kind: string, i18n: Translator): string {
  return word(i18n, `comparison.kinds.${kind}.title`, humanize(kind))
}

/** What a kind means, in plain words (an unknown kind gets a general sentence). */
export function kindExplanation(kind: string, i18n: Translator): string {
  return word(i18n, `comparison.kinds.${kind}.explain`, i18n.t('comparison.unknownKind'))
}

export function stateLabel(state: string, i18n: Translator): string {
  return word(i18n, `comparison.states.${state}`, humanize(state))
}

export function resolutionLabel(resolution: string, i18n: Translator): string {
  return word(i18n, `comparison.resolutions.${resolution}.label`, humanize(resolution))
}

export function resolutionExplanation(resolution: string, i18n: Translator): string {
  return word(i18n, `comparison.resolutions.${resolution}.explain`, '')
}

/** The differing field; none for the kinds about the whole person. */
export function fieldLabel(field: string, i18n: Translator): string {
  if (!field) return i18n.t('common.none')
  return word(i18n, `comparison.fields.${field}`, field)
}

const statusWord = (status: string, i18n: Translator) => word(i18n, `comparison.statuses.${status}`, status)

/**
 * One side's value as a person reads it: statuses and payment in words; the `only_*` kinds carry
 * "name status", shown as "name（status）"; codes (level, specialty, site) and names as they are.
 */
export function valueText(kind: string, value: string | null | undefined, i18n: Translator): string {
  if (value === null || value === undefined || value === '') return i18n.t('common.none')
  if (kind === 'status_mismatch') return statusWord(value, i18n)
  if (kind === 'payment_mismatch') return word(i18n, `comparison.payment.${value}`, value)
  if (kind === 'only_national' || kind === 'only_provincial') {
    const space = value.lastIndexOf(' ')
    if (space > 0) return i18n.t('comparison.nameWithStatus', { name: value.slice(0, space), status: statusWord(value.slice(space + 1), i18n) })
  }
  return value
}

// ---------------------------------------------------------------------------------------------------------------
// The list's filter: in the URL, and as the API takes it

/** What the list shows; a session is required before anything is asked. */
export interface AnomalyFilter {
  session_id?: string
  kind?: AnomalyKind
  state: StateFilter
  /** a name prefix or a full ID number */
  q?: string
}

export interface AnomalyListState extends AnomalyFilter {
  page: number
  page_size: number
}

export type AnomalyApiQuery = NonNullable<paths['/api/v1/review/comparison-anomalies']['get']['parameters']['query']>
export type AnomalyExportQuery = NonNullable<paths['/api/v1/review/comparison-anomalies/export']['get']['parameters']['query']>

function single(value: LocationQuery[string] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined
}

function positive(value: string | undefined, fallback: number, max: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback
}

/** The list's state from a route query; unknown kinds and states are dropped rather than sent to the server. */
export function anomalyStateFromRoute(query: LocationQuery): AnomalyListState {
  const state: AnomalyListState = { state: DEFAULT_STATE, page: positive(single(query.page), 1, 100_000), page_size: DEFAULT_PAGE_SIZE }
  const session = single(query.session_id)
  if (session) state.session_id = session
  const kind = single(query.kind)
  if (isOneOf(kind, ANOMALY_KINDS)) state.kind = kind
  const filter = single(query.state)
  if (isOneOf(filter, STATE_FILTERS)) state.state = filter
  const q = single(query.q)
  if (q) state.q = q
  const size = Number(single(query.page_size))
  if ((PAGE_SIZES as readonly number[]).includes(size)) state.page_size = size
  return state
}

/** The route query of a list state: only what differs from the defaults. */
export function anomalyStateToRoute(state: AnomalyListState): Record<string, string> {
  const out: Record<string, string> = {}
  if (state.session_id) out.session_id = state.session_id
  if (state.kind) out.kind = state.kind
  if (state.state !== DEFAULT_STATE) out.state = state.state
  const q = state.q?.trim()
  if (q) out.q = q
  if (state.page > 1) out.page = String(state.page)
  if (state.page_size !== DEFAULT_PAGE_SIZE) out.page_size = String(state.page_size)
  return out
}

/** The filter's part of the query (the state is always sent: `all` must be, and `open` is then explicit). */
function filterQuery(filter: AnomalyFilter & { session_id: string }): AnomalyExportQuery {
  const query: AnomalyExportQuery = { session_id: filter.session_id, state: filter.state }
  if (filter.kind) query.kind = filter.kind
  const q = filter.q?.trim()
  if (q) query.q = q
  return query
}

/** The list operation's query; null without a session (the API requires one). */
export function toAnomalyQuery(state: AnomalyListState): AnomalyApiQuery | null {
  if (!state.session_id) return null
  return { ...filterQuery({ ...state, session_id: state.session_id }), page: state.page, page_size: state.page_size }
}

/** The export's query: the same filter, every page; null without a session. */
export function toAnomalyExportQuery(filter: AnomalyFilter): AnomalyExportQuery | null {
  if (!filter.session_id) return null
  return filterQuery({ ...filter, session_id: filter.session_id })
}

// ---------------------------------------------------------------------------------------------------------------
// Counts

export interface KindCountRow {
  kind: string
  open: number
  resolved: number
  gone: number
  total: number
}

const rank = (kind: string) => {
  const i = (ANOMALY_KINDS as readonly string[]).indexOf(kind)
  return i < 0 ? ANOMALY_KINDS.length : i
}

const byKindOrder = <T>(items: readonly T[], kindOf: (item: T) => string): T[] =>
  items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => rank(kindOf(a.item)) - rank(kindOf(b.item)) || a.i - b.i)
    .map(({ item }) => item)

/** Every kind the server counted, known kinds in order then any others, with each kind's total. */
export function countRows(counts: readonly AnomalyKindCount[]): KindCountRow[] {
  return byKindOrder(counts, (c) => c.kind).map((c) => ({ kind: c.kind, open: c.open, resolved: c.resolved, gone: c.gone, total: c.open + c.resolved + c.gone }))
}

/** The session's anomalies by state, over all kinds. */
export function countTotals(counts: readonly AnomalyKindCount[]): Record<AnomalyState | 'all', number> {
  const totals = { open: 0, resolved: 0, gone: 0, all: 0 }
  for (const c of counts) {
    totals.open += c.open
    totals.resolved += c.resolved
    totals.gone += c.gone
  }
  totals.all = totals.open + totals.resolved + totals.gone
  return totals
}

// ---------------------------------------------------------------------------------------------------------------
// A run's and an import's answers

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const count = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0)

/** A run's `found` (anomalies per kind) as rows: every known kind (0 when absent), then any others it names. */
export function foundByKind(found: unknown): { kind: string; count: number }[] {
  const record = isRecord(found) ? found : {}
  const kinds = [...ANOMALY_KINDS, ...Object.keys(record).filter((k) => !isOneOf(k, ANOMALY_KINDS))]
  return kinds.map((kind) => ({ kind, count: count(record[kind]) }))
}

export function foundTotal(found: unknown): number {
  return foundByKind(found).reduce((sum, k) => sum + k.count, 0)
}

/** One refused row of an import (row 0 or an empty column: the problem is not tied to one cell). */
export interface ImportRowError {
  row: number
  column: string
  code: string
  message: string
}

/** An import's `errors` (`{row, column, code, message}` each); entries without a code are left out. */
export function importRowErrors(errors: unknown): ImportRowError[] {
  if (!Array.isArray(errors)) return []
  return errors.flatMap((e) => {
    if (!isRecord(e) || typeof e.code !== 'string') return []
    return [{ row: count(e.row), column: typeof e.column === 'string' ? e.column : '', code: e.code, message: typeof e.message === 'string' ? e.message : '' }]
  })
}

/** The body's media type for an uploaded file, by its name (shared with the other imports: utils/upload). */
export { uploadContentType } from './upload'

/** The file's name for the record, cut to what the server keeps; undefined when blank. */
export function importFileName(fileName: string): string | undefined {
  const name = [...fileName.trim()].slice(0, FILE_NAME_MAX).join('')
  return name || undefined
}

// ---------------------------------------------------------------------------------------------------------------
// The resolve form

export interface ResolveDraft {
  resolution: string
  note: string
}

/** What is wrong with a draft; the codes are the server's own where it has one (`errors.fields.*`). */
export interface ResolveErrors {
  resolution?: 'resolution_required' | 'resolution_unknown'
  note?: 'note_required' | 'note_too_long'
}

export type ResolveCheck = { ok: true; body: ResolveAnomalyRequest } | { ok: false; errors: ResolveErrors }

/**
 * Checks a draft before it is sent: a known resolution; a note (trimmed) of at most 500 characters, required for
 * `other`. The body carries the note only when there is one.
 */
export function checkResolution(draft: ResolveDraft): ResolveCheck {
  const errors: ResolveErrors = {}
  if (!draft.resolution) errors.resolution = 'resolution_required'
  else if (!isOneOf(draft.resolution, RESOLUTIONS)) errors.resolution = 'resolution_unknown'
  const note = draft.note.trim()
  if (draft.resolution === 'other' && !note) errors.note = 'note_required'
  else if ([...note].length > NOTE_MAX) errors.note = 'note_too_long'
  if (errors.resolution || errors.note) return { ok: false, errors }
  return { ok: true, body: note ? { resolution: draft.resolution, note } : { resolution: draft.resolution } }
}

/** Whether a resolution asks for a note (the form marks the field required). */
export function noteRequired(resolution: string): boolean {
  return resolution === 'other'
}
