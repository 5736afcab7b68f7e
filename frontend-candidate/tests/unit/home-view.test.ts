// Home: the profile as the server masked it, clearly-marked placeholders, retry on failure, logout.
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { registration } from './fixtures/registration'
import { useSessionStore } from '@/stores/session'
import HomeView from '@/views/home/HomeView.vue'
import { json, mountView, noContent, problem } from './helpers'

const me = {
  kind: 'candidate',
  candidate: {
    id: 'c1',
    name: '张三',
    id_type: 'resident_id',
    id_number_masked: '110105********002X',
    phone_masked: '138****5678',
    sex: 'female',
    birth_date: '1949-12-31',
    email_masked: null,
  },
}

const session = {
  id: 's1',
  exam_type: 'nurse',
  exam_type_name: '护士执业资格考试',
  year: 2027,
  name: '2027年护士执业资格考试（河南考区）',
  review_chain: ['site', 'region'],
  registration_opens_at: '2026-11-23T16:00:00Z',
  registration_closes_at: '2026-12-13T15:59:00Z',
  registration_open: true,
}
const listItem = (over: Record<string, unknown> = {}) => ({
  id: 'reg-1',
  session_id: 's1',
  exam_type: 'nurse',
  session_name: session.name,
  status: 'draft',
  current_level: null,
  version: 3,
  submitted_at: null,
  updated_at: '2026-11-25T02:00:00Z',
  ...over,
})
const sessions = (list: unknown[] = [session], mine: unknown[] = []) => ({
  'GET /api/v1/exam-sessions': json(200, list),
  'GET /api/v1/registrations': json(200, mine),
})

describe('HomeView', () => {
  it('shows the masked ID and phone as returned', async () => {
    const { wrapper, calls } = await mountView(HomeView, '/', { 'GET /api/v1/me': json(200, me), ...sessions() }, { signedIn: true })
    expect(calls.find((c) => c.path === '/api/v1/me')?.auth).toBe('Bearer access-1')
    expect(wrapper.find('[data-testid="greeting"]').text()).toBe('您好，张三')
    expect(wrapper.find('[data-testid="profile-id-number"]').text()).toContain('110105********002X')
    expect(wrapper.find('[data-testid="profile-phone"]').text()).toContain('138****5678')
    expect(wrapper.text()).toContain('居民身份证')
    expect(wrapper.text()).toContain('女')
    expect(wrapper.find('[data-testid="my-registrations"]').text()).toContain('您还没有报名')
  })

  it('lists the exam sessions open now, with the window in Beijing time and a link to the guide', async () => {
    const { wrapper, calls } = await mountView(HomeView, '/', { 'GET /api/v1/me': json(200, me), ...sessions() }, { signedIn: true })
    expect(calls.find((c) => c.path === '/api/v1/exam-sessions')).toBeDefined()
    const card = wrapper.find('[data-testid="open-session"]')
    expect(card.text()).toContain('2027年护士执业资格考试（河南考区）')
    expect(card.text()).toContain('报名时间：2026-11-24 00:00 至 2026-12-13 23:59')
    expect(card.find('a').attributes('href')).toBe('/help/nurse')
    expect(card.find('[data-testid="register-nurse"]').text()).toBe('报名')
  })

  it('lists my registrations with their status and the next thing to do', async () => {
    const mine = [
      listItem(),
      listItem({ id: 'reg-2', session_id: 's2', session_name: '2027年度卫生专业技术资格考试（河南考区）', status: 'submitted', current_level: 'point' }),
    ]
    const { wrapper, router } = await mountView(HomeView, '/', { 'GET /api/v1/me': json(200, me), ...sessions([session], mine) }, { signedIn: true })
    const cards = wrapper.findAll('[data-testid="my-registration"]')
    expect(cards).toHaveLength(2)
    expect(cards[0]?.find('[data-testid="status-tag"]').text()).toBe('草稿')
    expect(cards[0]?.find('[data-testid="next-step"]').text()).toBe('报名表尚未提交，请填写完整后提交')
    expect(cards[1]?.find('[data-testid="status-tag"]').text()).toBe('已提交')
    expect(cards[1]?.find('[data-testid="next-step"]').text()).toBe('等待报名点审核')
    // the session already registered for opens that registration
    expect(wrapper.find('[data-testid="register-nurse"]').text()).toBe('查看我的报名')
    await cards[0]?.find('[data-testid="continue-registration"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1/edit'), { timeout: 5000 })
  })

  it('registers for a session and opens the wizard', async () => {
    const { wrapper, router, calls } = await mountView(
      HomeView,
      '/',
      { 'GET /api/v1/me': json(200, me), ...sessions(), 'POST /api/v1/registrations': json(201, registration({ id: 'reg-9', session_id: 's1' })) },
      { signedIn: true },
    )
    await wrapper.find('[data-testid="register-nurse"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-9/edit'), { timeout: 5000 })
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ session_id: 's1' })
  })

  it('opens the existing registration when the server says it exists (409 registration_exists)', async () => {
    const { wrapper, router } = await mountView(
      HomeView,
      '/',
      {
        'GET /api/v1/me': json(200, me),
        'GET /api/v1/exam-sessions': json(200, [session]),
        // empty when home loaded (another tab registered since), then the one that exists
        'GET /api/v1/registrations': [json(200, []), json(200, [listItem({ id: 'reg-7', status: 'submitted', current_level: 'site' })])],
        'POST /api/v1/registrations': problem(409, 'registration_exists'),
      },
      { signedIn: true },
    )
    await wrapper.find('[data-testid="register-nurse"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-7'), { timeout: 5000 })
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
  })

  it('says so when no session is open', async () => {
    const { wrapper } = await mountView(HomeView, '/', { 'GET /api/v1/me': json(200, me), ...sessions([]) }, { signedIn: true })
    expect(wrapper.find('[data-testid="open-sessions"]').text()).toContain('目前没有正在接受报名的考试')
  })

  it('offers a retry when the profile cannot be loaded', async () => {
    const { wrapper } = await mountView(
      HomeView,
      '/',
      { 'GET /api/v1/me': [new TypeError('Failed to fetch'), json(200, me)], ...sessions() },
      { signedIn: true },
    )
    const notice = wrapper.find('[data-testid="error-notice"]')
    expect(notice.text()).toContain('网络连接失败')
    expect(wrapper.findAll('[data-testid="error-notice"]')).toHaveLength(1)
    await notice.find('button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="greeting"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="error-notice"]').exists()).toBe(false)
  })

  it('logs out on the server and on the device', async () => {
    const { wrapper, router, calls } = await mountView(
      HomeView,
      '/',
      { 'GET /api/v1/me': json(200, me), 'POST /api/v1/auth/logout': noContent(), ...sessions() },
      { signedIn: true },
    )
    await wrapper.find('[data-testid="logout"]').trigger('click')
    await flushPromises()
    const confirm = document.querySelector<HTMLButtonElement>('.van-dialog__confirm')
    expect(confirm).not.toBeNull()
    confirm?.click()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(calls.map((c) => `${c.method} ${c.path}`)).toContain('POST /api/v1/auth/logout')
    expect(useSessionStore().signedIn).toBe(false)
    expect(localStorage.getItem('weikao.candidate.session')).toBeNull()
  })
})
