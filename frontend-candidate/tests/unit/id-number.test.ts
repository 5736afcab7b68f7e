// The client-side mirror of backend/core/src/identity: same vectors as the Rust tests, same codes.
import { describe, expect, it } from 'vitest'
import {
  derivesSexAndBirth,
  gb11643CheckChar,
  ID_TYPES,
  normalizeIdInput,
  todayInChina,
  validateIdNumber,
  type IdType,
} from '@/validation/id-number'

const TODAY = '2025-06-01'
const withCheck = (first17: string) => `${first17}${gb11643CheckChar(first17)}`
const code = (t: IdType, raw: string) => {
  const r = validateIdNumber(t, raw, TODAY)
  return r.ok ? 'ok' : r.code
}

describe('GB 11643 check character', () => {
  it('matches the known vectors', () => {
    expect(gb11643CheckChar('11010519491231002')).toBe('X')
    expect(gb11643CheckChar('44052418800101001')).toBe('4')
    expect(gb11643CheckChar('11010119900307447')).toBe('7')
    expect(gb11643CheckChar('1101011990030744')).toBeNull()
    expect(gb11643CheckChar('1101011990030744A')).toBeNull()
  })
})

describe('resident ID', () => {
  it('accepts valid numbers and derives sex and birth date', () => {
    expect(validateIdNumber('resident_id', '11010519491231002X', TODAY)).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      sex: 'female',
      birthDate: '1949-12-31',
    })
    expect(validateIdNumber('resident_id', '440524188001010014', TODAY)).toMatchObject({
      ok: true,
      sex: 'male',
      birthDate: '1880-01-01',
    })
    expect(validateIdNumber('resident_id', '110105200002290013', TODAY)).toMatchObject({ birthDate: '2000-02-29' })
  })

  it('rejects a wrong check character with id_number_checksum', () => {
    expect(code('resident_id', '11010119900307447X')).toBe('id_number_checksum')
    expect(code('resident_id', '110105194912310021')).toBe('id_number_checksum')
  })

  it('normalises lowercase x, whitespace and full-width digits like the server', () => {
    expect(normalizeIdInput('  11010519491231002x\t')).toBe('11010519491231002X')
    expect(normalizeIdInput('\u3000１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X')
    expect(code('resident_id', '１１０１０５１９４９１２３１００２ｘ')).toBe('ok')
  })

  it('gives the server codes for length, characters and 15-digit numbers', () => {
    expect(code('resident_id', '')).toBe('id_number_empty')
    expect(code('resident_id', '   ')).toBe('id_number_empty')
    expect(code('resident_id', '110105491231002')).toBe('id_number_15_digit')
    expect(code('resident_id', '11010549123100X')).toBe('id_number_wrong_length')
    expect(code('resident_id', '11010519491231002XX')).toBe('id_number_wrong_length')
    expect(code('resident_id', '1101051949123100X2')).toBe('id_number_invalid_characters')
    expect(code('resident_id', '11010519491231002Y')).toBe('id_number_invalid_characters')
    expect(code('resident_id', '11010519491231002中')).toBe('id_number_invalid_characters')
  })

  it('checks the embedded birth date', () => {
    expect(code('resident_id', withCheck('11010519900230001'))).toBe('id_number_birth_date_invalid')
    expect(code('resident_id', withCheck('11010519000229001'))).toBe('id_number_birth_date_invalid')
    expect(code('resident_id', withCheck('11010519901301001'))).toBe('id_number_birth_date_invalid')
    expect(code('resident_id', withCheck('11010518491231001'))).toBe('id_number_birth_date_invalid')
    expect(code('resident_id', withCheck('11010518500101001'))).toBe('ok')
    expect(code('resident_id', withCheck('11010520250602001'))).toBe('id_number_birth_date_future')
    expect(code('resident_id', withCheck('11010520250601001'))).toBe('ok')
  })

  it('refuses permit and foreign prefixes for resident IDs', () => {
    expect(code('resident_id', '810000199001011230')).toBe('id_number_prefix')
    expect(code('resident_id', '830000198512314566')).toBe('id_number_prefix')
    expect(code('resident_id', '911840198506150011')).toBe('id_number_prefix')
  })
})

