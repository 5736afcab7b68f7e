// Sign-up form rules: per-field checks (run on blur), the whole form, and the request it produces.
import { describe, expect, it } from 'vitest'
import { PRIVACY_VERSION } from '@/content/privacy'
import { emptySignupForm, needsSexAndBirth, validateSignupField, validateSignupForm, type SignupForm } from '@/validation/signup-form'
import { toSignupRequest } from '@/views/auth/use-signup'

const TODAY = '2026-01-15'
const valid = (over: Partial<SignupForm> = {}): SignupForm => ({
  ...emptySignupForm(),
  idNumber: '11010519491231002x',
  name: '张三',
  phone: '13812345678',
  password: 'abc12345',
  passwordConfirm: 'abc12345',
  code: '123456',
  privacyAccepted: true,
  ...over,
})

describe('sign-up form validation', () => {
  it('passes a complete resident-ID form', () => {
    expect(validateSignupForm(valid(), TODAY)).toEqual({})
  })

  it('reports every problem with its code', () => {
    const errors = validateSignupForm(
      valid({ idNumber: '11010119900307447X', name: '张', phone: '12345', email: 'x@', password: 'abcdefgh', passwordConfirm: 'other', code: '', privacyAccepted: false }),
      TODAY,
    )
    expect(errors).toEqual({
      idNumber: ['id_number_checksum'],
      name: ['name_length'],
      phone: ['phone_invalid'],
      email: ['email_invalid'],
      password: ['password_needs_letter_and_digit'],
      passwordConfirm: ['password_mismatch'],
      code: ['code_required'],
      privacyAccepted: ['privacy_not_accepted'],
    })
  })

  it('asks for sex and birth date only for ID types that do not encode them', () => {
    expect(needsSexAndBirth({ idType: 'resident_id' })).toBe(false)
    expect(needsSexAndBirth({ idType: 'foreign_permanent_resident' })).toBe(false)
    for (const t of ['taiwan_id', 'hong_kong_id', 'macau_id', 'passport']) expect(needsSexAndBirth({ idType: t })).toBe(true)
    const passport = valid({ idType: 'passport', idNumber: 'E12345678' })
    expect(validateSignupForm(passport, TODAY)).toEqual({ sex: ['sex_required'], birthDate: ['birth_date_required'] })
    expect(validateSignupField('birthDate', { ...passport, birthDate: '2027-01-01' }, TODAY)).toEqual(['birth_date_invalid'])
    expect(validateSignupField('birthDate', { ...passport, birthDate: '1899-12-31' }, TODAY)).toEqual(['birth_date_invalid'])
    expect(validateSignupForm({ ...passport, sex: 'female', birthDate: '1990-05-04' }, TODAY)).toEqual({})
  })

  it('checks the ID number against the chosen type', () => {
    expect(validateSignupField('idNumber', valid({ idType: 'hk_macau_residence_permit' }), TODAY)).toEqual(['id_number_prefix'])
    expect(validateSignupField('idType', valid({ idType: '' }), TODAY)).toEqual(['id_type_invalid'])
  })
})

describe('sign-up request', () => {
  it('normalises the ID number, sends the privacy version and omits derived sex and birth date', () => {
    const body = toSignupRequest(valid({ email: '  ', name: ' 张三 ' }))
    expect(body).toEqual({
      id_type: 'resident_id',
      id_number: '11010519491231002X',
      name: '张三',
      phone: '13812345678',
      email: null,
      password: 'abc12345',
      verification_channel: 'sms',
      verification_code: '123456',
      privacy_version: PRIVACY_VERSION,
      sex: null,
      birth_date: null,
    })
    expect(PRIVACY_VERSION).toBe('2026-01')
  })

  it('sends sex and birth date for a passport', () => {
    const body = toSignupRequest(valid({ idType: 'passport', idNumber: 'e1234567', sex: 'male', birthDate: '1990-01-02', email: 'a@example.com' }))
    expect(body).toMatchObject({ id_number: 'E1234567', sex: 'male', birth_date: '1990-01-02', email: 'a@example.com' })
  })
})
