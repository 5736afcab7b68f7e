// Unlock and password reset: code to the account's contact, server field errors under their fields.
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import ForgotPasswordView from '@/views/auth/ForgotPasswordView.vue'
import UnlockView from '@/views/auth/UnlockView.vue'
import { json, mountView, noContent, problem } from './helpers'

const sent = json(202, { accepted: true, expires_in_secs: 600, resend_after_secs: 60 })

describe('UnlockView', () => {
  it('sends an unlock code to the prefilled phone and lifts the wait', async () => {
    const { wrapper, router, calls } = await mountView(UnlockView, '/unlock?target=13812345678', {
      'POST /api/v1/auth/codes': sent,
      'POST /api/v1/auth/candidate/unlock': noContent(),
    })
    expect((wrapper.find('#unlock-target').element as HTMLInputElement).value).toBe('13812345678')
    await wrapper.find('[data-testid="send-code"]').trigger('click')
    await flushPromises()
    await wrapper.find('#unlock-code').setValue('654321')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query).toMatchObject({ unlocked: '1', login: '13812345678' })
    expect(calls.map((c) => c.body)).toEqual([
      { channel: 'sms', target: '13812345678', purpose: 'unlock' },
      { target: '13812345678', code: '654321' },
    ])
  })

  it('shows a wrong code under the code field', async () => {
    const { wrapper } = await mountView(UnlockView, '/unlock?target=13812345678', {
      'POST /api/v1/auth/candidate/unlock': problem(422, 'validation_failed', { errors: { code: ['code_invalid'] } }),
    })
    await wrapper.find('#unlock-code').setValue('000000')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('验证码不正确，请核对或重新获取')
  })
})

describe('ForgotPasswordView', () => {
  it('uses the e-mail channel for an address and sends the new password', async () => {
    const { wrapper, router, calls } = await mountView(ForgotPasswordView, '/forgot-password', {
      'POST /api/v1/auth/codes': sent,
      'POST /api/v1/auth/candidate/password-reset': noContent(),
    })
    await wrapper.find('#forgot-target').setValue('zhang@example.com')
    await wrapper.find('[data-testid="send-code"]').trigger('click')
    await flushPromises()
    await wrapper.find('#forgot-code').setValue('123456')
    await wrapper.find('#forgot-newPassword').setValue('newpass123')
    await wrapper.find('#forgot-confirm').setValue('newpass123')
    await wrapper.find('form').trigger('submit')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(calls.map((c) => c.body)).toEqual([
      { channel: 'email', target: 'zhang@example.com', purpose: 'password_reset' },
      { target: 'zhang@example.com', code: '123456', new_password: 'newpass123' },
    ])
  })

  it('checks the new password before sending', async () => {
    const { wrapper, calls } = await mountView(ForgotPasswordView, '/forgot-password')
    await wrapper.find('#forgot-target').setValue('13812345678')
    await wrapper.find('#forgot-code').setValue('123456')
    await wrapper.find('#forgot-newPassword').setValue('short1')
    await wrapper.find('#forgot-confirm').setValue('short2')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls).toHaveLength(0)
    expect(wrapper.text()).toContain('密码长度应为 8 至 20 位')
    expect(wrapper.text()).toContain('两次输入的密码不一致')
  })
})
