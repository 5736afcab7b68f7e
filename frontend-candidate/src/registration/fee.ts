// The fee shown live while subjects are chosen, mirroring the server's quote (backend/core/src/registration/
// fees.rs, and fee_quote in backend/app/src/registration/service.rs): the first stage, the most specific rule
// matching stage and format (specialty 2 > level 1 > session-wide 0; a tie is ambiguous), charged per
// subject or once per stage. Integer fen only. After a save the server's own `fee` is shown instead.
import type { ExamSessionDetail, FeeView, SpecialtyView } from '@/api/types'
import type { ExamType } from './steps'

export interface FeeLine {
  description_key: string
  quantity: number
  unit_fen: number
  total_fen: number
}

export interface FeeQuote {
  stage_code: string
  total_fen: number
  lines: FeeLine[]
}

export type FeeErrorCode = 'fee_no_rule' | 'fee_ambiguous' | 'fee_overflow' | 'fee_nothing_to_charge' | 'fee_negative_amount'
export type FeeResult = { ok: true; quote: FeeQuote } | { ok: false; code: FeeErrorCode }

function specificity(rule: FeeView, stage: string, level: string, specialty: string, format: string): number | null {
  if (rule.stage_code !== stage || rule.exam_format !== format) return null
  let score = 0
  if (rule.level_code != null) {
    if (rule.level_code !== level) return null
    score += 1
  }
  if (rule.specialty_code != null) {
    if (rule.specialty_code !== specialty) return null
    score += 2
  }
  return score
}

/** fees.rs `quote`: the most specific matching rule, per subject × `subjects` or once per stage. */
export function quoteFee(
  rules: readonly FeeView[],
  stage: string,
  level: string,
  specialty: string,
  format: string,
  subjects: number,
): FeeResult {
  const scored = rules
    .map((r) => ({ r, s: specificity(r, stage, level, specialty, format) }))
    .filter((x): x is { r: FeeView; s: number } => x.s !== null)
  if (scored.length === 0) return { ok: false, code: 'fee_no_rule' }
  const best = Math.max(...scored.map((x) => x.s))
  const top = scored.filter((x) => x.s === best)
  if (top.length > 1) return { ok: false, code: 'fee_ambiguous' }
  const rule = top[0]!.r
  if (rule.amount_fen < 0) return { ok: false, code: 'fee_negative_amount' }
  let key: string
  let quantity: number
  if (rule.unit === 'per_stage') {
    key = 'fee_per_stage'
    quantity = 1
  } else {
    if (subjects === 0) return { ok: false, code: 'fee_nothing_to_charge' }
    key = 'fee_per_subject'
    quantity = subjects
  }
  const total = rule.amount_fen * quantity
  if (!Number.isSafeInteger(total)) return { ok: false, code: 'fee_overflow' }
  return {
    ok: true,
    quote: { stage_code: stage, total_fen: total, lines: [{ description_key: key, quantity, unit_fen: rule.amount_fen, total_fen: total }] },
  }
}

export interface ExamChoice {
  level_code?: string | null
  category_code?: string | null
  specialty_code?: string | null
  subject_codes?: readonly string[]
  exam_format?: string | null
}

/** The specialty a choice means: by code (health-tech), by category × level (physician), the only one (nurse). */
export function chosenSpecialty(session: ExamSessionDetail, exam: ExamType, c: ExamChoice): SpecialtyView | undefined {
  switch (exam) {
    case 'health_tech':
      return c.specialty_code ? session.specialties.find((s) => s.code === c.specialty_code) : undefined
    case 'physician':
      return session.specialties.find((s) => s.level_code === c.level_code && s.category_code === c.category_code)
    case 'nurse':
      return session.specialties[0]
  }
}

/** The fee of the session's first stage for a choice, or null while no specialty is chosen. */
export function liveFee(session: ExamSessionDetail, exam: ExamType, c: ExamChoice): FeeResult | null {
  const stage = session.stages[0]
  const spec = chosenSpecialty(session, exam, c)
  if (!stage || !spec) return null
  const subjects = exam === 'nurse' ? spec.subjects.length : (c.subject_codes ?? []).length
  return quoteFee(session.fees, stage.code, spec.level_code, spec.code, c.exam_format || 'computer', subjects)
}
