// A generic view of the submitted form JSON: top-level objects become sections, nested objects are flattened
// into `parent.child` paths, lists of plain values are joined. Labels are looked up by the last path segment.
export type Scalar = string | number | boolean | null

export interface FormField {
  path: string
  key: string
  value: Scalar | Scalar[]
}

export interface FormSection {
  key: string
  fields: FormField[]
}

export const GENERAL_SECTION = 'general'

/** Known fields in the order a reviewer reads them (the API returns object keys sorted alphabetically). */
export const FIELD_ORDER = [
  'name', 'id_type', 'id_number', 'sex', 'birth_date', 'ethnicity', 'phone', 'email', 'address',
  'level', 'school', 'major', 'study_form', 'enrolment_date', 'graduation_date', 'degree', 'certificate_number',
  'unit', 'unit_code', 'unit_nature', 'specialty', 'work_start', 'title', 'title_date',
]

function byKnownOrder(fields: FormField[]): FormField[] {
  const rank = (f: FormField) => {
    const top = f.path.split('.')[1] ?? f.key
    const i = FIELD_ORDER.indexOf(top)
    return i < 0 ? FIELD_ORDER.length : i
  }
  return fields
    .map((field, index) => ({ field, index }))
    .sort((a, b) => rank(a.field) - rank(b.field) || a.index - b.index)
    .map((x) => x.field)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function flatten(value: unknown, path: string, key: string, out: FormField[]): void {
  if (isScalar(value)) {
    out.push({ path, key, value })
  } else if (Array.isArray(value)) {
    if (value.every(isScalar)) out.push({ path, key, value })
    else value.forEach((item, i) => flatten(item, `${path}.${i + 1}`, key, out))
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, `${path}.${k}`, k, out)
  }
}

export function formSections(form: unknown): FormSection[] {
  if (!isObject(form)) return []
  const sections: FormSection[] = []
  const general: FormField[] = []
  for (const [key, value] of Object.entries(form)) {
    if (isObject(value)) {
      const fields: FormField[] = []
      for (const [k, v] of Object.entries(value)) flatten(v, `${key}.${k}`, k, fields)
      sections.push({ key, fields: byKnownOrder(fields) })
    } else {
      flatten(value, key, key, general)
    }
  }
  return general.length > 0 ? [{ key: GENERAL_SECTION, fields: general }, ...sections] : sections
}

/** `birth_date` → `Birth date` when no translation exists. */
export function humanize(key: string): string {
  const text = key.replace(/[_-]+/g, ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}
