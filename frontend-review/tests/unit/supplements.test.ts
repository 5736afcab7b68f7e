import { describe, expect, it } from 'vitest'
import type { StaffTimelineItem } from '@/api/types'
import { isRegionReviewer } from '@/router/access'
import {
  canDecideSupplement,
  decisionBody,
  reasonProblem,
  supplementHistory,
  supplementStateFromRoute,
  supplementStateToRoute,
  supplementTabs,
  toSupplementQuery,
} from '@/utils/supplements'

describe('supplement tabs', () => {
  it('has one tab per status in tab order, submitted first, with the server’s counts (zero when missing)', () => {
    const tabs = supplementTabs([
      { status: 'verified', count: 4 },
      { status: 'submitted', count: 2 },
      { status: 'returned', count: 1 },
    ])
    expect(tabs).toEqual([
      { status: 'submitted', count: 2 },
      { status: 'pending', count: 0 },
      { status: 'returned', count: 1 },
      { status: 'verified', count: 4 },
      { status: 'rejected', count: 0 },
      { status: 'expired', count: 0 },
    ])
  })

  it('keeps a status the console does not know, last', () => {
    expect(supplementTabs([{ status: 'withdrawn', count: 3 }]).at(-1)).toEqual({ status: 'withdrawn', count: 3 })
  })
})

describe('supplement list state in the URL', () => {
  it('opens on the submitted tab, page 1, and leaves defaults out of the URL', () => {
    const state = supplementStateFromRoute({})
    expect(state).toEqual({ status: 'submitted', page: 1 })
    expect(supplementStateToRoute(state)).toEqual({})
    expect(toSupplementQuery(state)).toEqual({ status: 'submitted', page: 1, per_page: 20 })
  })

  it('reads a tab, an exam and a page, and falls back on what it does not know', () => {
    const state = supplementStateFromRoute({ status: 'returned', session_id: 'S1', page: '3' })
    expect(state).toEqual({ status: 'returned', session_id: 'S1', page: 3 })
    expect(supplementStateToRoute(state)).toEqual({ status: 'returned', session_id: 'S1', page: '3' })
    expect(toSupplementQuery(state)).toEqual({ status: 'returned', session_id: 'S1', page: 3, per_page: 20 })
    expect(supplementStateFromRoute({ status: 'lost', page: '-2' })).toEqual({ status: 'submitted', page: 1 })
  })
})

describe('the supplement decision', () => {
  it('is for exam-region reviewers, while the supplement is submitted', () => {
    expect(isRegionReviewer('reviewer', 'region')).toBe(true)
    expect(canDecideSupplement('reviewer', 'region', 'submitted')).toBe(true)
    expect(canDecideSupplement('reviewer', 'region', 'returned')).toBe(false)
    expect(canDecideSupplement('reviewer', 'site', 'submitted')).toBe(false)
    expect(canDecideSupplement('reviewer', 'point', 'submitted')).toBe(false)
    expect(canDecideSupplement('region_admin', null, 'submitted')).toBe(false)
    expect(canDecideSupplement('auditor', 'region', 'submitted')).toBe(false)
    expect(canDecideSupplement(null, 'region', 'submitted')).toBe(false)
  })

  it('needs a reason of 4–500 characters to return or reject; accepting may carry one', () => {
    for (const action of ['return', 'reject'] as const) {
      expect(reasonProblem(action, '')).toBe('reason_required')
      expect(reasonProblem(action, '   ')).toBe('reason_required')
      expect(reasonProblem(action, '不清晰')).toBe('reason_length')
      expect(reasonProblem(action, '  照片模糊  ')).toBeNull()
      expect(reasonProblem(action, '字'.repeat(500))).toBeNull()
      expect(reasonProblem(action, '字'.repeat(501))).toBe('reason_length')
    }
    expect(reasonProblem('accept', '')).toBeNull()
    expect(reasonProblem('accept', '好')).toBe('reason_length')
    expect(reasonProblem('accept', '与原件一致')).toBeNull()
    // characters, not UTF-16 units: four astral characters are four
    expect(reasonProblem('return', '𠀀𠀁𠀂𠀃')).toBeNull()
  })

  it('sends the version seen and the trimmed reason, or none', () => {
    expect(decisionBody(3, 'accept', '  ')).toEqual({ version: 3, action: 'accept', reason: null })
    expect(decisionBody(3, 'return', '  毕业证书照片不清晰 ')).toEqual({ version: 3, action: 'return', reason: '毕业证书照片不清晰' })
  })
})

describe('the reason history', () => {
  const item = (action: string, comment: string | null = null): StaffTimelineItem => ({
    level: 'region',
    action,
    actor_kind: 'staff',
    comment,
    comment_public: comment !== null,
    reason_codes: [],
    from_status: 'paid',
    to_status: 'paid',
    at: '2026-12-03T10:00:00Z',
    returned_fields: [],
    returned_materials: [],
  })

  it('is the supplement’s entries of the registration’s timeline', () => {
    const items = [item('submit'), item('approve'), item('supplement_submit'), item('supplement_return', '不清晰，请重新上传'), item('correct')]
    expect(supplementHistory(items).map((i) => i.action)).toEqual(['supplement_submit', 'supplement_return'])
  })
})
