// The live fee mirrors the server's quote (backend/core/src/registration/fees.rs): most specific rule,
// per subject × chosen subjects or once per stage, integer fen.
import { describe, expect, it } from 'vitest'
import type { FeeView } from '@/api/types'
import { chosenSpecialty, liveFee, quoteFee } from '@/registration/fee'
import { healthTechSession, nurseSession, physicianSession } from './fixtures/registration'

const rule = (level: string | null, specialty: string | null, format: string, amount: number, unit = 'per_subject'): FeeView => ({
  stage_code: 'main',
  level_code: level,
  specialty_code: specialty,
  exam_format: format,
  unit,
  amount_fen: amount,
})
const total = (r: ReturnType<typeof quoteFee>) => (r.ok ? r.quote.total_fen : r.code)

describe('quoteFee (fees.rs)', () => {
  it('charges per subject × subjects, by exam format', () => {
    const rules = [rule(null, null, 'computer', 7000), rule(null, null, 'paper', 6500)]
    const q = quoteFee(rules, 'main', 'intermediate', '301', 'computer', 3)
    expect(q).toEqual({
      ok: true,
      quote: { stage_code: 'main', total_fen: 21000, lines: [{ description_key: 'fee_per_subject', quantity: 3, unit_fen: 7000, total_fen: 21000 }] },
    })
    expect(total(quoteFee(rules, 'main', 'intermediate', '301', 'paper', 2))).toBe(13000)
  })

  it('uses the most specific rule: specialty over level over session-wide', () => {
    const rules = [rule(null, null, 'computer', 7000), rule('intermediate', null, 'computer', 8000), rule(null, '368', 'computer', 9000)]
    expect(total(quoteFee(rules, 'main', 'intermediate', '368', 'computer', 2))).toBe(18000)
    expect(total(quoteFee(rules, 'main', 'intermediate', '301', 'computer', 2))).toBe(16000)
    expect(total(quoteFee(rules, 'main', 'practitioner', '203', 'computer', 2))).toBe(14000)
    // level and specialty together beat specialty alone
    const both = [...rules, rule('intermediate', '368', 'computer', 9900)]
    expect(total(quoteFee(both, 'main', 'intermediate', '368', 'computer', 1))).toBe(9900)
  })

  it('refuses a tie between the most specific rules, and a missing rule', () => {
    const tie = [rule('intermediate', null, 'computer', 8000), rule('intermediate', null, 'computer', 8100)]
    expect(total(quoteFee(tie, 'main', 'intermediate', '301', 'computer', 1))).toBe('fee_ambiguous')
    expect(total(quoteFee([rule(null, null, 'paper', 6500)], 'main', 'x', '301', 'computer', 1))).toBe('fee_no_rule')
    expect(total(quoteFee([rule(null, null, 'computer', 7000)], 'other', 'x', '301', 'computer', 1))).toBe('fee_no_rule')
    expect(total(quoteFee([rule('assistant', null, 'computer', 7000)], 'main', 'intermediate', '301', 'computer', 1))).toBe('fee_no_rule')
  })

  it('charges a per-stage fee once, whatever the subjects; per subject needs a subject', () => {
    expect(total(quoteFee([rule(null, null, 'computer', 45000, 'per_stage')], 'main', 'x', 'y', 'computer', 0))).toBe(45000)
    expect(total(quoteFee([rule(null, null, 'computer', 7000)], 'main', 'x', 'y', 'computer', 0))).toBe('fee_nothing_to_charge')
    expect(total(quoteFee([rule(null, null, 'computer', -1)], 'main', 'x', 'y', 'computer', 1))).toBe('fee_negative_amount')
    expect(total(quoteFee([rule(null, null, 'computer', 2 ** 52)], 'main', 'x', 'y', 'computer', 4))).toBe('fee_overflow')
  })
})

describe('liveFee on the demo catalog', () => {
  it('health-tech: 368 with 基础知识 and 专业实践能力 is 140.00 元', () => {
    const r = liveFee(healthTechSession, 'health_tech', { level_code: 'intermediate', specialty_code: '368', subject_codes: ['basic', 'practice'] })
    expect(r && total(r)).toBe(14000)
    expect(liveFee(healthTechSession, 'health_tech', { specialty_code: '', subject_codes: [] })).toBeNull()
    const none = liveFee(healthTechSession, 'health_tech', { specialty_code: '368', subject_codes: [] })
    expect(none && total(none)).toBe('fee_nothing_to_charge')
  })

  it('physician: the first stage (skills) once, the specialty from category × level', () => {
    expect(chosenSpecialty(physicianSession, 'physician', { category_code: 'clinical', level_code: 'assistant' })?.code).toBe('120')
    expect(chosenSpecialty(physicianSession, 'physician', { category_code: 'dental', level_code: 'rural_assistant' })).toBeUndefined()
    const r = liveFee(physicianSession, 'physician', { category_code: 'clinical', level_code: 'practising' })
    expect(r && total(r)).toBe(45000)
  })

  it('nurse: every subject of the only specialty', () => {
    const r = liveFee(nurseSession, 'nurse', {})
    expect(r && total(r)).toBe(12000)
  })
})
