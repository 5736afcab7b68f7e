import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ClassListView from '@/views/ClassListView.vue'
import type { ClassListPage, ClassStudentView } from '@/api/types'
import type { ExamSessionView } from '@/api/catalog'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const classLists = vi.hoisted(() => ({ uploadClassList: vi.fn(), getClassList: vi.fn() }))
vi.mock('@/api/class-lists', () => classLists)
const catalog = vi.hoisted(() => ({ listExamSessions: vi.fn() }))
vi.mock('@/api/catalog', () => catalog)

const NURSE = '239c40d9-13a9-4e36-ae42-3f3fb0075119'
const NURSE_2 = '5a0e4c1b-7d2f-4e3a-9b8c-1d2e3f4a5b6c'
const PHYSICIAN = '8f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f'
const REG = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'

const examSession = (id: string, exam: string, name: string, year = 2027): ExamSessionView => ({
  id,
  exam_type: exam,
  exam_type_name: exam,
  year,
  name,
  review_chain: ['site', 'region'],
  registration_opens_at: '2026-11-01T00:00:00Z',
  registration_closes_at: '2026-12-31T00:00:00Z',
  registration_open: true,
})

const SESSIONS = [
  examSession(PHYSICIAN, 'physician', '2027年医师资格考试'),
  examSession(NURSE, 'nurse', '2027年护士执业资格考试（河南考区）'),
  examSession(NURSE_2, 'nurse', '2027年护士执业资格考试（补考）'),
]

const student = (extra: Partial<ClassStudentView> = {}): ClassStudentView => ({
  id_number: '410105********1234',
  name: '李小护',
  major: '护理',
  education_level: 'dazhuan',
  expected_graduation_on: '2027-06-30',
  status: 'not_started',
  registration_id: null,
  current_level: null,
  submitted_at: null,
  supplement_status: null,
  at_school: true,
  ...extra,
})

const COUNTS = [
  { status: 'not_started', count: 2 },
  { status: 'submitted', count: 1 },
  { status: 'paid', count: 1 },
]

const page = (items: ClassStudentView[], counts = COUNTS, total = items.length): ClassListPage => ({
  school_name: '河南护理职业学院',
  session_name: '2027年护士执业资格考试（河南考区）',
  items,
  total,
  page: 1,
  per_page: 20,
  counts,
})

const STUDENTS = [
  student(),
  student({ id_number: '410105********5678', name: '王小芳', major: null, education_level: null }),
  student({
    id_number: '410105********9012',
    name: '张护士',
    status: 'submitted',
    registration_id: REG,
    current_level: 'site',
    submitted_at: '2026-12-03T08:00:00Z',
  }),
  student({
    id_number: '410105********3456',
    name: '赵别处',
    status: 'paid',
    registration_id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
    supplement_status: 'pending',
    at_school: false,
  }),
]

async function setup(path = '/class-list') {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({ username: 'school_hnhl', review_level: 'point', scope_org_name: '河南护理职业学院' })
  const router = testRouter([
    { path: '/class-list', name: 'classList', component: ClassListView },
    { path: '/registrations/:id', name: 'registration', component: Stub('registration') },
  ])
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

type Wrapper = Awaited<ReturnType<typeof setup>>['wrapper']

async function upload(wrapper: Wrapper, file = new File(['身份证号,姓名,预计毕业时间\n'], 'class.csv', { type: 'text/csv' })) {
  const input = wrapper.get('input[data-testid="class-list-file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  await wrapper.get('[data-testid="class-list-form"]').trigger('submit')
  await settle()
  return file
}

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  classLists.uploadClassList.mockReset()
  classLists.getClassList.mockReset()
  catalog.listExamSessions.mockReset()
  catalog.listExamSessions.mockResolvedValue(SESSIONS)
  classLists.getClassList.mockResolvedValue(page(STUDENTS))
})

