import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import InstitutionView from '@/views/InstitutionView.vue'
import type { FilingView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { officeDay } from '@/utils/format'
import { plugins, problem, settle, staff, testRouter, tokens } from './helpers'

const institution = vi.hoisted(() => ({
  listInstitutionFilings: vi.fn(),
  fileInstitutionProbation: vi.fn(),
  updateInstitutionProbation: vi.fn(),
  revokeInstitutionProbation: vi.fn(),
}))
vi.mock('@/api/institution', () => institution)

const ID = '41010519900708031X'

const filing = (overrides: Partial<FilingView> = {}): FilingView => ({
  filing_no: 'PF20261203AB12CD34',
  institution_code: 'H4101001',
  id_number_masked: '410105********031X',
  name: '李明',
  category_code: 'clinical',
  started_on: '2024-07-01',
  ended_on: '2025-06-30',
  valid_until: '2026-07-04',
  certificate_number: 'SY-2025-0001',
  legal_representative: '王院长',
  status: 'filed',
  revoke_reason: null,
  created_at: '2025-07-05T01:00:00Z',
  updated_at: '2025-07-05T01:00:00Z',
  ...overrides,
})

const revoked = filing({
  filing_no: 'PF20250101EE00FF11',
  name: '赵医生',
  id_number_masked: '410311********0123',
  category_code: 'tcm',
  certificate_number: 'SY-2024-0009',
  status: 'revoked',
  revoke_reason: '证明信息有误',
})

const page = (items: FilingView[]) => ({ items, page: 1, page_size: 20 })

/** An institution user; `institution_code: null` is a profile that does not tell the institution. */
async function mountPortal(locale: 'zh-CN' | 'en-US' = 'zh-CN', institutionCode: string | null = null) {
  const { pinia, i18n } = plugins()
  i18n.global.locale.value = locale
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({
    role: 'institution',
    review_level: null,
    username: 'inst_h4101001',
    display_name: '郑州市第一人民医院',
    institution_code: institutionCode,
  })
  const router = testRouter([{ path: '/institution', name: 'institution', component: InstitutionView }])
  await router.push('/institution')
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper }
}

const dialog = () => document.querySelector<HTMLElement>('[data-testid="filing-dialog"]')!
const revokeDialog = () => document.querySelector<HTMLElement>('[data-testid="revoke-dialog"]')!
const input = (testid: string) => document.querySelector<HTMLInputElement>(`input[data-testid="${testid}"], textarea[data-testid="${testid}"]`)!

function typeInto(testid: string, value: string): void {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
}

async function choose(selector: string): Promise<void> {
  const el = document.querySelector<HTMLInputElement>(`${selector} input`)!
  el.checked = true
  el.dispatchEvent(new Event('change'))
  await settle()
}

async function submit(form: string): Promise<void> {
  document.querySelector<HTMLFormElement>(`[data-testid="${form}"]`)!.dispatchEvent(new Event('submit'))
  await settle()
}

async function fillGood(): Promise<void> {
  typeInto('filing-id-number', ID)
  typeInto('filing-name', '李明')
  typeInto('filing-legal', '王院长')
  await choose('[data-testid="filing-category-clinical"]')
  typeInto('filing-started', '2024-07-01')
  typeInto('filing-ended', '2025-06-30')
  typeInto('filing-certificate', 'SY-2025-0001')
  await choose('[data-testid="filing-sealed"]')
  await settle()
}

beforeEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
  for (const fn of Object.values(institution)) fn.mockReset()
})

