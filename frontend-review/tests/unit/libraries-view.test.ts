import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import LibrariesView from '@/views/LibrariesView.vue'
import type { BatchView, LibraryInfo } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, testRouter, tokens } from './helpers'

const libs = vi.hoisted(() => ({
  listLibraries: vi.fn(),
  listBatches: vi.fn(),
  importFile: vi.fn(),
  downloadReport: vi.fn(),
  listRows: vi.fn(),
  exportLibrary: vi.fn(),
  cleanupLibraries: vi.fn(),
}))
vi.mock('@/api/libraries', () => libs)
const files = vi.hoisted(() => ({ saveFile: vi.fn() }))
vi.mock('@/utils/save-file', () => files)

const BATCH = '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f'

const batch = (overrides: Partial<BatchView> = {}): BatchView => ({
  id: BATCH,
  library: 'violations',
  mode: 'replace',
  on_error: 'accept_valid',
  status: 'active',
  file_name: 'violations.csv',
  file_format: 'csv',
  file_sha256: 'ab',
  rows_total: 2,
  rows_loaded: 1,
  rows_rejected: 1,
  error_count: 1,
  errors: [{ row: 3, column: 'id_number', code: 'id_number_invalid', message: '证件号码校验位错误' }],
  ignored_columns: ['备注'],
  created_by: '31592b5f-25d1-490f-8b9c-4df945d3db6d',
  created_at: '2026-11-25T22:00:00Z',
  superseded_at: null,
  report_url: `/api/v1/admin/library-batches/${BATCH}/report`,
  ...overrides,
})

const violations = (liveRows = 0): LibraryInfo => ({
  code: 'violations',
  name: '违纪人员库',
  keyed_by_id: true,
  columns: [
    { name: 'id_type', aliases: ['证件类型'], type: 'code', values: [], required: false },
    { name: 'id_number', aliases: ['证件号码', '身份证号'], type: 'text', values: [], required: true },
    { name: 'name', aliases: ['姓名'], type: 'text', values: [], required: true },
    { name: 'sanction', aliases: ['处理类型'], type: 'enum', values: ['ban_2y', 'ban_lifetime'], required: true },
    { name: 'to_year', aliases: ['截止年度'], type: 'year', values: [], required: false },
  ],
  live_rows: liveRows,
  latest_batch: liveRows > 0 ? batch() : null,
})

const institutions: LibraryInfo = {
  code: 'institutions',
  name: '机构库',
  keyed_by_id: false,
  columns: [{ name: 'code', aliases: ['机构代码'], type: 'code', values: [], required: true }],
  live_rows: 0,
  latest_batch: null,
}

async function setup(path = '/libraries') {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({ role: 'region_admin', review_level: null })
  const router = testRouter([{ path: '/libraries', name: 'libraries', component: LibrariesView }])
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

function chooseFile(wrapper: Awaited<ReturnType<typeof setup>>['wrapper'], file: File) {
  const input = wrapper.get('input[data-testid="import-file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  return input.trigger('change')
}

/** Clicks the confirm button of the open ElMessageBox. */
async function confirmBox(): Promise<void> {
  await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
  document.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!.click()
  await settle()
}

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  Object.values(libs).forEach((f) => f.mockReset())
  files.saveFile.mockReset()
  libs.listLibraries.mockResolvedValue([institutions, violations()])
  libs.listBatches.mockResolvedValue([])
})

