// The operations reports as pure functions: the kinds, the list's filter as the URL keeps it, and the report
// bodies read defensively. The contract types a report as free JSON (`{kind, at, report}` as each command wrote
// it), so each kind's reader takes what it recognises and says when the body is not what it knows (the screen
// then shows the JSON as it is).
import type { LocationQuery } from 'vue-router'
import type { Translator } from '@/i18n/describe'
import { humanize } from './form-sections'

/** The kinds the server writes today (`ReportEntry.kind`); others may come later and are shown as JSON. */
export const REPORT_KINDS = [
  'backup',
  'restore-drill',
  'security-patrol',
  'preseason-inspection',
  'db-inspection',
  'cleanup',
  'season-archive',
] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

/** A patrol finding's level (`report.findings[].level`). */
export const PATROL_LEVELS = ['fail', 'warn', 'pass'] as const
export type PatrolLevel = (typeof PATROL_LEVELS)[number] | 'unknown'

/** The checks of a security patrol, as the patrol names them (each has words in both languages). */
export const PATROL_CHECKS = [
  'accounts_without_totp',
  'dormant_accounts',
  'privileged_accounts',
  'locked_accounts',
  'failed_login_bursts',
  'unusual_exports',
  'client_volume',
  'permission_changes',
  'audit_chain',
  'audit_anchors',
] as const

/** The checks of a restore drill (`report.checks[].name`). */
export const DRILL_CHECKS = ['dump_checksum', 'database_restored', 'row_counts', 'attachments', 'audit_chain', 'sample_registration'] as const

/** The items of the pre-season and database inspections (`report.items[].item`; each has words in both languages). */
export const INSPECTION_ITEMS = [
  'exam_sessions',
  'reason_catalog',
  'payment_center',
  'mail',
  'sms',
  'object_store',
  'disk_data',
  'disk_backups',
  'database_size',
  'table_bloat',
  'hot_indexes',
  'secrets',
  'backup_freshness',
  'restore_drill',
  'top_statements',
  'slow_statements',
  'throughput',
  'cache_hit_ratio',
  'index_usage',
  'unused_indexes',
  'sequential_scans',
  'long_transactions',
  'lock_waits',
  'connections',
  'since_previous',
] as const

/** The data classes of `weikao cleanup expired` (`report.classes[].class`). */
export const CLEANUP_CLASSES = [
  'auth_sessions',
  'verification_codes',
  'outbox',
  'jobs',
  'superseded_materials',
  'drafts',
  'reports',
  'library_archive',
  'national_imports',
  'library_expired',
] as const

/** Evidence entries shown before "show all". */
export const EVIDENCE_SHOWN = 10

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isOneOf = <T extends string>(value: unknown, allowed: readonly T[]): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null)
const seconds = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null)
const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value))
const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)
/** A whole number that may be negative (a growth). */
const integer = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null)
const ratio = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : null)
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.map(text).filter((e) => e.length > 0) : [])

// ---------------------------------------------------------------------------------------------------------------
// The list's state in the URL

export interface ReportsState {
  /** one kind, or every kind */
  kind?: string
  /** the report open in the detail */
  name?: string
}

function single(value: LocationQuery[string] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined
}

/** The screen's state from a route query; a kind is any lower-case word with dashes (the server's own rule). */
export function reportsStateFromRoute(query: LocationQuery): ReportsState {
  const state: ReportsState = {}
  const kind = single(query.kind)
  if (kind && /^[a-z][a-z-]*$/.test(kind)) state.kind = kind
  const name = single(query.name)
  if (name) state.name = name
  return state
}

/** The filter's kinds: the known ones in order, then any other the list or the URL has (a kind added later). */
export function filterKinds(listed: readonly { kind: string }[], current?: string): string[] {
  const kinds: string[] = [...REPORT_KINDS]
  for (const kind of [...listed.map((r) => r.kind), ...(current ? [current] : [])]) if (kind && !kinds.includes(kind)) kinds.push(kind)
  return kinds
}

