import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SupplementsView from '@/views/SupplementsView.vue'
import RegistrationView from '@/views/RegistrationView.vue'
import type { SupplementQueueItem, SupplementView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const supplements = vi.hoisted(() => ({ listSupplements: vi.fn(), getSupplement: vi.fn(), decideSupplement: vi.fn() }))
vi.mock('@/api/supplements', () => supplements)
const review = vi.hoisted(() => ({
  getRegistration: vi.fn(),
  listFindings: vi.fn(),
  listReasons: vi.fn(),
  reverify: vi.fn(),
  decide: vi.fn(),
  reopen: vi.fn(),
  revealIdNumber: vi.fn(),
}))
vi.mock('@/api/review', () => review)
vi.mock('@/api/catalog', () => ({ listExamSessions: vi.fn().mockResolvedValue([]) }))
vi.mock('@/api/materials', () => ({ createMaterialLink: vi.fn(), openMaterialFile: vi.fn() }))

const A = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'
const SESSION = '239c40d9-13a9-4e36-ae42-3f3fb0075119'
const SESSION_NAME = '2027年护士执业资格考试（河南考区）'

const item = (extra: Partial<SupplementQueueItem> = {}): SupplementQueueItem => ({
  registration_id: A,
  candidate_name: '王小明',
  session_name: SESSION_NAME,
  org_name: '郑州市考点',
  status: 'submitted',
  version: 2,
  submitted_at: '2026-12-03T08:00:00Z',
  decided_at: null,
  reason: null,
  closes_at: '2027-01-17T16:00:00Z',
  ...extra,
})

const COUNTS = [
  { status: 'pending', count: 3 },
  { status: 'submitted', count: 1 },
  { status: 'verified', count: 5 },
  { status: 'returned', count: 0 },
  { status: 'rejected', count: 0 },
  { status: 'expired', count: 2 },
]

const queue = (items: SupplementQueueItem[], counts = COUNTS) => ({ items, total: items.length, page: 1, per_page: 20, counts })

const view = (extra: Partial<SupplementView> = {}): SupplementView => ({
  registration_id: A,
  status: 'submitted',
  version: 2,
  opens_at: '2026-12-01T00:00:00Z',
  closes_at: '2027-01-17T16:00:00Z',
  window: 'open',
  required_kinds: ['diploma'],
  materials: [
    {
      id: 'c5b7d3f0-1111-4a5b-8c9d-0e1f2a3b4c5d',
      kind: 'diploma',
      content_type: 'image/png',
      size_bytes: 20480,
      sha256: 'ab'.repeat(32),
      status: 'uploaded',
      reject_reason: null,
      uploaded_at: '2026-12-03T07:59:00Z',
    },
  ],
  can_submit: false,
  reason: null,
  submitted_at: '2026-12-03T08:00:00Z',
  decided_at: null,
  ...extra,
})

const timelineItem = (action: string, comment: string | null = null) => ({
  level: action.startsWith('supplement_') && action !== 'supplement_submit' ? 'region' : null,
  action,
  actor_kind: action === 'supplement_submit' ? 'candidate' : 'staff',
  comment,
  comment_public: comment !== null,
  reason_codes: [],
  from_status: 'paid',
  to_status: 'paid',
  at: '2026-12-03T08:00:00Z',
  returned_fields: [],
  returned_materials: [],
})

const detail = (timeline = [timelineItem('approve'), timelineItem('supplement_submit')]) => ({
  id: A,
  session_id: SESSION,
  exam_type: 'nurse',
  session_name: SESSION_NAME,
  status: 'paid',
  current_level: null,
  version: 6,
  candidate_name: '王小明',
  id_number_masked: '410105********0245',
  org_id: null,
  submitted_at: '2026-11-25T21:30:46Z',
  overdue: false,
  form: {},
  materials: [],
  timeline,
})

const REGION = { username: 'region_reviewer', review_level: 'region' }
const SITE = { username: 'site_reviewer', review_level: 'site' }
const ADMIN = { username: 'region_admin', role: 'region_admin', review_level: null }

async function mountAt(path: string, profile: Record<string, unknown> = REGION) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: '/supplements', name: 'supplements', component: SupplementsView },
    { path: '/registrations/:id', name: 'registration', component: RegistrationView },
    { path: '/queue', name: 'queue', component: Stub('queue') },
  ])
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

