import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import RegistrationView from '@/views/RegistrationView.vue'
import { useSessionStore } from '@/stores/session'
import { correctableFields, correctionPatch, parseValue } from '@/utils/correction'
import { archivedTimelineItems } from '@/utils/timeline'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const review = vi.hoisted(() => ({
  getRegistration: vi.fn(),
  listFindings: vi.fn(),
  listReasons: vi.fn(),
  reopen: vi.fn(),
  correctRegistration: vi.fn(),
  getArchivedRegistration: vi.fn(),
  decide: vi.fn(),
  revealIdNumber: vi.fn(),
  reverify: vi.fn(),
}))
vi.mock('@/api/review', () => review)
vi.mock('@/api/materials', () => ({ createMaterialLink: vi.fn(), openMaterialFile: vi.fn() }))
vi.mock('@/api/supplements', async () => (await import('./helpers')).noSupplementApi())

const A = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'

const FORM = {
  identity: { name: '欧阳明轩', birth_date: '1990-04-02' },
  education: { school: '郑州大学', level: 'bachelor', years: 4 },
  work: { unit: '郑州市第一人民医院', history: [{ unit: '某医院' }] },
  exam: { specialty: '内科护理' },
}

const detail = (extra: Record<string, unknown> = {}) => ({
  id: A,
  session_id: '239c40d9-13a9-4e36-ae42-3f3fb0075119',
  exam_type: 'health_tech',
  session_name: '2027年度卫生专业技术资格考试（河南考区）',
  status: 'approved',
  current_level: 'region',
  version: 7,
  candidate_name: '欧阳明轩',
  id_number_masked: '410105********0245',
  org_id: null,
  submitted_at: '2026-11-25T21:30:46Z',
  overdue: false,
  form: FORM,
  materials: [],
  timeline: [],
  ...extra,
})

async function setup(profile: Record<string, unknown> = { review_level: 'region' }) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: '/registrations/:id', name: 'registration', component: RegistrationView },
    { path: '/queue', name: 'queue', component: Stub('queue') },
  ])
  await router.push(`/registrations/${A}`)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return wrapper
}

const body = (selector: string) => document.body.querySelector<HTMLElement>(selector)

async function type(selector: string, text: string): Promise<void> {
  const input = body(selector) as HTMLInputElement | HTMLTextAreaElement
  input.value = text
  input.dispatchEvent(new Event('input'))
  await settle()
}

/** Opens the field picker and clicks the option of `path`. */
async function pick(path: string): Promise<void> {
  body('[data-testid="correction-field"] .el-select__wrapper')!.click()
  await settle()
  const option = body(`.el-select-dropdown__item[data-path="${path}"]`)
  expect(option, `no option ${path}`).not.toBeNull()
  option!.click()
  await settle()
}

async function openDialog(wrapper: Awaited<ReturnType<typeof setup>>): Promise<void> {
  await wrapper.get('[data-testid="correct"]').trigger('click')
  await settle()
}

const itemError = (item: string) => body(`[data-testid="${item}"] .el-form-item__error`)?.textContent?.trim() ?? ''

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  Object.values(review).forEach((f) => f.mockReset())
  review.getRegistration.mockResolvedValue(detail())
  review.listFindings.mockResolvedValue([])
  review.listReasons.mockResolvedValue([])
})

describe('correctable fields', () => {
  it('lists the plain values of every section but the exam section, and builds the merge patch', () => {
    expect(correctableFields(FORM).map((f) => f.path)).toEqual([
      'identity.name',
      'identity.birth_date',
      'education.level',
      'education.school',
      'education.years',
      'work.unit',
    ])
    expect(correctionPatch('education.school', '河南大学')).toEqual({ education: { school: '河南大学' } })
    expect(parseValue(' 5 ', 4)).toBe(5)
    expect(parseValue('false', true)).toBe(false)
    expect(parseValue(' 河南大学 ', '郑州大学')).toBe('河南大学')
  })
})

