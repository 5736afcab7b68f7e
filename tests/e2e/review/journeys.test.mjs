// Browser journeys of the reviewer console against a real `weikao serve` with the demo province.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
import { accessToken, launch, login, newPage, PASSWORD, shot, waitForCount } from './browser.mjs'
import { newPerson, submittedRegistration } from './candidate.mjs'
import { documentPng } from './documents.mjs'
import { startBackend } from './server.mjs'

let backend
let browser
/** A registration of the Zhengzhou site (seen by site_reviewer), for the out-of-scope check. */
let zhengzhouId
/** The person the violations import lists; they register (through the API) after the import. */
const sanctioned = newPerson('周晓燕')

before(async () => {
  backend = await startBackend()
  browser = await launch()
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

test('a site reviewer logs in with TOTP, works the queue by keyboard and reveals an ID number with a reason', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'site_reviewer', backend.secretOf('site_reviewer'))
  await page.waitForURL(/\/review\/queue/)

  const rows = page.getByTestId('queue-row')
  await waitForCount(rows, 3)
  const names = await rows.allTextContents()
  assert.match(await page.getByTestId('who').textContent(), /郑州市考点审核员/)
  await shot(page, '01-queue-site-reviewer')

  // ↓ then Enter opens the second registration; ← goes back to the first.
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.waitForURL(/\/review\/registrations\//)
  assert.equal((await page.getByTestId('candidate-name').textContent()).trim(), names[1].trim())
  await page.keyboard.press('ArrowLeft')
  await page.getByTestId('candidate-name').filter({ hasText: names[0].trim() }).waitFor()
  zhengzhouId = page.url().split('/').pop()

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

test('a region admin sees the statistics placeholder and the whole province as an organisation tree', async () => {
  const { context, page, errors } = await newPage(browser)
  await login(page, backend.baseUrl, 'region_admin', backend.secretOf('region_admin'))
  await page.waitForURL(/\/review\/queue/)
  await page.getByTestId('nav-statistics').click()
  await page.getByTestId('statistics-pending').getByText('统计数据将随审核流程上线').waitFor()
  await page.locator('canvas').first().waitFor()
  await shot(page, '07-statistics')

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
  // the brief's laptop size: the sticky decision bar must leave the page usable at 1366×768
  const { context, page, errors } = await newPage(browser, { viewport: { width: 1366, height: 768 } })
  await login(page, backend.baseUrl, 'point_reviewer', backend.secretOf('point_reviewer'))
  await page.waitForURL(/\/review\/queue/)
  await page.getByTestId('queue-row').filter({ hasText: person.name }).click()
  await page.waitForURL(new RegExp(`/review/registrations/${id}$`))
  await page.getByTestId('candidate-name').filter({ hasText: person.name }).waitFor()

  // Materials: both listed by kind; the certificate opens as an image that rotates and zooms, ← goes to the diploma.
  const items = page.getByTestId('material')
  await waitForCount(items, 2)
  assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.kind)), ['diploma', 'work_years_certificate'])
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
  await viewer.getByTestId('viewer-position').filter({ hasText: '第 1 份，共 2 份' }).waitFor()
  assert.equal(await viewer.getAttribute('data-kind'), 'diploma')
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
