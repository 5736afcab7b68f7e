// The payment page inside the real app plumbing with the network scripted: the round paid next (amount, fee
// lines and period from GET …/payments/next); "pay" sends the browser to the cashier; every documented refusal
// and every reason in words; physician rounds 2–3 confirmed first; back from the cashier it waits for the
// result and leads to the receipt. The receipt page. And the ways in: "my registrations", the progress page,
// and home after the cashier.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RegistrationListItem } from '@/api/types'
import { PAYMENT_RETURN_KEY } from '@/stores/payment-return'
import HomeView from '@/views/home/HomeView.vue'
import PayView from '@/views/payments/PayView.vue'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import ReceiptView from '@/views/payments/ReceiptView.vue'
import { nextPayment, notPayable, order, PHYSICIAN_STAGES, receipt, writtenRound } from './fixtures/payment'
import { healthTechSession, registration } from './fixtures/registration'
import { json, mountView, problem, type Reply } from './helpers'

const FEE = {
  stage_code: 'main',
  total_fen: 28000,
  lines: [{ description_key: 'fee_per_subject', quantity: 4, unit_fen: 7000, total_fen: 28000 }],
}
const approved = registration({ status: 'approved', fee: FEE })
const session = {
  ...healthTechSession,
  stages: [{ code: 'main', name: '考试', payment_opens_at: '2026-11-26T02:00:00Z', payment_closes_at: '2026-12-25T15:59:00Z' }],
}
const signedIn = { signedIn: true }
const returning = { ...signedIn, sessionStorage: { [PAYMENT_RETURN_KEY]: JSON.stringify('reg-1') } }

function script(over: Record<string, Reply | Reply[]> = {}) {
  return {
    'GET /api/v1/registrations/reg-1': () => json(200, approved),
    'GET /api/v1/exam-sessions/session-ht': () => json(200, session),
    'GET /api/v1/registrations/reg-1/payments': () => json(200, []),
    'GET /api/v1/registrations/reg-1/payments/next': () => json(200, nextPayment()),
    ...over,
  }
}

const text = (w: { find(s: string): { text(): string } }, testid: string) => w.find(`[data-testid="${testid}"]`).text()