const body = (selector: string) => document.body.querySelector<HTMLElement>(selector)
const all = (selector: string) => [...document.body.querySelectorAll<HTMLElement>(selector)]

async function click(selector: string): Promise<void> {
  const el = body(selector)
  if (!el) throw new Error(`nothing at ${selector}`)
  el.click()
  await settle(8)
}

async function type(text: string): Promise<void> {
  const reason = body('textarea[data-testid="supplement-reason"]') as HTMLTextAreaElement
  reason.value = text
  reason.dispatchEvent(new Event('input'))
  await settle()
}

/** The supplements screen with the drawer of the first row open. */
async function openDrawer(profile: Record<string, unknown> = REGION) {
  const mounted = await mountAt('/supplements', profile)
  await click('[data-testid="supplement-open"]')
  await vi.waitFor(() => expect(body('[data-testid="supplement-summary"]')).not.toBeNull())
  return mounted
}

const reasonError = () => body('[data-testid="supplement-reason-item"] .el-form-item__error')?.textContent?.trim() ?? ''
/** The error under the reason (it comes and goes with a transition). */
const expectReasonError = (text: string) => vi.waitFor(() => expect(reasonError()).toBe(text))

beforeEach(() => {
  Element.prototype.scrollIntoView = vi.fn() // jsdom has none
  sessionStorage.clear()
  localStorage.clear()
  document.body.innerHTML = ''
  Object.values(supplements).forEach((f) => f.mockReset())
  Object.values(review).forEach((f) => f.mockReset())
  supplements.listSupplements.mockResolvedValue(queue([item()]))
  supplements.getSupplement.mockResolvedValue(view())
  review.getRegistration.mockResolvedValue(detail())
  review.listFindings.mockResolvedValue([])
  review.listReasons.mockResolvedValue([])
})

describe('supplements screen: tabs', () => {
  it('opens on the submitted tab, with every status as a tab and its count as the badge', async () => {
    const { wrapper } = await mountAt('/supplements')
    expect(supplements.listSupplements).toHaveBeenCalledWith({ status: 'submitted', page: 1, per_page: 20 })
    const tabs = all('[data-testid="supplement-tab"]')
    expect(tabs.map((t) => t.dataset.status)).toEqual(['submitted', 'pending', 'returned', 'verified', 'rejected', 'expired'])
    expect(tabs.map((t) => t.dataset.count)).toEqual(['1', '3', '0', '5', '0', '2'])
    expect(tabs.map((t) => t.textContent?.replace(/\s+/g, ''))).toEqual(['待复核1', '待提交3', '已退回0', '复核通过5', '复核不通过0', '已逾期2'])
    expect(body('#tab-submitted')?.getAttribute('aria-selected')).toBe('true')
    const rows = all('[data-testid="supplement-row"]')
    expect(rows.map((r) => r.textContent?.trim())).toEqual(['王小明'])
    expect(body('[data-testid="supplement-table"]')?.textContent).toContain('郑州市考点')
    expect(body('[data-testid="supplement-open"]')?.textContent?.trim()).toBe('复核')
    wrapper.unmount()
  })

  it('lists another status when its tab is chosen, and keeps the tab and exam in the URL', async () => {
    const { wrapper, router } = await mountAt(`/supplements?session_id=${SESSION}`)
    expect(supplements.listSupplements).toHaveBeenLastCalledWith({ status: 'submitted', session_id: SESSION, page: 1, per_page: 20 })
    supplements.listSupplements.mockResolvedValue(queue([item({ status: 'returned', reason: '毕业证书照片不清晰' })]))
    await click('#tab-returned')
    expect(router.currentRoute.value.query).toEqual({ status: 'returned', session_id: SESSION })
    await vi.waitFor(() => expect(supplements.listSupplements).toHaveBeenLastCalledWith({ status: 'returned', session_id: SESSION, page: 1, per_page: 20 }))
    await vi.waitFor(() => expect(body('[data-testid="supplement-row-reason"]')?.textContent).toBe('毕业证书照片不清晰'))
    expect(body('[data-testid="supplement-status"]')?.textContent?.trim()).toBe('已退回')
    expect(body('#tab-returned')?.getAttribute('aria-selected')).toBe('true')
    wrapper.unmount()
  })

  it('goes back to the last page with rows when a later page has emptied', async () => {
    supplements.listSupplements.mockResolvedValueOnce({ ...queue([]), total: 5, page: 3 })
    const { wrapper, router } = await mountAt('/supplements?status=verified&page=3')
    expect(supplements.listSupplements).toHaveBeenCalledWith({ status: 'verified', page: 3, per_page: 20 })
    await vi.waitFor(() => expect(router.currentRoute.value.query).toEqual({ status: 'verified' }))
    await vi.waitFor(() => expect(supplements.listSupplements).toHaveBeenLastCalledWith({ status: 'verified', page: 1, per_page: 20 }))
    wrapper.unmount()
  })

  it('says why the list could not be loaded', async () => {
    supplements.listSupplements.mockRejectedValue(problem(403, 'forbidden'))
    const { wrapper } = await mountAt('/supplements')
    expect(body('[data-testid="error"]')?.textContent).toContain('您没有执行此操作的权限')
    wrapper.unmount()
  })
})

