// A registration's uploaded materials (views/registration/RegistrationFormView.vue: the candidate's photo).
import { api, unwrap } from './client'
import type { MaterialLink, MaterialView } from './types'

/** The current materials of one of the candidate's registrations. */
export function listMaterials(registrationId: string): Promise<MaterialView[]> {
  return unwrap(api().GET('/api/v1/registrations/{id}/materials', { params: { path: { id: registrationId } } }))
}

/** A short-lived link to one material's file, usable without a token (e.g. as an image's src). */
export function createMaterialLink(materialId: string): Promise<MaterialLink> {
  return unwrap(api().POST('/api/v1/materials/{id}/link', { params: { path: { id: materialId } } }))
}