describe('the other GB 11643 documents', () => {
  it('residence permits for Hong Kong, Macau and Taiwan residents', () => {
    expect(validateIdNumber('hk_macau_residence_permit', '810000199001011230', TODAY)).toMatchObject({
      ok: true,
      sex: 'male',
      birthDate: '1990-01-01',
    })
    expect(code('hk_macau_residence_permit', '820000200002292342')).toBe('ok')
    expect(code('hk_macau_residence_permit', '830000198512314566')).toBe('id_number_prefix')
    expect(code('hk_macau_residence_permit', '810000199001011231')).toBe('id_number_checksum')
    expect(code('hk_macau_residence_permit', '110105491231002')).toBe('id_number_wrong_length')
    expect(code('taiwan_residence_permit', '830000198512314566')).toBe('ok')
    expect(code('taiwan_residence_permit', '810000199001011230')).toBe('id_number_prefix')
  })

  it("foreigners' permanent residence ID", () => {
    expect(validateIdNumber('foreign_permanent_resident', '911840198506150011', TODAY)).toMatchObject({
      ok: true,
      sex: 'male',
      birthDate: '1985-06-15',
    })
    expect(code('foreign_permanent_resident', '11010519491231002X')).toBe('id_number_prefix')
    expect(code('foreign_permanent_resident', '911840198506150012')).toBe('id_number_checksum')
    expect(code('foreign_permanent_resident', withCheck('91184020991231001'))).toBe('id_number_birth_date_future')
  })
})

describe('regional documents and passports', () => {
  it('Taiwan ID', () => {
    for (const ok of ['A123456789', 'A223456781', 'A800000014', 'I123456781', 'Z999999996', 'B923456786']) {
      expect(code('taiwan_id', ok)).toBe('ok')
    }
    expect(validateIdNumber('taiwan_id', ' a123456789 ', TODAY)).toMatchObject({ normalized: 'A123456789', sex: null })
    expect(code('taiwan_id', 'A123456788')).toBe('id_number_checksum')
    expect(code('taiwan_id', 'A323456789')).toBe('id_number_prefix')
    expect(code('taiwan_id', '1123456789')).toBe('id_number_invalid_characters')
    expect(code('taiwan_id', 'A12345678')).toBe('id_number_wrong_length')
  })

  it('Hong Kong ID', () => {
    for (const ok of ['A1234563', 'G123456A', 'A1234520', 'AB9876543', 'XA0000016', 'C6686689']) {
      expect(code('hong_kong_id', ok)).toBe('ok')
    }
    expect(code('hong_kong_id', 'A1234564')).toBe('id_number_checksum')
    expect(code('hong_kong_id', 'AB9876540')).toBe('id_number_checksum')
    expect(code('hong_kong_id', 'A123456(3)')).toBe('id_number_wrong_length')
    expect(code('hong_kong_id', '11234563')).toBe('id_number_invalid_characters')
  })

  it('Macau ID and passports', () => {
    expect(code('macau_id', '51234567')).toBe('ok')
    expect(code('macau_id', '21234567')).toBe('id_number_prefix')
    expect(code('macau_id', '1234567A')).toBe('id_number_invalid_characters')
    expect(code('passport', ' e12345678 ')).toBe('ok')
    expect(code('passport', 'AB123')).toBe('id_number_wrong_length')
    expect(code('passport', 'E1234-567')).toBe('id_number_invalid_characters')
  })
})

describe('ID types', () => {
  it('lists the eight types with derivation only for the GB 11643 family', () => {
    expect(ID_TYPES).toHaveLength(8)
    expect(ID_TYPES.filter(derivesSexAndBirth)).toEqual([
      'resident_id',
      'hk_macau_residence_permit',
      'taiwan_residence_permit',
      'foreign_permanent_resident',
    ])
  })

  it('computes today in China (UTC+8)', () => {
    expect(todayInChina(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01')
    expect(todayInChina(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02')
  })
})
