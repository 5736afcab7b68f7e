// The registration wizard's steps and the form fields each one owns, per exam. Mirrors the sections of
// backend/core/src/registration/form.rs; what is required mirrors validate_complete in validate.rs.
// A step owns fields of exactly one section: its "next" saves only those (see patch.ts).

export type ExamType = 'health_tech' | 'physician' | 'nurse'
export type Section = 'identity' | 'education' | 'work' | 'exam' | 'physician' | 'nurse'
export type StepId = 'identity' | 'education' | 'work' | 'exam' | 'physician' | 'nurse' | 'place' | 'materials' | 'confirm'

export type FieldKind = 'text' | 'email' | 'tel' | 'postal' | 'int' | 'date' | 'select' | 'bool' | 'code' | 'codes'
/** What a field holds while it is being edited: text as typed, '' when empty; bool null when unanswered. */
export type FieldValue = string | boolean | null | string[]
export type Values = Record<string, FieldValue>

/** What a field's rules may depend on. */
export interface FieldContext {
  exam: ExamType
  /** The step's current values. */
  values: Values
  /** nurse.fresh_graduate as saved (a fresh graduate's graduation date may lie ahead). */
  freshGraduate: boolean
  /** Whether the session's review chain starts at a registration point (then a point is required). */
  needsPoint: boolean
  /** Today in China, YYYY-MM-DD. */
  today: string
  examYear: number
}

export interface FieldDef {
  name: string
  kind: FieldKind
  /** Values of a select; labels are `reg.options.<optionSet>.<value>`. */
  options?: readonly string[]
  optionSet?: string
  /** int: the allowed range and the server's code for a value outside it. */
  min?: number
  max?: number
  rangeCode?: string
  /** date: must not lie after today (unless `mayBeAhead`). */
  notFuture?: boolean
  mayBeAhead?: (ctx: FieldContext) => boolean
  /** Needed for submission (shown with a mark; the server's completeness says the last word). */
  required?: boolean | ((ctx: FieldContext) => boolean)
  /** Shown only when this holds; hidden fields are cleared on save. */
  showWhen?: (ctx: FieldContext) => boolean
  /** Other server keys whose errors belong under this field (e.g. `work.unit_code` → the unit name). */
  alsoErrorsOf?: readonly string[]
  /** Rendered by the step's own component rather than the generic field list. */
  custom?: boolean
}

export interface StepDef {
  id: StepId
  /** The one section this step saves; null for the materials step (each upload is stored at once) and confirm. */
  section: Section | null
  fields: readonly FieldDef[]
}

export const EDUCATION_LEVELS = ['zhongzhuan', 'dazhuan', 'benke', 'shuoshi', 'boshi'] as const
export const STUDY_FORMS = ['full_time', 'adult', 'self_study', 'online'] as const
export const PHYSICIAN_ROUTES = ['education', 'apprenticeship', 'expertise'] as const

const text = (name: string, more: Partial<FieldDef> = {}): FieldDef => ({ name, kind: 'text', ...more })
const date = (name: string, more: Partial<FieldDef> = {}): FieldDef => ({ name, kind: 'date', ...more })
const route = (r: string) => (c: FieldContext) => c.values.route === r
const fresh = (c: FieldContext) => c.values.fresh_graduate === true
const fromLibrary = (c: FieldContext) => typeof c.values.unit_code === 'string' && c.values.unit_code !== ''

const IDENTITY: StepDef = {
  id: 'identity',
  section: 'identity',
  fields: [
    text('ethnicity', { required: true }),
    text('address', { required: true }),
    { name: 'postal_code', kind: 'postal' },
    { name: 'email', kind: 'email' },
    { name: 'emergency_phone', kind: 'tel' },
  ],
}

const EDUCATION: StepDef = {
  id: 'education',
  section: 'education',
  fields: [
    { name: 'level', kind: 'select', options: EDUCATION_LEVELS, optionSet: 'educationLevel', required: true },
    text('school', { required: true }),
    text('major', { required: true }),
    { name: 'study_form', kind: 'select', options: STUDY_FORMS, optionSet: 'studyForm', required: true },
    date('enrolled_on', { required: true, notFuture: true }),
    date('graduated_on', {
      required: true,
      notFuture: true,
      // a nurse fresh graduate registers before graduating
      mayBeAhead: (c) => c.exam === 'nurse' && c.freshGraduate,
    }),
    text('degree'),
    text('certificate_number'),
    { name: 'study_years', kind: 'int', min: 1, max: 10, rangeCode: 'study_years_range' },
  ],
}