describe('staff data correction', () => {
  it('is offered to exam-region reviewers on submitted, resubmitted, approved and paid registrations only', async () => {
    for (const status of ['submitted', 'resubmitted', 'approved', 'paid']) {
      review.getRegistration.mockResolvedValue(detail({ status }))
      const wrapper = await setup()
      expect(wrapper.find('[data-testid="correct"]').exists(), status).toBe(true)
      wrapper.unmount()
    }
    for (const status of ['draft', 'returned', 'rejected']) {
      review.getRegistration.mockResolvedValue(detail({ status }))
      const wrapper = await setup()
      expect(wrapper.find('[data-testid="correct"]').exists(), status).toBe(false)
      wrapper.unmount()
    }
    review.getRegistration.mockResolvedValue(detail())
    const site = await setup({ review_level: 'site' })
    expect(site.find('[data-testid="correct"]').exists()).toBe(false)
    site.unmount()
    const admin = await setup({ role: 'region_admin', review_level: null })
    expect(admin.find('[data-testid="correct"]').exists()).toBe(false)
    admin.unmount()
    const auditor = await setup({ role: 'auditor', review_level: 'region' })
    expect(auditor.find('[data-testid="correct"]').exists()).toBe(false)
    auditor.unmount()
  })

  it('sends the version seen, the field as a merge patch and the reason, then shows the registration again', async () => {
    const wrapper = await setup()
    await openDialog(wrapper)
    // nothing chosen, a short reason: stopped before the server
    await type('textarea[data-testid="correction-reason"]', '短')
    body('[data-testid="correction-submit"]')!.click()
    await settle()
    expect(review.correctRegistration).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(itemError('correction-reason-item')).toBe('原因须为 4–500 个字符'))
    expect(itemError('correction-value-item')).toBe('请选择字段并输入新值')

    await pick('education.school')
    const options = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].map((o) => o.dataset.path)
    expect(options).toEqual(['identity.name', 'identity.birth_date', 'education.level', 'education.school', 'education.years', 'work.unit'])
    expect(body('[data-testid="correction-current"]')!.textContent).toContain('郑州大学')
    await type('input[data-testid="correction-value"]', ' 河南大学 ')
    await type('textarea[data-testid="correction-reason"]', '  考生毕业证书显示为河南大学  ')
    review.correctRegistration.mockResolvedValue({ id: A, status: 'approved', current_level: 'region', version: 8 })
    review.getRegistration.mockResolvedValue(detail({ version: 8, form: { ...FORM, education: { ...FORM.education, school: '河南大学' } } }))
    body('[data-testid="correction-submit"]')!.click()
    await settle(8)
    expect(review.correctRegistration).toHaveBeenCalledWith(A, {
      version: 7,
      changes: { education: { school: '河南大学' } },
      reason: '考生毕业证书显示为河南大学',
    })
    expect(review.getRegistration).toHaveBeenCalledTimes(2)
    expect(document.body.textContent).toContain('已更正报名数据')
    expect(wrapper.get('[data-testid="form-sections"]').text()).toContain('河南大学')
    wrapper.unmount()
  })

  it('shows the server’s field errors under the value and the reason', async () => {
    const wrapper = await setup()
    await openDialog(wrapper)
    await pick('identity.birth_date')
    await type('input[data-testid="correction-value"]', '1990-02-30')
    await type('textarea[data-testid="correction-reason"]', '考生出生日期填写错误')
    review.correctRegistration.mockRejectedValueOnce(
      problem(422, 'validation_failed', { errors: { 'identity.birth_date': ['date_invalid'], reason: ['reason_length'] } }),
    )
    body('[data-testid="correction-submit"]')!.click()
    await settle(8)
    await vi.waitFor(() => expect(itemError('correction-value-item')).toBe('日期无效'))
    expect(itemError('correction-reason-item')).toBe('原因须为 4–500 个字符')

    review.correctRegistration.mockRejectedValueOnce(problem(422, 'validation_failed', { errors: { changes: ['no_changes'] } }))
    body('[data-testid="correction-submit"]')!.click()
    await settle(8)
    await vi.waitFor(() => expect(itemError('correction-value-item')).toBe('新值与当前值相同，没有需要更正的内容'))
    expect(itemError('correction-reason-item')).toBe('')
    expect(review.getRegistration).toHaveBeenCalledTimes(1)
    expect(body('[data-testid="correction-dialog"]')).not.toBeNull()
    wrapper.unmount()
  })

  it('says in the dialog that someone else changed it (409), with a way to reload', async () => {
    const wrapper = await setup()
    await openDialog(wrapper)
    await pick('work.unit')
    await type('input[data-testid="correction-value"]', '河南省人民医院')
    await type('textarea[data-testid="correction-reason"]', '考生工作单位名称有误')
    review.correctRegistration.mockRejectedValueOnce(problem(409, 'version_conflict'))
    body('[data-testid="correction-submit"]')!.click()
    await settle(8)
    const conflict = body('[data-testid="correction-conflict"]')!
    expect(conflict.dataset.code).toBe('version_conflict')
    expect(conflict.textContent).toContain('其他人已处理此报名')
    expect(body('[data-testid="correction-submit"]')!.hasAttribute('disabled')).toBe(true)
    body('[data-testid="correction-refresh"]')!.click()
    await settle(8)
    expect(review.getRegistration).toHaveBeenCalledTimes(2)
    wrapper.unmount()
  })

  it('says when the registration can no longer be corrected (409)', async () => {
    const wrapper = await setup()
    await openDialog(wrapper)
    await pick('work.unit')
    await type('input[data-testid="correction-value"]', '河南省人民医院')
    await type('textarea[data-testid="correction-reason"]', '考生工作单位名称有误')
    review.correctRegistration.mockRejectedValueOnce(problem(409, 'registration_not_correctable'))
    body('[data-testid="correction-submit"]')!.click()
    await settle(8)
    expect(body('[data-testid="correction-conflict"]')!.textContent).toContain('此报名当前不能更正')
    wrapper.unmount()
  })
})

