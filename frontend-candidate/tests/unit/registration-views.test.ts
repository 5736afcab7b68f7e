// The registration screens inside the real app plumbing (router, i18n, Pinia, API client) with the network
// scripted: the health-tech exam step (searchable specialty, subjects, live fee), a server error under its
// field, the confirm step's links to what is missing (fields and required materials without a file: submit
// waits for both, the server's `material_missing` is said in words), and the progress page.
import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createAppI18n } from '@/i18n'
import { stepsFor } from '@/registration/steps'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import RegistrationWizardView from '@/views/registration/RegistrationWizardView.vue'
import ProblemsList from '@/views/registration/steps/ProblemsList.vue'
import type { MaterialView } from '@/api/types'
import { healthTechSession, material, registration } from './fixtures/registration'
import { json, mountView, problem, type Call, type Reply } from './helpers'

const atStep = (step: string) => ({ sessionStorage: { 'weikao.candidate.wizard-step': JSON.stringify({ 'reg-1': step }) } })
const signedIn = { signedIn: true }
const inBody = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

// jsdom does not scroll
beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined)
})

const saves = (calls: Call[]) => calls.filter((c) => c.method === 'PATCH').map((c) => c.body)

describe('registration wizard', () => {
  it('health-tech exam step: search the specialty by code, tick subjects, see the fee live, save the section', async () => {
    const saved = registration({
      version: 5,
      form: { exam: { level_code: 'intermediate', specialty_code: '368', subject_codes: ['basic', 'practice'] } },
      fee: { stage_code: 'main', total_fen: 14000, lines: [{ description_key: 'fee_per_subject', quantity: 2, unit_fen: 7000, total_fen: 14000 }] },
    })
    const { wrapper, calls } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      {
        'GET /api/v1/registrations/reg-1': json(200, registration({ version: 4 })),
        'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
        'PATCH /api/v1/registrations/reg-1': json(200, saved),
      },
      { ...signedIn, ...atStep('exam') },
    )
    expect(wrapper.find('[data-testid="wizard-step"]').text()).toBe('报考信息')
    expect(wrapper.find('[data-testid="live-fee"]').text()).toBe('选择科目后显示费用')

    await wrapper.find('[data-testid="reg-exam-specialty_code"]').trigger('click')
    await flushPromises()
    const search = inBody('reg-exam-specialty_code-search')?.querySelector('input')
    search!.value = '36'
    search!.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(inBody('reg-exam-specialty_code-option-368')).not.toBeNull()
    expect(inBody('reg-exam-specialty_code-option-203')).toBeNull()
    search!.value = '内科'
    search!.dispatchEvent(new Event('input'))
    await flushPromises()
    expect(inBody('reg-exam-specialty_code-option-301')).toBeNull()
    inBody('reg-exam-specialty_code-option-368')!.click()
    await flushPromises()
    // choosing the specialty sets its level
    expect((wrapper.find('#reg-exam-level_code').element as HTMLTextAreaElement).value).toBe('中级')

    await wrapper.find('[data-testid="subject-basic"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="live-fee"]').text()).toBe('1 科 × 70.00 元 = 70.00 元')
    await wrapper.find('[data-testid="subject-practice"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="live-fee"]').text()).toBe('2 科 × 70.00 元 = 140.00 元')

    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(saves(calls)).toEqual([
      { version: 4, form: { exam: { level_code: 'intermediate', specialty_code: '368', subject_codes: ['basic', 'practice'] } } },
    ])
    expect(wrapper.find('[data-testid="wizard-step"]').text()).toBe('考点和报名点')
    wrapper.unmount()
  })

  it('shows the server field error of a step under its field', async () => {
    const { wrapper } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      {
        'GET /api/v1/registrations/reg-1': json(200, registration({ form: { education: { enrolled_on: '2015-09-01' } } })),
        'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
        'PATCH /api/v1/registrations/reg-1': problem(422, 'validation_failed', { errors: { 'education.graduated_on': ['dates_out_of_order'] } }),
      },
      { ...signedIn, ...atStep('education') },
    )
    const graduated = wrapper.find('#reg-education-graduated_on')
    await graduated.setValue('2012-07-01')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const cell = graduated.element.closest('.van-cell')
    expect(cell?.textContent).toContain('结束日期应晚于开始日期')
    expect(wrapper.find('[data-testid="wizard-step"]').text()).toBe('学历信息')
    wrapper.unmount()
  })

  it('confirm: lists what is missing as links to the field, and submit waits until complete', async () => {
    const { wrapper } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      {
        'GET /api/v1/registrations/reg-1': json(
          200,
          registration({ completeness: { complete: false, errors: { 'education.school': ['required'], 'exam.site_code': ['required'] } } }),
        ),
        'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
        'GET /api/v1/registrations/reg-1/materials': json(200, [material('photo')]),
      },
      { ...signedIn, ...atStep('confirm') },
    )
    const problems = wrapper.find('[data-testid="problems"]').text()
    expect(problems).toContain('学历信息 · 毕业学校：此项为必填项')
    expect(problems).toContain('报考信息 · 考点：此项为必填项')
    // each required kind with its upload status in words; what is missing is said before submitting
    const materials = wrapper.find('[data-testid="required-materials"]')
    expect(materials.find('[data-testid="materials-summary"]').text()).toBe('还有 1 项材料未上传，请在“上传材料”步骤上传后再提交。')
    expect(materials.find('[data-testid="material-row-photo"]').text()).toBe('本人证件照已上传')
    expect(materials.find('[data-testid="material-row-diploma"]').text()).toBe('毕业证书未上传')
    expect(materials.text()).not.toContain('即将开放')
    expect(materials.find('input').exists()).toBe(false)
    expect(wrapper.find('[data-testid="wizard-submit"]').attributes('disabled')).toBeDefined()

    await wrapper.find('[data-testid="problem-education.school"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="wizard-step"]').text()).toBe('学历信息')
    expect(wrapper.find('#reg-education-school').element.closest('.van-cell')?.textContent).toContain('此项为必填项')
    wrapper.unmount()
  })

  it('opens the progress page for a form that is no longer a draft', async () => {
    const { router } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      {
        'GET /api/v1/registrations/reg-1': json(200, registration({ status: 'submitted', current_level: 'point' })),
        'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
      },
      signedIn,
    )
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('registration')
  })
})

