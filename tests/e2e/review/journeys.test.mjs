// Browser journeys of the reviewer console against a real `weikao serve` with the demo province.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { assertAccessible } from './a11y.mjs'
import { accessToken, launch, login, newPage, PASSWORD, shot, waitForCount } from './browser.mjs'
import { newPerson, pay, preparePhoto, submittedFreshGraduateNurse, submittedRegistration, supplyDiploma } from './candidate.mjs'
import { documentPng } from './documents.mjs'
import { startBackend } from './server.mjs'
import { approve, staffSession } from './staff-api.mjs'

let backend
let browser
/** A registration of the Zhengzhou site (seen by site_reviewer), for the out-of-scope check. */
let zhengzhouId
/** The person the violations import lists; they register (through the API) after the import. */
const sanctioned = newPerson('周晓燕')

before(async () => {
  backend = await startBackend()
  browser = await launch()
  await preparePhoto(browser)
})

after(async () => {
  await browser?.close()
  await backend?.stop()
})

async function api(page, path) {
  const token = await accessToken(page)
  const res = await fetch(`${backend.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, body: await res.json() }
}

/** A POST with the console's token (JSON in, JSON out). */
async function apiPost(page, path, body) {
  const token = await accessToken(page)
  const res = await fetch(`${backend.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

test('a site reviewer logs in with TOTP, works the queue by keyboard and reveals an ID number with a reason', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'site_reviewer', backend.secretOf('site_reviewer'))
  await page.waitForURL(/\/review\/queue/)

  const rows = page.getByTestId('queue-row')
  await waitForCount(rows, 3)
  const names = await rows.allTextContents()
  assert.match(await page.getByTestId('who').textContent(), /郑州市考点审核员/)
  await page.getByTestId('status-counts').waitFor()
  await shot(page, '01-queue-site-reviewer')
  await assertAccessible(page, 'queue')

  // ↓ then Enter opens the second registration; ← goes back to the first.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/review\/registrations\//)
  assert.equal((await page.getByTestId('candidate-name').textContent()).trim(), names[1].trim())
  await page.keyboard.press('ArrowLeft')
  await page.getByTestId('candidate-name').filter({ hasText: names[0].trim() }).waitFor()
  zhengzhouId = page.url().split('/').pop()
  await page.getByTestId('findings-panel').waitFor()
  await assertAccessible(page, 'registration')

  const masked = (await page.getByTestId('masked-id').textContent()).trim()
  assert.match(masked, /^\d{6}\*{8}[\dX]{4}$/)
  await page.getByTestId('reveal').click()
  await page.getByTestId('reveal-reason').fill('ab')
  await page.getByTestId('reveal-submit').click()
  await page.getByText('原因须为 4–200 个字符').waitFor()
  await page.getByTestId('reveal-reason').fill('核对证件照片与证件号码是否一致')
  await shot(page, '02-reveal-dialog')
  await page.getByTestId('reveal-submit').click()
  const revealed = page.getByTestId('revealed-id')
  await revealed.waitFor()
  const number = (await revealed.locator('strong').textContent()).trim()
  assert.match(number, /^\d{17}[\dX]$/)
  assert.equal(number.slice(0, 6), masked.slice(0, 6))
  assert.equal(number.slice(-4), masked.slice(-4))
  await waitForCount(page.locator('.el-overlay:visible'), 0)
  await shot(page, '03-registration-revealed')

  // The server's view: the registration is in this reviewer's scope and the page showed the server's data.
  const detail = await api(page, `/api/v1/review/registrations/${zhengzhouId}`)
  assert.equal(detail.status, 200)
  assert.equal(detail.body.id_number_masked, masked)
  assert.deepEqual(errors, [])
  await context.close()
})

test('a Luoyang site reviewer sees 2 registrations and cannot open a Zhengzhou one by URL', async () => {
  assert.ok(zhengzhouId, 'the first journey provides a Zhengzhou registration id')
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'site_reviewer_ly', backend.secretOf('site_reviewer_ly'))
  const rows = page.getByTestId('queue-row')
  await waitForCount(rows, 2)
  await shot(page, '04-queue-luoyang')

  // Search by name prefix, save the filter, reset, and apply the saved filter again.
  await page.getByTestId('filter-q').fill('王')
  await page.getByTestId('filter-q').press('Enter')
  await page.waitForURL(/q=/)
  await waitForCount(rows, 1)
  await page.getByTestId('saved-filters').click()
  await page.getByPlaceholder('为当前筛选命名').fill('姓王')
  await page.getByRole('button', { name: '保存当前筛选' }).click()
  await page.getByTestId('saved-filters').filter({ hasText: '(1)' }).waitFor()
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: '重置' }).click()
  await waitForCount(rows, 2)
  await page.getByTestId('saved-filters').click()
  await page.getByRole('button', { name: '姓王', exact: true }).click()
  await waitForCount(rows, 1)
  assert.match(await rows.first().textContent(), /^\s*王/)

  await page.goto(`${backend.baseUrl}/review/registrations/${zhengzhouId}`)
  await page.getByTestId('not-found').getByText('记录不存在或不在您的数据范围内').waitFor()
  assert.equal(await page.getByTestId('candidate-name').count(), 0)
  await shot(page, '05-out-of-scope')

  const outside = await api(page, `/api/v1/review/registrations/${zhengzhouId}`)
  assert.equal(outside.status, 404)
  const queue = await api(page, '/api/v1/review/registrations')
  assert.equal(queue.body.total, 2)
  assert.deepEqual(errors, [])
  await context.close()
})

test('an auditor sees the audit log with the reveal, and a verified hash chain', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'auditor', backend.secretOf('auditor'))
  await page.waitForURL(/\/review\/audit/)
  assert.equal(await page.getByTestId('nav-queue').count(), 0)
  await page.getByTestId('audit-table').locator('tbody tr').first().waitFor()

  await page.getByTestId('audit-action').fill('review.reveal')
  await page.getByTestId('audit-action').press('Enter')
  await page.getByTestId('audit-action-cell').filter({ hasText: 'review.reveal_id_number' }).first().waitFor()

  await page.getByTestId('verify-chain').click()
  const report = page.getByTestId('chain-report')
  await report.waitFor()
  assert.equal(await report.getAttribute('data-ok'), 'true')
  assert.match(await report.textContent(), /哈希链完整/)
  await shot(page, '06-audit-chain')

  const events = await api(page, '/api/v1/audit/events?action=review.reveal')
  assert.equal(events.status, 200)
  assert.ok(events.body.items.some((e) => e.object_id === zhengzhouId && e.outcome === 'success'))
  assert.deepEqual(errors, [])
  await context.close()
})

test('a region admin reads the statistics, drills down to the queue, edits the reason catalog and sees the province as a tree', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_admin', backend.secretOf('region_admin'))
  await page.waitForURL(/\/review\/queue/)
  await page.getByTestId('nav-statistics').click()
  const stats = await api(page, '/api/v1/review/statistics')
  assert.equal(stats.status, 200)
  await page.getByTestId('card-total').waitFor()
  assert.equal(await page.getByTestId('card-total').getAttribute('data-value'), String(stats.body.total))
  await page.getByTestId('chart-funnel').locator('canvas').waitFor()
  await page.getByTestId('chart-specialties').locator('canvas').waitFor()
  assert.equal(await page.getByTestId('deadline-table').locator('tbody tr').count(), stats.body.deadlines.length)
  await shot(page, '07-statistics')
  await assertAccessible(page, 'statistics')

  // A status opens the queue filtered by it; the queue shows as many as the statistics counted.
  const submitted = stats.body.by_status.filter((s) => s.status === 'submitted').reduce((n, s) => n + s.count, 0)
  assert.ok(submitted > 0, 'the demo data has submitted registrations')
  await page.locator('[data-testid="drill-status"][data-status="submitted"]').click()
  await page.waitForURL(/\/review\/queue\?.*status=submitted/)
  await waitForCount(page.getByTestId('queue-row'), submitted)
  assert.equal(await page.locator('[data-testid="status-count"][data-status="submitted"]').getAttribute('aria-pressed'), 'true')

  // The reason catalog: add a reason, retire it; retired reasons stay listed on request.
  await page.getByTestId('nav-reasons').click()
  await page.getByTestId('reasons-table').locator('tbody tr').first().waitFor()
  await page.getByTestId('reason-add').click()
  const dialog = page.getByTestId('reason-dialog')
  await dialog.getByTestId('reason-code-input').fill('E2E Bad')
  await dialog.getByTestId('reason-label-input').fill('证件照背景不是白色')
  await dialog.getByTestId('reason-save').click()
  await dialog.getByText('代码须以小写字母开头').waitFor()
  await dialog.getByTestId('reason-code-input').fill('e2e_photo_background')
  await dialog.getByTestId('reason-target').getByText('材料', { exact: true }).click()
  await assertAccessible(page, 'reason-dialog')
  await dialog.getByTestId('reason-subject').click()
  await page.getByRole('option', { name: '本人证件照' }).click()
  await dialog.getByTestId('reason-save').click()
  await page.locator('.el-message').getByText('原因“证件照背景不是白色”已保存').waitFor()
  const row = page.getByTestId('reasons-table').locator('tbody tr', { hasText: 'e2e_photo_background' })
  await row.getByTestId('reason-retire').click()
  await page.locator('.el-message').getByText('已停用').first().waitFor()
  await waitForCount(page.getByTestId('reasons-table').locator('tbody tr', { hasText: 'e2e_photo_background' }), 0)
  await page.getByTestId('reasons-show-inactive').click()
  await row.getByTestId('reason-restore').waitFor()
  await shot(page, '08-reason-catalog')
  await assertAccessible(page, 'reasons')
  const reasons = await api(page, '/api/v1/review/reasons?include_inactive=true')
  assert.deepEqual(
    reasons.body.find((r) => r.code === 'e2e_photo_background'),
    { code: 'e2e_photo_background', label: '证件照背景不是白色', target: 'material', subject: 'photo', active: false, sort: reasons.body.find((r) => r.code === 'e2e_photo_background').sort },
  )

  await page.getByTestId('nav-orgs').click()
  const tree = page.getByTestId('org-tree')
  await tree.getByText('河南省考区').waitFor()
  const orgs = await api(page, '/api/v1/orgs')
  await waitForCount(tree.locator('.el-tree-node'), orgs.body.length)
  await page.getByTestId('org-filter').fill('洛龙')
  await waitForCount(tree.locator('.el-tree-node'), 3)
  await shot(page, '08-orgs-filtered')
  assert.deepEqual(errors, [])
  await context.close()
})

