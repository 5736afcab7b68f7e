import { describe, expect, it } from 'vitest'
import type { FilingView } from '@/api/types'
import { buildI18n } from '@/i18n'
import {
  CATEGORIES,
  categoryLabel,
  changeable,
  checkDraft,
  checkRevokeReason,
  draftFromFiling,
  emptyDraft,
  fieldMessage,
  fitsMask,
  formErrors,
  hasNextPage,
  ID_TYPES,
  idTypeLabel,
  institutionOf,
  isDay,
  issuedOnFrom,
  reverifiedCount,
  statusLabel,
  toFilingRequest,
  validUntil,
  type FilingDraft,
} from '@/utils/probation'
import { contractDescription, problem, quotedCodes } from './helpers'

const TODAY = '2026-12-03'
const ID = '41010519900708031X'

const good = (overrides: Partial<FilingDraft> = {}): FilingDraft => ({
  institution_code: ' H4101001 ',
  id_type: 'resident_id',
  id_number: ` ${ID} `,
  name: ' 李明 ',
  category_code: 'clinical',
  started_on: '2024-07-01',
  ended_on: '2025-06-30',
  issued_on: '',
  certificate_number: ' SY-2025-0001 ',
  legal_representative: ' 王院长 ',
  signed_and_sealed: true,
  ...overrides,
})

const filing = (overrides: Partial<FilingView> = {}): FilingView => ({
  filing_no: 'PF20261203AB12CD34',
  institution_code: 'H4101001',
  id_number_masked: '410105********031X',
  name: '李明',
  category_code: 'clinical',
  started_on: '2024-07-01',
  ended_on: '2025-06-30',
  valid_until: '2027-12-02',
  certificate_number: 'SY-2025-0001',
  legal_representative: '王院长',
  status: 'filed',
  revoke_reason: null,
  created_at: '2026-12-03T01:00:00Z',
  updated_at: '2026-12-03T01:00:00Z',
  ...overrides,
})

const i18n = buildI18n('zh-CN').global
const english = () => {
  const en = buildI18n('en-US').global
  return en
}

describe('the filing form → request', () => {
  it('builds the body from a good draft: text trimmed, no issue day when none is given', () => {
    const check = checkDraft(good(), TODAY)
    expect(check).toEqual({
      ok: true,
      body: {
        institution_code: 'H4101001',
        id_type: 'resident_id',
        id_number: ID,
        name: '李明',
        category_code: 'clinical',
        started_on: '2024-07-01',
        ended_on: '2025-06-30',
        certificate_number: 'SY-2025-0001',
        legal_representative: '王院长',
        signed_and_sealed: true,
      },
    })
    expect(toFilingRequest(good({ issued_on: '2025-07-05' })).issued_on).toBe('2025-07-05')
  })

  it('names each field that is missing', () => {
    const check = checkDraft(emptyDraft(), TODAY)
    expect(check).toEqual({
      ok: false,
      errors: {
        institution_code: 'required',
        id_number: 'id_number_empty',
        name: 'required',
        category_code: 'required',
        started_on: 'required',
        ended_on: 'required',
        certificate_number: 'required',
        legal_representative: 'required',
        signed_and_sealed: 'seal_required',
      },
    })
    expect(emptyDraft('H4101001').institution_code).toBe('H4101001')
    expect(emptyDraft().id_type).toBe('resident_id')
  })

  it('checks the dates as the server does: in order, over, the certificate signed after the end and not in the future', () => {
    const errors = (d: Partial<FilingDraft>) => {
      const check = checkDraft(good(d), TODAY)
      return check.ok ? {} : check.errors
    }
    expect(errors({ ended_on: '2024-07-01' })).toEqual({ ended_on: 'dates_out_of_order' })
    expect(errors({ ended_on: '2024-06-30' })).toEqual({ ended_on: 'dates_out_of_order' })
    expect(errors({ ended_on: '2026-12-04' })).toEqual({ ended_on: 'ended_in_future' })
    expect(errors({ ended_on: TODAY })).toEqual({})
    expect(errors({ issued_on: '2025-06-29' })).toEqual({ issued_on: 'issued_before_end' })
    expect(errors({ issued_on: '2025-06-30' })).toEqual({})
    expect(errors({ issued_on: '2026-12-04' })).toEqual({ issued_on: 'issued_in_future' })
    expect(errors({ issued_on: '2026-02-30' })).toEqual({ issued_on: 'date_invalid' })
    // an end in the future is said once, on the end
    expect(errors({ ended_on: '2027-01-01', issued_on: '2026-01-01' })).toEqual({ ended_on: 'ended_in_future' })
  })

  it('checks the category, the ID type, the certificate number and the seal', () => {
    const errors = (d: Partial<FilingDraft>) => {
      const check = checkDraft(good(d), TODAY)
      return check.ok ? {} : check.errors
    }
    expect(errors({ category_code: 'nursing' })).toEqual({ category_code: 'category_invalid' })
    expect(errors({ id_type: 'card' })).toEqual({ id_type: 'id_type_invalid' })
    expect(errors({ certificate_number: '编号 1' })).toEqual({ certificate_number: 'certificate_number_invalid' })
    expect(errors({ certificate_number: 'A'.repeat(41) })).toEqual({ certificate_number: 'certificate_number_invalid' })
    expect(errors({ certificate_number: 'A_b-9' })).toEqual({})
    expect(errors({ signed_and_sealed: false })).toEqual({ signed_and_sealed: 'seal_required' })
    for (const category of CATEGORIES) expect(errors({ category_code: category })).toEqual({})
  })

  it('knows the categories and ID types the contract names', () => {
    expect([...CATEGORIES].sort()).toEqual(quotedCodes(contractDescription('FilingRequest', 'category_code')).sort())
    expect(ID_TYPES[0]).toBe(quotedCodes(contractDescription('FilingRequest', 'id_type'))[0])
  })

  it('asks, when editing, for the ID number of the same person (as far as the mask shows)', () => {
    const masked = '410105********031X'
    expect(fitsMask(ID, masked)).toBe(true)
    expect(fitsMask(' 41010519900708031x ', masked)).toBe(true)
    expect(fitsMask('41010619900708031X', masked)).toBe(false)
    expect(fitsMask('410105199007080329', masked)).toBe(false)
    // another length: the server decides
    expect(fitsMask('A1234567', masked)).toBe(true)
    const check = checkDraft(good({ id_number: '410105199007080329' }), TODAY, masked)
    expect(check).toEqual({ ok: false, errors: { id_number: 'person_changed' } })
    expect(checkDraft(good(), TODAY, masked).ok).toBe(true)
  })
})

