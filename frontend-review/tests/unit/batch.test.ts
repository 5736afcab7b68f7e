import { describe, expect, it } from 'vitest'
import type { BatchResult } from '@/api/types'
import { buildBatch, checkBatch, groupBatchResult, itemName, MAX_BATCH, retryBlocked, selectable } from '@/utils/batch'
import { emptyDraft } from '@/utils/decision'

const A = '1901c8c1-8dd6-44a4-ba9e-b02f3e1ccff5'
const B = '20aa6ca8-3325-431d-93c4-d4b89eae67db'
const C = '999bb591-e5d4-470d-bd22-691c77f4bdda'
const D = '5b0f3c2e-7d1a-4c55-9a0e-2f4d8c9b1e77'

const site = { mayDecide: true, reviewLevel: 'site' }

describe('which rows a batch may take', () => {
  it('takes what waits at the reviewer’s level, or overdue work of a lower level', () => {
    expect(selectable(site, { status: 'submitted', current_level: 'site' })).toBe(true)
    expect(selectable(site, { status: 'resubmitted', current_level: 'site' })).toBe(true)
    expect(selectable(site, { status: 'submitted', current_level: 'point' })).toBe(false)
    expect(selectable(site, { status: 'submitted', current_level: 'point', overdue: true })).toBe(true)
    expect(selectable(site, { status: 'submitted', current_level: 'region', overdue: true })).toBe(false)
    expect(selectable(site, { status: 'approved', current_level: 'site' })).toBe(false)
    expect(selectable({ mayDecide: false, reviewLevel: null }, { status: 'submitted', current_level: 'site' })).toBe(false)
  })
})

describe('the batch request', () => {
  it('approves a selection (each id once) with an optional comment', () => {
    const draft = { ...emptyDraft('approve'), comment: ' 材料齐全 ', commentPublic: true, reasonCodes: ['ignored'] }
    expect(buildBatch({ kind: 'ids', ids: [A, B, A] }, draft)).toEqual({
      action: 'approve',
      ids: [A, B],
      reason_codes: [],
      comment: '材料齐全',
      comment_public: true,
      returned_fields: [],
      returned_materials: [],
    })
  })

  it('returns what a filter matches, with reasons and the parts to correct', () => {
    const draft = { ...emptyDraft('return'), reasonCodes: ['photo_blurred'], materials: ['photo'], fields: ['work'] }
    const body = buildBatch({ kind: 'filter', filter: { status: 'submitted', sort: 'name', q: '欧阳' } }, draft)
    expect(body).toEqual({
      action: 'return',
      filter: { status: 'submitted', q: '欧阳' },
      reason_codes: ['photo_blurred'],
      comment: null,
      comment_public: false,
      returned_fields: ['work'],
      returned_materials: ['photo'],
    })
    expect(body.ids).toBeUndefined()
  })

  it('overrides blocking findings with a trimmed reason', () => {
    const body = buildBatch({ kind: 'ids', ids: [A] }, emptyDraft('approve'), '  已与原件核对  ')
    expect(body.override_blocking).toBe(true)
    expect(body.override_reason).toBe('已与原件核对')
  })

  it('says first what the server would refuse', () => {
    expect(checkBatch({ kind: 'ids', ids: [] }, emptyDraft('approve'))).toEqual({ ids: ['selection_required'] })
    const many = Array.from({ length: MAX_BATCH + 1 }, (_, i) => `id-${i}`)
    expect(checkBatch({ kind: 'ids', ids: many }, emptyDraft('approve'))).toEqual({ ids: ['selection_too_large'] })
    expect(checkBatch({ kind: 'ids', ids: [A] }, emptyDraft('return'))).toEqual({ reason_codes: ['reason_required'] })
    expect(checkBatch({ kind: 'ids', ids: [A] }, emptyDraft('reject'))).toMatchObject({ action: ['batch_action_unsupported'] })
    expect(checkBatch({ kind: 'ids', ids: [A] }, emptyDraft('approve'), ' ab ')).toEqual({ override_reason: ['override_reason_required'] })
    expect(checkBatch({ kind: 'ids', ids: [A] }, emptyDraft('approve'), 'x'.repeat(201))).toEqual({ override_reason: ['override_reason_required'] })
    expect(checkBatch({ kind: 'filter', filter: {} }, emptyDraft('approve'), '已与原件核对')).toEqual({})
  })
})

const result = (items: BatchResult['items'], matched = items.length): BatchResult => ({
  matched,
  processed: items.length,
  decided: items.filter((i) => i.outcome === 'decided').length,
  skipped: items.filter((i) => i.outcome === 'skipped').length,
  items,
})

describe('the answer', () => {
  const answer = result(
    [
      { id: A, outcome: 'decided', status: 'submitted', current_level: 'region', version: 3 },
      { id: B, outcome: 'skipped', code: 'not_found', detail: null },
      { id: C, outcome: 'skipped', code: 'blocking_findings', detail: '1 blocking finding' },
      { id: D, outcome: 'skipped', code: 'weird_new_code' },
    ],
    620,
  )

  it('groups the skipped ones by why, blocking findings first, and counts where the decided ones wait now', () => {
    const outcome = groupBatchResult(answer)
    expect(outcome.decided.map((i) => i.id)).toEqual([A])
    expect(outcome.skipped.map((g) => g.code)).toEqual(['blocking_findings', 'not_found', 'weird_new_code'])
    expect(outcome.blockedIds).toEqual([C])
    expect(outcome.forwarded).toEqual({ region: 1 })
    expect(outcome.remaining).toBe(616)
  })

  it('has nothing to retry when nothing was blocked', () => {
    const outcome = groupBatchResult(result([{ id: A, outcome: 'decided', status: 'approved', current_level: null, version: 2 }]))
    expect(outcome.blockedIds).toEqual([])
    expect(outcome.forwarded).toEqual({})
    expect(outcome.remaining).toBe(0)
  })

  it('retries the blocked ones by id with the override, whatever the first selection was', () => {
    const first = buildBatch({ kind: 'filter', filter: { status: 'submitted' } }, { ...emptyDraft('approve'), comment: '批量通过' })
    const retry = retryBlocked(first, groupBatchResult(answer), ' 已人工核实 ')
    expect(retry).toEqual({
      action: 'approve',
      ids: [C],
      reason_codes: [],
      comment: '批量通过',
      comment_public: false,
      returned_fields: [],
      returned_materials: [],
      override_blocking: true,
      override_reason: '已人工核实',
    })
    expect('filter' in retry).toBe(false)
  })

  it('names a row by the candidate when the page showed them', () => {
    expect(itemName(A, new Map([[A, '欧阳文']]))).toBe('欧阳文')
    expect(itemName(B, new Map())).toBe('20aa6ca8…')
  })
})
