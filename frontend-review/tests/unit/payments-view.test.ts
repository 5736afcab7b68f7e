import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import PaymentsView from '@/views/PaymentsView.vue'
import AbnormalView from '@/views/AbnormalView.vue'
import type { AbnormalReport, PaymentAlert, ReconciliationView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { officeDay } from '@/utils/format'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const payments = vi.hoisted(() => ({ listReconciliations: vi.fn(), runReconciliation: vi.fn(), listPaymentAlerts: vi.fn() }))
vi.mock('@/api/payments', () => payments)
const review = vi.hoisted(() => ({ getAbnormal: vi.fn() }))
vi.mock('@/api/review', () => review)

const REG = '0b8e7f5c-2d41-4c3a-9f7e-6a5b4c3d2e1f'

const run = (overrides: Partial<ReconciliationView> = {}): ReconciliationView => ({
  id: 'c7a1e9d2-0000-4000-8000-000000000001',
  day: '2026-11-25',
  status: 'discrepancies',
  matched: 3,
  discrepancies: 1,
  healed: 1,
  ours_total_fen: 32000,
  theirs_total_fen: 31050,
  items: [{ order_no: 'WK202611250001', class: 'mismatch', ours_fen: 8000, theirs_fen: 7050 }],
  run_by: 'worker',
  run_at: '2026-11-25T18:30:00Z',
  ...overrides,
})

const alert: PaymentAlert = {
  order_no: 'WK202611240007',
  registration_id: REG,
  stage_code: 'written',
  amount_fen: 12345,
  status: 'refunding',
  alert: 'duplicate_payment',
  refund_status: 'queued',
  refund_no: 'RF0001',
  updated_at: '2026-11-24T02:00:00Z',
}

async function mountAt(component: unknown, name: string, profile = {}, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const { pinia, i18n } = plugins()
  i18n.global.locale.value = locale
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: `/${name}`, name, component: component as never },
    { path: '/registrations/:id', name: 'registration', component: Stub('registration') },
  ])
  await router.push(`/${name}`)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  sessionStorage.clear()
  document.body.innerHTML = ''
  Object.values(payments).forEach((f) => f.mockReset())
  review.getAbnormal.mockReset()
  payments.listReconciliations.mockResolvedValue([run()])
  payments.listPaymentAlerts.mockResolvedValue([alert])
})

const admin = { role: 'region_admin', review_level: null }