describe('confirm step: required materials before submitting', () => {
  const complete = registration({
    version: 6,
    completeness: { complete: true, errors: {} },
    required_materials: ['photo', 'diploma', 'integrity_pledge'],
  })
  // a function: the wizard and the materials step each read the list (a Response body is read once)
  const confirmScript = (materials: MaterialView[], over: Record<string, Reply | Reply[]> = {}) => ({
    'GET /api/v1/registrations/reg-1': json(200, complete),
    'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
    'GET /api/v1/registrations/reg-1/materials': () => json(200, materials),
    ...over,
  })

  it('lists each missing material by name as a link to the materials step; submit is disabled with the reason', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      confirmScript([material('photo')]),
      { ...signedIn, ...atStep('confirm') },
    )
    const problems = wrapper.find('[data-testid="problems"]')
    expect(problems.find('[data-testid="complete"]').exists()).toBe(false)
    const diploma = problems.find('[data-testid="problem-materials.diploma"]')
    expect(diploma.element.tagName).toBe('BUTTON')
    expect(diploma.text()).toBe('上传材料 · 毕业证书：还没有上传，请上传后再提交')
    expect(problems.find('[data-testid="problem-materials.integrity_pledge"]').text()).toBe('上传材料 · 诚信承诺书：还没有上传，请上传后再提交')
    expect(problems.find('[data-testid="problem-materials.photo"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="materials-summary"]').text()).toBe('还有 2 项材料未上传，请在“上传材料”步骤上传后再提交。')

    const submit = wrapper.find('[data-testid="wizard-submit"]')
    expect(submit.attributes('disabled')).toBeDefined()
    const reason = wrapper.find('[data-testid="submit-blocked"]')
    expect(reason.text()).toBe('还有材料未上传，暂时不能提交：毕业证书、诚信承诺书。请先在“上传材料”步骤上传。')
    expect(submit.attributes('aria-describedby')).toBe(reason.attributes('id'))
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toEqual([])

    // the link leads to the materials step, where the missing kinds can be uploaded
    await diploma.trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="wizard-step"]').text()).toBe('上传材料')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="material-diploma"]').attributes('data-status')).toBe('missing'))
    wrapper.unmount()
  })

  it('every required material has a file (a rejected one would not count): submit is enabled and sends', async () => {
    const { wrapper, calls, router } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      confirmScript([material('photo'), material('diploma', { status: 'accepted' }), material('integrity_pledge')], {
        'POST /api/v1/registrations/reg-1/submit': json(200, { ...complete, status: 'submitted', current_level: 'point', version: 7 }),
      }),
      { ...signedIn, ...atStep('confirm') },
    )
    expect(wrapper.find('[data-testid="complete"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="submit-blocked"]').exists()).toBe(false)
    const submit = wrapper.find('[data-testid="wizard-submit"]')
    expect(submit.attributes('disabled')).toBeUndefined()
    expect(submit.attributes('aria-describedby')).toBeUndefined()
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ version: 6 }])
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/registrations/reg-1'))
    wrapper.unmount()

    const rejected = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      confirmScript([material('photo'), material('diploma', { status: 'rejected' }), material('integrity_pledge')]),
      { ...signedIn, ...atStep('confirm') },
    )
    expect(rejected.wrapper.find('[data-testid="problem-materials.diploma"]').exists()).toBe(true)
    expect(rejected.wrapper.find('[data-testid="materials-summary"]').attributes('data-state')).toBe('missing')
    expect(rejected.wrapper.find('[data-testid="material-row-diploma"]').text()).toBe('毕业证书未通过')
    expect(rejected.wrapper.find('[data-testid="wizard-submit"]').attributes('disabled')).toBeDefined()
    rejected.wrapper.unmount()
  })

  it('the server still refuses with `materials.<kind>: material_missing`: said in plain words, submit waits for it', async () => {
    const { wrapper, calls } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      confirmScript([material('photo'), material('diploma'), material('integrity_pledge')], {
        'POST /api/v1/registrations/reg-1/submit': problem(422, 'validation_failed', {
          errors: { 'materials.signed_application_form': ['material_missing'] },
        }),
      }),
      { ...signedIn, ...atStep('confirm') },
    )
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1)
    // the files were read again after the refusal
    expect(calls.filter((c) => c.path.endsWith('/materials'))).toHaveLength(2)
    expect(wrapper.find('[data-testid="problem-materials.signed_application_form"]').text()).toBe(
      '上传材料 · 签字的报名表：还没有上传，请上传后再提交',
    )
    expect(wrapper.find('[data-testid="submit-blocked"]').text()).toContain('签字的报名表')
    expect(wrapper.find('[data-testid="wizard-submit"]').attributes('disabled')).toBeDefined()
    // no raw code or key anywhere
    expect(wrapper.text()).not.toContain('material_missing')
    expect(wrapper.text()).not.toContain('materials.')
    wrapper.unmount()
  })

  it('speaks English too', () => {
    const wrapper = mount(ProblemsList, {
      props: { problems: { 'materials.photo': ['material_missing'] }, steps: stepsFor('nurse') },
      global: { plugins: [createAppI18n('en-US')] },
    })
    // (the list's separator is the full-width colon in both languages)
    expect(wrapper.find('[data-testid="problem-materials.photo"]').text()).toBe('Documents · ID photo：Not uploaded yet; upload it before submitting')
  })
})

