import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import RegistrationView from '@/views/RegistrationView.vue'
import RevealedId from '@/components/RevealedId.vue'
import { useSessionStore } from '@/stores/session'
import { saveQueueContext } from '@/composables/queue-context'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const review = vi.hoisted(() => ({
  getRegistration: vi.fn(),
  revealIdNumber: vi.fn(),
  listRegistrations: vi.fn(),
  listFindings: vi.fn(),
  reverify: vi.fn(),
  listReasons: vi.fn(),
  decide: vi.fn(),
}))
vi.mock('@/api/review', () => review)
vi.mock('@/api/materials', () => ({ createMaterialLink: vi.fn(), openMaterialFile: vi.fn() }))
vi.mock('@/api/supplements', async () => (await import('./helpers')).noSupplementApi())

const A = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'
const B = '20aa6ca8-3325-431d-93c4-d4b89eae67db'
const C = '999bb591-e5d4-470d-bd22-691c77f4bdda'

const detail = (id: string) => ({
  id,
  session_id: '239c40d9-13a9-4e36-ae42-3f3fb0075119',
  exam_type: 'health_tech',
  session_name: '2027年度卫生专业技术资格考试（河南考区）',
  status: 'submitted',
  current_level: 'point',
  version: 1,
  candidate_name: '张晓燕',
  id_number_masked: '410105********0245',
  org_id: null,
  submitted_at: '2026-11-25T21:30:46Z',
  form: { identity: { name: '张晓燕', sex: 'female', birth_date: '1995-03-12' } },
  materials: [],
  timeline: [],
})

const BATCH = '5b0f3c2e-7d1a-4c55-9a0e-2f4d8c9b1e77'
const finding = (severity: string, rule: string, extra: Record<string, unknown> = {}) => ({
  id: `${rule}-${severity}-${String(extra.superseded_at ?? 'now')}`,
  rule_code: rule,
  severity,
  reviewer_message: `${rule} 的说明`,
  candidate_message: null,
  evidence: null,
  computed_at: '2026-11-25T22:00:00Z',
  superseded_at: null,
  ...extra,
})

async function setup(id: string, canReveal = true, role = 'reviewer') {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({ can_reveal_pii: canReveal, role })
  const router = testRouter([
    { path: '/registrations/:id', name: 'registration', component: RegistrationView },
    { path: '/queue', name: 'queue', component: Stub('queue') },
  ])
  await router.push(`/registrations/${id}`)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  Object.values(review).forEach((f) => f.mockReset())
  review.getRegistration.mockImplementation(async (id: string) => detail(id))
  review.listFindings.mockResolvedValue([])
  review.listReasons.mockResolvedValue([])
})

