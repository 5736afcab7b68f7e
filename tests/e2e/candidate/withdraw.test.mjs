// The withdraw journey (撤销报名) at a phone viewport against a real `weikao serve`: the demo candidate 张晓燕's
// submitted health-tech registration (waiting at the registration point; this file's own fresh database, so
// the payment journey's approvals are not seen here) is withdrawn in the browser with a reason; the progress
// page and the home card show 已撤销; the session is still open for registration, so she registers again from
// the home card and lands in the wizard with her form kept. The server's state is checked through the API:
// the same registration is a draft again, its timeline has `withdraw` (with the reason) and `register_again`.
// Screenshots: tests/e2e/artifacts/candidate/withdraw-*.png.
import assert from 'node:assert/strict'
import { describe } from 'node:test'
import * as api from './api.mjs'
import { shot } from './browser.mjs'
import { atPath, cleanShot, env, journey, loginWith, openPhone, smallTargets, useBackendAndBrowser } from './harness.mjs'

useBackendAndBrowser()

const ZHANG = { phone: '13800000001', password: api.DEMO_PASSWORD }
const REASON = '今年工作安排有变，暂不参加本次考试'

/** 张晓燕's health-tech registration as the server has it, and whether its session is open for registration. */
async function submittedRegistration() {
  const session = await api.login(env.server, ZHANG.phone, ZHANG.password)
  assert.equal(session.status, 200)
  const token = session.body.access_token
  const mine = await api.getOk(env.server, '/api/v1/registrations', token)
  const item = mine.find((r) => r.exam_type === 'health_tech')
  assert.equal(item?.status, 'submitted')
  const reg = await api.getOk(env.server, `/api/v1/registrations/${item.id}`, token)
  const open = await api.getOk(env.server, '/api/v1/exam-sessions', token)
  assert.equal(open.find((s) => s.id === reg.session_id)?.registration_open, true, 'the health-tech session is open for registration')
  return reg
}

describe('withdraw journey', { timeout: 180_000 }, () => {
  journey('a candidate withdraws her submitted registration with a reason, sees 已撤销, registers again and finds her form kept', async () => {
    const before = await submittedRegistration()
    const id = before.id

    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    await loginWith(page, ZHANG.phone, ZHANG.password)
    await page.waitForURL(atPath('/'))
    const card = page.locator(`[data-testid="my-registration"][data-status="submitted"]`)
    await card.waitFor()
    await card.getByTestId('view-registration').click()

    // the progress page: a quiet "撤销报名" at the bottom
    await page.waitForURL(atPath(`/registrations/${id}`))
    await page.locator('[data-testid="status-tag"][data-status="submitted"]').waitFor()
    const entry = page.getByTestId('withdraw-entry')
    assert.equal(await entry.innerText(), '撤销报名')
    await entry.scrollIntoViewIfNeeded()
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'withdraw-01-progress')
    await entry.click()

    // the dialog: what withdrawing means, an optional reason with its limit shown
    const dialog = page.getByTestId('withdraw-dialog')
    await dialog.waitFor()
    assert.match(await dialog.innerText(), /审核将停止。报名期内可重新报名，已填写的信息会保留/)
    assert.equal(await dialog.locator('.van-field__word-limit').innerText(), '0/200')
    await page.fill('#withdraw-reason', REASON)
    assert.equal(await dialog.locator('.van-field__word-limit').innerText(), `${[...REASON].length}/200`)
    await page.waitForTimeout(400) // the dialog's opening animation
    assert.deepEqual(await smallTargets(page), [])
    await shot(page, 'withdraw-02-dialog')
    await dialog.getByRole('button', { name: '确认撤销' }).click()

    // withdrawn: the status, the timeline with her reason, and the way back while registration is open
    await page.locator('[data-testid="status-tag"][data-status="withdrawn"]').waitFor()
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(await page.getByTestId('status-tag').innerText(), '已撤销')
    const last = page.locator('[data-testid="timeline-item"][data-action="withdraw"]')
    assert.match(await last.innerText(), /撤销报名 · 本人/)
    assert.match(await last.innerText(), new RegExp(`撤销原因：${REASON}`))
    assert.equal(await page.getByTestId('withdraw-entry').count(), 0)
    await page.getByTestId('register-again').waitFor()
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'withdraw-03-withdrawn')

    // home: 已撤销 and 重新报名
    await page.goto('/')
    const withdrawn = page.locator(`[data-testid="my-registration"][data-status="withdrawn"]`)
    await withdrawn.waitFor()
    assert.equal(await withdrawn.getByTestId('status-tag').innerText(), '已撤销')
    assert.equal(await withdrawn.getByTestId('next-step').innerText(), '报名已撤销。报名期内可重新报名，已填写的信息会保留')
    await withdrawn.getByTestId('register-again').waitFor()
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'withdraw-04-home')
    await withdrawn.getByTestId('register-again').click()

    // the same registration, a draft again, in the wizard with what she had filled in
    await page.waitForURL(atPath(`/registrations/${id}/edit`))
    await page.locator('[data-testid="wizard-step"][data-step="identity"]').waitFor()
    const address = before.form?.identity?.address
    assert.ok(address, 'the demo form has an address')
    assert.equal(await page.inputValue('#reg-identity-address'), address)
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'withdraw-05-wizard')

    // the server agrees
    const session = await api.storedSession(page)
    const after = await api.getOk(env.server, `/api/v1/registrations/${id}`, session.accessToken)
    assert.equal(after.id, id)
    assert.equal(after.status, 'draft')
    assert.deepEqual(after.form, before.form)
    const w = after.timeline.find((t) => t.action === 'withdraw')
    const again = after.timeline.find((t) => t.action === 'register_again')
    assert.equal(w?.comment, REASON)
    assert.deepEqual([w?.from_status, w?.to_status], ['submitted', 'withdrawn'])
    assert.deepEqual([again?.from_status, again?.to_status], ['withdrawn', 'draft'])
    assert.ok(Date.parse(again.at) >= Date.parse(w.at), JSON.stringify(after.timeline.map((t) => [t.action, t.at])))
    const mine = await api.getOk(env.server, '/api/v1/registrations', session.accessToken)
    assert.deepEqual(mine.filter((r) => r.exam_type === 'health_tech').map((r) => [r.id, r.status]), [[id, 'draft']])
    assert.deepEqual(errors, [])
    await context.close()
  })
})
