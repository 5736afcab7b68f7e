import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import StatisticsView from '@/views/StatisticsView.vue'
import ReasonsView from '@/views/ReasonsView.vue'
import type { ReasonView, ReviewStatistics } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { knownLabels } from '@/composables/queue-query'
import { plugins, settle, staff, Stub, testRouter, tokens } from './helpers'

const review = vi.hoisted(() => ({ getStatistics: vi.fn(), listReasons: vi.fn(), putReason: vi.fn() }))
vi.mock('@/api/review', () => review)
vi.mock('@/api/catalog', () => ({ listExamSessions: vi.fn().mockResolvedValue([]) }))
// the chart itself is ECharts' business (canvas); here it is a stub that keeps its options and attributes
const charts = vi.hoisted(() => ({ options: new Map<string, unknown>() }))
vi.mock('vue-echarts', () => ({
  default: defineComponent({
    props: { option: { type: Object, required: true } },
    setup(props, { attrs }) {
      return () => {
        charts.options.set(String(attrs['data-testid']), props.option)
        return h('div', { class: 'chart-stub' })
      }
    },
  }),
}))

const SESSION = '239c40d9-13a9-4e36-ae42-3f3fb0075119'
const SPECIALTY = '5b0f3c2e-7d1a-4c55-9a0e-2f4d8c9b1e77'
const STATS: ReviewStatistics = {
  total: 9,
  by_status: [
    { status: 'submitted', current_level: 'site', count: 3 },
    { status: 'submitted', current_level: 'point', count: 2 },
    { status: 'returned', current_level: 'point', count: 1 },
    { status: 'approved', current_level: 'region', count: 2 },
    { status: 'paid', current_level: 'region', count: 1 },
  ],
  by_org: [],
  by_specialty: [{ specialty_id: SPECIALTY, code: '368', name: '内科护理（主管护师）', count: 6, approved: 2 }],
  by_day: [
    { day: '2026-11-24', submitted: 4 },
    { day: '2026-11-26', submitted: 5 },
  ],
  reviewers: [{ reviewer_id: '5d44ff93-3b86-460a-abab-f08fbb4fd5c7', reviewer_name: '金水区报名点审核员', level: 'point', approved: 5, returned: 1, rejected: 0 }],
  deadlines: [
    { session_id: SESSION, level: 'point', closes_at: '2026-01-01T00:00:00Z', pending: 2, overdue: true },
    { session_id: SESSION, level: 'site', closes_at: '2099-01-01T00:00:00Z', pending: 3, overdue: false },
  ],
}

async function mountAt(component: unknown, path: string, name: string, profile = {}) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: `/${name}`, name, component: component as never },
    { path: '/queue', name: 'queue', component: Stub('queue') },
  ])
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  document.body.innerHTML = ''
  Object.values(review).forEach((f) => f.mockReset())
  charts.options.clear()
  review.getStatistics.mockResolvedValue(STATS)
})

describe('statistics dashboard', () => {
  it('shows the key numbers for the reviewer’s level and the tables, for the chosen exam', async () => {
    const { wrapper } = await mountAt(StatisticsView, `/statistics?session_id=${SESSION}`, 'statistics')
    expect(review.getStatistics).toHaveBeenCalledWith(SESSION)
    const card = (key: string) => wrapper.get(`[data-testid="card-${key}"]`).attributes('data-value')
    expect([card('total'), card('pending'), card('approved'), card('returned'), card('overdue')]).toEqual(['9', '3', '3', '1', '2'])
    expect(wrapper.findAll('[data-testid="deadline-state"]').map((d) => d.attributes('data-state'))).toEqual(['overdue', 'open'])
    expect(wrapper.get('[data-testid="deadline-table"]').text()).toContain('查看超期报名')
    expect(wrapper.get('[data-testid="reviewer-table"]').text()).toContain('金水区报名点审核员')
    // the charts get shaped data, and a text alternative
    const funnel = charts.options.get('chart-funnel') as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] }
    expect(funnel.xAxis.data).toEqual(['报名点', '考点', '考区'])
    expect(funnel.series.map((s) => s.name)).toEqual(['待审核', '退回修改', '审核通过', '已缴费'])
    expect(funnel.series[0].data).toEqual([2, 3, 0])
    expect(wrapper.get('[data-testid="chart-funnel"]').attributes('aria-label')).toContain('考点：待审核 3')
    const daily = charts.options.get('chart-daily') as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(daily.xAxis.data).toEqual(['11-24', '11-25', '11-26'])
    expect(daily.series[0].data).toEqual([4, 0, 5])
  })

  it('drills down to the queue by status and by specialty (naming the specialty there)', async () => {
    const { wrapper, router } = await mountAt(StatisticsView, `/statistics?session_id=${SESSION}`, 'statistics')
    await wrapper.get('[data-testid="drill-status"][data-status="returned"]').trigger('click')
    await settle()
    expect(router.currentRoute.value.name).toBe('queue')
    expect(router.currentRoute.value.query).toEqual({ session_id: SESSION, status: 'returned' })

    await router.push(`/statistics?session_id=${SESSION}`)
    await settle()
    const link = wrapper.get('[data-testid="drill-specialty"]')
    expect(link.attributes('href')).toContain(`specialty_id=${SPECIALTY}`)
    expect(knownLabels().specialty_id?.[SPECIALTY]).toBe('368 内科护理（主管护师）')
  })
})

