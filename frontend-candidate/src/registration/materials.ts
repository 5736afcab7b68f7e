// Which required materials still block submitting a registration, without markup. The registration view's
// `required_materials` names the kinds this form needs; GET …/materials lists the files it has. The server
// refuses a submission (or resubmission) with 422 `validation_failed` and `materials.<kind>: material_missing`
// for every required kind without a current file — one uploaded or accepted (a rejected file does not count).
// The wizard says so before the candidate presses "submit", and still shows what a refusal reported.
import type { MaterialView } from '@/api/types'

/** The field-error key prefix of a material (`materials.photo`). */
export const MATERIAL_KEY_PREFIX = 'materials.'
/** The server's code for a required material that has no current file. */
export const MATERIAL_MISSING = 'material_missing'
/** Statuses of a file that counts for submission (the server's "current" files). */
export const CURRENT_STATUSES: readonly string[] = ['uploaded', 'accepted']

/** Whether a file counts for submission (uploaded or accepted; not a rejected one). */
export function isCurrentMaterial(m: Pick<MaterialView, 'status'>): boolean {
  return CURRENT_STATUSES.includes(m.status)
}

/** `materials.photo` → `photo`; any other key → null. */
export function materialKindOf(key: string): string | null {
  if (!key.startsWith(MATERIAL_KEY_PREFIX)) return null
  const kind = key.slice(MATERIAL_KEY_PREFIX.length)
  return kind === '' ? null : kind
}

/** The kinds a refused submission reported as missing (`materials.<kind>: material_missing`), in key order. */
export function reportedMissing(errors: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.keys(errors)
    .sort()
    .filter((key) => (errors[key] ?? []).includes(MATERIAL_MISSING))
    .map(materialKindOf)
    .filter((kind): kind is string => kind !== null)
}

/**
 * The required kinds that have no current file, in the order the server lists them, then any other kind a
 * refused submission reported missing that still has none. `materials` null: the list could not be read, so
 * only what the server reported is known.
 */
export function missingMaterials(
  required: readonly string[],
  materials: readonly Pick<MaterialView, 'kind' | 'status'>[] | null,
  reported: Readonly<Record<string, readonly string[]>> = {},
): string[] {
  const current = new Set((materials ?? []).filter(isCurrentMaterial).map((m) => m.kind))
  const out: string[] = []
  const add = (kind: string) => {
    if (!current.has(kind) && !out.includes(kind)) out.push(kind)
  }
  if (materials) required.forEach(add)
  reportedMissing(reported).forEach(add)
  return out
}

/** The errors without `material_missing` on `materials.*` keys (missingMaterials works those out again). */
export function withoutMissingMaterials(errors: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [key, codes] of Object.entries(errors)) {
    const kept = materialKindOf(key) === null ? [...codes] : codes.filter((c) => c !== MATERIAL_MISSING)
    if (kept.length) out[key] = kept
  }
  return out
}

/** Missing kinds as field errors, the way the server reports them: `{ 'materials.photo': ['material_missing'] }`. */
export function missingAsErrors(kinds: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(kinds.map((kind) => [`${MATERIAL_KEY_PREFIX}${kind}`, [MATERIAL_MISSING]]))
}

/** Whether the form may be submitted: complete by the server's check, and no required material missing. */
export function canSubmit(complete: boolean, missing: readonly string[]): boolean {
  return complete && missing.length === 0
}
