import { describe, expect, it } from 'vitest'
import type { ReasonView } from '@/api/types'
import {
  allowedActions,
  buildDecision,
  checkDecision,
  decisionAvailability,
  editTargets,
  emptyDraft,
  emptyTargets,
  groupReasons,
  impliedTargets,
  reasonIndex,
  reconcileTargets,
  shortcutFor,
} from '@/utils/decision'

const reason = (code: string, target: string, subject: string | null, sort: number, active = true): ReasonView => ({
  code,
  label: `${code} label`,
  target,
  subject,
  active,
  sort,
})

// A slice of the seeded catalog, shuffled, with one retired reason.
const CATALOG: ReasonView[] = [
  reason('other', 'general', null, 900),
  reason('work_years_insufficient', 'field', 'work', 111),
  reason('photo_blurred', 'material', 'photo', 10),
  reason('school_name_mismatch', 'field', 'education', 100),
  reason('work_certificate_missing', 'material', 'work_years_certificate', 40),
  reason('work_unit_mismatch', 'field', 'work', 110),
  reason('duplicate_registration', 'general', null, 201),
  reason('photo_not_recent', 'material', 'photo', 11),
  reason('retired_reason', 'field', 'work', 105, false),
]
const INDEX = reasonIndex(CATALOG)

describe('who may decide', () => {
  const pending = { status: 'submitted', current_level: 'point' }

  it('opens the decision only to a reviewer whose level the registration waits at', () => {
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'point' }, pending)).toBe('open')
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'point' }, { status: 'resubmitted', current_level: 'point' })).toBe('open')
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'site' }, pending)).toBe('other_level')
    expect(decisionAvailability({ mayDecide: false, reviewLevel: null }, pending)).toBe('not_permitted')
    expect(decisionAvailability({ mayDecide: true, reviewLevel: null }, pending)).toBe('no_level')
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'point' }, { status: 'returned', current_level: 'point' })).toBe('not_pending')
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'point' }, { status: 'approved', current_level: null })).toBe('not_pending')
  })

  it('lets the levels above take over overdue work, never the levels below', () => {
    const late = { status: 'submitted', current_level: 'point', overdue: true }
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'site' }, late)).toBe('open')
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'region' }, late)).toBe('open')
    const lateAtSite = { status: 'submitted', current_level: 'site', overdue: true }
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'point' }, lateAtSite)).toBe('other_level')
    expect(decisionAvailability({ mayDecide: true, reviewLevel: 'region' }, { ...late, overdue: false })).toBe('other_level')
  })

  it('allows all three actions when open and none otherwise', () => {
    expect(allowedActions('open')).toEqual(['approve', 'return', 'reject'])
    for (const other of ['not_permitted', 'no_level', 'not_pending', 'other_level'] as const) expect(allowedActions(other)).toEqual([])
  })
})

describe('reason catalog', () => {
  it('groups field reasons by form section and material reasons by kind, in form / reading order, general last', () => {
    const groups = groupReasons(CATALOG)
    expect(groups.map((g) => g.key)).toEqual([
      'field:education',
      'field:work',
      'material:photo',
      'material:work_years_certificate',
      'general',
    ])
    expect(groups[1].reasons.map((r) => r.code)).toEqual(['work_unit_mismatch', 'work_years_insufficient'])
    expect(groups[2].reasons.map((r) => r.code)).toEqual(['photo_blurred', 'photo_not_recent'])
    expect(groups[4].reasons.map((r) => r.code)).toEqual(['duplicate_registration', 'other'])
  })

  it('offers no retired reason and puts reasons without a subject with the general ones', () => {
    const groups = groupReasons([...CATALOG, reason('odd_field', 'field', null, 50), reason('odd_target', 'elsewhere', 'x', 60)])
    expect(groups.flatMap((g) => g.reasons.map((r) => r.code))).not.toContain('retired_reason')
    const general = groups.find((g) => g.key === 'general')!
    expect(general.reasons.map((r) => r.code)).toEqual(['odd_field', 'odd_target', 'duplicate_registration', 'other'])
  })

  it('puts unknown sections and kinds after the known ones', () => {
    const groups = groupReasons([reason('a', 'material', 'zzz_new_kind', 1), reason('b', 'material', 'photo', 2)])
    expect(groups.map((g) => g.key)).toEqual(['material:photo', 'material:zzz_new_kind'])
  })
})

