import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ComparisonView from '@/views/ComparisonView.vue'
import type { AnomalyPage, AnomalyView, ComparisonRun, NationalImportView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const comparison = vi.hoisted(() => ({
  importNationalRecords: vi.fn(),
  runComparison: vi.fn(),
  listComparisonAnomalies: vi.fn(),
  exportComparisonAnomalies: vi.fn(),
  resolveComparisonAnomaly: vi.fn(),
}))
vi.mock('@/api/comparison', () => comparison)
const catalog = vi.hoisted(() => ({ listExamSessions: vi.fn() }))
vi.mock('@/api/catalog', () => catalog)
const files = vi.hoisted(() => ({ saveFile: vi.fn() }))
vi.mock('@/utils/save-file', () => files)

const SESSION = '6f1c2a9e-8b7d-4c3e-9a1f-2b3c4d5e6f70'
const OTHER_SESSION = '7a2d3b0f-9c8e-4d4f-8b2a-3c4d5e6f7081'
const REG = '0b8e7f5c-2d41-4c3a-9f7e-6a5b4c3d2e1f'

const anomaly = (overrides: Partial<AnomalyView> = {}): AnomalyView => ({
  id: 'a1000000-0000-4000-8000-000000000001',
  session_id: SESSION,
  kind: 'identity_mismatch',
  field: 'name',
  name: '张晓燕',
  id_number_masked: '410105********0245',
  registration_id: REG,
  provincial_value: '张晓燕',
  national_value: '张小燕',
  state: 'open',
  resolution: null,
  note: null,
  resolved_at: null,
  updated_at: '2026-11-25T02:00:00Z',
  ...overrides,
})

const onlyNational = anomaly({
  id: 'a1000000-0000-4000-8000-000000000002',
  kind: 'only_national',
  field: '',
  name: '国网考生',
  id_number_masked: '410105********1234',
  registration_id: null,
  provincial_value: null,
  national_value: '国网考生 approved',
})
const resolved = anomaly({
  id: 'a1000000-0000-4000-8000-000000000003',
  kind: 'payment_mismatch',
  field: '',
  name: '赵磊',
  provincial_value: 'unpaid',
  national_value: 'paid',
  state: 'resolved',
  resolution: 'corrected_national',
  note: '国网已更正',
})

const page = (items: AnomalyView[] = [anomaly(), onlyNational, resolved]): AnomalyPage => ({
  items,
  total: items.length,
  page: 1,
  page_size: 50,
  counts: [
    { kind: 'only_national', open: 1, resolved: 0, gone: 0 },
    { kind: 'only_provincial', open: 0, resolved: 0, gone: 2 },
    { kind: 'identity_mismatch', open: 1, resolved: 0, gone: 0 },
    { kind: 'status_mismatch', open: 0, resolved: 0, gone: 0 },
    { kind: 'payment_mismatch', open: 0, resolved: 1, gone: 0 },
    { kind: 'field_difference', open: 0, resolved: 0, gone: 0 },
  ],
})

const sessions = [
  { id: SESSION, name: '2026年度卫生专业技术资格考试' },
  { id: OTHER_SESSION, name: '2026年度护士执业资格考试' },
]

async function mountAt(path: string, profile = {}) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: '/comparison', name: 'comparison', component: ComparisonView },
    { path: '/registrations/:id', name: 'registration', component: Stub('registration') },
  ])
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

const admin = { role: 'region_admin', review_level: null, username: 'region_admin' }
const regionReviewer = { role: 'reviewer', review_level: 'region', username: 'region_reviewer' }
const at = `/comparison?session_id=${SESSION}`

function typeInto(selector: string, value: string): void {
  const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!
  el.value = value
  el.dispatchEvent(new Event('input'))
}

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  document.body.innerHTML = ''
  Object.values(comparison).forEach((f) => f.mockReset())
  catalog.listExamSessions.mockReset()
  files.saveFile.mockReset()
  catalog.listExamSessions.mockResolvedValue(sessions)
  comparison.listComparisonAnomalies.mockResolvedValue(page())
})

