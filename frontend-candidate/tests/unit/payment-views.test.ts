// The payment page inside the real app plumbing with the network scripted: amount, fee lines and period;
// "pay" sends the browser to the cashier; every documented refusal in words; back from the cashier it waits
// for the result. And the ways in: "my registrations", the progress page, and home after the cashier.
import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RegistrationListItem } from '@/api/types'
import { PAYMENT_RETURN_KEY } from '@/stores/payment-return'
import HomeView from '@/views/home/HomeView.vue'
import PayView from '@/views/payments/PayView.vue'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import { order } from './fixtures/payment'
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
        'POST /api/v1/registrations/reg-1/payments': problem(409, 'already_paid'),
      }),
      signedIn,
    )
    await wrapper.find('[data-testid="pay-button"]').trigger('click')
    await flushPromises()
    expect(text(wrapper, 'error-notice')).toContain('您已缴费成功')
    expect(text(wrapper, 'status-tag')).toBe('已缴费')
    expect(wrapper.find('[data-testid="payment-notice"]').attributes('data-kind')).toBe('paid')
    expect(wrapper.find('[data-testid="pay-button"]').exists()).toBe(false)
  })

  it('back from the cashier: "confirming" until the order is paid, then the paid registration', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    const { wrapper, calls } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      script({
        'GET /api/v1/registrations/reg-1': [json(200, approved), json(200, { ...approved, status: 'paid' })],
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
  const home = (mine: RegistrationListItem[]) => ({
    'GET /api/v1/me': json(200, { kind: 'candidate', candidate: { id: 'c1', name: '张晓燕', id_type: 'resident_id', id_number_masked: 'x', phone_masked: 'y' } }),
    'GET /api/v1/exam-sessions': json(200, []),
    'GET /api/v1/registrations': json(200, mine),
  })

  it('"my registrations" offers paying an approved registration only', async () => {
    const { wrapper, router } = await mountView(HomeView, '/', home([item({}), item({ id: 'reg-2', status: 'paid' })]), signedIn)
    const cards = wrapper.findAll('[data-testid="my-registration"]')
    expect(cards[0]?.find('[data-testid="next-step"]').text()).toBe('审核已通过，请在缴费时间内缴费')
    expect(cards[1]?.find('[data-testid="next-step"]').text()).toBe('已缴费，报名完成')
    expect(cards[1]?.find('[data-testid="pay-registration"]').exists()).toBe(false)
    await cards[0]?.find('[data-testid="pay-registration"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/pay'), { timeout: 5000 })
  })

  it('the progress page links to paying, or to the payments once paid', async () => {
    const pay = await mountView(RegistrationDetailView, '/registrations/reg-1', { 'GET /api/v1/registrations/reg-1': json(200, approved) }, signedIn)
    expect(pay.wrapper.find('[data-testid="pay-entry"]').text()).toBe('去缴费')
    const paid = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      { 'GET /api/v1/registrations/reg-1': json(200, { ...approved, status: 'paid' }) },
      signedIn,
    )
    expect(paid.wrapper.find('[data-testid="pay-entry"]').text()).toBe('查看缴费记录')
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
