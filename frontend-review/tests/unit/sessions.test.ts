import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import SessionsView from '@/views/SessionsView.vue'
import type { AdminSessionView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { officeDateTime, officeToIso } from '@/utils/format'
import { checkSchedule, draftFromSession, scheduleRequest, sessionCalendar, statusOptions, toggleLevel, windowState } from '@/utils/schedule'
import { plugins, problem, settle, staff, testRouter, tokens } from './helpers'

const api = vi.hoisted(() => ({ listAdminSessions: vi.fn(), updateSchedule: vi.fn(), listFees: vi.fn(), setFee: vi.fn() }))
vi.mock('@/api/sessions-admin', () => api)

const ID = 'b7e3d2c1-0a9b-4c8d-9e7f-6a5b4c3d2e1f'
// Beijing is UTC+8: 01:00Z is 09:00 in the exam office
const session = (extra: Partial<AdminSessionView> = {}): AdminSessionView => ({
  id: ID,
  exam_type: 'nurse',
  year: 2026,
  name: '2026年护士执业资格考试（河南考区）',
  status: 'published',
  review_chain: ['site', 'region'],
  registration_opens_at: '2026-01-05T01:00:00.123456Z',
  registration_closes_at: '2026-01-25T09:00:00Z',
  supplement_opens_at: null,
  supplement_closes_at: null,
  review_windows: [
    { level: 'site', opens_at: '2026-01-05T01:00:00Z', closes_at: '2026-01-27T09:00:00Z' },
    { level: 'region', opens_at: '2026-01-05T01:00:00Z', closes_at: '2026-01-29T09:00:00Z' },
  ],
  stages: [{ code: 'main', name: '考试', payment_opens_at: '2026-02-01T00:00:00Z', payment_closes_at: '2026-02-10T15:59:00Z' }],
  auto_confirm_returning: false,
  updated_at: '2026-01-02T03:04:05.678Z',
  ...extra,
})

describe('office time for editing', () => {
  it('shows and reads windows as Beijing wall-clock minutes whatever the machine’s zone', () => {
    expect(officeDateTime('2026-01-05T01:00:00Z')).toBe('2026-01-05 09:00')
    expect(officeDateTime('2026-02-10T15:59:00Z')).toBe('2026-02-10 23:59')
    expect(officeDateTime('2026-02-10T16:00:00Z')).toBe('2026-02-11 00:00')
    expect(officeToIso('2026-02-11 00:00')).toBe('2026-02-10T16:00:00.000Z')
    expect(officeToIso('2026-02-11')).toBeNull()
    // an untouched minute keeps the server's own timestamp (its seconds and fractions)
    expect(officeToIso('2026-01-05 09:00', '2026-01-05T01:00:00.123456Z')).toBe('2026-01-05T01:00:00.123456Z')
    expect(officeToIso('2026-01-05 09:30', '2026-01-05T01:00:00.123456Z')).toBe('2026-01-05T01:30:00.000Z')
  })
})

describe('schedule: pure logic', () => {
  it('keeps the chain in review order and offers the allowed statuses', () => {
    expect(toggleLevel(['site', 'region'], 'point', true)).toEqual(['point', 'site', 'region'])
    expect(toggleLevel(['region', 'point'], 'site', true)).toEqual(['point', 'site', 'region'])
    expect(toggleLevel(['point', 'site', 'region'], 'site', false)).toEqual(['point', 'region'])
    expect(statusOptions('draft')).toEqual(['draft', 'published'])
    expect(statusOptions('published')).toEqual(['draft', 'published', 'closed'])
    expect(statusOptions('closed')).toEqual(['published', 'closed'])
    expect(statusOptions('archived')).toEqual(['archived'])
  })

  it('checks the draft under the server’s field names', () => {
    const d = draftFromSession(session())
    expect(d.registration).toEqual({ opens: '2026-01-05 09:00', closes: '2026-01-25 17:00' })
    expect(checkSchedule(d)).toEqual({})
    d.chain = toggleLevel(d.chain, 'point', true)
    d.stages[0].opens = '2026-01-01 08:00'
    d.supplement.opens = '2026-03-01 08:00'
    d.review.region.closes = '2026-01-01 00:00'
    expect(checkSchedule(d)).toEqual({
      'review_windows.point': ['window_missing'],
      'review_windows.region': ['dates_out_of_order'],
      'stages.main': ['before_registration_opens'],
      supplement_closes_at: ['window_incomplete'],
    })
    expect(checkSchedule({ ...d, chain: [] }).review_chain).toEqual(['chain_empty'])
    expect(checkSchedule({ ...d, chain: ['point', 'site'] }).review_chain).toEqual(['chain_must_end_at_region'])
  })

  it('sends the whole schedule with the version read, untouched times as they were', () => {
    const s = session()
    const d = draftFromSession(s)
    d.chain = toggleLevel(d.chain, 'point', true)
    d.review.point = { opens: '2026-01-05 09:00', closes: '2026-01-26 17:00' }
    d.supplement = { opens: '2026-03-01 08:00', closes: '2026-03-15 17:00' }
    d.status = 'closed'
    expect(scheduleRequest(s, d)).toEqual({
      updated_at: '2026-01-02T03:04:05.678Z',
      review_chain: ['point', 'site', 'region'],
      registration_opens_at: '2026-01-05T01:00:00.123456Z',
      registration_closes_at: '2026-01-25T09:00:00Z',
      supplement_opens_at: '2026-03-01T00:00:00.000Z',
      supplement_closes_at: '2026-03-15T09:00:00.000Z',
      review_windows: [
        { level: 'point', opens_at: '2026-01-05T01:00:00.000Z', closes_at: '2026-01-26T09:00:00.000Z' },
        { level: 'site', opens_at: '2026-01-05T01:00:00Z', closes_at: '2026-01-27T09:00:00Z' },
        { level: 'region', opens_at: '2026-01-05T01:00:00Z', closes_at: '2026-01-29T09:00:00Z' },
      ],
      stages: [{ code: 'main', payment_opens_at: '2026-02-01T00:00:00Z', payment_closes_at: '2026-02-10T15:59:00Z' }],
      status: 'closed',
      auto_confirm_returning: false,
    })
  })

  it('lays out the calendar and says whether a window is open', () => {
    expect(sessionCalendar(session()).map((r) => `${r.kind}:${r.key}`)).toEqual(['registration:', 'review:site', 'review:region', 'payment:main', 'supplement:'])
    const at = new Date('2026-01-10T00:00:00Z')
    expect(windowState('2026-01-05T01:00:00Z', '2026-01-25T09:00:00Z', at)).toBe('open')
    expect(windowState('2026-02-01T00:00:00Z', '2026-02-10T00:00:00Z', at)).toBe('upcoming')
    expect(windowState('2025-12-01T00:00:00Z', '2026-01-01T00:00:00Z', at)).toBe('ended')
  })
})

async function mountView() {
  const { pinia, i18n } = plugins()
  const store = useSessionStore(pinia)
  store.setTokens(tokens())
  store.staff = staff({ role: 'region_admin', review_level: null, username: 'region_admin' })
  const router = testRouter([
    { path: '/sessions', name: 'sessions', component: SessionsView },
    { path: '/fees', name: 'fees', component: { render: () => null } },
  ])
  await router.push('/sessions')
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return wrapper
}

const body = (selector: string) => document.body.querySelector<HTMLElement>(selector)
async function click(selector: string): Promise<void> {
  const el = body(selector)
  if (!el) throw new Error(`nothing at ${selector}`)
  el.click()
  await settle(8)
}
const editorText = () => body('[data-testid="schedule-editor"]')?.textContent ?? ''

beforeEach(() => {
  document.body.innerHTML = ''
  Object.values(api).forEach((f) => f.mockReset())
  api.listAdminSessions.mockResolvedValue([session(), session({ id: 'archived-1', name: '2024年护士执业资格考试', status: 'archived' })])
})

// the editor holds ten date pickers: slow to mount on a busy 2-core machine
describe('exam sessions screen', { timeout: 30_000 }, () => {
  it('lists the sessions with their status and calendar in words, and links to the fee table', async () => {
    const wrapper = await mountView()
    expect(document.body.querySelectorAll('[data-testid="session-row"]').length).toBe(2)
    const statuses = [...document.body.querySelectorAll('[data-testid="session-status"]')].map((s) => s.textContent?.trim())
    expect(statuses).toEqual(['已发布', '已归档'])
    const calendar = body('[data-testid="session-windows"]')?.textContent ?? ''
    expect(calendar).toContain('考点审核')
    expect(calendar).toContain('缴费（考试）')
    expect(calendar).toContain('补充材料')
    expect(calendar).toContain('未设置')
    expect(body('[data-testid="session-fees"]')?.getAttribute('href')).toContain(`session=${ID}`)
    expect(body('[data-testid="sessions-table"]')?.textContent).toContain('考点 → 考区')
    wrapper.unmount()
  })

  it('saves the edited chain and status with the version read', async () => {
    const wrapper = await mountView()
    await click('[data-testid="session-edit"]')
    expect(editorText()).toContain('审核流程')
    await click('[data-testid="schedule-level-point"] input')
    await vi.waitFor(() => expect(body('[data-testid="schedule-review-point"]')).not.toBeNull())
    // the point window's dates: set through the pickers' models (the calendar popup is not clickable in jsdom)
    const editor = wrapper.findComponent({ name: 'ScheduleEditor' })
    const point = editor.findAllComponents({ name: 'WindowInput' }).find((w) => w.props('testid') === 'schedule-review-point')!
    point.vm.$emit('update:opens', '2026-01-05 09:00')
    point.vm.$emit('update:closes', '2026-01-26 17:00')
    await settle()
    await click('[data-testid="schedule-status-closed"] input')

    api.updateSchedule.mockResolvedValueOnce(session({ status: 'closed', review_chain: ['point', 'site', 'region'], updated_at: '2026-01-03T00:00:00Z' }))
    await click('[data-testid="schedule-save"]')
    expect(api.updateSchedule).toHaveBeenCalledTimes(1)
    const [id, req] = api.updateSchedule.mock.calls[0]
    expect(id).toBe(ID)
    expect(req.updated_at).toBe('2026-01-02T03:04:05.678Z')
    expect(req.review_chain).toEqual(['point', 'site', 'region'])
    expect(req.review_windows[0]).toEqual({ level: 'point', opens_at: '2026-01-05T01:00:00.000Z', closes_at: '2026-01-26T09:00:00.000Z' })
    expect(req.status).toBe('closed')
    await vi.waitFor(() => expect(document.body.querySelectorAll('[data-testid="session-status"]')[0].textContent?.trim()).toBe('已关闭'))
    wrapper.unmount()
  })

  it('refuses a point window left empty before asking the server, and shows the server’s field errors under their inputs', async () => {
    const wrapper = await mountView()
    await click('[data-testid="session-edit"]')
    await click('[data-testid="schedule-level-point"] input')
    await click('[data-testid="schedule-save"]')
    expect(api.updateSchedule).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(body('[data-testid="schedule-review-point"]')?.textContent).toContain('请填写开始和结束时间'))

    await click('[data-testid="schedule-level-point"] input')
    api.updateSchedule.mockRejectedValueOnce(
      problem(422, 'validation_failed', { errors: { 'stages.main': ['before_registration_opens'], 'review_windows.site': ['dates_out_of_order'], stages: ['stages_incomplete'] } }),
    )
    await click('[data-testid="schedule-save"]')
    await vi.waitFor(() => expect(body('[data-testid="schedule-stage-main"]')?.textContent).toContain('不能早于报名开始时间'))
    expect(body('[data-testid="schedule-review-site"]')?.textContent).toContain('结束日期须晚于开始日期')
    // a field the form has no input for is listed apart
    expect(body('[data-testid="schedule-other-errors"]')?.textContent).toContain('须为每个缴费阶段设置缴费时间')
    wrapper.unmount()
  })

  it('explains a version conflict and reloads the server’s schedule on request', async () => {
    const wrapper = await mountView()
    await click('[data-testid="session-edit"]')
    api.updateSchedule.mockRejectedValueOnce(problem(409, 'version_conflict'))
    await click('[data-testid="schedule-save"]')
    await vi.waitFor(() => expect(body('[data-testid="conflict"]')?.getAttribute('data-code')).toBe('version_conflict'))
    expect(body('[data-testid="conflict"]')?.textContent).toContain('此考试的日程已被其他人修改')

    api.listAdminSessions.mockResolvedValueOnce([session({ updated_at: '2026-01-09T00:00:00Z', auto_confirm_returning: true })])
    await click('[data-testid="conflict-reload"]')
    expect(api.listAdminSessions).toHaveBeenCalledTimes(2)
    await vi.waitFor(() => expect(body('[data-testid="conflict"]')).toBeNull())
    api.updateSchedule.mockResolvedValueOnce(session({ updated_at: '2026-01-10T00:00:00Z' }))
    await click('[data-testid="schedule-save"]')
    expect(api.updateSchedule.mock.calls[1][1].updated_at).toBe('2026-01-09T00:00:00Z')
    expect(api.updateSchedule.mock.calls[1][1].auto_confirm_returning).toBe(true)
    wrapper.unmount()
  })

  it('says why a chain that drops a level in use, or a status change, is refused', async () => {
    const wrapper = await mountView()
    await click('[data-testid="session-edit"]')
    api.updateSchedule.mockRejectedValueOnce(problem(409, 'level_in_use'))
    await click('[data-testid="schedule-save"]')
    await vi.waitFor(() => expect(body('[data-testid="conflict"]')?.textContent).toContain('仍有报名在等待审核的级别'))
    api.updateSchedule.mockRejectedValueOnce(problem(409, 'session_has_registrations'))
    await click('[data-testid="schedule-save"]')
    await vi.waitFor(() => expect(body('[data-testid="conflict"]')?.textContent).toContain('不能改回草稿'))
    wrapper.unmount()
  })

  it('shows an archived session read-only', async () => {
    const wrapper = await mountView()
    await click('[data-testid="session-edit"][aria-label*="2024"]')
    await vi.waitFor(() => expect(body('[data-testid="schedule-archived"]')).not.toBeNull())
    expect(body('[data-testid="schedule-save"]')).toBeNull()
    wrapper.unmount()
  })
})
