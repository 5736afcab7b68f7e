// The supplementary materials journey (材料补充填报) at a phone viewport against a real `weikao serve`: a new
// nurse fresh graduate is registered (with every material her form requires), approved at the site and the
// region, and paid at the sandbox payment center, all through the API (the payment period moved to now; the server's worker confirms the payment). The
// demo's nurse session has its supplement window open. In the browser she sees on the home card that the
// diploma is owed and until when, uploads a picture of it on the supplement page and submits; the exam region
// returns it with a reason (API); she reads the reason on the progress page, uploads a PDF instead and submits
// again; the region accepts it (API) and she sees it verified. The server's state is checked through the API.
// Screenshots: tests/e2e/artifacts/candidate/supplement-*.png.
import assert from 'node:assert/strict'
import { describe } from 'node:test'
import * as api from './api.mjs'
import { shot } from './browser.mjs'
import { atPath, cleanShot, env, journey, loginWith, openPhone, photoJpeg, smallTargets, useBackendAndBrowser } from './harness.mjs'
import { newCandidate } from './people.mjs'
import { psql } from './server.mjs'

useBackendAndBrowser()

const DAY_MS = 24 * 3600 * 1000
const RETURN_REASON = '毕业证书照片不完整，请拍摄证书原件的全部内容后重新上传'
/** A plain PDF the server accepts (no scripts or other active content). */
const DIPLOMA_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

/** `2026-12-13T21:42:29Z` → `2026-12-14 05:42`: Beijing time as the app shows it. */
const chinaDateTime = (iso) => new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')