describe('libraries screen', () => {
  it('lists the libraries and opens one from the URL, with the headers operators can use', async () => {
    const { wrapper, router } = await setup()
    expect(wrapper.get('[data-testid="libraries-table"]').text()).toContain('违纪人员库')
    expect(wrapper.get('[data-testid="libraries-table"]').text()).toContain('尚未导入')
    expect(wrapper.find('[data-testid="library-detail"]').exists()).toBe(false)

    await wrapper.get('[data-testid="library-violations"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.query.library).toBe('violations')
    expect(wrapper.get('[data-testid="library-detail"]').attributes('data-library')).toBe('violations')
    const columns = wrapper.get('[data-testid="library-columns"]').text()
    expect(columns).toContain('证件号码、身份证号')
    expect(columns).toContain('ban_2y / ban_lifetime')
    expect(columns).toContain('必填')
  })

  it('checks the mapping before uploading, shows progress, then the batch with its errors and report', async () => {
    let finish: (b: BatchView) => void = () => undefined
    libs.importFile.mockImplementation(() => new Promise((resolve) => (finish = resolve)))
    libs.downloadReport.mockResolvedValue({ blob: new Blob(['x']), fileName: `import-${BATCH}-errors.xlsx` })
    const { wrapper } = await setup('/libraries?library=violations')

    await wrapper.get('[data-testid="import-submit"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('请选择要导入的文件'))

    const file = new File(['人员证件,姓名\n'], 'violations.csv', { type: 'text/csv' })
    await chooseFile(wrapper, file)
    await wrapper.get('textarea[data-testid="import-mapping"]').setValue('{"人员证件": "idnumber"}')
    await wrapper.get('form[data-testid="import-form"]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.text()).toContain('此库没有名为“idnumber”的列'))
    expect(libs.importFile).not.toHaveBeenCalled()

    await wrapper.get('textarea[data-testid="import-mapping"]').setValue('{"人员证件": "id_number"}')
    await wrapper.get('form[data-testid="import-form"]').trigger('submit')
    await settle()
    expect(libs.importFile).toHaveBeenCalledWith('violations', file, {
      mode: 'replace',
      on_error: 'accept_valid',
      file_name: 'violations.csv',
      mapping: '{"人员证件":"id_number"}',
    })
    expect(wrapper.get('[data-testid="import-progress"]').text()).toContain('正在上传并导入 violations.csv')

    libs.listLibraries.mockResolvedValue([institutions, violations(1)])
    finish(batch())
    await settle()
    expect(wrapper.find('[data-testid="import-progress"]').exists()).toBe(false)
    const result = wrapper.get('[data-testid="batch-result"]')
    expect(result.get('[data-testid="batch-status"]').text()).toBe('已生效')
    expect(result.get('[data-testid="batch-outcome"]').text()).toBe('部分导入：1 条记录已导入，1 行有错误未导入。')
    expect(result.get('[data-testid="batch-loaded"]').text()).toBe('1')
    expect(result.get('[data-testid="batch-ignored"]').text()).toContain('备注')
    const errors = result.get('[data-testid="batch-errors"]').text()
    expect(errors).toContain('id_number_invalid')
    expect(errors).toContain('证件号码校验位错误')
    expect(wrapper.get('[data-testid="live-rows-violations"]').text()).toBe('1')

    await result.get('[data-testid="download-report"]').trigger('click')
    await settle()
    expect(libs.downloadReport).toHaveBeenCalledWith(BATCH)
    expect(files.saveFile).toHaveBeenCalledWith({ blob: expect.any(Blob), fileName: `import-${BATCH}-errors.xlsx` })
  })

  it('asks before replacing a library that has rows, and shows the server’s field errors under the field', async () => {
    libs.listLibraries.mockResolvedValue([violations(5)])
    libs.importFile.mockRejectedValue(problem(422, 'validation_failed', { errors: { file: ['file_empty'] } }))
    const { wrapper } = await setup('/libraries?library=violations')
    await chooseFile(wrapper, new File([], 'empty.csv'))
    await wrapper.get('form[data-testid="import-form"]').trigger('submit')
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')?.textContent).toContain('现有的 5 条记录将被归档'))
    expect(libs.importFile).not.toHaveBeenCalled()
    await confirmBox()
    expect(libs.importFile).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(wrapper.get('[data-testid="import-form"]').text()).toContain('文件为空'))
    expect(wrapper.get('[data-testid="import-form"]').find('[data-testid="error"]').exists()).toBe(false)
  })

  it('searches rows by ID number with paging, hides the raw ID columns and exports CSV', async () => {
    libs.listRows.mockResolvedValue({
      total: 1,
      page: 1,
      page_size: 20,
      items: [{ id: 17, batch_id: BATCH, id_masked: '410105********0245', name: '张晓燕', sanction: 'ban_2y', to_year: null }],
    })
    libs.exportLibrary.mockResolvedValue({ blob: new Blob(['a']), fileName: 'violations.csv' })
    const { wrapper } = await setup('/libraries?library=violations')
    expect(libs.listRows).not.toHaveBeenCalled()
    await wrapper.findAll('.el-tabs__item').find((tab) => tab.text() === '数据查询')!.trigger('click')
    await settle()
    expect(libs.listRows).toHaveBeenCalledWith('violations', { page: 1, page_size: 20 })
    const table = wrapper.get('[data-testid="rows-table"]')
    expect(table.text()).toContain('410105********0245')
    expect(table.text()).toContain('处理类型')
    expect(table.text()).not.toContain('证件类型')

    await wrapper.get('input[data-testid="rows-id-number"]').setValue(' 410105199503120245 ')
    await wrapper.get('[data-testid="rows-search"]').trigger('submit')
    await settle()
    expect(libs.listRows).toHaveBeenLastCalledWith('violations', { page: 1, page_size: 20, id_number: '410105199503120245' })

    await wrapper.get('[data-testid="rows-export"]').trigger('click')
    await settle()
    expect(libs.exportLibrary).toHaveBeenCalledWith('violations')
    expect(files.saveFile).toHaveBeenCalledWith({ blob: expect.any(Blob), fileName: 'violations.csv' })
  })

  it('cleans up only after a dry run and a confirmation', async () => {
    libs.cleanupLibraries.mockImplementation(async (_year: number, apply: boolean) => [
      { library: 'violations', expired: 3 },
      // the applied answer counts what was removed, which may differ from the dry run's count
      { library: 'fresh_graduates', expired: apply ? 3 : 4 },
    ])
    const { wrapper } = await setup()
    await wrapper.get('[data-testid="cleanup-open"]').trigger('click')
    await settle()
    const apply = () => document.querySelector<HTMLButtonElement>('[data-testid="cleanup-apply"]')!
    expect(apply().disabled).toBe(true)
    document.querySelector<HTMLButtonElement>('[data-testid="cleanup-dry-run"]')!.click()
    await settle()
    const year = new Date().getFullYear()
    expect(libs.cleanupLibraries).toHaveBeenCalledWith(year, false)
    expect(document.querySelector('[data-testid="cleanup-total"]')!.textContent).toContain(`${year} 年度之前过期的记录共 7 条`)
    expect(document.querySelector('[data-testid="cleanup-counts"]')!.textContent).toContain('应届毕业生库')
    expect(apply().disabled).toBe(false)

    libs.listLibraries.mockClear()
    apply().click()
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')?.textContent).toContain('7 条记录'))
    expect(libs.cleanupLibraries).toHaveBeenCalledTimes(1)
    await confirmBox()
    expect(libs.cleanupLibraries).toHaveBeenLastCalledWith(year, true)
    expect(document.querySelector('[data-testid="cleanup-total"]')!.textContent).toContain('已归档并删除 6 条记录')
    expect(apply().disabled).toBe(true)
    expect(libs.listLibraries).toHaveBeenCalledTimes(1)
  })
})