let assign: ReturnType<typeof vi.fn>
beforeEach(() => {
  assign = vi.fn()
  vi.stubGlobal('location', { ...window.location, assign })
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('payment page', () => {
  it('shows the amount in 元, the fee lines and the payment period; "pay" goes to the cashier', async () => {
    const { wrapper, calls } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({ 'POST /api/v1/registrations/reg-1/payments': json(201, order('pending')) }),
      signedIn,
    )
    expect(text(wrapper, 'status-tag')).toBe('审核通过')
    expect(text(wrapper, 'pay-amount')).toBe('¥280.00')
    expect(text(wrapper, 'pay-window')).toBe('考试缴费时间：2026-11-26 10:00 至 2026-12-25 23:59')
    expect(text(wrapper, 'fee-breakdown')).toContain('按科目收费（70.00 元 × 4）')
    expect(wrapper.find('[data-testid="payment-notice"]').exists()).toBe(false)

    await wrapper.find('[data-testid="pay-button"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/api/v1/registrations/reg-1/payments'])
    expect(assign).toHaveBeenCalledWith('http://test/sandbox/paycenter/cashier/t1')
    // coming back from the cashier lands on this page again
    expect(JSON.parse(sessionStorage.getItem(PAYMENT_RETURN_KEY) ?? 'null')).toBe('reg-1')
  })

  it.each([
    ['payment_window_not_open', 409, '缴费还没有开始'],
    ['payment_window_closed', 409, '缴费时间已截止'],
    ['fee_unavailable', 409, '暂时无法确定应缴金额'],
  ])('explains %s', async (code, status, words) => {
    const { wrapper } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({ 'POST /api/v1/registrations/reg-1/payments': problem(status, code) }),
      signedIn,
    )
    await wrapper.find('[data-testid="pay-button"]').trigger('click')
    await flushPromises()
    expect(text(wrapper, 'error-notice')).toContain(words)
    expect(assign).not.toHaveBeenCalled()
    expect(sessionStorage.getItem(PAYMENT_RETURN_KEY)).toBeNull()
  })

  it('offers a retry when the payment center cannot be reached', async () => {
    const { wrapper, calls } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({ 'POST /api/v1/registrations/reg-1/payments': [problem(503, 'payment_center_unavailable'), json(201, order('pending'))] }),
      signedIn,
    )
    await wrapper.find('[data-testid="pay-button"]').trigger('click')
    await flushPromises()
    const notice = wrapper.find('[data-testid="error-notice"]')
    expect(notice.text()).toContain('支付平台暂时无法连接，没有扣款')
    await notice.find('button').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2)
    expect(assign).toHaveBeenCalledTimes(1)
  })

  it('already paid elsewhere: says so and shows the payment', async () => {
    const { wrapper } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({
        'GET /api/v1/registrations/reg-1': [json(200, approved), json(200, { ...approved, status: 'paid' })],
        'GET /api/v1/registrations/reg-1/payments': [json(200, []), json(200, [order('paid')])],
        'GET /api/v1/registrations/reg-1/payments/next': [json(200, nextPayment()), json(200, notPayable('already_paid'))],
        'POST /api/v1/registrations/reg-1/payments': problem(409, 'already_paid'),
      }),
      signedIn,
    )
    await wrapper.find('[data-testid="pay-button"]').trigger('click')
    await flushPromises()
    expect(text(wrapper, 'error-notice')).toContain('您已缴费成功')
    expect(text(wrapper, 'pay-reason')).toBe('本轮已缴清，无需再缴费')
    expect(text(wrapper, 'pay-amount')).toBe('¥280.00')
    expect(text(wrapper, 'status-tag')).toBe('已缴费')
    expect(wrapper.find('[data-testid="payment-notice"]').attributes('data-kind')).toBe('paid')
    expect(wrapper.find('[data-testid="pay-button"]').exists()).toBe(false)
  })

  it('back from the cashier: "confirming" until the order is paid, then the paid registration', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { wrapper, calls, router } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({
        'GET /api/v1/registrations/reg-1': [json(200, approved), json(200, { ...approved, status: 'paid' })],
        'GET /api/v1/registrations/reg-1/payments/next': [json(200, nextPayment()), json(200, notPayable('already_paid'))],
        'GET /api/v1/registrations/reg-1/payments': [json(200, [order('pending')]), json(200, [order('pending')]), json(200, [order('paid')])],
      }),
      returning,
    )
    expect(wrapper.find('[data-testid="payment-notice"]').attributes('data-kind')).toBe('confirming')
    expect(text(wrapper, 'payment-notice')).toContain('正在确认支付结果')
    expect(wrapper.find('[data-testid="pay-button"]').exists()).toBe(false)
    expect(sessionStorage.getItem(PAYMENT_RETURN_KEY)).toBeNull()

    await vi.advanceTimersByTimeAsync(2_000)
    await flushPromises()
    expect(wrapper.find('[data-testid="payment-notice"]').attributes('data-kind')).toBe('paid')
    expect(text(wrapper, 'payment-notice')).toContain('缴费成功')
    expect(text(wrapper, 'payment-notice')).toContain('支付时间：2026-11-26 10:05')
    expect(text(wrapper, 'status-tag')).toBe('已缴费')
    expect(wrapper.findAll('[data-testid="payment-order"]').map((o) => o.attributes('data-status'))).toEqual(['paid'])
    expect(calls.filter((c) => c.path.endsWith('/payments'))).toHaveLength(3)
    // the round paid next was read again: nothing is left to pay
    expect(calls.filter((c) => c.path.endsWith('/payments/next'))).toHaveLength(2)
    expect(text(wrapper, 'pay-reason')).toBe('本轮已缴清，无需再缴费')
    // the receipt is one tap away, in the notice and at the order
    const receiptLink = wrapper.find('[data-testid="notice-receipt"]')
    expect(receiptLink.text()).toBe('查看缴费凭证')
    expect(wrapper.find('[data-testid="payment-order"] [data-testid="receipt-link"]').exists()).toBe(true)
    await receiptLink.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/payments/WK20261126PAID/receipt'))
    wrapper.unmount()
  })

  it('back from the cashier without paying: the order ended, pay again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { wrapper } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({ 'GET /api/v1/registrations/reg-1/payments': [json(200, [order('pending')]), json(200, [order('closed')])] }),
      returning,
    )
    await vi.advanceTimersByTimeAsync(2_000)
    await flushPromises()
    expect(wrapper.find('[data-testid="payment-notice"]').attributes('data-kind')).toBe('ended')
    expect(text(wrapper, 'payment-notice')).toContain('上一笔订单已关闭，没有扣款，可以重新支付')
    expect(wrapper.find('[data-testid="pay-button"]').exists()).toBe(true)
    wrapper.unmount()
  })
})