test('a region admin imports a violations list on the libraries page and sees the batch, its report and the row', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_admin', backend.secretOf('region_admin'))
  await page.waitForURL(/\/review\/queue/)
  await page.getByTestId('nav-libraries').click()
  await page.getByTestId('library-violations').click()
  await page.waitForURL(/library=violations/)
  const detail = page.getByTestId('library-detail')
  await detail.waitFor()

  // One good row, one with a malformed ID number, and a column the library does not have.
  const csv = [
    '证件号码,姓名,考试类别,处理类型,处理依据,起始年度,备注',
    `${sanctioned.idNumber},${sanctioned.name},health_tech,ban_lifetime,e2e 违纪处理决定,2020,e2e`,
    '41010519900101123,证件有误,health_tech,ban_2y,,2026,',
    '',
  ].join('\n')
  await page.getByTestId('import-file').setInputFiles({ name: 'violations-e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.getByTestId('import-submit').click()
  const result = page.getByTestId('batch-result')
  await result.waitFor()
  assert.equal(await result.getByTestId('batch-status').getAttribute('data-status'), 'active')
  assert.equal((await result.getByTestId('batch-loaded').textContent()).trim(), '1')
  assert.equal((await result.getByTestId('batch-rejected').textContent()).trim(), '1')
  assert.match(await result.getByTestId('batch-ignored').textContent(), /备注/)
  assert.match(await result.getByTestId('batch-errors').textContent(), /id_number_invalid/)
  await page.getByTestId('live-rows-violations').filter({ hasText: /^1$/ }).waitFor()
  await shot(page, '10-library-import')
  await assertAccessible(page, 'libraries')

  // The XLSX report comes through the API with the token and is handed to the browser as a download.
  const [download] = await Promise.all([page.waitForEvent('download'), result.getByTestId('download-report').click()])
  assert.match(download.suggestedFilename(), /^import-[0-9a-f-]+-errors\.xlsx$/)
  assert.equal(readFileSync(await download.path()).subarray(0, 2).toString('latin1'), 'PK')

  await detail.getByRole('tab', { name: '数据查询' }).click()
  await page.getByTestId('rows-q').fill(sanctioned.name.slice(0, 1))
  await page.getByTestId('rows-q').press('Enter')
  const table = page.getByTestId('rows-table')
  await waitForCount(table.getByTestId('row-record'), 1)
  const rowText = await table.locator('tbody').textContent()
  assert.ok(rowText.includes(`${sanctioned.idNumber.slice(0, 6)}********${sanctioned.idNumber.slice(-4)}`), 'the row shows the masked ID number')
  assert.ok(!rowText.includes(sanctioned.idNumber), 'never the full ID number')

  // The server's view: the batch is there with the file's name.
  const batches = await api(page, '/api/v1/admin/libraries/violations/batches')
  assert.equal(batches.status, 200)
  assert.equal(batches.body[0].rows_loaded, 1)
  assert.equal(batches.body[0].file_name, 'violations-e2e.csv')

  // Region admins see the findings of a registration but cannot re-run verification.
  await page.getByTestId('nav-queue').click()
  await page.getByTestId('queue-row').first().click()
  await page.getByTestId('findings-panel').waitFor()
  assert.equal(await page.getByTestId('reverify').count(), 0)
  assert.deepEqual(errors, [])
  await context.close()
})

test('a site reviewer sees the violation among the findings of a new registration and re-verifies it', async () => {
  // Submitted after the import: submission verifies it against the violations list.
  const id = await submittedRegistration(backend, sanctioned)
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'site_reviewer', backend.secretOf('site_reviewer'))
  await page.getByTestId('queue-row').filter({ hasText: sanctioned.name }).click()
  await page.waitForURL(new RegExp(`/review/registrations/${id}$`))
  const panel = page.getByTestId('findings-panel')
  const violation = panel.locator('[data-testid="finding"][data-rule="violation_active"]')
  await violation.waitFor()
  assert.match(await violation.getByTestId('finding-message').textContent(), /e2e 违纪处理决定/)
  assert.match(await violation.getByTestId('finding-evidence').textContent(), /违纪人员库 · 记录 #\d+ · 导入批次/)
  assert.match(await violation.getByTestId('severity').textContent(), /阻断|警告/)

  // The header counts the blocking findings the server has, and the panel shows every current finding.
  const findings = await api(page, `/api/v1/review/registrations/${id}/findings`)
  assert.equal(findings.status, 200)
  assert.ok(findings.body.some((f) => f.rule_code === 'violation_active' && f.evidence?.library === 'violations'))
  const blocking = findings.body.filter((f) => f.severity === 'block').length
  assert.equal(await page.getByTestId('registration-header').getByTestId('blocking-count').getAttribute('data-count'), String(blocking))
  assert.equal(await panel.getByTestId('finding').count(), findings.body.length)
  await shot(page, '11-registration-findings')

  await panel.getByTestId('reverify').click()
  await page.getByText('已按当前基础库重新核验').waitFor()
  await violation.waitFor()
  await panel.getByTestId('findings-history').click()
  await panel.getByTestId('findings-earlier').waitFor()
  assert.equal(await panel.getByTestId('finding').count(), (await api(page, `/api/v1/review/registrations/${id}/findings?history=true`)).body.length)
  assert.deepEqual(errors, [])
  await context.close()
})

/** Controls inside `root` that have no accessible name (aria-label, aria-labelledby, a <label>, text or title). */
async function unnamedControls(root) {
  return root.evaluate((el) => {
    const controls = el.querySelectorAll('button, input:not([type="hidden"]), textarea, select, [role="combobox"], [role="switch"]')
    const named = (c) => {
      if (c.getAttribute('aria-label')?.trim()) return true
      const by = c.getAttribute('aria-labelledby')
      if (by && by.split(/\s+/).some((id) => document.getElementById(id)?.textContent?.trim())) return true
      if (c.id && document.querySelector(`label[for="${CSS.escape(c.id)}"]`)?.textContent?.trim()) return true
      if (c.closest('label')?.textContent?.trim()) return true
      if (c.tagName === 'BUTTON' && c.textContent.trim()) return true
      return Boolean(c.getAttribute('title')?.trim())
    }
    return [...controls].filter((c) => c.offsetParent !== null && !named(c)).map((c) => c.outerHTML.slice(0, 120))
  })
}

test('a registration point reviewer views the materials and returns a registration with a catalog reason and a public comment', async () => {
  // A fresh health-tech registration at the Jinshui registration point, with two scanned documents.
  const person = newPerson('孙文静')
  const id = await submittedRegistration(backend, person, {
    materials: [
      { kind: 'diploma', body: documentPng([31, 78, 160]) },
      { kind: 'work_years_certificate', body: documentPng([22, 130, 80]) },
    ],
  })
  // at the laptop size (every journey's default): the sticky decision bar must leave the page usable at 1366×768
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'point_reviewer', backend.secretOf('point_reviewer'))
  await page.waitForURL(/\/review\/queue/)
  await page.getByTestId('queue-row').filter({ hasText: person.name }).click()
  await page.waitForURL(new RegExp(`/review/registrations/${id}$`))
  await page.getByTestId('candidate-name').filter({ hasText: person.name }).waitFor()

  // Materials: every file the form required, listed by kind (the two scans among them); the certificate opens as an
  // image that rotates and zooms, ← goes to the material listed before it.
  const detail = await api(page, `/api/v1/review/registrations/${id}`)
  const required = detail.body.materials.map((m) => m.kind)
  assert.ok(required.length > 2, JSON.stringify(required))
  const items = page.getByTestId('material')
  await waitForCount(items, required.length)
  const kinds = await items.evaluateAll((els) => els.map((e) => e.dataset.kind))
  assert.deepEqual([...kinds].sort(), [...required].sort())
  const at = kinds.indexOf('work_years_certificate')
  assert.ok(at > 0 && kinds.includes('diploma'), JSON.stringify(kinds))
  await page.getByRole('button', { name: '查看工作年限证明' }).click()
  const viewer = page.getByTestId('material-viewer')
  await viewer.waitFor()
  const image = viewer.getByTestId('viewer-image')
  await image.waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid="viewer-image"]')?.naturalWidth === 640)
  await viewer.getByRole('button', { name: '向右旋转' }).click()
  await viewer.getByRole('button', { name: '放大' }).click()
  assert.equal(await image.getAttribute('data-rotation'), '90')
  assert.match(await viewer.getByTestId('viewer-zoom').textContent(), /125%/)
  await shot(page, '12-material-viewer')
  await page.keyboard.press('ArrowLeft')
  await viewer.getByTestId('viewer-position').filter({ hasText: `第 ${at} 份，共 ${kinds.length} 份` }).waitFor()
  assert.equal(await viewer.getAttribute('data-kind'), kinds[at - 1])
  await page.keyboard.press('Escape')
  await waitForCount(page.locator('.el-overlay:visible'), 0)

  // R chooses “return” (the page's shortcut, with no field focused); the reason comes from the catalog.
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('r')
  const bar = page.getByTestId('decision-bar')
  await bar.locator('[data-testid="decision-form"][data-action="return"]').waitFor()
  assert.equal(await bar.getByTestId('decision-return').getAttribute('aria-pressed'), 'true')
  await bar.getByTestId('decision-reasons').click()
  await page.getByRole('option', { name: '缺少单位出具的工作年限证明' }).click()
  await page.keyboard.press('Escape')
  // the material reason asks for its kind again
  await bar.getByTestId('decision-materials').getByText('工作年限证明', { exact: true }).first().waitFor()
  // typing in the comment does not trigger the shortcuts (J would switch to reject)
  const comment = '请上传加盖单位公章的工作年限证明（需注明起止年月）。'
  await bar.getByTestId('decision-comment').fill(comment)
  await bar.getByTestId('decision-comment').press('j')
  await bar.getByTestId('decision-comment').press('Backspace')
  assert.equal(await bar.getByTestId('decision-form').getAttribute('data-action'), 'return')
  await bar.getByTestId('decision-public').click()
  assert.equal(await bar.getByRole('switch', { name: '考生可见' }).isChecked(), true)
  assert.deepEqual(await unnamedControls(bar), [])
  await shot(page, '13-decision-return')

  await bar.getByTestId('decision-submit').click()
  await page.locator('.el-message').getByText('已退回考生修改').waitFor()
  await page.waitForURL((url) => !url.pathname.endsWith(`/registrations/${id}`))

  // The server's view: returned, and the last timeline entry carries the catalog reason and the public comment.
  const after = await api(page, `/api/v1/review/registrations/${id}`)
  assert.equal(after.status, 200)
  assert.equal(after.body.status, 'returned')
  const last = after.body.timeline.at(-1)
  assert.equal(last.action, 'return')
  assert.equal(last.level, 'point')
  assert.deepEqual(last.reason_codes, ['work_certificate_missing'])
  assert.equal(last.comment, comment)
  assert.equal(last.comment_public, true)
  assert.deepEqual(last.returned_materials, ['work_years_certificate'])

  // Back on the registration: nothing left to decide, and the timeline shows the return with the catalog label.
  await page.goto(`${backend.baseUrl}/review/registrations/${id}`)
  await page.getByTestId('decision-unavailable').waitFor()
  assert.equal(await page.getByTestId('decision-bar').count(), 0)
  const entry = page.getByTestId('timeline-entry').first()
  assert.equal(await entry.getAttribute('data-action'), 'return')
  assert.equal((await entry.getByTestId('timeline-reason').textContent()).trim(), '缺少单位出具的工作年限证明')
  assert.equal((await entry.getByTestId('timeline-visibility').textContent()).trim(), '考生可见')
  assert.equal((await entry.getByTestId('timeline-comment').textContent()).trim(), comment)
  await page.getByTestId('staff-timeline').scrollIntoViewIfNeeded()
  await shot(page, '14-returned-timeline')
  assert.deepEqual(errors, [])
  await context.close()
})