describe('payments page', () => {
  it('lists the runs with amounts in yuan, their discrepancies on request, and the alerts', async () => {
    const { wrapper } = await mountAt(PaymentsView, 'payments', admin)
    const runs = wrapper.get('[data-testid="reconciliations"]')
    expect(runs.get('[data-testid="run-day"]').text()).toBe('2026-11-25')
    expect(runs.get('[data-testid="run-status"]').text()).toBe('有差异')
    expect(runs.get('[data-testid="run-ours"]').text()).toBe('320.00')
    expect(runs.get('[data-testid="run-theirs"]').text()).toBe('310.50')
    expect(runs.text()).toContain('相差 9.50 元')
    expect(runs.text()).toContain('系统定时任务')

    expect(wrapper.find('[data-testid="discrepancies"]').exists()).toBe(false)
    const expand = runs.get('button.el-table__expand-icon')
    expect(expand.attributes('aria-expanded')).toBe('false')
    await expand.trigger('click')
    await settle()
    const items = wrapper.get('[data-testid="discrepancies"]')
    expect(items.get('[data-testid="discrepancy-order"]').text()).toBe('WK202611250001')
    expect(items.get('[data-testid="discrepancy-class"]').text()).toBe('双方金额或交易号不一致')
    expect(items.text()).toContain('80.00')
    expect(items.text()).toContain('70.50')

    const alerts = wrapper.get('[data-testid="payment-alerts"]')
    expect(alerts.get('[data-testid="alert-kind"]').text()).toBe('重复缴费')
    expect(alerts.text()).toContain('123.45')
    expect(alerts.text()).toContain('退款中')
    expect(alerts.text()).toContain('待退款')
    expect(alerts.get('[data-testid="alert-registration"]').attributes('href')).toContain(`/registrations/${REG}`)
  })

  it('runs today’s reconciliation, shows the result and marks the new run in the reloaded list', async () => {
    const today = officeDay(new Date())
    const fresh = run({ id: 'c7a1e9d2-0000-4000-8000-000000000002', day: today, status: 'clean', matched: 2, discrepancies: 0, healed: 0, ours_total_fen: 16000, theirs_total_fen: 16000, items: [], run_by: `staff:${staff().id}` })
    const { wrapper } = await mountAt(PaymentsView, 'payments', admin)
    let finish: (value: ReconciliationView) => void = () => {}
    payments.runReconciliation.mockReturnValue(new Promise((r) => (finish = r)))
    payments.listReconciliations.mockResolvedValue([fresh, run()])

    await wrapper.get('[data-testid="reconcile-form"]').trigger('submit')
    await settle()
    expect(payments.runReconciliation).toHaveBeenCalledWith(today)
    expect(wrapper.get('[data-testid="reconcile-run"]').classes()).toContain('is-loading')
    finish(fresh)
    await settle()

    const result = wrapper.get('[data-testid="reconcile-result"]')
    expect(result.attributes('data-status')).toBe('clean')
    expect(result.text()).toContain(`${today} 对账完成：一致。匹配 2 笔，差异 0 笔，补记 0 笔；本系统 160.00 元，支付中心 160.00 元。`)
    expect(payments.listReconciliations).toHaveBeenCalledTimes(2)
    expect(payments.listPaymentAlerts).toHaveBeenCalledTimes(2)
    const days = wrapper.findAll('[data-testid="run-day"]').map((d) => d.text())
    expect(days).toEqual([today, '2026-11-25'])
    expect(wrapper.findAll('[data-testid="run-latest"]')).toHaveLength(1)
    expect(wrapper.get('[data-testid="reconciliations"] tbody tr').text()).toContain('本次')
    expect(wrapper.get('[data-testid="reconciliations"] tbody tr').text()).toContain('工作人员 31592b5f…')
  })

  it('says what went wrong: a rejected day in the form’s words, an unavailable payment center from the table', async () => {
    const { wrapper } = await mountAt(PaymentsView, 'payments', admin)
    // a day after today is refused before asking the server
    expect(wrapper.get('input[data-testid="reconcile-day"]').attributes('max')).toBe(officeDay(new Date()))
    await wrapper.get('input[data-testid="reconcile-day"]').setValue('2999-01-01')
    await wrapper.get('[data-testid="reconcile-form"]').trigger('submit')
    await settle()
    expect(payments.runReconciliation).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="reconcile-form"] ~ [data-testid="error"]').text()).toContain('对账日期无效')
    await wrapper.get('input[data-testid="reconcile-day"]').setValue('2026-11-20')

    payments.runReconciliation.mockRejectedValueOnce(problem(400, 'invalid_body'))
    await wrapper.get('[data-testid="reconcile-form"]').trigger('submit')
    await settle()
    expect(payments.runReconciliation).toHaveBeenCalledWith('2026-11-20')
    const error = () => wrapper.get('[data-testid="reconcile-form"] ~ [data-testid="error"]')
    expect(error().text()).toContain('对账日期无效，请选择今天或之前的日期')
    expect(wrapper.find('[data-testid="reconcile-result"]').exists()).toBe(false)

    payments.runReconciliation.mockRejectedValueOnce(problem(503, 'payment_center_unavailable'))
    await wrapper.get('[data-testid="reconcile-form"]').trigger('submit')
    await settle()
    expect(error().attributes('data-code')).toBe('payment_center_unavailable')
    expect(error().text()).toContain('支付中心暂时无法提供对账单，请稍后再试')
    expect(payments.listReconciliations).toHaveBeenCalledTimes(1)
  })

  it('shows a failed load and empty lists in words', async () => {
    payments.listReconciliations.mockRejectedValueOnce(problem(403, 'forbidden'))
    const { wrapper } = await mountAt(PaymentsView, 'payments', admin)
    expect(wrapper.get('[data-testid="error"]').text()).toContain('您没有执行此操作的权限')
    payments.listPaymentAlerts.mockResolvedValue([])
    payments.listReconciliations.mockResolvedValue([])
    await wrapper.get('[data-testid="payments-refresh"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="reconciliations"]').text()).toContain('暂无对账记录')
    expect(wrapper.get('[data-testid="payment-alerts"]').text()).toContain('没有需要处理的缴费异常')
  })
})