describe('the round paid next', () => {
  const physicianSession = { ...healthTechSession, id: 'session-ph', exam_type: 'physician', stages: PHYSICIAN_STAGES }
  const physician = registration({ session_id: 'session-ph', exam_type: 'physician', status: 'paid' })
  const skillsPaid = order('paid', { stage_code: 'skills', amount_fen: 45000, order_no: 'WK20261126SKILLS' })
  const physicianScript = (over: Record<string, Reply | Reply[]> = {}) =>
    script({
      'GET /api/v1/registrations/reg-1': json(200, physician),
      'GET /api/v1/exam-sessions/session-ph': json(200, physicianSession),
      'GET /api/v1/registrations/reg-1/payments': json(200, [skillsPaid]),
      ...over,
    })
  const dialogButton = (which: 'confirm' | 'cancel') =>
    [...document.querySelectorAll<HTMLButtonElement>(`.van-dialog__${which}`)].find((b) => b.closest<HTMLElement>('.van-dialog')?.style.display !== 'none')

  it('physician round 2: the written round, its fee and window; the candidate confirms taking part, then the cashier', async () => {
    const { wrapper, calls } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      physicianScript({
        'GET /api/v1/registrations/reg-1/payments/next': json(200, writtenRound()),
        'POST /api/v1/registrations/reg-1/payments': json(201, order('pending', { stage_code: 'written', amount_fen: 30000 })),
      }),
      signedIn,
    )
    expect(text(wrapper, 'pay-round')).toBe('缴费项目：医学综合笔试（一试）')
    expect(text(wrapper, 'pay-amount')).toBe('¥300.00')
    expect(text(wrapper, 'pay-window')).toBe('医学综合笔试（一试）缴费时间：2027-05-01 08:00 至 2027-05-20 23:59')
    expect(text(wrapper, 'fee-breakdown')).toContain('300.00 元')
    // the skills round's payment is history, not this round's state
    expect(wrapper.find('[data-testid="payment-notice"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="pay-reason"]').exists()).toBe(false)
    const orders = wrapper.findAll('[data-testid="payment-order"]')
    expect(orders[0]?.text()).toContain('实践技能考试')
    expect(orders[0]?.text()).toContain('¥450.00')

    const button = wrapper.find('[data-testid="pay-button"]')
    expect(button.text()).toBe('确认参加笔试并缴费')
    // cancelling the confirmation opens no order
    await button.trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('您将参加医学综合笔试（一试），并缴纳 ¥300.00')
    dialogButton('cancel')?.click()
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    // confirming does, and goes to the cashier
    await button.trigger('click')
    await flushPromises()
    dialogButton('confirm')?.click()
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('http://test/sandbox/paycenter/cashier/t1'))
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1)
    wrapper.unmount()
  })

  it('physician after the skills round: waits for the imported result, with the skills payment and its receipt', async () => {
    const { wrapper } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      physicianScript({ 'GET /api/v1/registrations/reg-1/payments/next': json(200, notPayable('round_not_eligible')) }),
      signedIn,
    )
    expect(text(wrapper, 'pay-reason')).toContain('需待技能考试成绩导入后缴纳笔试费用')
    expect(text(wrapper, 'pay-reason')).toContain('技能考试合格')
    expect(wrapper.find('[data-testid="pay-reason"]').attributes('role')).toBe('status')
    expect(wrapper.find('[data-testid="pay-button"]').exists()).toBe(false)
    expect(text(wrapper, 'pay-round')).toBe('缴费项目：实践技能考试')
    expect(text(wrapper, 'pay-amount')).toBe('¥450.00')
    expect(wrapper.find('[data-testid="payment-notice"]').attributes('data-kind')).toBe('paid')
    expect(wrapper.find('[data-testid="notice-receipt"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('before the payment period: when it opens, and no way to pay', async () => {
    const { wrapper } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({
        'GET /api/v1/registrations/reg-1/payments/next': json(
          200,
          nextPayment({ payable: false, reason: 'payment_window_not_open', opens_at: '2026-12-01T01:00:00Z' }),
        ),
      }),
      signedIn,
    )
    expect(text(wrapper, 'pay-reason')).toBe('缴费尚未开始，开始时间 2026-12-01 09:00')
    expect(wrapper.find('[data-testid="pay-reason"]').attributes('data-reason')).toBe('payment_window_not_open')
    expect(text(wrapper, 'pay-amount')).toBe('¥280.00')
    expect(wrapper.find('[data-testid="pay-button"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('the next round cannot be read: says why, with a retry', async () => {
    const { wrapper } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({ 'GET /api/v1/registrations/reg-1/payments/next': [problem(503, 'database_unavailable'), json(200, nextPayment())] }),
      signedIn,
    )
    const notice = wrapper.find('[data-testid="error-notice"]')
    expect(notice.text()).toContain('系统繁忙')
    await notice.find('button').trigger('click')
    await flushPromises()
    expect(text(wrapper, 'pay-amount')).toBe('¥280.00')
    wrapper.unmount()
  })
})

