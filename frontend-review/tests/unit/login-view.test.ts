import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import LoginView from '@/views/LoginView.vue'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const auth = vi.hoisted(() => ({
  staffLogin: vi.fn(),
  completeEnrolment: vi.fn(),
  fetchMe: vi.fn(),
  logout: vi.fn(),
}))
vi.mock('@/api/auth', () => auth)

async function setup(path = '/login') {
  const { pinia, i18n } = plugins()
  const router = testRouter([
    { path: '/login', name: 'login', component: LoginView },
    { path: '/queue', name: 'queue', component: Stub('queue') },
    { path: '/audit', name: 'audit', component: Stub('audit') },
    { path: '/orgs', name: 'orgs', component: Stub('orgs') },
    { path: '/registrations/:id', name: 'registration', component: Stub('registration') },
  ])
  await router.push(path)
  const wrapper = mount(LoginView, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  return { wrapper, router, session: useSessionStore(pinia) }
}

async function fill(wrapper: Awaited<ReturnType<typeof setup>>['wrapper'], values: Record<string, string>) {
  for (const [testid, value] of Object.entries(values)) await wrapper.get(`input[data-testid="${testid}"]`).setValue(value)
  await wrapper.get('form').trigger('submit')
  await settle()
}

beforeEach(() => {
  sessionStorage.clear()
  Object.values(auth).forEach((f) => f.mockReset())
})

describe('login screen', () => {
  it('asks for the TOTP code when the server requires it, then signs in and goes to the role’s home', async () => {
    auth.staffLogin.mockRejectedValueOnce(problem(401, 'totp_required'))
    auth.staffLogin.mockResolvedValueOnce({ status: 'authenticated', tokens: tokens('A1') })
    auth.fetchMe.mockResolvedValue({ kind: 'staff', staff: staff() })
    const { wrapper, router, session } = await setup()

    expect(wrapper.find('input[data-testid="totp"]').exists()).toBe(false)
    await fill(wrapper, { username: 'site_reviewer', password: 'weikao2026' })
    expect(auth.staffLogin).toHaveBeenLastCalledWith('site_reviewer', 'weikao2026', undefined)
    expect(wrapper.find('input[data-testid="totp"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('请输入身份验证器中的 6 位动态码')

    await fill(wrapper, { totp: '12345' })
    expect(auth.staffLogin).toHaveBeenCalledTimes(1)
    // Element Plus shows form-item errors after a 100 ms debounce
    await vi.waitFor(() => expect(wrapper.text()).toContain('请输入 6 位数字'))

    await fill(wrapper, { totp: '123456' })
    expect(auth.staffLogin).toHaveBeenLastCalledWith('site_reviewer', 'weikao2026', '123456')
    expect(session.tokens?.access_token).toBe('A1')
    expect(JSON.parse(sessionStorage.getItem('weikao.review.session') ?? '{}').staff.username).toBe('site_reviewer')
    expect(router.currentRoute.value.name).toBe('queue')
    wrapper.unmount()
  })

  it('goes back to the page that sent the user to log in', async () => {
    auth.staffLogin.mockResolvedValueOnce({ status: 'authenticated', tokens: tokens() })
    auth.fetchMe.mockResolvedValue({ kind: 'staff', staff: staff({ role: 'auditor', review_level: null }) })
    const { wrapper, router } = await setup('/login?redirect=/registrations/abc')
    await fill(wrapper, { username: 'auditor', password: 'weikao2026' })
    expect(router.currentRoute.value.fullPath).toBe('/registrations/abc')
    wrapper.unmount()
  })

  it('shows a lock with its duration in minutes', async () => {
    auth.staffLogin.mockRejectedValueOnce(problem(423, 'account_locked', { retry_after: 1799 }))
    const { wrapper, session } = await setup()
    await fill(wrapper, { username: 'point_reviewer', password: 'wrong' })
    expect(wrapper.get('[data-testid="error"]').text()).toContain('账户已锁定，请 30 分钟后再试')
    expect(session.isAuthenticated).toBe(false)
    wrapper.unmount()
  })

  it('validates required fields before calling the server', async () => {
    const { wrapper } = await setup()
    await fill(wrapper, {})
    expect(auth.staffLogin).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(wrapper.text()).toContain('请填写此项'))
    wrapper.unmount()
  })

  it('walks through TOTP enrolment with a QR code and the secret', async () => {
    auth.staffLogin.mockResolvedValueOnce({
      status: 'totp_enrolment_required',
      enrolment: {
        enrolment_token: 'ENROL',
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DP',
        otpauth_uri: 'otpauth://totp/weikao:new_reviewer?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=weikao',
      },
    })
    auth.completeEnrolment.mockRejectedValueOnce(problem(401, 'totp_invalid'))
    auth.completeEnrolment.mockResolvedValueOnce({ status: 'authenticated', tokens: tokens('A9') })
    auth.fetchMe.mockResolvedValue({ kind: 'staff', staff: staff({ role: 'system_admin', review_level: null }) })
    const { wrapper, router } = await setup()

    await fill(wrapper, { username: 'new_reviewer', password: 'weikao2026' })
    await vi.waitFor(() => expect(wrapper.find('img[data-testid="enrolment-qr"]').exists()).toBe(true))
    expect(wrapper.get('img[data-testid="enrolment-qr"]').attributes('src')).toMatch(/^data:image\/png;base64,/)
    expect(wrapper.get('[data-testid="enrolment-secret"]').text()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP')

    await fill(wrapper, { 'enrolment-code': '000000' })
    expect(auth.completeEnrolment).toHaveBeenLastCalledWith('ENROL', '000000')
    expect(wrapper.get('[data-testid="error"]').text()).toContain('动态码错误')

    await fill(wrapper, { 'enrolment-code': '654321' })
    expect(router.currentRoute.value.name).toBe('orgs')
    wrapper.unmount()
  })

  it('refuses a token that is not a staff member’s', async () => {
    auth.staffLogin.mockResolvedValueOnce({ status: 'authenticated', tokens: tokens() })
    auth.fetchMe.mockResolvedValue({ kind: 'candidate', staff: null })
    const { wrapper, router, session } = await setup()
    await fill(wrapper, { username: 'x', password: 'y' })
    expect(session.isAuthenticated).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.get('[data-testid="error"]').text()).toContain('不是工作人员账户')
    wrapper.unmount()
  })
})
