// The wizard's steps per exam, which section each step saves, and the merge patch a step's "next" sends.
import { describe, expect, it } from 'vitest'
import { buildStepPatch, toJson, valuesFromForm } from '@/registration/patch'
import { stepsFor, type FieldContext, type StepDef, type StepId } from '@/registration/steps'

const ctx = (values: FieldContext['values'], over: Partial<FieldContext> = {}): FieldContext => ({
  exam: 'health_tech',
  values,
  freshGraduate: false,
  needsPoint: true,
  today: '2026-11-25',
  examYear: 2027,
  ...over,
})
const step = (exam: 'health_tech' | 'physician' | 'nurse', id: StepId): StepDef => {
  const s = stepsFor(exam).find((x) => x.id === id)
  if (!s) throw new Error(`no step ${id}`)
  return s
}

describe('steps and sections', () => {
  it('orders the steps per exam and maps each to one section', () => {
    const map = (exam: 'health_tech' | 'physician' | 'nurse') => stepsFor(exam).map((s) => `${s.id}:${s.section}`)
    expect(map('health_tech')).toEqual([
      'identity:identity', 'education:education', 'work:work', 'exam:exam', 'place:exam', 'materials:null', 'confirm:null',
    ])
    expect(map('physician')).toEqual([
      'identity:identity', 'education:education', 'work:work', 'exam:exam', 'physician:physician', 'place:exam',
      'materials:null', 'confirm:null',
    ])
    expect(map('nurse')).toEqual([
      'identity:identity', 'nurse:nurse', 'education:education', 'work:work', 'place:exam', 'materials:null', 'confirm:null',
    ])
  })

  it('never lets two steps own the same field', () => {
    for (const exam of ['health_tech', 'physician', 'nurse'] as const) {
      const keys = stepsFor(exam).flatMap((s) => s.fields.map((f) => `${s.section}.${f.name}`))
      expect(new Set(keys).size, exam).toBe(keys.length)
    }
  })

  it('owns the fields of backend/core/src/registration/form.rs that candidates type', () => {
    const names = (id: StepId, exam: 'health_tech' | 'physician' | 'nurse' = 'health_tech') => step(exam, id).fields.map((f) => f.name)
    expect(names('identity')).toEqual(['ethnicity', 'address', 'postal_code', 'email', 'emergency_phone'])
    expect(names('education')).toEqual([
      'level', 'school', 'major', 'study_form', 'enrolled_on', 'graduated_on', 'degree', 'certificate_number', 'study_years',
    ])
    expect(names('exam')).toEqual(['level_code', 'specialty_code', 'subject_codes', 'archive_number'])
    expect(names('exam', 'physician')).toEqual(['category_code', 'level_code'])
    expect(names('place')).toEqual(['site_code', 'point_code'])
    expect(names('nurse', 'nurse')).toEqual(['fresh_graduate', 'school', 'expected_graduation_on', 'internship_months'])
  })
})

describe('values from the saved form', () => {
  it('reads the step section, empty when absent', () => {
    const s = step('health_tech', 'education')
    const v = valuesFromForm(s, { education: { school: '郑州大学', study_years: 4 }, identity: { ethnicity: '汉族' } })
    expect(v.school).toBe('郑州大学')
    expect(v.study_years).toBe('4')
    expect(v.level).toBe('')
    expect(valuesFromForm(step('health_tech', 'exam'), {}).subject_codes).toEqual([])
    expect(valuesFromForm(step('nurse', 'nurse'), {}).fresh_graduate).toBeNull()
  })
})

