import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SpotChecksView from '@/views/SpotChecksView.vue'
import SpotCheckView from '@/views/SpotCheckView.vue'
import type { SpotCheckItem, SpotCheckView as View } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import {
  canJudge,
  canManageSpotChecks,
  checkableLevels,
  checkSpotCheckDraft,
  dayAfter,
  effectKey,
  emptySpotCheckDraft,
  progress,
  spotCheckBody,
  verdictBody,
  verdictReasonProblem,
} from '@/utils/spot-checks'
import { plugins, problem, settle, staff, Stub, testRouter, tokens } from './helpers'

const api = vi.hoisted(() => ({ listSpotChecks: vi.fn(), createSpotCheck: vi.fn(), getSpotCheck: vi.fn(), checkSpotCheckItem: vi.fn() }))
vi.mock('@/api/spot-checks', () => api)
vi.mock('@/api/catalog', () => ({ listExamSessions: vi.fn().mockResolvedValue([]) }))
vi.mock('@/api/orgs', () => ({ listOrgs: vi.fn().mockResolvedValue([]) }))
vi.mock('@/api/review', () => ({ getStatistics: vi.fn().mockResolvedValue({ reviewers: [] }) }))

const CHECK = '5c1f7a3e-6a0b-4c43-9d2e-6f3a2b1c0d9e'
const ITEM_A = 'a1a1a1a1-0000-4000-8000-000000000001'
const ITEM_B = 'b2b2b2b2-0000-4000-8000-000000000002'

describe('spot checks: pure logic', () => {
  it('checks every level of the chain but the last', () => {
    expect(checkableLevels(['point', 'site', 'region'])).toEqual(['point', 'site'])
    expect(checkableLevels(['region'])).toEqual([])
  })

  it('lets only exam-region reviewers draw and judge, and only unchecked items', () => {
    expect(canManageSpotChecks('reviewer', 'region')).toBe(true)
    expect(canManageSpotChecks('reviewer', 'site')).toBe(false)
    expect(canManageSpotChecks('region_admin', null)).toBe(false)
    expect(canJudge('reviewer', 'region', { verdict: null })).toBe(true)
    expect(canJudge('reviewer', 'region', { verdict: 'confirmed' })).toBe(false)
    expect(canJudge('reviewer', 'point', { verdict: null })).toBe(false)
  })

  it('needs a reason of 4–500 characters to overturn, and allows none to confirm', () => {
    expect(verdictReasonProblem('overturn', '  ')).toBe('reason_required')
    expect(verdictReasonProblem('overturn', '太短了')).toBe('reason_length')
    expect(verdictReasonProblem('overturn', '学历证明不符')).toBeNull()
    expect(verdictReasonProblem('overturn', 'x'.repeat(501))).toBe('reason_length')
    expect(verdictReasonProblem('confirm', '')).toBeNull()
    expect(verdictReasonProblem('confirm', 'ab')).toBe('reason_length')
    expect(verdictBody('confirm', '  ')).toEqual({ verdict: 'confirm', reason: null })
    expect(verdictBody('overturn', ' 学历证明不符 ')).toEqual({ verdict: 'overturn', reason: '学历证明不符' })
  })

  it('turns the form into the request body, days as Asia/Shanghai times with an exclusive end', () => {
    expect(dayAfter('2026-12-31')).toBe('2027-01-01T00:00:00+08:00')
    const draft = { ...emptySpotCheckDraft(), session_id: 'S', level: 'point', sample_size: 5 }
    expect(spotCheckBody(draft)).toEqual({ session_id: 'S', level: 'point', sample_size: 5 })
    expect(spotCheckBody({ ...draft, org_id: 'O', reviewer_id: 'R', approved_from: '2026-05-01', approved_to: '2026-05-31' })).toEqual({
      session_id: 'S',
      level: 'point',
      sample_size: 5,
      org_id: 'O',
      reviewer_id: 'R',
      approved_from: '2026-05-01T00:00:00+08:00',
      approved_to: '2026-06-01T00:00:00+08:00',
    })
  })

  it('checks the form before sending', () => {
    expect(checkSpotCheckDraft(emptySpotCheckDraft())).toEqual({ session_id: ['required'], level: ['required'] })
    const draft = { ...emptySpotCheckDraft(), session_id: 'S', level: 'site' }
    expect(checkSpotCheckDraft({ ...draft, sample_size: 0 })).toEqual({ sample_size: ['out_of_range'] })
    expect(checkSpotCheckDraft({ ...draft, sample_size: 501 })).toEqual({ sample_size: ['out_of_range'] })
    expect(checkSpotCheckDraft({ ...draft, approved_from: '2026-05-02', approved_to: '2026-05-01' })).toEqual({ approved_to: ['dates_out_of_order'] })
    expect(checkSpotCheckDraft({ ...draft, approved_from: '2026-05-01', approved_to: '2026-05-01' })).toEqual({})
  })

  it('names effects and progress', () => {
    expect(effectKey('moved_to_region')).toEqual({ key: 'moved_to_region' })
    expect(effectKey('recorded_only:paid')).toEqual({ key: 'recorded_only', why: 'paid' })
    expect(effectKey(null)).toBeNull()
    expect(progress({ items: 3, confirmed: 1, overturned: 1 })).toEqual({ checked: 2, percent: 66 })
    expect(progress({ items: 0, confirmed: 0, overturned: 0 })).toEqual({ checked: 0, percent: 0 })
  })
})

