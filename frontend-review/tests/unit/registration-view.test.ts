import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import RegistrationView from '@/views/RegistrationView.vue'
import RevealedId from '@/components/RevealedId.vue'
import { useSessionStore } from '@/stores/session'
import { saveQueueContext } from '@/composables/queue-context'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const review = vi.hoisted(() => ({ getRegistration: vi.fn(), revealIdNumber: vi.fn(), listRegistrations: vi.fn() }))
vi.mock('@/api/review', () => review)

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
})

async function setup(id: string, canReveal = true) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({ can_reveal_pii: canReveal })
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
    expect(wrapper.findAll('[data-testid="pending-feature"]')).toHaveLength(3)
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