const reason = (code: string, extra: Partial<ReasonView> = {}): ReasonView => ({ code, label: `${code} 的名称`, target: 'general', subject: null, active: true, sort: 10, ...extra })

describe('reason catalog page', () => {
  it('lists active reasons, retired ones on request, and retires one through PUT', async () => {
    review.listReasons.mockResolvedValue([reason('photo_blurred', { target: 'material', subject: 'photo' }), reason('old_reason', { active: false })])
    const { wrapper } = await mountAt(ReasonsView, '/reasons', 'reasons', { role: 'region_admin', review_level: null })
    expect(review.listReasons).toHaveBeenCalledWith(true)
    expect(wrapper.findAll('[data-testid="reason-code"]').map((c) => c.text())).toEqual(['photo_blurred'])
    expect(wrapper.get('[data-testid="reasons-table"]').text()).toContain('本人证件照')
    await wrapper.get('[data-testid="reasons-show-inactive"] input').setValue(true)
    await settle()
    expect(wrapper.findAll('[data-testid="reason-code"]').map((c) => c.text())).toEqual(['photo_blurred', 'old_reason'])

    review.putReason.mockImplementation(async (code: string, input: object) => ({ code, ...input }))
    await wrapper.get('[data-testid="reason-retire"]').trigger('click')
    await settle()
    expect(review.putReason).toHaveBeenCalledWith('photo_blurred', { label: 'photo_blurred 的名称', target: 'material', subject: 'photo', active: false, sort: 10 })
    expect(wrapper.findAll('[data-testid="reason-state"]').map((s) => s.attributes('data-active'))).toEqual(['false', 'false'])
  })

  it('checks a new reason before sending it', async () => {
    review.listReasons.mockResolvedValue([reason('photo_blurred')])
    const { wrapper } = await mountAt(ReasonsView, '/reasons', 'reasons', { role: 'region_admin', review_level: null })
    await wrapper.get('[data-testid="reason-add"]').trigger('click')
    await settle()
    const input = (testId: string) => document.body.querySelector<HTMLInputElement>(`input[data-testid="${testId}"]`)!
    input('reason-code-input').value = 'photo_blurred'
    input('reason-code-input').dispatchEvent(new Event('input'))
    input('reason-label-input').value = '照片模糊'
    input('reason-label-input').dispatchEvent(new Event('input'))
    await settle()
    document.body.querySelector<HTMLButtonElement>('[data-testid="reason-save"]')!.click()
    await settle()
    expect(review.putReason).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(document.body.querySelector('[data-testid="reason-dialog"]')?.textContent).toContain('此代码已存在'))

    review.putReason.mockImplementation(async (code: string, input: object) => ({ code, ...input }))
    input('reason-code-input').value = 'photo_dark'
    input('reason-code-input').dispatchEvent(new Event('input'))
    await settle()
    document.body.querySelector<HTMLButtonElement>('[data-testid="reason-save"]')!.click()
    await settle()
    expect(review.putReason).toHaveBeenCalledWith('photo_dark', { label: '照片模糊', target: 'general', subject: null, active: true, sort: 20 })
  })
})
