// Payment administration as pure functions: the discrepancies of a reconciliation report, who ran it, which days
// may be reconciled, and the alert kinds. Money stays in integer fen; only formatting turns it into yuan.
import type { ReconciliationView } from '@/api/types'

/** How an order that does not match compares (the contract's `ReconciliationView.items[].class`). */
export const DISCREPANCY_CLASSES = ['missing_there', 'missing_here', 'mismatch', 'duplicate'] as const

/** Why an order needs a person (the contract's `PaymentAlert.alert`). */
export const ALERT_KINDS = ['amount_mismatch', 'second_transaction_for_order', 'duplicate_payment', 'paid_after_close'] as const

/** A run is clean when every order matched; any other status is a run with discrepancies. */
export function runState(status: string): 'clean' | 'discrepancies' {
  return status === 'clean' ? 'clean' : 'discrepancies'
}

/**
 * One order of a report that does not match. The contract types `items` as free JSON and describes its entries
 * in words (`{order_no, class, ours_fen, theirs_fen}`), so this is read from it defensively, not trusted.
 */
export interface Discrepancy {
  order_no: string
  class: string
  /** what we received, in fen; null when we have no payment */
  ours_fen: number | null
  /** what the statement lists, in fen; null when the statement does not have the order */
  theirs_fen: number | null
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const fen = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : null)

/** The entries of a report's `items` that have an order number; anything else is left out. */
export function discrepancies(items: unknown): Discrepancy[] {
  if (!Array.isArray(items)) return []
  return items.flatMap((item) => {
    if (!isRecord(item) || typeof item.order_no !== 'string') return []
    return [{ order_no: item.order_no, class: typeof item.class === 'string' ? item.class : '', ours_fen: fen(item.ours_fen), theirs_fen: fen(item.theirs_fen) }]
  })
}

/** Our total minus the statement's, in fen (integers, so exact); 0 when they agree. */
export function totalsGap(run: Pick<ReconciliationView, 'ours_total_fen' | 'theirs_total_fen'>): number {
  return run.ours_total_fen - run.theirs_total_fen
}

/** Who ran a reconciliation: the scheduled worker, a staff member (`staff:<id>`), or something else as it is. */
export type Runner = { kind: 'worker' } | { kind: 'staff'; id: string } | { kind: 'other'; text: string }

export function runnerOf(runBy: string): Runner {
  if (runBy === 'worker') return { kind: 'worker' }
  if (runBy.startsWith('staff:')) return { kind: 'staff', id: runBy.slice('staff:'.length) }
  return { kind: 'other', text: runBy }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Whether `day` may be reconciled, given `today` (the office's day): a real `YYYY-MM-DD` day, not after today
 * (a future day has no statement yet). The server checks the day again.
 */
export function validDay(day: string, today: string): boolean {
  if (!DAY.test(day)) return false
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day && day <= today
}
