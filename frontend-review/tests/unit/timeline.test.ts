import { describe, expect, it } from 'vitest'
import type { StaffTimelineItem } from '@/api/types'
import { reasonIndex } from '@/utils/decision'
import { splitFieldPath, timelineEntries } from '@/utils/timeline'

const item = (overrides: Partial<StaffTimelineItem>): StaffTimelineItem => ({
  level: 'point',
  action: 'submit',
  actor_kind: 'candidate',
  comment: null,
  comment_public: false,
  reason_codes: [],
  from_status: 'draft',
  to_status: 'submitted',
  at: '2026-11-25T10:00:00Z',
  returned_fields: [],
  returned_materials: [],
  ...overrides,
})

describe('staff timeline', () => {
  it('shows the newest first, with catalog labels for known reasons and the comment’s visibility', () => {
    const index = reasonIndex([{ code: 'work_certificate_missing', label: '缺少单位出具的工作年限证明', target: 'material', subject: 'work_years_certificate', active: true, sort: 40 }])
    const entries = timelineEntries(
      [
        item({ action: 'create', level: null, to_status: 'draft', from_status: 'draft', at: '2026-11-25T09:00:00Z' }),
        item({}),
        item({
          action: 'return',
          actor_kind: 'staff',
          reason_codes: ['work_certificate_missing', 'retired_code'],
          comment: '  请补充  ',
          comment_public: true,
          from_status: 'submitted',
          to_status: 'returned',
          returned_fields: ['work'],
          returned_materials: ['work_years_certificate'],
          at: '2026-11-25T11:00:00Z',
        }),
      ],
      index,
    )
    expect(entries.map((e) => e.action)).toEqual(['return', 'submit', 'create'])
    expect(entries[0].reasons).toEqual([
      { code: 'work_certificate_missing', label: '缺少单位出具的工作年限证明' },
      { code: 'retired_code', label: null },
    ])
    expect(entries[0].comment).toEqual({ text: '请补充', public: true })
    expect(entries[0].returnedFields).toEqual(['work'])
    expect(entries[0].returnedMaterials).toEqual(['work_years_certificate'])
    expect(entries[1].comment).toBeNull()
    expect(entries[2].level).toBeNull()
    expect(new Set(entries.map((e) => e.key)).size).toBe(3)
  })

  it('keeps the reason a batch decision overrode blocking findings with', () => {
    const [entry] = timelineEntries([item({ action: 'approve', actor_kind: 'staff', override_reason: ' 已人工核实 ' })], new Map())
    expect(entry.overrideReason).toBe('已人工核实')
    expect(timelineEntries([item({ override_reason: '  ' })], new Map())[0].overrideReason).toBeNull()
    expect(timelineEntries([item({})], new Map())[0].overrideReason).toBeNull()
  })

  it('treats a blank comment as none', () => {
    expect(timelineEntries([item({ comment: '   ', comment_public: true })], new Map())[0].comment).toBeNull()
  })

  it('splits returned field paths', () => {
    expect(splitFieldPath('work')).toEqual({ section: 'work', field: null })
    expect(splitFieldPath('work.unit_name_manual')).toEqual({ section: 'work', field: 'unit_name_manual' })
  })
})