/** Five registrations at the Jinshui point (in site_reviewer's scope), approved there through the API. */
const OUYANG = ['欧阳明轩', '欧阳雨涵', '欧阳子墨', '欧阳思远', '欧阳嘉怡']
const ouyangIds = []

test('an exam site reviewer approves two items with the keyboard and batch-approves the rest from the queue', async () => {
  for (const name of OUYANG) ouyangIds.push(await submittedRegistration(backend, newPerson(name)))
  const point = await staffSession(backend, 'point_reviewer')
  for (const id of ouyangIds) assert.equal((await approve(point, id)).current_level, 'site')

  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'site_reviewer', backend.secretOf('site_reviewer'))
  await page.waitForURL(/\/review\/queue/)
  await page.getByTestId('filter-q').fill('欧阳')
  await page.getByTestId('filter-q').press('Enter')
  await page.waitForURL(/q=/)
  const rows = page.getByTestId('queue-row')
  await waitForCount(rows, OUYANG.length)
  const names = (await rows.allTextContents()).map((n) => n.trim())
  const ids = await rows.evaluateAll((els) => els.map((e) => e.dataset.id))
  assert.deepEqual([...ids].sort(), [...ouyangIds].sort())

  // Keyboard only: Enter opens the first row, → moves on to the second, A then Enter approves it and the console
  // goes on to the next one by itself; the third is approved the same way.
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Enter')
  await page.getByTestId('candidate-name').filter({ hasText: names[0] }).waitFor()
  await page.keyboard.press('ArrowRight')
  await page.waitForURL(new RegExp(`/registrations/${ids[1]}$`))
  for (const i of [1, 2]) {
    await page.getByTestId('candidate-name').filter({ hasText: names[i] }).waitFor()
    await page.keyboard.press('a')
    await page.getByTestId('decision-bar').locator('[data-testid="decision-form"][data-action="approve"]').waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'decision-submit')
    if (i === 1) await shot(page, '15-keyboard-approve')
    await page.keyboard.press('Enter')
    await page.locator('.el-message').getByText('已审核通过，转交考区审核').first().waitFor()
    await page.waitForURL(new RegExp(`/registrations/${ids[i + 1]}$`))
  }

  // Back in the queue: the two now wait at the region; the other three are selected for a batch approval.
  await page.getByTestId('back-to-queue').click()
  await page.waitForURL(/\/review\/queue\?.*q=/)
  await waitForCount(page.locator('[data-testid="queue-row"]'), OUYANG.length)
  await page.getByTestId('select-page').click()
  await page.getByTestId('batch-count').filter({ hasText: '已选择 3 条' }).waitFor()
  await shot(page, '16-batch-selected')
  await assertAccessible(page, 'queue-batch')
  await page.getByTestId('batch-approve').click()
  const confirm = page.getByTestId('batch-confirm')
  await confirm.getByTestId('batch-confirm-text').filter({ hasText: '所选的 3 条报名' }).waitFor()
  await assertAccessible(page, 'batch-confirm')
  await confirm.getByTestId('batch-submit').click()

  // They have a blocking finding (no nurse registration on file): skipped, and retried with an override reason.
  const result = page.getByTestId('batch-result')
  await result.getByTestId('batch-summary').waitFor()
  assert.equal(await result.getAttribute('data-skipped'), '3')
  assert.equal(await result.locator('[data-testid="batch-skip-group"]').getAttribute('data-code'), 'blocking_findings')
  assert.match(await result.locator('[data-testid="batch-skip-group"]').textContent(), /有阻断性核验问题/)
  await result.getByTestId('batch-retry-submit').click()
  await result.getByText('忽略阻断性问题须说明原因').waitFor()
  const override = '已与护士执业注册原件核对，系统库尚未更新'
  await result.getByTestId('batch-override-reason').fill(override)
  await assertAccessible(page, 'batch-result')
  await result.getByTestId('batch-retry-submit').click()
  await waitForCount(result.getByTestId('batch-decided-item'), 3)
  assert.equal(await result.getAttribute('data-skipped'), '0')
  assert.match(await result.getByTestId('batch-forwarded').textContent(), /3 条已转交考区审核/)
  await shot(page, '17-batch-result')
  await result.getByTestId('batch-result-close').click()
  await waitForCount(page.locator('.el-overlay:visible'), 0)

  // Nothing of the filter waits at the site any more: "approve all matching" finds nothing to decide.
  await waitForCount(page.locator('[data-testid="select-row"].is-disabled'), OUYANG.length)
  await page.getByTestId('batch-approve-all').click()
  await page.getByTestId('batch-confirm').getByTestId('batch-confirm-text').filter({ hasText: '当前筛选' }).waitFor()
  await page.getByTestId('batch-confirm').getByTestId('batch-submit').click()
  await page.getByTestId('batch-result').getByTestId('batch-empty').waitFor()
  await page.getByTestId('batch-result').getByTestId('batch-result-close').click()

  // The server's view: all five wait at the exam region; the batch decisions carry the override reason.
  for (const [i, id] of ouyangIds.entries()) {
    const detail = await api(page, `/api/v1/review/registrations/${id}`)
    assert.equal(detail.status, 200)
    assert.equal(detail.body.status, 'submitted', `${id} status`)
    assert.equal(detail.body.current_level, 'region', `${id} level`)
    const last = detail.body.timeline.at(-1)
    assert.equal(last.action, 'approve')
    assert.equal(last.level, 'site')
    const batched = !ids.slice(1, 3).includes(id)
    assert.equal(last.override_reason ?? null, batched ? override : null, `override of ${i}`)
  }
  const pending = await api(page, '/api/v1/review/registrations?pending=true&q=%E6%AC%A7%E9%98%B3')
  assert.equal(pending.body.total, 0)
  assert.deepEqual(errors, [])
  await context.close()
})

test('an exam region reviewer reopens an approved registration with a reason, and a stale one says so', async () => {
  assert.equal(ouyangIds.length, OUYANG.length, 'the batch journey provides registrations at the region')
  const region = await staffSession(backend, 'region_reviewer')
  const [first, second] = ouyangIds
  for (const id of [first, second]) assert.equal((await approve(region, id)).status, 'approved')

  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_reviewer', backend.secretOf('region_reviewer'))
  await page.goto(`${backend.baseUrl}/review/registrations/${first}`)
  await page.getByTestId('registration-header').getByTestId('status').filter({ hasText: '审核通过' }).waitFor()
  await page.getByTestId('reopen').click()
  const dialog = page.getByTestId('reopen-dialog')
  await dialog.getByTestId('reopen-reason').fill('短')
  await dialog.getByTestId('reopen-submit').click()
  await dialog.getByText('原因须为 4–500 个字符').waitFor()
  const reason = '考生来电说明工作年限证明有误，需重新核对'
  await dialog.getByTestId('reopen-reason').fill(reason)
  await shot(page, '18-reopen-dialog')
  await dialog.getByTestId('reopen-submit').click()
  await page.locator('.el-message').getByText('已重新打开').waitFor()
  await page.getByTestId('registration-header').getByTestId('status').filter({ hasText: '待审核' }).waitFor()
  assert.equal(await page.getByTestId('reopen').count(), 0)
  await page.getByTestId('decision-bar').waitFor()
  const reopened = await api(page, `/api/v1/review/registrations/${first}`)
  assert.equal(reopened.body.status, 'submitted')
  assert.equal(reopened.body.current_level, 'region')
  assert.equal(reopened.body.timeline.at(-1).action, 'reopen')
  assert.equal(reopened.body.timeline.at(-1).comment, reason)

  // Someone else reopens the second one while this page still shows it approved: the 409 is said in the dialog.
  await page.goto(`${backend.baseUrl}/review/registrations/${second}`)
  await page.getByTestId('reopen').waitFor()
  const seen = await region.get(`/api/v1/review/registrations/${second}`)
  assert.equal((await region.post(`/api/v1/review/registrations/${second}/reopen`, { version: seen.body.version, reason: '另一位考区审核员重新打开' })).status, 200)
  await page.getByTestId('reopen').click()
  await dialog.getByTestId('reopen-reason').fill(reason)
  await dialog.getByTestId('reopen-submit').click()
  const conflict = dialog.getByTestId('reopen-conflict')
  await conflict.waitFor()
  assert.equal(await conflict.getAttribute('data-code'), 'version_conflict')
  await shot(page, '19-reopen-conflict')
  await conflict.getByTestId('reopen-refresh').click()
  await page.getByTestId('registration-header').getByTestId('status').filter({ hasText: '待审核' }).waitFor()
  assert.equal(await page.getByTestId('reopen').count(), 0)
  assert.deepEqual(errors, [])
  await context.close()
})