describe('quick-fill in the wizard', () => {
  const lastYear = {
    found: true,
    year: 2026,
    patch: {
      education: { level: 'benke', school: '郑州大学', major: '护理学' },
      exam: { archive_number: 'A2026', level_code: 'practitioner', specialty_code: '203' },
    },
    carried_over: ['basic'],
  }

  it('offers the history, saves it into the form with the version last seen and fills the fields', async () => {
    const filled = registration({ version: 3, form: lastYear.patch })
    const { wrapper, calls } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      {
        'GET /api/v1/registrations/reg-1': json(200, registration({ version: 2 })),
        'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
        'GET /api/v1/registrations/reg-1/quick-fill': json(200, lastYear),
        'PATCH /api/v1/registrations/reg-1': json(200, filled),
      },
      { ...signedIn, ...atStep('education') },
    )
    const offer = wrapper.find('[data-testid="quick-fill"]')
    expect(offer.text()).toContain('检测到您的历史报名信息（2026年）')
    expect(offer.find('[data-testid="quick-fill-carried"]').text()).toContain('基础知识')
    await offer.find('[data-testid="quick-fill-apply"]').trigger('click')
    await flushPromises()
    expect(saves(calls)).toEqual([{ version: 2, form: lastYear.patch }])
    expect((wrapper.find('#reg-education-school').element as HTMLInputElement).value).toBe('郑州大学')
    expect(wrapper.find('[data-testid="quick-fill"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows last year’s passed subjects as carried over: not selectable, not charged', async () => {
    const { wrapper } = await mountView(
      RegistrationWizardView,
      '/registrations/reg-1/edit',
      {
        'GET /api/v1/registrations/reg-1': json(200, registration({ form: { exam: { ...lastYear.patch.exam, subject_codes: ['basic', 'practice'] } } })),
        'GET /api/v1/exam-sessions/session-ht': json(200, healthTechSession),
        'GET /api/v1/registrations/reg-1/quick-fill': json(200, lastYear),
      },
      { ...signedIn, ...atStep('exam') },
    )
    const basic = wrapper.find('[data-testid="subject-basic"]')
    expect(basic.classes()).toContain('van-checkbox--disabled')
    expect(basic.text()).toContain('去年已通过，免考免费')
    expect(basic.find('.van-checkbox__icon--checked').exists()).toBe(false)
    expect(wrapper.find('[data-testid="subject-related"]').classes()).not.toContain('van-checkbox--disabled')
    expect(wrapper.find('[data-testid="live-fee"]').text()).toBe('1 科 × 70.00 元 = 70.00 元')
    wrapper.unmount()
  })
})

describe('registration progress', () => {
  it('shows the status, where it waits, the timeline and the fee in 元', async () => {
    const reg = registration({
      status: 'submitted',
      current_level: 'point',
      form: { exam: { site_code: '410100', point_code: '41010501' } },
      submitted_at: '2026-11-25T03:00:00Z',
      fee: { stage_code: 'main', total_fen: 14000, lines: [{ description_key: 'fee_per_subject', quantity: 2, unit_fen: 7000, total_fen: 14000 }] },
      timeline: [
        { level: 'point', action: 'submit', actor_kind: 'candidate', comment: null, reason_codes: [], from_status: 'draft', to_status: 'submitted', at: '2026-11-25T03:00:00Z', returned_fields: [], returned_materials: [] },
        { level: null, action: 'create', actor_kind: 'candidate', comment: null, reason_codes: [], from_status: 'draft', to_status: 'draft', at: '2026-11-25T02:00:00Z', returned_fields: [], returned_materials: [] },
      ],
    })
    const { wrapper } = await mountView(RegistrationDetailView, '/registrations/reg-1', { 'GET /api/v1/registrations/reg-1': json(200, reg) }, signedIn)
    expect(wrapper.find('[data-testid="status-tag"]').text()).toBe('已提交')
    expect(wrapper.find('[data-testid="waiting"]').text()).toBe('等待报名点审核')
    expect(wrapper.find('[data-testid="waiting-where"]').text()).toBe('报名点：金水区卫生健康委员会报名点')
    const items = wrapper.findAll('[data-testid="timeline-item"]')
    expect(items.map((i) => i.attributes('data-action'))).toEqual(['create', 'submit'])
    expect(items[1]?.text()).toContain('提交报名，交报名点审核')
    expect(items[1]?.text()).toContain('2026-11-25 11:00')
    expect(wrapper.find('.van-steps--vertical').exists()).toBe(true)
    expect(wrapper.find('[data-testid="fee-breakdown"]').text()).toContain('按科目收费（70.00 元 × 2）')
    expect(wrapper.find('[data-testid="fee-total"]').text()).toBe('140.00 元')
    expect(wrapper.find('[data-testid="continue-draft"]').exists()).toBe(false)
  })
})