const WORK: StepDef = {
  id: 'work',
  section: 'work',
  fields: [
    // A unit from the institution library comes only from quick-fill (there is no library search for
    // candidates yet); otherwise the unit is typed by hand (the server flags that for reviewers). Never both.
    text('unit_name_manual', {
      required: (c) => !(c.exam === 'nurse' && c.freshGraduate),
      showWhen: (c) => !fromLibrary(c),
      alsoErrorsOf: ['work.unit_code'],
    }),
    { name: 'unit_code', kind: 'code', custom: true, showWhen: fromLibrary },
    text('unit_nature'),
    text('current_specialty'),
    date('work_started_on', { notFuture: true, required: (c) => c.exam === 'health_tech' }),
    text('title'),
    date('title_obtained_on', { notFuture: true }),
    { name: 'years_in_specialty', kind: 'int', min: 0, max: 60, rangeCode: 'years_range' },
  ],
}

const EXAM_HEALTH_TECH: StepDef = {
  id: 'exam',
  section: 'exam',
  fields: [
    { name: 'level_code', kind: 'code', required: true, custom: true },
    { name: 'specialty_code', kind: 'code', required: true, custom: true },
    { name: 'subject_codes', kind: 'codes', required: true, custom: true },
    text('archive_number'),
  ],
}

const EXAM_PHYSICIAN: StepDef = {
  id: 'exam',
  section: 'exam',
  fields: [
    { name: 'category_code', kind: 'code', required: true, custom: true },
    { name: 'level_code', kind: 'code', required: true, custom: true },
  ],
}

const PHYSICIAN: StepDef = {
  id: 'physician',
  section: 'physician',
  fields: [
    { name: 'route', kind: 'select', options: PHYSICIAN_ROUTES, optionSet: 'physicianRoute', required: true },
    { name: 'probation_institution_code', kind: 'code', required: true, showWhen: route('education') },
    date('probation_started_on', { required: true, notFuture: true, showWhen: route('education') }),
    date('probation_ended_on', { required: true, showWhen: route('education') }),
    text('apprenticeship_certificate_number', { required: true, showWhen: route('apprenticeship') }),
    text('expertise_certificate_number', { required: true, showWhen: route('expertise') }),
    text('assistant_certificate_number'),
    date('assistant_certificate_obtained_on', { notFuture: true }),
    text('practice_registration_number'),
  ],
}

const NURSE: StepDef = {
  id: 'nurse',
  section: 'nurse',
  fields: [
    { name: 'fresh_graduate', kind: 'bool', required: true },
    text('school', { required: true, showWhen: fresh }),
    date('expected_graduation_on', { required: true, showWhen: fresh }),
    { name: 'internship_months', kind: 'int', min: 0, max: 60, rangeCode: 'internship_months_range', required: fresh },
  ],
}

const PLACE: StepDef = {
  id: 'place',
  section: 'exam',
  fields: [
    { name: 'site_code', kind: 'code', required: true, custom: true },
    { name: 'point_code', kind: 'code', required: true, custom: true, showWhen: (c) => c.needsPoint },
  ],
}

/** Uploads (views/registration/materials): no form fields, every file is stored when it is uploaded. */
const MATERIALS: StepDef = { id: 'materials', section: null, fields: [] }

const CONFIRM: StepDef = { id: 'confirm', section: null, fields: [] }

/**
 * The wizard's steps for an exam, in order (identity → education → work → exam-specific → place → materials
 * → confirm).
 */
export function stepsFor(exam: ExamType): StepDef[] {
  switch (exam) {
    case 'health_tech':
      return [IDENTITY, EDUCATION, WORK, EXAM_HEALTH_TECH, PLACE, MATERIALS, CONFIRM]
    case 'physician':
      return [IDENTITY, EDUCATION, WORK, EXAM_PHYSICIAN, PHYSICIAN, PLACE, MATERIALS, CONFIRM]
    case 'nurse':
      // asked first: a fresh graduate may give a graduation date ahead and needs no work unit
      return [IDENTITY, NURSE, EDUCATION, WORK, PLACE, MATERIALS, CONFIRM]
  }
}

export function isExamType(v: string): v is ExamType {
  return v === 'health_tech' || v === 'physician' || v === 'nurse'
}

export function isVisible(field: FieldDef, ctx: FieldContext): boolean {
  return field.showWhen ? field.showWhen(ctx) : true
}

export function isRequired(field: FieldDef, ctx: FieldContext): boolean {
  return typeof field.required === 'function' ? field.required(ctx) : field.required === true
}

/** The server keys (`section.field`) whose errors show under a field. */
export function errorKeysOf(step: StepDef, field: FieldDef): string[] {
  return [`${step.section}.${field.name}`, ...(field.alsoErrorsOf ?? [])]
}

/** The DOM id of a field's input, used to jump to it from the confirm step's list. */
export function fieldDomId(step: StepDef, field: string): string {
  return `reg-${step.id}-${field}`
}
