// The operations reports as pure functions: the kinds, the list's filter as the URL keeps it, and the report
// bodies read defensively. The contract types a report as free JSON (`{kind, at, report}` as each command wrote
// it), so each kind's reader takes what it recognises and says when the body is not what it knows (the screen
// then shows the JSON as it is).
import type { LocationQuery } from 'vue-router'
import type { Translator } from '@/i18n/describe'
import { humanize } from './form-sections'

/** The kinds the server writes today (`ReportEntry.kind`); others may come later and are shown as JSON. */
export const REPORT_KINDS = ['backup', 'restore-drill', 'security-patrol'] as const
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

/** Evidence entries shown before "show all". */
export const EVIDENCE_SHOWN = 10

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isOneOf = <T extends string>(value: unknown, allowed: readonly T[]): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null)
const seconds = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null)
const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value))
const flag = (value: unknown): boolean | null => (typeof value === 'boolean' ? value : null)

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

/**
 * A patrol's findings, failures first, then warnings, then passes (each in the patrol's order); the counts as
 * the report gives them, else counted from the findings. Null when the body has no list of findings.
 */
export function readPatrol(report: unknown): PatrolReport | null {
  if (!isRecord(report) || !Array.isArray(report.findings)) return null
  const findings = report.findings
    .flatMap((f): PatrolFinding[] => {
      if (!isRecord(f)) return []
      const evidence = Array.isArray(f.evidence) ? f.evidence.map(text).filter((e) => e.length > 0) : []
      return [{ check: text(f.check), level: isOneOf(f.level, PATROL_LEVELS) ? f.level : 'unknown', summary: text(f.summary), advice: text(f.advice), evidence }]
    })
    .map((finding, i) => ({ finding, i }))
    .sort((a, b) => LEVEL_RANK[a.finding.level] - LEVEL_RANK[b.finding.level] || a.i - b.i)
    .map(({ finding }) => finding)
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
// One report as the screen shows it

export type ReportView =
  | { type: 'security-patrol'; patrol: PatrolReport }
  | { type: 'restore-drill'; drill: DrillReport }
  | { type: 'backup'; backup: BackupReport }
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

export function levelLabel(level: PatrolLevel, i18n: Translator): string {
  return i18n.t(`reports.patrol.levels.${level}`)
}