test('an exam region reviewer re-checks a nurse fresh graduate’s diploma: returns it with a reason, then accepts the resubmission', async () => {
  // The candidate side through the API: a nurse fresh graduate registers, the exam site approves.
  const person = newPerson('林晓护')
  const candidate = await submittedFreshGraduateNurse(backend, person)
  const { id } = candidate
  const site = await staffSession(backend, 'site_reviewer')
  assert.equal((await approve(site, id)).current_level, 'region')

  // The exam region reviewer logs in once; the region's approval goes through the API with the console's token.
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_reviewer', backend.secretOf('region_reviewer'))
  await page.waitForURL(/\/review\/queue/)
  const region = { get: (path) => api(page, path), post: (path, body) => apiPost(page, path, body) }
  assert.equal((await approve(region, id)).status, 'approved')

  // Paid at the sandbox cashier once the payment window is open; the paid registration owes the diploma, which the
  // candidate uploads and submits within the (open) supplement window.
  backend.sql(`UPDATE exam_stages SET payment_opens_at = now() - interval '1 hour' WHERE session_id = '${candidate.sessionId}'`)
  await pay(backend, candidate.token, id)
  const submitted = await supplyDiploma(backend, candidate.token, id, documentPng([40, 120, 90]))
  assert.equal(submitted.status, 'submitted')

  // 补充材料复核: the submitted tab is the default; its badge counts what the server counts.
  await page.getByTestId('nav-supplements').click()
  await page.waitForURL(/\/review\/supplements/)
  const listed = await api(page, '/api/v1/review/supplements?status=submitted')
  assert.equal(listed.status, 200)
  const waiting = listed.body.counts.find((c) => c.status === 'submitted').count
  assert.equal(waiting, 1)
  const tab = (status) => page.locator(`[data-testid="supplement-tab"][data-status="${status}"]`)
  await page.locator('[data-testid="supplement-tab"][data-status="submitted"][data-count="1"]').waitFor()
  assert.equal(await page.locator('#tab-submitted').getAttribute('aria-selected'), 'true')
  assert.match(await tab('submitted').textContent(), /待复核\s*1/)
  for (const c of listed.body.counts) assert.equal(await tab(c.status).getAttribute('data-count'), String(c.count), `${c.status} badge`)
  const row = page.getByTestId('supplement-table').locator('tbody tr', { has: page.locator(`[data-testid="supplement-row"][data-id="${id}"]`) })
  await waitForCount(row, 1)
  assert.equal((await row.getByTestId('supplement-row').textContent()).trim(), person.name)
  assert.match(await row.textContent(), /护士执业资格考试/)
  assert.equal((await row.getByTestId('supplement-status').textContent()).trim(), '待复核')
  await shot(page, 'supplement-01-queue')
  await assertAccessible(page, 'supplements')

  // The drawer: the diploma opens in the materials viewer.
  await row.getByTestId('supplement-open').click()
  const drawer = page.getByTestId('supplement-drawer')
  await drawer.getByTestId('supplement-summary').waitFor()
  assert.match(await drawer.getByTestId('supplement-summary').textContent(), new RegExp(person.name))
  assert.equal(await drawer.getByTestId('supplement-drawer-body').getAttribute('data-status'), 'submitted')
  await waitForCount(drawer.getByTestId('material'), 1)
  await drawer.getByRole('button', { name: '查看毕业证书' }).click()
  const viewer = page.getByTestId('material-viewer')
  await viewer.getByTestId('viewer-image').waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid="viewer-image"]')?.naturalWidth === 640)
  await shot(page, 'supplement-02-viewer')
  await page.locator('.viewer-dialog .el-dialog__headerbtn').click()
  await viewer.waitFor({ state: 'hidden' })
  await drawer.getByTestId('supplement-decision').waitFor()

  // 退回 without a reason: the form refuses before anything is sent.
  await drawer.getByTestId('supplement-return').click()
  await drawer.getByText('退回或不通过须填写原因（4–500 个字符）').waitFor()
  assert.equal((await api(page, `/api/v1/review/registrations/${id}/supplement`)).body.status, 'submitted')
  await assertAccessible(page, 'supplement-drawer')
  const reason = '毕业证书照片不清晰，请在光线充足处重新拍摄上传'
  await drawer.getByTestId('supplement-reason').fill(reason)
  await drawer.getByText('退回或不通过须填写原因（4–500 个字符）').waitFor({ state: 'detached' })
  await shot(page, 'supplement-03-return')
  await drawer.getByTestId('supplement-return').click()
  await page.locator('.el-message').getByText('补充材料已退回').waitFor()
  await drawer.locator('[data-testid="supplement-drawer-body"][data-status="returned"]').waitFor()
  assert.equal((await drawer.getByTestId('supplement-reason-current').textContent()).trim(), reason)
  assert.equal(await drawer.getByTestId('supplement-decision').count(), 0)
  await drawer.locator('.el-drawer__close-btn').click()
  await waitForCount(page.locator('.el-overlay:visible'), 0)

  // The row moved to the returned tab, with the reason.
  await page.locator('[data-testid="supplement-tab"][data-status="submitted"][data-count="0"]').waitFor()
  await page.locator('#tab-returned').click()
  await page.waitForURL(/status=returned/)
  await waitForCount(row, 1)
  assert.equal((await row.getByTestId('supplement-row-reason').textContent()).trim(), reason)
  assert.equal(await tab('returned').getAttribute('data-count'), '1')
  await shot(page, 'supplement-04-returned')
  const returned = await api(page, `/api/v1/review/registrations/${id}/supplement`)
  assert.equal(returned.body.status, 'returned')
  assert.equal(returned.body.reason, reason)
  assert.equal(returned.body.materials[0].status, 'rejected')

  // The candidate uploads again and resubmits; the reviewer accepts it from the submitted tab.
  const again = await supplyDiploma(backend, candidate.token, id, documentPng([31, 78, 160]))
  assert.equal(again.status, 'submitted')
  await page.locator('#tab-submitted').click()
  await page.waitForURL((url) => url.pathname.endsWith('/supplements') && !url.search.includes('status='))
  await waitForCount(row, 1)
  await page.locator('[data-testid="supplement-tab"][data-status="submitted"][data-count="1"]').waitFor()
  await row.getByTestId('supplement-open').click()
  await drawer.locator('[data-testid="supplement-drawer-body"][data-status="submitted"]').waitFor()
  const earlier = drawer.locator('[data-testid="timeline-entry"][data-action="supplement_return"]')
  await earlier.waitFor()
  assert.equal((await earlier.getByTestId('timeline-action').textContent()).trim(), '补充材料退回')
  assert.equal((await earlier.getByTestId('timeline-comment').textContent()).trim(), reason)
  await drawer.getByTestId('supplement-accept').click()
  await page.locator('.el-message').getByText('补充材料已审核通过').waitFor()
  await drawer.locator('[data-testid="supplement-drawer-body"][data-status="verified"]').waitFor()
  await drawer.locator('[data-testid="timeline-entry"][data-action="supplement_accept"]').waitFor()
  await shot(page, 'supplement-05-accepted')
  await drawer.locator('.el-drawer__close-btn').click()
  await waitForCount(page.locator('.el-overlay:visible'), 0)
  await page.locator('[data-testid="supplement-tab"][data-status="submitted"][data-count="0"]').waitFor()

  // The server's view: verified, the file accepted, the registration still paid with the supplement's history.
  const verified = await api(page, `/api/v1/review/registrations/${id}/supplement`)
  assert.equal(verified.status, 200)
  assert.equal(verified.body.status, 'verified')
  assert.equal(verified.body.materials[0].status, 'accepted')
  const detail = await api(page, `/api/v1/review/registrations/${id}`)
  assert.equal(detail.body.status, 'paid')
  const history = detail.body.timeline.filter((t) => t.action.startsWith('supplement_'))
  assert.deepEqual(history.map((t) => t.action), ['supplement_submit', 'supplement_return', 'supplement_submit', 'supplement_accept'])
  assert.equal(history[1].comment, reason)
  assert.equal(history[1].comment_public, true)
  // the exam site sees it and may not decide
  const seen = await site.get(`/api/v1/review/supplements?status=verified`)
  assert.ok(seen.body.items.some((i) => i.registration_id === id))
  const refused = await site.post(`/api/v1/review/registrations/${id}/supplement/decision`, { version: verified.body.version, action: 'reject', reason: '考点不能复核' })
  assert.equal(refused.status, 403)
  assert.equal(refused.body.code, 'forbidden')

  // The registration screen shows the supplement and names its actions on the timeline.
  await page.goto(`${backend.baseUrl}/review/registrations/${id}`)
  const section = page.getByTestId('supplement-section')
  await section.waitFor()
  assert.equal(await section.getAttribute('data-status'), 'verified')
  assert.equal((await section.getByTestId('supplement-status').textContent()).trim(), '复核通过')
  const newest = page.getByTestId('staff-timeline').getByTestId('timeline-entry').first()
  assert.equal(await newest.getAttribute('data-action'), 'supplement_accept')
  assert.equal((await newest.getByTestId('timeline-action').textContent()).trim(), '补充材料审核通过')
  await section.scrollIntoViewIfNeeded()
  await shot(page, 'supplement-06-registration')
  await assertAccessible(page, 'registration-supplement')
  assert.deepEqual(errors, [])
  await context.close()
})

test('five wrong passwords lock the account and the console says for how long', async () => {
  const { context, page } = await newPage(browser)
  await page.goto(`${backend.baseUrl}/review/login`)
  await page.getByTestId('username').fill('point_reviewer')
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByTestId('password').fill(`${PASSWORD}-wrong-${attempt}`)
    await page.getByTestId('login-submit').click()
    const expected = attempt < 5 ? '用户名或密码错误' : '账户已锁定'
    await page.getByTestId('error').filter({ hasText: expected }).waitFor()
  }
  assert.match(await page.getByTestId('error').textContent(), /请 30 分钟后再试/)
  await shot(page, '09-locked')

  // Even the right password is refused now.
  await page.getByTestId('password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('error').filter({ hasText: '账户已锁定' }).waitFor()
  assert.match(page.url(), /\/review\/login/)
  await context.close()
})

/** Today in the exam office's zone (`YYYY-MM-DD`), and integer fen as the console writes yuan (`1,234.50`). */
const officeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const yuan = (fen) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(fen / 100)