describe('returned fields and materials follow the reasons', () => {
  it('knows which sections and kinds the reasons point at', () => {
    expect(impliedTargets(['work_unit_mismatch', 'work_years_insufficient', 'photo_blurred', 'other', 'unknown'], INDEX)).toEqual({
      fields: ['work'],
      materials: ['photo'],
    })
  })

  it('adds the section of a field reason and the kind of a material reason', () => {
    let t = reconcileTargets(emptyTargets(), [], ['work_unit_mismatch'], INDEX)
    expect(t.fields).toEqual(['work'])
    t = reconcileTargets(t, ['work_unit_mismatch'], ['work_unit_mismatch', 'work_certificate_missing', 'other'], INDEX)
    expect(t.fields).toEqual(['work'])
    expect(t.materials).toEqual(['work_years_certificate'])
    expect(t.auto).toEqual({ fields: ['work'], materials: ['work_years_certificate'] })
  })

  it('removes what a removed reason added, unless another chosen reason still points at it', () => {
    let t = reconcileTargets(emptyTargets(), [], ['work_unit_mismatch', 'work_years_insufficient', 'photo_blurred'], INDEX)
    t = reconcileTargets(t, ['work_unit_mismatch', 'work_years_insufficient', 'photo_blurred'], ['work_years_insufficient'], INDEX)
    expect(t.fields).toEqual(['work'])
    expect(t.materials).toEqual([])
    t = reconcileTargets(t, ['work_years_insufficient'], [], INDEX)
    expect(t).toEqual(emptyTargets())
  })

  it('keeps what the reviewer chose and does not add a section they already return field by field', () => {
    let t = editTargets(emptyTargets(), ['work.unit_name_manual', 'exam'], ['diploma'])
    t = reconcileTargets(t, [], ['work_unit_mismatch', 'photo_blurred'], INDEX)
    expect(t.fields).toEqual(['work.unit_name_manual', 'exam'])
    expect(t.materials).toEqual(['diploma', 'photo'])
    t = reconcileTargets(t, ['work_unit_mismatch', 'photo_blurred'], [], INDEX)
    expect(t.fields).toEqual(['work.unit_name_manual', 'exam'])
    expect(t.materials).toEqual(['diploma'])
  })

  it('forgets an added entry the reviewer removed by hand', () => {
    let t = reconcileTargets(emptyTargets(), [], ['work_unit_mismatch'], INDEX)
    t = editTargets(t, [], t.materials)
    expect(t.auto.fields).toEqual([])
    // adding another work reason puts the section back; removing it takes it away again
    t = reconcileTargets(t, ['work_unit_mismatch'], ['work_unit_mismatch', 'work_years_insufficient'], INDEX)
    expect(t.fields).toEqual(['work'])
  })
})

describe('the request', () => {
  it('builds a return with reasons, the returned parts and a public comment', () => {
    const draft = {
      ...emptyDraft('return'),
      reasonCodes: ['work_certificate_missing', 'work_certificate_missing', 'other'],
      comment: '  请补充单位盖章的工作年限证明  ',
      commentPublic: true,
      fields: ['work', ' '],
      materials: ['work_years_certificate'],
    }
    expect(buildDecision(3, draft)).toEqual({
      version: 3,
      action: 'return',
      reason_codes: ['work_certificate_missing', 'other'],
      comment: '请补充单位盖章的工作年限证明',
      comment_public: true,
      returned_fields: ['work'],
      returned_materials: ['work_years_certificate'],
    })
  })

  it('sends returned parts only with a return, reasons only with a return or reject, and no empty comment', () => {
    const leftovers = { reasonCodes: ['other'], fields: ['work'], materials: ['photo'], comment: '   ', commentPublic: true }
    expect(buildDecision(1, { ...emptyDraft('approve'), ...leftovers })).toEqual({
      version: 1,
      action: 'approve',
      reason_codes: [],
      comment: null,
      comment_public: false,
      returned_fields: [],
      returned_materials: [],
    })
    const reject = buildDecision(2, { ...emptyDraft('reject'), ...leftovers, comment: '重复报名' })
    expect(reject.reason_codes).toEqual(['other'])
    expect(reject.returned_fields).toEqual([])
    expect(reject.returned_materials).toEqual([])
    expect(reject.comment_public).toBe(true)
  })

  it('asks for a reason to return or reject and limits the comment to 1000 characters', () => {
    expect(checkDecision(emptyDraft('approve'))).toEqual({})
    expect(checkDecision(emptyDraft('return'))).toEqual({ reason_codes: ['reason_required'] })
    expect(checkDecision({ ...emptyDraft('reject'), reasonCodes: [' '] })).toEqual({ reason_codes: ['reason_required'] })
    expect(checkDecision({ ...emptyDraft('approve'), comment: '审'.repeat(1000) })).toEqual({})
    expect(checkDecision({ ...emptyDraft('approve'), comment: '审'.repeat(1001) })).toEqual({ comment: ['comment_too_long'] })
    // characters, not UTF-16 units
    expect(checkDecision({ ...emptyDraft('approve'), comment: '𠀀'.repeat(1000) })).toEqual({})
  })
})

describe('keyboard shortcuts', () => {
  it('maps A / R / J and the arrows, in either case, and nothing else', () => {
    expect(shortcutFor('a')).toBe('approve')
    expect(shortcutFor('A')).toBe('approve')
    expect(shortcutFor('r')).toBe('return')
    expect(shortcutFor('J')).toBe('reject')
    expect(shortcutFor('ArrowLeft')).toBe('prev')
    expect(shortcutFor('ArrowRight')).toBe('next')
    for (const key of ['x', 'Enter', 'ArrowUp', ' ', 'Escape', 'aa']) expect(shortcutFor(key)).toBeNull()
  })
})