describe('institution portal: the list', () => {
  it('lists the certificates with masked ID numbers, categories and statuses in words; revoked ones cannot change', async () => {
    institution.listInstitutionFilings.mockResolvedValue(page([filing(), revoked]))
    const { wrapper } = await mountPortal()
    expect(institution.listInstitutionFilings).toHaveBeenCalledWith({ page: 1, page_size: 20 })
    expect(wrapper.get('h1').text()).toBe('试用期考核证明备案')
    expect(wrapper.get('[data-testid="institution-code"]').text()).toBe('机构代码：H4101001')
    const rows = wrapper.findAll('[data-testid="filings"] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].get('[data-testid="filing-no"]').text()).toBe('PF20261203AB12CD34')
    expect(rows[0].get('[data-testid="filing-id"]').text()).toBe('410105********031X')
    expect(rows[0].get('[data-testid="filing-category"]').text()).toBe('临床')
    expect(rows[0].get('[data-testid="filing-period"]').text()).toBe('2024-07-01 至 2025-06-30')
    expect(rows[0].get('[data-testid="filing-valid-until"]').text()).toBe('2026-07-04')
    expect(rows[0].get('[data-testid="filing-status"]').text()).toBe('已备案')
    expect(rows[0].find('[data-testid="filing-edit"]').attributes('aria-label')).toBe('修改 李明 的证明 PF20261203AB12CD34')
    expect(rows[1].get('[data-testid="filing-status"]').text()).toBe('已撤销')
    expect(rows[1].get('[data-testid="filing-revoke-reason"]').text()).toBe('撤销原因：证明信息有误')
    expect(rows[1].get('[data-testid="filing-category"]').text()).toBe('中医')
    expect(rows[1].find('[data-testid="filing-edit"]').exists()).toBe(false)
    expect(rows[1].find('[data-testid="filing-revoke"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="filings-pager"]').exists()).toBe(false)
  })

  it('pages on when a page is full', async () => {
    const full = Array.from({ length: 20 }, (_, i) => filing({ filing_no: `PF2026120300000${String(i).padStart(3, '0')}` }))
    institution.listInstitutionFilings.mockResolvedValueOnce(page(full)).mockResolvedValueOnce(page([filing()]))
    const { wrapper } = await mountPortal()
    await wrapper.get('[data-testid="filings-next"]').trigger('click')
    await settle()
    expect(institution.listInstitutionFilings).toHaveBeenLastCalledWith({ page: 2, page_size: 20 })
    expect(wrapper.get('[data-testid="filings-next"]').attributes('disabled')).toBeDefined()
  })

  it('speaks English when the console does', async () => {
    institution.listInstitutionFilings.mockResolvedValue(page([filing()]))
    const { wrapper } = await mountPortal('en-US')
    expect(wrapper.get('h1').text()).toBe('Probation certificates')
    expect(wrapper.get('[data-testid="filing-category"]').text()).toBe('Clinical')
    expect(wrapper.get('[data-testid="filing-status"]').text()).toBe('Filed')
  })
})

describe('institution portal: filing', () => {
  it('files for the account’s institution, prefilled and locked from the profile', async () => {
    institution.listInstitutionFilings.mockResolvedValue(page([]))
    const { wrapper } = await mountPortal('zh-CN', 'H4101001')
    expect(wrapper.get('[data-testid="institution-code"]').text()).toBe('机构代码：H4101001')
    await wrapper.get('[data-testid="filing-new"]').trigger('click')
    await settle()
    expect(input('filing-institution').value).toBe('H4101001')
    expect(input('filing-institution').disabled).toBe(true)
    expect(dialog().textContent).toContain('本账户所属机构，不能更改')
  })

  it('checks the form first, then files and says how many registrations were re-verified', async () => {
    institution.listInstitutionFilings.mockResolvedValueOnce(page([])).mockResolvedValueOnce(page([filing()]))
    institution.fileInstitutionProbation.mockResolvedValue(filing({ reverified_registrations: 1 }))
    const { wrapper } = await mountPortal()
    expect(wrapper.find('[data-testid="institution-code"]').exists()).toBe(false)
    await wrapper.get('[data-testid="filing-new"]').trigger('click')
    await settle()
    // a profile without the institution and no certificate yet: the institution is typed
    expect(input('filing-institution').disabled).toBe(false)
    expect(dialog().textContent).toContain('只能为本机构备案')

    await submit('filing-form')
    expect(institution.fileInstitutionProbation).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(dialog().textContent).toContain('请输入证件号码'))
    expect(dialog().textContent).toContain('证明须由法定代表人签字并加盖机构公章')

    typeInto('filing-institution', 'H4101001')
    await fillGood()
    typeInto('filing-ended', officeDay(new Date(Date.now() + 3 * 86_400_000)))
    await submit('filing-form')
    expect(institution.fileInstitutionProbation).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(dialog().textContent).toContain('试用期尚未结束'))

    typeInto('filing-ended', '2025-06-30')
    await submit('filing-form')
    expect(institution.fileInstitutionProbation).toHaveBeenCalledWith({
      institution_code: 'H4101001',
      id_type: 'resident_id',
      id_number: ID,
      name: '李明',
      category_code: 'clinical',
      started_on: '2024-07-01',
      ended_on: '2025-06-30',
      certificate_number: 'SY-2025-0001',
      legal_representative: '王院长',
      signed_and_sealed: true,
    })
    const outcome = wrapper.get('[data-testid="filing-outcome"]')
    expect(outcome.text()).toBe('已备案证明 PF20261203AB12CD34（李明）：1 份报名已重新核验。')
    expect(outcome.attributes('data-reverified')).toBe('1')
    expect(institution.listInstitutionFilings).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[data-testid="institution-code"]').text()).toBe('机构代码：H4101001')
  })

  it('says the server’s field codes under their fields, translated', async () => {
    institution.listInstitutionFilings.mockResolvedValue(page([]))
    institution.fileInstitutionProbation.mockRejectedValue(
      problem(422, 'validation_failed', { errors: { institution_code: ['not_your_institution'], ended_on: ['probation_too_short'], id_number: ['id_number_checksum'] } }),
    )
    const { wrapper } = await mountPortal()
    await wrapper.get('[data-testid="filing-new"]').trigger('click')
    await settle()
    typeInto('filing-institution', 'H4101999')
    await fillGood()
    await submit('filing-form')
    await vi.waitFor(() => expect(dialog().textContent).toContain('只能为本账户所属的机构备案'))
    expect(dialog().textContent).toContain('试用期不足一年')
    expect(dialog().textContent).toContain('证件号码有误（最后一位校验码不符）')
    // said under the fields only
    expect(dialog().querySelector('[data-testid="error"]')).toBeNull()
    // a changed field's old message goes
    typeInto('filing-institution', 'H4101001')
    await vi.waitFor(() => expect(dialog().textContent).not.toContain('只能为本账户所属的机构备案'))
    expect(dialog().textContent).toContain('试用期不足一年')
  })

  it('says a conflict above the form and under its field', async () => {
    institution.listInstitutionFilings.mockResolvedValue(page([filing()]))
    institution.fileInstitutionProbation.mockRejectedValue(problem(409, 'already_filed'))
    const { wrapper } = await mountPortal()
    await wrapper.get('[data-testid="filing-new"]').trigger('click')
    await settle()
    // the institution of the certificates, locked
    expect(input('filing-institution').value).toBe('H4101001')
    expect(input('filing-institution').disabled).toBe(true)
    await fillGood()
    await submit('filing-form')
    const error = dialog().querySelector<HTMLElement>('[data-testid="error"]')!
    expect(error.dataset.code).toBe('already_filed')
    expect(error.textContent).toContain('此人已有一份有效的试用期考核证明')
    expect(wrapper.find('[data-testid="filing-outcome"]').exists()).toBe(false)
  })
})

