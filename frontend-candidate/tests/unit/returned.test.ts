// What a returned registration asks for (registration/returned.ts): the newest return's material kinds.
import { describe, expect, it } from 'vitest'
import type { TimelineItem } from '@/api/types'
import { lastReturn, returnedMaterials } from '@/registration/returned'

const item = (action: string, at: string, returned_materials: string[] = []): TimelineItem => ({
  level: 'point',
  action,
  actor_kind: 'staff',
  comment: null,
  reason_codes: [],
  from_status: 'under_review',
  to_status: action === 'return' ? 'returned' : 'under_review',
  at,
  returned_fields: [],
  returned_materials,
})

describe('returned materials', () => {
  const timeline = [
    item('return', '2026-11-26T03:00:00Z', ['photo']),
    item('resubmit', '2026-11-27T03:00:00Z'),
    item('return', '2026-11-28T03:00:00Z', ['diploma', 'degree']),
    item('submit', '2026-11-25T03:00:00Z'),
  ]

  it('come from the newest return, whatever the order of the timeline', () => {
    expect(lastReturn(timeline)?.at).toBe('2026-11-28T03:00:00Z')
    expect(returnedMaterials({ status: 'returned', timeline })).toEqual(['diploma', 'degree'])
  })

  it('are none unless the registration is returned now, or when the return named none', () => {
    expect(returnedMaterials({ status: 'under_review', timeline })).toEqual([])
    expect(returnedMaterials({ status: 'returned', timeline: [item('return', '2026-11-26T03:00:00Z')] })).toEqual([])
    expect(lastReturn([item('submit', '2026-11-25T03:00:00Z')])).toBeNull()
  })
})
