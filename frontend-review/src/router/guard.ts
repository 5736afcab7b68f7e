// The navigation decision, kept free of the router instance so that it can be tested on its own.
import type { Role } from '@/api/types'
import { canOpen, homeFor, type Screen } from './access'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    public?: boolean
    /** Role-restricted screen; absent means any signed-in staff member. */
    screen?: Screen
  }
}

export interface GuardTarget {
  name?: string | symbol | null
  fullPath: string
  meta: { public?: boolean; screen?: Screen }
}

export interface GuardSession {
  isAuthenticated: boolean
  role: Role | null
  /** The reviewer's review level (`point`, `site`, `region`) for the level-restricted screens (access LEVELS). */
  level?: string | null
}

export type GuardDecision =
  | { kind: 'allow' }
  | { kind: 'login'; redirect?: string }
  | { kind: 'home'; screen: Screen }
  | { kind: 'forbidden' }

export function decide(to: GuardTarget, session: GuardSession): GuardDecision {
  if (to.meta.public) {
    // A signed-in user who opens the login page goes to their home screen.
    return session.isAuthenticated && session.role ? { kind: 'home', screen: homeFor(session.role) } : { kind: 'allow' }
  }
  if (!session.isAuthenticated || session.role === null) {
    return to.fullPath === '/' ? { kind: 'login' } : { kind: 'login', redirect: to.fullPath }
  }
  if (to.name === 'home') return { kind: 'home', screen: homeFor(session.role) }
  if (to.meta.screen && !canOpen(to.meta.screen, session.role, session.level)) return { kind: 'forbidden' }
  return { kind: 'allow' }
}

/** Only same-app paths are followed after login (no open redirects). */
export function safeRedirect(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : null
}
