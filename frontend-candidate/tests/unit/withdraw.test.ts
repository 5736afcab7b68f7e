// Withdrawing a registration (撤销报名) and registering again: which statuses offer it, the confirm dialog
// (consequence, the reason's 200-character limit, the version and reason sent, errors shown, a version
// conflict reloading), the withdrawn status everywhere (tag, timeline, home card) and "重新报名" only while the
// session is open for registration.
import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TimelineItem } from '@/api/types'
import { mayWithdraw, reasonLength, reasonToSend, REASON_MAX } from '@/registration/withdraw'
import MyRegistrationsCard from '@/views/home/MyRegistrationsCard.vue'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import { healthTechSession, registration } from './fixtures/registration'
import { json, mountView, problem, type Call } from './helpers'

const signedIn = { signedIn: true }
/** The last match in the page (the dialog is teleported to <body>). */
const inBody = (selector: string) => [...document.body.querySelectorAll<HTMLElement>(selector)].at(-1) ?? null

beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined)
})

const step = (action: string, over: Partial<TimelineItem> = {}): TimelineItem => ({
  level: null,
  action,
  actor_kind: 'candidate',
  comment: null,
  reason_codes: [],
  from_status: 'submitted',
  to_status: 'withdrawn',
  at: '2026-11-26T02:00:00Z',
  returned_fields: [],
  returned_materials: [],
  ...over,
})

const submitted = registration({ status: 'submitted', current_level: 'point', version: 7, submitted_at: '2026-11-25T03:00:00Z' })
const withdrawn = registration({
  status: 'withdrawn',
  current_level: null,
  version: 8,
  submitted_at: '2026-11-25T03:00:00Z',
  timeline: [...submitted.timeline, step('withdraw', { comment: '工作单位安排冲突' })],
})
const openSession = {
  id: 'session-ht',
  exam_type: 'health_tech',
  exam_type_name: '卫生专业技术资格考试',
  year: 2027,
  name: healthTechSession.name,
  review_chain: ['point', 'site', 'region'],
  registration_opens_at: '2026-11-23T16:00:00Z',
  registration_closes_at: '2026-12-13T15:59:00Z',
  registration_open: true,
}

const withdrawCalls = (calls: Call[]) => calls.filter((c) => c.method === 'POST' && c.path.endsWith('/withdraw'))

async function openDialog(wrapper: { find: (s: string) => { trigger: (e: string) => Promise<void> } }) {
  await wrapper.find('[data-testid="withdraw-entry"]').trigger('click')
  await flushPromises()
  const dialog = inBody('[data-testid="withdraw-dialog"]')
  expect(dialog).not.toBeNull()
  return dialog!
}

function typeReason(text: string) {
  const area = inBody('#withdraw-reason') as HTMLTextAreaElement
  area.value = text
  area.dispatchEvent(new Event('input'))
  return area
}

async function confirm() {
  inBody('.van-dialog__confirm')!.click()
  await flushPromises()
  await flushPromises()
}

