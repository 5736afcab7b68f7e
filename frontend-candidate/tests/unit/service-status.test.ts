// Degraded mode: GET /api/v1/service-status read by the pages that pay (and, once there is one, upload) —
// the composable never throws (a failed read is "unknown": nothing shown), the notice says in words what it
// means with "check again", and the payment page, the progress page and the home page's registration cards
// disable paying with the reason next to the button while the payment center cannot be reached, and not
// otherwise.
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { createApiClient, installApiClient } from '@/api/client'
import type { ServiceStatus } from '@/api/types'
import ServiceNotice from '@/components/ServiceNotice.vue'
import { useServiceStatus, type ServiceStatusState } from '@/composables/service-status'
import { createAppI18n } from '@/i18n'
import HomeView from '@/views/home/HomeView.vue'
import PayView from '@/views/payments/PayView.vue'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import { nextPayment, notPayable, order } from './fixtures/payment'
import { healthTechSession, registration } from './fixtures/registration'
import { json, mountView, problem, scriptedFetch, type Reply } from './helpers'

const STATUS = 'GET /api/v1/service-status'
const status = (payments: boolean, uploads = true): ServiceStatus => ({
  payments: { available: payments, code: payments ? null : 'payment_center_unavailable' },
  uploads: { available: uploads, code: uploads ? null : 'storage_unavailable' },
})
const UP = status(true)
const PAYMENTS_DOWN = status(false)
const UPLOADS_DOWN = status(true, false)

const PAY_DOWN_TEXT = '缴费平台暂时无法连接，您的报名信息不受影响，请稍后再试；缴费截止时间以公告为准。'
const UPLOAD_DOWN_TEXT = '材料上传服务暂时不可用，已填写的内容已保存，请稍后再上传。'

function install(script: Record<string, Reply | Reply[]>) {
  const { fetch, calls } = scriptedFetch(script)
  const tokens = { accessToken: () => null, refreshToken: () => null, save: () => undefined, clear: () => undefined }
  installApiClient(createApiClient({ tokens, onSessionEnded: () => undefined, baseUrl: 'http://test', fetch }))
  return calls
}

/** Mounts a bare component that uses the composable (so onMounted runs) and hands it back. */
function withComposable(opts?: { immediate?: boolean }) {
  let state!: ServiceStatusState
  const wrapper = mount(
    defineComponent({
      setup() {
        state = useServiceStatus(opts)
        return () => h('div')
      },
    }),
  )
  return { wrapper, state: () => state }
}