// Last, because it leaves data no normal flow makes: a payment only the center knows and a registration marked
// paid without a paid order.
test('a region admin reconciles today’s payments and reads the abnormal data by kind', async () => {
  // The center's statement of today lists an order we never made: a discrepancy the run cannot heal.
  const orderNo = `E2E${Date.now()}`
  backend.sql(
    `INSERT INTO sandbox_pay_orders (merchant_id, order_no, amount_fen, subject, notify_url, expire_at, status, txn_id, cashier_token, paid_at)
     VALUES ('weikao-dev', '${orderNo}', 12345, 'e2e', 'http://127.0.0.1:9/notify', now() + interval '1 hour', 'SUCCESS', 'T${orderNo}', 'C${orderNo}', now())`,
  )
  // A registration marked paid without any paid order.
  const person = newPerson('钱多多')
  const paidWithoutOrder = await submittedRegistration(backend, person)
  backend.sql(`UPDATE registrations SET status = 'paid' WHERE id = '${paidWithoutOrder}'`)

  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_admin', backend.secretOf('region_admin'))
  await page.waitForURL(/\/review\/queue/)

  // Payments: run today's reconciliation against the sandbox's statement; the result and its row appear.
  await page.getByTestId('nav-payments').click()
  await page.waitForURL(/\/review\/payments/)
  const today = officeToday()
  assert.equal(await page.getByTestId('reconcile-day').inputValue(), today)
  await page.getByTestId('reconcile-run').click()
  const result = page.getByTestId('reconcile-result')
  await result.waitFor()
  const runs = await api(page, '/api/v1/admin/payments/reconciliations')
  assert.equal(runs.status, 200)
  const run = runs.body[0]
  assert.equal(run.day, today)
  assert.equal(await result.getAttribute('data-id'), run.id)
  assert.match(run.run_by, /^staff:/)
  // the unknown order is a discrepancy, with the statement's amount
  assert.equal(run.status, 'discrepancies')
  assert.ok(run.items.some((i) => i.order_no === orderNo && i.class === 'missing_here' && i.theirs_fen === 12345))
  assert.ok(run.theirs_total_fen >= 12345)
  const state = '有差异'
  assert.ok(
    (await result.textContent()).includes(`${today} 对账完成：${state}。匹配 ${run.matched} 笔，差异 ${run.discrepancies} 笔，补记 ${run.healed} 笔；本系统 ${yuan(run.ours_total_fen)} 元，支付中心 ${yuan(run.theirs_total_fen)} 元。`),
    `the result says what the server answered: ${await result.textContent()}`,
  )
  const row = page.getByTestId('reconciliations').locator('tbody tr', { has: page.getByTestId('run-latest') })
  await waitForCount(row, 1)
  assert.equal((await row.getByTestId('run-day').textContent()).trim(), today)
  assert.equal((await row.getByTestId('run-status').textContent()).trim(), state)
  assert.equal((await row.getByTestId('run-matched').textContent()).trim(), String(run.matched))
  assert.equal((await row.getByTestId('run-discrepancies').textContent()).trim(), String(run.discrepancies))
  assert.equal((await row.getByTestId('run-ours').textContent()).trim(), yuan(run.ours_total_fen))
  assert.equal((await row.getByTestId('run-theirs').textContent()).trim(), yuan(run.theirs_total_fen))
  assert.match(await row.textContent(), /工作人员/)
  // opening the row lists the orders that differ
  await row.getByRole('button', { name: '展开当前行' }).click()
  await waitForCount(page.getByTestId('discrepancy-order'), run.items.length)
  const item = page.getByTestId('discrepancies').locator('tbody tr', { hasText: orderNo })
  assert.equal((await item.getByTestId('discrepancy-class').textContent()).trim(), '对账单中已收款，本系统查询后仍未记账')
  assert.match(await item.textContent(), /123\.45/)
  const alerts = await api(page, '/api/v1/admin/payments/alerts')
  assert.equal(alerts.status, 200)
  if (alerts.body.length === 0) await page.getByTestId('payment-alerts').getByText('没有需要处理的缴费异常').waitFor()
  else await waitForCount(page.getByTestId('alert-order'), alerts.body.length)
  await shot(page, '20-payments')
  await assertAccessible(page, 'payments')

  // Abnormal data: every kind the server reports, named and explained, with its count.
  await page.getByTestId('nav-abnormal').click()
  await page.waitForURL(/\/review\/abnormal/)
  const report = await api(page, '/api/v1/review/abnormal')
  assert.equal(report.status, 200)
  assert.equal(report.body.kinds.length, 5)
  const cards = page.getByTestId('abnormal-kind')
  await waitForCount(cards, report.body.kinds.length)
  const titles = {
    level_not_in_chain: '审核级别不在审核流程中',
    paid_without_paid_order: '已缴费但没有支付成功的订单',
    paid_order_not_applied: '订单已支付但报名未更新',
    order_stuck_open: '缴费订单长时间未结束',
    approved_unpaid_after_window: '审核通过但缴费期已过',
  }
  for (const kind of report.body.kinds) {
    const card = page.locator(`[data-testid="abnormal-kind"][data-kind="${kind.kind}"]`)
    assert.equal((await card.getByTestId('abnormal-title').textContent()).trim(), titles[kind.kind])
    assert.equal(await card.getAttribute('data-count'), String(kind.count))
    assert.equal((await card.getByTestId('abnormal-count').textContent()).trim(), `${kind.count} 条`)
    assert.ok((await card.getByTestId('abnormal-explain').textContent()).length > 20, `${kind.kind} is explained`)
    if (kind.count === 0) await card.getByTestId('abnormal-none').waitFor()
    else await waitForCount(card.getByTestId('abnormal-registration'), kind.registrations.length)
  }
  const total = report.body.kinds.reduce((n, k) => n + k.count, 0)
  assert.match(await page.getByTestId('abnormal-summary').textContent(), new RegExp(`共 ${total} 条异常报名`))
  await shot(page, '21-abnormal')
  await assertAccessible(page, 'abnormal')

  // The registration marked paid is listed under its kind and opens the registration screen.
  const kind = report.body.kinds.find((k) => k.kind === 'paid_without_paid_order')
  assert.ok(kind.count >= 1)
  const card = page.locator('[data-testid="abnormal-kind"][data-kind="paid_without_paid_order"]')
  const listed = card.getByTestId('abnormal-registrations').locator('tbody tr', { has: page.locator(`[data-id="${paidWithoutOrder}"]`) })
  assert.equal((await listed.getByTestId('abnormal-registration').textContent()).trim(), person.name)
  assert.match(await listed.textContent(), /已缴费/)
  await listed.getByTestId('abnormal-registration').click()
  await page.waitForURL(new RegExp(`/review/registrations/${paidWithoutOrder}`))
  await page.getByTestId('registration-header').getByText(person.name).waitFor()
  assert.deepEqual(errors, [])
  await context.close()
})

/** Our registration status in the vocabulary both systems share (none for a draft, or a state never compared). */
const sharedStatus = (status) =>
  ({ submitted: 'in_review', resubmitted: 'in_review', returned: 'in_review', approved: 'approved', paid: 'approved', rejected: 'rejected', withdrawn: 'withdrawn' })[status]