describe('which registrations can be withdrawn', () => {
  it('anything before the final decision, as the server allows', () => {
    for (const s of ['draft', 'submitted', 'resubmitted', 'returned']) expect(mayWithdraw(s), s).toBe(true)
    for (const s of ['under_review', 'approved', 'paid', 'rejected', 'withdrawn', 'cancelled']) expect(mayWithdraw(s), s).toBe(false)
  })

  it('sends a trimmed reason, none when empty, and counts characters as the server does', () => {
    expect(reasonToSend('  家中有事  ')).toBe('家中有事')
    expect(reasonToSend('   ')).toBeUndefined()
    expect(reasonLength('😀'.repeat(REASON_MAX))).toBe(200)
  })

  it.each(['draft', 'submitted', 'resubmitted', 'returned'])('the progress page offers it for %s', async (status) => {
    const { wrapper } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      { 'GET /api/v1/registrations/reg-1': json(200, registration({ status })) },
      signedIn,
    )
    expect(wrapper.find('[data-testid="withdraw-entry"]').text()).toBe('撤销报名')
    wrapper.unmount()
  })

  it.each(['rejected', 'withdrawn'])('the progress page does not offer it for %s', async (status) => {
    const { wrapper } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      { 'GET /api/v1/registrations/reg-1': json(200, registration({ status })), 'GET /api/v1/exam-sessions': json(200, []) },
      signedIn,
    )
    expect(wrapper.find('[data-testid="status-tag"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="withdraw-entry"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('the withdraw dialog', () => {
  it('explains the consequence, limits the reason to 200 characters and sends the version and reason', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, submitted),
        'POST /api/v1/registrations/reg-1/withdraw': json(200, withdrawn),
        'GET /api/v1/exam-sessions': json(200, [openSession]),
      },
      signedIn,
    )
    const entry = wrapper.find('[data-testid="withdraw-entry"]')
    // quiet: a plain danger button, not the primary action
    expect(entry.classes()).toContain('van-button--plain')
    const dialog = await openDialog(wrapper)
    expect(dialog.textContent).toContain('撤销后审核将停止。报名期内可重新报名，已填写的信息会保留。')
    const area = typeReason('长'.repeat(250))
    await flushPromises()
    expect(area.value).toHaveLength(200)
    expect(inBody('.van-field__word-limit')?.textContent).toBe('200/200')
    typeReason('  工作单位安排冲突  ')
    await flushPromises()
    await confirm()

    expect(withdrawCalls(calls).map((c) => c.body)).toEqual([{ version: 7, reason: '工作单位安排冲突' }])
    expect(wrapper.find('[data-testid="status-tag"]').text()).toBe('已撤销')
    expect(wrapper.find('[data-testid="status-tag"] .van-tag').classes()).toContain('van-tag--default')
    expect(wrapper.find('[data-testid="withdraw-entry"]').exists()).toBe(false)
    // no 申报表 to print for a withdrawn registration
    expect(wrapper.find('[data-testid="print-form-entry"]').exists()).toBe(false)
    const last = wrapper.findAll('[data-testid="timeline-item"]').at(-1)
    expect(last?.attributes('data-action')).toBe('withdraw')
    expect(last?.text()).toContain('撤销报名 · 本人')
    expect(last?.text()).toContain('撤销原因：工作单位安排冲突')
    // the session is open: register again
    expect(wrapper.find('[data-testid="register-again-hint"]').text()).toBe('报名期内可重新报名，已填写的信息会保留。')
    expect(wrapper.find('[data-testid="register-again"]').text()).toBe('重新报名')
    wrapper.unmount()
  })

  it('sends no reason when none is given, and cancel sends nothing', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, submitted),
        'POST /api/v1/registrations/reg-1/withdraw': json(200, withdrawn),
        'GET /api/v1/exam-sessions': json(200, []),
      },
      signedIn,
    )
    await openDialog(wrapper)
    inBody('.van-dialog__cancel')!.click()
    await flushPromises()
    expect(withdrawCalls(calls)).toEqual([])
    await openDialog(wrapper)
    await confirm()
    expect(withdrawCalls(calls).map((c) => c.body)).toEqual([{ version: 7 }])
    // the window has closed: no way back
    expect(wrapper.find('[data-testid="register-again"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="register-again-closed"]').text()).toBe('报名时间已结束，不能再重新报名。')
    wrapper.unmount()
  })

  it('shows the server’s reason error under the field and other failures in the dialog, which stays open', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': json(200, submitted),
        'POST /api/v1/registrations/reg-1/withdraw': [
          problem(422, 'validation_failed', { errors: { reason: ['reason_too_long'] } }),
          problem(503, 'service_unavailable'),
        ],
      },
      signedIn,
    )
    await openDialog(wrapper)
    typeReason('原因')
    await confirm()
    expect(inBody('[data-testid="withdraw-reason"] .van-field__error-message')?.textContent).toBe('撤销原因最多 200 字')
    await confirm()
    expect(inBody('[data-testid="withdraw-failure"]')?.textContent).toBe('系统繁忙，请稍后重试')
    expect(withdrawCalls(calls)).toHaveLength(2)
    expect(wrapper.find('[data-testid="status-tag"]').text()).toBe('已提交')
    expect((inBody('[data-testid="withdraw-dialog"]') as HTMLElement).style.display).not.toBe('none')
    wrapper.unmount()
  })

  it('reloads with a message on a version conflict', async () => {
    const changed = registration({ status: 'returned', version: 9 })
    const { wrapper, calls } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': [json(200, submitted), json(200, changed)],
        'POST /api/v1/registrations/reg-1/withdraw': problem(409, 'version_conflict'),
      },
      signedIn,
    )
    await openDialog(wrapper)
    await confirm()
    expect(calls.filter((c) => c.method === 'GET' && c.path === '/api/v1/registrations/reg-1')).toHaveLength(2)
    expect(wrapper.find('[data-testid="withdraw-notice"]').text()).toContain('已为您重新加载')
    expect(wrapper.find('[data-testid="status-tag"]').text()).toBe('已退回修改')
    wrapper.unmount()
  })

  it('reloads with a message when it can no longer be withdrawn', async () => {
    const { wrapper } = await mountView(
      RegistrationDetailView,
      '/registrations/reg-1',
      {
        'GET /api/v1/registrations/reg-1': [json(200, submitted), json(200, registration({ status: 'rejected', version: 9 }))],
        'POST /api/v1/registrations/reg-1/withdraw': problem(409, 'registration_not_withdrawable'),
      },
      signedIn,
    )
    await openDialog(wrapper)
    await confirm()
    expect(wrapper.find('[data-testid="withdraw-notice"]').text()).toBe('该报名当前不能撤销，已为您重新加载最新状态。')
    expect(wrapper.find('[data-testid="withdraw-entry"]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('a withdrawn registration', () => {
  it('timeline: withdraw with its reason, then register again', async () => {
    const again = registration({
      status: 'draft',
      version: 9,
      timeline: [...withdrawn.timeline, step('register_again', { from_status: 'withdrawn', to_status: 'draft', at: '2026-11-27T02:00:00Z' })],
    })
    const { wrapper } = await mountView(RegistrationDetailView, '/registrations/reg-1', { 'GET /api/v1/registrations/reg-1': json(200, again) }, signedIn)
    const items = wrapper.findAll('[data-testid="timeline-item"]')
    expect(items.map((i) => i.attributes('data-action'))).toEqual(['create', 'withdraw', 'register_again'])
    expect(items[1]?.text()).toContain('撤销原因：工作单位安排冲突')
    expect(items[2]?.text()).toContain('重新报名 · 本人')
    wrapper.unmount()
  })

  const listItem = (over: Record<string, unknown> = {}) => ({
    id: 'reg-1',
    session_id: 'session-ht',
    exam_type: 'health_tech',
    session_name: healthTechSession.name,
    status: 'withdrawn',
    current_level: null,
    version: 8,
    submitted_at: '2026-11-25T03:00:00Z',
    updated_at: '2026-11-26T02:00:00Z',
    ...over,
  })

  it('home card: 已撤销 in grey, and 重新报名 opens the same registration as a draft in the wizard', async () => {
    const { wrapper, router, calls } = await mountView(
      MyRegistrationsCard,
      '/',
      {
        'GET /api/v1/registrations': json(200, [listItem()]),
        'GET /api/v1/exam-sessions': json(200, [openSession]),
        'POST /api/v1/registrations': json(201, registration({ status: 'draft', version: 9 })),
      },
      signedIn,
    )
    const card = wrapper.find('[data-testid="my-registration"]')
    expect(card.attributes('data-status')).toBe('withdrawn')
    expect(card.find('[data-testid="status-tag"]').text()).toBe('已撤销')
    expect(card.find('[data-testid="status-tag"] .van-tag').classes()).toContain('van-tag--default')
    expect(card.find('[data-testid="next-step"]').text()).toBe('报名已撤销。报名期内可重新报名，已填写的信息会保留')
    await card.find('[data-testid="register-again"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/edit'), { timeout: 5000 })
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ session_id: 'session-ht' })
    wrapper.unmount()
  })

  it('home card: says the window has closed when the session is no longer open', async () => {
    const { wrapper, calls } = await mountView(
      MyRegistrationsCard,
      '/',
      { 'GET /api/v1/registrations': json(200, [listItem()]), 'GET /api/v1/exam-sessions': json(200, []) },
      signedIn,
    )
    const card = wrapper.find('[data-testid="my-registration"]')
    expect(card.find('[data-testid="next-step"]').text()).toBe('报名已撤销，报名时间已结束，不能再重新报名')
    expect(card.find('[data-testid="register-again"]').exists()).toBe(false)
    expect(card.find('[data-testid="view-registration"]').exists()).toBe(true)
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])
    wrapper.unmount()
  })

  it('home card: the server closing the window meanwhile is said so', async () => {
    const { wrapper } = await mountView(
      MyRegistrationsCard,
      '/',
      {
        'GET /api/v1/registrations': json(200, [listItem()]),
        'GET /api/v1/exam-sessions': json(200, [openSession]),
        'POST /api/v1/registrations': problem(409, 'registration_window_closed'),
      },
      signedIn,
    )
    await wrapper.find('[data-testid="register-again"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="register-again"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="register-again-closed"]').text()).toBe('报名时间已结束，不能再重新报名。')
    wrapper.unmount()
  })

  it('does not read the open sessions when nothing is withdrawn', async () => {
    const { calls } = await mountView(MyRegistrationsCard, '/', { 'GET /api/v1/registrations': json(200, [listItem({ status: 'draft' })]) }, signedIn)
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/registrations'])
  })
})
