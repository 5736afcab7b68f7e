// openapi-fetch middleware for the session: adds the bearer token, and when a call with a token comes back
// 401 it refreshes the token pair once (one refresh in flight, however many calls failed together) and
// replays the call with the new token. When the refresh is refused the session is over: onSessionEnded().
import type { Middleware } from 'openapi-fetch'
import type { TokenPair } from './types'

export interface TokenStore {
  accessToken(): string | null
  refreshToken(): string | null
  save(pair: TokenPair): void
  clear(): void
}

export type RefreshOutcome = { ok: true; pair: TokenPair } | { ok: false; reason: 'rejected' }

export interface SessionMiddlewareOptions {
  tokens: TokenStore
  /** Exchanges a refresh token for a new pair. Throws on network failure (the session is kept). */
  refresh(refreshToken: string): Promise<RefreshOutcome>
  /** The refresh token was refused (expired, revoked, reused): the user has to log in again. */
  onSessionEnded(): void
  /** Sends a replayed request (normally globalThis.fetch). */
  fetch(request: Request): Promise<Response>
}

/** Paths that never carry a bearer token: the unauthenticated part of /auth. */
const PUBLIC_PATHS = ['/api/v1/auth/codes', '/api/v1/auth/refresh', '/api/v1/auth/token']
const PUBLIC_PREFIXES = ['/api/v1/auth/candidate/', '/api/v1/auth/staff/']

export function isPublicPath(schemaPath: string): boolean {
  return PUBLIC_PATHS.includes(schemaPath) || PUBLIC_PREFIXES.some((p) => schemaPath.startsWith(p))
}

/**
 * The session's token handling without the transport: the one place that refreshes, shared by the openapi
 * client's middleware and the material uploads (XMLHttpRequest, for progress). Refresh tokens rotate, so two
 * refreshes at once would reuse a spent one and end the session: there is only ever one in flight.
 */
export interface SessionAuth {
  /** The access token to send now (null without a session). */
  accessToken(): string | null
  /**
   * A call sent with `sentWith` (`Bearer …`, or null) came back 401: the token to replay it with (another
   * call may already have refreshed meanwhile), or null when there is none and the session has ended.
   */
  tokenAfter401(sentWith: string | null): Promise<string | null>
  /** The replay with a fresh token was refused too: the session was revoked. */
  endSession(): void
}

export function createSessionAuth(opts: Omit<SessionMiddlewareOptions, 'fetch'>): SessionAuth {
  let inFlight: Promise<string | null> | null = null

  function endSession(): void {
    opts.tokens.clear()
    opts.onSessionEnded()
  }

  /** One refresh at a time; resolves to the new access token, or null when the session has ended. */
  function refreshOnce(): Promise<string | null> {
    if (!inFlight) {
      inFlight = (async () => {
        const token = opts.tokens.refreshToken()
        const outcome = token ? await opts.refresh(token) : null
        if (!outcome?.ok) {
          endSession()
          return null
        }
        opts.tokens.save(outcome.pair)
        return outcome.pair.access_token
      })().finally(() => {
        inFlight = null
      })
    }
    return inFlight
  }

  return {
    accessToken: () => opts.tokens.accessToken(),
    async tokenAfter401(sentWith) {
      const current = opts.tokens.accessToken()
      return current && `Bearer ${current}` !== sentWith ? current : refreshOnce()
    },
    endSession,
  }
}

export function createSessionMiddleware(
  opts: SessionMiddlewareOptions,
  auth: SessionAuth = createSessionAuth(opts),
): Middleware {
  // Copies of authenticated requests taken before fetch consumed their bodies, to replay after a refresh.
  const pending = new Map<string, Request>()

  return {
    onRequest({ request, schemaPath, id }) {
      if (isPublicPath(schemaPath)) return undefined
      const token = auth.accessToken()
      if (!token) return undefined
      request.headers.set('Authorization', `Bearer ${token}`)
      pending.set(id, request.clone())
      return request
    },
    async onResponse({ response, id }) {
      const original = pending.get(id)
      pending.delete(id)
      if (response.status !== 401 || !original) return undefined
      // Another call may already have refreshed while this one was on the wire.
      const token = await auth.tokenAfter401(original.headers.get('Authorization'))
      if (!token) return undefined
      const replay = new Request(original)
      replay.headers.set('Authorization', `Bearer ${token}`)
      // Retried once only: a fresh token that is refused too means the session was revoked.
      const second = await opts.fetch(replay)
      if (second.status === 401) auth.endSession()
      return second
    },
    onError({ id }) {
      pending.delete(id)
      return undefined
    },
  }
}
