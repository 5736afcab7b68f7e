// The round paid next, without markup: why it cannot be paid (reason → message), which action to offer,
// the "next thing to do", whether a round needs the candidate to confirm first, and the per-round state of
// the orders (an earlier round's payment does not make a later round paid).
import { describe, expect, it } from 'vitest'
import { createAppI18n } from '@/i18n'
import { fenToYuan } from '@/i18n/money'
import {
  awaitedRound,
  isLaterRound,
  nextStepMessage,
  paidStages,
  payOffer,
  reasonMessage,
  type Message,
  type ReasonContext,
} from '@/payments/next'
import { ordersOfRound, paymentNotice, paymentState, pollPhase } from '@/payments/progress'
import { nextPayment, notPayable, order, PHYSICIAN_STAGES, writtenRound } from './fixtures/payment'

const stages = PHYSICIAN_STAGES.map(({ code, name }) => ({ code, name }))
const round = (code: string, name?: string | null) => ({ skills: '技能考试', written: '笔试', second_sitting: '二试' })[code] ?? name ?? code
const physician = (paid: string[]): ReasonContext => ({ stages, paid, round })
const unknownStages: ReasonContext = { stages: [], paid: [], round }

const i18n = createAppI18n('zh-CN')
const en = createAppI18n('en-US')
const say = (m: Message | null, i = i18n) => (m ? i.global.t(m.key, m.named ?? {}) : '')

describe('reasonMessage', () => {
  it('says nothing when the round can be paid', () => {
    expect(reasonMessage(nextPayment(), unknownStages)).toBeNull()
  })

  it('names when payment opens, or that it is not announced yet', () => {
    const m = reasonMessage(nextPayment({ payable: false, reason: 'payment_window_not_open', opens_at: '2026-12-01T01:00:00Z' }), unknownStages)
    expect(m).toEqual({ key: 'pay.reason.notOpen', named: { at: '2026-12-01 09:00' } })
    expect(say(m)).toBe('缴费尚未开始，开始时间 2026-12-01 09:00')
    expect(say(m, en)).toBe('Payment has not opened yet; it opens 2026-12-01 09:00')
    const unset = reasonMessage(nextPayment({ payable: false, reason: 'payment_window_not_open', opens_at: null, closes_at: null }), unknownStages)
    expect(say(unset)).toBe('缴费时间尚未公布，请留意通知')
  })

  it('names when payment closed', () => {
    const m = reasonMessage(nextPayment({ payable: false, reason: 'payment_window_closed' }), unknownStages)
    expect(say(m)).toBe('缴费已于 2026-12-25 23:59 截止，不能再缴费')
    expect(say(reasonMessage(nextPayment({ payable: false, reason: 'payment_window_closed', closes_at: null }), unknownStages))).toBe(
      '缴费时间已截止，不能再缴费',
    )
  })

  it('says everything is paid', () => {
    expect(say(reasonMessage(notPayable('already_paid'), unknownStages))).toBe('本轮已缴清，无需再缴费')
  })

  it('names the result a later physician round waits for, from the rounds paid so far', () => {
    const afterSkills = reasonMessage(notPayable('round_not_eligible'), physician(['skills']))
    expect(say(afterSkills)).toBe('需待技能考试成绩导入后缴纳笔试费用')
    expect(afterSkills?.hint).toBe('pay.reason.hint.written')
    expect(i18n.global.te(afterSkills?.hint ?? '')).toBe(true)
    const afterWritten = reasonMessage(notPayable('round_not_eligible'), physician(['skills', 'written']))
    expect(say(afterWritten)).toBe('需待笔试成绩导入后缴纳二试费用')
    // exempt from the skills exam: paid the written round only
    expect(say(reasonMessage(notPayable('round_not_eligible'), physician(['written'])))).toBe('需待笔试成绩导入后缴纳二试费用')
    // without the stages or the orders (home): a general sentence
    expect(say(reasonMessage(notPayable('round_not_eligible'), unknownStages))).toBe('下一阶段的费用需待成绩导入后缴纳，请留意通知')
  })

  it('uses the error-code table for the other reasons, and never shows a bare key', () => {
    expect(say(reasonMessage(notPayable('registration_not_approved'), unknownStages))).toBe('报名审核通过后才能缴费')
    expect(say(reasonMessage(notPayable('fee_unavailable'), unknownStages))).toContain('暂时无法确定应缴金额')
    expect(say(reasonMessage(notPayable('brand_new_reason'), unknownStages))).toContain('brand_new_reason')
    expect(say(reasonMessage({ ...notPayable(''), reason: null }, unknownStages))).toBe('暂时不能缴费，请稍后再来查看')
  })

  it('has a text in both languages for every reason the contract documents', () => {
    const reasons = ['registration_not_approved', 'already_paid', 'round_not_eligible', 'fee_unavailable', 'payment_window_not_open', 'payment_window_closed']
    for (const r of reasons) {
      for (const loc of [i18n, en]) {
        const m = reasonMessage(nextPayment({ payable: false, reason: r }), physician(['skills']))
        const text = say(m, loc)
        expect(text, r).not.toMatch(/^(pay|errors)\./)
        expect(text, r).not.toMatch(/[{}]/)
      }
    }
  })
})