describe('comparison page: reading', () => {
  it('takes the first exam when none is chosen and asks for its open anomalies', async () => {
    const { router } = await mountAt('/comparison', admin)
    await settle()
    expect(router.currentRoute.value.query).toEqual({ session_id: SESSION })
    expect(comparison.listComparisonAnomalies).toHaveBeenCalledWith({ session_id: SESSION, state: 'open', page: 1, page_size: 50 })
  })

  it('shows the counts by kind with explanations, and the anomalies with values in words', async () => {
    const { wrapper } = await mountAt(at, admin)
    const counts = wrapper.get('[data-testid="anomaly-counts"]')
    expect(counts.attributes('data-open')).toBe('2')
    expect(counts.get('[data-testid="anomaly-totals"]').text()).toBe('待处理 2 条 · 已处理 1 条 · 已消失 2 条')
    expect(wrapper.findAll('[data-testid="count-kind"]').map((k) => k.text())).toEqual([
      '仅国网有记录',
      '仅省网有记录',
      '身份信息不一致',
      '报名状态不一致',
      '缴费状态不一致',
      '报考信息不一致',
    ])
    expect(wrapper.findAll('[data-testid="count-explain"]').every((e) => e.text().length > 20)).toBe(true)
    expect(wrapper.get('[data-testid="count-gone"][data-kind="only_provincial"]').text()).toBe('2')
    expect(wrapper.get('[data-testid="count-total"][data-kind="payment_mismatch"]').text()).toBe('1')

    const rows = wrapper.findAll('[data-testid="anomaly-table"] tbody tr')
    expect(rows).toHaveLength(3)
    expect(rows[0].get('[data-testid="anomaly-kind"]').text()).toBe('身份信息不一致')
    expect(rows[0].get('[data-testid="anomaly-field"]').text()).toBe('姓名')
    expect(rows[0].get('[data-testid="anomaly-id"]').text()).toBe('410105********0245')
    expect(rows[0].get('[data-testid="anomaly-provincial"]').text()).toBe('张晓燕')
    expect(rows[0].get('[data-testid="anomaly-national"]').text()).toBe('张小燕')
    expect(rows[0].get('[data-testid="anomaly-state"]').text()).toBe('待处理')
    expect(rows[0].get('[data-testid="anomaly-registration"]').attributes('href')).toContain(`/registrations/${REG}`)
    expect(rows[1].get('[data-testid="anomaly-national"]').text()).toBe('国网考生（审核通过）')
    expect(rows[1].get('[data-testid="anomaly-provincial"]').text()).toBe('—')
    expect(rows[1].find('[data-testid="anomaly-registration"]').exists()).toBe(false)
    expect(rows[1].text()).toContain('省网无报名')
    expect(rows[2].get('[data-testid="anomaly-provincial"]').text()).toBe('未缴费')
    expect(rows[2].get('[data-testid="anomaly-resolution"]').text()).toBe('已更正国网')
    expect(rows[2].get('[data-testid="anomaly-note"]').text()).toBe('备注：国网已更正')
    expect(wrapper.get('[data-testid="anomaly-total"]').text()).toBe('共 3 条')
  })

  it('narrows the list by a kind from the counts and by a name, keeping both in the URL; exports the same filter', async () => {
    const { wrapper, router } = await mountAt(at, admin)
    await wrapper.get('[data-testid="count-kind"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ session_id: SESSION, kind: 'only_national' })
    expect(comparison.listComparisonAnomalies).toHaveBeenLastCalledWith({ session_id: SESSION, kind: 'only_national', state: 'open', page: 1, page_size: 50 })
    expect(wrapper.get('[data-testid="count-kind"]').attributes('aria-pressed')).toBe('true')

    await wrapper.get('input[data-testid="filter-q"]').setValue(' 国网 ')
    await wrapper.get('[data-testid="comparison-filters"]').trigger('submit')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ session_id: SESSION, kind: 'only_national', q: '国网' })
    expect(comparison.listComparisonAnomalies).toHaveBeenLastCalledWith({ session_id: SESSION, kind: 'only_national', state: 'open', q: '国网', page: 1, page_size: 50 })

    comparison.exportComparisonAnomalies.mockResolvedValue({ blob: new Blob(['PK']), fileName: 'comparison-anomalies.xlsx' })
    await wrapper.get('[data-testid="comparison-export"]').trigger('click')
    await settle()
    expect(comparison.exportComparisonAnomalies).toHaveBeenCalledWith({ session_id: SESSION, kind: 'only_national', state: 'open', q: '国网' })
    expect(files.saveFile).toHaveBeenCalledWith({ blob: expect.any(Blob), fileName: 'comparison-anomalies.xlsx' })

    // the same kind again shows every kind
    await wrapper.get('[data-testid="count-kind"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ session_id: SESSION, q: '国网' })

    // back in history: the text box follows the URL
    router.back()
    await settle(10)
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ session_id: SESSION, kind: 'only_national', q: '国网' }))
    router.back()
    await vi.waitFor(() => expect((wrapper.get('input[data-testid="filter-q"]').element as HTMLInputElement).value).toBe(''))
    expect(comparison.listComparisonAnomalies).toHaveBeenLastCalledWith({ session_id: SESSION, kind: 'only_national', state: 'open', page: 1, page_size: 50 })
  })

  it('tells a reviewer below the exam region that the comparison is handled at the region (403)', async () => {
    comparison.listComparisonAnomalies.mockRejectedValue(problem(403, 'forbidden'))
    const { wrapper } = await mountAt(at, { role: 'reviewer', review_level: 'site' })
    const denied = wrapper.get('[data-testid="comparison-denied"]')
    expect(denied.text()).toContain('国网/省网比对在考区处理')
    expect(denied.text()).toContain('您的审核级别不是考区')
    expect(wrapper.find('[data-testid="anomaly-table"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="comparison-session"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="comparison-import-card"]').exists()).toBe(false)
  })

  it('speaks English when the console does', async () => {
    const { pinia, i18n } = plugins()
    i18n.global.locale.value = 'en-US'
    const session = useSessionStore(pinia)
    session.setTokens(tokens())
    session.staff = staff(admin)
    const router = testRouter([{ path: '/comparison', name: 'comparison', component: ComparisonView }, { path: '/registrations/:id', name: 'registration', component: Stub('r') }])
    await router.push(at)
    const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
    await settle()
    expect(wrapper.get('h1').text()).toBe('National comparison')
    expect(wrapper.get('[data-testid="anomaly-kind"]').text()).toBe('Identity mismatch')
    expect(wrapper.findAll('[data-testid="anomaly-national"]')[1].text()).toBe('国网考生 (Approved)')
  })
})

