import { describe, expect, it } from 'vitest'
import type { ReasonView } from '@/api/types'
import { catalogOrder, checkReason, codeValid, draftFrom, emptyReasonDraft, nextSort, reasonInput, subjectsFor } from '@/utils/reason-catalog'

const reason = (code: string, extra: Partial<ReasonView> = {}): ReasonView => ({ code, label: code, target: 'general', subject: null, active: true, sort: 10, ...extra })

describe('reason catalog editing', () => {
  it('accepts the codes the server accepts', () => {
    for (const ok of ['photo_blurred', 'x1', 'a'.repeat(64)]) expect(codeValid(ok)).toBe(true)
    for (const bad of ['', 'a', 'A_b', '1abc', 'a-b', '照片', 'a'.repeat(65)]) expect(codeValid(bad)).toBe(false)
  })

  it('checks label length, a subject that fits the target and a code not taken', () => {
    const draft = { ...emptyReasonDraft(), code: 'photo_blurred', label: '照片模糊', target: 'material' as const, subject: 'photo' }
    expect(checkReason(draft, true, [])).toEqual({})
    expect(checkReason(draft, true, ['photo_blurred'])).toEqual({ code: ['code_taken'] })
    expect(checkReason(draft, false, ['photo_blurred'])).toEqual({})
    expect(checkReason({ ...draft, label: '  ' }, false, [])).toEqual({ label: ['label_length'] })
    expect(checkReason({ ...draft, label: 'x'.repeat(101) }, false, [])).toEqual({ label: ['label_length'] })
    expect(checkReason({ ...draft, subject: 'work' }, false, [])).toEqual({ subject: ['subject_invalid'] })
    expect(checkReason({ ...draft, target: 'field', subject: 'work' }, false, [])).toEqual({})
    expect(checkReason({ ...draft, target: 'general', subject: 'work' }, false, [])).toEqual({ subject: ['subject_invalid'] })
    expect(checkReason({ ...draft, code: 'Bad' }, true, [])).toEqual({ code: ['reason_code_invalid'] })
  })

  it('offers form sections for field reasons and material kinds for material reasons', () => {
    expect(subjectsFor('field')).toContain('work')
    expect(subjectsFor('material')).toContain('photo')
    expect(subjectsFor('general')).toEqual([])
  })

  it('builds the PUT body from a reason and back', () => {
    const view = reason('work_unit', { label: ' 单位名称有误 ', target: 'field', subject: 'work', sort: 20, active: false })
    expect(reasonInput(draftFrom(view))).toEqual({ label: '单位名称有误', target: 'field', subject: 'work', active: false, sort: 20 })
    expect(reasonInput({ ...draftFrom(view), target: 'general' })).toMatchObject({ target: 'general', subject: null })
    expect(draftFrom(reason('odd', { target: 'elsewhere', subject: 'x' }))).toMatchObject({ target: 'general', subject: null })
  })

  it('lists active reasons first, by sort, and numbers a new one after the last', () => {
    const list = [reason('c', { sort: 5, active: false }), reason('b', { sort: 20 }), reason('a', { sort: 20 }), reason('d', { sort: 1 })]
    expect(catalogOrder(list).map((r) => r.code)).toEqual(['d', 'a', 'b', 'c'])
    expect(nextSort(list)).toBe(30)
    expect(nextSort([])).toBe(10)
  })
})