const REPORT: AbnormalReport = {
  generated_at: '2026-11-26T02:00:00Z',
  kinds: [
    { kind: 'paid_without_paid_order', count: 0, registrations: [] },
    { kind: 'level_not_in_chain', count: 22, registrations: [{ id: REG, candidate_name: '李明', status: 'submitted', current_level: 'site' }] },
    { kind: 'paid_order_not_applied', count: 0, registrations: [] },
    { kind: 'order_stuck_open', count: 0, registrations: [] },
    { kind: 'approved_unpaid_after_window', count: 0, registrations: [] },
  ],
}

describe('abnormal data page', () => {
  it('shows every kind with its count and explanation, and links its registrations to their screen', async () => {
    review.getAbnormal.mockResolvedValue(REPORT)
    const { wrapper, router } = await mountAt(AbnormalView, 'abnormal')
    const cards = wrapper.findAll('[data-testid="abnormal-kind"]')
    expect(cards.map((c) => c.attributes('data-kind'))).toEqual([
      'level_not_in_chain',
      'paid_without_paid_order',
      'paid_order_not_applied',
      'order_stuck_open',
      'approved_unpaid_after_window',
    ])
    expect(wrapper.get('[data-testid="abnormal-summary"]').text()).toContain('共 22 条异常报名')
    const first = cards[0]
    expect(first.get('[data-testid="abnormal-title"]').text()).toBe('审核级别不在审核流程中')
    expect(first.get('[data-testid="abnormal-count"]').text()).toBe('22 条')
    expect(first.get('[data-testid="abnormal-explain"]').text()).toContain('没有审核员能处理它')
    expect(first.get('[data-testid="abnormal-registrations"]').text()).toContain('待审核')
    expect(first.get('[data-testid="abnormal-registrations"]').text()).toContain('考点')
    expect(first.get('[data-testid="abnormal-more"]').text()).toBe('另有 21 条未列出')
    expect(cards[1].get('[data-testid="abnormal-none"]').text()).toBe('未发现此类异常')
    expect(cards[1].get('[data-testid="abnormal-count"]').text()).toBe('0 条')

    await first.get('[data-testid="abnormal-registration"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('registration')
    expect(router.currentRoute.value.params.id).toBe(REG)
  })

  it('speaks English too, and says when the report cannot be loaded', async () => {
    review.getAbnormal.mockResolvedValue(REPORT)
    const { wrapper } = await mountAt(AbnormalView, 'abnormal', {}, 'en-US')
    const first = wrapper.get('[data-testid="abnormal-kind"]')
    expect(first.get('[data-testid="abnormal-title"]').text()).toBe('Review level not in the review chain')
    expect(first.get('[data-testid="abnormal-explain"]').text()).toContain('no reviewer can decide it')
    expect(first.get('[data-testid="abnormal-more"]').text()).toBe('21 more not listed')
    review.getAbnormal.mockRejectedValueOnce(problem(403, 'forbidden'))
    await wrapper.get('[data-testid="abnormal-refresh"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="error"]').text()).toContain('You are not allowed to do this.')
  })
})
