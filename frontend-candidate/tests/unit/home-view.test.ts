// Home: the profile as the server masked it, clearly-marked placeholders, retry on failure, logout.
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '@/stores/session'
import HomeView from '@/views/home/HomeView.vue'
import { json, mountView, noContent } from './helpers'

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
const sessions = (list: unknown[] = [session]) => ({ 'GET /api/v1/exam-sessions': json(200, list) })

describe('HomeView', () => {
  it('shows the masked ID and phone as returned, and marks what is not there yet', async () => {
    const { wrapper, calls } = await mountView(HomeView, '/', { 'GET /api/v1/me': json(200, me), ...sessions() }, { signedIn: true })
    expect(calls.find((c) => c.path === '/api/v1/me')?.auth).toBe('Bearer access-1')
    expect(wrapper.find('[data-testid="greeting"]').text()).toBe('您好，张三')
    expect(wrapper.find('[data-testid="profile-id-number"]').text()).toContain('110105********002X')
    expect(wrapper.find('[data-testid="profile-phone"]').text()).toContain('138****5678')
    expect(wrapper.text()).toContain('居民身份证')
    expect(wrapper.text()).toContain('女')
    // "my registrations" has no API yet: marked, no sample data
    expect(wrapper.findAll('.wk-soon')).toHaveLength(1)
    expect(wrapper.text()).toContain('即将开放')
  })

  it('lists the exam sessions open now, with the window in Beijing time and a link to the guide', async () => {
    const { wrapper, calls } = await mountView(HomeView, '/', { 'GET /api/v1/me': json(200, me), ...sessions() }, { signedIn: true })
    expect(calls.find((c) => c.path === '/api/v1/exam-sessions')).toBeDefined()
    const card = wrapper.find('[data-testid="open-session"]')
    expect(card.text()).toContain('2027年护士执业资格考试（河南考区）')
    expect(card.text()).toContain('报名时间：2026-11-24 00:00 至 2026-12-13 23:59')
    expect(card.find('a').attributes('href')).toBe('/help/nurse')
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
