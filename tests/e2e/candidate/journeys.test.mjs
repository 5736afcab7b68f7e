// Candidate journeys at a phone viewport (375×812, touch, WeChat-like user agent) against a real
// `weikao serve` with a fresh PostgreSQL database. Every step goes through the UI; the server's state is
// checked through the API afterwards. Screenshots: tests/e2e/artifacts/candidate/.
import assert from 'node:assert/strict'
import { describe } from 'node:test'
import * as api from './api.mjs'
import { shot } from './browser.mjs'
import { atPath, enterCode, env, journey, loginWith, openPhone, useBackendAndBrowser } from './harness.mjs'
import { newCandidate, phoneMasked } from './people.mjs'

useBackendAndBrowser()

describe('candidate journeys', { timeout: 180_000 }, () => {
  journey('sign up with an SMS code and the privacy notice; home shows the masked ID', async () => {
    const c = newCandidate('王晓梅')
    const { context, page, errors } = await openPhone()
    await page.goto('/')
    await page.waitForURL(atPath('/login'))
    await shot(page, '01-login')
    await page.getByRole('link', { name: '没有账号？注册' }).click()
    await page.waitForURL(atPath('/signup'))

    // a mistyped ID number is caught on blur, in plain Chinese
    const wrong = c.idNumber.slice(0, 17) + (c.idNumber[17] === '0' ? '1' : '0')
    await page.fill('#signup-idNumber', wrong)
    await page.fill('#signup-name', c.name)
    assert.match(await page.locator('.van-field__error-message').first().innerText(), /校验码不符/)
    await shot(page, '02-signup-checksum-error')

    await page.fill('#signup-idNumber', c.idNumber.toLowerCase())
    await page.fill('#signup-phone', c.phone)
    await enterCode(page, c.phone, 'signup', '#signup-code')
    assert.match(await page.getByTestId('send-code').innerText(), /重发|重新获取/)
    await page.fill('#signup-password', c.password)
    await page.fill('#signup-passwordConfirm', c.password)

    // read the privacy notice, accept it there; the form keeps what was typed
    await page.getByTestId('privacy-link').click()
    await page.waitForURL(atPath('/privacy'))
    await page.getByText('版本 2026-01').waitFor()
    await shot(page, '03-privacy-notice')
    await page.getByTestId('privacy-accept-button').click()
    await page.waitForURL(atPath('/signup'))
    assert.equal(await page.inputValue('#signup-idNumber'), c.idNumber.toLowerCase())
    assert.equal(await page.inputValue('#signup-phone'), c.phone)
    // passwords and codes are never kept in the draft: type them again
    await enterCode(page, c.phone, 'signup', '#signup-code')
    await page.fill('#signup-password', c.password)
    await page.fill('#signup-passwordConfirm', c.password)
    await shot(page, '04-signup-filled')

    await page.getByTestId('signup-submit').click()
    await page.waitForURL(atPath('/'))
    await page.getByTestId('profile-id-number').waitFor()
    assert.match(await page.getByTestId('profile-id-number').innerText(), new RegExp(c.idMasked.replace(/\*/g, '\\*')))
    assert.match(await page.getByTestId('profile-phone').innerText(), new RegExp(phoneMasked(c.phone).replace(/\*/g, '\\*')))
    assert.equal(await page.getByTestId('greeting').innerText(), `您好，${c.name}`)
    assert.match(await page.getByTestId('my-registrations').innerText(), /您还没有报名/)
    // the demo season's sessions, straight from GET /exam-sessions
    await page.getByTestId('open-session').first().waitFor()
    const listed = await page.getByTestId('open-session').count()
    const openNow = await fetch(`${env.server.api}/api/v1/exam-sessions`).then((r) => r.json())
    assert.equal(listed, openNow.length)
    await shot(page, '05-home')

    // the server agrees: the stored token is this candidate's, and the ID is stored normalised
    const session = await api.storedSession(page)
    const who = await api.me(env.server, session.accessToken)
    assert.equal(who.status, 200)
    assert.equal(who.body.candidate.id_number_masked, c.idMasked)
    assert.equal(who.body.candidate.sex !== null, true)
    assert.deepEqual(errors, [])
    await context.close()
  })

  journey('log out, then log in with the phone number', async () => {
    const c = newCandidate('李建国')
    await api.signupViaApi(env.server, c)
    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    await loginWith(page, c.idNumber, c.password) // first by ID number
    await page.waitForURL(atPath('/'))
    await page.getByTestId('profile-id-number').waitFor()
    const first = await api.storedSession(page)

    await page.getByTestId('logout').click()
    await page.locator('.van-dialog__confirm').click()
    await page.waitForURL(atPath('/login'))
    assert.equal(await api.storedSession(page), null)
    // the server ended that session: its refresh token no longer works
    const reuse = await api.refresh(env.server, first.refreshToken)
    assert.equal(reuse.status, 401)

    await loginWith(page, c.phone, c.password)
    await page.waitForURL(atPath('/'))
    assert.match(await page.getByTestId('profile-phone').innerText(), /\*\*\*\*/)
    await shot(page, '06-home-after-phone-login')
    const second = await api.storedSession(page)
    assert.equal((await api.me(env.server, second.accessToken)).status, 200)
    assert.deepEqual(errors, [])
    await context.close()
  })

  journey('four wrong passwords: the wait is shown and an SMS code unlocks at once', async () => {
    const c = newCandidate('赵敏')
    await api.signupViaApi(env.server, c)
    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    for (let i = 1; i <= 4; i++) {
      await loginWith(page, c.phone, `wrong${i}pass`)
      await page.getByTestId('error-notice').getByText('账号或密码不正确').waitFor()
    }
    // the right password now hits the progressive delay
    await loginWith(page, c.phone, c.password)
    const panel = page.getByTestId('login-throttled')
    await panel.waitFor()
    assert.match(await panel.innerText(), /请 \d+ 秒后再试，或用验证码立即解锁/)
    await shot(page, '07-login-throttled')
    const blocked = await api.login(env.server, c.phone, c.password)
    assert.equal(blocked.status, 429)
    assert.equal(blocked.body.code, 'login_throttled')

    await page.getByTestId('unlock-now').click()
    await page.waitForURL(atPath('/unlock'))
    assert.equal(await page.inputValue('#unlock-target'), c.phone)
    await enterCode(page, c.phone, 'unlock', '#unlock-code')
    await shot(page, '08-unlock')
    await page.getByTestId('unlock-submit').click()
    await page.waitForURL(atPath('/login'))
    await page.getByText('已解除登录限制').waitFor()
    assert.equal(await page.inputValue('#login-account'), c.phone)
    await page.fill('#login-password', c.password)
    await page.getByTestId('login-submit').click()
    await page.waitForURL(atPath('/'))
    await page.getByTestId('profile-id-number').waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })

  journey('forgot password: reset with an SMS code, then log in with the new one', async () => {
    const c = newCandidate('孙丽')
    await api.signupViaApi(env.server, c)
    const newPassword = 'newpass2026'
    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    await page.getByRole('link', { name: '忘记密码' }).click()
    await page.waitForURL(atPath('/forgot-password'))
    await page.fill('#forgot-target', c.phone)
    await enterCode(page, c.phone, 'password_reset', '#forgot-code')
    await page.fill('#forgot-newPassword', newPassword)
    await page.fill('#forgot-confirm', 'mismatch99')
    await page.locator('#forgot-newPassword').focus()
    assert.match(await page.locator('main').innerText(), /两次输入的密码不一致/)
    await page.fill('#forgot-confirm', newPassword)
    await shot(page, '09-forgot-password')
    await page.getByTestId('forgot-submit').click()
    await page.waitForURL(atPath('/login'))
    await page.getByText('密码已重置').waitFor()
    await shot(page, '10-login-after-reset')

    assert.equal((await api.login(env.server, c.phone, c.password)).status, 401)
    await loginWith(page, c.phone, newPassword)
    await page.waitForURL(atPath('/'))
    await page.getByTestId('profile-id-number').waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })

  journey('help centre, large-text mode, English, and unknown paths', async () => {
    const { context, page, errors } = await openPhone()
    await page.goto('/help')
    await page.getByText('卫生专业技术资格考试').waitFor()
    await shot(page, '11-help')
    await page.getByText('护士执业资格考试').click()
    await page.waitForURL(atPath('/help/nurse'))
    await page.getByText('应届生补充毕业证书').click()
    await page.getByText('材料补充填报').waitFor()
    await page.waitForTimeout(400) // let the collapse animation finish
    await shot(page, '12-help-nurse')

    await page.goto('/settings')
    await page.getByTestId('large-text').click()
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('wk-large-text')), true)
    await page.goto('/signup')
    await page.locator('#signup-idNumber').waitFor()
    const height = await page.getByTestId('signup-submit').evaluate((el) => el.getBoundingClientRect().height)
    assert.ok(height >= 52, `submit button ${height}px high in large-text mode`)
    await shot(page, '13-signup-large-text')

    await page.goto('/settings')
    await page.getByText('English').click()
    await page.goto('/login')
    await page.getByRole('button', { name: 'Log in' }).waitFor()
    await shot(page, '14-login-english-large')

    const res = await page.goto('/no/such/page')
    assert.equal(res.status(), 200)
    await page.getByText('Page not found').waitFor()
    assert.deepEqual(errors, [])
    await context.close()
  })
})