describe('institution portal: editing and revoking', () => {
  it('edits a certificate: the same person’s ID number again, the issue day kept', async () => {
    institution.listInstitutionFilings.mockResolvedValue(page([filing()]))
    institution.updateInstitutionProbation.mockResolvedValue(filing({ certificate_number: 'SY-2025-0002', reverified_registrations: 2 }))
    const { wrapper } = await mountPortal()
    await wrapper.get('[data-testid="filing-edit"]').trigger('click')
    await settle()
    expect(dialog().dataset.mode).toBe('edit')
    expect(input('filing-name').value).toBe('李明')
    expect(input('filing-id-number').value).toBe('')
    expect(input('filing-issued').value).toBe('2025-07-05')
    expect(dialog().querySelector('[data-testid="filing-id-hint"]')!.textContent).toContain('410105********031X')

    typeInto('filing-id-number', '410105199007080329')
    typeInto('filing-certificate', 'SY-2025-0002')
    await choose('[data-testid="filing-sealed"]')
    await submit('filing-form')
    expect(institution.updateInstitutionProbation).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(dialog().textContent).toContain('证件号码与原证明不是同一人'))

    typeInto('filing-id-number', ID)
    await submit('filing-form')
    expect(institution.updateInstitutionProbation).toHaveBeenCalledWith('PF20261203AB12CD34', {
      institution_code: 'H4101001',
      id_type: 'resident_id',
      id_number: ID,
      name: '李明',
      category_code: 'clinical',
      started_on: '2024-07-01',
      ended_on: '2025-06-30',
      issued_on: '2025-07-05',
      certificate_number: 'SY-2025-0002',
      legal_representative: '王院长',
      signed_and_sealed: true,
    })
    expect(wrapper.get('[data-testid="filing-outcome"]').text()).toBe('已修改证明 PF20261203AB12CD34（李明）：2 份报名已重新核验。')
  })

  it('revokes with a reason, in the dialog’s own words when it is missing', async () => {
    institution.listInstitutionFilings.mockResolvedValueOnce(page([filing()])).mockResolvedValueOnce(page([filing({ status: 'revoked', revoke_reason: '证明信息有误' })]))
    institution.revokeInstitutionProbation.mockResolvedValue(filing({ status: 'revoked', revoke_reason: '证明信息有误', reverified_registrations: 1 }))
    const { wrapper } = await mountPortal()
    await wrapper.get('[data-testid="filing-revoke"]').trigger('click')
    await settle()
    expect(revokeDialog().querySelector('[data-testid="revoke-subject"]')!.textContent).toContain('李明（410105********031X）的证明 PF20261203AB12CD34')
    revokeDialog().querySelector('form')!.dispatchEvent(new Event('submit'))
    await settle()
    expect(institution.revokeInstitutionProbation).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(revokeDialog().textContent).toContain('请填写撤销原因（1–500 个字符）'))

    typeInto('revoke-reason', '  证明信息有误  ')
    revokeDialog().querySelector('form')!.dispatchEvent(new Event('submit'))
    await settle()
    expect(institution.revokeInstitutionProbation).toHaveBeenCalledWith('PF20261203AB12CD34', '证明信息有误')
    expect(wrapper.get('[data-testid="filing-outcome"]').text()).toBe('已撤销证明 PF20261203AB12CD34（李明）：1 份报名已重新核验。')
    expect(wrapper.get('[data-testid="filing-status"]').text()).toBe('已撤销')
  })

  it('says when a certificate was revoked meanwhile', async () => {
    institution.listInstitutionFilings.mockResolvedValue(page([filing()]))
    institution.revokeInstitutionProbation.mockRejectedValue(problem(409, 'filing_revoked'))
    const { wrapper } = await mountPortal()
    await wrapper.get('[data-testid="filing-revoke"]').trigger('click')
    await settle()
    typeInto('revoke-reason', '重复')
    revokeDialog().querySelector('form')!.dispatchEvent(new Event('submit'))
    await settle()
    const error = revokeDialog().querySelector<HTMLElement>('[data-testid="error"]')!
    expect(error.dataset.code).toBe('filing_revoked')
    expect(error.textContent).toContain('此证明已撤销')
  })
})
