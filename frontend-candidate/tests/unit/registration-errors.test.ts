// Server errors keyed "section.field" go under the field of the step that owns it; the rest is listed.
import { describe, expect, it } from 'vitest'
import { locateError, mergeErrors, placeErrors, registrationCode } from '@/registration/errors'
import { stepsFor } from '@/registration/steps'

const ht = stepsFor('health_tech')

describe('placeErrors', () => {
  it('puts each key under its step and field', () => {
    const placed = placeErrors(
      {
        'education.graduated_on': ['dates_out_of_order'],
        'identity.postal_code': ['postal_code_invalid'],
        'exam.subject_codes': ['subject_unknown'],
        'exam.point_code': ['required'],
      },
      ht,
    )
    expect(placed.byStep).toEqual({
      education: { graduated_on: ['dates_out_of_order'] },
      identity: { postal_code: ['postal_code_invalid'] },
      exam: { subject_codes: ['subject_unknown'] },
      place: { point_code: ['required'] },
    })
    expect(placed.unplaced).toEqual([])
  })

  it('tells apart the two steps that share the exam section', () => {
    expect(locateError('exam.specialty_code', ht)).toEqual({ step: 'exam', field: 'specialty_code' })
    expect(locateError('exam.site_code', ht)).toEqual({ step: 'place', field: 'site_code' })
    expect(locateError('exam.level_code', stepsFor('physician'))).toEqual({ step: 'exam', field: 'level_code' })
  })

  it('shows the work unit requirement under the unit name typed by hand', () => {
    expect(placeErrors({ 'work.unit_code': ['required'] }, ht).byStep).toEqual({ work: { unit_name_manual: ['required'] } })
  })

  it('lists whole-section keys and fields the wizard does not show as unplaced', () => {
    const placed = placeErrors(
      { physician: ['section_not_applicable'], form: ['invalid_value'], 'second_degree.school': ['text_length'], 'x.y': [] },
      ht,
    )
    expect(placed.byStep).toEqual({})
    expect(placed.unplaced).toEqual([
      { key: 'form', codes: ['invalid_value'] },
      { key: 'physician', codes: ['section_not_applicable'] },
      { key: 'second_degree.school', codes: ['text_length'] },
    ])
  })

  it('does not repeat a code when two keys land on one field', () => {
    const placed = placeErrors({ 'work.unit_code': ['required'], 'work.unit_name_manual': ['required', 'text_length'] }, ht)
    expect(placed.byStep.work).toEqual({ unit_name_manual: ['required', 'text_length'] })
  })
})

describe('mergeErrors and codes', () => {
  it('merges completeness and submit errors without duplicates', () => {
    expect(mergeErrors({ 'exam.site_code': ['required'] }, { 'exam.site_code': ['required', 'site_unknown'], 'exam.point_code': ['point_unknown'] })).toEqual({
      'exam.site_code': ['required', 'site_unknown'],
      'exam.point_code': ['point_unknown'],
    })
  })

  it('reads code_invalid on the form as a malformed code, not a wrong verification code', () => {
    expect(registrationCode('code_invalid')).toBe('field_code_invalid')
    expect(registrationCode('required')).toBe('required')
  })
})
