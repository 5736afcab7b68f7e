// The printable registration form (申报表): which sections and fields go on paper per exam, worded as the
// confirm step's summary; the page with the candidate's photo (or the box for one), the print button, and
// its entry on the progress page once the form is submitted.
import { describe, expect, it, vi } from 'vitest'
import type { CandidateProfile, MaterialView } from '@/api/types'
import { createAppI18n } from '@/i18n'
import { isPrintable, photoOf, printableSections, type PrintSection } from '@/views/registration/printable'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import RegistrationFormView from '@/views/registration/RegistrationFormView.vue'
import { healthTechSession, nurseSession, physicianSession, registration } from './fixtures/registration'
import { json, mountView, problem } from './helpers'

const i18n = createAppI18n('zh-CN')
const t = (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {})

const profile: CandidateProfile = {
  id: 'c1',
  name: '陈静怡',
  id_type: 'resident_id',
  id_number_masked: '410105********1234',
  sex: 'female',
  birth_date: '1990-05-01',
  phone_masked: '139****5678',
  email_masked: null,
}

const healthTechForm = {
  identity: { ethnicity: '汉族', address: '郑州市金水区经三路 12 号', postal_code: '450000' },
  education: { level: 'benke', school: '郑州大学', major: '护理学', study_form: 'full_time', study_years: 4 },
  work: { unit_name_manual: '郑州大学第一附属医院', title: '护师', years_in_specialty: 12 },
  exam: { level_code: 'intermediate', specialty_code: '368', subject_codes: ['basic', 'practice'], site_code: '410100', point_code: '41010501' },
}

const ids = (sections: PrintSection[]) => sections.map((s) => s.id)
const rowsOf = (sections: PrintSection[], id: string) =>
  Object.fromEntries((sections.find((s) => s.id === id)?.rows ?? []).map((r) => [r.key, r.value]))
const labelsOf = (sections: PrintSection[], id: string) => (sections.find((s) => s.id === id)?.rows ?? []).map((r) => r.label)

describe('printable sections', () => {
  it('health-tech: identity (account first, ID as the server masked it), education, work, exam choice with site and point', () => {
    const sections = printableSections({ examType: 'health_tech', form: healthTechForm, session: healthTechSession, profile }, t)
    expect(ids(sections)).toEqual(['identity', 'education', 'work', 'exam'])
    const identity = rowsOf(sections, 'identity')
    expect(labelsOf(sections, 'identity').slice(0, 6)).toEqual(['姓名', '性别', '出生日期', '证件类型', '证件号码', '手机号'])
    expect(identity['identity.name']).toBe('陈静怡')
    expect(identity['identity.sex']).toBe('女')
    expect(identity['identity.id_type']).toBe('居民身份证')
    expect(identity['identity.id_number']).toBe('410105********1234')
    expect(identity['identity.ethnicity']).toBe('汉族')
    expect(identity['identity.email']).toBe('未填写')
    expect(rowsOf(sections, 'education')['education.level']).toBe('本科')
    expect(rowsOf(sections, 'education')['education.study_form']).toBe('全日制')
    expect(rowsOf(sections, 'education')['education.study_years']).toBe('4')
    const exam = rowsOf(sections, 'exam')
    expect(labelsOf(sections, 'exam')).toEqual(['报考级别', '报考专业', '报考科目', '档案号', '考点', '报名点'])
    expect(exam['exam.level_code']).toBe('中级')
    expect(exam['exam.specialty_code']).toBe('368 内科护理（主管护师）')
    expect(exam['exam.subject_codes']).toBe('基础知识、专业实践能力')
    expect(exam['exam.point_code']).toBe('金水区卫生健康委员会报名点')
  })

  it('physician: the category and level, then the route fields of the chosen route only', () => {
    const form = { exam: { category_code: 'clinical', level_code: 'practising' }, physician: { route: 'apprenticeship', apprenticeship_certificate_number: 'SC-001' } }
    const sections = printableSections({ examType: 'physician', form, session: physicianSession, profile }, t)
    expect(ids(sections)).toEqual(['identity', 'education', 'work', 'exam', 'physician'])
    expect(rowsOf(sections, 'exam')['exam.category_code']).toBe('临床')
    const physician = rowsOf(sections, 'physician')
    expect(physician['physician.route']).toBe('师承')
    expect(physician['physician.apprenticeship_certificate_number']).toBe('SC-001')
    expect(physician['physician.probation_started_on']).toBeUndefined()
    expect(physician['physician.expertise_certificate_number']).toBeUndefined()
  })

  it('nurse: the site without a point (the chain starts at the site), and a fresh graduate’s school', () => {
    const form = { exam: { site_code: '410300' }, nurse: { fresh_graduate: true, school: '河南护理职业学院', internship_months: 10 } }
    const sections = printableSections({ examType: 'nurse', form, session: nurseSession, profile }, t)
    expect(ids(sections)).toEqual(['identity', 'education', 'work', 'exam', 'nurse'])
    expect(labelsOf(sections, 'exam')).toEqual(['考点'])
    expect(rowsOf(sections, 'nurse')).toEqual({
      'nurse.fresh_graduate': '是',
      'nurse.school': '河南护理职业学院',
      'nurse.expected_graduation_on': '未填写',
      'nurse.internship_months': '10',
    })
    const notFresh = printableSections({ examType: 'nurse', form: { nurse: { fresh_graduate: false } }, session: nurseSession, profile }, t)
    expect(Object.keys(rowsOf(notFresh, 'nurse'))).toEqual(['nurse.fresh_graduate', 'nurse.internship_months'])
  })

  it('prints nothing for an exam it does not know, and only submitted forms', () => {
    expect(printableSections({ examType: 'dentist', form: {}, session: healthTechSession, profile }, t)).toEqual([])
    expect(isPrintable('draft')).toBe(false)
    for (const s of ['submitted', 'under_review', 'returned', 'approved', 'paid']) expect(isPrintable(s)).toBe(true)
  })

  it('finds the photo among the materials, not a rejected one', () => {
    const m = (id: string, kind: string, status = 'uploaded') => ({ id, kind, status }) as MaterialView
    expect(photoOf([m('1', 'diploma'), m('2', 'photo')])?.id).toBe('2')
    expect(photoOf([m('1', 'photo', 'rejected')])).toBeUndefined()
    expect(photoOf([])).toBeUndefined()
  })
})

