// The schedule editor of an exam session (考试日程) as pure functions: the draft (windows as wall-clock minutes in
// the exam office's time zone), the review chain kept in order, the statuses a session may move to, the form's own
// checks (the server's field names and codes, so that both show in the same place) and the request body.
// The server checks everything again (backend core/src/sessions.rs).
import type { AdminSessionView, ScheduleRequest } from '@/api/types'
import { officeDateTime, officeToIso } from '@/utils/format'
import { REVIEW_LEVELS } from '@/utils/staff'

export const SESSION_STATUSES = ['draft', 'published', 'closed', 'archived'] as const

/** A window being edited: both ends as `YYYY-MM-DD HH:mm` in Beijing time, '' while empty. */
export interface WindowDraft {
  opens: string
  closes: string
}

export interface StageDraft extends WindowDraft {
  code: string
  name: string
}

export interface ScheduleDraft {
  /** lowest level first, ending at `region` */
  chain: string[]
  registration: WindowDraft
  /** a window per level, also for levels not in the chain (kept while a level is switched off and on again) */
  review: Record<string, WindowDraft>
  stages: StageDraft[]
  supplement: WindowDraft
  status: string
  auto_confirm_returning: boolean
}

const toWindow = (opens?: string | null, closes?: string | null): WindowDraft => ({ opens: officeDateTime(opens), closes: officeDateTime(closes) })

export function draftFromSession(s: AdminSessionView): ScheduleDraft {
  const review: Record<string, WindowDraft> = {}
  for (const level of REVIEW_LEVELS) review[level] = { opens: '', closes: '' }
  for (const w of s.review_windows) review[w.level] = toWindow(w.opens_at, w.closes_at)
  return {
    chain: orderChain(s.review_chain),
    registration: toWindow(s.registration_opens_at, s.registration_closes_at),
    review,
    stages: s.stages.map((st) => ({ code: st.code, name: st.name, ...toWindow(st.payment_opens_at, st.payment_closes_at) })),
    supplement: toWindow(s.supplement_opens_at, s.supplement_closes_at),
    status: s.status,
    auto_confirm_returning: s.auto_confirm_returning,
  }
}

/** Known levels in review order (point, site, region), unknown ones dropped. */
export function orderChain(levels: readonly string[]): string[] {
  return REVIEW_LEVELS.filter((l) => levels.includes(l))
}

/** The chain with a level switched on or off, still in order. */
export function toggleLevel(chain: readonly string[], level: string, on: boolean): string[] {
  return orderChain(on ? [...chain, level] : chain.filter((l) => l !== level))
}

/**
 * The statuses the editor offers from the current one: draft → published → closed, closed → published, and
 * published → draft (the server refuses it once anyone has registered). An archived session is final.
 */
export function statusOptions(current: string): string[] {
  switch (current) {
    case 'draft':
      return ['draft', 'published']
    case 'published':
      return ['draft', 'published', 'closed']
    case 'closed':
      return ['published', 'closed']
    default:
      return [current]
  }
}

export function isEditable(s: Pick<AdminSessionView, 'status'>): boolean {
  return s.status !== 'archived'
}

type Errors = Record<string, string[]>

function push(errors: Errors, field: string, code: string): void {
  ;(errors[field] ??= []).push(code)
}

/** A complete window's own checks under `field`: both ends, in order, not before registration opens. */
function checkWindow(errors: Errors, field: string, w: WindowDraft, registrationOpens: string | null): void {
  if (!w.opens || !w.closes) {
    push(errors, field, 'window_missing')
    return
  }
  if (w.closes <= w.opens) push(errors, field, 'dates_out_of_order')
  if (registrationOpens && w.opens < registrationOpens) push(errors, field, 'before_registration_opens')
}

/**
 * The form's own checks, keyed like the server's field errors: `review_chain`, `registration_closes_at`,
 * `review_windows.<level>`, `stages.<code>`, `supplement_closes_at`. The wall-clock strings compare as text.
 */
