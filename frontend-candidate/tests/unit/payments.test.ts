// Paying without markup: which registrations offer payment, where paying stands by the orders, and the
// waiting after the cashier (every 2 s, at most 2 minutes) as a state machine and as a composable.
import { effectScope } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/errors'
import type { PaymentView } from '@/api/types'
import {
  failedPollPhase,
  payEntry,
  paymentNotice,
  paymentState,
  pollPhase,
  POLL_INTERVAL_MS,
  POLL_LIMIT_MS,
} from '@/payments/progress'
import { usePaymentPoll } from '@/views/payments/use-payment-poll'
import { order } from './fixtures/payment'

describe('payEntry', () => {
  it('offers paying to approved registrations and the payments to paid ones only', () => {
    expect(payEntry('approved')).toBe('pay')
    expect(payEntry('paid')).toBe('paid')
    for (const s of ['draft', 'submitted', 'under_review', 'returned', 'rejected', 'cancelled', 'withdrawn']) {
      expect(payEntry(s), s).toBeNull()
    }
  })
})

describe('paymentState', () => {
  it('reads the orders newest first', () => {
    expect(paymentState([])).toBe('none')
    expect(paymentState([order('pending')])).toBe('open')
    expect(paymentState([order('created')])).toBe('open')
    expect(paymentState([order('paid')])).toBe('paid')
    for (const s of ['closed', 'expired', 'refunding', 'refunded']) expect(paymentState([order(s)]), s).toBe('ended')
    // paying again after an expired order
    expect(paymentState([order('pending'), order('expired')])).toBe('open')
    // an earlier order paid late still means paid
    expect(paymentState([order('pending'), order('paid')])).toBe('paid')
  })
})

describe('the waiting after the cashier', () => {
  it('goes on while the latest order is open, up to the limit', () => {
    expect(pollPhase([order('pending')], 0)).toBe('confirming')
    expect(pollPhase([order('pending')], POLL_LIMIT_MS - 1)).toBe('confirming')
    expect(pollPhase([order('pending')], POLL_LIMIT_MS)).toBe('timeout')
    expect(failedPollPhase(POLL_INTERVAL_MS)).toBe('confirming')
    expect(failedPollPhase(POLL_LIMIT_MS)).toBe('timeout')
  })

  it('ends when an order is paid or the latest one ended', () => {
    expect(pollPhase([order('paid')], 4_000)).toBe('paid')
    expect(pollPhase([order('closed')], 4_000)).toBe('ended')
    expect(pollPhase([order('expired')], 4_000)).toBe('ended')
  })

  it('tells the page what to say', () => {
    expect(paymentNotice('confirming', [order('pending')])).toBe('confirming')
    expect(paymentNotice('paid', [order('paid')])).toBe('paid')
    expect(paymentNotice('timeout', [order('pending')])).toBe('timeout')
    expect(paymentNotice('ended', [order('expired')])).toBe('ended')
    // without waiting: what the orders say
    expect(paymentNotice(null, [])).toBeNull()
    expect(paymentNotice(null, [order('pending')])).toBe('open')
    expect(paymentNotice(null, [order('closed')])).toBe('ended')
    expect(paymentNotice(null, [order('paid')])).toBe('paid')
  })
})

describe('usePaymentPoll', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function polling(answers: (PaymentView[] | Error)[]) {
    const list = vi.fn(async () => {
      const next = answers.length > 1 ? answers.shift()! : answers[0]!
      if (next instanceof Error) throw next
      return next
    })
    const scope = effectScope()
    const poll = scope.run(() => usePaymentPoll(list))!
    return { list, poll, scope }
  }

  it('reads the orders every 2 s until the order is paid', async () => {
    const { list, poll } = polling([[order('pending')], new ApiError({ kind: 'network' }), [order('pending')], [order('paid')]])
    poll.start()
    expect(poll.phase.value).toBe('confirming')
    await vi.advanceTimersByTimeAsync(0)
    expect(list).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(list).toHaveBeenCalledTimes(2)
    // a failed read is tried again
    expect(poll.phase.value).toBe('confirming')
    await vi.advanceTimersByTimeAsync(2 * POLL_INTERVAL_MS)
    expect(list).toHaveBeenCalledTimes(4)
    expect(poll.phase.value).toBe('paid')
    expect(poll.orders.value[0]?.status).toBe('paid')
    await vi.advanceTimersByTimeAsync(10 * POLL_INTERVAL_MS)
    expect(list).toHaveBeenCalledTimes(4)
  })

  it('stops when the latest order ended', async () => {
    const { list, poll } = polling([[order('pending')], [order('expired')]])
    poll.start()
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(poll.phase.value).toBe('ended')
    await vi.advanceTimersByTimeAsync(10 * POLL_INTERVAL_MS)
    expect(list).toHaveBeenCalledTimes(2)
  })

  it('gives up after 2 minutes with the progress full, and can start over', async () => {
    const { list, poll } = polling([[order('pending')]])
    poll.start()
    await vi.advanceTimersByTimeAsync(POLL_LIMIT_MS / 2)
    expect(poll.progress.value).toBe(50)
    await vi.advanceTimersByTimeAsync(POLL_LIMIT_MS / 2)
    expect(poll.phase.value).toBe('timeout')
    expect(poll.progress.value).toBe(100)
    const calls = list.mock.calls.length
    expect(calls).toBe(POLL_LIMIT_MS / POLL_INTERVAL_MS + 1)
    await vi.advanceTimersByTimeAsync(10 * POLL_INTERVAL_MS)
    expect(list).toHaveBeenCalledTimes(calls)
    poll.start()
    expect(poll.phase.value).toBe('confirming')
    expect(poll.progress.value).toBe(0)
  })

  it('stops with its component', async () => {
    const { list, poll, scope } = polling([[order('pending')]])
    poll.start()
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    scope.stop()
    await vi.advanceTimersByTimeAsync(10 * POLL_INTERVAL_MS)
    expect(list).toHaveBeenCalledTimes(2)
  })
})