describe('supplement drawer: who decides', () => {
  it('shows the file, the status and the history, and the decision to an exam-region reviewer while submitted', async () => {
    review.getRegistration.mockResolvedValue(
      detail([timelineItem('approve'), timelineItem('supplement_submit'), timelineItem('supplement_return', '毕业证书照片不清晰'), timelineItem('supplement_submit')]),
    )
    const { wrapper } = await openDrawer()
    expect(supplements.getSupplement).toHaveBeenCalledWith(A)
    const drawer = body('[data-testid="supplement-drawer"]')!
    expect(drawer.textContent).toContain('补充材料复核：王小明')
    expect(drawer.querySelector('[data-testid="supplement-status"]')?.textContent?.trim()).toBe('待复核')
    expect(drawer.querySelector('[data-testid="material"]')?.getAttribute('data-kind')).toBe('diploma')
    // the history: the supplement's entries only, newest first, with their labels and the reason
    const entries = [...drawer.querySelectorAll<HTMLElement>('[data-testid="timeline-entry"]')]
    expect(entries.map((e) => e.dataset.action)).toEqual(['supplement_submit', 'supplement_return', 'supplement_submit'])
    expect(entries[1].querySelector('[data-testid="timeline-action"]')?.textContent).toBe('补充材料退回')
    expect(entries[1].querySelector('[data-testid="timeline-comment"]')?.textContent).toBe('毕业证书照片不清晰')
    for (const action of ['accept', 'return', 'reject']) expect(body(`[data-testid="supplement-${action}"]`)).not.toBeNull()
    expect(body('[data-testid="supplement-region-only"]')).toBeNull()
    wrapper.unmount()
  })

  it('lets a site reviewer and a region administrator look, not decide', async () => {
    for (const profile of [SITE, ADMIN]) {
      const { wrapper } = await openDrawer(profile)
      expect(body('[data-testid="supplement-open"]')?.textContent?.trim()).toBe('查看')
      expect(body('[data-testid="supplement-decision"]')).toBeNull()
      expect(body('[data-testid="supplement-region-only"]')?.textContent).toContain('由考区审核员复核')
      expect(body('[data-testid="material"]')).not.toBeNull()
      wrapper.unmount()
      document.body.innerHTML = ''
    }
  })

  it('offers no decision on a supplement that is not submitted', async () => {
    supplements.getSupplement.mockResolvedValue(view({ status: 'verified', decided_at: '2026-12-03T09:00:00Z' }))
    const { wrapper } = await openDrawer()
    expect(body('[data-testid="supplement-decision"]')).toBeNull()
    expect(body('[data-testid="supplement-region-only"]')).toBeNull()
    wrapper.unmount()
  })
})

