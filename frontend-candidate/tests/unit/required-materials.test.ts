// Which required materials block submission (registration/materials.ts): a required kind without a current
// file (uploaded or accepted; a rejected one does not count), plus what a refused submission reported as
// `materials.<kind>: material_missing`; and where such an error is listed (the materials step).
import { describe, expect, it } from 'vitest'
import { locateError, placeErrors } from '@/registration/errors'
import {
  canSubmit,
  isCurrentMaterial,
  materialKindOf,
  missingAsErrors,
  missingMaterials,
  reportedMissing,
  withoutMissingMaterials,
} from '@/registration/materials'
import { stepsFor } from '@/registration/steps'
import { material } from './fixtures/registration'

const REQUIRED = ['photo', 'id_card_front', 'id_card_back', 'diploma']

describe('missingMaterials', () => {
  it('every required kind without a file, in the order the server lists them', () => {
    expect(missingMaterials(REQUIRED, [])).toEqual(REQUIRED)
    expect(missingMaterials(REQUIRED, [material('diploma'), material('photo')])).toEqual(['id_card_front', 'id_card_back'])
    expect(missingMaterials(REQUIRED, REQUIRED.map((k) => material(k)))).toEqual([])
  })

  it('nothing required: nothing missing', () => {
    expect(missingMaterials([], [])).toEqual([])
    expect(missingMaterials([], null)).toEqual([])
  })

  it('an accepted file counts; a rejected one does not', () => {
    const list = [material('photo', { status: 'accepted' }), material('diploma', { status: 'rejected', reject_reason: '不清晰' })]
    expect(missingMaterials(['photo', 'diploma'], list)).toEqual(['diploma'])
    expect(isCurrentMaterial({ status: 'uploaded' })).toBe(true)
    expect(isCurrentMaterial({ status: 'accepted' })).toBe(true)
    expect(isCurrentMaterial({ status: 'rejected' })).toBe(false)
  })

  it('a file of a kind that is not required changes nothing', () => {
    expect(missingMaterials(['photo'], [material('degree')])).toEqual(['photo'])
  })

  it('adds what a refused submission reported missing, unless it has a file by now', () => {
    const reported = { 'materials.integrity_pledge': ['material_missing'], 'materials.photo': ['material_missing'], 'exam.site_code': ['required'] }
    expect(missingMaterials(['photo'], [], reported)).toEqual(['photo', 'integrity_pledge'])
    expect(missingMaterials(['photo'], [material('photo')], reported)).toEqual(['integrity_pledge'])
    expect(missingMaterials(['photo'], [material('photo'), material('integrity_pledge')], reported)).toEqual([])
  })

  it('the files could not be read: only what the server reported is known', () => {
    expect(missingMaterials(REQUIRED, null)).toEqual([])
    expect(missingMaterials(REQUIRED, null, { 'materials.diploma': ['material_missing'] })).toEqual(['diploma'])
  })
})

describe('material errors', () => {
  it('materialKindOf: the kind of a `materials.<kind>` key only', () => {
    expect(materialKindOf('materials.photo')).toBe('photo')
    expect(materialKindOf('materials.')).toBeNull()
    expect(materialKindOf('materials')).toBeNull()
    expect(materialKindOf('exam.site_code')).toBeNull()
  })

  it('reportedMissing: the kinds with `material_missing`, in key order', () => {
    expect(
      reportedMissing({
        'materials.photo': ['material_missing'],
        'materials.diploma': ['material_missing'],
        'materials.degree': ['something_else'],
        'education.school': ['required'],
      }),
    ).toEqual(['diploma', 'photo'])
    expect(reportedMissing({})).toEqual([])
  })

  it('withoutMissingMaterials drops only `material_missing` on material keys; missingAsErrors puts them back', () => {
    const errors = { 'materials.photo': ['material_missing'], 'materials.degree': ['material_missing', 'other'], 'exam.site_code': ['required'] }
    expect(withoutMissingMaterials(errors)).toEqual({ 'materials.degree': ['other'], 'exam.site_code': ['required'] })
    expect(missingAsErrors(['photo', 'diploma'])).toEqual({ 'materials.photo': ['material_missing'], 'materials.diploma': ['material_missing'] })
    expect(missingAsErrors([])).toEqual({})
  })

  it('canSubmit: complete and nothing missing', () => {
    expect(canSubmit(true, [])).toBe(true)
    expect(canSubmit(true, ['photo'])).toBe(false)
    expect(canSubmit(false, [])).toBe(false)
  })

  it('a material error belongs to the materials step of every exam', () => {
    for (const exam of ['health_tech', 'physician', 'nurse'] as const) {
      expect(locateError('materials.photo', stepsFor(exam))).toEqual({ step: 'materials', field: 'photo' })
    }
    expect(locateError('materials.photo', [])).toBeNull()
    const placed = placeErrors({ 'materials.photo': ['material_missing'], 'education.school': ['required'] }, stepsFor('health_tech'))
    expect(placed.unplaced).toEqual([])
    expect(placed.byStep.materials).toEqual({ photo: ['material_missing'] })
    expect(placed.byStep.education).toEqual({ school: ['required'] })
  })
})
