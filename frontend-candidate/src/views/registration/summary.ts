// How a saved field reads in the confirm step's summary: choices by their names (catalog, org list, option
// texts), yes/no, subjects by name; '' when not filled in.
import type { ExamSessionDetail } from '@/api/types'
import { pointName, siteName } from '@/content/orgs'
import { toFieldValue, type FormJson } from '@/registration/patch'
import type { FieldDef, StepDef } from '@/registration/steps'

type T = (key: string, named?: Record<string, unknown>) => string

export function displayValue(step: StepDef, field: FieldDef, form: FormJson, session: ExamSessionDetail, t: T): string {
  const section = (form[step.section ?? ''] ?? {}) as Record<string, unknown>
  const v = toFieldValue(field, section[field.name])
  if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) return ''
  if (typeof v === 'boolean') return t(v ? 'reg.options.yes' : 'reg.options.no')
  if (Array.isArray(v)) {
    const spec = session.specialties.find((s) => s.code === section.specialty_code)
    return v.map((c) => spec?.subjects.find((s) => s.code === c)?.name ?? c).join('、')
  }
  switch (field.name) {
    case 'level_code':
      return session.levels.find((l) => l.code === v)?.name ?? v
    case 'category_code':
      return session.categories.find((c) => c.code === v)?.name ?? v
    case 'specialty_code': {
      const spec = session.specialties.find((s) => s.code === v)
      return spec ? `${spec.code} ${spec.name}` : v
    }
    case 'site_code':
      return siteName(v) ?? v
    case 'point_code':
      return pointName(v) ?? v
  }
  if (field.kind === 'select') return t(`reg.options.${field.optionSet}.${v}`)
  return v
}
