// Quick-fill for a returning candidate (GET /registrations/{id}/quick-fill, from the history library): the
// save that applies its patch to the saved form, and the subjects passed last year that cannot be chosen.
import type { FormPatch } from '@/api/registration'
import type { QuickFill } from '@/api/types'
import type { FormJson } from './patch'

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {}
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The specialty last year's passes belong to: the one the patch fills in. */
function patchSpecialty(qf: QuickFill): string | undefined {
  const code = record(record(qf.patch).exam).specialty_code
  return typeof code === 'string' ? code : undefined
}

/** Subjects passed last year that cannot be chosen (and are not charged) in `specialty`; none in another one. */
export function carriedOverFor(qf: QuickFill | null, specialty: string): string[] {
  return qf && specialty !== '' && patchSpecialty(qf) === specialty ? [...qf.carried_over] : []
}

/**
 * The merge patch that applies a quick-fill to the saved form, with only what it changes (null when nothing):
 * - the library's values as they are;
 * - a library work unit replaces a typed unit name (the server refuses both: `unit_conflict`);
 * - another specialty clears the chosen subjects (they were the old one's); in the same specialty the
 *   subjects passed last year are taken out (`subject_already_passed` at submission).
 */
export function quickFillSave(qf: QuickFill, form: FormJson): FormPatch | null {
  // history found, or a school's class list names the candidate (group registration)
  if (!qf.found && !qf.school) return null
  const out: FormPatch = {}
  for (const [section, fields] of Object.entries(record(qf.patch))) {
    const saved = record(form[section])
    const changes: Record<string, unknown> = {}
    for (const [name, value] of Object.entries(record(fields))) {
      if (!same(saved[name], value)) changes[name] = value
    }
    if (Object.keys(changes).length) out[section] = changes
  }

  const work = record(form.work)
  if (out.work && 'unit_code' in out.work && typeof work.unit_name_manual === 'string') out.work.unit_name_manual = null

  const exam = record(form.exam)
  const specialty = patchSpecialty(qf)
  const chosen = strings(exam.subject_codes)
  if (specialty !== undefined && chosen.length > 0) {
    const kept = specialty === exam.specialty_code ? chosen.filter((c) => !qf.carried_over.includes(c)) : []
    if (kept.length !== chosen.length) out.exam = { ...out.exam, subject_codes: kept.length ? kept : null }
  }
  return Object.keys(out).length ? out : null
}