describe('receipt', () => {
  const receiptScript = (over: Record<string, Reply | Reply[]> = {}) => ({
    'GET /api/v1/registrations/reg-1/payments/WK20261126PAID/receipt': json(200, receipt()),
    'GET /api/v1/registrations/reg-1': json(200, { ...approved, status: 'paid' }),
    'GET /api/v1/exam-sessions/session-ht': json(200, session),
    ...over,
  })

  it('shows what was paid, by whom and when, and the verification code; printable', async () => {
    const print = vi.fn()
    vi.stubGlobal('print', print)
    const { wrapper } = await mountView(ReceiptView, '/registrations/reg-1/payments/WK20261126PAID/receipt', receiptScript(), signedIn)
    expect(text(wrapper, 'receipt-amount')).toBe('¥280.00')
    expect(text(wrapper, 'receipt-code')).toBe('3F9A0C7B21DE')
    expect(text(wrapper, 'receipt-session')).toContain('2027年度卫生专业技术资格考试（河南考区）')
    expect(text(wrapper, 'receipt-stage')).toContain('考试')
    expect(text(wrapper, 'receipt-candidate')).toContain('张晓燕')
    expect(text(wrapper, 'receipt-id-number')).toContain('410102********1234')
    expect(text(wrapper, 'receipt-paid-at')).toContain('2026-11-26 10:05')
    expect(text(wrapper, 'receipt-order-no')).toContain('WK20261126PAID')
    expect(text(wrapper, 'receipt-txn')).toContain('SBX20261126000001')
    // labels and values as a description list (read together by screen readers)
    expect(wrapper.findAll('[data-testid="receipt"] dt')).toHaveLength(7)
    await wrapper.find('[data-testid="receipt-print"]').trigger('click')
    expect(print).toHaveBeenCalledTimes(1)
    expect(wrapper.find('.wk-actions').classes()).toContain('wk-no-print')
    wrapper.unmount()
  })

  it('names the physician round from the session, and stands without it', async () => {
    const physicianReceipt = receipt({ stage_code: 'written', amount_fen: 30000 })
    const named = await mountView(
      ReceiptView,
      '/registrations/reg-1/payments/WK20261126PAID/receipt',
      receiptScript({
        'GET /api/v1/registrations/reg-1/payments/WK20261126PAID/receipt': json(200, physicianReceipt),
        'GET /api/v1/exam-sessions/session-ht': json(200, { ...session, stages: PHYSICIAN_STAGES }),
      }),
      signedIn,
    )
    expect(text(named.wrapper, 'receipt-stage')).toContain('医学综合笔试（一试）')
    named.wrapper.unmount()
    const bare = await mountView(
      ReceiptView,
      '/registrations/reg-1/payments/WK20261126PAID/receipt',
      receiptScript({
        'GET /api/v1/registrations/reg-1/payments/WK20261126PAID/receipt': json(200, physicianReceipt),
        'GET /api/v1/registrations/reg-1': problem(503, 'database_unavailable'),
      }),
      signedIn,
    )
    expect(text(bare.wrapper, 'receipt-stage')).toContain('笔试')
    expect(text(bare.wrapper, 'receipt-amount')).toBe('¥300.00')
    bare.wrapper.unmount()
  })

  it('an order that is not paid: a plain sentence, no retry, the way back', async () => {
    const { wrapper } = await mountView(
      ReceiptView,
      '/registrations/reg-1/payments/WK20261126PAID/receipt',
      receiptScript({ 'GET /api/v1/registrations/reg-1/payments/WK20261126PAID/receipt': problem(409, 'not_paid') }),
      signedIn,
    )
    const notice = wrapper.find('[data-testid="error-notice"]')
    expect(notice.text()).toBe('该订单尚未支付成功（或已退款），没有缴费凭证')
    expect(notice.find('button').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-print"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="receipt-back"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('another candidate’s or an unknown order: not found', async () => {
    const { wrapper } = await mountView(
      ReceiptView,
      '/registrations/reg-1/payments/WK20261126PAID/receipt',
      receiptScript({ 'GET /api/v1/registrations/reg-1/payments/WK20261126PAID/receipt': problem(404, 'not_found') }),
      signedIn,
    )
    expect(text(wrapper, 'error-notice')).toBe('要找的内容不存在或已删除')
    wrapper.unmount()
  })
})

describe('ways to the payment page', () => {
  const item = (over: Partial<RegistrationListItem>): RegistrationListItem => ({
    id: 'reg-1',
    session_id: 'session-ht',
    exam_type: 'health_tech',
    session_name: healthTechSession.name,
    status: 'approved',
    current_level: null,
    version: 5,
    submitted_at: '2026-11-25T03:00:00Z',
    updated_at: '2026-11-26T02:00:00Z',
    ...over,
  })
  const home = (mine: RegistrationListItem[], nexts: Record<string, Reply | Reply[]> = {}) => ({
    'GET /api/v1/me': json(200, { kind: 'candidate', candidate: { id: 'c1', name: '张晓燕', id_type: 'resident_id', id_number_masked: 'x', phone_masked: 'y' } }),
    'GET /api/v1/exam-sessions': json(200, []),
    'GET /api/v1/registrations': json(200, mine),
    ...nexts,
  })

  it('"my registrations" offers paying an approved registration only', async () => {
    const { wrapper, router } = await mountView(
      HomeView,
      '/',
      home([item({}), item({ id: 'reg-2', status: 'paid' })], {
        'GET /api/v1/registrations/reg-1/payments/next': json(200, nextPayment()),
        'GET /api/v1/registrations/reg-2/payments/next': json(200, notPayable('already_paid')),
        // most paid registrations owe no supplementary materials
        'GET /api/v1/registrations/reg-2/supplement': problem(404, 'no_supplement'),
      }),
      signedIn,
    )
    const cards = wrapper.findAll('[data-testid="my-registration"]')
    expect(cards[0]?.find('[data-testid="next-step"]').text()).toBe('审核已通过，请在缴费时间内缴费')
    expect(cards[1]?.find('[data-testid="next-step"]').text()).toBe('已缴费，报名完成')
    expect(cards[1]?.find('[data-testid="pay-registration"]').exists()).toBe(false)
    await cards[0]?.find('[data-testid="pay-registration"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/pay'), { timeout: 5000 })
  })

  it('"my registrations" follows the round paid next: a physician’s written round, a window not open yet', async () => {
    const { wrapper, router, calls } = await mountView(
      HomeView,
      '/',
      home(
        [
          item({ status: 'paid', exam_type: 'physician' }),
          item({ id: 'reg-2', status: 'approved' }),
          item({ id: 'reg-3', status: 'paid', exam_type: 'physician' }),
          item({ id: 'reg-4', status: 'approved' }),
          item({ id: 'reg-5', status: 'submitted', current_level: 'site' }),
        ],
        {
          'GET /api/v1/registrations/reg-1/payments/next': json(200, writtenRound()),
          'GET /api/v1/registrations/reg-2/payments/next': json(
            200,
            nextPayment({ payable: false, reason: 'payment_window_not_open', opens_at: '2026-12-01T01:00:00Z' }),
          ),
          'GET /api/v1/registrations/reg-3/payments/next': json(200, notPayable('round_not_eligible')),
          // cannot be read: the status decides, as before
          'GET /api/v1/registrations/reg-4/payments/next': problem(503, 'database_unavailable'),
          'GET /api/v1/registrations/reg-1/supplement': problem(404, 'no_supplement'),
          'GET /api/v1/registrations/reg-3/supplement': problem(404, 'no_supplement'),
        },
      ),
      signedIn,
    )
    const cards = wrapper.findAll('[data-testid="my-registration"]')
    const step = (i: number) => cards[i]?.find('[data-testid="next-step"]').text()
    const payButton = (i: number) => cards[i]?.find('[data-testid="pay-registration"]')
    expect(step(0)).toBe('请缴纳笔试费用')
    expect(payButton(0)?.text()).toBe('缴纳笔试费用')
    expect(step(1)).toBe('缴费尚未开始，开始时间 2026-12-01 09:00')
    expect(payButton(1)?.exists()).toBe(false)
    expect(step(2)).toBe('下一阶段的费用需待成绩导入后缴纳，请留意通知')
    expect(payButton(2)?.exists()).toBe(false)
    expect(step(3)).toBe('审核已通过，请在缴费时间内缴费')
    expect(payButton(3)?.text()).toBe('去缴费')
    expect(step(4)).toBe('等待考点审核')
    // only registrations that pay are asked about their next round
    expect(calls.filter((c) => c.path.endsWith('/payments/next')).map((c) => c.path.split('/')[4])).toEqual(['reg-1', 'reg-2', 'reg-3', 'reg-4'])
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    await payButton(0)?.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/pay'), { timeout: 5000 })
  })

  it('the progress page says what paying asks next and lists the orders with their receipts', async () => {
    const physicianSession = { ...healthTechSession, stages: PHYSICIAN_STAGES }
    const skillsPaid = order('paid', { stage_code: 'skills', amount_fen: 45000, order_no: 'WK20261126SKILLS' })
    const waiting = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, { ...approved, status: 'paid' }),
        'GET /api/v1/registrations/reg-1/supplement': problem(404, 'no_supplement'),
        'GET /api/v1/registrations/reg-1/payments/next': json(200, notPayable('round_not_eligible')),
        'GET /api/v1/registrations/reg-1/payments': json(200, [skillsPaid]),
        'GET /api/v1/exam-sessions/session-ht': json(200, physicianSession),
      },
      signedIn,
    )
    expect(waiting.wrapper.find('[data-testid="next-payment"]').text()).toBe('需待技能考试成绩导入后缴纳笔试费用')
    expect(waiting.wrapper.find('[data-testid="pay-entry"]').text()).toBe('查看缴费记录')
    const receiptLink = waiting.wrapper.find('[data-testid="receipt-link"]')
    expect(receiptLink.text()).toBe('查看缴费凭证')
    await receiptLink.trigger('click')
    await vi.waitFor(() => expect(waiting.router.currentRoute.value.fullPath).toBe('/registrations/reg-1/payments/WK20261126SKILLS/receipt'))
    waiting.wrapper.unmount()

    const round2 = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, { ...approved, status: 'paid' }),
        'GET /api/v1/registrations/reg-1/supplement': problem(404, 'no_supplement'),
        'GET /api/v1/registrations/reg-1/payments/next': json(200, writtenRound()),
        'GET /api/v1/registrations/reg-1/payments': json(200, [skillsPaid]),
        'GET /api/v1/exam-sessions/session-ht': json(200, physicianSession),
      },
      signedIn,
    )
    expect(round2.wrapper.find('[data-testid="next-payment"]').text()).toBe('请缴纳笔试费用')
    const entry = round2.wrapper.find('[data-testid="pay-entry"]')
    expect(entry.text()).toBe('缴纳笔试费用')
    expect(entry.attributes('data-entry')).toBe('pay')
    round2.wrapper.unmount()
  })

  it('the progress page links to paying, or to the payments once paid', async () => {
    const pay = await mountView(RegistrationDetailView, '/registrations/reg-1', { 'GET /api/v1/registrations/reg-1': json(200, approved) }, signedIn)
    expect(pay.wrapper.find('[data-testid="pay-entry"]').text()).toBe('去缴费')
    const paid = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, { ...approved, status: 'paid' }),
        'GET /api/v1/registrations/reg-1/supplement': problem(404, 'no_supplement'),
      },
      signedIn,
    )
    expect(paid.wrapper.find('[data-testid="pay-entry"]').text()).toBe('查看缴费记录')
    // no supplementary materials owed (404 no_supplement): nothing about them, and no error
    expect(paid.wrapper.find('[data-testid="supplement-notice"]').exists()).toBe(false)
    expect(paid.wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    const submitted = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      { 'GET /api/v1/registrations/reg-1': json(200, { ...approved, status: 'submitted' }) },
      signedIn,
    )
    expect(submitted.wrapper.find('[data-testid="pay-entry"]').exists()).toBe(false)
  })

  it('home, reached through the cashier’s way back, sends the candidate on to that payment page', async () => {
    const { router, calls } = await mountView(HomeView, '/', home([]), returning)
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/pay')
    expect(calls).toEqual([])
  })
})
