// The login screen against a scripted server: wrong password, throttling with the wait and the unlock
// offer, network failure with retry, and success.
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '@/stores/session'
import LoginView from '@/views/auth/LoginView.vue'
import { json, mountView, problem, tokens } from './helpers'

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper'], login: string, password: string) {
  await wrapper.find('#login-account').setValue(login)
  await wrapper.find('#login-password').setValue(password)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

describe('LoginView', () => {
  it('validates on blur before anything is sent', async () => {
    const { wrapper, calls } = await mountView(LoginView, '/login')
    await wrapper.find('#login-account').trigger('blur')
    expect(wrapper.text()).toContain('请输入证件号码或手机号')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('请输入密码')
    expect(calls).toHaveLength(0)
  })

  it('says the credentials are wrong, in plain Chinese', async () => {
    const { wrapper, calls } = await mountView(LoginView, '/login', {
      'POST /api/v1/auth/candidate/login': problem(401, 'invalid_credentials'),
    })
    await fillAndSubmit(wrapper, '13812345678', 'wrong-pass1')
    expect(calls[0]?.body).toEqual({ login: '13812345678', password: 'wrong-pass1' })
    expect(wrapper.find('[data-testid="error-notice"]').text()).toContain('账号或密码不正确')
    expect(wrapper.text()).not.toContain('invalid_credentials')
  })

  it('shows the wait from retry_after and offers to unlock with a code', async () => {
    const { wrapper, router } = await mountView(LoginView, '/login', {
      'POST /api/v1/auth/candidate/login': problem(429, 'login_throttled', { retry_after: 30 }),
    })
    await fillAndSubmit(wrapper, '13812345678', 'abc12345')
    const panel = wrapper.find('[data-testid="login-throttled"]')
    expect(panel.text()).toContain('30 秒')
    await panel.find('[data-testid="unlock-now"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('unlock'))
    expect(router.currentRoute.value.query.target).toBe('13812345678')
  })

  it('offers a retry after a network failure and succeeds on it', async () => {
    const { wrapper, router, calls } = await mountView(LoginView, '/login?redirect=/help', {
      'POST /api/v1/auth/candidate/login': [new TypeError('Failed to fetch'), json(200, tokens(7))],
    })
    await fillAndSubmit(wrapper, '11010519491231002X', 'abc12345')
    const notice = wrapper.find('[data-testid="error-notice"]')
    expect(notice.text()).toContain('网络连接失败')
    await notice.find('button').trigger('click')
    await flushPromises()
    expect(calls).toHaveLength(2)
    expect(useSessionStore().accessToken).toBe('access-7')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/help'))
  })
})
