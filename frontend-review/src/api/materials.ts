// A registration's materials: a short-lived signed link per file, and the file itself for the viewer.
import { api } from './client'
import { unwrap } from './problem'
import type { MaterialLink } from './types'
import { fileToken } from '@/utils/materials'

export function createMaterialLink(id: string): Promise<MaterialLink> {
  return unwrap(api.POST('/api/v1/materials/{id}/link', { params: { path: { id } } }))
}

/**
 * What the viewer shows for a link: the file fetched through the API (`downloadFile`, same origin, so an
 * attachment disposition and the file's sandboxing CSP do not get in the way) as an object URL, or the link
 * itself when it is not one of the API's file links. The caller revokes an object URL (`revoke: true`).
 */
export async function openMaterialFile(link: MaterialLink): Promise<{ src: string; revoke: boolean }> {
  const token = fileToken(link.url)
  if (token === null) return { src: link.url, revoke: false }
  const blob = await unwrap(api.GET('/api/v1/files/{token}', { params: { path: { token } }, parseAs: 'blob' }))
  return { src: URL.createObjectURL(blob), revoke: true }
}