describe('registration screen', () => {
  it('shows the header, the masked ID and the form as labelled sections', async () => {
    const { wrapper } = await setup(A)
    expect(review.getRegistration).toHaveBeenCalledWith(A)
    expect(wrapper.get('[data-testid="candidate-name"]').text()).toBe('张晓燕')
    expect(wrapper.get('[data-testid="masked-id"]').text()).toBe('410105********0245')
    const form = wrapper.get('[data-testid="form-sections"]').text()
    expect(form).toContain('身份信息')
    expect(form).toContain('出生日期')
    expect(form).toContain('女')
    expect(wrapper.find('[data-testid="pending-feature"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="materials-empty"]').text()).toContain('考生尚未上传材料')
    expect(wrapper.get('[data-testid="staff-timeline"]').text()).toContain('暂无审核记录')
    // the site reviewer of the helpers does not decide at the registration point's level
    expect(wrapper.find('[data-testid="decision-bar"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="decision-unavailable"]').text()).toContain('此报名正在等待报名点审核')
    expect(review.listFindings).toHaveBeenCalledWith(A, false)
    expect(wrapper.get('[data-testid="findings-empty"]').text()).toContain('暂无核验问题')
    expect(wrapper.get('[data-testid="blocking-count"]').text()).toBe('无阻断性问题')
    wrapper.unmount()
  })

  it('says “not found or not in your scope” for a 404 and for a malformed id', async () => {
    review.getRegistration.mockRejectedValueOnce(problem(404, 'not_found'))
    const first = await setup(A)
    expect(first.wrapper.get('[data-testid="not-found"]').text()).toContain('记录不存在或不在您的数据范围内')
    first.wrapper.unmount()

    const second = await setup('not-a-uuid')
    expect(review.getRegistration).toHaveBeenCalledTimes(1)
    expect(second.wrapper.get('[data-testid="not-found"]').text()).toContain('不在您的数据范围内')
    second.wrapper.unmount()
  })

  it('offers the reveal button only with the permission', async () => {
    const { wrapper } = await setup(A, false)
    expect(wrapper.find('[data-testid="reveal"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('asks for a reason of 4–200 characters, then shows the number', async () => {
    review.revealIdNumber.mockResolvedValue({ id_type: 'resident_id', id_number: '410105199503120245' })
    const { wrapper } = await setup(A)
    await wrapper.get('[data-testid="reveal"]').trigger('click')
    await settle()
    const reason = document.querySelector<HTMLTextAreaElement>('textarea[data-testid="reveal-reason"]')
    expect(reason).not.toBeNull()
    reason!.value = 'abc'
    reason!.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid="reveal-submit"]')!.click()
    await settle()
    expect(review.revealIdNumber).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(document.body.textContent).toContain('原因须为 4–200 个字符'))

    reason!.value = '核对证件照片'
    reason!.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid="reveal-submit"]')!.click()
    await settle()
    expect(review.revealIdNumber).toHaveBeenCalledWith(A, '核对证件照片')
    expect(wrapper.get('[data-testid="revealed-id"]').text()).toContain('410105199503120245')
    wrapper.unmount()
  })

  it('shows the server’s field error when it refuses the reason', async () => {
    review.revealIdNumber.mockRejectedValue(problem(422, 'validation_failed', { errors: { reason: ['reason_length'] } }))
    const { wrapper } = await setup(A)
    await wrapper.get('[data-testid="reveal"]').trigger('click')
    await settle()
    const reason = document.querySelector<HTMLTextAreaElement>('textarea[data-testid="reveal-reason"]')!
    reason.value = '    ok    '
    reason.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid="reveal-submit"]')!.click()
    await settle()
    // '    ok    ' trims to 2 characters: the client stops it before the server
    expect(review.revealIdNumber).not.toHaveBeenCalled()
    reason.value = 'long enough'
    reason.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid="reveal-submit"]')!.click()
    await settle()
    expect(review.revealIdNumber).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(document.body.textContent).toContain('原因须为 4–200 个字符'))
    expect(wrapper.find('[data-testid="revealed-id"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('goes to the previous / next registration of the queue page with ← / →', async () => {
    saveQueueContext({ ids: [A, B, C], query: { page: '2' } })
    const { wrapper, router } = await setup(B)
    expect(wrapper.text()).toContain('第 2 条，共 3 条')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }))
    await settle()
    expect(router.currentRoute.value.params.id).toBe(C)
    expect(review.getRegistration).toHaveBeenLastCalledWith(C)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }))
    await settle()
    expect(router.currentRoute.value.params.id).toBe(C)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft' }))
    await settle()
    expect(router.currentRoute.value.params.id).toBe(B)
    await wrapper.get('[data-testid="back-to-queue"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/queue?page=2')
    wrapper.unmount()
  })
})

