// The abnormal-data report as pure functions: the kinds in a fixed order (every kind the contract names has an
// explanation in each language, `abnormal.kinds.<kind>`), the total, and how many of a kind are not listed.
import type { AbnormalKind } from '@/api/types'

/** The kinds the contract names (`AbnormalKind.kind`), in the order the console shows them. */
export const ABNORMAL_KINDS = [
  'level_not_in_chain',
  'paid_without_paid_order',
  'paid_order_not_applied',
  'order_stuck_open',
  'approved_unpaid_after_window',
] as const

const rank = (kind: string) => {
  const i = (ABNORMAL_KINDS as readonly string[]).indexOf(kind)
  return i < 0 ? ABNORMAL_KINDS.length : i
}

/** Known kinds in the order above, then any kind the server adds later, in the order it sent them. */
export function orderedKinds(kinds: readonly AbnormalKind[]): AbnormalKind[] {
  return kinds
    .map((kind, i) => ({ kind, i }))
    .sort((a, b) => rank(a.kind.kind) - rank(b.kind.kind) || a.i - b.i)
    .map(({ kind }) => kind)
}

/** How many registrations of a kind the list leaves out (it holds the first ones only). */
export function unlisted(kind: AbnormalKind): number {
  return Math.max(0, kind.count - kind.registrations.length)
}

export function totalCount(kinds: readonly AbnormalKind[]): number {
  return kinds.reduce((sum, k) => sum + k.count, 0)
}
