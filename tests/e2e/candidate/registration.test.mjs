// Registration journeys at a phone viewport against a real `weikao serve`: a new candidate fills the
// health-tech wizard step by step (every "next" saves on the server), uploads the materials her form requires
// (`required_materials`; submitting waits while one is missing and names it), sees the fee, submits and follows
// the progress; a nurse fresh graduate registers at an exam site without a registration point; a step the
// server refuses shows the server's error under the field; an edit made elsewhere (version conflict)
// reloads the form. The server's state is checked through the API afterwards. The nurse's submitted form opens
// as the printable registration form (申报表) with the photo she uploaded.
// Screenshots: tests/e2e/artifacts/candidate/reg-*.png.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { describe } from 'node:test'
import * as api from './api.mjs'
import { shot } from './browser.mjs'
import {
  atPath,
  cleanShot,
  enterCode,
  env,
  journey,
  loginWith,
  openPhone,
  photoJpeg,
  smallTargets,
  uploadInUi,
  useBackendAndBrowser,
} from './harness.mjs'
import { newCandidate } from './people.mjs'
import { ARTIFACTS } from './server.mjs'

useBackendAndBrowser()

/** Signs a new candidate up through the sign-up screen (privacy notice ticked in place). */
async function signUpInUi(page, c) {
  await page.goto('/signup')
  await page.fill('#signup-idNumber', c.idNumber)
  await page.fill('#signup-name', c.name)
  await page.fill('#signup-phone', c.phone)
  await enterCode(page, c.phone, 'signup', '#signup-code')
  await page.fill('#signup-password', c.password)
  await page.fill('#signup-passwordConfirm', c.password)
  await page.getByTestId('privacy-accept').click()
  await page.getByTestId('signup-submit').click()
  await page.waitForURL(atPath('/'))
}

/** Picks a choice in a ChoiceField's sheet, optionally typing into its search box first. */
async function choose(page, testid, value, search) {
  await page.getByTestId(testid).click()
  if (search !== undefined) await page.getByTestId(`${testid}-search`).locator('input').fill(search)
  await page.getByTestId(`${testid}-option-${value}`).click()
  await page.getByTestId(`${testid}-option-${value}`).waitFor({ state: 'hidden' })
}

async function fill(page, id, value) {
  await page.fill(`#${id}`, value)
  await page.locator(`#${id}`).blur()
}

const stepIs = async (page, id) => page.locator(`[data-testid="wizard-step"][data-step="${id}"]`).waitFor()
const next = (page) => page.getByTestId('wizard-next').click()

async function fillIdentity(page) {
  await fill(page, 'reg-identity-ethnicity', '汉族')
  await fill(page, 'reg-identity-address', '河南省郑州市金水区经三路 12 号')
  await fill(page, 'reg-identity-postal_code', '450000')
  await fill(page, 'reg-identity-emergency_phone', '13912345678')
}

async function fillEducation(page, enrolled, graduated) {
  await choose(page, 'reg-education-level', 'benke')
  await fill(page, 'reg-education-school', '郑州大学')
  await fill(page, 'reg-education-major', '护理学')
  await choose(page, 'reg-education-study_form', 'full_time')
  await fill(page, 'reg-education-enrolled_on', enrolled)
  await fill(page, 'reg-education-graduated_on', graduated)
  await fill(page, 'reg-education-degree', '学士')
}

/** The candidate's registration as the server has it, with the token the SPA holds. */
async function registrationFromApi(page, id) {
  const session = await api.storedSession(page)
  const res = await fetch(`${env.server.api}/api/v1/registrations/${id}`, {
    headers: { Authorization: `Bearer ${session.accessToken}` },
  })
  assert.equal(res.status, 200)
  return res.json()
}

/** The material kinds the registration's form requires now (they depend on the form: specialty, unit, ...). */
async function requiredMaterials(page, id) {
  const reg = await registrationFromApi(page, id)
  assert.ok(reg.required_materials.includes('photo'), JSON.stringify(reg.required_materials))
  return reg.required_materials
}

