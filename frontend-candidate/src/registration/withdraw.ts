// Withdrawing a registration (撤销报名): which statuses allow it (as the server's
// backend/core/src/registration/withdrawal.rs) and the reason's limit.

/** Statuses a candidate may withdraw from: anything before the final decision. */
export const WITHDRAWABLE: readonly string[] = ['draft', 'submitted', 'resubmitted', 'returned']

/** The most characters the optional reason may have (after trimming, as the server counts them). */
export const REASON_MAX = 200

export function mayWithdraw(status: string): boolean {
  return WITHDRAWABLE.includes(status)
}

/** The reason to send: trimmed, undefined when empty. */
export function reasonToSend(text: string): string | undefined {
  const t = text.trim()
  return t ? t : undefined
}

/** Characters as the server counts them (code points, not UTF-16 units). */
export function reasonLength(text: string): number {
  return [...text.trim()].length
}