/** A nurse fresh graduate's registration, its required materials uploaded, submitted, approved by the site and the region, and paid. */
async function paidFreshGraduate(c) {
  const server = env.server
  const signup = await api.signupViaApi(server, c)
  const token = signup.tokens.access_token
  const sessions = await api.getOk(server, '/api/v1/exam-sessions')
  const nurse = sessions.find((s) => s.exam_type === 'nurse')
  const created = await api.postOk(server, '/api/v1/registrations', { session_id: nurse.id }, token, 201)
  const id = created.id
  const year = nurse.year
  const form = {
    identity: { ethnicity: '汉族', address: '河南省郑州市金水区文化路 2 号' },
    education: {
      level: 'dazhuan',
      school: '河南护理职业学院',
      major: '护理',
      study_form: 'full_time',
      enrolled_on: `${year - 3}-09-01`,
      graduated_on: `${year}-07-01`,
      study_years: 3,
    },
    nurse: { fresh_graduate: true, school: '河南护理职业学院', expected_graduation_on: `${year}-07-01`, internship_months: 10 },
    exam: { site_code: '410100' },
  }
  const filled = api.expectStatus(await api.call(server, 'PATCH', `/api/v1/registrations/${id}`, { version: created.version, form }, token), 200, 'fill the form')
  assert.equal(filled.completeness.complete, true, JSON.stringify(filled.completeness))
  // the server refuses to submit while a required material has no file
  const uploaded = await api.uploadRequiredMaterials(server, token, id, await photoJpeg())
  assert.ok(uploaded.includes('photo') && !uploaded.includes('diploma'), JSON.stringify(uploaded))
  const submitted = await api.postOk(server, `/api/v1/registrations/${id}/submit`, { version: filled.version }, token)
  assert.equal(submitted.current_level, 'site')
  for (const reviewer of ['site_reviewer', 'region_reviewer']) {
    await api.approve(server, await api.staffToken(server, reviewer), id)
  }
  // the demo opens paying a day after seeding: open it now
  psql(server.ownerUrl, `UPDATE exam_stages SET payment_opens_at = now() - interval '1 hour' WHERE session_id = '${nurse.id}'`)
  const order = await api.postOk(server, `/api/v1/registrations/${id}/payments`, {}, token, 201)
  const paid = await fetch(`${order.cashier_url}/pay`, { method: 'POST' })
  assert.equal(paid.status, 200, await paid.text())
  // the payment center notifies weikao; its worker marks the registration paid
  const until = Date.now() + 30_000
  for (;;) {
    const reg = await api.getOk(server, `/api/v1/registrations/${id}`, token)
    if (reg.status === 'paid') return { id, token, session: nurse }
    if (Date.now() > until) throw new Error(`registration not paid after 30 s: ${reg.status}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

/** A picture of a diploma (1200×850 JPEG), drawn by the page's canvas: Node has no JPEG encoder. */
async function diplomaJpeg(page) {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = 1200
    canvas.height = 850
    const g = canvas.getContext('2d')
    g.fillStyle = '#f7f1e3'
    g.fillRect(0, 0, 1200, 850)
    g.strokeStyle = '#8b1a1a'
    g.lineWidth = 16
    g.strokeRect(30, 30, 1140, 790)
    g.fillStyle = '#8b1a1a'
    g.font = 'bold 72px sans-serif'
    g.textAlign = 'center'
    g.fillText('毕 业 证 书', 600, 200)
    g.fillStyle = '#222'
    g.font = '36px sans-serif'
    for (let i = 0; i < 6; i++) g.fillText('学生 赵雨萱 于本校护理专业学习，修完教学计划规定的全部课程', 600, 320 + i * 70)
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]
  })
  return Buffer.from(base64, 'base64')
}

const notice = (page) => page.getByTestId('supplement-notice')
const noticeText = async (page, testid) => (await notice(page).getByTestId(testid).innerText()).trim()
const timelineActions = (page) => page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.dataset.action))

/** Uploads `file` as the diploma on the supplement page and waits until the server has it. */
async function uploadDiploma(page, file) {
  const diploma = page.getByTestId('material-diploma')
  await diploma.getByTestId('material-choose').setInputFiles(file)
  await diploma.locator('[data-testid="material-note"][data-note="uploaded"]').waitFor({ timeout: 30_000 })
  assert.equal((await diploma.getByTestId('material-status').innerText()).trim(), '已上传')
}

describe('supplementary materials journey', { timeout: 300_000 }, () => {
  journey('a paid nurse fresh graduate supplies the diploma, is returned with a reason, supplies it again and is verified', async () => {
    const c = newCandidate('赵雨萱')
    const { id, token, session: nurse } = await paidFreshGraduate(c)
    const owed = await api.getOk(env.server, `/api/v1/registrations/${id}/supplement`, token)
    assert.deepEqual([owed.status, owed.window, owed.can_submit, owed.required_kinds], ['pending', 'open', true, ['diploma']])
    const deadline = chinaDateTime(owed.closes_at)

    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    await loginWith(page, c.phone, c.password)
    await page.waitForURL(atPath('/'))

    // home: paid, and the diploma still owed with its deadline
    const card = page.locator('[data-testid="my-registration"][data-status="paid"]')
    await card.getByTestId('supplement-notice').waitFor()
    assert.equal(await card.getByTestId('next-step').innerText(), '已缴费，还须在截止时间前补充材料')
    assert.equal((await card.getByTestId('supplement-status').innerText()).trim(), '待补充')
    assert.equal(await card.getByTestId('supplement-next').innerText(), '请上传毕业证书并提交考区审核')
    const daysLeft = Math.floor((Date.parse(owed.closes_at) - Date.now()) / DAY_MS)
    assert.equal(await card.getByTestId('supplement-deadline').innerText(), `截止时间：${deadline}（还剩 ${daysLeft} 天）`)
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'supplement-01-home-owed')
    await card.getByTestId('supplement-entry').click()

    // the supplement page: nothing to submit until the diploma is there
    await page.waitForURL(atPath(`/registrations/${id}/supplement`))
    await page.getByTestId('material-diploma').waitFor()
    assert.equal(await page.getByTestId('supplement-session').innerText(), nurse.name)
    assert.equal(await page.getByTestId('supplement-submit').isDisabled(), true)
    assert.equal(await page.getByTestId('supplement-submit-blocked').innerText(), '请先上传毕业证书，再提交')
    assert.deepEqual(await smallTargets(page), [])
    await shot(page, 'supplement-02-page-owed')

    // a picture of the diploma from the album, uploaded with its progress; then submitted
    await uploadDiploma(page, { name: 'diploma.jpg', mimeType: 'image/jpeg', buffer: await diplomaJpeg(page) })
    assert.equal(await page.getByTestId('supplement-submit').isDisabled(), false)
    await page.getByTestId('material-thumb').waitFor()
    await cleanShot(page, 'supplement-03-diploma-uploaded')
    await page.getByTestId('supplement-submit').click()
    await page.locator('[data-testid="supplement-notice"][data-status="submitted"]').waitFor()
    assert.equal(await noticeText(page, 'supplement-status'), '待考区审核')
    assert.equal(await noticeText(page, 'supplement-next'), '已提交，等待考区审核')
    assert.equal(await page.getByTestId('supplement-submit').count(), 0)
    assert.equal(await page.getByTestId('material-choose').count(), 0)
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'supplement-04-submitted')
    const submitted = await api.getOk(env.server, `/api/v1/registrations/${id}/supplement`, token)
    assert.deepEqual([submitted.status, submitted.materials.map((m) => [m.kind, m.content_type, m.status])], [
      'submitted',
      [['diploma', 'image/jpeg', 'uploaded']],
    ])

    // the exam region returns it with a reason
    const region = await api.staffToken(env.server, 'region_reviewer')
    const returned = await api.decideSupplement(env.server, region, id, 'return', RETURN_REASON)
    assert.equal(returned.status, 'returned')

    // the progress page: the reason, the deadline, the way to upload again; the history names both steps
    await page.goto(`/registrations/${id}`)
    await page.locator('[data-testid="supplement-notice"][data-status="returned"]').waitFor()
    assert.equal(await noticeText(page, 'supplement-status'), '被退回')
    assert.equal(await page.getByTestId('next-payment').innerText(), '已缴费，还须在截止时间前补充材料')
    assert.equal(await noticeText(page, 'supplement-reason'), `退回原因：${RETURN_REASON}`)
    assert.match(await noticeText(page, 'supplement-deadline'), new RegExp(`^截止时间：${deadline}（还剩 \\d+ 天）$`))
    assert.equal((await page.locator('[data-testid="status-tag"]').first().innerText()).trim(), '已缴费')
    const history = await timelineActions(page)
    assert.deepEqual(history.slice(-2), ['supplement_submit', 'supplement_return'])
    const returnStep = page.locator('[data-testid="timeline-item"][data-action="supplement_return"]')
    assert.match(await returnStep.innerText(), /补充材料被退回 · 考区/)
    assert.match(await returnStep.innerText(), new RegExp(`审核意见：${RETURN_REASON}`))
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'supplement-05-progress-returned')
    await notice(page).getByTestId('supplement-entry').click()

    // the page flags the diploma with the region's reason; a PDF this time, submitted again
    await page.waitForURL(atPath(`/registrations/${id}/supplement`))
    const diploma = page.getByTestId('material-diploma')
    await diploma.getByTestId('material-returned').waitFor()
    assert.equal((await diploma.getByTestId('material-status').innerText()).trim(), '未通过')
    assert.equal(await diploma.getByTestId('material-reject').innerText(), `未通过原因：${RETURN_REASON}`)
    assert.equal(await page.getByTestId('supplement-reason').innerText(), `退回原因：${RETURN_REASON}`)
    // the rejected picture does not go back as it is
    assert.equal(await page.getByTestId('supplement-submit').isDisabled(), true)
    assert.equal(await page.getByTestId('supplement-submit-blocked').innerText(), '请先按退回原因重新上传毕业证书，再提交')
    assert.deepEqual(await smallTargets(page), [])
    await shot(page, 'supplement-06-page-returned')
    await uploadDiploma(page, { name: '毕业证书.pdf', mimeType: 'application/pdf', buffer: DIPLOMA_PDF })
    assert.equal(await diploma.getByTestId('material-returned').count(), 0)
    assert.match(await diploma.getByTestId('material-meta').innerText(), /^PDF · \d+ B$/)
    await page.getByTestId('supplement-submit').click()
    await page.locator('[data-testid="supplement-notice"][data-status="submitted"]').waitFor()
    await cleanShot(page, 'supplement-07-submitted-again')

    // the exam region accepts it
    const accepted = await api.decideSupplement(env.server, region, id, 'accept')
    assert.equal(accepted.status, 'verified')

    // home: verified, nothing more to do
    await page.goto('/')
    const done = page.locator('[data-testid="my-registration"][data-status="paid"]')
    await done.locator('[data-testid="supplement-notice"][data-status="verified"]').waitFor()
    assert.equal((await done.getByTestId('supplement-status').innerText()).trim(), '审核通过')
    assert.equal(await done.getByTestId('supplement-next').innerText(), '补充材料已审核通过，无需再操作')
    assert.equal(await done.getByTestId('next-step').innerText(), '已缴费，报名完成')
    assert.equal(await done.getByTestId('supplement-entry').count(), 0)
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'supplement-08-home-verified')

    // the progress page: verified, read-only, the whole history
    await done.getByTestId('view-registration').click()
    await page.waitForURL(atPath(`/registrations/${id}`))
    await page.locator('[data-testid="supplement-notice"][data-status="verified"]').waitFor()
    assert.equal(await notice(page).getByTestId('supplement-entry').count(), 0)
    assert.equal(await page.getByTestId('next-payment').innerText(), '已缴费，报名完成')
    assert.deepEqual((await timelineActions(page)).filter((a) => a.startsWith('supplement_')), [
      'supplement_submit',
      'supplement_return',
      'supplement_submit',
      'supplement_accept',
    ])
    assert.match(await page.locator('[data-testid="timeline-item"][data-action="supplement_accept"]').innerText(), /补充材料审核通过 · 考区/)
    await cleanShot(page, 'supplement-09-progress-verified')
    await notice(page).getByTestId('supplement-view').click()
    await page.waitForURL(atPath(`/registrations/${id}/supplement`))
    await page.locator('[data-testid="material-diploma"][data-status="accepted"]').waitFor()
    assert.equal(await page.getByTestId('supplement-submit').count(), 0)
    assert.equal(await page.getByTestId('material-choose').count(), 0)
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'supplement-10-page-verified')

    // the server agrees: verified with the PDF accepted, the registration still paid, the steps on its timeline
    const session = await api.storedSession(page)
    const final = await api.getOk(env.server, `/api/v1/registrations/${id}/supplement`, session.accessToken)
    assert.equal(final.status, 'verified')
    assert.equal(final.can_submit, false)
    assert.equal(final.reason, null)
    assert.deepEqual(final.materials.map((m) => [m.kind, m.content_type, m.status]), [['diploma', 'application/pdf', 'accepted']])
    const reg = await api.getOk(env.server, `/api/v1/registrations/${id}`, session.accessToken)
    assert.equal(reg.status, 'paid')
    const steps = reg.timeline.filter((t) => t.action.startsWith('supplement_'))
    assert.deepEqual(steps.map((t) => t.action), ['supplement_submit', 'supplement_return', 'supplement_submit', 'supplement_accept'])
    assert.equal(steps[1].comment, RETURN_REASON)
    assert.deepEqual(errors, [])
    await context.close()
  })
})
