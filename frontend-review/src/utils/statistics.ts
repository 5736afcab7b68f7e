// The review statistics shaped for the dashboard and the queue's status badges: totals per status, the status
// funnel per review level, registrations per day (days without submissions count 0), the top specialties, reviewer
// throughput and the deadlines with their state. Pure functions; the charts only draw what these return.
import type { DayStat, DeadlineStat, ReviewerStat, SpecialtyStat, StatusLevelCount } from '@/api/types'
import { LEVEL_ORDER, PENDING_STATUSES } from './decision'

/** Statuses in funnel order: waiting, sent back, then the outcomes. */
export const STATUS_ORDER = ['submitted', 'resubmitted', 'returned', 'approved', 'awaiting_payment', 'paid', 'rejected', 'forfeited'] as const

function statusRank(status: string): number {
  const i = (STATUS_ORDER as readonly string[]).indexOf(status)
  return i < 0 ? STATUS_ORDER.length : i
}

/** How many registrations there are per status, over every level. */
export function statusTotals(byStatus: readonly StatusLevelCount[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const row of byStatus) out[row.status] = (out[row.status] ?? 0) + row.count
  return out
}

/** The statuses present, in funnel order, with their totals (for the queue's badges). */
export function statusBadges(byStatus: readonly StatusLevelCount[]): { status: string; count: number }[] {
  const totals = statusTotals(byStatus)
  return Object.keys(totals)
    .sort((a, b) => statusRank(a) - statusRank(b) || a.localeCompare(b))
    .map((status) => ({ status, count: totals[status] }))
}

/** How many wait for a decision at each level (submitted or resubmitted there). */
export function pendingByLevel(byStatus: readonly StatusLevelCount[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const row of byStatus) {
    if (row.current_level && (PENDING_STATUSES as readonly string[]).includes(row.status)) {
      out[row.current_level] = (out[row.current_level] ?? 0) + row.count
    }
  }
  return out
}

/** The key of "no level" in the funnel (a status that is not tied to a level). */
export const NO_LEVEL = '-'

export interface LevelFunnel {
  /** the review levels from the bottom of the chain up (unknown ones after them), then NO_LEVEL when present */
  levels: string[]
  /** one series per status, in funnel order; `counts[i]` belongs to `levels[i]` */
  series: { status: string; counts: number[] }[]
}

/** Status × level: at which level registrations wait, or which level last handled them. */
export function levelFunnel(byStatus: readonly StatusLevelCount[]): LevelFunnel {
  const levelSet = new Set<string>()
  const statusSet = new Set<string>()
  const cell = new Map<string, number>()
  for (const row of byStatus) {
    const level = row.current_level ?? NO_LEVEL
    levelSet.add(level)
    statusSet.add(row.status)
    const key = `${row.status}\u0000${level}`
    cell.set(key, (cell.get(key) ?? 0) + row.count)
  }
  const levelRank = (l: string) => (l === NO_LEVEL ? LEVEL_ORDER.length + 1 : LEVEL_ORDER.includes(l) ? LEVEL_ORDER.indexOf(l) : LEVEL_ORDER.length)
  const levels = [...levelSet].sort((a, b) => levelRank(a) - levelRank(b) || a.localeCompare(b))
  const statuses = [...statusSet].sort((a, b) => statusRank(a) - statusRank(b) || a.localeCompare(b))
  return {
    levels,
    series: statuses.map((status) => ({ status, counts: levels.map((level) => cell.get(`${status}\u0000${level}`) ?? 0) })),
  }
}

/** The longest run of days filled in with zeros; longer spans show only the days that have submissions. */
export const MAX_FILLED_DAYS = 366

