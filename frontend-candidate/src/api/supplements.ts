// The supplementary materials a registration owes (材料补充填报: the diploma of a nurse fresh graduate, owed once
// the registration is paid): what is owed and until when, and submitting it to the exam region. Uploading the
// files is in upload.ts (uploadSupplementMaterial): it needs progress events.
import { api, unwrap } from './client'
import { ApiError } from './errors'
import type { SupplementView } from './types'

/** The registration's supplement; throws an ApiError 404 `no_supplement` when nothing is owed. */
export function getSupplement(registrationId: string): Promise<SupplementView> {
  return unwrap(api().GET('/api/v1/registrations/{id}/supplement', { params: { path: { id: registrationId } } }))
}

/** Whether a failure says that the registration owes no supplement (most registrations). */
export function isNoSupplement(e: unknown): boolean {
  return e instanceof ApiError && e.status === 404 && e.code === 'no_supplement'
}

/** The registration's supplement, or null when it owes none; other failures throw. */
export async function findSupplement(registrationId: string): Promise<SupplementView | null> {
  try {
    return await getSupplement(registrationId)
  } catch (e) {
    if (isNoSupplement(e)) return null
    throw e
  }
}

/** Submits the supplement to the exam region's re-check, on the version the candidate saw. */
export function submitSupplement(registrationId: string, version: number): Promise<SupplementView> {
  return unwrap(
    api().POST('/api/v1/registrations/{id}/supplement/submit', {
      params: { path: { id: registrationId } },
      body: { version },
    }),
  )
}
