// Adds the bearer token to every API call; on a 401 it refreshes the session once (a single refresh shared by
// all requests that fail together) and retries the request once with the new token. When that is impossible the
// session is lost and the app goes back to the login page.
import type { Middleware } from 'openapi-fetch'
import type { TokenPair } from './types'

export interface SessionHooks {
  accessToken(): string | null
  refreshToken(): string | null
  /** Exchanges the refresh token for a new pair (outside this middleware); null when refused. */
  refresh(refreshToken: string): Promise<TokenPair | null>
  saveTokens(tokens: TokenPair): void
  sessionLost(): void
}

/** Calls where a 401 is an answer about credentials, not an expired session. */
export const UNAUTHENTICATED_PATHS: readonly string[] = [
  '/api/v1/auth/staff/login',
  '/api/v1/auth/staff/totp-enrolment',
  '/api/v1/auth/refresh',
]

export function createSessionMiddleware(hooks: SessionHooks): Middleware {
  const retries = new Map<string, Request>()
  let inflight: Promise<string | null> | null = null

  function refreshOnce(): Promise<string | null> {
    if (inflight === null) {
      inflight = (async () => {
        const refreshToken = hooks.refreshToken()
        if (!refreshToken) return null
        try {
          const tokens = await hooks.refresh(refreshToken)
          if (!tokens) return null
          hooks.saveTokens(tokens)
          return tokens.access_token
        } catch {
          return null
        }
      })().finally(() => {
        inflight = null
      })
    }
    return inflight
  }

  return {
    onRequest({ request, schemaPath, id }) {
      if (UNAUTHENTICATED_PATHS.includes(schemaPath)) return request
      const token = hooks.accessToken()
      if (token) request.headers.set('Authorization', `Bearer ${token}`)
      retries.set(id, request.clone())
      return request
    },

    async onResponse({ request, response, id, options }) {
      const retry = retries.get(id)
      retries.delete(id)
      if (response.status !== 401 || retry === undefined) return undefined
      const used = request.headers.get('Authorization')
      let token = hooks.accessToken()
      // Another request may already have refreshed while this one was in flight: then just retry.
      if (!token || `Bearer ${token}` === used) token = await refreshOnce()
      if (!token) {
        hooks.sessionLost()
        return undefined
      }
      retry.headers.set('Authorization', `Bearer ${token}`)
      const second = await options.fetch(retry)
      if (second.status === 401) hooks.sessionLost()
      return second
    },

    onError({ id }) {
      retries.delete(id)
    },
  }
}
