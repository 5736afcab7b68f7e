// The payment journey at a phone viewport against a real `weikao serve` with its built-in sandbox payment
// center: the demo candidate 张晓燕's health-tech registration (waiting at the registration point) is approved
// through the chain by the demo reviewers (API, TOTP login) and its payment period moved to now (the demo
// opens it a day after seeding); she then pays in the browser at the sandbox cashier, follows its way back,
// sees the registration paid and opens the receipt (the order's amount, a 12-character verification code,
// printable). The server's state is checked through the API afterwards.
// Screenshots: tests/e2e/artifacts/candidate/pay-*.png.
import assert from 'node:assert/strict'
import { describe } from 'node:test'
import * as api from './api.mjs'
import { shot } from './browser.mjs'
import { atPath, cleanShot, env, journey, loginWith, openPhone, smallTargets, useBackendAndBrowser } from './harness.mjs'
import { psql } from './server.mjs'

useBackendAndBrowser()

const ZHANG = { phone: '13800000001', password: api.DEMO_PASSWORD }

/** Integer fen as the app shows it: 28000 → "¥280.00" (integer arithmetic only). */
const yuan = (fen) => `¥${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

/** 张晓燕's health-tech registration, approved at every level of its chain. */
async function approvedRegistration() {
  const session = await api.login(env.server, ZHANG.phone, ZHANG.password)
  assert.equal(session.status, 200)
  const token = session.body.access_token
  const mine = await api.getOk(env.server, '/api/v1/registrations', token)
  const reg = mine.find((r) => r.exam_type === 'health_tech')
  assert.equal(reg?.current_level, 'point')
  for (const reviewer of ['point_reviewer', 'site_reviewer', 'region_reviewer']) {
    await api.approve(env.server, await api.staffToken(env.server, reviewer), reg.id)
  }
  const approved = await api.getOk(env.server, `/api/v1/registrations/${reg.id}`, token)
  assert.equal(approved.status, 'approved')
  return approved
}

describe('payment journey', { timeout: 240_000 }, () => {
  journey('an approved candidate pays ¥280.00 at the cashier, comes back, sees the registration paid and opens the receipt', async () => {
    const reg = await approvedRegistration()
    psql(env.server.ownerUrl, `UPDATE exam_stages SET payment_opens_at = now() - interval '1 hour' WHERE session_id = '${reg.session_id}'`)

    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    await loginWith(page, ZHANG.phone, ZHANG.password)
    await page.waitForURL(atPath('/'))
    const card = page.locator('[data-testid="my-registration"][data-status="approved"]')
    await card.waitFor()
    assert.equal(await card.getByTestId('next-step').innerText(), '审核已通过，请在缴费时间内缴费')
    await shot(page, 'pay-01-home-approved')
    await card.getByTestId('pay-registration').click()

    await page.waitForURL(atPath(`/registrations/${reg.id}/pay`))
    assert.equal(await page.getByTestId('pay-amount').innerText(), '¥280.00')
    assert.match(await page.getByTestId('pay-window').innerText(), /^考试缴费时间：\d{4}-\d\d-\d\d \d\d:\d\d 至 /)
    assert.match(await page.getByTestId('fee-breakdown').innerText(), /按科目收费（70\.00 元 × 4）/)
    await shot(page, 'pay-02-pay-page')
    await page.getByTestId('pay-button').click()

    // the sandbox payment center's cashier (served by weikao, not the SPA)
    await page.waitForURL((url) => url.pathname.startsWith('/sandbox/paycenter/cashier/'))
    await page.getByText('¥280.00').waitFor()
    await shot(page, 'pay-03-cashier')
    await page.getByRole('button', { name: '确认支付' }).click()
    await page.getByRole('link', { name: '返回报名系统' }).waitFor()
    await shot(page, 'pay-04-cashier-paid')
    await page.getByRole('link', { name: '返回报名系统' }).click()

    // its way back leads to the app's root, which sends her on to the payment page; it waits for the result
    await page.waitForURL(atPath(`/registrations/${reg.id}/pay`))
    await page.locator('[data-testid="payment-notice"][data-kind="paid"]').waitFor({ timeout: 30_000 })
    assert.match(await page.getByTestId('payment-notice').innerText(), /缴费成功/)
    await page.locator('[data-testid="status-tag"][data-status="paid"]').waitFor()
    assert.equal(await page.getByTestId('pay-button').count(), 0)
    const orders = await page.getByTestId('payment-order').evaluateAll((els) => els.map((e) => e.dataset.status))
    assert.deepEqual(orders, ['paid'])
    await page.locator('[data-testid="pay-reason"][data-reason="already_paid"]').waitFor()
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'pay-05-paid')

    // the server agrees
    const session = await api.storedSession(page)
    const paid = await api.getOk(env.server, `/api/v1/registrations/${reg.id}`, session.accessToken)
    assert.equal(paid.status, 'paid')
    const payments = await api.getOk(env.server, `/api/v1/registrations/${reg.id}/payments`, session.accessToken)
    assert.equal(payments.length, 1)
    assert.equal(payments[0].status, 'paid')
    assert.equal(payments[0].amount_fen, 28000)
    const next = await api.getOk(env.server, `/api/v1/registrations/${reg.id}/payments/next`, session.accessToken)
    assert.deepEqual([next.payable, next.reason], [false, 'already_paid'])

    // the receipt: the order's amount and a 12-character verification code, as the API states them
    await page.getByTestId('notice-receipt').click()
    await page.waitForURL(atPath(`/registrations/${reg.id}/payments/${payments[0].order_no}/receipt`))
    await page.getByTestId('receipt').waitFor()
    assert.equal(await page.getByTestId('receipt-amount').innerText(), yuan(payments[0].amount_fen))
    const code = (await page.getByTestId('receipt-code').innerText()).trim()
    assert.match(code, /^[0-9A-Z]{12}$/)
    assert.match(await page.getByTestId('receipt-order-no').innerText(), new RegExp(payments[0].order_no))
    const receipt = await api.getOk(env.server, `/api/v1/registrations/${reg.id}/payments/${payments[0].order_no}/receipt`, session.accessToken)
    assert.equal(receipt.amount_fen, payments[0].amount_fen)
    assert.equal(code, receipt.verification_code)
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'pay-06-receipt')
    // on paper: the receipt only (no navigation bar, no buttons)
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator('.van-nav-bar').isVisible(), false)
    assert.equal(await page.getByTestId('receipt-print').isVisible(), false)
    assert.equal(await page.getByTestId('receipt-code').isVisible(), true)
    await shot(page, 'pay-07-receipt-print')
    await page.emulateMedia({ media: 'screen' })

    // home lists it as done
    await page.goto('/')
    const done = page.locator('[data-testid="my-registration"][data-status="paid"]')
    await done.waitFor()
    assert.equal(await done.getByTestId('next-step').innerText(), '已缴费，报名完成')
    await shot(page, 'pay-08-home-paid')
    assert.deepEqual(errors, [])
    await context.close()
  })
})