describe('supplement drawer: the decision', () => {
  it('says the reason rule before sending, and refuses to return or reject without 4–500 characters', async () => {
    const { wrapper } = await openDrawer()
    expect(body('[data-testid="supplement-reason-hint"]')?.textContent).toContain('4–500 个字符')
    await click('[data-testid="supplement-return"]')
    expect(supplements.decideSupplement).not.toHaveBeenCalled()
    await expectReasonError('退回或不通过须填写原因（4–500 个字符）')
    await type('不清晰')
    await expectReasonError('原因须为 4–500 个字符')
    await click('[data-testid="supplement-reject"]')
    expect(supplements.decideSupplement).not.toHaveBeenCalled()

    const returned = view({ status: 'returned', version: 3, reason: '毕业证书照片不清晰，请重新上传', decided_at: '2026-12-03T09:00:00Z' })
    supplements.decideSupplement.mockResolvedValue(returned)
    supplements.listSupplements.mockResolvedValue(queue([], COUNTS.map((c) => (c.status === 'submitted' ? { ...c, count: 0 } : c.status === 'returned' ? { ...c, count: 1 } : c))))
    review.getRegistration.mockResolvedValue(detail([timelineItem('supplement_submit'), timelineItem('supplement_return', '毕业证书照片不清晰，请重新上传')]))
    await type('  毕业证书照片不清晰，请重新上传 ')
    await expectReasonError('')
    await click('[data-testid="supplement-return"]')
    expect(supplements.decideSupplement).toHaveBeenCalledWith(A, { version: 2, action: 'return', reason: '毕业证书照片不清晰，请重新上传' })
    // the drawer shows the outcome, the list and its badges are reloaded
    await vi.waitFor(() => expect(body('[data-testid="supplement-drawer-body"]')?.dataset.status).toBe('returned'))
    expect(body('[data-testid="supplement-decision"]')).toBeNull()
    expect(body('[data-testid="supplement-reason-current"]')?.textContent).toBe('毕业证书照片不清晰，请重新上传')
    await vi.waitFor(() => expect(body('[data-testid="supplement-tab"][data-status="returned"]')?.dataset.count).toBe('1'))
    expect(body('[data-testid="supplement-tab"][data-status="submitted"]')?.dataset.count).toBe('0')
    await vi.waitFor(() => expect(all('[data-testid="supplement-drawer"] [data-testid="timeline-entry"]')[0]?.dataset.action).toBe('supplement_return'))
    wrapper.unmount()
  })

  it('accepts without a reason', async () => {
    supplements.decideSupplement.mockResolvedValue(view({ status: 'verified', version: 3 }))
    const { wrapper } = await openDrawer()
    await click('[data-testid="supplement-accept"]')
    expect(supplements.decideSupplement).toHaveBeenCalledWith(A, { version: 2, action: 'accept', reason: null })
    await vi.waitFor(() => expect(body('[data-testid="supplement-drawer-body"]')?.dataset.status).toBe('verified'))
    wrapper.unmount()
  })
})

