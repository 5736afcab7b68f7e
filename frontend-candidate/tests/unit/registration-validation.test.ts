// Blur checks of the registration form mirror validate_partial's per-field codes (validate.rs).
import { describe, expect, it } from 'vitest'
import { stepsFor, type FieldContext, type StepId, type Values } from '@/registration/steps'
import { checkField, checkStep } from '@/validation/registration'

const ctx = (values: Values, over: Partial<FieldContext> = {}): FieldContext => ({
  exam: 'health_tech',
  values,
  freshGraduate: false,
  needsPoint: true,
  today: '2026-11-25',
  examYear: 2027,
  ...over,
})
const fieldOf = (id: StepId, name: string, exam: 'health_tech' | 'nurse' = 'health_tech') => {
  const f = stepsFor(exam).find((s) => s.id === id)?.fields.find((x) => x.name === name)
  if (!f) throw new Error(name)
  return f
}
const check = (id: StepId, name: string, value: Values[string], over: Partial<FieldContext> = {}) =>
  checkField(fieldOf(id, name, over.exam === 'nurse' ? 'nurse' : 'health_tech'), ctx({ [name]: value }, over))

describe('registration field checks', () => {
  it('accepts empty fields (what is required is the server completeness)', () => {
    expect(check('identity', 'ethnicity', '')).toEqual([])
    expect(check('identity', 'postal_code', '  ')).toEqual([])
    expect(check('education', 'study_years', '')).toEqual([])
  })

  it('checks postal code, e-mail and mobile number formats', () => {
    expect(check('identity', 'postal_code', '4500')).toEqual(['postal_code_invalid'])
    expect(check('identity', 'postal_code', '450000')).toEqual([])
    expect(check('identity', 'email', 'not-an-address')).toEqual(['email_invalid'])
    expect(check('identity', 'emergency_phone', '1391234567')).toEqual(['phone_invalid'])
    expect(check('identity', 'emergency_phone', '13912345678')).toEqual([])
  })

  it('limits text to 100 characters (counted as characters, not UTF-16 units) without control characters', () => {
    expect(check('identity', 'address', '郑'.repeat(100))).toEqual([])
    expect(check('identity', 'address', '郑'.repeat(101))).toEqual(['text_length'])
    expect(check('identity', 'address', '𠀀'.repeat(100))).toEqual([])
    expect(check('identity', 'address', 'a\u0007b')).toEqual(['text_invalid_characters'])
  })

  it('checks whole-number ranges with the server codes', () => {
    expect(check('education', 'study_years', '0')).toEqual(['study_years_range'])
    expect(check('education', 'study_years', '11')).toEqual(['study_years_range'])
    expect(check('education', 'study_years', '4')).toEqual([])
    expect(check('work', 'years_in_specialty', '61')).toEqual(['years_range'])
    expect(check('work', 'years_in_specialty', '0')).toEqual([])
    expect(check('nurse', 'internship_months', '61', { exam: 'nurse' })).toEqual(['internship_months_range'])
  })

  it('refuses dates in the future, except a fresh nurse graduate graduation', () => {
    expect(check('education', 'enrolled_on', '2026-11-26')).toEqual(['date_in_future'])
    expect(check('education', 'enrolled_on', '2026-11-25')).toEqual([])
    expect(check('education', 'graduated_on', '2027-07-01')).toEqual(['date_in_future'])
    expect(check('education', 'graduated_on', '2027-07-01', { exam: 'nurse', freshGraduate: true })).toEqual([])
  })

  it('leaves rules between fields to the server (its 422 lands under the field)', () => {
    const s = stepsFor('health_tech').find((x) => x.id === 'education')!
    expect(checkStep(s, ctx({ enrolled_on: '2015-09-01', graduated_on: '2012-07-01' }))).toEqual({})
  })

  it('checks choices and subject lists', () => {
    expect(check('education', 'level', 'phd')).toEqual(['invalid_value'])
    expect(check('education', 'level', 'benke')).toEqual([])
    expect(check('exam', 'subject_codes', ['basic', 'basic'])).toEqual(['subject_duplicate'])
    expect(check('exam', 'subject_codes', ['basic', 'a b'])).toEqual(['code_invalid'])
  })

  it('skips hidden fields when checking a step', () => {
    const s = stepsFor('nurse').find((x) => x.id === 'nurse')!
    expect(checkStep(s, ctx({ fresh_graduate: false, school: 'x'.repeat(101), internship_months: '' }, { exam: 'nurse' }))).toEqual({})
    expect(checkStep(s, ctx({ fresh_graduate: true, school: 'x'.repeat(101), internship_months: '' }, { exam: 'nurse' }))).toEqual({
      school: ['text_length'],
    })
  })
})