const item = (id: string, extra: Partial<SpotCheckItem> = {}): SpotCheckItem => ({
  id,
  registration_id: id.replace(/^../, 'cc'),
  candidate_name: id === ITEM_A ? '王小明' : '李小红',
  org_name: '郑州市报名点',
  reviewer_name: '报名点审核员',
  approved_at: '2026-05-01T02:00:00Z',
  registration_status: 'submitted',
  verdict: null,
  reason: null,
  effect: null,
  checked_at: null,
  ...extra,
})

const view = (items: SpotCheckItem[]): View => ({
  summary: {
    id: CHECK,
    session_id: 'S',
    session_name: '2026年卫生专业技术资格考试',
    level: 'point',
    org_name: null,
    reviewer_name: null,
    requested: 2,
    population: 7,
    created_by: '考区审核员',
    created_at: '2026-05-02T02:00:00Z',
    items: items.length,
    confirmed: items.filter((i) => i.verdict === 'confirmed').length,
    overturned: items.filter((i) => i.verdict === 'overturned').length,
  },
  items,
  by_reviewer: [{ reviewer_id: null, reviewer_name: '报名点审核员', sampled: 2, confirmed: 0, overturned: 0 }],
})

async function mountAt(path: string, profile: Record<string, unknown>) {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff(profile)
  const router = testRouter([
    { path: '/spot-checks', name: 'spotChecks', component: SpotChecksView },
    { path: '/spot-checks/:id', name: 'spot-check', component: SpotCheckView },
    { path: '/registrations/:id', name: 'registration', component: Stub('registration') },
  ])
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return wrapper
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
  const el = body('textarea[data-testid="spot-reason"]') as HTMLTextAreaElement
  el.value = text
  el.dispatchEvent(new Event('input'))
  await settle()
}
/** Distinct items offering a button (a table may render a fixed column twice). */
const offering = (testid: string) => new Set(all(`[data-testid="${testid}"]`).flatMap((e) => e.dataset.id ?? [])).size
const reasonError = () => body('[data-testid="spot-reason-item"] .el-form-item__error')?.textContent?.trim() ?? ''

const REGION = { username: 'region_reviewer', review_level: 'region' }
const SITE = { username: 'site_reviewer', review_level: 'site' }

beforeEach(() => {
  document.body.innerHTML = ''
  Object.values(api).forEach((f) => f.mockReset())
  api.listSpotChecks.mockResolvedValue([view([item(ITEM_A), item(ITEM_B)]).summary])
  api.getSpotCheck.mockResolvedValue(view([item(ITEM_A), item(ITEM_B)]))
})

