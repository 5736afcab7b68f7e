// Mirror of backend/core/src/identity/{id_number,regional}.rs: the same rules and the same error codes, so
// the candidate hears about a mistyped number on blur instead of after submitting. The server stays the judge.

export const ID_TYPES = [
  'resident_id',
  'hk_macau_residence_permit',
  'taiwan_residence_permit',
  'foreign_permanent_resident',
  'taiwan_id',
  'hong_kong_id',
  'macau_id',
  'passport',
] as const

export type IdType = (typeof ID_TYPES)[number]
export type Sex = 'male' | 'female'

export function isIdType(v: string): v is IdType {
  return (ID_TYPES as readonly string[]).includes(v)
}

/** The GB 11643 family encodes sex and birth date; for the other types the candidate enters them. */
export function derivesSexAndBirth(t: IdType): boolean {
  return (
    t === 'resident_id' ||
    t === 'hk_macau_residence_permit' ||
    t === 'taiwan_residence_permit' ||
    t === 'foreign_permanent_resident'
  )
}

export type IdNumberCode =
  | 'id_number_empty'
  | 'id_number_wrong_length'
  | 'id_number_invalid_characters'
  | 'id_number_birth_date_invalid'
  | 'id_number_birth_date_future'
  | 'id_number_checksum'
  | 'id_number_prefix'
  | 'id_number_15_digit'

export type IdCheck =
  | { ok: true; normalized: string; sex: Sex | null; birthDate: string | null }
  | { ok: false; code: IdNumberCode }

const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const GB11643_CHECK = '10X98765432'
const PERMIT_PREFIXES = ['810000', '820000', '830000']
const TAIWAN_LETTER_CODES = [
  10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
]
const TAIWAN_WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1]

const isDigits = (s: string): boolean => /^[0-9]*$/.test(s)

/** Trims, folds full-width ASCII (U+FF01–U+FF5E) to ASCII and upper-cases ASCII letters. */
export function normalizeIdInput(raw: string): string {
  let out = ''
  for (const ch of raw.trim()) {
    const cp = ch.codePointAt(0) ?? 0
    const folded = cp >= 0xff01 && cp <= 0xff5e ? String.fromCharCode(cp - 0xfee0) : ch
    out += /^[a-z]$/.test(folded) ? folded.toUpperCase() : folded
  }
  return out
}

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) for exactly 17 digits, else null. */
export function gb11643CheckChar(first17: string): string | null {
  if (first17.length !== 17 || !isDigits(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (GB11643_WEIGHTS[i] ?? 0)
  return GB11643_CHECK[sum % 11] ?? null
}

/** A real calendar date `YYYY-MM-DD` from `YYYYMMDD`, not before 1850-01-01, else null. */
function embeddedBirthDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  const date = new Date(Date.UTC(y, m - 1, d))
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (!real || y < 1850) return null
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`
}

function prefixMatches(t: IdType, n: string): boolean {
  switch (t) {
    case 'resident_id':
      return !n.startsWith('9') && !PERMIT_PREFIXES.some((p) => n.startsWith(p))
    case 'hk_macau_residence_permit':
      return n.startsWith('810000') || n.startsWith('820000')
    case 'taiwan_residence_permit':
      return n.startsWith('830000')
    case 'foreign_permanent_resident':
      return n.startsWith('9')
    default:
      return false
  }
}

function checkGb11643(t: IdType, n: string, today: string): IdCheck {
  const len = Array.from(n).length
  if (t === 'resident_id' && len === 15 && isDigits(n)) return { ok: false, code: 'id_number_15_digit' }
  if (len !== 18) return { ok: false, code: 'id_number_wrong_length' }
  if (!/^[0-9]{17}[0-9X]$/.test(n)) return { ok: false, code: 'id_number_invalid_characters' }
  if (!prefixMatches(t, n)) return { ok: false, code: 'id_number_prefix' }
  const birth = embeddedBirthDate(n.slice(6, 14))
  if (!birth) return { ok: false, code: 'id_number_birth_date_invalid' }
  if (birth > today) return { ok: false, code: 'id_number_birth_date_future' }
  if (gb11643CheckChar(n.slice(0, 17)) !== n[17]) return { ok: false, code: 'id_number_checksum' }
  const sex: Sex = Number(n[16]) % 2 === 1 ? 'male' : 'female'
  return { ok: true, normalized: n, sex, birthDate: birth }
}

function checkTaiwanId(n: string): IdNumberCode | null {
  if (Array.from(n).length !== 10) return 'id_number_wrong_length'
  if (!/^[A-Z][0-9]{9}$/.test(n)) return 'id_number_invalid_characters'
  if (!'1289'.includes(n.charAt(1))) return 'id_number_prefix'
  const code = TAIWAN_LETTER_CODES[n.charCodeAt(0) - 65] ?? 0
  const digits = [Math.floor(code / 10), code % 10, ...Array.from(n.slice(1), Number)]
  const sum = digits.reduce((acc, d, i) => acc + d * (TAIWAN_WEIGHTS[i] ?? 0), 0)
  return sum % 10 === 0 ? null : 'id_number_checksum'
}

function hongKongCheckChar(body: string): string | null {
  if (body.length !== 7 && body.length !== 8) return null
  const values = Array.from(body, (c) => (/[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 65 + 10))
  if (body.length === 7) values.unshift(36)
  const sum = values.reduce((acc, v, i) => acc + v * (9 - i), 0)
  const check = 11 - (sum % 11)
  return check === 10 ? 'A' : check === 11 ? '0' : String(check)
}

function checkHongKongId(n: string): IdNumberCode | null {
  const len = Array.from(n).length
  if (len < 8 || len > 9) return 'id_number_wrong_length'
  const letters = len - 7
  const pattern = new RegExp(`^[A-Z]{${letters}}[0-9]{6}[0-9A]$`)
  if (!pattern.test(n)) return 'id_number_invalid_characters'
  return hongKongCheckChar(n.slice(0, len - 1)) === n[len - 1] ? null : 'id_number_checksum'
}

function checkMacauId(n: string): IdNumberCode | null {
  if (Array.from(n).length !== 8) return 'id_number_wrong_length'
  if (!isDigits(n)) return 'id_number_invalid_characters'
  return '157'.includes(n.charAt(0)) ? null : 'id_number_prefix'
}

function checkPassport(n: string): IdNumberCode | null {
  const len = Array.from(n).length
  if (len < 6 || len > 20) return 'id_number_wrong_length'
  return /^[A-Za-z0-9]+$/.test(n) ? null : 'id_number_invalid_characters'
}

/**
 * Validates an ID number of a type. `today` is the date in China (`YYYY-MM-DD`), see todayInChina().
 * For the GB 11643 family the sex and birth date are derived from the number.
 */
export function validateIdNumber(t: IdType, raw: string, today: string): IdCheck {
  const n = normalizeIdInput(raw)
  if (n === '') return { ok: false, code: 'id_number_empty' }
  if (derivesSexAndBirth(t)) return checkGb11643(t, n, today)
  const check =
    t === 'taiwan_id'
      ? checkTaiwanId
      : t === 'hong_kong_id'
        ? checkHongKongId
        : t === 'macau_id'
          ? checkMacauId
          : checkPassport
  const code = check(n)
  return code ? { ok: false, code } : { ok: true, normalized: n, sex: null, birthDate: null }
}

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving) as `YYYY-MM-DD`. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
