// Materials in the reviewer's viewer: their order, what kind of viewer a file needs, zoom and rotation steps.
import type { MaterialView } from '@/api/types'

/** Every material kind a registration can carry, in the order reviewers read them (as the server lists them). */
export const MATERIAL_KINDS = [
  'photo',
  'id_card_front',
  'id_card_back',
  'diploma',
  'degree',
  'diploma_verification_report',
  'work_years_certificate',
  'title_certificate',
  'physician_qualification_certificate',
  'physician_practice_certificate',
  'first_registration_certificate',
  'probation_certificate',
  'institution_licence',
  'apprenticeship_certificate',
  'expertise_certificate',
  'internship_certificate',
  'fresh_graduate_proof',
  'nurse_practice_certificate',
  'signed_application_form',
  'integrity_pledge',
  'front_line_proof',
] as const

function kindRank(kind: string): number {
  const i = (MATERIAL_KINDS as readonly string[]).indexOf(kind)
  return i < 0 ? MATERIAL_KINDS.length : i
}

/** Materials by kind in reading order (unknown kinds last, by name), then by upload time. */
export function sortMaterials(materials: readonly MaterialView[]): MaterialView[] {
  return [...materials].sort(
    (a, b) => kindRank(a.kind) - kindRank(b.kind) || a.kind.localeCompare(b.kind) || a.uploaded_at.localeCompare(b.uploaded_at),
  )
}

export type ViewerKind = 'image' | 'pdf' | 'other'

export function viewerKind(contentType: string): ViewerKind {
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (type === 'image/jpeg' || type === 'image/png') return 'image'
  if (type === 'application/pdf') return 'pdf'
  return 'other'
}

/** The token of one of the API's file links (`…/api/v1/files/{token}`), or null for any other URL. */
export function fileToken(url: string): string | null {
  let path: string
  try {
    path = new URL(url, 'http://localhost').pathname
  } catch {
    return null
  }
  const match = /^\/api\/v1\/files\/([^/]+)$/.exec(path)
  return match ? decodeURIComponent(match[1]) : null
}

export const ZOOM_MIN = 0.25
export const ZOOM_MAX = 4
const ZOOM_STEP = 1.25

/** The next zoom factor in a direction (+1 in, −1 out), kept within 25 %–400 %. */
export function zoomStep(current: number, direction: 1 | -1): number {
  const next = direction > 0 ? current * ZOOM_STEP : current / ZOOM_STEP
  // snap to 100 % when a step lands close to it, so that in-out-in returns to the original size
  const snapped = Math.abs(next - 1) < 0.01 ? 1 : next
  return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, Math.round(snapped * 1000) / 1000))
}

/** Rotation after a quarter turn (+90 clockwise, −90 counter-clockwise), as 0, 90, 180 or 270 degrees. */
export function rotateStep(current: number, quarterTurns: 1 | -1): number {
  return (((current + quarterTurns * 90) % 360) + 360) % 360
}

/** The index of the previous / next material, or null at either end (no wrap-around). */
export function stepIndex(index: number, length: number, direction: 1 | -1): number | null {
  const next = index + direction
  return next >= 0 && next < length ? next : null
}

/** `123456` → `121 KB`; the size as reviewers read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export interface Size {
  width: number
  height: number
}

/**
 * Where a zoomed and rotated image goes: at zoom 1 the (rotated) image fits the stage; `box` is the space the
 * rotated image takes (the stage scrolls when it is larger), `image` the unrotated size to draw it at (it is
 * rotated about its centre within the box). Without a measured stage (not laid out yet) zoom 1 is natural size.
 */
export function imageLayout(natural: Size, stage: Size, zoom: number, rotation: number): { box: Size; image: Size } {
  const quarter = Math.abs(rotation) % 180 === 90
  const turned = quarter ? { width: natural.height, height: natural.width } : natural
  const measured = stage.width > 0 && stage.height > 0 && turned.width > 0 && turned.height > 0
  const fit = measured ? Math.min(stage.width / turned.width, stage.height / turned.height) : 1
  const scale = fit * zoom
  const image = { width: Math.round(natural.width * scale), height: Math.round(natural.height * scale) }
  const box = quarter ? { width: image.height, height: image.width } : { ...image }
  return { box, image }
}
