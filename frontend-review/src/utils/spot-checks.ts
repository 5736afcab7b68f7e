// Spot checks of approvals (审核结果核验) as pure functions: which levels can be sampled, the new check's form and
// its request body, who may judge, the reason rule checked before sending, what an overturn did, and progress.
// The server checks everything again.
import type { NewSpotCheck, Role, SpotCheckItem, SpotCheckSummary, SpotVerdict } from '@/api/types'
import { isRegionReviewer } from '@/router/access'
import { REASON_MAX, REASON_MIN, reasonLength } from './supplements'

export { REASON_MAX, REASON_MIN }

/** How many approvals one check may draw (the API takes 1–500). */
export const SAMPLE_MIN = 1
export const SAMPLE_MAX = 500
export const DEFAULT_SAMPLE = 20

export const VERDICTS: readonly SpotVerdict[] = ['confirm', 'overturn']

/** The levels whose approvals can be checked: every level of the session's review chain but the last. */
export function checkableLevels(chain: readonly string[]): string[] {
  return chain.slice(0, -1)
}

/** Exam-region reviewers draw samples and judge them; everyone else who opens the screen reads. */
export function canManageSpotChecks(role: Role | null, reviewLevel: string | null | undefined): boolean {
  return isRegionReviewer(role, reviewLevel)
}

/** An item still waiting for a verdict, for someone who may give one. */
export function canJudge(role: Role | null, reviewLevel: string | null | undefined, item: Pick<SpotCheckItem, 'verdict'>): boolean {
  return canManageSpotChecks(role, reviewLevel) && (item.verdict === null || item.verdict === undefined)
}

// ---------------------------------------------------------------------------------------------------------------
// The new check's form

export interface SpotCheckDraft {
  session_id: string
  level: string
  org_id: string | null
  reviewer_id: string | null
  /** Days (`YYYY-MM-DD`) in the exam office's time zone; both ends included. */
  approved_from: string | null
  approved_to: string | null
  sample_size: number | null
}

export function emptySpotCheckDraft(): SpotCheckDraft {
  return { session_id: '', level: '', org_id: null, reviewer_id: null, approved_from: null, approved_to: null, sample_size: DEFAULT_SAMPLE }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The start of a day in Asia/Shanghai: `2026-05-01` → `2026-05-01T00:00:00+08:00`. */
export function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`
}

/** The start of the next day in Asia/Shanghai (the API's `approved_to` is exclusive): `2026-05-31` → `2026-06-01T00:00:00+08:00`. */
export function dayAfter(day: string): string {
  const m = DAY.exec(day)
  if (!m) return dayStart(day)
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1))
  return dayStart(next.toISOString().slice(0, 10))
}

/** The form's own checks, as the server's field codes (`required`, `out_of_range`, `dates_out_of_order`). */
export function checkSpotCheckDraft(draft: SpotCheckDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (!draft.session_id) errors.session_id = ['required']
  if (!draft.level) errors.level = ['required']
  const n = draft.sample_size
  if (n === null || !Number.isInteger(n) || n < SAMPLE_MIN || n > SAMPLE_MAX) errors.sample_size = ['out_of_range']
  // days compare as text
  if (draft.approved_from && draft.approved_to && draft.approved_to < draft.approved_from) errors.approved_to = ['dates_out_of_order']
  return errors
}

/** The request body: optional filters left out when not chosen, days as Asia/Shanghai times. */
export function spotCheckBody(draft: SpotCheckDraft): NewSpotCheck {
  return {
    session_id: draft.session_id,
    level: draft.level,
    sample_size: draft.sample_size ?? DEFAULT_SAMPLE,
    ...(draft.org_id ? { org_id: draft.org_id } : {}),
    ...(draft.reviewer_id ? { reviewer_id: draft.reviewer_id } : {}),
    ...(draft.approved_from ? { approved_from: dayStart(draft.approved_from) } : {}),
    ...(draft.approved_to ? { approved_to: dayAfter(draft.approved_to) } : {}),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The verdict

export type VerdictReasonProblem = 'reason_required' | 'reason_length'

/** Overturning needs a reason (4–500 characters, trimmed); confirming may carry one. */
export function verdictReasonProblem(verdict: SpotVerdict, reason: string): VerdictReasonProblem | null {
  const n = reasonLength(reason)
  if (n === 0) return verdict === 'overturn' ? 'reason_required' : null
  return n < REASON_MIN || n > REASON_MAX ? 'reason_length' : null
}

export function verdictBody(verdict: SpotVerdict, reason: string): { verdict: SpotVerdict; reason: string | null } {
  const text = reason.trim()
  return { verdict, reason: text === '' ? null : text }
}

/** What an overturn did, as a message key and the `<why>` of `recorded_only:<why>`. */
export function effectKey(effect: string | null | undefined): { key: string; why?: string } | null {
  if (!effect) return null
  if (effect === 'moved_to_region' || effect === 'already_at_region') return { key: effect }
  if (effect.startsWith('recorded_only:')) return { key: 'recorded_only', why: effect.slice('recorded_only:'.length) }
  return { key: 'unknown' }
}

/** Items judged so far and the share of the sample, in whole percent (rounded down). */
export function progress(summary: Pick<SpotCheckSummary, 'items' | 'confirmed' | 'overturned'>): { checked: number; percent: number } {
  const checked = summary.confirmed + summary.overturned
  return { checked, percent: summary.items > 0 ? Math.floor((checked * 100) / summary.items) : 0 }
}
