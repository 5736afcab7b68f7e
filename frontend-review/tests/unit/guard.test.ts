import { describe, expect, it } from 'vitest'
import { ROLES, type Role } from '@/api/types'
import { canDo, canOpen, homeFor, menuFor, type Screen } from '@/router/access'
import { decide, safeRedirect, type GuardTarget } from '@/router/guard'

const to = (name: string, screen?: Screen, fullPath = `/${name}`): GuardTarget => ({ name, fullPath, meta: screen ? { screen } : {} })
const as = (role: Role) => ({ isAuthenticated: true, role })

describe('role guard', () => {
  it('sends visitors without a session to the login page, remembering where they were going', () => {
    const anonymous = { isAuthenticated: false, role: null }
    expect(decide(to('queue', 'queue', '/queue?status=submitted'), anonymous)).toEqual({ kind: 'login', redirect: '/queue?status=submitted' })
    expect(decide({ name: 'home', fullPath: '/', meta: {} }, anonymous)).toEqual({ kind: 'login' })
    expect(decide({ name: 'login', fullPath: '/login', meta: { public: true } }, anonymous)).toEqual({ kind: 'allow' })
  })

  it('lets reviewers and region admins into the review queue and registrations, not the audit log', () => {
    for (const role of ['reviewer', 'region_admin'] as const) {
      expect(decide(to('queue', 'queue'), as(role))).toEqual({ kind: 'allow' })
      expect(decide(to('registration', 'registration', '/registrations/x'), as(role))).toEqual({ kind: 'allow' })
      expect(decide(to('audit', 'audit'), as(role))).toEqual({ kind: 'forbidden' })
    }
  })

  it('lets auditors into the audit log only, besides orgs and help', () => {
    expect(decide(to('audit', 'audit'), as('auditor'))).toEqual({ kind: 'allow' })
    expect(decide(to('queue', 'queue'), as('auditor'))).toEqual({ kind: 'forbidden' })
    expect(decide(to('registration', 'registration'), as('auditor'))).toEqual({ kind: 'forbidden' })
    expect(decide(to('statistics', 'statistics'), as('auditor'))).toEqual({ kind: 'forbidden' })
  })

  it('keeps system administrators out of registrations and the audit log', () => {
    expect(decide(to('queue', 'queue'), as('system_admin'))).toEqual({ kind: 'forbidden' })
    expect(decide(to('audit', 'audit'), as('system_admin'))).toEqual({ kind: 'forbidden' })
  })

  it('lets every staff role see organisations, and everyone help', () => {
    for (const role of ROLES) {
      expect(decide(to('orgs', 'orgs'), as(role))).toEqual(role === 'institution' ? { kind: 'forbidden' } : { kind: 'allow' })
      expect(decide(to('help', 'help'), as(role))).toEqual({ kind: 'allow' })
    }
  })

  it('lets system administrators and auditors read the operations reports, no one else', () => {
    for (const role of ['system_admin', 'auditor'] as const) expect(decide(to('reports', 'reports'), as(role))).toEqual({ kind: 'allow' })
    for (const role of ['reviewer', 'region_admin', 'institution'] as const) expect(decide(to('reports', 'reports'), as(role))).toEqual({ kind: 'forbidden' })
  })

  it('keeps institution users in their portal (and help), and everyone else out of it', () => {
    expect(decide(to('institution', 'institution'), as('institution'))).toEqual({ kind: 'allow' })
    for (const role of ROLES.filter((r) => r !== 'institution')) {
      expect(decide(to('institution', 'institution'), as(role))).toEqual({ kind: 'forbidden' })
    }
    const screens = ['queue', 'registration', 'statistics', 'abnormal', 'libraries', 'reasons', 'payments', 'comparison', 'orgs', 'audit', 'reports'] as const
    for (const screen of screens) expect(decide(to(screen, screen), as('institution'))).toEqual({ kind: 'forbidden' })
    for (const action of ['verify', 'decide', 'compare', 'resolveAnomaly'] as const) expect(canDo(action, 'institution')).toBe(false)
  })

  it('sends each role to its home screen from / and from the login page', () => {
    expect(decide({ name: 'home', fullPath: '/', meta: {} }, as('reviewer'))).toEqual({ kind: 'home', screen: 'queue' })
    expect(decide({ name: 'home', fullPath: '/', meta: {} }, as('auditor'))).toEqual({ kind: 'home', screen: 'audit' })
    expect(decide({ name: 'login', fullPath: '/login', meta: { public: true } }, as('system_admin'))).toEqual({ kind: 'home', screen: 'orgs' })
    expect(decide({ name: 'home', fullPath: '/', meta: {} }, as('institution'))).toEqual({ kind: 'home', screen: 'institution' })
    expect(homeFor('institution')).toBe('institution')
    for (const role of ROLES) expect(canOpen(homeFor(role), role)).toBe(true)
  })

  it('lets only region admins into the reference libraries', () => {
    expect(decide(to('libraries', 'libraries'), as('region_admin'))).toEqual({ kind: 'allow' })
    for (const role of ['reviewer', 'auditor', 'system_admin'] as const) {
      expect(decide(to('libraries', 'libraries'), as(role))).toEqual({ kind: 'forbidden' })
    }
  })

  it('lets only region admins into the reason catalog', () => {
    expect(decide(to('reasons', 'reasons'), as('region_admin'))).toEqual({ kind: 'allow' })
    for (const role of ['reviewer', 'auditor', 'system_admin'] as const) {
      expect(decide(to('reasons', 'reasons'), as(role))).toEqual({ kind: 'forbidden' })
    }
  })

  it('lets only region admins into payments', () => {
    expect(decide(to('payments', 'payments'), as('region_admin'))).toEqual({ kind: 'allow' })
    for (const role of ['reviewer', 'auditor', 'system_admin'] as const) {
      expect(decide(to('payments', 'payments'), as(role))).toEqual({ kind: 'forbidden' })
    }
  })

  it('lets reviewers and region admins see abnormal data, not auditors or system administrators', () => {
    for (const role of ['reviewer', 'region_admin'] as const) expect(decide(to('abnormal', 'abnormal'), as(role))).toEqual({ kind: 'allow' })
    for (const role of ['auditor', 'system_admin'] as const) expect(decide(to('abnormal', 'abnormal'), as(role))).toEqual({ kind: 'forbidden' })
  })

  it('lets reviewers and region admins open the national comparison, not auditors or system administrators', () => {
    for (const role of ['reviewer', 'region_admin'] as const) expect(decide(to('comparison', 'comparison'), as(role))).toEqual({ kind: 'allow' })
    for (const role of ['auditor', 'system_admin'] as const) expect(decide(to('comparison', 'comparison'), as(role))).toEqual({ kind: 'forbidden' })
  })

  it('lets region admins load and run the comparison, and reviewers (not region admins) resolve its anomalies', () => {
    expect(canDo('compare', 'region_admin')).toBe(true)
    for (const role of ['reviewer', 'auditor', 'system_admin', null] as const) expect(canDo('compare', role)).toBe(false)
    expect(canDo('resolveAnomaly', 'reviewer')).toBe(true)
    for (const role of ['region_admin', 'auditor', 'system_admin', null] as const) expect(canDo('resolveAnomaly', role)).toBe(false)
  })

  it('lets reviewers, not region admins, re-run verification', () => {
    expect(canDo('verify', 'reviewer')).toBe(true)
    expect(canDo('verify', 'region_admin')).toBe(false)
    expect(canDo('verify', 'auditor')).toBe(false)
    expect(canDo('verify', null)).toBe(false)
  })

  it('lets only reviewers decide', () => {
    expect(canDo('decide', 'reviewer')).toBe(true)
    expect(canDo('decide', 'region_admin')).toBe(false)
    expect(canDo('decide', 'system_admin')).toBe(false)
    expect(canDo('decide', 'auditor')).toBe(false)
    expect(canDo('decide', null)).toBe(false)
  })

  it('opens group registration (集体报名) to registration point reviewers only, and lists it in their menu', () => {
    const reviewer = (level: string | null) => ({ isAuthenticated: true, role: 'reviewer' as const, level })
    expect(decide(to('classList', 'classList', '/class-list'), reviewer('point'))).toEqual({ kind: 'allow' })
    for (const level of ['site', 'region', null]) {
      expect(decide(to('classList', 'classList', '/class-list'), reviewer(level))).toEqual({ kind: 'forbidden' })
    }
    // a level alone opens nothing: the role comes first
    for (const role of ROLES.filter((r) => r !== 'reviewer')) {
      expect(decide(to('classList', 'classList', '/class-list'), { isAuthenticated: true, role, level: 'point' })).toEqual({ kind: 'forbidden' })
    }
    expect(decide(to('classList', 'classList', '/class-list'), as('reviewer'))).toEqual({ kind: 'forbidden' })
    expect(canOpen('classList', 'reviewer', 'point')).toBe(true)
    expect(canOpen('classList', 'reviewer', 'site')).toBe(false)
    // the other screens do not look at the level
    expect(decide(to('queue', 'queue'), reviewer('point'))).toEqual({ kind: 'allow' })
    expect(menuFor('reviewer', 'point')).toEqual(['classList', 'queue', 'supplements', 'spotChecks', 'statistics', 'abnormal', 'comparison', 'orgs', 'help'])
    for (const level of ['site', 'region']) expect(menuFor('reviewer', level)).not.toContain('classList')
    expect(menuFor('region_admin', 'point')).not.toContain('classList')
  })

  it('builds the menu from the same table', () => {
    expect(menuFor('reviewer')).toEqual(['queue', 'supplements', 'spotChecks', 'statistics', 'abnormal', 'comparison', 'orgs', 'help'])
    expect(menuFor('region_admin')).toEqual([
      'queue',
      'supplements',
      'spotChecks',
      'statistics',
      'abnormal',
      'comparison',
      'libraries',
      'reasons',
      'payments',
      'sessions',
      'fees',
      'staff',
      'apiClients',
      'orgs',
      'help',
    ])
    expect(menuFor('auditor')).toEqual(['audit', 'reports', 'orgs', 'help'])
    expect(menuFor('system_admin')).toEqual(['staff', 'apiClients', 'reports', 'orgs', 'help'])
    expect(menuFor('institution')).toEqual(['institution', 'help'])
    expect(menuFor(null)).toEqual([])
  })

  it('follows only same-app redirects after login', () => {
    expect(safeRedirect('/registrations/abc')).toBe('/registrations/abc')
    expect(safeRedirect('//evil.example/x')).toBeNull()
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect(['/queue'])).toBeNull()
  })
})
