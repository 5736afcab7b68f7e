// The fee table of a session (收费标准) as pure functions: rows in the order of the payment stages, how wide a row
// applies, the edit form (yuan typed as text, sent as integer fen) with its own checks, and the PUT body.
import type { FeeInput, FeeItemView, StageWindow } from '@/api/types'
import { parseYuan, yuanInput } from '@/utils/format'

/** The server's range for one unit's price, in fen (0–10,000.00 yuan). */
export const FEE_MAX_FEN = 1_000_000
export const EXAM_FORMATS = ['computer', 'paper'] as const
export const FEE_UNITS = ['per_subject', 'per_stage'] as const

/** How wide a row applies: a specialty beats a level, a level beats the whole session. */
export type FeeScope = 'session' | 'level' | 'specialty'

export function feeScope(row: Pick<FeeItemView, 'level_code' | 'specialty_code'>): FeeScope {
  if (row.specialty_code) return 'specialty'
  if (row.level_code) return 'level'
  return 'session'
}

const SCOPE_ORDER: Record<FeeScope, number> = { session: 0, level: 1, specialty: 2 }

/** Rows by payment stage (the session's order), then the widest first, then level, specialty and exam format. */
export function sortFees(rows: readonly FeeItemView[], stages: readonly Pick<StageWindow, 'code'>[]): FeeItemView[] {
  const stageAt = (code: string) => {
    const i = stages.findIndex((s) => s.code === code)
    return i < 0 ? stages.length : i
  }
  return [...rows].sort(
    (a, b) =>
      stageAt(a.stage_code) - stageAt(b.stage_code) ||
      SCOPE_ORDER[feeScope(a)] - SCOPE_ORDER[feeScope(b)] ||
      (a.level_code ?? '').localeCompare(b.level_code ?? '') ||
      (a.specialty_code ?? '').localeCompare(b.specialty_code ?? '') ||
      a.exam_format.localeCompare(b.exam_format),
  )
}

export interface FeeDraft {
  stage_code: string
  level_code: string
  specialty_code: string
  exam_format: string
  unit: string
  /** yuan as typed, e.g. `56.5` */
  amount: string
}

export function emptyFeeDraft(stageCode = ''): FeeDraft {
  return { stage_code: stageCode, level_code: '', specialty_code: '', exam_format: 'computer', unit: 'per_subject', amount: '' }
}

export function draftFromFee(row: FeeItemView): FeeDraft {
  return {
    stage_code: row.stage_code,
    level_code: row.level_code ?? '',
    specialty_code: row.specialty_code ?? '',
    exam_format: row.exam_format,
    unit: row.unit,
    amount: yuanInput(row.amount_fen),
  }
}

/** The form's own checks under the server's field names (`amount_fen`: `amount_invalid` or `out_of_range`). */
export function checkFeeDraft(d: FeeDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (!d.stage_code) errors.stage_code = ['required']
  if (!d.unit) errors.unit = ['required']
  if (d.amount.trim() === '') errors.amount_fen = ['required']
  else {
    const fen = parseYuan(d.amount)
    if (fen === null) errors.amount_fen = ['amount_invalid']
    else if (fen > FEE_MAX_FEN) errors.amount_fen = ['out_of_range']
  }
  return errors
}

/** The PUT body of a draft that passed checkFeeDraft: the row's key, its unit and the price in fen. */
export function feeInput(d: FeeDraft): FeeInput {
  const level = d.level_code.trim()
  const specialty = d.specialty_code.trim()
  return {
    stage_code: d.stage_code,
    level_code: level || null,
    specialty_code: specialty || null,
    exam_format: d.exam_format || 'computer',
    unit: d.unit,
    amount_fen: parseYuan(d.amount) ?? 0,
  }
}
