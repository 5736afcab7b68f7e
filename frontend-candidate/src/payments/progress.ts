// Paying, without markup: which registrations offer payment, where paying stands by the orders of one round,
// and the page's state while it waits for the result after the cashier (it polls GET /payments every 2 s for
// at most 2 minutes, never the payment center: the center notifies the server, which marks the order paid).
// A physician pays up to three rounds (one order or more each); nurse and health-tech candidates one.
import type { PaymentView } from '@/api/types'

export const POLL_INTERVAL_MS = 2_000
export const POLL_LIMIT_MS = 120_000

/** What a registration offers about paying: the way to pay (approved), its payments (paid), or nothing. */
export function payEntry(status: string): 'pay' | 'paid' | null {
  if (status === 'approved') return 'pay'
  if (status === 'paid') return 'paid'
  return null
}

/**
 * The orders (newest first) of one round: of `stageCode` when given, else of the newest order's round (the
 * one just paid at the cashier).
 */
export function ordersOfRound(orders: readonly PaymentView[], stageCode?: string | null): PaymentView[] {
  const stage = stageCode ?? orders[0]?.stage_code
  return stage === undefined ? [] : orders.filter((o) => o.stage_code === stage)
}

/**
 * Where paying a round stands by its orders (newest first; without `stageCode`, the newest order's round):
 * `paid` once any of them is (a late payment of an earlier order counts), `open` while the latest one waits
 * for the money, `ended` when it was closed, expired or is being refunded (the candidate may pay again),
 * `none` before the first order. An earlier round's paid order does not make a later round paid.
 */
export type PaymentState = 'none' | 'open' | 'paid' | 'ended'

export function paymentState(orders: readonly PaymentView[], stageCode?: string | null): PaymentState {
  const round = ordersOfRound(orders, stageCode)
  if (round.some((o) => o.status === 'paid')) return 'paid'
  const latest = round[0]
  if (!latest) return 'none'
  return latest.status === 'created' || latest.status === 'pending' ? 'open' : 'ended'
}

/** While waiting after the cashier: still confirming, settled (paid, or ended without money), or given up. */
export type PollPhase = 'confirming' | 'paid' | 'ended' | 'timeout'

/** The phase after a poll that read `orders` (the newest order's round counts), `elapsedMs` after the waiting began. */
export function pollPhase(orders: readonly PaymentView[], elapsedMs: number): PollPhase {
  switch (paymentState(orders)) {
    case 'paid':
      return 'paid'
    case 'open':
      return elapsedMs >= POLL_LIMIT_MS ? 'timeout' : 'confirming'
    default:
      return 'ended'
  }
}

/** The phase after a poll that failed (network, server): keep trying until the limit. */
export function failedPollPhase(elapsedMs: number): PollPhase {
  return elapsedMs >= POLL_LIMIT_MS ? 'timeout' : 'confirming'
}

/** What the payment page says about the payment: the waiting phase first, else what the orders say. */
export type PaymentNotice = 'confirming' | 'paid' | 'timeout' | 'ended' | 'open' | null

/** `orders` are those of the round the page is about (ordersOfRound). */
export function paymentNotice(phase: PollPhase | null, orders: readonly PaymentView[]): PaymentNotice {
  if (phase === 'confirming') return 'confirming'
  const state = paymentState(orders)
  if (state === 'paid') return 'paid'
  if (phase === 'timeout') return 'timeout'
  return state === 'none' ? null : state
}
