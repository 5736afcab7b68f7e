import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import FeesView from '@/views/FeesView.vue'
import type { AdminSessionView, FeeItemView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { formatYuan, parseYuan, yuanInput } from '@/utils/format'
import { checkFeeDraft, draftFromFee, emptyFeeDraft, feeInput, feeScope, sortFees } from '@/utils/fees'
import { plugins, problem, settle, staff, testRouter, tokens } from './helpers'

const api = vi.hoisted(() => ({ listAdminSessions: vi.fn(), updateSchedule: vi.fn(), listFees: vi.fn(), setFee: vi.fn() }))
vi.mock('@/api/sessions-admin', () => api)

const SESSION = 'a6f2c1d0-1b2c-4d3e-8f40-5a6b7c8d9e0f'
const session = (extra: Partial<AdminSessionView> = {}): AdminSessionView => ({
  id: SESSION,
  exam_type: 'physician',
  year: 2026,
  name: '2026年医师资格考试（河南考区）',
  status: 'published',
  review_chain: ['point', 'site', 'region'],
  registration_opens_at: '2026-01-05T01:00:00Z',
  registration_closes_at: '2026-01-25T09:00:00Z',
  review_windows: [],
  stages: [
    { code: 'skills', name: '实践技能考试', payment_opens_at: '2026-02-01T00:00:00Z', payment_closes_at: '2026-02-10T00:00:00Z' },
    { code: 'written', name: '医学综合笔试（一试）', payment_opens_at: '2026-06-01T00:00:00Z', payment_closes_at: '2026-06-10T00:00:00Z' },
  ],
  auto_confirm_returning: false,
  updated_at: '2026-01-02T00:00:00Z',
  ...extra,
})
const fee = (extra: Partial<FeeItemView> = {}): FeeItemView => ({
  id: '0d9c8b7a-6f5e-4d3c-9b2a-1f0e9d8c7b6a',
  stage_code: 'written',
  level_code: null,
  level_name: null,
  specialty_code: null,
  specialty_name: null,
  exam_format: 'computer',
  unit: 'per_stage',
  amount_fen: 30000,
  ...extra,
})

describe('yuan typed as text → integer fen', () => {
  it('moves the decimal point without floating point', () => {
    expect(parseYuan('56.5')).toBe(5650)
    expect(parseYuan('0.05')).toBe(5)
    expect(parseYuan('56.50')).toBe(5650)
    expect(parseYuan('120')).toBe(12000)
    expect(parseYuan(' 7 ')).toBe(700)
    expect(parseYuan('0')).toBe(0)
    expect(parseYuan('007.1')).toBe(710)
    // 0.1 + 0.2-style traps: read as digits, never as binary fractions
    expect(parseYuan('0.29')).toBe(29)
    expect(parseYuan('1.13')).toBe(113)
    expect(parseYuan('10000.00')).toBe(1_000_000)
  })

  it('refuses what is not a plain non-negative amount with at most two decimals', () => {
    for (const bad of ['1.234', '-1', 'abc', '', '   ', '1,000', '56.', '.5', '1e3', '+5', '5 0', '１２', 'NaN', 'Infinity', '99999999999999999']) {
      expect(parseYuan(bad), bad).toBeNull()
    }
  })

  it('writes fen back as yuan to edit, the inverse of parseYuan', () => {
    expect(yuanInput(5650)).toBe('56.50')
    expect(yuanInput(5)).toBe('0.05')
    expect(yuanInput(123456789)).toBe('1234567.89')
    for (const fen of [0, 5, 5650, 30000, 1_000_000]) expect(parseYuan(yuanInput(fen))).toBe(fen)
  })
})

describe('fee table: pure logic', () => {
  it('orders rows by stage, widest first, and names how wide a row applies', () => {
    const rows = [
      fee({ id: '1', stage_code: 'written', level_code: 'practising', specialty_code: '110' }),
      fee({ id: '2', stage_code: 'written' }),
      fee({ id: '3', stage_code: 'skills', level_code: 'practising' }),
      fee({ id: '4', stage_code: 'skills' }),
      fee({ id: '5', stage_code: 'other' }),
    ]
    expect(sortFees(rows, session().stages).map((r) => r.id)).toEqual(['4', '3', '2', '1', '5'])
    expect(feeScope(rows[0])).toBe('specialty')
    expect(feeScope(rows[2])).toBe('level')
    expect(feeScope(rows[1])).toBe('session')
  })

  it('checks the form and builds the body in fen', () => {
    expect(checkFeeDraft(emptyFeeDraft())).toEqual({ stage_code: ['required'], amount_fen: ['required'] })
    const draft = { ...emptyFeeDraft('written'), amount: '1.234' }
    expect(checkFeeDraft(draft)).toEqual({ amount_fen: ['amount_invalid'] })
    expect(checkFeeDraft({ ...draft, amount: '-1' })).toEqual({ amount_fen: ['amount_invalid'] })
    expect(checkFeeDraft({ ...draft, amount: '10000.01' })).toEqual({ amount_fen: ['out_of_range'] })
    expect(checkFeeDraft({ ...draft, amount: '56.5' })).toEqual({})
    expect(feeInput({ ...draft, amount: '56.5', level_code: ' practising ' })).toEqual({
      stage_code: 'written',
      level_code: 'practising',
      specialty_code: null,
      exam_format: 'computer',
      unit: 'per_subject',
      amount_fen: 5650,
    })
    expect(draftFromFee(fee())).toEqual({ stage_code: 'written', level_code: '', specialty_code: '', exam_format: 'computer', unit: 'per_stage', amount: '300.00' })
  })
})

async function mountView(query = `?session=${SESSION}`) {
  const { pinia, i18n } = plugins()
  const store = useSessionStore(pinia)
  store.setTokens(tokens())
  store.staff = staff({ role: 'region_admin', review_level: null, username: 'region_admin' })
  const router = testRouter([{ path: '/fees', name: 'fees', component: FeesView }])
  await router.push(`/fees${query}`)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

const body = (selector: string) => document.body.querySelector<HTMLElement>(selector)
async function click(selector: string): Promise<void> {
  const el = body(selector)
  if (!el) throw new Error(`nothing at ${selector}`)
  el.click()
  await settle(8)
}
async function fill(selector: string, value: string): Promise<void> {
  const el = body(selector) as HTMLInputElement
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}
const dialogText = () => body('[data-testid="fee-dialog"]')?.textContent ?? ''

beforeEach(() => {
  document.body.innerHTML = ''
  Object.values(api).forEach((f) => f.mockReset())
  api.listAdminSessions.mockResolvedValue([session()])
  api.listFees.mockResolvedValue([fee(), fee({ id: 'skills-row', stage_code: 'skills', amount_fen: 45000 })])
})

describe('fee table screen', () => {
  it('lists the fees of the session in yuan, stage by stage', async () => {
    const { wrapper } = await mountView()
    expect(api.listFees).toHaveBeenCalledWith(SESSION)
    const rows = [...document.body.querySelectorAll('[data-testid="fee-row"]')].map((r) => r.getAttribute('data-stage'))
    expect(rows).toEqual(['skills', 'written'])
    const amounts = [...document.body.querySelectorAll('[data-testid="fee-amount-cell"]')].map((c) => c.textContent)
    expect(amounts).toEqual([formatYuan(45000), '300.00'])
    expect(body('[data-testid="fees-table"]')?.textContent).toContain('实践技能考试')
    wrapper.unmount()
  })

  it('picks the first session when none is in the URL', async () => {
    const { wrapper, router } = await mountView('')
    await vi.waitFor(() => expect(router.currentRoute.value.query.session).toBe(SESSION))
    await vi.waitFor(() => expect(api.listFees).toHaveBeenCalledWith(SESSION))
    wrapper.unmount()
  })

  it('changes a price typed in yuan: refuses a bad amount, sends integer fen, shows the new amount', async () => {
    const { wrapper } = await mountView()
    await click('[data-testid="fee-edit"][aria-label*="医学综合笔试"]')
    expect((body('input[data-testid="fee-amount"]') as HTMLInputElement).value).toBe('300.00')

    await fill('input[data-testid="fee-amount"]', '1.234')
    await click('[data-testid="fee-save"]')
    expect(api.setFee).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(dialogText()).toContain('请输入金额，例如 56.5'))

    api.setFee.mockResolvedValueOnce(fee({ amount_fen: 5650 }))
    await fill('input[data-testid="fee-amount"]', '56.5')
    expect(body('[data-testid="fee-preview"]')?.textContent).toContain('56.50')
    await click('[data-testid="fee-save"]')
    expect(api.setFee).toHaveBeenCalledWith(SESSION, { stage_code: 'written', level_code: null, specialty_code: null, exam_format: 'computer', unit: 'per_stage', amount_fen: 5650 })
    await vi.waitFor(() => expect([...document.body.querySelectorAll('[data-testid="fee-amount-cell"]')].map((c) => c.textContent)).toContain('56.50'))
    wrapper.unmount()
  })

  it('explains 409 fee_in_use and shows the server’s field errors under their inputs', async () => {
    const { wrapper } = await mountView()
    await click('[data-testid="fee-edit"][aria-label*="实践技能"]')
    api.setFee.mockRejectedValueOnce(problem(409, 'fee_in_use'))
    await fill('input[data-testid="fee-amount"]', '460')
    await click('[data-testid="fee-save"]')
    await vi.waitFor(() => expect(body('[data-testid="fee-dialog"] [data-testid="error"]')?.getAttribute('data-code')).toBe('fee_in_use'))
    expect(dialogText()).toContain('已下单的订单按下单时的金额缴费')

    api.setFee.mockRejectedValueOnce(problem(422, 'validation_failed', { errors: { amount_fen: ['out_of_range'], level_code: ['level_unknown'] } }))
    await click('[data-testid="fee-save"]')
    await vi.waitFor(() => expect(dialogText()).toContain('金额须在 0–10000 元之间'))
    expect(dialogText()).toContain('此考试没有这个级别代码')
    expect(body('[data-testid="fee-dialog"] [data-testid="error"]')).toBeNull()
    wrapper.unmount()
  })

  it('adds a row for one level of a stage', async () => {
    api.setFee.mockResolvedValueOnce(fee({ id: 'new', stage_code: 'skills', level_code: 'assistant', level_name: '执业助理医师', amount_fen: 40050 }))
    const { wrapper } = await mountView()
    await click('[data-testid="fee-add"]')
    await fill('input[data-testid="fee-level"]', 'assistant')
    await fill('input[data-testid="fee-amount"]', '400.5')
    await click('[data-testid="fee-save"]')
    expect(api.setFee).toHaveBeenCalledWith(SESSION, { stage_code: 'skills', level_code: 'assistant', specialty_code: null, exam_format: 'computer', unit: 'per_subject', amount_fen: 40050 })
    await vi.waitFor(() => expect(document.body.querySelectorAll('[data-testid="fee-row"]').length).toBe(3))
    expect(body('[data-testid="fees-table"]')?.textContent).toContain('级别：执业助理医师（assistant）')
    wrapper.unmount()
  })
})
