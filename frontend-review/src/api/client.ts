// The one typed API client of the console. Paths in the contract are absolute (`/api/v1/...`), same origin.
import createClient from 'openapi-fetch'
import type { paths } from './schema'
import type { TokenPair } from './types'
import { createSessionMiddleware, type SessionHooks } from './session-middleware'

export type ApiClient = ReturnType<typeof createClient<paths>>

export function createApiClient(baseUrl: string, fetchImpl?: typeof fetch): ApiClient {
  return createClient<paths>(fetchImpl ? { baseUrl, fetch: fetchImpl } : { baseUrl })
}

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin

export const api: ApiClient = createApiClient(origin)

/** The refresh call, made with a client of its own so that it never passes through the session middleware. */
export async function refreshTokens(refreshToken: string, client: ApiClient = createApiClient(origin)): Promise<TokenPair | null> {
  const { data } = await client.POST('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } })
  return data ?? null
}

let installed = false

/** Installs the session middleware on the shared client (once, from main.ts). */
export function installSession(hooks: SessionHooks): void {
  if (installed) return
  installed = true
  api.use(createSessionMiddleware(hooks))
}
