// Third-party API clients (接口客户端): region and system administrators register partners' systems, change their
// scopes, origins, rate limit and active state, and rotate secrets. A secret is in one answer and nowhere else.
import { api } from './client'
import { unwrap } from './problem'
import type { ApiClientView, ClientPatch, ClientSecret, NewClient } from './types'

export function listApiClients(): Promise<ApiClientView[]> {
  return unwrap(api.GET('/api/v1/admin/api-clients'))
}

/** Registers a client (409 `client_exists` when the id is taken); the answer carries the secret, once. */
export function createApiClient(body: NewClient): Promise<ClientSecret> {
  return unwrap(api.POST('/api/v1/admin/api-clients', { body }))
}

export function updateApiClient(clientId: string, body: ClientPatch): Promise<ApiClientView> {
  return unwrap(api.PATCH('/api/v1/admin/api-clients/{client_id}', { params: { path: { client_id: clientId } }, body }))
}

/** A new secret (shown once); the old one gets no new tokens from now on. */
export function rotateApiClientSecret(clientId: string): Promise<ClientSecret> {
  return unwrap(api.POST('/api/v1/admin/api-clients/{client_id}/secret', { params: { path: { client_id: clientId } } }))
}