describe('group registration (集体报名)', () => {
  it('offers the nurse sessions only, opens the first, and lists the students with their counts', async () => {
    const { wrapper, router } = await setup()
    expect(router.currentRoute.value.query.session).toBe(NURSE)
    expect(classLists.getClassList).toHaveBeenLastCalledWith(NURSE, { page: 1, per_page: 20 })
    // the columns the file needs are described, the graduation year is the session's
    const columns = wrapper.get('[data-testid="class-list-columns"]').text()
    for (const header of ['身份证号', '姓名', '预计毕业时间', '专业', '学历']) expect(columns).toContain(header)
    expect(columns).toContain('2027 年')

    const counts = wrapper.findAll('[data-testid="status-count"]')
    expect(counts.map((c) => [c.attributes('data-status'), c.attributes('data-count')])).toEqual([
      ['', '4'],
      ['not_started', '2'],
      ['submitted', '1'],
      ['paid', '1'],
    ])
    expect(counts[1].text()).toContain('未开始')
    expect(counts[0].attributes('aria-pressed')).toBe('true')

    const table = wrapper.get('[data-testid="class-list-table"]')
    const rows = table.findAll('tbody tr')
    expect(rows).toHaveLength(4)
    expect(rows[0].text()).toContain('410105********1234')
    expect(rows[0].text()).toContain('护理 · 大专')
    expect(rows[0].text()).toContain('未开始')
    expect(rows[0].text()).toContain('尚未报名')
    expect(rows[2].text()).toContain('待审核')
    expect(rows[2].text()).toContain('考点')
    // the registration of this school opens in the review detail; one made elsewhere is only named
    const links = table.findAll('[data-testid="student-registration"]')
    expect(links).toHaveLength(1)
    expect(links[0].attributes('href')).toBe(`/review/registrations/${REG}`)
    expect(links[0].attributes('aria-label')).toBe('查看张护士的报名')
    expect(rows[3].text()).toContain('在其他报名点报名')
    expect(rows[3].text()).toContain('待提交')

    // the session picker lists the nurse sessions only
    await wrapper.get('[data-testid="class-list-session"]').trigger('click')
    await settle()
    const options = [...document.querySelectorAll('.el-select-dropdown__item')].map((o) => o.textContent?.trim())
    expect(options).toEqual(['2027年护士执业资格考试（河南考区）', '2027年护士执业资格考试（补考）'])
  })

  it('filters by a status from the counts and keeps it in the URL', async () => {
    const { wrapper, router } = await setup()
    classLists.getClassList.mockResolvedValueOnce(page([STUDENTS[0], STUDENTS[1]], COUNTS, 2))
    await wrapper.get('[data-testid="status-count"][data-status="not_started"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ session: NURSE, status: 'not_started' })
    expect(classLists.getClassList).toHaveBeenLastCalledWith(NURSE, { status: 'not_started', page: 1, per_page: 20 })
    expect(wrapper.get('[data-testid="status-count"][data-status="not_started"]').attributes('aria-pressed')).toBe('true')
    expect(wrapper.get('[data-testid="class-list-table"]').findAll('tbody tr')).toHaveLength(2)

    // a status no one has any more stays as a badge (0) while chosen, and the table says so in words
    classLists.getClassList.mockResolvedValueOnce(page([], COUNTS, 0))
    await router.push({ name: 'classList', query: { session: NURSE, status: 'rejected' } })
    await settle()
    expect(wrapper.get('[data-testid="status-count"][data-status="rejected"]').attributes('data-count')).toBe('0')
    expect(wrapper.get('[data-testid="class-list-table"]').text()).toContain('没有此状态的学生')
  })

  it('pages through a long list', async () => {
    classLists.getClassList.mockResolvedValue(page(STUDENTS, [{ status: 'not_started', count: 45 }], 45))
    const { wrapper, router } = await setup()
    const pager = wrapper.get('[data-testid="class-list-pagination"]')
    await pager.get('.el-pager li:nth-child(2)').trigger('click')
    await settle()
    expect(router.currentRoute.value.query.page).toBe('2')
    expect(classLists.getClassList).toHaveBeenLastCalledWith(NURSE, { page: 2, per_page: 20 })
  })

  it('uploads the file as it is and shows the report, then the list again from its first page', async () => {
    classLists.uploadClassList.mockResolvedValue({ students: 4, added: 3, removed: 1, kept: 1 })
    const { wrapper, router } = await setup('/class-list?status=paid')
    expect(router.currentRoute.value.query).toEqual({ session: NURSE, status: 'paid' })

    // nothing chosen: said under the field, nothing sent
    await wrapper.get('[data-testid="class-list-form"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="class-list-form"]').text()).toContain('请选择名单文件'))
    expect(classLists.uploadClassList).not.toHaveBeenCalled()

    const file = await upload(wrapper)
    expect(classLists.uploadClassList).toHaveBeenCalledWith(NURSE, file, 'text/csv')
    const report = wrapper.get('[data-testid="class-list-report"]')
    expect(report.text()).toContain('名单已上传（class.csv）')
    expect(report.text()).toContain('名单现有 4 名学生：新增 3 名，保留 1 名，移除 1 名。')
    expect(report.get('[data-testid="report-added"]').text()).toBe('3')
    expect(router.currentRoute.value.query).toEqual({ session: NURSE })
    expect(classLists.getClassList).toHaveBeenLastCalledWith(NURSE, { page: 1, per_page: 20 })
  })

  it('lists every problem of a refused file by row and column in words', async () => {
    classLists.uploadClassList.mockRejectedValue(
      problem(422, 'validation_failed', {
        errors: {
          'rows[3].id_number': ['id_number_checksum'],
          'rows[2].expected_graduation_on': ['not_session_year'],
          'rows[2].name': ['required'],
          'rows[5].education_level': ['invalid_value'],
          'rows[4].id_number': ['listed_by_another_school'],
        },
      }),
    )
    const { wrapper } = await setup()
    const calls = classLists.getClassList.mock.calls.length
    await upload(wrapper)
    const refused = wrapper.get('[data-testid="class-list-refused"]')
    expect(refused.get('[data-testid="class-list-refused-title"]').text()).toContain('名单未导入：4 行有误（共 5 处问题）')
    const rows = refused.get('[data-testid="class-list-errors"]').findAll('tbody tr')
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['2', '姓名', '此项为空：请填写'],
      ['2', '预计毕业时间', '预计毕业时间不在本次考试的年度内：应届毕业生须在考试当年毕业'],
      ['3', '身份证号', '证件号码有误（最后一位校验码不符），请逐位核对'],
      ['4', '身份证号', '此学生已在其他学校的名单中：请核实，确属本校的请联系对方学校从其名单中移除'],
      ['5', '学历', '学历无法识别：请填写中专、大专、本科、硕士或博士'],
    ])
    expect(wrapper.find('[data-testid="class-list-report"]').exists()).toBe(false)
    // nothing changed on the server: the list is not reloaded
    expect(classLists.getClassList.mock.calls.length).toBe(calls)
  })

  it('says what is wrong with the header or the file as a whole', async () => {
    classLists.uploadClassList.mockRejectedValueOnce(
      problem(422, 'validation_failed', { errors: { 'rows[0].expected_graduation_on': ['column_missing'] } }),
    )
    const { wrapper } = await setup()
    await upload(wrapper)
    const refused = wrapper.get('[data-testid="class-list-refused"]')
    expect(refused.text()).toContain('名单未导入：文件有误')
    expect(refused.get('tbody tr').findAll('td').map((td) => td.text())).toEqual(['表头', '预计毕业时间', '表头中缺少此列：请加上这一列（列名见上方说明）'])

    classLists.uploadClassList.mockRejectedValueOnce(problem(422, 'validation_failed', { errors: { file: ['encoding_unsupported'] } }))
    await upload(wrapper)
    expect(wrapper.get('[data-testid="class-list-file-error"]').text()).toBe('文件编码无法识别：请将 CSV 文件保存为 UTF-8 或 GB18030 编码')
    expect(wrapper.find('[data-testid="class-list-errors"]').exists()).toBe(false)
  })

  it('explains a refusal of the session in words (409)', async () => {
    classLists.uploadClassList.mockRejectedValueOnce(problem(409, 'session_not_open'))
    const { wrapper } = await setup()
    await upload(wrapper)
    const error = wrapper.get('[data-testid="error"]')
    expect(error.attributes('data-code')).toBe('session_not_open')
    expect(error.text()).toContain('此考试当前不在报名期（未发布或已关闭），不能上传名单')

    classLists.uploadClassList.mockRejectedValueOnce(problem(409, 'class_list_nurse_only'))
    await upload(wrapper)
    expect(wrapper.get('[data-testid="error"]').text()).toContain('集体报名名单只适用于护士执业资格考试的应届毕业生')
    expect(wrapper.find('[data-testid="class-list-refused"]').exists()).toBe(false)
  })

  it('shows an empty list and an empty session choice in words', async () => {
    classLists.getClassList.mockResolvedValue(page([], []))
    const { wrapper } = await setup()
    expect(wrapper.get('[data-testid="class-list-table"]').text()).toContain('名单中还没有学生：请先上传毕业生名单')
    expect(wrapper.get('[data-testid="status-count"][data-status="not_started"]').attributes('data-count')).toBe('0')

    catalog.listExamSessions.mockResolvedValue([SESSIONS[0]])
    const other = await setup()
    expect(other.wrapper.get('[data-testid="class-list-no-sessions"]').text()).toContain('目前没有可上传名单的护士执业资格考试')
    expect(other.wrapper.find('[data-testid="class-list-form"]').exists()).toBe(false)
  })

  it('keeps a session named in the URL and shows a failed list load', async () => {
    classLists.getClassList.mockRejectedValue(problem(403, 'forbidden'))
    const { wrapper, router } = await setup(`/class-list?session=${NURSE_2}`)
    expect(router.currentRoute.value.query.session).toBe(NURSE_2)
    expect(classLists.getClassList).toHaveBeenLastCalledWith(NURSE_2, { page: 1, per_page: 20 })
    expect(wrapper.get('[data-testid="error"]').text()).toContain('您没有执行此操作的权限')
  })
})