export function reportsStateToRoute(state: ReportsState): Record<string, string> {
  const out: Record<string, string> = {}
  if (state.kind) out.kind = state.kind
  if (state.name) out.name = state.name
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// The envelope

export interface ReportDoc {
  kind: string
  /** when it was written (ISO 8601), empty when the body does not say */
  at: string
  report: unknown
}

/** `{kind, at, report}`; a body that is not an object becomes a report of no kind. */
export function readReport(body: unknown): ReportDoc {
  if (!isRecord(body)) return { kind: '', at: '', report: body }
  return { kind: typeof body.kind === 'string' ? body.kind : '', at: typeof body.at === 'string' ? body.at : '', report: body.report }
}

// ---------------------------------------------------------------------------------------------------------------
// Security patrol: {at, failed, warnings, findings: [{check, level, summary, advice, evidence: [..]}]}

export interface PatrolFinding {
  check: string
  level: PatrolLevel
  summary: string
  advice: string
  evidence: string[]
}

export interface PatrolReport {
  failed: number
  warnings: number
  findings: PatrolFinding[]
}

const LEVEL_RANK: Record<PatrolLevel, number> = { fail: 0, warn: 1, unknown: 2, pass: 3 }

/** Failures first, then warnings, then passes, each in the report's order. */
function byLevel<T extends { level: PatrolLevel }>(list: T[]): T[] {
  return list
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => LEVEL_RANK[a.entry.level] - LEVEL_RANK[b.entry.level] || a.i - b.i)
    .map(({ entry }) => entry)
}

/**
 * A patrol's findings, failures first, then warnings, then passes (each in the patrol's order); the counts as
 * the report gives them, else counted from the findings. Null when the body has no list of findings.
 */
export function readPatrol(report: unknown): PatrolReport | null {
  if (!isRecord(report) || !Array.isArray(report.findings)) return null
  const findings = byLevel(
    report.findings.flatMap((f): PatrolFinding[] =>
      isRecord(f)
        ? [{ check: text(f.check), level: isOneOf(f.level, PATROL_LEVELS) ? f.level : 'unknown', summary: text(f.summary), advice: text(f.advice), evidence: texts(f.evidence) }]
        : [],
    ),
  )
  return {
    failed: count(report.failed) ?? findings.filter((f) => f.level === 'fail').length,
    warnings: count(report.warnings) ?? findings.filter((f) => f.level === 'warn').length,
    findings,
  }
}

/** The evidence shown at first, and how many more there are. */
export function evidenceShown(evidence: readonly string[], all: boolean, max = EVIDENCE_SHOWN): { shown: string[]; more: number } {
  if (all || evidence.length <= max) return { shown: [...evidence], more: 0 }
  return { shown: evidence.slice(0, max), more: evidence.length - max }
}

// ---------------------------------------------------------------------------------------------------------------
// Restore drill: {backup, restored_database, restored_objects, ok, checks: [{name, ok, detail}], seconds}

export interface DrillCheck {
  name: string
  /** null when the body does not say */
  ok: boolean | null
  detail: string
}

export interface DrillReport {
  /** the drill's verdict; null when the body does not say */
  ok: boolean | null
  backup: string
  restoredDatabase: string
  seconds: number | null
  checks: DrillCheck[]
}

/** A drill's checks in its order; null when the body has no list of checks. */
export function readDrill(report: unknown): DrillReport | null {
  if (!isRecord(report) || !Array.isArray(report.checks)) return null
  const checks = report.checks.flatMap((c): DrillCheck[] => (isRecord(c) ? [{ name: text(c.name), ok: flag(c.ok), detail: text(c.detail) }] : []))
  return { ok: flag(report.ok), backup: text(report.backup), restoredDatabase: text(report.restored_database), seconds: seconds(report.seconds), checks }
}

/** How many of a drill's checks failed (a check that does not say is not counted as passed). */
export function drillFailures(drill: DrillReport): number {
  return drill.checks.filter((c) => c.ok !== true).length
}

// ---------------------------------------------------------------------------------------------------------------
// Backup: {dir, seconds, pruned, database: {bytes, sha256, tables: {name: rows}}, attachments: {count, bytes, copied, missing: []}}

export interface BackupReport {
  dir: string
  seconds: number | null
  pruned: number | null
  databaseBytes: number | null
  databaseSha256: string
  /** tables in the dump (null when the body does not list them) */
  tables: number | null
  /** rows over every table */
  rows: number | null
  attachments: number | null
  attachmentBytes: number | null
  copied: number | null
  missing: string[]
}