const ARCHIVE = {
  registration_id: A,
  archived_at: '2027-12-31T16:00:00Z',
  versions: [{ version: 1 }, { version: 2 }, { version: 3 }],
  findings: [{ rule_code: 'duplicate_registration' }],
  actions: [
    { level: null, action: 'submit', actor_kind: 'candidate', reason_codes: [], comment: null, comment_public: false, from_status: 'draft', to_status: 'submitted', registration_version: 1, created_at: '2027-03-01T08:00:00Z' },
    { level: 'region', action: 'correct', actor_kind: 'staff', reason_codes: [], comment: '学校名称有误', comment_public: true, from_status: 'approved', to_status: 'approved', registration_version: 2, created_at: '2027-03-05T08:00:00Z' },
    { level: 'region', action: 'approve', actor_kind: 'staff', reason_codes: [], comment: null, comment_public: false, from_status: 'submitted', to_status: 'approved', registration_version: 3, created_at: '2027-03-02T08:00:00Z' },
  ],
}

describe('archived history', () => {
  it('maps archived actions to timeline items', () => {
    const items = archivedTimelineItems(ARCHIVE.actions)
    expect(items[1]).toMatchObject({ action: 'correct', level: 'region', at: '2027-03-05T08:00:00Z', comment_public: true, returned_fields: [] })
  })

  it('loads on demand and shows the archived actions and the counts', async () => {
    review.getRegistration.mockResolvedValue(detail({ status: 'paid' }))
    review.getArchivedRegistration.mockResolvedValue(ARCHIVE)
    const wrapper = await setup()
    expect(review.getArchivedRegistration).not.toHaveBeenCalled()
    await wrapper.get('[data-testid="archive-toggle"]').trigger('click')
    await settle()
    expect(review.getArchivedRegistration).toHaveBeenCalledWith(A)
    const archive = wrapper.get('[data-testid="archive-body"]')
    expect(archive.get('[data-testid="archive-counts"]').text()).toBe('共 3 个版本，1 条核验结果')
    expect(archive.text()).toContain('归档记录')
    expect(archive.findAll('[data-testid="timeline-entry"]').map((e) => e.attributes('data-action'))).toEqual(['approve', 'correct', 'submit'])
    expect(archive.text()).toContain('数据更正')
    expect(archive.text()).toContain('学校名称有误')
    // hide and show again without asking twice
    await wrapper.get('[data-testid="archive-toggle"]').trigger('click')
    expect(wrapper.find('[data-testid="archive-body"]').exists()).toBe(false)
    await wrapper.get('[data-testid="archive-toggle"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="archive-body"]').exists()).toBe(true)
    expect(review.getArchivedRegistration).toHaveBeenCalledTimes(1)
    wrapper.unmount()
  })

  it('says the exam is not archived yet (404 not_archived) without an error', async () => {
    review.getArchivedRegistration.mockRejectedValue(problem(404, 'not_archived'))
    const wrapper = await setup()
    await wrapper.get('[data-testid="archive-toggle"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="archive-not-archived"]').text()).toContain('本报名所属考试尚未归档')
    expect(wrapper.find('[data-testid="not-found"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="candidate-name"]').text()).toBe('欧阳明轩')
    wrapper.unmount()
  })
})