const registrationId = (page) => /\/registrations\/([0-9a-f-]{36})/.exec(page.url())?.[1]

describe('registration journeys', { timeout: 240_000 }, () => {
  journey('new candidate registers for the health-tech exam, sees 140.00 元 and follows the progress', async () => {
    const c = newCandidate('陈静怡')
    const { context, page, errors } = await openPhone()
    await signUpInUi(page, c)
    await page.getByTestId('my-registrations').getByText('您还没有报名').waitFor()

    await page.locator('[data-testid="open-session"][data-exam="health_tech"]').getByTestId('register-health_tech').click()
    await page.waitForURL(/\/registrations\/[0-9a-f-]{36}\/edit$/)
    const id = registrationId(page)
    await stepIs(page, 'identity')
    await shot(page, 'reg-01-identity-empty')
    // a format error is caught on blur
    await fill(page, 'reg-identity-postal_code', '4500')
    await page.getByText('邮政编码应为 6 位数字').waitFor()
    await fillIdentity(page)
    assert.equal(await page.getByText('邮政编码应为 6 位数字').count(), 0)
    await cleanShot(page, 'reg-02-identity')
    await next(page)

    await stepIs(page, 'education')
    await fillEducation(page, '2008-09-01', '2012-07-01')
    await shot(page, 'reg-03-education')
    await next(page)

    await stepIs(page, 'work')
    await fill(page, 'reg-work-unit_name_manual', '郑州大学第一附属医院')
    await fill(page, 'reg-work-current_specialty', '内科护理')
    await fill(page, 'reg-work-work_started_on', '2012-08-01')
    await fill(page, 'reg-work-title', '护师')
    await fill(page, 'reg-work-years_in_specialty', '12')
    await shot(page, 'reg-04-work')
    await next(page)

    // the draft lives on the server: a reload comes back to this step with what was saved
    await stepIs(page, 'exam')
    await page.reload()
    await stepIs(page, 'exam')
    await page.getByTestId('wizard-back').click()
    await stepIs(page, 'work')
    assert.equal(await page.inputValue('#reg-work-unit_name_manual'), '郑州大学第一附属医院')
    await next(page)

    await stepIs(page, 'exam')
    await choose(page, 'reg-exam-level_code', 'intermediate')
    await choose(page, 'reg-exam-specialty_code', '368', '368')
    assert.equal(await page.inputValue('#reg-exam-specialty_code'), '368 内科护理（主管护师）')
    await page.getByTestId('subject-basic').click()
    await page.getByTestId('live-fee').getByText('1 科 × 70.00 元 = 70.00 元').waitFor()
    await page.getByTestId('subject-practice').click()
    await page.getByTestId('live-fee').getByText('2 科 × 70.00 元 = 140.00 元').waitFor()
    await shot(page, 'reg-05-exam-subjects-fee')
    await next(page)

    await stepIs(page, 'place')
    await choose(page, 'reg-place-site_code', '410100', '郑州')
    await choose(page, 'reg-place-point_code', '41010501')
    assert.equal(await page.inputValue('#reg-place-point_code'), '金水区卫生健康委员会报名点')
    await shot(page, 'reg-06-place')
    await next(page)

    // materials: every kind the form requires (the registration view's required_materials) but the integrity
    // pledge, kept back to see that submitting waits for it. The photo chosen from the album, uploaded with its
    // progress, then listed as uploaded; the documents as PDFs.
    await stepIs(page, 'materials')
    const required = await requiredMaterials(page, id)
    assert.ok(required.includes('integrity_pledge'), JSON.stringify(required))
    const photoFile = await photoJpeg(page)
    const photo = page.getByTestId('material-photo')
    await photo.waitFor()
    await photo.getByTestId('material-choose').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photoFile })
    await photo.getByTestId('material-file').waitFor()
    assert.match(await photo.getByTestId('material-status').innerText(), /已上传/)
    const first = required.filter((k) => k !== 'photo' && k !== 'integrity_pledge')
    await uploadInUi(page, first, photoFile)
    await shot(page, 'reg-06b-materials')
    const session = await api.storedSession(page)
    const stored = await api.getOk(env.server, `/api/v1/registrations/${id}/materials`, session.accessToken)
    assert.deepEqual(
      stored.map((m) => m.kind).sort(),
      ['photo', ...first].sort(),
      'the server holds the uploaded materials',
    )
    await next(page)

    // confirm: the missing pledge is named as a link to the materials step, and submitting waits for it
    await stepIs(page, 'confirm')
    const missing = page.getByTestId('problem-materials.integrity_pledge')
    await missing.waitFor()
    assert.equal(await missing.innerText(), '上传材料 · 诚信承诺书：还没有上传，请上传后再提交')
    assert.equal(await page.getByTestId('complete').count(), 0)
    assert.equal(await page.getByTestId('wizard-submit').isDisabled(), true)
    assert.equal(await page.getByTestId('submit-blocked').innerText(), '还有材料未上传，暂时不能提交：诚信承诺书。请先在“上传材料”步骤上传。')
    assert.equal(await page.locator('[data-testid="materials-summary"]').getAttribute('data-state'), 'missing')
    await cleanShot(page, 'reg-06c-confirm-material-missing')
    assert.equal((await registrationFromApi(page, id)).status, 'draft')
    await missing.click()
    await stepIs(page, 'materials')
    await uploadInUi(page, ['integrity_pledge'], photoFile)
    await next(page)

    await stepIs(page, 'confirm')
    await page.getByTestId('complete').waitFor()
    assert.equal(await page.getByTestId('submit-blocked').count(), 0)
    assert.equal(await page.getByTestId('wizard-submit').isDisabled(), false)
    assert.equal(await page.locator('[data-testid="materials-summary"]').getAttribute('data-state'), 'complete')
    assert.equal(await page.getByTestId('fee-total').innerText(), '140.00 元')
    assert.match(await page.getByTestId('fee-breakdown').innerText(), /按科目收费（70\.00 元 × 2）/)
    await page.getByTestId('materials-summary').waitFor()
    assert.match(await page.getByTestId('summary').innerText(), /基础知识、专业实践能力/)
    await shot(page, 'reg-07-confirm')
    await page.getByTestId('wizard-submit').click()

    await page.waitForURL(atPath(`/registrations/${id}`))
    await page.getByTestId('progress').waitFor()
    assert.equal(await page.getByTestId('status-tag').innerText(), '已提交')
    assert.equal(await page.getByTestId('waiting').innerText(), '等待报名点审核')
    assert.equal(await page.getByTestId('waiting-where').innerText(), '报名点：金水区卫生健康委员会报名点')
    const actions = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.dataset.action))
    assert.deepEqual(actions, ['create', 'submit'])
    assert.equal(await page.getByTestId('fee-total').innerText(), '140.00 元')
    await cleanShot(page, 'reg-08-progress')

    // the server agrees
    const reg = await registrationFromApi(page, id)
    assert.equal(reg.status, 'submitted')
    assert.equal(reg.current_level, 'point')
    assert.equal(reg.fee.total_fen, 14000)
    assert.deepEqual(reg.form.exam.subject_codes, ['basic', 'practice'])
    assert.equal(reg.form.exam.point_code, '41010501')
    assert.equal(reg.form.work.unit_name_manual, '郑州大学第一附属医院')

    // home lists it with the next thing to happen
    await page.goto('/')
    const card = page.getByTestId('my-registration')
    await card.waitFor()
    assert.match(await card.innerText(), /已提交/)
    assert.match(await card.getByTestId('next-step').innerText(), /等待报名点审核/)
    // the session already registered for now opens that registration instead of starting another
    assert.equal(await page.getByTestId('register-health_tech').innerText(), '查看我的报名')
    await shot(page, 'reg-09-home-with-registration')
    assert.deepEqual(errors, [])
    await context.close()
  })

  journey('a nurse fresh graduate registers at an exam site (no registration point) and waits for the site', async () => {
    const c = newCandidate('赵雨萱')
    await api.signupViaApi(env.server, c)
    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    await loginWith(page, c.phone, c.password)
    await page.waitForURL(atPath('/'))
    await page.getByTestId('register-nurse').click()
    await page.waitForURL(/\/edit$/)
    const id = registrationId(page)
    await stepIs(page, 'identity')
    await fillIdentity(page)
    await next(page)

    // asked first: a fresh graduate's graduation may lie ahead and needs no work unit
    await stepIs(page, 'nurse')
    await page.getByTestId('reg-nurse-fresh_graduate-yes').click()
    await fill(page, 'reg-nurse-school', '河南护理职业学院')
    await fill(page, 'reg-nurse-expected_graduation_on', '2027-06-30')
    await fill(page, 'reg-nurse-internship_months', '10')
    await cleanShot(page, 'reg-12-nurse')
    await next(page)

    await stepIs(page, 'education')
    await choose(page, 'reg-education-level', 'dazhuan')
    await fill(page, 'reg-education-school', '河南护理职业学院')
    await fill(page, 'reg-education-major', '护理')
    await choose(page, 'reg-education-study_form', 'full_time')
    await fill(page, 'reg-education-enrolled_on', '2024-09-01')
    await fill(page, 'reg-education-graduated_on', '2027-06-30')
    await next(page)
    await stepIs(page, 'work')
    await next(page)

    await stepIs(page, 'place')
    await choose(page, 'reg-place-site_code', '410300', '洛阳')
    assert.equal(await page.getByTestId('reg-place-point_code').count(), 0)
    await page.getByText('本考试由考点直接审核，无需选择报名点').waitFor()
    await next(page)

    // every material her form requires, from the album: the photo and the documents (PDF)
    await stepIs(page, 'materials')
    const required = await requiredMaterials(page, id)
    await uploadInUi(page, required, await photoJpeg(page))
    await next(page)

    await stepIs(page, 'confirm')
    await page.getByTestId('complete').waitFor()
    assert.equal(await page.getByTestId('fee-total').innerText(), '120.00 元')
    await cleanShot(page, 'reg-13-nurse-confirm')
    await page.getByTestId('wizard-submit').click()
    await page.waitForURL(atPath(`/registrations/${id}`))
    assert.equal(await page.getByTestId('waiting').innerText(), '等待考点审核')
    assert.equal(await page.getByTestId('waiting-where').innerText(), '考点：洛阳市考点')
    const reg = await registrationFromApi(page, id)
    assert.equal(reg.status, 'submitted')
    assert.equal(reg.current_level, 'site')
    assert.equal(reg.form.nurse.fresh_graduate, true)
    assert.equal(reg.form.exam.point_code, undefined)

    // the printable registration form: who, which exam, the photo; a print button that stays off paper
    await page.getByTestId('print-form-entry').click()
    await page.waitForURL(atPath(`/registrations/${id}/form`))
    await page.getByTestId('reg-form').waitFor()
    assert.equal(await page.getByTestId('reg-form-identity.name').locator('dd').innerText(), c.name)
    assert.equal(await page.getByTestId('reg-form-identity.id_number').locator('dd').innerText(), c.idMasked)
    assert.equal(await page.getByTestId('reg-form-session').locator('dd').innerText(), reg.session_name)
    assert.match(reg.session_name, /护士执业资格考试/)
    assert.equal(await page.getByTestId('reg-form-exam.site_code').locator('dd').innerText(), '洛阳市考点')
    assert.equal(await page.getByTestId('reg-form-nurse.school').locator('dd').innerText(), '河南护理职业学院')
    await page.waitForFunction(() => document.querySelector('[data-testid="reg-form-photo"]')?.naturalWidth > 0)
    assert.equal(await page.getByTestId('reg-form-print').isVisible(), true)
    assert.deepEqual(await smallTargets(page), [])
    await cleanShot(page, 'reg-14-nurse-form')
    await page.emulateMedia({ media: 'print' })
    assert.equal(await page.locator('.van-nav-bar').isVisible(), false)
    assert.equal(await page.getByTestId('reg-form-print').isVisible(), false)
    assert.equal(await page.getByTestId('reg-form-photo').isVisible(), true)
    // on paper: A4 inside its 15 mm margins is 180 × 267 mm, about 680 × 1009 CSS pixels
    await page.setViewportSize({ width: 680, height: 1009 })
    await shot(page, 'reg-15-nurse-form-print')
    // on A4 (the page's own @page size) it fits one sheet; the PDF is kept beside the screenshots
    const pdf = await page.pdf({ path: join(ARTIFACTS, 'reg-16-nurse-form.pdf'), preferCSSPageSize: true })
    assert.equal(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length, 1)
    await page.emulateMedia({ media: 'screen' })
    assert.deepEqual(errors, [])
    await context.close()
  })

  journey('a step the server refuses shows its error under the field; an edit elsewhere reloads the form', async () => {
    const c = newCandidate('刘洋')
    await api.signupViaApi(env.server, c)
    const { context, page, errors } = await openPhone()
    await page.goto('/login')
    await loginWith(page, c.phone, c.password)
    await page.waitForURL(atPath('/'))
    await page.getByTestId('register-health_tech').click()
    await page.waitForURL(/\/edit$/)
    const id = registrationId(page)
    await stepIs(page, 'identity')
    await fillIdentity(page)
    await next(page)

    // graduation before enrolment: the server's 422 lands under 毕业时间, nothing is saved, the step stays
    await stepIs(page, 'education')
    await fillEducation(page, '2015-09-01', '2012-07-01')
    await next(page)
    const graduated = page.locator('.van-cell', { has: page.locator('#reg-education-graduated_on') })
    await graduated.getByText('结束日期应晚于开始日期').waitFor()
    await stepIs(page, 'education')
    await shot(page, 'reg-10-education-server-error')
    assert.equal((await registrationFromApi(page, id)).form.education, undefined)

    // fixed, it saves
    await fill(page, 'reg-education-graduated_on', '2019-07-01')
    await next(page)
    await stepIs(page, 'work')
    const saved = await registrationFromApi(page, id)
    assert.equal(saved.form.education.graduated_on, '2019-07-01')

    // the same form changed on another device: the next save is refused, the form reloads and says so
    const session = await api.storedSession(page)
    const other = await fetch(`${env.server.api}/api/v1/registrations/${id}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: saved.version, form: { work: { unit_name_manual: '河南省人民医院' } } }),
    })
    assert.equal(other.status, 200)
    await fill(page, 'reg-work-unit_name_manual', '郑州市中心医院')
    await next(page)
    await page.locator('[data-testid="wizard-notice"][data-kind="version_conflict"]').waitFor()
    assert.match(await page.getByTestId('wizard-notice').innerText(), /已在其他页面或设备上修改过/)
    assert.equal(await page.inputValue('#reg-work-unit_name_manual'), '河南省人民医院')
    await stepIs(page, 'work')
    await shot(page, 'reg-11-version-conflict')
    // and the next save goes through with the reloaded version
    await fill(page, 'reg-work-work_started_on', '2019-08-01')
    await next(page)
    await stepIs(page, 'exam')
    assert.equal((await registrationFromApi(page, id)).form.work.work_started_on, '2019-08-01')
    assert.deepEqual(errors, [])
    await context.close()
  })
})
