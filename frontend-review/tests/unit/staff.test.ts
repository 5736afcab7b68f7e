import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import StaffView from '@/views/StaffView.vue'
import type { StaffAccountView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { activePatch, checkStaffDraft, draftFromAccount, emptyStaffDraft, grantableRoles, isLocked, levelForOrgKind, newStaffBody, staffActions, staffPatchBody } from '@/utils/staff'
import { plugins, problem, settle, staff, testRouter, tokens } from './helpers'

const api = vi.hoisted(() => ({ listStaffAccounts: vi.fn(), createStaffAccount: vi.fn(), updateStaffAccount: vi.fn(), resetStaffCredentials: vi.fn() }))
vi.mock('@/api/staff', () => api)
const REGION_ORG = 'fdd076ee-5055-4ef3-8f77-4f1119187e05'
const SITE_ORG = '0f6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'
vi.mock('@/api/orgs', () => ({
  listOrgs: vi.fn().mockResolvedValue([
    { id: 'fdd076ee-5055-4ef3-8f77-4f1119187e05', code: '410000', name: '河南考区', kind: 'region', path: '/410000/', active: true, parent_id: null },
    { id: '0f6c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b', code: '410100', name: '郑州市考点', kind: 'site', path: '/410000/410100/', active: true },
  ]),
}))

const ME = '31592b5f-25d1-490f-8b9c-4df945d3db6d'
const account = (extra: Partial<StaffAccountView> = {}): StaffAccountView => ({
  id: '7d2f0e8a-1b3c-4d5e-9f60-718293a4b5c6',
  username: 'site_reviewer',
  display_name: '郑州市考点审核员',
  role: 'reviewer',
  review_level: 'site',
  scope_org_id: SITE_ORG,
  scope_org_name: '郑州市考点',
  can_reveal_pii: true,
  totp_enabled: true,
  active: true,
  locked_until: null,
  last_login_at: null,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
  ...extra,
})

describe('staff accounts: pure logic', () => {
  it('grants region administrators reviewer and region_admin only', () => {
    expect(grantableRoles('region_admin')).toEqual(['reviewer', 'region_admin'])
    expect(grantableRoles('system_admin')).toContain('auditor')
    expect(grantableRoles('reviewer')).toEqual([])
  })

  it('offers no action on one’s own account nor on roles one may not grant', () => {
    expect(staffActions('region_admin', ME, { id: 'x', role: 'reviewer' })).toEqual({ edit: true, toggle: true, reset: true })
    expect(staffActions('region_admin', ME, { id: ME, role: 'region_admin' }).edit).toBe(false)
    expect(staffActions('region_admin', ME, { id: 'x', role: 'system_admin' }).reset).toBe(false)
    expect(staffActions('system_admin', ME, { id: 'x', role: 'system_admin' }).edit).toBe(true)
  })

  it('checks the form and builds the create body', () => {
    expect(checkStaffDraft(emptyStaffDraft(), true)).toEqual({
      username: ['username_invalid'],
      display_name: ['display_name_length'],
      review_level: ['level_required'],
      scope_org_id: ['required'],
    })
    const draft = { ...emptyStaffDraft(), username: ' zz_site.2 ', display_name: ' 新审核员 ', review_level: 'site', scope_org_id: SITE_ORG }
    expect(checkStaffDraft(draft, true)).toEqual({})
    expect(checkStaffDraft({ ...draft, username: '2abc' }, true)).toEqual({ username: ['username_invalid'] })
    expect(newStaffBody(draft)).toEqual({ username: 'zz_site.2', display_name: '新审核员', role: 'reviewer', review_level: 'site', scope_org_id: SITE_ORG, can_reveal_pii: false })
    expect(newStaffBody({ ...draft, role: 'region_admin' }).review_level).toBeNull()
    expect(levelForOrgKind('point')).toBe('point')
    expect(levelForOrgKind('institution')).toBeNull()
  })

  it('sends only what changed, with the version read', () => {
    const a = account()
    expect(staffPatchBody(a, draftFromAccount(a))).toEqual({ updated_at: a.updated_at })
    expect(staffPatchBody(a, { ...draftFromAccount(a), role: 'region_admin', scope_org_id: REGION_ORG })).toEqual({
      updated_at: a.updated_at,
      role: 'region_admin',
      review_level: null,
      scope_org_id: REGION_ORG,
    })
    expect(activePatch(a, false)).toEqual({ updated_at: a.updated_at, active: false })
    expect(isLocked({ locked_until: '2026-01-01T00:10:00Z' }, new Date('2026-01-01T00:00:00Z'))).toBe(true)
    expect(isLocked({ locked_until: null })).toBe(false)
  })
})

async function mountView(role = 'region_admin') {
  const { pinia, i18n } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({ id: ME, role, review_level: null, username: 'region_admin' })
  const router = testRouter([{ path: '/staff', name: 'staff', component: StaffView }])
  await router.push('/staff')
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
async function fill(selector: string, value: string): Promise<void> {
  const el = body(selector) as HTMLInputElement
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}

beforeEach(() => {
  document.body.innerHTML = ''
  Object.values(api).forEach((f) => f.mockReset())
  api.listStaffAccounts.mockResolvedValue([account(), account({ id: ME, username: 'region_admin', display_name: '考区管理员', role: 'region_admin', review_level: null })])
})

describe('staff accounts screen', () => {
  it('lists accounts, offers no action on one’s own, and shows a new account’s password once', async () => {
    const wrapper = await mountView()
    expect(api.listStaffAccounts).toHaveBeenCalledWith(undefined)
    expect(document.body.querySelectorAll('[data-testid="staff-row"]').length).toBe(2)
    expect(new Set([...document.body.querySelectorAll<HTMLElement>('[data-testid="staff-edit"]')].map((e) => e.getAttribute('aria-label'))).has('编辑考区管理员')).toBe(false)

    await click('[data-testid="staff-add"]')
    await click('[data-testid="staff-save"]')
    expect(api.createStaffAccount).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(body('[data-testid="staff-dialog"]')?.textContent).toContain('用户名须为 3–32 个字符'))

    api.createStaffAccount.mockRejectedValueOnce(problem(409, 'username_taken'))
    await fill('input[data-testid="staff-username"]', 'zz_site')
    await fill('input[data-testid="staff-display-name"]', '新考点审核员')
    // the organisation and level: set through the picker's model (the tree select is not clickable in jsdom)
    const dialog = wrapper.findAllComponents({ name: 'StaffDialog' })[0]
    const picker = dialog.findComponent({ name: 'OrgPicker' })
    picker.vm.$emit('update:modelValue', SITE_ORG)
    await settle()
    await click('[data-testid="staff-save"]')
    expect(api.createStaffAccount).toHaveBeenCalledWith({ username: 'zz_site', display_name: '新考点审核员', role: 'reviewer', review_level: 'site', scope_org_id: SITE_ORG, can_reveal_pii: false })
    await vi.waitFor(() => expect(body('[data-testid="staff-dialog"]')?.textContent).toContain('此用户名已被使用'))

    api.createStaffAccount.mockResolvedValueOnce({ account: account({ id: 'new', username: 'zz_site2' }), initial_password: 'Init-Pass-1234' })
    await fill('input[data-testid="staff-username"]', 'zz_site2')
    await click('[data-testid="staff-save"]')
    await vi.waitFor(() => expect(body('[data-testid="staff-initial-password"]')?.textContent).toBe('Init-Pass-1234'))
    expect(body('[data-testid="staff-password-warning"]')?.textContent).toContain('只显示这一次')
    await click('[data-testid="staff-password-close"]')
    await vi.waitFor(() => expect(body('[data-testid="staff-initial-password"]')?.textContent ?? '').toBe(''))
    wrapper.unmount()
  })

  it('resets credentials after confirming and shows the new password', async () => {
    api.resetStaffCredentials.mockResolvedValueOnce({ account: account(), initial_password: 'Reset-Pass-9' })
    const wrapper = await mountView()
    await click('[data-testid="staff-reset"]')
    expect(api.resetStaffCredentials).not.toHaveBeenCalled()
    await click('[data-testid="staff-reset-totp"] input')
    await click('[data-testid="staff-reset-submit"]')
    expect(api.resetStaffCredentials).toHaveBeenCalledWith(account().id, true)
    await vi.waitFor(() => expect(body('[data-testid="staff-initial-password"]')?.textContent).toBe('Reset-Pass-9'))
    wrapper.unmount()
  })
})
