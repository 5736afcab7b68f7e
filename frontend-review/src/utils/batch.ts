// Batch decisions from the queue, as pure functions: which rows may be selected, the request body for a selection
// or for "everything the filter matches", the checks made before sending, the answer grouped for the result
// dialog (decided, and skipped by why), and the retry of the blocked ones with an override. The server checks
// everything again and decides each registration in its own transaction.
import type { BatchItem, BatchRequest, BatchResult, DecisionAction } from '@/api/types'
import { buildDecision, checkDecision, decisionAvailability, type DecisionDraft } from './decision'
import { toBatchFilter, type QueueFilter } from './queue-filter'

/** The server's limit per batch (a filter matching more decides the oldest 500 first). */
export const MAX_BATCH = 500

/** Rejections are decided one by one. */
export const BATCH_ACTIONS = ['approve', 'return'] as const satisfies readonly DecisionAction[]
export type BatchAction = (typeof BATCH_ACTIONS)[number]

export const OVERRIDE_REASON_MIN = 4
export const OVERRIDE_REASON_MAX = 200

/** Why the server skips a registration, in the order the result dialog lists them. */
export const SKIP_CODES = [
  'blocking_findings',
  'not_at_your_level',
  'registration_not_pending',
  'review_window_closed',
  'level_not_in_chain',
  'not_found',
] as const

/** The selected rows, or every registration of the filter that waits at the reviewer's level. */
export type BatchSelection = { kind: 'ids'; ids: readonly string[] } | { kind: 'filter'; filter: QueueFilter }

/** Whether a queue row can be selected for a batch: it waits for this reviewer (at their level, or taken over). */
export function selectable(
  staff: { mayDecide: boolean; reviewLevel: string | null | undefined },
  row: { status: string; current_level?: string | null; overdue?: boolean },
): boolean {
  return decisionAvailability(staff, row) === 'open'
}

const unique = (values: readonly string[]) => [...new Set(values)]

/** The request body. `overrideReason` (not null) decides registrations with blocking findings too. */
export function buildBatch(selection: BatchSelection, draft: DecisionDraft, overrideReason: string | null = null): BatchRequest {
  const decision = buildDecision(0, draft)
  const body: BatchRequest = {
    action: decision.action,
    reason_codes: decision.reason_codes,
    comment: decision.comment,
    comment_public: decision.comment_public,
    returned_fields: decision.returned_fields,
    returned_materials: decision.returned_materials,
  }
  if (selection.kind === 'ids') body.ids = unique(selection.ids)
  else body.filter = toBatchFilter(selection.filter)
  if (overrideReason !== null) {
    body.override_blocking = true
    body.override_reason = overrideReason.trim()
  }
  return body
}

/** Whether an override reason has the length the server accepts (4–200 characters after trimming). */
export function overrideReasonValid(reason: string): boolean {
  const n = [...reason.trim()].length
  return n >= OVERRIDE_REASON_MIN && n <= OVERRIDE_REASON_MAX
}

/** Problems the server would report, by its field and code (`ids: selection_required`, …). */
export function checkBatch(selection: BatchSelection, draft: DecisionDraft, overrideReason: string | null = null): Record<string, string[]> {
  const errors = checkDecision(draft)
  if (!(BATCH_ACTIONS as readonly string[]).includes(draft.action)) errors.action = ['batch_action_unsupported']
  if (selection.kind === 'ids') {
    const n = unique(selection.ids).length
    if (n === 0) errors.ids = ['selection_required']
    else if (n > MAX_BATCH) errors.ids = ['selection_too_large']
  }
  if (overrideReason !== null && !overrideReasonValid(overrideReason)) errors.override_reason = ['override_reason_required']
  return errors
}

// ---------------------------------------------------------------------------------------------------------------
// The answer

export interface SkipGroup {
  code: string
  items: BatchItem[]
}

export interface BatchOutcome {
  matched: number
  processed: number
  decided: BatchItem[]
  /** by code, in SKIP_CODES order (unknown codes after them, alphabetically) */
  skipped: SkipGroup[]
  /** skipped for blocking findings only: these can be decided again with an override */
  blockedIds: string[]
  /** matched by the filter but beyond this batch's limit: run the batch again for them */
  remaining: number
  /** decided registrations now waiting at another level, counted per level */
  forwarded: Record<string, number>
}

function codeRank(code: string): number {
  const i = (SKIP_CODES as readonly string[]).indexOf(code)
  return i < 0 ? SKIP_CODES.length : i
}

export function groupBatchResult(result: BatchResult): BatchOutcome {
  const decided = result.items.filter((i) => i.outcome === 'decided')
  const groups = new Map<string, BatchItem[]>()
  for (const item of result.items) {
    if (item.outcome === 'decided') continue
    const code = item.code ?? 'unknown'
    groups.set(code, [...(groups.get(code) ?? []), item])
  }
  const skipped = [...groups.entries()]
    .map(([code, items]) => ({ code, items }))
    .sort((a, b) => codeRank(a.code) - codeRank(b.code) || a.code.localeCompare(b.code))
  const forwarded: Record<string, number> = {}
  for (const item of decided) {
    if ((item.status === 'submitted' || item.status === 'resubmitted') && item.current_level) {
      forwarded[item.current_level] = (forwarded[item.current_level] ?? 0) + 1
    }
  }
  return {
    matched: result.matched,
    processed: result.processed,
    decided,
    skipped,
    blockedIds: groups.get('blocking_findings')?.map((i) => i.id) ?? [],
    remaining: Math.max(0, result.matched - result.processed),
    forwarded,
  }
}

/** The same decision again for the registrations skipped for blocking findings, overriding them with a reason. */
export function retryBlocked(previous: BatchRequest, outcome: BatchOutcome, overrideReason: string): BatchRequest {
  const { filter: _filter, ids: _ids, ...rest } = previous
  return { ...rest, ids: [...outcome.blockedIds], override_blocking: true, override_reason: overrideReason.trim() }
}

/** A name for a result row: the candidate's, when the queue page showed them, else the start of the id. */
export function itemName(id: string, names: ReadonlyMap<string, string>): string {
  return names.get(id) ?? `${id.slice(0, 8)}…`
}