const submitted = registration({
  status: 'submitted',
  current_level: 'point',
  form: healthTechForm,
  submitted_at: '2026-11-25T03:04:00Z',
  fee: { stage_code: 'main', total_fen: 14000, lines: [{ description_key: 'fee_per_subject', quantity: 2, unit_fen: 7000, total_fen: 14000 }] },
})
const photo = { id: 'm-photo', kind: 'photo', content_type: 'image/jpeg', size_bytes: 20000, sha256: 'ab', status: 'uploaded', uploaded_at: '2026-11-25T02:30:00Z' }
const formScript = (materials: unknown[] = [photo]) => ({
  'GET /api/v1/registrations/reg-1': json(200, submitted),
  'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
  'GET /api/v1/me': json(200, { kind: 'candidate', candidate: profile }),
  'GET /api/v1/registrations/reg-1/materials': json(200, materials),
  'POST /api/v1/materials/m-photo/link': json(200, { url: 'http://test/api/v1/material-files/tok', expires_at: '2026-11-25T03:10:00Z' }),
})
const signedIn = { signedIn: true }

describe('RegistrationFormView', () => {
  it('shows the exam, number, status, the form by section, the fee, the photo and a signature line; prints', async () => {
    const { wrapper, calls } = await mountView(RegistrationFormView, '/registrations/reg-1/form', formScript(), signedIn)
    const text = (testid: string) => wrapper.find(`[data-testid="${testid}"]`).text()
    expect(wrapper.find('#reg-form-heading').text()).toBe('考试报名申报表')
    expect(text('reg-form-session')).toContain('2027年度卫生专业技术资格考试（河南考区）')
    expect(text('reg-form-number')).toContain('reg-1')
    expect(text('reg-form-status')).toContain('已提交')
    expect(text('reg-form-submitted-at')).toContain('2026-11-25 11:04')
    expect(text('reg-form-identity.name')).toContain('陈静怡')
    expect(text('reg-form-identity.id_number')).toContain('410105********1234')
    expect(wrapper.findAll('.wk-form__title').map((h) => h.text())).toEqual(['个人信息', '学历信息', '工作信息', '报考信息', '报名费'])
    expect(text('reg-form-fee-total')).toContain('140.00 元')
    expect(text('reg-form-fee-line-0')).toContain('按科目收费')
    const img = wrapper.find('[data-testid="reg-form-photo"]')
    expect(img.attributes('src')).toBe('http://test/api/v1/material-files/tok')
    expect(img.attributes('alt')).toBe('考生本人证件照')
    expect(wrapper.text()).toContain('考生签名：')
    expect(text('reg-form-printed-at')).toMatch(/^打印时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    expect(calls.find((c) => c.path === '/api/v1/materials/m-photo/link')?.method).toBe('POST')

    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined)
    const button = wrapper.find('[data-testid="reg-form-print"]')
    expect(button.text()).toBe('打印')
    expect(button.element.closest('.wk-no-print')).not.toBeNull()
    await button.trigger('click')
    expect(print).toHaveBeenCalledOnce()
    wrapper.unmount()
  })

  it('without a photo (or when it cannot be read) leaves a box marked 照片', async () => {
    for (const script of [formScript([]), { ...formScript(), 'POST /api/v1/materials/m-photo/link': problem(503, 'storage_unavailable') }]) {
      const { wrapper } = await mountView(RegistrationFormView, '/registrations/reg-1/form', script, signedIn)
      expect(wrapper.find('[data-testid="reg-form-photo"]').exists()).toBe(false)
      expect(wrapper.find('[data-testid="reg-form-photo-box"]').text()).toBe('照片')
      expect(wrapper.find('[data-testid="reg-form-print"]').exists()).toBe(true)
      wrapper.unmount()
    }
  })

  it('a draft is not printed', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationFormView,
      '/registrations/reg-1/form',
      { 'GET /api/v1/registrations/reg-1': json(200, registration()) },
      signedIn,
    )
    expect(wrapper.find('[data-testid="reg-form-draft"]').text()).toBe('报名表提交后才能打印申报表。')
    expect(wrapper.find('[data-testid="reg-form"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="reg-form-print"]').exists()).toBe(false)
    expect(calls.map((c) => c.path)).toEqual(['/api/v1/registrations/reg-1'])
    wrapper.unmount()
  })

  it('the progress page offers it once the form is submitted', async () => {
    const detail = (reg: unknown) => mountView(RegistrationDetailView, '/registrations/reg-1', { 'GET /api/v1/registrations/reg-1': json(200, reg) }, signedIn)
    const draft = await detail(registration())
    expect(draft.wrapper.find('[data-testid="print-form-entry"]').exists()).toBe(false)
    draft.wrapper.unmount()
    const { wrapper } = await detail(submitted)
    const entry = wrapper.find('[data-testid="print-form-entry"]')
    expect(entry.text()).toBe('查看并打印报名申报表')
    wrapper.unmount()
  })
})