describe('buildStepPatch', () => {
  it('sends only the step section with the fields that changed, trimmed and typed', () => {
    const s = step('health_tech', 'education')
    const form = { identity: { ethnicity: '汉族' }, education: { school: '郑州大学', major: '护理学' } }
    const values = { ...valuesFromForm(s, form), school: '  郑州大学  ', level: 'benke', study_years: '4', enrolled_on: '2008-09-01' }
    expect(buildStepPatch(s, values, form, ctx(values))).toEqual({
      education: { level: 'benke', enrolled_on: '2008-09-01', study_years: 4 },
    })
  })

  it('sends null for a field that was cleared (JSON merge patch removes it)', () => {
    const s = step('health_tech', 'identity')
    const form = { identity: { ethnicity: '汉族', email: 'a@example.com', postal_code: '450000' } }
    const values = { ...valuesFromForm(s, form), email: '', postal_code: '   ' }
    expect(buildStepPatch(s, values, form, ctx(values))).toEqual({ identity: { email: null, postal_code: null } })
  })

  it('returns null when nothing changed, so no request is made', () => {
    const s = step('health_tech', 'identity')
    const form = { identity: { ethnicity: '汉族', address: '郑州' } }
    const values = valuesFromForm(s, form)
    expect(buildStepPatch(s, values, form, ctx(values))).toBeNull()
    expect(buildStepPatch(step('health_tech', 'confirm'), {}, form, ctx({}))).toBeNull()
  })

  it('sends subjects as a whole list, and null when all were unticked', () => {
    const s = step('health_tech', 'exam')
    const form = { exam: { level_code: 'intermediate', specialty_code: '368', subject_codes: ['basic'], site_code: '410100' } }
    const more = { ...valuesFromForm(s, form), subject_codes: ['basic', 'practice'] }
    expect(buildStepPatch(s, more, form, ctx(more))).toEqual({ exam: { subject_codes: ['basic', 'practice'] } })
    const none = { ...valuesFromForm(s, form), subject_codes: [] }
    expect(buildStepPatch(s, none, form, ctx(none))).toEqual({ exam: { subject_codes: null } })
  })

  it('the place step touches only site and point of the shared exam section', () => {
    const s = step('health_tech', 'place')
    const form = { exam: { level_code: 'intermediate', specialty_code: '368', subject_codes: ['basic'] } }
    const values = { site_code: '410100', point_code: '41010501' }
    expect(buildStepPatch(s, values, form, ctx(values))).toEqual({ exam: { site_code: '410100', point_code: '41010501' } })
  })

  it('clears fields the step hides: no point when the review starts at the site', () => {
    const s = step('nurse', 'place')
    const form = { exam: { site_code: '410100', point_code: '41010501' } }
    const values = valuesFromForm(s, form)
    expect(buildStepPatch(s, values, form, ctx(values, { exam: 'nurse', needsPoint: false }))).toEqual({ exam: { point_code: null } })
  })

  it('clears the probation fields when the physician route changes', () => {
    const s = step('physician', 'physician')
    const form = { physician: { route: 'education', probation_institution_code: 'H001', probation_started_on: '2024-07-01' } }
    const values = { ...valuesFromForm(s, form), route: 'expertise', expertise_certificate_number: 'ZC-1' }
    expect(buildStepPatch(s, values, form, ctx(values, { exam: 'physician' }))).toEqual({
      physician: { route: 'expertise', probation_institution_code: null, probation_started_on: null, expertise_certificate_number: 'ZC-1' },
    })
  })

  it('sends yes/no answers as booleans', () => {
    const s = step('nurse', 'nurse')
    const values = { ...valuesFromForm(s, {}), fresh_graduate: true, school: '河南护理职业学院', internship_months: '10' }
    expect(buildStepPatch(s, values, {}, ctx(values, { exam: 'nurse' }))).toEqual({
      nurse: { fresh_graduate: true, school: '河南护理职业学院', internship_months: 10 },
    })
  })

  it('toJson: empty means null for every kind', () => {
    const f = (kind: 'text' | 'int' | 'bool' | 'codes' | 'date') => ({ name: 'x', kind })
    expect(toJson(f('text'), '')).toBeNull()
    expect(toJson(f('int'), '')).toBeNull()
    expect(toJson(f('bool'), null)).toBeNull()
    expect(toJson(f('codes'), [])).toBeNull()
    expect(toJson(f('date'), '2020-01-01')).toBe('2020-01-01')
    expect(toJson(f('bool'), false)).toBe(false)
  })
})
