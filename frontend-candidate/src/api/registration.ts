// The candidate's registrations (views/home/MyRegistrationsCard.vue, views/registration/*). The server is
// the source of truth for the form: every save sends the version last seen and gets the new state back.
import { api, unwrap } from './client'
import { ApiError } from './errors'
import type { components } from './schema'
import type { QuickFill, RegistrationListItem, RegistrationView } from './types'

type SaveBody = components['schemas']['SaveRegistration']

/** A partial form: `{section: {field: value | null}}` (JSON merge patch per section; null clears). */
export type FormPatch = Record<string, Record<string, unknown>>

export function listMyRegistrations(): Promise<RegistrationListItem[]> {
  return unwrap(api().GET('/api/v1/registrations'))
}

export function createRegistration(sessionId: string): Promise<RegistrationView> {
  return unwrap(api().POST('/api/v1/registrations', { body: { session_id: sessionId } }))
}

export function getRegistration(id: string): Promise<RegistrationView> {
  return unwrap(api().GET('/api/v1/registrations/{id}', { params: { path: { id } } }))
}

export function saveRegistration(id: string, version: number, form: FormPatch): Promise<RegistrationView> {
  // The contract declares `form` as a bare object, which openapi-typescript types as Record<string, never>.
  const body = { version, form: form as unknown as SaveBody['form'] }
  return unwrap(api().PATCH('/api/v1/registrations/{id}', { params: { path: { id } }, body }))
}

/** What the history library offers a returning candidate: a form patch to save and last year's passed subjects. */
export function getQuickFill(id: string): Promise<QuickFill> {
  return unwrap(api().GET('/api/v1/registrations/{id}/quick-fill', { params: { path: { id } } }))
}

export function submitRegistration(id: string, version: number): Promise<RegistrationView> {
  return unwrap(api().POST('/api/v1/registrations/{id}/submit', { params: { path: { id } }, body: { version } }))
}

/**
 * Starts a registration for a session, or finds the one the candidate already has (409
 * `registration_exists`). Returns its id, status and whether it was created just now.
 */
export async function openOrCreateRegistration(
  sessionId: string,
): Promise<{ id: string; status: string; created: boolean }> {
  try {
    const r = await createRegistration(sessionId)
    return { id: r.id, status: r.status, created: true }
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'registration_exists') throw e
    const mine = (await listMyRegistrations()).find((r) => r.session_id === sessionId)
    if (!mine) throw e
    return { id: mine.id, status: mine.status, created: false }
  }
}

/**
 * Withdraws a registration (撤销报名) on the version last seen, with an optional reason the reviewers see;
 * returns it `withdrawn`. Registering for the session again (createRegistration) turns it back into a draft.
 */
export function withdrawRegistration(id: string, version: number, reason?: string): Promise<RegistrationView> {
  const body = reason ? { version, reason } : { version }
  return unwrap(api().POST('/api/v1/registrations/{id}/withdraw', { params: { path: { id } }, body }))
}