describe('editing a filed certificate', () => {
  it('fills the draft from the certificate, asking for the ID number and the seal again', () => {
    expect(draftFromFiling(filing())).toEqual({
      institution_code: 'H4101001',
      id_type: 'resident_id',
      id_number: '',
      name: '李明',
      category_code: 'clinical',
      started_on: '2024-07-01',
      ended_on: '2025-06-30',
      issued_on: '2026-12-03',
      certificate_number: 'SY-2025-0001',
      legal_representative: '王院长',
      signed_and_sealed: false,
    })
  })

  it('gives back the issue day behind a validity, so that an edit keeps it', () => {
    expect(validUntil('2026-03-01')).toBe('2027-02-28')
    expect(validUntil('2026-01-01')).toBe('2026-12-31')
    expect(validUntil('2028-02-29')).toBe('2029-02-28')
    expect(validUntil('x')).toBeNull()
    for (const issued of ['2025-07-05', '2026-01-01', '2026-03-01', '2027-12-31', '2028-03-01', '2026-02-28']) {
      expect(validUntil(issuedOnFrom(validUntil(issued)!)), issued).toBe(validUntil(issued))
    }
    expect(issuedOnFrom('not a day')).toBe('')
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2028-02-29')).toBe(true)
  })
})

describe('where the server’s answer is said', () => {
  it('says validation codes under their fields only', () => {
    const error = problem(422, 'validation_failed', { errors: { id_number: ['id_number_checksum'], ended_on: ['probation_too_short'] } })
    expect(formErrors({}, error)).toEqual({ fields: { id_number: ['id_number_checksum'], ended_on: ['probation_too_short'] }, general: null })
  })

  it('says a field the form does not have above the form too', () => {
    const error = problem(422, 'validation_failed', { errors: { id_number: ['id_number_checksum'], other: ['x'] } })
    const placed = formErrors({}, error)
    expect(placed.fields).toEqual({ id_number: ['id_number_checksum'] })
    expect(placed.general).toBe(error)
  })

  it('says a conflict above the form and under the field it concerns', () => {
    const taken = problem(409, 'certificate_number_taken')
    expect(formErrors({}, taken)).toEqual({ fields: { certificate_number: ['certificate_number_taken'] }, general: taken })
    const filed = problem(409, 'already_filed')
    expect(formErrors({}, filed).fields).toEqual({ id_number: ['already_filed'] })
    const network = new TypeError('offline')
    expect(formErrors({}, network)).toEqual({ fields: {}, general: network })
    expect(formErrors({}, null)).toEqual({ fields: {}, general: null })
  })

  it('puts the form’s own findings first', () => {
    const error = problem(422, 'validation_failed', { errors: { name: ['name_length'] } })
    expect(formErrors({ name: 'required', signed_and_sealed: 'seal_required' }, error).fields).toEqual({ name: ['required'], signed_and_sealed: ['seal_required'] })
  })

  it('translates every code the form or the server gives, in both languages', () => {
    const codes = [
      'required',
      'id_type_invalid',
      'id_number_empty',
      'id_number_checksum',
      'name_length',
      'name_invalid_characters',
      'category_invalid',
      'date_invalid',
      'dates_out_of_order',
      'ended_in_future',
      'probation_too_short',
      'issued_before_end',
      'issued_in_future',
      'certificate_number_invalid',
      'seal_required',
      'institution_unknown',
      'not_your_institution',
      'person_changed',
      'already_filed',
      'certificate_number_taken',
    ]
    const en = english()
    for (const code of codes) {
      expect(fieldMessage(code, i18n), code).toMatch(/[\u4e00-\u9fff]/)
      expect(fieldMessage(code, en), code).toMatch(/^[A-Z]/)
    }
    expect(fieldMessage('probation_too_short', i18n)).toBe('试用期不足一年')
    expect(fieldMessage('not_your_institution', en)).toBe('You can only file for your own institution.')
    expect(fieldMessage('strange_code', i18n)).toBe('strange_code')
    // a screen's own wording first (the review reasons' `reason_required` means something else)
    expect(fieldMessage('reason_required', i18n, { reason_required: 'institution.revokeDialog.reasonRequired' })).toBe('请填写撤销原因（1–500 个字符）')
  })
})