// After the others: it adds comparison findings to demo registrations (and counts what they left in the session).
test('a region admin loads a national export and runs the comparison; an exam-region reviewer resolves an anomaly with a note', async () => {
  // Both log in once, in their own browser (a second login of an account waits for the next TOTP step); the
  // setup reads and reveals through the API with their consoles' tokens.
  const reviewer = await newPage(browser)
  await login(reviewer.page, backend.baseUrl, 'region_reviewer', backend.secretOf('region_reviewer'))
  await reviewer.page.waitForURL(/\/review\/queue/)
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_admin', backend.secretOf('region_admin'))
  await page.waitForURL(/\/review\/queue/)

  // The health-tech session and two demo registrations of it, read through the API; their full ID numbers come
  // from the exam-region reviewer's (audited) reveal.
  const sessions = (await api(page, '/api/v1/exam-sessions?open=false')).body
  const session = sessions.find((s) => s.exam_type === 'health_tech')
  assert.ok(session, 'the demo data has a health-tech session')
  const listed = await api(page, `/api/v1/review/registrations?session_id=${session.id}&page_size=200`)
  assert.equal(listed.status, 200)
  const registrations = listed.body.items
  assert.equal(listed.body.total, registrations.length, 'one page holds the session')
  const byName = (name) => {
    const found = registrations.find((r) => r.candidate_name === name && sharedStatus(r.status))
    assert.ok(found, `the demo registration of ${name}`)
    return found
  }
  const renamed = byName('张晓燕')
  const restated = byName('赵磊')
  const reveal = async (id) => {
    const res = await apiPost(reviewer.page, `/api/v1/review/registrations/${id}/reveal-id-number`, { reason: '国网/省网比对：准备国网导出测试数据' })
    assert.equal(res.status, 200)
    return res.body.id_number
  }
  const restatedExam = (await api(page, `/api/v1/review/registrations/${restated.id}`)).body.form.exam
  const nationalOnly = newPerson('国网独有')
  const nationalName = '张小燕'
  // Rows: a name that differs for the same ID number; a status the national side has moved on (same exam details);
  // a person we do not know; and a row whose status the importer refuses.
  const restatedNational = sharedStatus(restated.status) === 'approved' ? 'rejected' : 'approved'
  const csv = [
    '身份证号,姓名,报名状态,是否缴费,报考级别,专业代码,考点代码',
    `${await reveal(renamed.id)},${nationalName},${sharedStatus(renamed.status)},${renamed.status === 'paid' ? '是' : '否'},,,`,
    `${await reveal(restated.id)},${restated.candidate_name},${restatedNational},${restated.status === 'paid' ? '是' : '否'},${restatedExam.level_code},${restatedExam.specialty_code},${restatedExam.site_code}`,
    `${nationalOnly.idNumber},${nationalOnly.name},approved,是,,,`,
    `${newPerson('x').idNumber},状态有误,pending,否,,,`,
    '',
  ].join('\n')
  const dir = mkdtempSync(join(tmpdir(), 'weikao-e2e-national-'))
  const file = join(dir, '国网导出-e2e.csv')
  writeFileSync(file, csv, 'utf8')

  try {
    await page.getByTestId('nav-comparison').click()
    await page.waitForURL(/\/review\/comparison\?session_id=/)
    await page.getByTestId('comparison-session').click()
    await page.getByRole('option', { name: session.name }).click()
    await page.waitForURL(new RegExp(`session_id=${session.id}`))
    await page.getByTestId('anomaly-counts').waitFor()
    assert.equal(await page.getByTestId('comparison-denied').count(), 0)

    // Load the export: three rows land, the fourth is refused with its row and reason.
    await page.getByTestId('national-import-file').setInputFiles(file)
    await page.getByTestId('national-import-submit').click()
    const imported = page.getByTestId('national-import-result')
    await imported.waitFor()
    assert.equal((await imported.getByTestId('national-rows-total').textContent()).trim(), '4')
    assert.equal((await imported.getByTestId('national-rows-loaded').textContent()).trim(), '3')
    assert.equal((await imported.getByTestId('national-rows-refused').textContent()).trim(), '1')
    assert.match(await imported.getByTestId('national-import-outcome').textContent(), /已导入 国网导出-e2e\.csv：共 4 行，成功 3 行，未导入 1 行。/)
    const refused = imported.getByTestId('national-import-errors').locator('tbody tr')
    await waitForCount(refused, 1)
    assert.equal((await refused.getByTestId('national-error-row').textContent()).trim(), '5')
    assert.match(await refused.textContent(), /status/)

    // Run it: what it found per kind, as the anomaly list then counts it.
    await page.getByTestId('comparison-run').click()
    const run = page.getByTestId('comparison-run-result')
    await run.waitFor()
    const list = await api(page, `/api/v1/review/comparison-anomalies?session_id=${session.id}`)
    assert.equal(list.status, 200)
    const open = Object.fromEntries(list.body.counts.map((c) => [c.kind, c.open]))
    // our approved registrations that the export lacks, and exactly one of each kind the file was made for
    const approvedHere = registrations.filter((r) => sharedStatus(r.status) === 'approved' && ![renamed.id, restated.id].includes(r.id)).length
    assert.deepEqual(open, {
      only_national: 1,
      only_provincial: approvedHere,
      identity_mismatch: 1,
      status_mismatch: 1,
      payment_mismatch: 0,
      field_difference: 0,
    })
    const found = Object.values(open).reduce((a, b) => a + b, 0)
    assert.equal(await run.getAttribute('data-found'), String(found))
    assert.match(await run.getByTestId('comparison-run-outcome').textContent(), new RegExp(`发现 ${found} 条异常，其中新出现 ${found} 条；0 条以前的异常已消失`))
    // the list (and its counts) is reloaded after the run: wait for the reloaded page before reading the counts
    await page.locator(`[data-testid="anomaly-total"][data-total="${list.body.total}"]`).waitFor()
    for (const [kind, n] of Object.entries(open)) {
      assert.equal((await run.locator(`[data-testid="run-found-count"][data-kind="${kind}"]`).textContent()).trim(), String(n), `found ${kind}`)
      assert.equal((await page.locator(`[data-testid="count-open"][data-kind="${kind}"]`).textContent()).trim(), String(n), `open ${kind}`)
    }
    const rows = page.getByTestId('anomaly-table').locator('tbody tr')
    await waitForCount(rows, list.body.items.length)
    const identityRow = rows.filter({ has: page.locator('[data-testid="anomaly-kind"][data-kind="identity_mismatch"]') })
    assert.equal((await identityRow.getByTestId('anomaly-kind').textContent()).trim(), '身份信息不一致')
    assert.equal((await identityRow.getByTestId('anomaly-provincial').textContent()).trim(), renamed.candidate_name)
    assert.equal((await identityRow.getByTestId('anomaly-national').textContent()).trim(), nationalName)
    assert.equal((await identityRow.getByTestId('anomaly-id').textContent()).trim(), renamed.id_number_masked)
    const onlyRow = rows.filter({ has: page.locator('[data-testid="anomaly-kind"][data-kind="only_national"]') })
    assert.equal((await onlyRow.getByTestId('anomaly-national').textContent()).trim(), `${nationalOnly.name}（审核通过）`)
    assert.match(await onlyRow.textContent(), /省网无报名/)
    // region administrators read; they do not resolve
    assert.equal(await page.getByTestId('anomaly-resolve').count(), 0)
    await shot(page, '22-comparison-admin')
    await assertAccessible(page, 'comparison-admin')
    assert.deepEqual(errors, [])
  } finally {
    await context.close()
    rmSync(dir, { recursive: true, force: true })
  }

  // The exam-region reviewer resolves the identity mismatch: "other" needs a note.
  const { context: rc, page: rp, errors: rerrors } = reviewer
  await rp.getByTestId('nav-comparison').click()
  await rp.waitForURL(/\/review\/comparison\?session_id=/)
  if (!rp.url().includes(`session_id=${session.id}`)) {
    await rp.getByTestId('comparison-session').click()
    await rp.getByRole('option', { name: session.name }).click()
    await rp.waitForURL(new RegExp(`session_id=${session.id}`))
  }
  const table = rp.getByTestId('anomaly-table')
  const identity = table.locator('tbody tr', { has: rp.locator('[data-testid="anomaly-kind"][data-kind="identity_mismatch"]') })
  await waitForCount(identity, 1)
  assert.equal(await rp.getByTestId('comparison-import-card').count(), 0)
  assert.equal(await rp.getByTestId('comparison-run').count(), 0)
  await identity.getByTestId('anomaly-resolve').click()
  const dialog = rp.getByTestId('resolve-dialog')
  await dialog.getByTestId('resolve-subject').filter({ hasText: `${renamed.candidate_name}（${renamed.id_number_masked}）：身份信息不一致` }).waitFor()
  await dialog.getByTestId('resolution-other').click()
  await dialog.getByTestId('resolve-submit').click()
  await dialog.getByText('选择“其他”时须填写备注说明').waitFor()
  const note = '已电话核实：考生在国网报名时姓名录入有误，待国网更正'
  await dialog.getByTestId('resolve-note').fill(note)
  // a changed note is checked again at the next submit: the message goes at once
  await dialog.getByText('选择“其他”时须填写备注说明').waitFor({ state: 'detached' })
  await shot(rp, '23-comparison-resolve')
  await assertAccessible(rp, 'comparison-resolve')
  await dialog.getByTestId('resolve-submit').click()
  await rp.locator('.el-message').getByText('已登记处理结果：其他').waitFor()
  await waitForCount(rp.locator('.el-overlay:visible'), 0)
  // the open list no longer holds it; the counts moved it to resolved
  await waitForCount(identity, 0)
  assert.equal((await rp.locator('[data-testid="count-open"][data-kind="identity_mismatch"]').textContent()).trim(), '0')
  assert.equal((await rp.locator('[data-testid="count-resolved"][data-kind="identity_mismatch"]').textContent()).trim(), '1')
  await shot(rp, '24-comparison-reviewer')
  await assertAccessible(rp, 'comparison-reviewer')

  // The server's view: resolved, with the resolution and the note.
  const settled = await api(rp, `/api/v1/review/comparison-anomalies?session_id=${session.id}&kind=identity_mismatch&state=all`)
  assert.equal(settled.status, 200)
  assert.equal(settled.body.items.length, 1)
  const [item] = settled.body.items
  assert.equal(item.registration_id, renamed.id)
  assert.equal(item.state, 'resolved')
  assert.equal(item.resolution, 'other')
  assert.equal(item.note, note)

  // The status mismatch opens the registration it concerns.
  const restatedRow = table.locator('tbody tr', { has: rp.locator('[data-testid="anomaly-kind"][data-kind="status_mismatch"]') })
  await restatedRow.getByTestId('anomaly-registration').click()
  await rp.waitForURL(new RegExp(`/review/registrations/${restated.id}$`))
  await rp.getByTestId('candidate-name').filter({ hasText: restated.candidate_name }).waitFor()
  assert.deepEqual(rerrors, [])
  await rc.close()
})

test('an institution user files a probation certificate for the demo physician, sees the re-verification, and revokes it', async () => {
  const physician = backend.candidates.find((c) => c.exam === 'physician')
  assert.ok(physician, 'seed-demo lists a physician candidate')
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'inst_h4101001', backend.secretOf('inst_h4101001'))
  // the portal is the home screen; the menu holds the portal and help only
  await page.waitForURL(/\/review\/institution/)
  assert.deepEqual(await page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.dataset.testid)), ['nav-institution', 'nav-help'])
  await page.getByTestId('filings').waitFor()

  await page.getByTestId('filing-new').click()
  const dialog = page.getByTestId('filing-dialog')
  await dialog.getByTestId('filing-form').waitFor()
  // the form's own checks first: nothing is sent without the seal
  await dialog.getByTestId('filing-submit').click()
  await dialog.getByText('证明须由法定代表人签字并加盖机构公章').waitFor()
  // the account's institution (GET /me), prefilled and locked
  const institution = dialog.getByTestId('filing-institution')
  assert.equal(await institution.inputValue(), 'H4101001')
  assert.equal(await institution.isEditable(), false)
  await dialog.getByTestId('filing-id-number').fill(physician.idNumber)
  await dialog.getByTestId('filing-name').fill(physician.name)
  await dialog.getByTestId('filing-legal').fill('王建国')
  await dialog.getByTestId('filing-category-clinical').click()
  await dialog.getByTestId('filing-started').fill('2024-07-01')
  await dialog.getByTestId('filing-ended').fill('2025-06-30')
  const certificate = `SY-E2E-${Date.now()}`
  await dialog.getByTestId('filing-certificate').fill(certificate)
  await dialog.getByTestId('filing-sealed').click()
  await assertAccessible(page, 'institution-file')
  await shot(page, '25-institution-file')
  await dialog.getByTestId('filing-submit').click()

  // filed: the person's open physician registration (submitted by the seed, untouched by the other journeys) was
  // re-verified, and the certificate is listed
  const outcome = page.getByTestId('filing-outcome')
  await outcome.filter({ hasText: '1 份报名已重新核验' }).waitFor()
  await waitForCount(page.locator('.el-overlay:visible'), 0)
  assert.equal(await outcome.getAttribute('data-kind'), 'filed')
  const row = page.getByTestId('filings').locator('tbody tr', { hasText: certificate })
  await waitForCount(row, 1)
  assert.equal((await row.getByTestId('filing-name').textContent()).trim(), physician.name)
  assert.equal((await row.getByTestId('filing-id').textContent()).trim(), `${physician.idNumber.slice(0, 6)}********${physician.idNumber.slice(-4)}`)
  assert.equal((await row.getByTestId('filing-category').textContent()).trim(), '临床')
  assert.equal((await row.getByTestId('filing-period').textContent()).trim(), '2024-07-01 至 2025-06-30')
  assert.equal((await row.getByTestId('filing-status').textContent()).trim(), '已备案')
  const filingNo = (await row.getByTestId('filing-no').textContent()).trim()
  assert.match(await outcome.textContent(), new RegExp(`已备案证明 ${filingNo}（${physician.name}）`))
  await page.getByTestId('institution-code').filter({ hasText: 'H4101001' }).waitFor()
  await shot(page, '26-institution-filed')
  await assertAccessible(page, 'institution')

  // revoke it with a reason
  await row.getByTestId('filing-revoke').click()
  const revoke = page.getByTestId('revoke-dialog')
  await revoke.getByTestId('revoke-subject').filter({ hasText: filingNo }).waitFor()
  await revoke.getByTestId('revoke-submit').click()
  await revoke.getByText('请填写撤销原因（1–500 个字符）').waitFor()
  const reason = 'e2e：证明编号登记有误，收回重新出具'
  await revoke.getByTestId('revoke-reason').fill(reason)
  await revoke.getByTestId('revoke-submit').click()
  await outcome.filter({ hasText: `已撤销证明 ${filingNo}` }).waitFor()
  assert.match(await outcome.textContent(), /1 份报名已重新核验/)
  await waitForCount(page.locator('.el-overlay:visible'), 0)
  await row.getByTestId('filing-status').filter({ hasText: '已撤销' }).waitFor()
  assert.equal(await row.getByTestId('filing-revoke').count(), 0)
  assert.match(await row.getByTestId('filing-revoke-reason').textContent(), new RegExp(reason))

  // The server's view: revoked, with the reason.
  const listed = await api(page, '/api/v1/institution/probation-filings')
  assert.equal(listed.status, 200)
  const filed = listed.body.items.find((f) => f.filing_no === filingNo)
  assert.ok(filed, 'the certificate is listed by the server')
  assert.equal(filed.status, 'revoked')
  assert.equal(filed.revoke_reason, reason)
  assert.equal(filed.institution_code, 'H4101001')
  assert.equal(filed.certificate_number, certificate)
  assert.deepEqual(errors, [])
  await context.close()
})