/** Registrations submitted per day, oldest first, days without submissions as 0. */
export function dailySeries(byDay: readonly DayStat[]): { days: string[]; counts: number[] } {
  const counts = new Map<string, number>()
  for (const d of byDay) counts.set(d.day, (counts.get(d.day) ?? 0) + d.submitted)
  const known = [...counts.keys()].sort()
  if (known.length === 0) return { days: [], counts: [] }
  const first = new Date(`${known[0]}T00:00:00Z`)
  const last = new Date(`${known[known.length - 1]}T00:00:00Z`)
  const span = Math.round((last.getTime() - first.getTime()) / 86_400_000) + 1
  const days =
    span > MAX_FILLED_DAYS || Number.isNaN(span)
      ? known
      : Array.from({ length: span }, (_, i) => new Date(first.getTime() + i * 86_400_000).toISOString().slice(0, 10))
  return { days, counts: days.map((d) => counts.get(d) ?? 0) }
}

export interface SpecialtyRow {
  /** the specialty's id, null for registrations without a specialty (exams that have none) */
  id: string | null
  code: string | null
  name: string | null
  count: number
  approved: number
}

/** The `n` specialties with the most registrations (ties by code), and the rest summed up. */
export function topSpecialties(bySpecialty: readonly SpecialtyStat[], n: number): { top: SpecialtyRow[]; rest: { specialties: number; count: number; approved: number } } {
  const rows: SpecialtyRow[] = bySpecialty.map((s) => ({
    id: s.specialty_id ?? null,
    code: s.code ?? null,
    name: s.name ?? null,
    count: s.count,
    approved: s.approved,
  }))
  // most registrations first; ties by code, registrations without a specialty after those with one
  rows.sort((a, b) => b.count - a.count || Number(a.code === null) - Number(b.code === null) || (a.code ?? '').localeCompare(b.code ?? ''))
  const top = rows.slice(0, Math.max(0, n))
  const others = rows.slice(top.length)
  return {
    top,
    rest: {
      specialties: others.length,
      count: others.reduce((sum, r) => sum + r.count, 0),
      approved: others.reduce((sum, r) => sum + r.approved, 0),
    },
  }
}

/** `368 护理学` (code and name), or whichever of them there is. */
export function specialtyLabel(row: { code: string | null; name: string | null }, none: string): string {
  return [row.code, row.name].filter((v): v is string => Boolean(v)).join(' ') || none
}

export interface ReviewerRow extends ReviewerStat {
  total: number
}

/** Reviewers by how many decisions they made, most first (ties by name). */
export function reviewerRows(reviewers: readonly ReviewerStat[]): ReviewerRow[] {
  return reviewers
    .map((r) => ({ ...r, total: r.approved + r.returned + r.rejected }))
    .sort((a, b) => b.total - a.total || a.reviewer_name.localeCompare(b.reviewer_name))
}

/**
 * `overdue`: the deadline passed with work pending (the levels above take it over); `closed`: passed, nothing
 * pending; `soon`: closes within `soonDays` with work pending; `open` otherwise.
 */
export type DeadlineState = 'overdue' | 'closed' | 'soon' | 'open'

export interface DeadlineRow extends DeadlineStat {
  state: DeadlineState
}

export function deadlineRows(deadlines: readonly DeadlineStat[], now: Date, soonDays = 3): DeadlineRow[] {
  const soon = now.getTime() + soonDays * 86_400_000
  return deadlines
    .map((d) => {
      const closes = Date.parse(d.closes_at)
      const passed = closes <= now.getTime()
      const state: DeadlineState = d.overdue || (passed && d.pending > 0) ? 'overdue' : passed ? 'closed' : d.pending > 0 && closes <= soon ? 'soon' : 'open'
      return { ...d, state }
    })
    .sort(
      (a, b) =>
        Date.parse(a.closes_at) - Date.parse(b.closes_at) ||
        LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
        a.session_id.localeCompare(b.session_id),
    )
}

/** The queue's route query for a drill-down from the dashboard (the session filter carries over). */
export function drillDown(target: { status?: string; specialty_id?: string | null; overdue?: boolean }, sessionId?: string | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (sessionId) out.session_id = sessionId
  if (target.status) out.status = target.status
  if (target.specialty_id) out.specialty_id = target.specialty_id
  if (target.overdue) out.overdue = 'true'
  return out
}
