// The typed API client (openapi-fetch over the generated schema) and the helper every api module uses to
// turn its result into data or an ApiError.
import createClient, { type Client } from 'openapi-fetch'
import { ApiError, asApiError, toApiError } from './errors'
import type { paths } from './schema'
import {
  createSessionAuth,
  createSessionMiddleware,
  type RefreshOutcome,
  type SessionAuth,
  type SessionMiddlewareOptions,
  type TokenStore,
} from './session-middleware'

export type ApiClient = Client<paths>

export interface ClientOptions {
  tokens: TokenStore
  onSessionEnded(): void
  baseUrl?: string
  fetch?: (request: Request) => Promise<Response>
}

export function createApiClient(opts: ClientOptions): ApiClient {
  const baseUrl = opts.baseUrl ?? ''
  const doFetch = opts.fetch ?? ((r: Request) => globalThis.fetch(r))
  // The refresh call itself goes through a bare client: no bearer token, no recursion.
  const bare = createClient<paths>({ baseUrl, fetch: doFetch })
  const client = createClient<paths>({ baseUrl, fetch: doFetch })
  const session: Omit<SessionMiddlewareOptions, 'fetch'> = {
    tokens: opts.tokens,
    onSessionEnded: opts.onSessionEnded,
    async refresh(refreshToken): Promise<RefreshOutcome> {
      const { data, response } = await bare.POST('/api/v1/auth/refresh', {
        body: { refresh_token: refreshToken },
      })
      if (data) return { ok: true, pair: data }
      if (response.status >= 500) throw new TypeError('refresh failed: server error')
      return { ok: false, reason: 'rejected' }
    },
  }
  const auth = createSessionAuth(session)
  client.use(createSessionMiddleware({ ...session, fetch: doFetch }, auth))
  transports.set(client, { baseUrl, auth })
  return client
}

/**
 * What a request made outside openapi-fetch (a material upload over XMLHttpRequest, for its progress events)
 * needs to behave like the client: the same base URL, and the same session (token, one shared refresh).
 */
export interface ClientTransport {
  baseUrl: string
  auth: SessionAuth
}

const transports = new WeakMap<ApiClient, ClientTransport>()

let installed: ApiClient | null = null

/** Makes `client` the one the api modules use (done once in main.ts; tests install their own). */
export function installApiClient(client: ApiClient): void {
  installed = client
}

export function api(): ApiClient {
  if (!installed) throw new Error('API client not installed')
  return installed
}

/** The installed client's base URL and session, for requests that cannot go through openapi-fetch. */
export function apiTransport(): ClientTransport {
  const t = transports.get(api())
  if (!t) throw new Error('API client not created by createApiClient')
  return t
}

interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/** Awaits an openapi-fetch call: the data on success, else throws an ApiError (problem, http or network). */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>
  try {
    result = await call
  } catch (e) {
    throw asApiError(e)
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error)
  return result.data as T
}

export { ApiError }