test('a system administrator filters the operations reports to security patrols and reads the findings', async () => {
  // A patrol run with the server's own environment writes a dated report (exit 1 only means a check failed).
  const patrol = backend.weikao(['patrol', 'security'])
  assert.ok([0, 1].includes(patrol.status), `weikao patrol security: ${patrol.status} ${patrol.stderr}`)
  const written = /report (\S+-security-patrol\.json)/.exec(patrol.stdout)?.[1]
  assert.ok(written, `the patrol wrote a report: ${patrol.stdout}`)
  const name = written.split('/').pop()

  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'sysadmin', backend.secretOf('sysadmin'))
  await page.getByTestId('nav-reports').click()
  await page.waitForURL(/\/review\/reports/)
  await page.getByTestId('reports-table').waitFor()
  await page.getByTestId('reports-kind').click()
  await page.getByRole('option', { name: '安全巡检' }).click()
  await page.waitForURL(/kind=security-patrol/)
  const open = page.locator(`[data-testid="report-open"][data-name="${name}"]`)
  await open.waitFor()
  assert.deepEqual([...new Set(await page.getByTestId('report-open').evaluateAll((els) => els.map((e) => e.dataset.kind)))], ['security-patrol'])
  await shot(page, '27-reports')
  await assertAccessible(page, 'reports')

  await open.click()
  await page.waitForURL(new RegExp(`name=${name.replace(/\./g, '\\.')}`))
  const detail = page.getByTestId('report-detail')
  const findings = detail.getByTestId('patrol-findings').locator('tbody tr')
  await findings.first().waitFor()

  // The server's view: the same findings, counts and levels (shown as words).
  const report = await api(page, `/api/v1/admin/reports/${name}`)
  assert.equal(report.status, 200)
  assert.equal(report.body.kind, 'security-patrol')
  await waitForCount(findings, report.body.report.findings.length)
  assert.equal((await detail.getByTestId('patrol-failed').textContent()).trim(), String(report.body.report.failed))
  assert.equal((await detail.getByTestId('patrol-warnings').textContent()).trim(), String(report.body.report.warnings))
  const words = { pass: '通过', warn: '警告', fail: '失败' }
  for (const finding of report.body.report.findings) {
    const shown = findings.filter({ has: page.locator(`[data-testid="finding-check"][data-check="${finding.check}"]`) })
    assert.equal(await shown.count(), 1, finding.check)
    assert.equal((await shown.getByTestId('finding-level').textContent()).trim(), words[finding.level], finding.check)
    assert.equal((await shown.getByTestId('finding-summary').textContent()).trim(), finding.summary)
  }
  const totp = findings.filter({ has: page.locator('[data-testid="finding-check"][data-check="accounts_without_totp"]') })
  assert.equal((await totp.getByTestId('finding-check').textContent()).trim(), '未启用动态码的账户')
  await shot(page, '28-report-security-patrol')
  await assertAccessible(page, 'report-security-patrol')
  assert.deepEqual(errors, [])
  await context.close()
})

test('a system administrator reads a pre-season inspection as a checklist, failures first', async () => {
  // The inspection run with the server's own environment writes a dated report (exit 1 only means an item failed).
  const inspection = backend.weikao(['inspect', 'preseason'])
  assert.ok([0, 1].includes(inspection.status), `weikao inspect preseason: ${inspection.status} ${inspection.stderr}`)
  const written = /report (\S+-preseason-inspection\.json)/.exec(inspection.stdout)?.[1]
  assert.ok(written, `the inspection wrote a report: ${inspection.stdout}`)
  const name = written.split('/').pop()

  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'sysadmin', backend.secretOf('sysadmin'))
  await page.getByTestId('nav-reports').click()
  await page.waitForURL(/\/review\/reports/)
  await page.getByTestId('reports-table').waitFor()
  await page.getByTestId('reports-kind').click()
  await page.getByRole('option', { name: '赛前巡检' }).click()
  await page.waitForURL(/kind=preseason-inspection/)
  const open = page.locator(`[data-testid="report-open"][data-name="${name}"]`)
  await open.waitFor()
  await open.click()
  await page.waitForURL(new RegExp(`name=${name.replace(/\./g, '\\.')}`))
  const detail = page.getByTestId('report-detail')
  const items = detail.getByTestId('checklist-item')
  await items.first().waitFor()

  // The server's view: the same items and counts, failures first, each result as a word.
  const report = await api(page, `/api/v1/admin/reports/${name}`)
  assert.equal(report.status, 200)
  assert.equal(report.body.kind, 'preseason-inspection')
  await waitForCount(items, report.body.report.items.length)
  assert.equal((await detail.getByTestId('checklist-failed').textContent()).trim(), String(report.body.report.failed))
  assert.equal((await detail.getByTestId('checklist-warnings').textContent()).trim(), String(report.body.report.warnings))
  const shown = await items.evaluateAll((els) => els.map((e) => [e.dataset.item, e.dataset.level]))
  const rank = { fail: 0, warn: 1, pass: 2 }
  const levels = shown.map(([, level]) => rank[level])
  assert.deepEqual(levels, [...levels].sort((a, b) => a - b), 'failures first, then warnings, then passes')
  const pairs = (list) => list.map((p) => p.join('\u0000')).sort()
  assert.deepEqual(pairs(shown), pairs(report.body.report.items.map((i) => [i.item, i.level])))
  const words = { pass: '通过', warn: '警告', fail: '失败' }
  const tags = await detail.getByTestId('checklist-level').allTextContents()
  tags.forEach((text, i) => assert.ok(text.includes(words[shown[i][1]]), `${shown[i][0]}: ${text}`))
  await shot(page, '29-report-preseason-inspection')
  await assertAccessible(page, 'report-preseason-inspection')
  assert.deepEqual(errors, [])
  await context.close()
})

test('an exam region reviewer draws a spot check of the registration point’s approvals, overturns one with a reason and confirms another', async () => {
  // Two fresh health-tech registrations approved at the registration point: they now wait at the exam site.
  // (The lockout journey left point_reviewer locked: an administrator's unlock, done in the database.)
  backend.sql(`UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE username = 'point_reviewer'`)
  const point = await staffSession(backend, 'point_reviewer')
  const ids = []
  for (const name of ['司马抽查', '上官抽查']) {
    const id = await submittedRegistration(backend, newPerson(name))
    assert.equal((await approve(point, id)).current_level, 'site')
    ids.push(id)
  }
  const [overturned, confirmed] = ids

  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_reviewer', backend.secretOf('region_reviewer'))
  const session = (await api(page, '/api/v1/exam-sessions?open=false')).body.find((s) => s.exam_type === 'health_tech')
  assert.ok(session, 'the demo data has a health-tech session')
  await page.getByTestId('nav-spotChecks').click()
  await page.waitForURL(/\/review\/spot-checks$/)
  await page.getByTestId('spot-table').waitFor()
  await assertAccessible(page, 'spot-checks')

  // The form: the session, the level (the chain but its last level; the registration point first), all of them.
  await page.getByTestId('spot-new').click()
  const form = page.getByTestId('spot-form')
  await form.getByTestId('spot-session').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: session.name }).click()
  await form.getByTestId('spot-level').filter({ hasText: '报名点' }).waitFor()
  await form.getByTestId('spot-sample-size').locator('input').fill('500')
  await shot(page, '30-spot-check-form')
  await form.getByTestId('spot-create').click()
  await page.waitForURL(/\/review\/spot-checks\/[0-9a-f-]{36}$/)
  const checkId = page.url().split('/').pop()
  const row = (id) => page.locator('[data-testid="spot-items"] tr', { has: page.locator(`[data-testid="spot-item-link"][data-id="${id}"]`) })
  await row(overturned).waitFor()
  await row(confirmed).waitFor()
  await page.getByTestId('spot-tally').waitFor()

  // Overturn: the reason rule is said before anything is sent, then the effect is explained.
  await row(overturned).getByTestId('spot-overturn').click()
  const dialog = page.getByTestId('spot-verdict-dialog')
  await dialog.getByTestId('spot-reason-hint').filter({ hasText: '4–500' }).waitFor()
  await dialog.getByTestId('spot-verdict-submit').click()
  await dialog.getByText('推翻须填写原因（4–500 个字符）').waitFor()
  const reason = '工作年限证明与报考条件不符，应由考区重新审核'
  await dialog.getByTestId('spot-reason').fill(reason)
  await shot(page, '31-spot-check-overturn')
  await assertAccessible(page, 'spot-check-verdict')
  await dialog.getByTestId('spot-verdict-submit').click()
  await row(overturned).getByTestId('spot-effect').filter({ hasText: '报名已退回考区' }).waitFor()
  assert.equal(await row(overturned).getByTestId('spot-effect').getAttribute('data-effect'), 'moved_to_region')

  // Confirm another without a reason.
  await row(confirmed).getByTestId('spot-confirm').click()
  await dialog.getByTestId('spot-verdict-submit').click()
  await row(confirmed).getByTestId('spot-item-verdict').filter({ hasText: '确认无误' }).waitFor()
  await shot(page, '32-spot-check-detail')
  await assertAccessible(page, 'spot-check')

  // Through the API: the overturned registration waits at the exam region, the confirmed one still at the site.
  const moved = await api(page, `/api/v1/review/registrations/${overturned}`)
  assert.equal(moved.body.status, 'submitted')
  assert.equal(moved.body.current_level, 'region')
  assert.equal((await api(page, `/api/v1/review/registrations/${confirmed}`)).body.current_level, 'site')
  const check = (await api(page, `/api/v1/review/spot-checks/${checkId}`)).body
  assert.ok(check.summary.overturned >= 1 && check.summary.confirmed >= 1)
  assert.equal(check.items.find((i) => i.registration_id === overturned).reason, reason)
  assert.deepEqual(errors, [])
  await context.close()
})

