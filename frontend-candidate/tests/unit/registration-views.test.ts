// The registration screens inside the real app plumbing (router, i18n, Pinia, API client) with the network
// scripted: the health-tech exam step (searchable specialty, subjects, live fee), a server error under its
// field, the confirm step's links to what is missing, and the progress page.
import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import RegistrationDetailView from '@/views/registration/RegistrationDetailView.vue'
import RegistrationWizardView from '@/views/registration/RegistrationWizardView.vue'
import { healthTechSession, material, registration } from './fixtures/registration'
import { json, mountView, problem, type Call } from './helpers'

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
