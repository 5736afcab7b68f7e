// The session middleware: bearer tokens, one refresh in flight however many calls fail, one replay per call,
// and the session ended when the refresh is refused.
import { describe, expect, it, vi } from 'vitest'
import { createApiClient, unwrap } from '@/api/client'
import { ApiError } from '@/api/errors'
import type { TokenStore } from '@/api/session-middleware'
import type { TokenPair } from '@/api/types'
import { json, noContent, problem, scriptedFetch, tokens, type Call } from './helpers'

function memoryTokens(initial: TokenPair | null): TokenStore & { pair: TokenPair | null } {
  const store = {
    pair: initial,
    accessToken: () => store.pair?.access_token ?? null,
    refreshToken: () => store.pair?.refresh_token ?? null,
    save: (p: TokenPair) => {
      store.pair = p
    },
    clear: () => {
      store.pair = null
    },
  }
  return store
}

const me = { kind: 'candidate', candidate: { id: 'c1', name: '张三', id_type: 'resident_id', id_number_masked: '110105********002X', phone_masked: '138****5678' } }

/** /me answers 401 to an old token and 200 to access-2. */
const meByToken = (call: Call) => (call.auth === 'Bearer access-2' ? json(200, me) : problem(401, 'token_invalid'))

function setup(script: Parameters<typeof scriptedFetch>[0], initial: TokenPair | null = tokens(1)) {
  const { fetch, calls } = scriptedFetch(script)
  const store = memoryTokens(initial)
  const ended = vi.fn()
  const client = createApiClient({ tokens: store, onSessionEnded: ended, baseUrl: 'http://test', fetch })
  return { client, calls, store, ended }
}

describe('bearer token', () => {
  it('is sent to protected endpoints but not to the public auth endpoints', async () => {
    const { client, calls } = setup({
      'GET /api/v1/me': json(200, me),
      'POST /api/v1/auth/candidate/login': json(200, tokens(2)),
    })
    await unwrap(client.GET('/api/v1/me'))
    await unwrap(client.POST('/api/v1/auth/candidate/login', { body: { login: 'x', password: 'y' } }))
    expect(calls.map((c) => c.auth)).toEqual(['Bearer access-1', null])
  })

  it('is not sent without a session', async () => {
    const { client, calls } = setup({ 'GET /api/v1/me': problem(401, 'unauthenticated') }, null)
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.auth).toBeNull()
  })
})

describe('refresh on 401', () => {
  it('refreshes once and replays the call with the new token', async () => {
    const { client, calls, store, ended } = setup({
      'GET /api/v1/me': meByToken,
      'POST /api/v1/auth/refresh': json(200, tokens(2)),
    })
    const data = await unwrap(client.GET('/api/v1/me'))
    expect(data.candidate?.name).toBe('张三')
    expect(calls.map((c) => `${c.method} ${c.path} ${c.auth ?? '-'}`)).toEqual([
      'GET /api/v1/me Bearer access-1',
      'POST /api/v1/auth/refresh -',
      'GET /api/v1/me Bearer access-2',
    ])
    expect(calls[1]?.body).toEqual({ refresh_token: 'refresh-1' })
    expect(store.pair).toEqual(tokens(2))
    expect(ended).not.toHaveBeenCalled()
  })

  it('shares one refresh between calls that fail together (single flight)', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const { client, calls } = setup({
      'GET /api/v1/me': meByToken,
      'POST /api/v1/auth/refresh': async () => {
        await gate
        return json(200, tokens(2))
      },
    })
    const all = Promise.all([1, 2, 3].map(() => unwrap(client.GET('/api/v1/me'))))
    await vi.waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1))
    release()
    const results = await all
    expect(results.map((r) => r.candidate?.name)).toEqual(['张三', '张三', '张三'])
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1)
    expect(calls.filter((c) => c.auth === 'Bearer access-2')).toHaveLength(3)
  })

  it('replays a POST with its body', async () => {
    const { client, calls } = setup({
      'POST /api/v1/auth/logout': [problem(401, 'token_invalid'), noContent()],
      'POST /api/v1/auth/refresh': json(200, tokens(2)),
    })
    await unwrap(client.POST('/api/v1/auth/logout'))
    expect(calls.map((c) => c.auth)).toEqual(['Bearer access-1', null, 'Bearer access-2'])
  })

  it('retries only once: a second 401 ends the session instead of refreshing again', async () => {
    const { client, calls, store, ended } = setup({
      'GET /api/v1/me': problem(401, 'token_revoked'),
      'POST /api/v1/auth/refresh': json(200, tokens(2)),
    })
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toMatchObject({ code: 'token_revoked', status: 401 })
    expect(calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1)
    expect(calls.filter((c) => c.path === '/api/v1/me')).toHaveLength(2)
    expect(store.pair).toBeNull()
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('ends the session when the refresh token is refused', async () => {
    const { client, store, ended } = setup({
      'GET /api/v1/me': problem(401, 'token_invalid'),
      'POST /api/v1/auth/refresh': problem(401, 'refresh_token_reused'),
    })
    await expect(unwrap(client.GET('/api/v1/me'))).rejects.toMatchObject({ code: 'token_invalid' })
    expect(store.pair).toBeNull()
    expect(ended).toHaveBeenCalledTimes(1)
  })

  it('keeps the session when the refresh fails on the network, and reports a network error', async () => {
    const { client, store, ended } = setup({
      'GET /api/v1/me': problem(401, 'token_invalid'),
      'POST /api/v1/auth/refresh': new TypeError('Failed to fetch'),
    })
    const err = await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).failure.kind).toBe('network')
    expect((err as ApiError).retryable).toBe(true)
    expect(store.pair).toEqual(tokens(1))
    expect(ended).not.toHaveBeenCalled()
  })

  it('does not refresh for a 401 from a public endpoint (wrong password)', async () => {
    const { client, calls } = setup({ 'POST /api/v1/auth/candidate/login': problem(401, 'invalid_credentials') })
    await expect(unwrap(client.POST('/api/v1/auth/candidate/login', { body: { login: 'a', password: 'b' } }))).rejects.toMatchObject({
      code: 'invalid_credentials',
    })
    expect(calls).toHaveLength(1)
  })
})

describe('unwrap', () => {
  it('turns a non-problem error body into an http failure', async () => {
    const { client } = setup({ 'GET /api/v1/me': new Response('<html>Bad gateway</html>', { status: 502 }) })
    const err = (await unwrap(client.GET('/api/v1/me')).catch((e: unknown) => e)) as ApiError
    expect(err.failure).toEqual({ kind: 'http', status: 502 })
  })
})
