// Staff data correction: the form fields a region reviewer may correct (every section's plain values but the
// exam section's), and the merge patch that changes one of them.
import type { CorrectionRequest } from '@/api/types'
import { formSections, type Scalar } from './form-sections'

/** The form section the server refuses to correct (`field_not_correctable`). */
export const LOCKED_SECTION = 'exam'

export interface CorrectableField {
  /** `section.field` (or `section.parent.child`), also the key of the server's field errors */
  path: string
  section: string
  key: string
  value: Scalar
}

/** Plain values inside sections (not list items, not lists, not top-level values, not the exam section). */
export function correctableFields(form: unknown): CorrectableField[] {
  return formSections(form)
    .filter((section) => section.key !== LOCKED_SECTION)
    .flatMap((section) =>
      section.fields
        .filter((f) => f.path.startsWith(`${section.key}.`) && !Array.isArray(f.value))
        .filter((f) => !f.path.split('.').some((segment) => /^\d+$/.test(segment)))
        .map((f) => ({ path: f.path, section: section.key, key: f.key, value: f.value as Scalar })),
    )
}

/** `education.school`, '河南大学' → `{education: {school: '河南大学'}}` (the contract types `changes` as a bare object). */
export function correctionPatch(path: string, value: Scalar): CorrectionRequest['changes'] {
  return path
    .split('.')
    .reverse()
    .reduce<unknown>((inner, key) => ({ [key]: inner }), value) as CorrectionRequest['changes']
}

/** The typed text as the field's kind of value: numbers stay numbers, `true`/`false` booleans, else trimmed text. */
export function parseValue(text: string, current: Scalar): Scalar {
  const trimmed = text.trim()
  if (typeof current === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed)
  if (typeof current === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true'
  return trimmed
}
