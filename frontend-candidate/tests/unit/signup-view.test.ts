// The sign-up screen: checks on blur, the ID-type-dependent fields, the SMS code request with its
// countdown, and the server's field errors placed under the right fields.
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '@/stores/session'
import { useSignupDraftStore } from '@/stores/signup-draft'
import SignupView from '@/views/auth/SignupView.vue'
import { json, mountView, problem, tokens } from './helpers'

const profile = {
  id: 'c1',
  name: '张三',
  id_type: 'resident_id',
  id_number_masked: '110105********002X',
  phone_masked: '138****5678',
}

async function fillValid(wrapper: Awaited<ReturnType<typeof mountView>>['wrapper']) {
  await wrapper.find('#signup-idNumber').setValue('11010519491231002x')
  await wrapper.find('#signup-name').setValue('张三')
  await wrapper.find('#signup-phone').setValue('13812345678')
  await wrapper.find('#signup-code').setValue('123456')
  await wrapper.find('#signup-password').setValue('abc12345')
  await wrapper.find('#signup-passwordConfirm').setValue('abc12345')
  useSignupDraftStore().form.privacyAccepted = true
  await flushPromises()
}

describe('SignupView', () => {
  it('checks the ID number on blur with the GB 11643 checksum', async () => {
    const { wrapper } = await mountView(SignupView, '/signup')
    await wrapper.find('#signup-idNumber').setValue('11010119900307447X')
    await wrapper.find('#signup-idNumber').trigger('blur')
    expect(wrapper.text()).toContain('证件号码有误（最后一位校验码不符）')
    // once shown, the message goes away while typing the fix (no blur needed, no layout jump at blur)
    await wrapper.find('#signup-idNumber').setValue('11010519491231002x')
    await flushPromises()
    expect(wrapper.text()).not.toContain('校验码不符')
  })

  it('asks for sex and birth date only for ID types that do not encode them', async () => {
    const { wrapper } = await mountView(SignupView, '/signup')
    expect(wrapper.find('#signup-sex').exists()).toBe(false)
    expect(wrapper.text()).toContain('性别和出生日期将根据证件号码自动识别')
    useSignupDraftStore().form.idType = 'passport'
    await flushPromises()
    expect(wrapper.find('#signup-sex').exists()).toBe(true)
    expect(wrapper.find('#signup-birthDate').exists()).toBe(true)
  })

  it('sends the SMS code only for a valid phone and then counts down', async () => {
    const { wrapper, calls } = await mountView(SignupView, '/signup', {
      'POST /api/v1/auth/codes': json(202, { accepted: true, expires_in_secs: 600, resend_after_secs: 60 }),
    })
    const send = wrapper.find('[data-testid="send-code"]')
    await wrapper.find('#signup-phone').setValue('1381234')
    await send.trigger('click')
    await flushPromises()
    expect(calls).toHaveLength(0)
    expect(wrapper.text()).toContain('请输入正确的 11 位手机号')
    await wrapper.find('#signup-phone').setValue('13812345678')
    await send.trigger('click')
    await flushPromises()
    expect(calls[0]?.body).toEqual({ channel: 'sms', target: '13812345678', purpose: 'signup' })
    expect(send.text()).toBe('60 秒后重发')
    expect(send.attributes('disabled')).toBeDefined()
  })

  it('honours retry_after when codes are requested too often', async () => {
    const { wrapper } = await mountView(SignupView, '/signup', {
      'POST /api/v1/auth/codes': problem(429, 'code_resend_too_soon', { retry_after: 42 }),
    })
    await wrapper.find('#signup-phone').setValue('13812345678')
    await wrapper.find('[data-testid="send-code"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="send-code"]').text()).toBe('42 秒后重发')
    expect(wrapper.find('[data-testid="error-notice"]').text()).toContain('42 秒')
  })

  it('does not submit an incomplete form', async () => {
    const { wrapper, calls } = await mountView(SignupView, '/signup')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls).toHaveLength(0)
    expect(wrapper.text()).toContain('请输入证件号码')
    expect(wrapper.text()).toContain('请阅读并同意个人信息保护政策')
  })

  it("places the server's field errors under their fields", async () => {
    const { wrapper, calls } = await mountView(SignupView, '/signup', {
      'POST /api/v1/auth/candidate/signup': problem(422, 'validation_failed', {
        errors: { verification_code: ['code_expired'], privacy_version: ['privacy_version_outdated'] },
      }),
    })
    await fillValid(wrapper)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(calls[0]?.body).toMatchObject({ id_number: '11010519491231002X', privacy_version: '2026-01', verification_channel: 'sms' })
    expect(wrapper.text()).toContain('验证码已过期，请重新获取')
    expect(wrapper.text()).toContain('个人信息保护政策已更新')
    expect(wrapper.find('[data-testid="error-notice"]').text()).toContain('填写的内容有误')
  })

  it('explains an already registered ID number', async () => {
    const { wrapper } = await mountView(SignupView, '/signup', {
      'POST /api/v1/auth/candidate/signup': problem(409, 'id_number_registered'),
    })
    await fillValid(wrapper)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('该证件号码已注册')
  })

  it('signs in and clears the draft on success', async () => {
    const { wrapper, router } = await mountView(SignupView, '/signup', {
      'POST /api/v1/auth/candidate/signup': json(201, { candidate: profile, tokens: tokens(3) }),
      'GET /api/v1/me': json(200, { kind: 'candidate', candidate: profile }),
      'GET /api/v1/exam-sessions': json(200, []),
    })
    await fillValid(wrapper)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(useSessionStore().refreshToken).toBe('refresh-3')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('home'))
    expect(useSignupDraftStore().form.idNumber).toBe('')
    expect(sessionStorage.getItem('weikao.candidate.signup-draft') ?? '').not.toContain('abc12345')
  })
})