describe('useServiceStatus', () => {
  it('reads the status when the page mounts: available', async () => {
    const calls = install({ [STATUS]: json(200, UP) })
    const { state, wrapper } = withComposable()
    expect(state().status.value).toBeNull()
    await flushPromises()
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([STATUS])
    // public: no token
    expect(calls[0]?.auth).toBeNull()
    expect(state().status.value).toEqual(UP)
    expect(state().paymentsDown.value).toBe(false)
    expect(state().uploadsDown.value).toBe(false)
    expect(state().checking.value).toBe(false)
    wrapper.unmount()
  })

  it('unavailable: each service on its own', async () => {
    install({ [STATUS]: [json(200, PAYMENTS_DOWN), json(200, UPLOADS_DOWN)] })
    const { state, wrapper } = withComposable()
    await flushPromises()
    expect(state().paymentsDown.value).toBe(true)
    expect(state().uploadsDown.value).toBe(false)
    expect(state().isDown('payments')).toBe(true)
    await state().refresh()
    expect(state().paymentsDown.value).toBe(false)
    expect(state().uploadsDown.value).toBe(true)
    wrapper.unmount()
  })

  it.each([
    ['a server error', problem(503, 'database_unavailable')],
    ['a proxy page', new Response('<html>bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } })],
    ['no network', new TypeError('Failed to fetch')],
    ['an unexpected failure', new Error('boom')],
  ])('the status call fails (%s): unknown, nothing down, never thrown', async (_, reply) => {
    install({ [STATUS]: reply })
    const { state, wrapper } = withComposable()
    await flushPromises()
    expect(state().status.value).toBeNull()
    expect(state().paymentsDown.value).toBe(false)
    expect(state().uploadsDown.value).toBe(false)
    await expect(state().refresh()).resolves.toBeUndefined()
    expect(state().checking.value).toBe(false)
    wrapper.unmount()
  })

  it('refresh: down → up, and a failed read forgets what was known', async () => {
    const calls = install({ [STATUS]: [json(200, PAYMENTS_DOWN), json(200, UP), problem(503, 'database_unavailable')] })
    const { state, wrapper } = withComposable()
    await flushPromises()
    expect(state().paymentsDown.value).toBe(true)
    const pending = state().refresh()
    expect(state().checking.value).toBe(true)
    await pending
    expect(state().checking.value).toBe(false)
    expect(state().paymentsDown.value).toBe(false)
    await state().refresh()
    expect(state().status.value).toBeNull()
    expect(calls).toHaveLength(3)
    wrapper.unmount()
  })

  it('a late answer to an older read does not overwrite a newer one', async () => {
    let release!: (r: Response) => void
    const slow = new Promise<Response>((resolve) => (release = resolve))
    install({ [STATUS]: [() => slow, json(200, UP)] })
    const { state, wrapper } = withComposable({ immediate: false })
    const first = state().refresh()
    await state().refresh()
    expect(state().paymentsDown.value).toBe(false)
    release(json(200, PAYMENTS_DOWN))
    await first
    expect(state().paymentsDown.value).toBe(false)
    expect(state().checking.value).toBe(false)
    wrapper.unmount()
  })

  it('immediate: false reads nothing until asked', async () => {
    const calls = install({ [STATUS]: json(200, UP) })
    const { state, wrapper } = withComposable({ immediate: false })
    await flushPromises()
    expect(calls).toEqual([])
    await state().refresh()
    expect(calls).toHaveLength(1)
    wrapper.unmount()
  })
})

describe('ServiceNotice', () => {
  const mountNotice = (props: { service: 'payments' | 'uploads'; down: boolean; checking?: boolean }, locale: 'zh-CN' | 'en-US' = 'zh-CN') =>
    mount(ServiceNotice, { props, global: { plugins: [createAppI18n(locale)] } })

  it('uploads down: the notice in words in a polite status region, "check again" emits recheck', async () => {
    const wrapper = mountNotice({ service: 'uploads', down: true })
    const region = wrapper.find('[data-testid="service-notice-uploads-region"]')
    expect(region.attributes('role')).toBe('status')
    expect(region.attributes('aria-live')).toBe('polite')
    expect(wrapper.find('[data-testid="service-notice-uploads"]').text()).toContain(UPLOAD_DOWN_TEXT)
    const recheck = wrapper.find('[data-testid="service-notice-uploads-recheck"]')
    expect(recheck.text()).toBe('重新检查')
    expect(recheck.element.tagName).toBe('BUTTON')
    await recheck.trigger('click')
    expect(wrapper.emitted('recheck')).toHaveLength(1)
  })

  it('nothing down: an empty region (kept in the page so a later notice is announced)', () => {
    const wrapper = mountNotice({ service: 'payments', down: false })
    const region = wrapper.find('[data-testid="service-notice-payments-region"]')
    expect(region.exists()).toBe(true)
    expect(region.text()).toBe('')
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
  })

  it('after "check again": says it is still down, or that it is back', async () => {
    const wrapper = mountNotice({ service: 'payments', down: true })
    await wrapper.find('[data-testid="service-notice-payments-recheck"]').trigger('click')
    await wrapper.setProps({ checking: true })
    await wrapper.setProps({ checking: false })
    expect(wrapper.find('[data-testid="service-notice-payments-still"]').text()).toBe('刚刚重新检查过，仍无法连接，请稍后再试。')
    await wrapper.find('[data-testid="service-notice-payments-recheck"]').trigger('click')
    expect(wrapper.find('[data-testid="service-notice-payments-still"]').exists()).toBe(false)
    await wrapper.setProps({ checking: true })
    await wrapper.setProps({ checking: false, down: false })
    await nextTick()
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="service-notice-payments-restored"]').text()).toBe('缴费平台已恢复连接，可以缴费了。')
  })

  it('speaks English too', () => {
    const wrapper = mountNotice({ service: 'payments', down: true }, 'en-US')
    expect(wrapper.text()).toContain('The payment service cannot be reached right now')
    expect(wrapper.text()).toContain('Check again')
    const uploads = mountNotice({ service: 'uploads', down: true }, 'en-US')
    expect(uploads.text()).toContain('Uploading materials is not possible right now')
  })
})

const approved = registration({ status: 'approved' })
const session = {
  ...healthTechSession,
  stages: [{ code: 'main', name: '考试', payment_opens_at: '2026-11-26T02:00:00Z', payment_closes_at: '2026-12-25T15:59:00Z' }],
}
const signedIn = { signedIn: true }
function payScript(over: Record<string, Reply | Reply[]> = {}) {
  return {
    'GET /api/v1/registrations/reg-1': () => json(200, approved),
    'GET /api/v1/exam-sessions/session-ht': () => json(200, session),
    'GET /api/v1/registrations/reg-1/payments': () => json(200, []),
    'GET /api/v1/registrations/reg-1/payments/next': () => json(200, nextPayment()),
    ...over,
  }
}

describe('payment page when the payment center cannot be reached', () => {
  let assign: ReturnType<typeof vi.fn>
  beforeEach(() => {
    assign = vi.fn()
    vi.stubGlobal('location', { ...window.location, assign })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows the notice at the top and disables "pay" with the reason next to it; "check again" lifts both', async () => {
    const { wrapper, calls } = await mountView(PayView, '/registrations/reg-1/pay', payScript({ [STATUS]: [json(200, PAYMENTS_DOWN), json(200, UP)] }), signedIn)
    const notice = wrapper.find('[data-testid="service-notice-payments"]')
    expect(notice.text()).toContain(PAY_DOWN_TEXT)
    // at the top: before the summary
    const main = wrapper.find('main').element
    const region = wrapper.find('[data-testid="service-notice-payments-region"]').element
    expect(main.firstElementChild).toBe(region)
    expect(region.getAttribute('role')).toBe('status')

    const button = wrapper.find('[data-testid="pay-button"]')
    expect(button.attributes('disabled')).toBeDefined()
    const reason = wrapper.find('[data-testid="pay-blocked"]')
    expect(reason.text()).toBe('缴费平台暂时无法连接，暂时不能支付。')
    expect(button.attributes('aria-describedby')).toBe(reason.attributes('id'))
    // the amount and the period are still shown
    expect(wrapper.find('[data-testid="pay-amount"]').text()).toBe('¥280.00')
    await button.trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])

    await wrapper.find('[data-testid="service-notice-payments-recheck"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.path === '/api/v1/service-status')).toHaveLength(2)
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="service-notice-payments-restored"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="pay-blocked"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="pay-button"]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it.each([
    ['available', json(200, UP)],
    ['only uploads down', json(200, UPLOADS_DOWN)],
    ['the status cannot be read', problem(503, 'database_unavailable')],
  ])('%s: no notice, "pay" works', async (_, reply) => {
    const { wrapper, calls } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      payScript({ [STATUS]: reply, 'POST /api/v1/registrations/reg-1/payments': json(201, order('pending')) }),
      signedIn,
    )
    expect(calls.some((c) => c.path === '/api/v1/service-status')).toBe(true)
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="pay-blocked"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
    const button = wrapper.find('[data-testid="pay-button"]')
    expect(button.attributes('disabled')).toBeUndefined()
    await button.trigger('click')
    await flushPromises()
    expect(assign).toHaveBeenCalledWith('http://test/sandbox/paycenter/cashier/t1')
    wrapper.unmount()
  })

  it('paying fails because the payment center went away meanwhile: the status is read again and the notice appears', async () => {
    const { wrapper, calls } = await mountView(
      PayView,
      '/registrations/reg-1/pay',
      payScript({
        [STATUS]: [json(200, UP), json(200, PAYMENTS_DOWN)],
        'POST /api/v1/registrations/reg-1/payments': problem(503, 'payment_center_unavailable'),
      }),
      signedIn,
    )
    await wrapper.find('[data-testid="pay-button"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.path === '/api/v1/service-status')).toHaveLength(2)
    expect(wrapper.find('[data-testid="error-notice"]').text()).toContain('没有扣款')
    // "check again" in the notice is the way to retry now, not a second button
    expect(wrapper.find('[data-testid="error-notice"] button').exists()).toBe(false)
    expect(wrapper.find('[data-testid="service-notice-payments"]').text()).toContain(PAY_DOWN_TEXT)
    expect(wrapper.find('[data-testid="pay-button"]').attributes('disabled')).toBeDefined()
    expect(assign).not.toHaveBeenCalled()
    wrapper.unmount()
  })
})

describe('progress page when the payment center cannot be reached', () => {
  const detailScript = (reg: object, over: Record<string, Reply | Reply[]> = {}) => ({
    'GET /api/v1/registrations/reg-1': json(200, reg),
    'GET /api/v1/registrations/reg-1/payments/next': json(200, nextPayment()),
    'GET /api/v1/registrations/reg-1/payments': json(200, []),
    'GET /api/v1/exam-sessions/session-ht': json(200, session),
    ...over,
  })

  it('a round to pay: the notice, and "pay" disabled with the reason next to it', async () => {
    const { wrapper, router } = await mountView(RegistrationDetailView, '/registrations/reg-1', detailScript(approved, { [STATUS]: json(200, PAYMENTS_DOWN) }), signedIn)
    expect(wrapper.find('[data-testid="service-notice-payments"]').text()).toContain(PAY_DOWN_TEXT)
    const entry = wrapper.find('[data-testid="pay-entry"]')
    expect(entry.text()).toBe('去缴费')
    expect(entry.attributes('disabled')).toBeDefined()
    const reason = wrapper.find('[data-testid="pay-blocked"]')
    expect(reason.text()).toBe('缴费平台暂时无法连接，暂时不能支付。')
    expect(entry.attributes('aria-describedby')).toBe(reason.attributes('id'))
    await entry.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1')
    wrapper.unmount()
  })

  it('available: no notice, "pay" leads to the payment page', async () => {
    const { wrapper } = await mountView(RegistrationDetailView, '/registrations/reg-1', detailScript(approved, { [STATUS]: json(200, UP) }), signedIn)
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="pay-entry"]').attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="pay-blocked"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('nothing to pay (all paid): no notice, the payments stay one tap away', async () => {
    const { wrapper } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      detailScript(
        { ...approved, status: 'paid' },
        {
          [STATUS]: json(200, PAYMENTS_DOWN),
          'GET /api/v1/registrations/reg-1/payments/next': json(200, notPayable('already_paid')),
          'GET /api/v1/registrations/reg-1/payments': json(200, [order('paid')]),
        },
      ),
      signedIn,
    )
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    const entry = wrapper.find('[data-testid="pay-entry"]')
    expect(entry.text()).toBe('查看缴费记录')
    expect(entry.attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('a draft does not ask about paying at all', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      { 'GET /api/v1/registrations/reg-1': json(200, registration({ status: 'draft' })), [STATUS]: json(200, PAYMENTS_DOWN) },
      signedIn,
    )
    expect(calls.some((c) => c.path === '/api/v1/service-status')).toBe(false)
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('home page cards when the payment center cannot be reached', () => {
  const item = (over: Record<string, unknown> = {}) => ({
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
  const home = (mine: object[], over: Record<string, Reply | Reply[]> = {}) => ({
    'GET /api/v1/me': json(200, { kind: 'candidate', candidate: { id: 'c1', name: '张晓燕', id_type: 'resident_id', id_number_masked: 'x', phone_masked: 'y' } }),
    'GET /api/v1/exam-sessions': json(200, []),
    'GET /api/v1/registrations': json(200, mine),
    'GET /api/v1/registrations/reg-1/payments/next': json(200, nextPayment()),
    'GET /api/v1/registrations/reg-2/payments/next': json(200, notPayable('already_paid')),
    'GET /api/v1/registrations/reg-2/supplement': problem(404, 'no_supplement'),
    ...over,
  })
  it('"pay" on a card is disabled with the reason next to it and the notice above the cards; "check again" lifts both', async () => {
    const { wrapper, router, calls } = await mountView(
      HomeView,
      '/',
      home([item(), item({ id: 'reg-2', status: 'paid' })], { [STATUS]: [json(200, PAYMENTS_DOWN), json(200, UP)] }),
      signedIn,
    )
    const list = wrapper.find('[data-testid="my-registrations"]')
    const notice = list.find('[data-testid="service-notice-payments"]')
    expect(notice.text()).toContain(PAY_DOWN_TEXT)
    expect(notice.find('[data-testid="service-notice-payments-recheck"]').text()).toBe('重新检查')
    const cards = wrapper.findAll('[data-testid="my-registration"]')
    const pay = cards[0]!.find('[data-testid="pay-registration"]')
    expect(pay.text()).toBe('去缴费')
    expect(pay.attributes('disabled')).toBeDefined()
    const reason = cards[0]!.find('[data-testid="pay-blocked"]')
    // in words, not only a greyed-out button
    expect(reason.text()).toBe('缴费平台暂时无法连接，暂时不能支付。')
    expect(pay.attributes('aria-describedby')).toBe(reason.attributes('id'))
    // the next step and the way to the progress stay as they are
    expect(cards[0]!.find('[data-testid="next-step"]').text()).toBe('审核已通过，请在缴费时间内缴费')
    expect(cards[0]!.find('[data-testid="view-registration"]').attributes('disabled')).toBeUndefined()
    // a paid registration offers no "pay", so nothing is blocked on its card
    expect(cards[1]!.find('[data-testid="pay-blocked"]').exists()).toBe(false)
    await pay.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/')

    await notice.find('[data-testid="service-notice-payments-recheck"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.path === '/api/v1/service-status')).toHaveLength(2)
    expect(list.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    expect(list.find('[data-testid="service-notice-payments-restored"]').text()).toBe('缴费平台已恢复连接，可以缴费了。')
    expect(wrapper.find('[data-testid="pay-blocked"]').exists()).toBe(false)
    const again = wrapper.find('[data-testid="pay-registration"]')
    expect(again.attributes('disabled')).toBeUndefined()
    expect(again.attributes('aria-describedby')).toBeUndefined()
    await again.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/pay'), { timeout: 5000 })
    wrapper.unmount()
  })

  it.each([
    ['available', json(200, UP)],
    ['only uploads down', json(200, UPLOADS_DOWN)],
    ['the status cannot be read', problem(503, 'database_unavailable')],
  ])('%s: no notice, "pay" leads to the payment page', async (_, reply) => {
    const { wrapper, router, calls } = await mountView(HomeView, '/', home([item()], { [STATUS]: reply }), signedIn)
    expect(calls.some((c) => c.path === '/api/v1/service-status')).toBe(true)
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="pay-blocked"]').exists()).toBe(false)
    const pay = wrapper.find('[data-testid="pay-registration"]')
    expect(pay.attributes('disabled')).toBeUndefined()
    await pay.trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/pay'), { timeout: 5000 })
    wrapper.unmount()
  })

  it('nothing to pay (all paid): no notice even while the payment center is down', async () => {
    const { wrapper } = await mountView(HomeView, '/', home([item({ id: 'reg-2', status: 'paid' })], { [STATUS]: json(200, PAYMENTS_DOWN) }), signedIn)
    expect(wrapper.find('[data-testid="my-registration"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="pay-blocked"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('no registration that pays: the status is not asked for', async () => {
    const { wrapper, calls } = await mountView(
      HomeView,
      '/',
      home([item({ status: 'draft', submitted_at: null }), item({ id: 'reg-3', status: 'submitted', current_level: 'point' })], {
        [STATUS]: json(200, PAYMENTS_DOWN),
      }),
      signedIn,
    )
    expect(wrapper.findAll('[data-testid="my-registration"]')).toHaveLength(2)
    expect(calls.some((c) => c.path === '/api/v1/service-status')).toBe(false)
    expect(wrapper.find('[data-testid="service-notice-payments"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