test('a region admin creates a site reviewer account and sees its initial password once', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_admin', backend.secretOf('region_admin'))
  const site = (await api(page, '/api/v1/orgs')).body.find((o) => o.code === '410100')
  assert.ok(site, 'the demo province has the Zhengzhou exam site')
  await page.getByTestId('nav-staff').click()
  await page.waitForURL(/\/review\/staff$/)
  await page.getByTestId('staff-row').first().waitFor()
  await assertAccessible(page, 'staff')

  const username = `e2e_site_${Date.now().toString(36)}`
  await page.getByTestId('staff-add').click()
  const dialog = page.getByTestId('staff-dialog')
  await dialog.getByTestId('staff-username').fill(username)
  await dialog.getByTestId('staff-display-name').fill('郑州考点新审核员')
  await dialog.getByTestId('staff-org').click()
  await page.keyboard.type(site.name)
  await page.locator('.el-tree-node__content:visible', { hasText: site.name }).first().click()
  await dialog.getByTestId('staff-level').filter({ hasText: '考点' }).waitFor()
  await shot(page, '33-staff-create')
  await dialog.getByTestId('staff-save').click()

  const shown = page.getByTestId('staff-password-dialog')
  const password = (await shown.getByTestId('staff-initial-password').textContent()).trim()
  assert.ok(password.length >= 8, 'an initial password is shown')
  await shown.getByTestId('staff-password-warning').filter({ hasText: '只显示这一次' }).waitFor()
  await shot(page, '34-staff-initial-password')
  await assertAccessible(page, 'staff-initial-password')
  await shown.getByTestId('staff-password-close').click()
  await shown.getByTestId('staff-initial-password').waitFor({ state: 'hidden' })
  assert.equal(await page.getByText(password).count(), 0, 'the password is not shown again')
  await page.locator(`[data-testid="staff-row"][data-username="${username}"]`).waitFor()

  const listed = (await api(page, `/api/v1/admin/staff?q=${username}`)).body
  assert.equal(listed.length, 1)
  assert.equal(listed[0].username, username)
  assert.equal(listed[0].role, 'reviewer')
  assert.equal(listed[0].review_level, 'site')
  assert.equal(listed[0].scope_org_id, site.id)
  assert.equal(listed[0].active, true)
  assert.deepEqual(errors, [])
  await context.close()
})

test('a region admin reads the exam calendar and changes a fee typed in yuan; the server keeps it in fen', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_admin', backend.secretOf('region_admin'))
  const sessions = (await api(page, '/api/v1/admin/exam-sessions')).body
  const physician = sessions.find((s) => s.exam_type === 'physician')
  assert.ok(physician, 'the demo region has a physician session')
  // the written round's payment opens months from now: no order exists, so its price may change
  assert.ok(physician.stages.some((s) => s.code === 'written'), 'the physician session has a written round')

  await page.getByTestId('nav-sessions').click()
  await page.waitForURL(/\/review\/sessions$/)
  await waitForCount(page.getByTestId('session-row'), sessions.length)
  await page.getByTestId('session-windows').first().getByText('缴费').first().waitFor()
  await shot(page, '35-sessions')
  await assertAccessible(page, 'sessions')

  await page.locator(`[data-testid="session-fees"][href*="${physician.id}"]`).click()
  await page.waitForURL(new RegExp(`/review/fees\\?session=${physician.id}`))
  const written = page.getByTestId('fees-table').locator('tbody tr', { has: page.locator('[data-testid="fee-row"][data-stage="written"][data-scope="session"]') })
  await written.getByTestId('fee-amount-cell').filter({ hasText: '300.00' }).waitFor()
  await assertAccessible(page, 'fees')

  await written.getByTestId('fee-edit').click()
  const dialog = page.getByTestId('fee-dialog')
  await dialog.getByTestId('fee-amount').fill('1.234')
  await dialog.getByTestId('fee-save').click()
  await dialog.getByText('请输入金额，例如 56.5').waitFor()
  await dialog.getByTestId('fee-amount').fill('320.5')
  await dialog.getByTestId('fee-preview').filter({ hasText: '320.50' }).waitFor()
  await shot(page, '36-fee-dialog')
  await assertAccessible(page, 'fee-dialog')
  await dialog.getByTestId('fee-save').click()
  await page.locator('.el-message').getByText('收费标准已保存').waitFor()
  await written.getByTestId('fee-amount-cell').filter({ hasText: '320.50' }).waitFor()

  // the server's state: integer fen, the other rounds untouched
  const fees = (await api(page, `/api/v1/admin/exam-sessions/${physician.id}/fees`)).body
  const row = fees.find((f) => f.stage_code === 'written' && !f.level_code && !f.specialty_code)
  assert.equal(row.amount_fen, 32050)
  assert.equal(fees.find((f) => f.stage_code === 'skills' && !f.level_code).amount_fen, 45000)
  assert.deepEqual(errors, [])
  await context.close()
})

test('a school uploads its graduating class list, fixes a wrong ID number the console points at, and sees its students as not started', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'school_hnhl', backend.secretOf('school_hnhl'))
  await page.getByTestId('nav-classList').click()
  await page.waitForURL(/\/review\/class-list\?session=/)
  const nurse = (await api(page, '/api/v1/exam-sessions?open=false')).body.find((s) => s.exam_type === 'nurse')
  assert.ok(nurse, 'the demo region has a nurse session')
  assert.equal(new URL(page.url()).searchParams.get('session'), nurse.id, 'the first nurse session is chosen')
  await page.getByTestId('class-list-columns').getByText('预计毕业时间').waitFor()

  // three fresh graduates of the session's year; the second one's ID number has a wrong check character (row 3)
  const students = [newPerson('刘晓雨'), newPerson('陈思远'), newPerson('杨佳怡')]
  const graduation = `${nurse.year}-06-30`
  const good = students[1].idNumber
  const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
  const csv = (second) =>
    [
      '身份证号,姓名,专业,学历,预计毕业时间',
      `${students[0].idNumber},${students[0].name},护理,大专,${graduation}`,
      `${second},${students[1].name},护理,大专,${graduation}`,
      `${students[2].idNumber},${students[2].name},助产,本科,${graduation}`,
      '',
    ].join('\n')

  await page.getByTestId('class-list-file').setInputFiles({ name: 'class-e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(wrong), 'utf8') })
  await page.getByTestId('class-list-submit').click()
  const refused = page.getByTestId('class-list-refused')
  await refused.waitFor()
  assert.equal(await refused.getAttribute('data-rows'), '1')
  const errorRows = refused.getByTestId('class-list-errors').locator('tbody tr')
  await waitForCount(errorRows, 1)
  assert.equal((await errorRows.getByTestId('class-error-row').textContent()).trim(), '3')
  assert.equal((await errorRows.getByTestId('class-error-column').textContent()).trim(), '身份证号')
  assert.match(await errorRows.getByTestId('class-error-message').textContent(), /校验码不符/)
  await shot(page, '37-class-list-refused')
  await assertAccessible(page, 'class-list-refused')
  // all or nothing: nobody was listed
  assert.equal((await api(page, `/api/v1/school/exam-sessions/${nurse.id}/class-list`)).body.total, 0)

  await page.getByTestId('class-list-file').setInputFiles({ name: 'class-e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(good), 'utf8') })
  await page.getByTestId('class-list-submit').click()
  const report = page.getByTestId('class-list-report')
  await report.waitFor()
  assert.equal((await report.getByTestId('report-students').textContent()).trim(), '3')
  assert.equal((await report.getByTestId('report-added').textContent()).trim(), '3')
  assert.equal(await page.getByTestId('class-list-refused').count(), 0)

  const table = page.getByTestId('class-list-table')
  await waitForCount(table.locator('tbody tr'), 3)
  await page.locator('[data-testid="status-count"][data-status="not_started"][data-count="3"]').waitFor()
  const statuses = await table.getByTestId('student-status').evaluateAll((els) => els.map((e) => [e.dataset.status, e.textContent.trim()]))
  assert.deepEqual(statuses, Array(3).fill(['not_started', '未开始']))
  const body = await table.locator('tbody').textContent()
  for (const s of students) {
    assert.ok(body.includes(s.name), `${s.name} is listed`)
    assert.ok(body.includes(`${s.idNumber.slice(0, 6)}********${s.idNumber.slice(-4)}`), 'the masked ID number is shown')
    assert.ok(!body.includes(s.idNumber), 'never the full ID number')
  }
  await table.scrollIntoViewIfNeeded()
  await shot(page, '38-class-list')
  await assertAccessible(page, 'class-list')

  // the server's view with the page's token: the three students, none registered yet
  const list = await api(page, `/api/v1/school/exam-sessions/${nurse.id}/class-list`)
  assert.equal(list.status, 200)
  assert.equal(list.body.total, 3)
  assert.deepEqual(list.body.items.map((i) => i.name), students.map((s) => s.name))
  assert.ok(list.body.items.every((i) => i.status === 'not_started' && i.registration_id === null && i.expected_graduation_on === graduation))
  assert.deepEqual(list.body.counts, [{ status: 'not_started', count: 3 }])
  assert.deepEqual(errors, [])
  await context.close()
})