describe('comparison page: region administrators load and run', () => {
  it('loads a national export and shows the rows loaded and the refused ones', async () => {
    const result: NationalImportView = {
      id: 'b2000000-0000-4000-8000-000000000001',
      session_id: SESSION,
      file_name: 'national.csv',
      file_sha256: 'ab'.repeat(32),
      rows_total: 3,
      rows_loaded: 2,
      // the contract types each error as a free object ({row, column, code, message})
      errors: [{ row: 4, column: 'status', code: 'value_not_allowed', message: 'pending 不在允许值内' }] as unknown as NationalImportView['errors'],
      created_at: '2026-11-25T02:00:00Z',
    }
    comparison.importNationalRecords.mockResolvedValue(result)
    const { wrapper } = await mountAt(at, admin)
    expect(wrapper.find('[data-testid="anomaly-resolve"]').exists()).toBe(false)

    // no file: said under the field, nothing sent
    await wrapper.get('[data-testid="national-import-form"]').trigger('submit')
    await settle()
    expect(comparison.importNationalRecords).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(wrapper.get('[data-testid="national-import-form"]').text()).toContain('请选择要导入的文件'))

    const file = new File(['身份证号,姓名,报名状态,是否缴费\n'], 'national.csv', { type: 'text/csv' })
    const input = wrapper.get('input[data-testid="national-import-file"]')
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    await wrapper.get('[data-testid="national-import-form"]').trigger('submit')
    await settle()
    expect(comparison.importNationalRecords).toHaveBeenCalledWith(SESSION, file, 'national.csv', 'text/csv')
    const shown = wrapper.get('[data-testid="national-import-result"]')
    expect(shown.get('[data-testid="national-import-outcome"]').text()).toContain('已导入 national.csv：共 3 行，成功 2 行，未导入 1 行。')
    expect(shown.get('[data-testid="national-rows-loaded"]').text()).toBe('2')
    expect(shown.get('[data-testid="national-rows-refused"]').text()).toBe('1')
    expect(shown.get('[data-testid="national-error-row"]').text()).toBe('4')
    expect(shown.get('[data-testid="national-error-code"]').text()).toBe('value_not_allowed')
    expect(shown.get('[data-testid="national-import-errors"]').text()).toContain('pending 不在允许值内')
  })

  it('says why a file was refused whole, with the server’s details', async () => {
    comparison.importNationalRecords.mockRejectedValue(
      problem(422, 'validation_failed', { errors: { file: ['headers_invalid'] }, detail: 'status 缺少必填列' }),
    )
    const { wrapper } = await mountAt(at, admin)
    const input = wrapper.get('input[data-testid="national-import-file"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['a,b\n'], 'x.xlsx')], configurable: true })
    await input.trigger('change')
    await wrapper.get('[data-testid="national-import-form"]').trigger('submit')
    await settle()
    expect(comparison.importNationalRecords).toHaveBeenCalledWith(SESSION, expect.any(File), 'x.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const form = wrapper.get('[data-testid="national-import-form"]')
    await vi.waitFor(() => expect(form.text()).toContain('表头不符合要求'))
    expect(form.text()).toContain('详细说明：status 缺少必填列')
    expect(wrapper.find('[data-testid="national-import-result"]').exists()).toBe(false)
  })

  it('runs the comparison, shows what it found per kind and reloads the list', async () => {
    const run: ComparisonRun = {
      id: 'c3000000-0000-4000-8000-000000000001',
      session_id: SESSION,
      import_id: 'b2000000-0000-4000-8000-000000000001',
      compared: 12,
      // the contract types `found` as a free object (kind → count)
      found: { only_national: 1, only_provincial: 2, identity_mismatch: 1, status_mismatch: 0, payment_mismatch: 0, field_difference: 0 } as unknown as ComparisonRun['found'],
      new: 3,
      gone: 1,
      reverify_job: 7,
      started_at: '2026-11-25T02:00:00Z',
      finished_at: '2026-11-25T02:00:01Z',
    }
    comparison.runComparison.mockResolvedValue(run)
    const { wrapper } = await mountAt(at, admin)
    expect(comparison.listComparisonAnomalies).toHaveBeenCalledTimes(1)
    await wrapper.get('[data-testid="comparison-run"]').trigger('click')
    await settle()
    expect(comparison.runComparison).toHaveBeenCalledWith(SESSION)
    const result = wrapper.get('[data-testid="comparison-run-result"]')
    expect(result.attributes('data-found')).toBe('4')
    expect(result.get('[data-testid="comparison-run-outcome"]').text()).toContain('比对完成：共比对 12 人，发现 4 条异常，其中新出现 3 条；1 条以前的异常已消失。')
    expect(result.get('[data-testid="run-found-count"][data-kind="only_provincial"]').text()).toBe('2')
    expect(result.get('[data-testid="run-found-kind"][data-kind="identity_mismatch"]').text()).toBe('身份信息不一致')
    expect(comparison.listComparisonAnomalies).toHaveBeenCalledTimes(2)
  })

  it('says that a comparison needs a national import first', async () => {
    comparison.runComparison.mockRejectedValue(problem(409, 'no_national_import'))
    const { wrapper } = await mountAt(at, admin)
    await wrapper.get('[data-testid="comparison-run"]').trigger('click')
    await settle()
    const error = wrapper.get('[data-testid="comparison-run-form"] [data-testid="error"]')
    expect(error.attributes('data-code')).toBe('no_national_import')
    expect(error.text()).toContain('此考试还没有导入国网数据')
  })
})

describe('comparison page: exam-region reviewers resolve', () => {
  const dialog = () => document.querySelector<HTMLElement>('[data-testid="resolve-dialog"]')
  const submit = () => document.querySelector<HTMLButtonElement>('[data-testid="resolve-submit"]')!.click()
  async function choose(resolution: string): Promise<void> {
    const radio = document.querySelector<HTMLInputElement>(`[data-testid="resolution-${resolution}"] input`)!
    radio.checked = true
    radio.dispatchEvent(new Event('change'))
    await settle()
  }

  it('offers “resolve” on open anomalies only, and not to region administrators', async () => {
    const { wrapper } = await mountAt(at, regionReviewer)
    expect(wrapper.findAll('[data-testid="anomaly-resolve"]')).toHaveLength(2)
    expect(wrapper.find('[data-testid="comparison-import-card"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="comparison-run"]').exists()).toBe(false)
  })

  it('needs a note for “other”, then resolves and reloads the list', async () => {
    comparison.resolveComparisonAnomaly.mockResolvedValue(anomaly({ state: 'resolved', resolution: 'other', note: '考生已改名' }))
    const { wrapper } = await mountAt(at, regionReviewer)
    await wrapper.get('[data-testid="anomaly-resolve"]').trigger('click')
    await settle()
    expect(dialog()?.textContent).toContain('张晓燕（410105********0245）：身份信息不一致')
    expect(dialog()?.textContent).toContain('两边的数据都正确')

    submit()
    await settle()
    expect(comparison.resolveComparisonAnomaly).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('请选择处理结果'))

    await choose('other')
    submit()
    await settle()
    expect(comparison.resolveComparisonAnomaly).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('选择“其他”时须填写备注说明'))

    typeInto('textarea[data-testid="resolve-note"]', ' 考生已改名 ')
    await settle()
    submit()
    await settle()
    expect(comparison.resolveComparisonAnomaly).toHaveBeenCalledWith(anomaly().id, { resolution: 'other', note: '考生已改名' })
    expect(comparison.listComparisonAnomalies).toHaveBeenCalledTimes(2)
    await vi.waitFor(() => expect(document.body.textContent).toContain('已登记处理结果：其他'))
  })

  it('sends no note for a resolution without one', async () => {
    comparison.resolveComparisonAnomaly.mockResolvedValue(anomaly({ state: 'resolved', resolution: 'corrected_provincial' }))
    const { wrapper } = await mountAt(at, regionReviewer)
    await wrapper.get('[data-testid="anomaly-resolve"]').trigger('click')
    await settle()
    await choose('corrected_provincial')
    submit()
    await settle()
    expect(comparison.resolveComparisonAnomaly).toHaveBeenCalledWith(anomaly().id, { resolution: 'corrected_provincial' })
  })

  it('says when the anomaly is no longer open, and reloads on request', async () => {
    comparison.resolveComparisonAnomaly.mockRejectedValue(problem(409, 'anomaly_not_open'))
    const { wrapper } = await mountAt(at, regionReviewer)
    await wrapper.get('[data-testid="anomaly-resolve"]').trigger('click')
    await settle()
    await choose('confirmed_correct')
    submit()
    await settle()
    const conflict = document.querySelector<HTMLElement>('[data-testid="resolve-conflict"]')!
    expect(conflict.dataset.code).toBe('anomaly_not_open')
    expect(conflict.textContent).toContain('此异常已被处理或已不再出现')
    document.querySelector<HTMLButtonElement>('[data-testid="resolve-refresh"]')!.click()
    await settle()
    expect(comparison.listComparisonAnomalies).toHaveBeenCalledTimes(2)
  })

  it('shows the server’s refusal of a note under the note', async () => {
    comparison.resolveComparisonAnomaly.mockRejectedValue(problem(422, 'validation_failed', { errors: { note: ['note_too_long'] } }))
    const { wrapper } = await mountAt(at, regionReviewer)
    await wrapper.get('[data-testid="anomaly-resolve"]').trigger('click')
    await settle()
    await choose('corrected_national')
    typeInto('textarea[data-testid="resolve-note"]', '国网已更正')
    await settle()
    submit()
    await settle()
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('备注不能超过 500 个字符'))
    expect(dialog()?.querySelector('[data-testid="error"]')).toBeNull()
  })
})
