import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import QueueView from '@/views/QueueView.vue'
import type { RegistrationSummary, ReviewStatistics } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const review = vi.hoisted(() => ({
  listRegistrations: vi.fn(),
  getStatistics: vi.fn(),
  listReasons: vi.fn(),
  decideBatch: vi.fn(),
  exportRegistrations: vi.fn(),
}))
vi.mock('@/api/review', () => review)
vi.mock('@/api/catalog', () => ({ listExamSessions: vi.fn().mockResolvedValue([]) }))
vi.mock('@/api/orgs', () => ({ listOrgs: vi.fn().mockResolvedValue([]) }))
const files = vi.hoisted(() => ({ saveFile: vi.fn() }))
vi.mock('@/utils/save-file', () => files)

const A = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'
const B = '20aa6ca8-3325-431d-93c4-d4b89eae67db'
const C = '999bb591-e5d4-470d-bd22-691c77f4bdda'
const SESSION = '239c40d9-13a9-4e36-ae42-3f3fb0075119'

const row = (id: string, name: string, extra: Partial<RegistrationSummary> = {}): RegistrationSummary => ({
  id,
  session_id: SESSION,
  exam_type: 'health_tech',
  session_name: '2027年度卫生专业技术资格考试（河南考区）',
  status: 'submitted',
  current_level: 'site',
  version: 3,
  candidate_name: name,
  id_number_masked: '410105********0245',
  org_id: null,
  submitted_at: '2026-11-25T21:30:46Z',
  overdue: false,
  ...extra,
})

const STATS: ReviewStatistics = {
  total: 7,
  by_status: [
    { status: 'submitted', current_level: 'site', count: 2 },
    { status: 'submitted', current_level: 'point', count: 4 },
    { status: 'approved', current_level: 'region', count: 1 },
  ],
  by_org: [],
  by_specialty: [],
  by_day: [],
  reviewers: [],
  deadlines: [],
}

const page = (items: RegistrationSummary[], total = items.length, capped = false) => ({ items, total, total_capped: capped, page: 1, page_size: 20 })

async function setup(query: Record<string, string> = {}, profile = {}) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: '/queue', name: 'queue', component: QueueView },
    { path: '/registrations/:id', name: 'registration', component: Stub('registration') },
  ])
  await router.push({ name: 'queue', query })
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

beforeEach(() => {
  Element.prototype.scrollIntoView = vi.fn() // jsdom has none
  sessionStorage.clear()
  localStorage.clear()
  document.body.innerHTML = ''
  Object.values(review).forEach((f) => f.mockReset())
  files.saveFile.mockReset()
  review.listRegistrations.mockResolvedValue(
    page([row(A, '欧阳明轩'), row(B, '欧阳雨涵', { current_level: 'point', overdue: true }), row(C, '欧阳子墨', { current_level: 'point' })]),
  )
  review.getStatistics.mockResolvedValue(STATS)
  review.listReasons.mockResolvedValue([])
})

