// Between the server's form (JSON, the source of truth) and a step's editable values, and the merge patch a
// step's "next" sends: only that step's section, only its fields that changed, `null` for a field that was
// cleared or hidden (JSON merge patch: null removes it on the server).
import type { FormPatch } from '@/api/registration'
import { isVisible, type FieldContext, type FieldDef, type FieldValue, type StepDef, type Values } from './steps'

export type FormJson = Record<string, unknown>

function sectionOf(form: FormJson, section: string): Record<string, unknown> {
  const s = form[section]
  return typeof s === 'object' && s !== null && !Array.isArray(s) ? (s as Record<string, unknown>) : {}
}

/** A saved JSON value as the field edits it. */
export function toFieldValue(field: FieldDef, saved: unknown): FieldValue {
  switch (field.kind) {
    case 'bool':
      return typeof saved === 'boolean' ? saved : null
    case 'codes':
      return Array.isArray(saved) ? saved.filter((s): s is string => typeof s === 'string') : []
    case 'int':
      return typeof saved === 'number' ? String(saved) : ''
    default:
      return typeof saved === 'string' ? saved : ''
  }
}

/** What a field's value means as JSON; null when empty. Text is trimmed (blank means not filled in). */
export function toJson(field: FieldDef, value: FieldValue): unknown {
  switch (field.kind) {
    case 'bool':
      return typeof value === 'boolean' ? value : null
    case 'codes':
      return Array.isArray(value) && value.length > 0 ? [...value] : null
    case 'int': {
      const s = typeof value === 'string' ? value.trim() : ''
      return /^[0-9]+$/.test(s) ? Number(s) : s === '' ? null : s
    }
    default: {
      const s = typeof value === 'string' ? value.trim() : ''
      return s === '' ? null : s
    }
  }
}

/** The step's values from the saved form. */
export function valuesFromForm(step: StepDef, form: FormJson): Values {
  const saved = step.section ? sectionOf(form, step.section) : {}
  const out: Values = {}
  for (const f of step.fields) out[f.name] = toFieldValue(f, saved[f.name])
  return out
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The merge patch for a step's "next": `{section: {field: value | null}}` with the fields that differ from
 * the saved form (a hidden field counts as empty), or null when nothing changed.
 */
export function buildStepPatch(step: StepDef, values: Values, form: FormJson, ctx: FieldContext): FormPatch | null {
  if (!step.section) return null
  const saved = sectionOf(form, step.section)
  const changes: Record<string, unknown> = {}
  for (const f of step.fields) {
    const now = isVisible(f, ctx) ? toJson(f, values[f.name] ?? null) : null
    const before = toJson(f, toFieldValue(f, saved[f.name]))
    if (!sameJson(now, before)) changes[f.name] = now
  }
  return Object.keys(changes).length > 0 ? { [step.section]: changes } : null
}