describe('supplement drawer: the server’s refusals', () => {
  it('says a reason the server refused under the field, and the reason is checked again as it changes', async () => {
    supplements.decideSupplement.mockRejectedValueOnce(problem(422, 'validation_failed', { errors: { reason: ['reason_length'] } }))
    const { wrapper } = await openDrawer()
    await type('照片模糊不清')
    await click('[data-testid="supplement-reject"]')
    await expectReasonError('原因须为 4–500 个字符')
    expect(body('[data-testid="supplement-decision"] [data-testid="error"]')).toBeNull()
    await type('照片模糊不清，无法辨认')
    await expectReasonError('')
    wrapper.unmount()
  })

  it('says other refusals above the form', async () => {
    supplements.decideSupplement.mockRejectedValueOnce(problem(403, 'forbidden'))
    const { wrapper } = await openDrawer()
    await click('[data-testid="supplement-accept"]')
    const error = body('[data-testid="supplement-decision"] [data-testid="error"]')
    expect(error?.dataset.code).toBe('forbidden')
    expect(error?.textContent).toContain('您没有执行此操作的权限')
    wrapper.unmount()
  })

  it('reloads the supplement on a version conflict and says the decision was not saved', async () => {
    supplements.decideSupplement.mockRejectedValueOnce(problem(409, 'version_conflict'))
    const { wrapper } = await openDrawer()
    expect(body('[data-testid="supplement-decision"]')?.dataset.version).toBe('2')
    supplements.getSupplement.mockResolvedValue(view({ version: 4 }))
    const listed = supplements.listSupplements.mock.calls.length
    await click('[data-testid="supplement-accept"]')
    await vi.waitFor(() => expect(body('[data-testid="supplement-conflict"]')).not.toBeNull())
    expect(body('[data-testid="supplement-conflict"]')?.dataset.code).toBe('version_conflict')
    expect(body('[data-testid="supplement-conflict"]')?.textContent).toContain('您的决定没有保存')
    expect(supplements.getSupplement).toHaveBeenCalledTimes(2)
    expect(body('[data-testid="supplement-decision"]')?.dataset.version).toBe('4')
    expect(supplements.listSupplements.mock.calls.length).toBeGreaterThan(listed)
    wrapper.unmount()
  })

  it('says a supplement decided in the meantime is no longer waiting', async () => {
    supplements.decideSupplement.mockRejectedValueOnce(problem(409, 'supplement_not_submitted'))
    const { wrapper } = await openDrawer()
    supplements.getSupplement.mockResolvedValue(view({ status: 'verified', version: 3 }))
    await click('[data-testid="supplement-return"]')
    // the reason rule comes first: nothing was sent
    expect(supplements.decideSupplement).not.toHaveBeenCalled()
    await type('毕业证书照片不清晰')
    await click('[data-testid="supplement-return"]')
    await vi.waitFor(() => expect(body('[data-testid="supplement-conflict"]')?.dataset.code).toBe('supplement_not_submitted'))
    expect(body('[data-testid="supplement-conflict"]')?.textContent).toContain('不在待复核状态')
    expect(body('[data-testid="supplement-decision"]')).toBeNull()
    wrapper.unmount()
  })
})

describe('registration screen: the supplement section', () => {
  it('shows the supplement’s status and opens the same drawer; the timeline names the supplement actions', async () => {
    review.getRegistration.mockResolvedValue(detail([timelineItem('approve'), timelineItem('supplement_submit'), timelineItem('supplement_return', '不清晰，请重新上传')]))
    supplements.getSupplement.mockResolvedValue(view({ status: 'returned', reason: '不清晰，请重新上传' }))
    const { wrapper } = await mountAt(`/registrations/${A}`)
    await vi.waitFor(() => expect(body('[data-testid="supplement-section"]')).not.toBeNull())
    const section = body('[data-testid="supplement-section"]')!
    expect(section.dataset.status).toBe('returned')
    expect(section.querySelector('[data-testid="supplement-status"]')?.textContent?.trim()).toBe('已退回')
    expect(section.querySelector('[data-testid="supplement-section-reason"]')?.textContent).toContain('不清晰，请重新上传')
    expect(section.querySelector('[data-testid="supplement-section-open"]')?.textContent?.trim()).toBe('查看补充材料')
    const labels = all('[data-testid="staff-timeline"] [data-testid="timeline-action"]').map((e) => e.textContent)
    expect(labels).toContain('补充材料退回')
    expect(labels).toContain('补充材料已提交')
    await click('[data-testid="supplement-section-open"]')
    await vi.waitFor(() => expect(body('[data-testid="supplement-drawer"] [data-testid="supplement-summary"]')).not.toBeNull())
    expect(body('[data-testid="supplement-registration-link"]')).toBeNull()
    wrapper.unmount()
  })

  it('offers the re-check to an exam-region reviewer when it waits for one', async () => {
    const { wrapper } = await mountAt(`/registrations/${A}`)
    await vi.waitFor(() => expect(body('[data-testid="supplement-section-open"]')?.textContent?.trim()).toBe('复核补充材料'))
    wrapper.unmount()
  })

  it('shows nothing when the registration owes no supplement', async () => {
    supplements.getSupplement.mockRejectedValue(problem(404, 'no_supplement'))
    const { wrapper } = await mountAt(`/registrations/${A}`)
    await vi.waitFor(() => expect(body('[data-testid="candidate-name"]')).not.toBeNull())
    await settle()
    expect(supplements.getSupplement).toHaveBeenCalledWith(A)
    expect(body('[data-testid="supplement-section"]')).toBeNull()
    expect(body('[data-testid="error"]')).toBeNull()
    wrapper.unmount()
  })
})
