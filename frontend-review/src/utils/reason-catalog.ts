// Editing the reason catalog (region administrators), as pure functions: the form's draft from a reason, the
// checks the server makes (code, label length, a subject that fits the target), the request body, and the
// catalog's display order. Codes are never deleted: a reason is retired with `active: false`.
import type { ReasonInput, ReasonView } from '@/api/types'
import { FORM_SECTIONS } from './decision'
import { MATERIAL_KINDS } from './materials'

export const REASON_TARGETS = ['field', 'material', 'general'] as const
export type ReasonTargetValue = (typeof REASON_TARGETS)[number]

export const LABEL_MAX = 100
const CODE = /^[a-z][a-z0-9_]{1,63}$/

export interface ReasonDraft {
  code: string
  label: string
  target: ReasonTargetValue
  subject: string | null
  active: boolean
  sort: number
}

export const emptyReasonDraft = (sort = 0): ReasonDraft => ({ code: '', label: '', target: 'general', subject: null, active: true, sort })

export function draftFrom(reason: ReasonView): ReasonDraft {
  const target = (REASON_TARGETS as readonly string[]).includes(reason.target) ? (reason.target as ReasonTargetValue) : 'general'
  return { code: reason.code, label: reason.label, target, subject: target === 'general' ? null : (reason.subject ?? null), active: reason.active, sort: reason.sort }
}

/** The subjects a target accepts: form sections for `field`, material kinds for `material`, none for `general`. */
export function subjectsFor(target: ReasonTargetValue): readonly string[] {
  if (target === 'field') return FORM_SECTIONS
  if (target === 'material') return MATERIAL_KINDS
  return []
}

export function codeValid(code: string): boolean {
  return CODE.test(code)
}

/**
 * Problems with a draft, by field: `code` (`reason_code_invalid`, or `code_taken` when a new reason reuses an
 * existing code), `label` (`label_length`), `subject` (`subject_invalid`).
 */
export function checkReason(draft: ReasonDraft, isNew: boolean, existing: readonly string[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (!codeValid(draft.code)) errors.code = ['reason_code_invalid']
  else if (isNew && existing.includes(draft.code)) errors.code = ['code_taken']
  const n = [...draft.label.trim()].length
  if (n < 1 || n > LABEL_MAX) errors.label = ['label_length']
  const subjects = subjectsFor(draft.target)
  if (draft.target === 'general' ? draft.subject !== null : !draft.subject || !subjects.includes(draft.subject)) errors.subject = ['subject_invalid']
  return errors
}

/** The PUT body (the code is the path). */
export function reasonInput(draft: ReasonDraft): ReasonInput {
  return {
    label: draft.label.trim(),
    target: draft.target,
    subject: draft.target === 'general' ? null : draft.subject,
    active: draft.active,
    sort: Math.trunc(draft.sort),
  }
}

/** Display order: active first, then by sort and code. */
export function catalogOrder(reasons: readonly ReasonView[]): ReasonView[] {
  return [...reasons].sort((a, b) => Number(b.active) - Number(a.active) || a.sort - b.sort || a.code.localeCompare(b.code))
}

/** The sort number for a new reason: after the last one, in steps of 10. */
export function nextSort(reasons: readonly ReasonView[]): number {
  return reasons.reduce((max, r) => Math.max(max, r.sort), 0) + 10
}