describe('queue', () => {
  it('sends the URL’s filters to the API and marks overdue rows in words', async () => {
    const { wrapper } = await setup({ severity: 'block', overdue: 'true', sort: 'name', submitted_from: '2026-11-01', page: '2' })
    expect(review.listRegistrations).toHaveBeenCalledWith({
      severity: 'block',
      overdue: true,
      sort: 'name',
      submitted_from: '2026-11-01T00:00:00+08:00',
      page: 2,
      page_size: 20,
    })
    const overdue = wrapper.findAll('[data-testid="overdue"]')
    expect(overdue).toHaveLength(1)
    expect(overdue[0].text()).toBe('已超期')
    // the advanced part is open (filters in it are set) and says how many
    expect(wrapper.get('[data-testid="filter-advanced"]').text()).toContain('已设 4 项')
    expect(wrapper.get('[data-testid="filter-advanced"]').attributes('aria-expanded')).toBe('true')
  })

  it('shows the counts per status from the statistics and filters by one', async () => {
    const { wrapper, router } = await setup()
    expect(review.getStatistics).toHaveBeenCalledWith(undefined)
    const counts = wrapper.findAll('[data-testid="status-count"]')
    expect(counts.map((c) => c.text().replace(/\s+/g, ' '))).toEqual(['全部 7', '待审核 6', '审核通过 1'])
    await counts[1].trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ status: 'submitted' })
    expect(wrapper.findAll('[data-testid="status-count"]')[1].attributes('aria-pressed')).toBe('true')
  })

  it('lets a reviewer select what waits for them (their level, or overdue below) and approve it in a batch', async () => {
    const { wrapper } = await setup()
    const boxes = wrapper.findAll('[data-testid="select-row"]')
    expect(boxes.map((b) => b.classes().includes('is-disabled'))).toEqual([false, false, true])
    await wrapper.get('[data-testid="select-page"] input').setValue(true)
    await settle()
    expect(wrapper.get('[data-testid="batch-count"]').text()).toBe('已选择 2 条')
    expect(wrapper.findAll('[data-testid="select-row"]').map((b) => b.classes().includes('is-checked'))).toEqual([true, true, false])
    expect(wrapper.get('[data-testid="select-page"]').classes()).toContain('is-checked')

    review.decideBatch.mockResolvedValueOnce({
      matched: 2,
      processed: 2,
      decided: 1,
      skipped: 1,
      items: [
        { id: A, outcome: 'decided', status: 'submitted', current_level: 'region', version: 4 },
        { id: B, outcome: 'skipped', code: 'blocking_findings', detail: null },
      ],
    })
    await wrapper.get('[data-testid="batch-approve"]').trigger('click')
    await settle(8)
    expect(body('[data-testid="batch-confirm-text"]')?.textContent).toContain('所选的 2 条报名')
    await click('[data-testid="batch-submit"]')
    expect(review.decideBatch).toHaveBeenCalledWith({
      action: 'approve',
      ids: [A, B],
      reason_codes: [],
      comment: null,
      comment_public: false,
      returned_fields: [],
      returned_materials: [],
    })
    // the result: decided and forwarded, skipped with the reason in words; the queue was loaded again
    expect(review.listRegistrations).toHaveBeenCalledTimes(2)
    expect(body('[data-testid="batch-forwarded"]')?.textContent).toContain('1 条已转交考区审核')
    const group = body('[data-testid="batch-skip-group"]')!
    expect(group.dataset.code).toBe('blocking_findings')
    expect(group.textContent).toContain('有阻断性核验问题')
    expect(group.textContent).toContain('欧阳雨涵')

    // retrying the blocked one needs a reason, then goes out with the override
    await click('[data-testid="batch-retry-submit"]')
    expect(review.decideBatch).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(body('[data-testid="batch-retry"]')?.textContent).toContain('忽略阻断性问题须说明原因'))
    const reason = body('textarea[data-testid="batch-override-reason"]') as HTMLTextAreaElement
    reason.value = '已与原件核对'
    reason.dispatchEvent(new Event('input'))
    await settle()
    review.decideBatch.mockResolvedValueOnce({
      matched: 1,
      processed: 1,
      decided: 1,
      skipped: 0,
      items: [{ id: B, outcome: 'decided', status: 'submitted', current_level: 'region', version: 5 }],
    })
    await click('[data-testid="batch-retry-submit"]')
    expect(review.decideBatch).toHaveBeenLastCalledWith(expect.objectContaining({ ids: [B], override_blocking: true, override_reason: '已与原件核对' }))
    expect(body('[data-testid="batch-result"]')?.dataset.skipped).toBe('0')
    expect(body('[data-testid="batch-retry"]')).toBeNull()
    wrapper.unmount()
  })

  it('approves everything the filter matches, and a return needs a reason from the catalog', async () => {
    const { wrapper } = await setup({ q: '欧阳', sort: 'name' })
    review.decideBatch.mockResolvedValue({ matched: 0, processed: 0, decided: 0, skipped: 0, items: [] })
    await wrapper.get('[data-testid="batch-approve-all"]').trigger('click')
    await settle(8)
    expect(body('[data-testid="batch-confirm-text"]')?.textContent).toContain('当前筛选共 3 条')
    await click('[data-testid="batch-submit"]')
    expect(review.decideBatch).toHaveBeenCalledWith(expect.objectContaining({ action: 'approve', filter: { q: '欧阳' } }))
    expect(body('[data-testid="batch-empty"]')).not.toBeNull()
    await click('[data-testid="batch-result-close"]')

    await wrapper.get('[data-testid="select-row"] input').setValue(true)
    await settle()
    await wrapper.get('[data-testid="batch-return"]').trigger('click')
    await settle(8)
    await click('[data-testid="batch-submit"]')
    expect(review.decideBatch).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(body('[data-testid="batch-confirm"]')?.textContent).toContain('请至少选择一个原因'))
    wrapper.unmount()
  })

  it('says when the queue stopped counting, also in the batch confirmation', async () => {
    review.listRegistrations.mockResolvedValue(page([row(A, '欧阳明轩')], 1000, true))
    const { wrapper } = await setup()
    expect(wrapper.get('[data-testid="queue-capped"]').text()).toContain('超过 1000 条')
    await wrapper.get('[data-testid="batch-approve-all"]').trigger('click')
    await settle(8)
    expect(body('[data-testid="batch-confirm-text"]')?.textContent).toContain('当前筛选共 1000+ 条')
    wrapper.unmount()
  })

  it('keeps the batch bar from staff who do not decide', async () => {
    const { wrapper } = await setup({}, { role: 'region_admin', review_level: null })
    expect(wrapper.find('[data-testid="batch-bar"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="select-row"]').exists()).toBe(false)
    expect(review.listReasons).not.toHaveBeenCalled()
  })

  it('exports the current filter to Excel, and says why when the server refuses', async () => {
    const file = { blob: new Blob(['PK']), fileName: 'review-queue.xlsx' }
    review.exportRegistrations.mockResolvedValueOnce(file)
    const { wrapper } = await setup({ status: 'approved', page: '3' })
    await wrapper.get('[data-testid="export"]').trigger('click')
    await settle()
    expect(review.exportRegistrations).toHaveBeenCalledWith({ status: 'approved' })
    expect(files.saveFile).toHaveBeenCalledWith(file)

    review.exportRegistrations.mockRejectedValueOnce(problem(403, 'forbidden'))
    await wrapper.get('[data-testid="export"]').trigger('click')
    await settle()
    expect(document.body.textContent).toContain('您没有执行此操作的权限')
  })
})
