import { beforeEach, describe, expect, it, vi } from 'vitest'
import { buildRouter } from '@/router'
import { useSessionStore } from '@/stores/session'
import { plugins, staff, tokens } from './helpers'

const auth = vi.hoisted(() => ({ staffLogin: vi.fn(), completeEnrolment: vi.fn(), fetchMe: vi.fn(), logout: vi.fn() }))
vi.mock('@/api/auth', () => auth)

beforeEach(() => {
  sessionStorage.clear()
  auth.fetchMe.mockReset()
})

function signedIn(role: string) {
  const { pinia } = plugins()
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({ role })
  return { router: buildRouter(pinia), session }
}

describe('the real route table with the guard', () => {
  it('sends an anonymous visitor to the login page with the way back', async () => {
    const { pinia } = plugins()
    const router = buildRouter(pinia)
    await router.push('/queue?status=submitted')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/queue?status=submitted')
  })

  it('keeps a reviewer out of the audit log', async () => {
    const { router } = signedIn('reviewer')
    await router.push('/audit')
    expect(router.currentRoute.value.name).toBe('forbidden')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('queue')
  })

  it('keeps an auditor out of registrations and lands them on the audit log', async () => {
    const { router } = signedIn('auditor')
    await router.push('/registrations/1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5')
    expect(router.currentRoute.value.name).toBe('forbidden')
    await router.push('/login')
    expect(router.currentRoute.value.name).toBe('audit')
  })

  it('lands an institution user on the portal and keeps them out of the staff screens', async () => {
    const { router } = signedIn('institution')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('institution')
    await router.push('/orgs')
    expect(router.currentRoute.value.name).toBe('forbidden')
    await router.push('/reports')
    expect(router.currentRoute.value.name).toBe('forbidden')
    await router.push('/help')
    expect(router.currentRoute.value.name).toBe('help')
  })

  it('opens group registration to a registration point reviewer, not to a site reviewer', async () => {
    const { router, session } = signedIn('reviewer')
    session.staff = staff({ username: 'school_hnhl', review_level: 'point' })
    await router.push('/class-list')
    expect(router.currentRoute.value.name).toBe('classList')

    const site = signedIn('reviewer')
    await site.router.push('/class-list')
    expect(site.router.currentRoute.value.name).toBe('forbidden')
  })

  it('opens the operations reports to a system administrator', async () => {
    const { router } = signedIn('system_admin')
    await router.push('/reports?kind=backup')
    expect(router.currentRoute.value.name).toBe('reports')
    await router.push('/institution')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })

  it('loads the profile of a restored session before deciding, and drops a session whose profile fails', async () => {
    const { pinia } = plugins()
    const session = useSessionStore(pinia)
    session.setTokens(tokens())
    auth.fetchMe.mockResolvedValueOnce({ kind: 'staff', staff: staff({ role: 'region_admin', review_level: null }) })
    const router = buildRouter(pinia)
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('queue')

    session.staff = null
    auth.fetchMe.mockRejectedValueOnce(new Error('offline'))
    await router.push('/orgs')
    expect(router.currentRoute.value.name).toBe('login')
    expect(session.isAuthenticated).toBe(false)
  })
})