describe('revoking', () => {
  it('needs a reason of 1–500 characters', () => {
    expect(checkRevokeReason('  证明信息有误  ')).toEqual({ ok: true, reason: '证明信息有误' })
    expect(checkRevokeReason('   ')).toEqual({ ok: false, code: 'reason_required' })
    expect(checkRevokeReason('因'.repeat(500)).ok).toBe(true)
    expect(checkRevokeReason('因'.repeat(501))).toEqual({ ok: false, code: 'reason_required' })
  })
})

describe('the list', () => {
  it('tells the institution, which certificates change, and whether a next page may exist', () => {
    // the profile's first (GET /me), then the certificates', else unknown
    expect(institutionOf({ institution_code: 'H4101001' }, [])).toBe('H4101001')
    expect(institutionOf({ institution_code: 'H4101001' }, [filing({ institution_code: 'H4109999' })])).toBe('H4101001')
    expect(institutionOf({ institution_code: null }, [filing()])).toBe('H4101001')
    expect(institutionOf(null, [filing()])).toBe('H4101001')
    expect(institutionOf({}, [])).toBeNull()
    expect(changeable(filing())).toBe(true)
    expect(changeable(filing({ status: 'revoked' }))).toBe(false)
    expect(hasNextPage({ items: [filing(), filing()], page_size: 2 })).toBe(true)
    expect(hasNextPage({ items: [filing()], page_size: 2 })).toBe(false)
  })

  it('counts the re-verified registrations (0 when the answer does not say)', () => {
    expect(reverifiedCount(filing({ reverified_registrations: 2 }))).toBe(2)
    expect(reverifiedCount(filing())).toBe(0)
  })

  it('names categories, statuses and ID types in words, unknown ones readably', () => {
    expect(categoryLabel('clinical', i18n)).toBe('临床')
    expect(categoryLabel('public_health', english())).toBe('Public health')
    expect(categoryLabel('nursing', i18n)).toBe('Nursing')
    expect(statusLabel('filed', i18n)).toBe('已备案')
    expect(statusLabel('revoked', english())).toBe('Revoked')
    expect(idTypeLabel('resident_id', i18n)).toBe('居民身份证')
    for (const type of ID_TYPES) expect(idTypeLabel(type, i18n)).toMatch(/[\u4e00-\u9fff]/)
  })
})