describe('spot checks screen', () => {
  it('lists the checks with progress; region reviewers may start one, others read', async () => {
    let wrapper = await mountAt('/spot-checks', REGION)
    expect(all('[data-testid="spot-row"]')).toHaveLength(1)
    expect(body('[data-testid="spot-progress"]')?.textContent).toContain('已核验 0 / 2')
    expect(body('[data-testid="spot-new"]')).not.toBeNull()
    wrapper.unmount()
    document.body.innerHTML = ''
    wrapper = await mountAt('/spot-checks', SITE)
    expect(body('[data-testid="spot-new"]')).toBeNull()
    expect(body('[data-testid="spot-read-only"]')).not.toBeNull()
    wrapper.unmount()
  })

  it('says the overturn reason rule before sending, sends the verdict and shows the effect', async () => {
    const wrapper = await mountAt(`/spot-checks/${CHECK}`, REGION)
    expect(offering('spot-overturn')).toBe(2)
    expect(body('[data-testid="spot-item-link"]')?.getAttribute('href')).toContain('/registrations/')
    await click(`[data-testid="spot-overturn"][data-id="${ITEM_A}"]`)
    expect(body('[data-testid="spot-reason-hint"]')?.textContent).toContain('4–500')
    await click('[data-testid="spot-verdict-submit"]')
    await vi.waitFor(() => expect(reasonError()).toBe('推翻须填写原因（4–500 个字符）'))
    expect(api.checkSpotCheckItem).not.toHaveBeenCalled()

    api.checkSpotCheckItem.mockResolvedValueOnce(item(ITEM_A, { verdict: 'overturned', reason: '学历证明不符合要求', effect: 'moved_to_region' }))
    api.getSpotCheck.mockResolvedValue(view([item(ITEM_B), item(ITEM_A, { verdict: 'overturned', reason: '学历证明不符合要求', effect: 'moved_to_region' })]))
    await type('学历证明不符合要求')
    await click('[data-testid="spot-verdict-submit"]')
    expect(api.checkSpotCheckItem).toHaveBeenCalledWith(CHECK, ITEM_A, { verdict: 'overturn', reason: '学历证明不符合要求' })
    await vi.waitFor(() => expect(body('[data-testid="spot-effect"]')?.textContent).toContain('报名已退回考区'))
    expect(offering('spot-overturn')).toBe(1)
    wrapper.unmount()
  })

  it('puts the server’s reason errors under the input and reloads on already_checked', async () => {
    const wrapper = await mountAt(`/spot-checks/${CHECK}`, REGION)
    api.checkSpotCheckItem.mockRejectedValueOnce(problem(422, 'validation_failed', { errors: { reason: ['reason_length'] } }))
    await click(`[data-testid="spot-confirm"][data-id="${ITEM_B}"]`)
    await type('原审核无误')
    await click('[data-testid="spot-verdict-submit"]')
    await vi.waitFor(() => expect(reasonError()).toBe('原因须为 4–500 个字符'))
    api.checkSpotCheckItem.mockRejectedValueOnce(problem(409, 'already_checked'))
    const loads = api.getSpotCheck.mock.calls.length
    await click('[data-testid="spot-verdict-submit"]')
    await vi.waitFor(() => expect(body('[data-testid="spot-conflict"]')?.textContent).toContain('已被其他人核验'))
    expect(api.getSpotCheck.mock.calls.length).toBeGreaterThan(loads)
    wrapper.unmount()
  })

  it('shows a check read-only to reviewers of other levels', async () => {
    const wrapper = await mountAt(`/spot-checks/${CHECK}`, SITE)
    expect(all('[data-testid="spot-item-link"]')).toHaveLength(2)
    expect(body('[data-testid="spot-overturn"]')).toBeNull()
    expect(body('[data-testid="spot-read-only"]')).not.toBeNull()
    wrapper.unmount()
  })
})