describe('rounds', () => {
  it('later rounds are those after the session’s first stage', () => {
    expect(isLaterRound('skills', stages)).toBe(false)
    expect(isLaterRound('written', stages)).toBe(true)
    expect(isLaterRound('second_sitting', stages)).toBe(true)
    expect(isLaterRound('main', [{ code: 'main' }])).toBe(false)
    expect(isLaterRound(null, stages)).toBe(false)
    expect(isLaterRound('written', [])).toBe(false)
  })

  it('the awaited round follows the last paid one', () => {
    expect(awaitedRound(stages, [])).toBeNull()
    expect(awaitedRound(stages, ['skills'])?.next.code).toBe('written')
    expect(awaitedRound(stages, ['skills', 'written'])?.after.code).toBe('written')
    expect(awaitedRound(stages, ['skills', 'written', 'second_sitting'])).toBeNull()
  })

  it('paid stages come from paid orders only', () => {
    expect(paidStages([order('paid', { stage_code: 'skills' }), order('expired', { stage_code: 'written' }), order('paid', { stage_code: 'skills' })])).toEqual([
      'skills',
    ])
  })
})

describe('payOffer', () => {
  it('offers paying when the server says the round is payable', () => {
    expect(payOffer('approved', nextPayment())).toEqual({ kind: 'pay', later: false })
    expect(payOffer('paid', writtenRound())).toEqual({ kind: 'pay', later: true })
  })

  it('otherwise the payments once something is paid, or the payment page’s explanation', () => {
    expect(payOffer('paid', notPayable('already_paid'))).toEqual({ kind: 'payments' })
    expect(payOffer('paid', notPayable('round_not_eligible'))).toEqual({ kind: 'payments' })
    expect(payOffer('approved', nextPayment({ payable: false, reason: 'payment_window_not_open' }))).toEqual({ kind: 'schedule' })
  })

  it('falls back to the status when the next round is unknown, and offers nothing before approval', () => {
    expect(payOffer('approved', undefined)).toEqual({ kind: 'pay', later: false })
    expect(payOffer('paid', null)).toEqual({ kind: 'payments' })
    for (const s of ['draft', 'submitted', 'under_review', 'returned', 'rejected']) expect(payOffer(s, nextPayment()), s).toBeNull()
  })
})

describe('nextStepMessage', () => {
  it('asks to pay: after approval, or the named later round', () => {
    expect(say(nextStepMessage('approved', nextPayment(), unknownStages))).toBe('审核已通过，请在缴费时间内缴费')
    expect(say(nextStepMessage('paid', writtenRound(), unknownStages))).toBe('请缴纳笔试费用')
  })

  it('says all is paid, or why nothing can be paid now', () => {
    expect(say(nextStepMessage('paid', notPayable('already_paid'), unknownStages))).toBe('已缴费，报名完成')
    expect(say(nextStepMessage('paid', notPayable('round_not_eligible'), physician(['skills'])))).toBe('需待技能考试成绩导入后缴纳笔试费用')
    expect(say(nextStepMessage('approved', nextPayment({ payable: false, reason: 'payment_window_closed' }), unknownStages))).toContain('截止')
  })

  it('leaves it to the status when the next round is unknown or paying is not yet a matter', () => {
    expect(nextStepMessage('approved', undefined, unknownStages)).toBeNull()
    expect(nextStepMessage('submitted', nextPayment(), unknownStages)).toBeNull()
  })
})

describe('orders per round', () => {
  const skillsPaid = order('paid', { stage_code: 'skills', order_no: 'WK1' })
  const writtenOpen = order('pending', { stage_code: 'written', order_no: 'WK2' })
  const writtenPaid = order('paid', { stage_code: 'written', order_no: 'WK2' })

  it('an earlier round’s payment does not make the later round paid', () => {
    expect(ordersOfRound([writtenOpen, skillsPaid]).map((o) => o.order_no)).toEqual(['WK2'])
    expect(ordersOfRound([skillsPaid], 'written')).toEqual([])
    expect(paymentState([skillsPaid], 'written')).toBe('none')
    expect(paymentState([writtenOpen, skillsPaid])).toBe('open')
    expect(pollPhase([writtenOpen, skillsPaid], 2_000)).toBe('confirming')
    expect(pollPhase([writtenPaid, skillsPaid], 2_000)).toBe('paid')
    expect(paymentNotice(null, ordersOfRound([skillsPaid], 'written'))).toBeNull()
  })
})

describe('amounts', () => {
  it('are the server’s integer fen, formatted as text', () => {
    expect(fenToYuan(30000)).toBe('300.00')
    expect(fenToYuan(45050)).toBe('450.50')
    expect(i18n.global.t('pay.yuan', { amount: fenToYuan(28000) })).toBe('¥280.00')
  })
})
