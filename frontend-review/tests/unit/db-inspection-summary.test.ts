import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import DbInspectionSummary from '@/components/DbInspectionSummary.vue'
import { buildI18n } from '@/i18n'
import { readDbInspection, type DbInspectionReport } from '@/utils/ops-reports'
import { Stub, settle, testRouter } from './helpers'

const PREVIOUS = '20270220T020000Z-db-inspection.json'

const body = {
  at: '2027-02-27T02:00:00Z',
  failed: 1,
  warnings: 1,
  items: [
    { item: 'cache_hit_ratio', level: 'pass', detail: '99.0% of blocks found in the cache', advice: '', evidence: [] },
    { item: 'connections', level: 'fail', detail: '95 of 100 connections in use', advice: 'lower WEIKAO_DB_POOL_SIZE', evidence: ['weikao: 90'] },
    {
      item: 'since_previous',
      level: 'warn',
      detail: 'previous inspection 7.0 days ago',
      advice: 'compare their plans',
      evidence: ['slower: 1.00 ms → 9.00 ms mean over 40 calls: SELECT …'],
    },
  ],
  previous: PREVIOUS,
  comparison: {
    previous_at: '2027-02-20T02:00:00Z',
    days: 7.04,
    commits_per_second: 0.5,
    database_growth_bytes: 2 * 1024 * 1024,
    cache_hit_ratio_then: 0.98,
    cache_hit_ratio_now: 0.99,
    table_growth: [
      ['registrations', 100, 250],
      ['outbox', 40, 10],
    ],
    slower_statements: ['1.00 ms → 9.00 ms mean over 40 calls: SELECT …'],
    new_in_top: ['12.0 ms total, 3 calls: DELETE FROM outbox …'],
  },
  snapshot: {
    at: '2027-02-27T02:00:00Z',
    database_bytes: 50 * 1024 * 1024,
    commits: 1000,
    rollbacks: 2,
    blocks_hit: 995,
    blocks_read: 5,
    connections: 95,
    max_connections: 100,
    tables: [],
  },
}

async function mountSummary(inspection: DbInspectionReport, kind?: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const i18n = buildI18n(locale)
  const router = testRouter([{ path: '/reports', name: 'reports', component: Stub('reports') }])
  await router.push('/reports')
  const wrapper = mount(DbInspectionSummary, { props: { inspection, kind }, global: { plugins: [i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  document.body.innerHTML = ''
})

describe('the database inspection summary', () => {
  it('shows the key figures: size, connections used of the maximum, cache hit ratio', async () => {
    const { wrapper } = await mountSummary(readDbInspection(body)!)
    expect(wrapper.get('[data-testid="db-size"]').text()).toBe('50.0 MB')
    expect(wrapper.get('[data-testid="db-connections"]').text()).toBe('95 / 100')
    expect(wrapper.get('[data-testid="db-cache-hit-ratio"]').text()).toBe('99.5%')
  })

  it('shows the comparison with a link to the previous report on the same screen, keeping the filter', async () => {
    const { wrapper } = await mountSummary(readDbInspection(body)!, 'db-inspection')
    const comparison = wrapper.get('[data-testid="db-comparison"]')
    expect(comparison.get('[data-testid="db-previous-days"]').text()).toBe('7.0 天前')
    expect(comparison.get('[data-testid="db-previous-at"]').text()).toBe('（2027/02/20 10:00:00）')
    const link = comparison.get('[data-testid="db-previous-link"]')
    expect(link.text()).toBe(PREVIOUS)
    expect(link.attributes('href')).toBe(`/review/reports?kind=db-inspection&name=${PREVIOUS}`)
    expect(link.attributes('aria-label')).toBe(`查看上次的报告 ${PREVIOUS}`)
    expect(comparison.get('[data-testid="db-commits-per-second"]').text()).toBe('每秒提交 0.50 次')
    expect(comparison.get('[data-testid="db-growth"]').text()).toBe('+2.0 MB')
    expect(comparison.get('[data-testid="db-cache-change"]').text()).toBe('98.0% → 99.0%')
    const growth = comparison.findAll('[data-testid="db-table-growth"] tbody tr')
    expect(growth.map((r) => r.get('[data-testid="db-table-growth-table"]').text())).toEqual(['registrations', 'outbox'])
    expect(growth.map((r) => r.get('[data-testid="db-table-growth-change"]').text())).toEqual(['+150', '\u221230'])
    expect(comparison.get('[data-testid="db-slower"]').text()).toBe('1.00 ms → 9.00 ms mean over 40 calls: SELECT …')
    expect(comparison.get('[data-testid="db-new-in-top"]').text()).toBe('12.0 ms total, 3 calls: DELETE FROM outbox …')
    expect(wrapper.find('[data-testid="db-first"]').exists()).toBe(false)
  })

  it('says when the statistics were reset since the previous inspection', async () => {
    const reset = readDbInspection({ ...body, comparison: { ...body.comparison, commits_per_second: null, database_growth_bytes: -1024, table_growth: [], slower_statements: [], new_in_top: [] } })!
    const { wrapper } = await mountSummary(reset)
    const rate = wrapper.get('[data-testid="db-commits-per-second"]')
    expect(rate.text()).toBe('统计已重置，无法计算')
    expect(rate.attributes('data-reset')).toBe('true')
    expect(wrapper.get('[data-testid="db-growth"]').text()).toBe('\u22121.0 KB')
    expect(wrapper.get('[data-testid="db-previous-link"]').attributes('href')).toBe(`/review/reports?name=${PREVIOUS}`)
    expect(wrapper.find('[data-testid="db-table-growth"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="db-slower"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="db-new-in-top"]').exists()).toBe(false)
  })

  it('says when there is no previous inspection, and shows what it can of a bare snapshot', async () => {
    const first = readDbInspection({ ...body, previous: null, comparison: null, snapshot: { connections: 3, blocks_hit: 0, blocks_read: 0 } })!
    const { wrapper } = await mountSummary(first)
    expect(wrapper.get('[data-testid="db-first"]').text()).toBe('这是第一次数据库巡检，没有可比较的上次报告。')
    expect(wrapper.find('[data-testid="db-comparison"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="db-size"]').text()).toBe('—')
    expect(wrapper.get('[data-testid="db-connections"]').text()).toBe('3')
    expect(wrapper.get('[data-testid="db-cache-hit-ratio"]').text()).toBe('—')
  })

  it('lists the items as a checklist, failures first, with the report’s counts', async () => {
    const { wrapper } = await mountSummary(readDbInspection(body)!)
    expect(wrapper.get('[data-testid="checklist-failed"]').text()).toBe('1')
    expect(wrapper.get('[data-testid="checklist-warnings"]').text()).toBe('1')
    const rows = wrapper.findAll('[data-testid="checklist-item"]')
    expect(rows.map((r) => r.attributes('data-item'))).toEqual(['connections', 'since_previous', 'cache_hit_ratio'])
    expect(rows.map((r) => r.get('[data-testid="checklist-name"]').text())).toEqual(['数据库连接数', '与上次巡检比较', '缓存命中率'])
    expect(wrapper.get('[data-testid="checklist-items"]').attributes('aria-label')).toBe('数据库巡检检查项')
  })

  it('speaks English when the console does', async () => {
    const { wrapper } = await mountSummary(readDbInspection(body)!, undefined, 'en-US')
    expect(wrapper.get('[data-testid="db-previous-days"]').text()).toBe('7.0 days ago')
    expect(wrapper.get('[data-testid="db-commits-per-second"]').text()).toBe('0.50 commits/s')
    expect(wrapper.text()).toContain('Since the previous inspection')
  })
})