/** A backup's summary; null when the body has neither a database nor an attachments part. */
export function readBackup(report: unknown): BackupReport | null {
  if (!isRecord(report)) return null
  const database = isRecord(report.database) ? report.database : null
  const attachments = isRecord(report.attachments) ? report.attachments : null
  if (!database && !attachments) return null
  const tables = database && isRecord(database.tables) ? Object.values(database.tables) : null
  return {
    dir: text(report.dir),
    seconds: seconds(report.seconds),
    pruned: count(report.pruned),
    databaseBytes: count(database?.bytes),
    databaseSha256: text(database?.sha256),
    tables: tables ? tables.length : null,
    rows: tables ? tables.reduce<number>((sum, n) => sum + (count(n) ?? 0), 0) : null,
    attachments: count(attachments?.count),
    attachmentBytes: count(attachments?.bytes),
    copied: count(attachments?.copied),
    missing: Array.isArray(attachments?.missing) ? attachments.missing.map(text) : [],
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Inspections (pre-season and database): {at, failed, warnings, items: [{item, level, detail, advice, evidence?}]}

/** One item of an inspection's checklist. */
export interface ChecklistItem {
  item: string
  level: PatrolLevel
  detail: string
  advice: string
  /** empty when the item has none (the pre-season inspection never has any) */
  evidence: string[]
}

export interface InspectionReport {
  failed: number
  warnings: number
  items: ChecklistItem[]
}

/**
 * An inspection's items, failures first (as a patrol's findings); the counts as the report gives them, else
 * counted from the items. Null when the body has no list of items.
 */
export function readInspection(report: unknown): InspectionReport | null {
  if (!isRecord(report) || !Array.isArray(report.items)) return null
  const items = byLevel(
    report.items.flatMap((i): ChecklistItem[] =>
      isRecord(i)
        ? [{ item: text(i.item), level: isOneOf(i.level, PATROL_LEVELS) ? i.level : 'unknown', detail: text(i.detail), advice: text(i.advice), evidence: texts(i.evidence) }]
        : [],
    ),
  )
  return {
    failed: count(report.failed) ?? items.filter((i) => i.level === 'fail').length,
    warnings: count(report.warnings) ?? items.filter((i) => i.level === 'warn').length,
    items,
  }
}

// Database inspection: the items, plus {previous, comparison, snapshot}

/** The database's statistics when the inspection ran (the figures the screen shows; the report has more). */
export interface DbSnapshot {
  at: string
  databaseBytes: number | null
  commits: number | null
  rollbacks: number | null
  blocksHit: number | null
  blocksRead: number | null
  connections: number | null
  maxConnections: number | null
}

/** What changed since the previous inspection. */
export interface DbComparison {
  previousAt: string
  days: number | null
  /** null when the statistics were reset in between */
  commitsPerSecond: number | null
  /** negative when the database shrank */
  databaseGrowthBytes: number | null
  cacheHitRatioThen: number | null
  cacheHitRatioNow: number | null
  /** the tables whose live rows changed the most */
  tableGrowth: { table: string; then: number; now: number }[]
  slowerStatements: string[]
  newInTop: string[]
}

export interface DbInspectionReport extends InspectionReport {
  /** the previous report's file name; empty when there was none */
  previous: string
  comparison: DbComparison | null
  snapshot: DbSnapshot | null
  /** blocks found in the cache over all blocks asked for (null before any block was read) */
  cacheHitRatio: number | null
}

/** The share of blocks found in the cache; null when nothing was read or the figures are missing. */
export function cacheHitRatio(hit: number | null, read: number | null): number | null {
  if (hit === null || read === null || hit + read === 0) return null
  return hit / (hit + read)
}

function readSnapshot(value: unknown): DbSnapshot | null {
  if (!isRecord(value)) return null
  return {
    at: text(value.at),
    databaseBytes: count(value.database_bytes),
    commits: count(value.commits),
    rollbacks: count(value.rollbacks),
    blocksHit: count(value.blocks_hit),
    blocksRead: count(value.blocks_read),
    connections: count(value.connections),
    maxConnections: count(value.max_connections),
  }
}

function readComparison(value: unknown): DbComparison | null {
  if (!isRecord(value)) return null
  const tableGrowth = Array.isArray(value.table_growth)
    ? value.table_growth.flatMap((row): DbComparison['tableGrowth'] => {
        if (!Array.isArray(row) || typeof row[0] !== 'string') return []
        const [then, now] = [count(row[1]), count(row[2])]
        return then === null || now === null ? [] : [{ table: row[0], then, now }]
      })
    : []
  return {
    previousAt: text(value.previous_at),
    days: seconds(value.days),
    commitsPerSecond: seconds(value.commits_per_second),
    databaseGrowthBytes: integer(value.database_growth_bytes),
    cacheHitRatioThen: ratio(value.cache_hit_ratio_then),
    cacheHitRatioNow: ratio(value.cache_hit_ratio_now),
    tableGrowth,
    slowerStatements: texts(value.slower_statements),
    newInTop: texts(value.new_in_top),
  }
}

/** A database inspection: its items (as any inspection's), the key figures and the comparison; null without items. */
export function readDbInspection(report: unknown): DbInspectionReport | null {
  const inspection = readInspection(report)
  if (!inspection || !isRecord(report)) return null
  const snapshot = readSnapshot(report.snapshot)
  return {
    ...inspection,
    previous: typeof report.previous === 'string' ? report.previous : '',
    comparison: readComparison(report.comparison),
    snapshot,
    cacheHitRatio: snapshot ? cacheHitRatio(snapshot.blocksHit, snapshot.blocksRead) : null,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cleanup of expired data: {at, apply, actor, classes: [{class, retention_days, cutoff, rows, objects, detail}],
// total_rows, total_objects}

export interface CleanupClass {
  class: string
  /** null when the class has no retention of its own (the reference libraries' expiry rules) */
  retentionDays: number | null
  /** data older than this is past retention (ISO 8601) */
  cutoff: string
  /** rows (or report files) past retention: counted in a dry run, removed otherwise */
  rows: number | null
  /** files in the object store that go with them */
  objects: number | null
  detail: string
}

export interface CleanupReport {
  /** true: removed; false: a dry run that removed nothing; null when the body does not say */
  apply: boolean | null
  actor: string
  classes: CleanupClass[]
  totalRows: number
  totalObjects: number
}

/** A cleanup's classes in the report's order, the totals as given (else summed); null without a list of classes. */
export function readCleanup(report: unknown): CleanupReport | null {
  if (!isRecord(report) || !Array.isArray(report.classes)) return null
  const classes = report.classes.flatMap((c): CleanupClass[] => {
    if (!isRecord(c)) return []
    const days = count(c.retention_days)
    return [{ class: text(c.class), retentionDays: days ? days : null, cutoff: text(c.cutoff), rows: count(c.rows), objects: count(c.objects), detail: text(c.detail) }]
  })
  return {
    apply: flag(report.apply),
    actor: text(report.actor),
    classes,
    totalRows: count(report.total_rows) ?? classes.reduce((sum, c) => sum + (c.rows ?? 0), 0),
    totalObjects: count(report.total_objects) ?? classes.reduce((sum, c) => sum + (c.objects ?? 0), 0),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Season archive: {at, session_id, session_name, registrations, versions, findings, actions, materials,
// objects_moved, bytes, manifest_key, manifest_sha256, seconds}

export interface SeasonArchiveReport {
  sessionId: string
  sessionName: string
  registrations: number | null
  versions: number | null
  findings: number | null
  actions: number | null
  materials: number | null
  objectsMoved: number | null
  bytes: number | null
  manifestKey: string
  manifestSha256: string
  seconds: number | null
}

/** A season's archive; null when the body names neither the session nor the manifest. */
export function readSeasonArchive(report: unknown): SeasonArchiveReport | null {
  if (!isRecord(report)) return null
  const archive: SeasonArchiveReport = {
    sessionId: text(report.session_id),
    sessionName: text(report.session_name),
    registrations: count(report.registrations),
    versions: count(report.versions),
    findings: count(report.findings),
    actions: count(report.actions),
    materials: count(report.materials),
    objectsMoved: count(report.objects_moved),
    bytes: count(report.bytes),
    manifestKey: text(report.manifest_key),
    manifestSha256: text(report.manifest_sha256),
    seconds: seconds(report.seconds),
  }
  return archive.sessionId || archive.sessionName || archive.manifestKey ? archive : null
}

// ---------------------------------------------------------------------------------------------------------------
// One report as the screen shows it

export type ReportView =
  | { type: 'security-patrol'; patrol: PatrolReport }
  | { type: 'restore-drill'; drill: DrillReport }
  | { type: 'backup'; backup: BackupReport }
  | { type: 'preseason-inspection'; inspection: InspectionReport }
  | { type: 'db-inspection'; inspection: DbInspectionReport }
  | { type: 'cleanup'; cleanup: CleanupReport }
  | { type: 'season-archive'; archive: SeasonArchiveReport }
  /** any other kind, or a known kind whose body is not what its reader knows */
  | { type: 'json'; json: string }

/** Formatted JSON (two spaces), for what no reader knows. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return ''
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}

/** How a report is shown: its kind's reader when it knows the body, formatted JSON otherwise. */
export function reportView(doc: ReportDoc): ReportView {
  if (doc.kind === 'security-patrol') {
    const patrol = readPatrol(doc.report)
    if (patrol) return { type: 'security-patrol', patrol }
  } else if (doc.kind === 'restore-drill') {
    const drill = readDrill(doc.report)
    if (drill) return { type: 'restore-drill', drill }
  } else if (doc.kind === 'backup') {
    const backup = readBackup(doc.report)
    if (backup) return { type: 'backup', backup }
  } else if (doc.kind === 'preseason-inspection') {
    const inspection = readInspection(doc.report)
    if (inspection) return { type: 'preseason-inspection', inspection }
  } else if (doc.kind === 'db-inspection') {
    const inspection = readDbInspection(doc.report)
    if (inspection) return { type: 'db-inspection', inspection }
  } else if (doc.kind === 'cleanup') {
    const cleanup = readCleanup(doc.report)
    if (cleanup) return { type: 'cleanup', cleanup }
  } else if (doc.kind === 'season-archive') {
    const archive = readSeasonArchive(doc.report)
    if (archive) return { type: 'season-archive', archive }
  }
  return { type: 'json', json: prettyJson(doc.report) }
}

// ---------------------------------------------------------------------------------------------------------------
// Words and numbers

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** A size in bytes as people read it (1024 steps, one decimal from KB on): 1536 → `1.5 KB`; null → `—`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return '—'
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`
}

/** A signed size: `+1.5 KB`, `−2.0 MB`, `0 B`; null → `—`. */
export function formatGrowth(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '—'
  if (bytes === 0) return '0 B'
  return `${bytes > 0 ? '+' : '\u2212'}${formatBytes(Math.abs(bytes))}`
}

/** A share as a percentage with one decimal: 0.9987 → `99.9%`; null → `—`. */
export function formatPercent(share: number | null | undefined): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '—'
  return `${(share * 100).toFixed(1)}%`
}

const word = (i18n: Translator, key: string, fallback: string) => (i18n.te(key) ? i18n.t(key) : fallback)

export function kindLabel(kind: string, i18n: Translator): string {
  return word(i18n, `reports.kinds.${kind}`, humanize(kind))
}

export function patrolCheckLabel(check: string, i18n: Translator): string {
  return word(i18n, `reports.patrol.checks.${check}`, humanize(check))
}

export function drillCheckLabel(name: string, i18n: Translator): string {
  return word(i18n, `reports.drill.checks.${name}`, humanize(name))
}

/**
 * An inspection item's name: its words when the console knows the item, `考试：<name>` for a session's item
 * (`session: <name>`), anything else as the report writes it.
 */
export function inspectionItemLabel(item: string, i18n: Translator): string {
  const session = /^session: (.+)$/.exec(item)
  if (session) return i18n.t('reports.checklist.session', { name: session[1] })
  return /^[a-z][a-z0-9_]*$/.test(item) ? word(i18n, `reports.checklist.items.${item}`, humanize(item)) : item
}

/** A cleanup's data class in words; a class the console does not know is shown as the report writes it. */
export function cleanupClassLabel(code: string, i18n: Translator): string {
  return word(i18n, `reports.cleanup.classes.${code}`, code)
}

export function levelLabel(level: PatrolLevel, i18n: Translator): string {
  return i18n.t(`reports.patrol.levels.${level}`)
}
