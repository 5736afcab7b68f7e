// Mirror of backend/core/src/identity/fields.rs: phone, password, person name and e-mail, same codes.

/** `^1[3-9]\d{9}$`, ASCII digits only. */
export function validateMobile(phone: string): 'phone_invalid' | null {
  return /^1[3-9][0-9]{9}$/.test(phone) ? null : 'phone_invalid'
}

export type PasswordCode = 'password_invalid_characters' | 'password_length' | 'password_needs_letter_and_digit'

/** Printable ASCII, 8–20 characters, at least one letter and one digit. */
export function validatePassword(pw: string): PasswordCode | null {
  if (!/^[\x20-\x7e]*$/.test(pw)) return 'password_invalid_characters'
  if (pw.length < 8 || pw.length > 20) return 'password_length'
  if (!/[A-Za-z]/.test(pw) || !/[0-9]/.test(pw)) return 'password_needs_letter_and_digit'
  return null
}

const SEPARATOR = '\u00b7'

function isHan(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0
  return (
    cp === 0x3007 ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2ee5f) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f) ||
    (cp >= 0x30000 && cp <= 0x323af)
  )
}

function isLatinLetter(c: string | undefined): boolean {
  if (c === undefined) return false
  const cp = c.codePointAt(0) ?? 0
  return /^[A-Za-z]$/.test(c) || (cp >= 0xc0 && cp <= 0x24f && c !== '×' && c !== '÷')
}

/** Look-alike dots typed for the minority-name separator count as "·". */
function normalizeSeparator(c: string): string {
  return c === '\u2022' || c === '\u30fb' || c === '\uff0e' ? SEPARATOR : c
}

export type NameCode = 'name_length' | 'name_invalid_characters' | 'name_separator'

/** The name as the server stores it (trimmed, separators normalised) or the reason it is refused. */
export function validatePersonName(name: string): { ok: true; value: string } | { ok: false; code: NameCode } {
  const chars = Array.from(name.trim(), normalizeSeparator)
  if (chars.length < 2 || chars.length > 28) return { ok: false, code: 'name_length' }
  const allowed = (c: string): boolean => isHan(c) || isLatinLetter(c) || c === SEPARATOR || c === ' '
  if (!chars.every(allowed)) return { ok: false, code: 'name_invalid_characters' }
  const last = chars.length - 1
  for (let i = 0; i <= last; i++) {
    if (chars[i] !== SEPARATOR) continue
    const bad = (n: string | undefined): boolean => n === SEPARATOR || n === ' '
    if (i === 0 || i === last || bad(chars[i - 1]) || bad(chars[i + 1])) {
      return { ok: false, code: 'name_separator' }
    }
  }
  for (let i = 0; i <= last; i++) {
    if (chars[i] === ' ' && !(isLatinLetter(chars[i - 1]) && isLatinLetter(chars[i + 1]))) {
      return { ok: false, code: 'name_invalid_characters' }
    }
  }
  return { ok: true, value: chars.join('') }
}

function validLocalPart(local: string): boolean {
  return (
    local.length >= 1 &&
    local.length <= 64 &&
    /^[A-Za-z0-9.!#$%&'*+\-/=?^_`{|}~]+$/.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..')
  )
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.')
  const labelOk = (l: string): boolean =>
    l.length >= 1 && l.length <= 63 && /^[A-Za-z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-')
  const tld = labels[labels.length - 1] ?? ''
  return labels.length >= 2 && labels.every(labelOk) && !/^[0-9]+$/.test(tld)
}

/** Pragmatic ASCII `local@domain.tld`, at most 254 characters. */
export function validateEmail(email: string): 'email_invalid' | null {
  const e = email.trim()
  if (e.length > 254) return 'email_invalid'
  const at = e.indexOf('@')
  if (at < 0) return 'email_invalid'
  const local = e.slice(0, at)
  const domain = e.slice(at + 1)
  return validLocalPart(local) && validDomain(domain) ? null : 'email_invalid'
}

/** A verification code as sent: 6 digits. */
export function validateCode(code: string): 'code_required' | 'code_format' | null {
  const c = code.trim()
  if (c === '') return 'code_required'
  return /^[0-9]{6}$/.test(c) ? null : 'code_format'
}
