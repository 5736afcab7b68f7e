import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import RegistrationView from '@/views/RegistrationView.vue'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const review = vi.hoisted(() => ({
  getRegistration: vi.fn(),
  listFindings: vi.fn(),
  listReasons: vi.fn(),
  reopen: vi.fn(),
  decide: vi.fn(),
  revealIdNumber: vi.fn(),
  reverify: vi.fn(),
}))
vi.mock('@/api/review', () => review)
vi.mock('@/api/materials', () => ({ createMaterialLink: vi.fn(), openMaterialFile: vi.fn() }))
vi.mock('@/api/supplements', async () => (await import('./helpers')).noSupplementApi())

const A = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'

const detail = (extra: Record<string, unknown> = {}) => ({
  id: A,
  session_id: '239c40d9-13a9-4e36-ae42-3f3fb0075119',
  exam_type: 'health_tech',
  session_name: '2027年度卫生专业技术资格考试（河南考区）',
  status: 'approved',
  current_level: 'region',
  version: 7,
  candidate_name: '欧阳明轩',
  id_number_masked: '410105********0245',
  org_id: null,
  submitted_at: '2026-11-25T21:30:46Z',
  overdue: false,
  form: {},
  materials: [],
  timeline: [],
  ...extra,
})

async function setup(profile: Record<string, unknown> = { review_level: 'region' }) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: '/registrations/:id', name: 'registration', component: RegistrationView },
    { path: '/queue', name: 'queue', component: Stub('queue') },
  ])
  await router.push(`/registrations/${A}`)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return wrapper
}

const body = (selector: string) => document.body.querySelector<HTMLElement>(selector)

async function fillReason(text: string): Promise<void> {
  const reason = body('textarea[data-testid="reopen-reason"]') as HTMLTextAreaElement
  reason.value = text
  reason.dispatchEvent(new Event('input'))
  await settle()
}

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  Object.values(review).forEach((f) => f.mockReset())
  review.getRegistration.mockResolvedValue(detail())
  review.listFindings.mockResolvedValue([])
  review.listReasons.mockResolvedValue([])
})

describe('reopening an approved registration', () => {
  it('is offered to exam-region reviewers on approved registrations only', async () => {
    const region = await setup()
    expect(region.find('[data-testid="reopen"]').exists()).toBe(true)
    region.unmount()
    const site = await setup({ review_level: 'site' })
    expect(site.find('[data-testid="reopen"]').exists()).toBe(false)
    site.unmount()
    const admin = await setup({ role: 'region_admin', review_level: null })
    expect(admin.find('[data-testid="reopen"]').exists()).toBe(false)
    admin.unmount()
    review.getRegistration.mockResolvedValue(detail({ status: 'paid' }))
    const paid = await setup()
    expect(paid.find('[data-testid="reopen"]').exists()).toBe(false)
    paid.unmount()
  })

  it('asks for a reason of 4–500 characters, sends it with the version seen, and shows the registration again', async () => {
    const wrapper = await setup()
    await wrapper.get('[data-testid="reopen"]').trigger('click')
    await settle()
    await fillReason('短')
    body('[data-testid="reopen-submit"]')!.click()
    await settle()
    expect(review.reopen).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(body('[data-testid="reopen-dialog"]')?.textContent).toContain('原因须为 4–500 个字符'))

    review.reopen.mockResolvedValue({ id: A, status: 'submitted', current_level: 'region', version: 8 })
    review.getRegistration.mockResolvedValue(detail({ status: 'submitted', version: 8 }))
    await fillReason('  考生来电说明工作年限有误  ')
    body('[data-testid="reopen-submit"]')!.click()
    await settle(8)
    expect(review.reopen).toHaveBeenCalledWith(A, 7, '考生来电说明工作年限有误')
    expect(review.getRegistration).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="reopen"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="decision-bar"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('says in the dialog why the server refused (409), with a way to reload', async () => {
    const wrapper = await setup()
    await wrapper.get('[data-testid="reopen"]').trigger('click')
    await settle()
    review.reopen.mockRejectedValueOnce(problem(409, 'payment_in_progress'))
    await fillReason('考生来电说明工作年限有误')
    body('[data-testid="reopen-submit"]')!.click()
    await settle(8)
    const conflict = body('[data-testid="reopen-conflict"]')!
    expect(conflict.dataset.code).toBe('payment_in_progress')
    expect(conflict.textContent).toContain('已有进行中或已完成的缴费订单')
    expect(body('[data-testid="reopen-submit"]')!.hasAttribute('disabled')).toBe(true)
    body('[data-testid="reopen-refresh"]')!.click()
    await settle(8)
    expect(review.getRegistration).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })
})
