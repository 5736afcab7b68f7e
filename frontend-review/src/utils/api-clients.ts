// API clients (接口客户端) as pure functions: the scopes there are, the form (origins typed one per line) with its
// own checks, and the create and change bodies. The server checks everything again (`weikao client create`).
import type { ApiClientView, ClientPatch, NewClient } from '@/api/types'

/** Every scope a client may hold (backend app/src/exchange/mod.rs `scopes::ALL`), in the integration guide's order. */
export const API_SCOPES = [
  'registrations:read',
  'identity:read',
  'materials:read',
  'probation:write',
  'institutions:write',
  'talent:exchange',
] as const

export const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/
export const CLIENT_NAME_MAX = 100
export const RATE_LIMIT_MAX = 100_000
export const RATE_LIMIT_DEFAULT = 600
/** `scheme://host[:port]` without a path (what a browser sends as `Origin`). */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/

export interface ClientDraft {
  client_id: string
  name: string
  scopes: string[]
  /** one origin per line */
  origins: string
  rate_limit_per_minute: number | null
}

export function emptyClientDraft(): ClientDraft {
  return { client_id: '', name: '', scopes: [], origins: '', rate_limit_per_minute: RATE_LIMIT_DEFAULT }
}

export function draftFromClient(c: ApiClientView): ClientDraft {
  return {
    client_id: c.client_id,
    name: c.name,
    scopes: [...c.scopes],
    origins: c.allowed_origins.join('\n'),
    rate_limit_per_minute: c.rate_limit_per_minute,
  }
}

/** The scopes to offer: every known one, and any other a client already holds (so that it can be taken away). */
export function scopeOptions(held: readonly string[] = []): string[] {
  return [...API_SCOPES, ...held.filter((s) => !(API_SCOPES as readonly string[]).includes(s))]
}

/** The origins of the text box: one per line (or separated by commas or blanks), trimmed, without repeats. */
export function parseOrigins(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((o) => o.trim().replace(/\/$/, '')).filter(Boolean))]
}

export function checkClientDraft(d: ClientDraft, isNew: boolean): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (isNew && !CLIENT_ID.test(d.client_id.trim())) errors.client_id = ['client_id_invalid']
  const name = [...d.name.trim()].length
  if (name < 1 || name > CLIENT_NAME_MAX) errors.name = ['name_length']
  if (d.scopes.length === 0) errors.scopes = ['scopes_required']
  if (parseOrigins(d.origins).some((o) => !ORIGIN.test(o))) errors.allowed_origins = ['origin_invalid']
  const rate = d.rate_limit_per_minute
  if (rate === null || !Number.isInteger(rate) || rate < 1 || rate > RATE_LIMIT_MAX) errors.rate_limit_per_minute = ['out_of_range']
  return errors
}

export function newClientBody(d: ClientDraft): NewClient {
  return {
    client_id: d.client_id.trim(),
    name: d.name.trim(),
    scopes: [...d.scopes],
    allowed_origins: parseOrigins(d.origins),
    rate_limit_per_minute: d.rate_limit_per_minute,
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x))

/** Only what changed (an empty object when nothing did). */
export function clientPatchBody(c: ApiClientView, d: ClientDraft): ClientPatch {
  const patch: ClientPatch = {}
  const name = d.name.trim()
  if (name !== c.name) patch.name = name
  if (!sameSet(d.scopes, c.scopes)) patch.scopes = [...d.scopes]
  const origins = parseOrigins(d.origins)
  if (!sameSet(origins, c.allowed_origins)) patch.allowed_origins = origins
  if (d.rate_limit_per_minute !== null && d.rate_limit_per_minute !== c.rate_limit_per_minute) patch.rate_limit_per_minute = d.rate_limit_per_minute
  return patch
}
