import { describe, expect, it, vi } from 'vitest'
import { createApiClient } from '@/api/client'
import { unwrap, ApiError } from '@/api/problem'
import { createSessionMiddleware, type SessionHooks } from '@/api/session-middleware'
import type { TokenPair } from '@/api/types'

const pair = (access: string, refresh: string): TokenPair => ({
  access_token: access,
  refresh_token: refresh,
  token_type: 'Bearer',
  expires_in: 900,
  refresh_expires_in: 1209600,
})

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })

const unauthorized = () => json(401, { type: 'x', title: 'Unauthorized', status: 401, code: 'token_invalid' })

/** A server that accepts only `valid` as the bearer token; records what it saw. */
function server(valid: string) {
  const seen: { url: string; auth: string | null; body: string }[] = []
  const fetchImpl = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request
    const body = request.method === 'GET' ? '' : await request.text()
    seen.push({ url: new URL(request.url).pathname, auth: request.headers.get('authorization'), body })
    if (new URL(request.url).pathname === '/api/v1/auth/staff/login') return unauthorized()
    if (request.headers.get('authorization') !== `Bearer ${valid}`) return unauthorized()
    return json(200, { kind: 'staff' })
  })
  return { seen, fetchImpl }
}

function session(initial: TokenPair, refreshResult: () => Promise<TokenPair | null>) {
  let tokens: TokenPair | null = initial
  const hooks = {
    accessToken: () => tokens?.access_token ?? null,
    refreshToken: () => tokens?.refresh_token ?? null,
    refresh: vi.fn(async (_rt: string) => refreshResult()),
    saveTokens: vi.fn((t: TokenPair) => {
      tokens = t
    }),
    sessionLost: vi.fn(() => {
      tokens = null
    }),
  } satisfies SessionHooks
  return hooks
}

describe('session middleware', () => {
  it('sends the bearer token', async () => {
    const { seen, fetchImpl } = server('A1')
    const client = createApiClient('http://test', fetchImpl)
    client.use(createSessionMiddleware(session(pair('A1', 'R1'), async () => null)))
    await unwrap(client.GET('/api/v1/me'))
    expect(seen[0].auth).toBe('Bearer A1')
  })

  it('refreshes once for concurrent 401s and retries each request with the new token', async () => {
    const { seen, fetchImpl } = server('A2')
    const client = createApiClient('http://test', fetchImpl)
    let resolveRefresh: (t: TokenPair) => void = () => {}
    const hooks = session(pair('A1', 'R1'), () => new Promise((r) => (resolveRefresh = r)))
    client.use(createSessionMiddleware(hooks))

    const calls = [unwrap(client.GET('/api/v1/me')), unwrap(client.GET('/api/v1/orgs')), unwrap(client.GET('/api/v1/me'))]
    await vi.waitFor(() => expect(hooks.refresh).toHaveBeenCalledTimes(1))
    resolveRefresh(pair('A2', 'R2'))
    await Promise.all(calls)

    expect(hooks.refresh).toHaveBeenCalledTimes(1)
    expect(hooks.refresh).toHaveBeenCalledWith('R1')
    expect(hooks.saveTokens).toHaveBeenCalledWith(pair('A2', 'R2'))
    expect(hooks.sessionLost).not.toHaveBeenCalled()
    expect(seen.filter((s) => s.auth === 'Bearer A1')).toHaveLength(3)
    expect(seen.filter((s) => s.auth === 'Bearer A2')).toHaveLength(3)
  })

  it('does not refresh again for a request whose 401 arrives after another one already refreshed', async () => {
    const { seen, fetchImpl } = server('A2')
    let release: () => void = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const slowFetch = vi.fn(async (input: RequestInfo | URL) => {
      const response = await fetchImpl(input)
      if (new URL((input as Request).url).pathname === '/api/v1/orgs' && seen.length === 1) await gate
      return response
    })
    const client = createApiClient('http://test', slowFetch)
    const hooks = session(pair('A1', 'R1'), async () => pair('A2', 'R2'))
    client.use(createSessionMiddleware(hooks))

    const slow = unwrap(client.GET('/api/v1/orgs'))
    await vi.waitFor(() => expect(seen).toHaveLength(1))
    await unwrap(client.GET('/api/v1/me'))
    release()
    await slow

    expect(hooks.refresh).toHaveBeenCalledTimes(1)
    expect(seen.map((s) => `${s.url} ${s.auth}`)).toEqual([
      '/api/v1/orgs Bearer A1',
      '/api/v1/me Bearer A1',
      '/api/v1/me Bearer A2',
      '/api/v1/orgs Bearer A2',
    ])
  })

  it('retries only once: a second 401 loses the session without another refresh', async () => {
    const { seen, fetchImpl } = server('never')
    const client = createApiClient('http://test', fetchImpl)
    const hooks = session(pair('A1', 'R1'), async () => pair('A2', 'R2'))
    client.use(createSessionMiddleware(hooks))
    const error = await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(401)
    expect(hooks.refresh).toHaveBeenCalledTimes(1)
    expect(hooks.sessionLost).toHaveBeenCalledTimes(1)
    expect(seen).toHaveLength(2)
  })

  it('loses the session when the refresh is refused', async () => {
    const { seen, fetchImpl } = server('A2')
    const client = createApiClient('http://test', fetchImpl)
    const hooks = session(pair('A1', 'R1'), async () => null)
    client.use(createSessionMiddleware(hooks))
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toBeInstanceOf(ApiError)
    expect(hooks.sessionLost).toHaveBeenCalledTimes(1)
    expect(seen).toHaveLength(1)
  })

  it('retries a POST with its body intact', async () => {
    const { seen, fetchImpl } = server('A2')
    const client = createApiClient('http://test', fetchImpl)
    client.use(createSessionMiddleware(session(pair('A1', 'R1'), async () => pair('A2', 'R2'))))
    await client.POST('/api/v1/review/registrations/{id}/reveal-id-number', {
      params: { path: { id: '00000000-0000-0000-0000-000000000001' } },
      body: { reason: 'check the photo' },
    })
    expect(seen.map((s) => s.body)).toEqual(['{"reason":"check the photo"}', '{"reason":"check the photo"}'])
    expect(seen[1].auth).toBe('Bearer A2')
  })

  it('leaves a 401 from the login call alone (wrong credentials are not an expired session)', async () => {
    const { seen, fetchImpl } = server('A1')
    const client = createApiClient('http://test', fetchImpl)
    const hooks = session(pair('A1', 'R1'), async () => pair('A2', 'R2'))
    client.use(createSessionMiddleware(hooks))
    const result = await client.POST('/api/v1/auth/staff/login', { body: { username: 'u', password: 'p' } })
    expect(result.response.status).toBe(401)
    expect(hooks.refresh).not.toHaveBeenCalled()
    expect(hooks.sessionLost).not.toHaveBeenCalled()
    expect(seen[0].auth).toBeNull()
  })
})
