// Format checks of the registration form on blur, mirroring the per-field checks of validate_partial in
// backend/core/src/registration/validate.rs (same codes). Rules between fields (graduation after enrolment,
// probation length) and what a submission requires (`required`, eligibility) are the server's: its 422 puts
// them under the fields on "next", and its `completeness` lists them on the confirm step.
import { isVisible, type FieldContext, type FieldDef, type StepDef } from '@/registration/steps'
import { validateEmail, validateMobile } from './fields'

const MAX_TEXT_CHARS = 100
const CODE = /^[A-Za-z0-9._-]{1,64}$/
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

function textCodes(s: string): string[] {
  const out: string[] = []
  if (Array.from(s).length > MAX_TEXT_CHARS) out.push('text_length')
  if (CONTROL.test(s)) out.push('text_invalid_characters')
  return out
}

/** The error codes of one field's current value (empty fields have none here). */
export function checkField(field: FieldDef, ctx: FieldContext): string[] {
  const raw = ctx.values[field.name]
  if (field.kind === 'bool') return []
  if (field.kind === 'codes') {
    const list = Array.isArray(raw) ? raw : []
    if (list.some((c) => !CODE.test(c))) return ['code_invalid']
    return new Set(list).size !== list.length ? ['subject_duplicate'] : []
  }
  const s = typeof raw === 'string' ? raw.trim() : ''
  if (s === '') return []
  switch (field.kind) {
    case 'text':
      return textCodes(s)
    case 'code':
      return CODE.test(s) ? [] : ['code_invalid']
    case 'postal':
      return /^[0-9]{6}$/.test(s) ? [] : ['postal_code_invalid']
    case 'email': {
      const code = validateEmail(s)
      return code ? [code] : []
    }
    case 'tel': {
      const code = validateMobile(s)
      return code ? [code] : []
    }
    case 'select':
      return field.options && !field.options.includes(s) ? ['invalid_value'] : []
    case 'int': {
      const n = /^[0-9]{1,3}$/.test(s) ? Number(s) : NaN
      const ok = !Number.isNaN(n) && n >= (field.min ?? 0) && n <= (field.max ?? 255)
      return ok ? [] : [field.rangeCode ?? 'invalid_value']
    }
    case 'date': {
      const out: string[] = []
      if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(s)) return ['invalid_value']
      if (field.notFuture && !(field.mayBeAhead?.(ctx) ?? false) && s > ctx.today) out.push('date_in_future')
      return out
    }
  }
  return []
}

/** Every visible field of a step with errors: field → codes. */
export function checkStep(step: StepDef, ctx: FieldContext): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const f of step.fields) {
    if (!isVisible(f, ctx)) continue
    const codes = checkField(f, ctx)
    if (codes.length) out[f.name] = codes
  }
  return out
}

