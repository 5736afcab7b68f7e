// The sign-up form's client-side checks, field by field (run on blur) and all together (run on submit).
// Codes are the server's where the server has the rule; a few are the client's own (confirmation,
// privacy acceptance, required choices). All are translated through the one table in i18n/error-codes.ts.
import { validateCode, validateEmail, validateMobile, validatePassword, validatePersonName } from './fields'
import { derivesSexAndBirth, isIdType, validateIdNumber } from './id-number'

export interface SignupForm {
  idType: string
  idNumber: string
  name: string
  phone: string
  email: string
  password: string
  passwordConfirm: string
  sex: string
  birthDate: string
  code: string
  privacyAccepted: boolean
}

export type SignupField = keyof SignupForm

export const SIGNUP_FIELDS: readonly SignupField[] = [
  'idType',
  'idNumber',
  'name',
  'sex',
  'birthDate',
  'phone',
  'email',
  'password',
  'passwordConfirm',
  'code',
  'privacyAccepted',
]

/** Server field names (SignupRequest) → form fields. */
export const SIGNUP_SERVER_FIELDS: Record<string, SignupField> = {
  id_type: 'idType',
  id_number: 'idNumber',
  name: 'name',
  phone: 'phone',
  email: 'email',
  password: 'password',
  sex: 'sex',
  birth_date: 'birthDate',
  verification_code: 'code',
  privacy_version: 'privacyAccepted',
}

export function emptySignupForm(): SignupForm {
  return {
    idType: 'resident_id',
    idNumber: '',
    name: '',
    phone: '',
    email: '',
    password: '',
    passwordConfirm: '',
    sex: '',
    birthDate: '',
    code: '',
    privacyAccepted: false,
  }
}

/** Whether the form asks for sex and birth date (ID types that do not encode them). */
export function needsSexAndBirth(form: Pick<SignupForm, 'idType'>): boolean {
  return isIdType(form.idType) && !derivesSexAndBirth(form.idType)
}

const some = (code: string | null): string[] => (code ? [code] : [])

/** The error codes of one field ([] when it is fine). `today` is `YYYY-MM-DD` in China. */
export function validateSignupField(field: SignupField, form: SignupForm, today: string): string[] {
  switch (field) {
    case 'idType':
      return isIdType(form.idType) ? [] : ['id_type_invalid']
    case 'idNumber': {
      if (!isIdType(form.idType)) return []
      const r = validateIdNumber(form.idType, form.idNumber, today)
      return r.ok ? [] : [r.code]
    }
    case 'name': {
      const r = validatePersonName(form.name)
      return r.ok ? [] : [r.code]
    }
    case 'phone':
      return some(validateMobile(form.phone.trim()))
    case 'email':
      return form.email.trim() === '' ? [] : some(validateEmail(form.email))
    case 'password':
      return some(validatePassword(form.password))
    case 'passwordConfirm':
      return form.passwordConfirm === form.password ? [] : ['password_mismatch']
    case 'sex':
      if (!needsSexAndBirth(form)) return []
      return form.sex === 'male' || form.sex === 'female' ? [] : ['sex_required']
    case 'birthDate':
      if (!needsSexAndBirth(form)) return []
      if (form.birthDate === '') return ['birth_date_required']
      return /^\d{4}-\d{2}-\d{2}$/.test(form.birthDate) && form.birthDate >= '1900-01-01' && form.birthDate <= today
        ? []
        : ['birth_date_invalid']
    case 'code':
      return some(validateCode(form.code))
    case 'privacyAccepted':
      return form.privacyAccepted ? [] : ['privacy_not_accepted']
  }
}

/** Every field's errors; an empty object means the form may be sent. */
export function validateSignupForm(form: SignupForm, today: string): Partial<Record<SignupField, string[]>> {
  const out: Partial<Record<SignupField, string[]>> = {}
  for (const f of SIGNUP_FIELDS) {
    const codes = validateSignupField(f, form, today)
    if (codes.length) out[f] = codes
  }
  return out
}
