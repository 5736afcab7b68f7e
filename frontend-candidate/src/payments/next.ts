// The round a registration pays next (GET /registrations/{id}/payments/next), without markup: what to say
// when it cannot be paid now, which action the home card and the progress page offer, and whether paying
// needs the candidate to confirm taking part first (physician rounds 2–3). The server decides everything;
// this only chooses words. Messages are i18n keys with their named values; round names are resolved by the
// caller (`RoundName`: a short name such as "笔试" for a known stage code, else the server's stage name).
import type { NextPaymentView, PaymentView } from '@/api/types'
import { chinaDateTime } from '@/i18n/format'
import { payEntry } from './progress'

export interface StageRef {
  code: string
  name: string
}

/** An i18n key with its named values, and the key of an optional second sentence (shown when it exists). */
export interface Message {
  key: string
  named?: Record<string, string>
  hint?: string
}

export type RoundName = (code: string, serverName?: string | null) => string

/** The stage codes of the registration's paid orders. */
export function paidStages(orders: readonly PaymentView[]): string[] {
  return [...new Set(orders.filter((o) => o.status === 'paid').map((o) => o.stage_code))]
}

/** Whether `stageCode` comes after the session's first stage (physician rounds 2–3: written, second sitting). */
export function isLaterRound(stageCode: string | null | undefined, stages: readonly { code: string }[]): boolean {
  if (!stageCode) return false
  return stages.findIndex((s) => s.code === stageCode) > 0
}

/**
 * While a later round waits for results: the last paid round (whose result is awaited) and the round after
 * it. Null when nothing is paid yet, every stage is paid, or the stages are not known.
 */
export function awaitedRound(
  stages: readonly StageRef[],
  paid: readonly string[],
): { after: StageRef; next: StageRef } | null {
  let last = -1
  stages.forEach((s, i) => {
    if (paid.includes(s.code)) last = i
  })
  const after = stages[last]
  const next = stages[last + 1]
  return after && next ? { after, next } : null
}

export interface ReasonContext {
  /** the session's stages in order (empty when not loaded) */
  stages: readonly StageRef[]
  /** stage codes already paid (empty when not loaded) */
  paid: readonly string[]
  round: RoundName
}

/** Why the next round cannot be paid now, as a message; null when it can. */
export function reasonMessage(next: NextPaymentView, ctx: ReasonContext): Message | null {
  if (next.payable) return null
  const reason = next.reason ?? ''
  switch (reason) {
    case 'payment_window_not_open':
      return next.opens_at
        ? { key: 'pay.reason.notOpen', named: { at: chinaDateTime(next.opens_at) } }
        : { key: 'pay.reason.notAnnounced' }
    case 'payment_window_closed':
      return next.closes_at
        ? { key: 'pay.reason.closed', named: { at: chinaDateTime(next.closes_at) } }
        : { key: 'errors.payment_window_closed' }
    case 'already_paid':
      return { key: 'pay.reason.allPaid' }
    case 'round_not_eligible': {
      const awaited = awaitedRound(ctx.stages, ctx.paid)
      if (!awaited) return { key: 'pay.reason.waitResultGeneric' }
      return {
        key: 'pay.reason.waitResult',
        named: {
          after: ctx.round(awaited.after.code, awaited.after.name),
          next: ctx.round(awaited.next.code, awaited.next.name),
        },
        hint: `pay.reason.hint.${awaited.next.code}`,
      }
    }
    case 'registration_not_approved':
    case 'fee_unavailable':
      return { key: `errors.${reason}` }
    case '':
      return { key: 'pay.reason.unavailable' }
    default:
      return { key: 'errors.unknown_code', named: { code: reason } }
  }
}

/**
 * What a registration offers about paying: `pay` (a round can be paid now; `later` once an earlier round was
 * paid, so the button names the round), `payments` (something was paid: the orders and receipts), `schedule`
 * (approved, but nothing payable now: the payment page says why), or nothing. Without the next round (not
 * loaded, or the call failed) the registration's status decides, as before there were rounds.
 */
export type PayOffer = { kind: 'pay'; later: boolean } | { kind: 'payments' } | { kind: 'schedule' } | null

export function payOffer(status: string, next: NextPaymentView | null | undefined): PayOffer {
  const entry = payEntry(status)
  if (!entry) return null
  if (!next) return entry === 'pay' ? { kind: 'pay', later: false } : { kind: 'payments' }
  if (next.payable) return { kind: 'pay', later: entry === 'paid' }
  return entry === 'paid' ? { kind: 'payments' } : { kind: 'schedule' }
}

/**
 * The "next thing to do" about paying, for the home card and the progress page: pay (the first round after
 * approval, or a named later round), all paid, or why nothing can be paid now. Null when the status alone
 * says it (not approved, or the next round is unknown).
 */
export function nextStepMessage(status: string, next: NextPaymentView | null | undefined, ctx: ReasonContext): Message | null {
  if (!payEntry(status) || !next) return null
  if (next.payable) {
    if (status === 'approved') return { key: 'reg.home.nextApproved' }
    return { key: 'pay.next.payRound', named: { round: ctx.round(next.stage_code ?? '', next.stage_name) } }
  }
  if (next.reason === 'already_paid') return { key: 'reg.home.nextPaid' }
  return reasonMessage(next, ctx)
}
