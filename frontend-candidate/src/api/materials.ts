// A registration's uploaded materials: the list, a link to show one, withdrawing one (uploading: upload.ts).
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

/** Withdraws a material from a draft (204). Uploading is in upload.ts: it needs progress events. */
export async function withdrawMaterial(registrationId: string, materialId: string): Promise<void> {
  await unwrap(
    api().DELETE('/api/v1/registrations/{id}/materials/{material_id}', {
      params: { path: { id: registrationId, material_id: materialId } },
    }),
  )
}