describe('findings panel', () => {
  it('lists findings block → warning → hint with words, messages and evidence, and counts the blocking ones in the header', async () => {
    review.listFindings.mockResolvedValue([
      finding('hint', 'front_line_listed'),
      finding('warning', 'violation_active', {
        candidate_message: '请联系考区核实违纪记录',
        evidence: { library: 'violations', record_id: 17, batch_id: BATCH },
      }),
      finding('block', 'nurse_registration_missing'),
      finding('block', 'duplicate_registration'),
    ])
    const { wrapper } = await setup(A)
    const groups = wrapper.findAll('[data-testid="finding-group"]')
    expect(groups.map((g) => g.attributes('data-severity'))).toEqual(['block', 'warning', 'hint'])
    expect(groups.map((g) => g.get('[data-testid="severity"]').text())).toEqual(['阻断', '警告', '提示'])
    expect(wrapper.findAll('[data-testid="finding"]').map((f) => f.attributes('data-rule'))).toEqual([
      'duplicate_registration',
      'nurse_registration_missing',
      'violation_active',
      'front_line_listed',
    ])
    const violation = wrapper.get('[data-rule="violation_active"]')
    expect(violation.get('[data-testid="finding-message"]').text()).toBe('violation_active 的说明')
    expect(violation.get('[data-testid="finding-candidate"]').text()).toBe('考生看到的提示：请联系考区核实违纪记录')
    expect(violation.get('[data-testid="finding-evidence"]').text()).toMatch(/违纪人员库 · 记录 #17 · 导入批次\s*5b0f3c2e…/)
    expect(wrapper.get('[data-rule="front_line_listed"]').find('[data-testid="finding-candidate"]').exists()).toBe(false)
    const header = wrapper.get('[data-testid="registration-header"]')
    expect(header.get('[data-testid="blocking-count"]').text()).toBe('2 项阻断性问题')
    expect(header.text()).toContain('1 项警告')
    wrapper.unmount()
  })

  it('lets a reviewer re-verify and shows the new findings', async () => {
    review.listFindings.mockResolvedValue([finding('block', 'duplicate_registration')])
    review.reverify.mockResolvedValue([finding('warning', 'violation_active')])
    const { wrapper } = await setup(A)
    expect(wrapper.get('[data-testid="blocking-count"]').attributes('data-count')).toBe('1')
    await wrapper.get('[data-testid="reverify"]').trigger('click')
    await settle()
    expect(review.reverify).toHaveBeenCalledWith(A)
    expect(wrapper.findAll('[data-testid="finding"]').map((f) => f.attributes('data-rule'))).toEqual(['violation_active'])
    expect(wrapper.get('[data-testid="blocking-count"]').attributes('data-count')).toBe('0')
    wrapper.unmount()
  })

  it('gives region admins no re-verify button', async () => {
    const { wrapper } = await setup(A, false, 'region_admin')
    expect(wrapper.find('[data-testid="findings-panel"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="reverify"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('says why a re-verification was refused', async () => {
    review.reverify.mockRejectedValue(problem(404, 'not_found'))
    const { wrapper } = await setup(A)
    await wrapper.get('[data-testid="reverify"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="findings-panel"]').get('[data-testid="error"]').text()).toContain('记录不存在或不在您的数据范围内')
    wrapper.unmount()
  })

  it('shows replaced findings greyed with the time they were replaced when the history is on', async () => {
    const current = finding('warning', 'violation_active')
    const replaced = finding('block', 'violation_active', { superseded_at: '2026-11-25T23:00:00Z' })
    review.listFindings.mockImplementation(async (_id: string, history: boolean) => (history ? [current, replaced] : [current]))
    const { wrapper } = await setup(A)
    expect(wrapper.find('[data-testid="findings-earlier"]').exists()).toBe(false)
    await wrapper.get('[data-testid="findings-history"]').trigger('click')
    await settle()
    expect(review.listFindings).toHaveBeenLastCalledWith(A, true)
    const earlier = wrapper.get('[data-testid="findings-earlier"]')
    const item = earlier.get('[data-testid="finding"]')
    expect(item.classes()).toContain('finding--superseded')
    expect(item.get('[data-testid="finding-superseded"]').text()).toBe('已于 2026/11/26 07:00:00 被后来的核验取代')
    // the replaced blocking finding does not count: only current ones do
    expect(wrapper.get('[data-testid="blocking-count"]').attributes('data-count')).toBe('0')
    expect(wrapper.findAll('[data-testid="finding-group"]')).toHaveLength(1)
    wrapper.unmount()
  })
})

describe('revealed ID number', () => {
  it('hides itself after 30 seconds', async () => {
    vi.useFakeTimers()
    try {
      const { i18n } = plugins()
      const wrapper = mount(RevealedId, {
        props: { value: { id_type: 'resident_id', id_number: '410105199503120245' } },
        global: { plugins: [i18n] },
      })
      expect(wrapper.text()).toContain('30 秒后隐藏')
      vi.advanceTimersByTime(29_000)
      await flushPromises()
      expect(wrapper.text()).toContain('1 秒后隐藏')
      expect(wrapper.emitted('hide')).toBeUndefined()
      vi.advanceTimersByTime(1_000)
      expect(wrapper.emitted('hide')).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })
})
