// Where the server's registration errors go: `section.field` keys (from a 422 or from `completeness.errors`)
// land under the field of the step that owns it; a material's key (`materials.<kind>`) belongs to the materials
// step; whole-section keys (`physician`) and anything the wizard does not show (`form`, `second_degree.*`)
// are "unplaced" and listed on their own.
import { materialKindOf } from './materials'
import { errorKeysOf, type StepDef, type StepId } from './steps'

export interface ErrorPlace {
  step: StepId
  field: string
}

export interface PlacedErrors {
  /** step → field → codes */
  byStep: Partial<Record<StepId, Record<string, string[]>>>
  unplaced: { key: string; codes: string[] }[]
}

/** The step and field that shows errors for a server key, if any. */
export function locateError(key: string, steps: readonly StepDef[]): ErrorPlace | null {
  const kind = materialKindOf(key)
  if (kind !== null) return steps.some((s) => s.id === 'materials') ? { step: 'materials', field: kind } : null
  for (const step of steps) {
    for (const field of step.fields) {
      if (errorKeysOf(step, field).includes(key)) return { step: step.id, field: field.name }
    }
  }
  return null
}

export function placeErrors(errors: Record<string, string[]>, steps: readonly StepDef[]): PlacedErrors {
  const out: PlacedErrors = { byStep: {}, unplaced: [] }
  for (const key of Object.keys(errors).sort()) {
    const codes = errors[key] ?? []
    if (codes.length === 0) continue
    const place = locateError(key, steps)
    if (!place) {
      out.unplaced.push({ key, codes: [...codes] })
      continue
    }
    const fields = out.byStep[place.step] ?? (out.byStep[place.step] = {})
    const list = fields[place.field] ?? (fields[place.field] = [])
    for (const c of codes) if (!list.includes(c)) list.push(c)
  }
  return out
}

/** Merges two error maps (`key → codes`) without repeating a code. */
export function mergeErrors(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const src of [a, b]) {
    for (const [k, codes] of Object.entries(src)) {
      const list = out[k] ?? (out[k] = [])
      for (const c of codes) if (!list.includes(c)) list.push(c)
    }
  }
  return out
}

/**
 * Codes that mean something else on the registration form than in sign-up: `code_invalid` is a malformed
 * catalog or institution code here, not a wrong verification code.
 */
export function registrationCode(code: string): string {
  return code === 'code_invalid' ? 'field_code_invalid' : code
}