export function checkSchedule(d: ScheduleDraft): Errors {
  const errors: Errors = {}
  if (d.chain.length === 0) push(errors, 'review_chain', 'chain_empty')
  else if (d.chain[d.chain.length - 1] !== 'region') push(errors, 'review_chain', 'chain_must_end_at_region')
  const reg = d.registration
  if (!reg.opens || !reg.closes) push(errors, 'registration_closes_at', 'required')
  else if (reg.closes <= reg.opens) push(errors, 'registration_closes_at', 'dates_out_of_order')
  const opens = reg.opens || null
  for (const level of d.chain) checkWindow(errors, `review_windows.${level}`, d.review[level] ?? { opens: '', closes: '' }, opens)
  for (const st of d.stages) checkWindow(errors, `stages.${st.code}`, st, opens)
  const sup = d.supplement
  if (Boolean(sup.opens) !== Boolean(sup.closes)) push(errors, 'supplement_closes_at', 'window_incomplete')
  else if (sup.opens && sup.closes <= sup.opens) push(errors, 'supplement_closes_at', 'dates_out_of_order')
  return errors
}

/** `value` as RFC 3339, keeping the session's own timestamp when the minute was not changed. */
function iso(value: string, original?: string | null): string {
  return officeToIso(value, original) ?? value
}

/** The PUT body: the whole schedule with the `updated_at` that was read (a draft that passed checkSchedule). */
export function scheduleRequest(s: AdminSessionView, d: ScheduleDraft): ScheduleRequest {
  const readReview = new Map(s.review_windows.map((w) => [w.level, w]))
  const readStage = new Map(s.stages.map((st) => [st.code, st]))
  const supplement = d.supplement.opens && d.supplement.closes
  return {
    updated_at: s.updated_at,
    review_chain: [...d.chain],
    registration_opens_at: iso(d.registration.opens, s.registration_opens_at),
    registration_closes_at: iso(d.registration.closes, s.registration_closes_at),
    supplement_opens_at: supplement ? iso(d.supplement.opens, s.supplement_opens_at) : null,
    supplement_closes_at: supplement ? iso(d.supplement.closes, s.supplement_closes_at) : null,
    review_windows: d.chain.map((level) => {
      const w = d.review[level]
      const read = readReview.get(level)
      return { level, opens_at: iso(w.opens, read?.opens_at), closes_at: iso(w.closes, read?.closes_at) }
    }),
    stages: d.stages.map((st) => ({
      code: st.code,
      payment_opens_at: iso(st.opens, readStage.get(st.code)?.payment_opens_at),
      payment_closes_at: iso(st.closes, readStage.get(st.code)?.payment_closes_at),
    })),
    status: d.status,
    auto_confirm_returning: d.auto_confirm_returning,
  }
}

/** The 409s of a schedule save that mean "what you edited no longer fits the server's state: reload". */
export const SCHEDULE_CONFLICTS = [
  'version_conflict',
  'level_in_use',
  'session_has_registrations',
  'session_archived',
  'archive_with_the_cli',
  'status_change_not_allowed',
] as const

export interface CalendarRow {
  kind: 'registration' | 'review' | 'payment' | 'supplement'
  /** the level (review) or stage code (payment); '' otherwise */
  key: string
  /** the stage's name (payment) */
  name?: string
  opens: string | null
  closes: string | null
}

/** A session's windows in calendar order: registration, review per level of the chain, payment per stage, supplement. */
export function sessionCalendar(s: AdminSessionView): CalendarRow[] {
  const review = new Map(s.review_windows.map((w) => [w.level, w]))
  return [
    { kind: 'registration', key: '', opens: s.registration_opens_at, closes: s.registration_closes_at },
    ...orderChain(s.review_chain).map((level): CalendarRow => ({ kind: 'review', key: level, opens: review.get(level)?.opens_at ?? null, closes: review.get(level)?.closes_at ?? null })),
    ...s.stages.map((st): CalendarRow => ({ kind: 'payment', key: st.code, name: st.name, opens: st.payment_opens_at ?? null, closes: st.payment_closes_at ?? null })),
    { kind: 'supplement', key: '', opens: s.supplement_opens_at ?? null, closes: s.supplement_closes_at ?? null },
  ]
}

/** Whether a window is upcoming, open or over at `now`. */
export function windowState(opens: string, closes: string, now: Date = new Date()): 'upcoming' | 'open' | 'ended' {
  const t = now.getTime()
  if (t < new Date(opens).getTime()) return 'upcoming'
  return t < new Date(closes).getTime() ? 'open' : 'ended'
}
