import { beforeEach, describe, expect, it } from 'vitest'
import { queueFromRoute, queueToRoute, knownSessions, rememberSessions } from '@/composables/queue-query'
import { deleteFilter, loadSavedFilters, saveFilter } from '@/composables/saved-filters'
import { loadQueueContext, neighbours, saveQueueContext } from '@/composables/queue-context'

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})

describe('queue state in the URL', () => {
  it('reads filters and paging with defaults and bounds', () => {
    expect(queueFromRoute({})).toEqual({ page: 1, page_size: 20 })
    expect(queueFromRoute({ page: '3', page_size: '50', status: 'submitted', q: ' 张 ', session_id: 's1' })).toEqual({
      page: 3,
      page_size: 50,
      status: 'submitted',
      q: '张',
      session_id: 's1',
    })
    expect(queueFromRoute({ page: '-1', page_size: '9999' })).toEqual({ page: 1, page_size: 200 })
    expect(queueFromRoute({ page: 'x', q: '' })).toEqual({ page: 1, page_size: 20 })
  })

  it('writes only what differs from the defaults, and round-trips', () => {
    expect(queueToRoute({ page: 1, page_size: 20 })).toEqual({})
    const q = { page: 2, page_size: 100, status: 'returned', q: '李' }
    expect(queueFromRoute(queueToRoute(q))).toEqual(q)
  })

  it('remembers exam session names', () => {
    rememberSessions([{ session_id: 'a', session_name: 'A' }])
    rememberSessions([{ session_id: 'b', session_name: 'B' }])
    expect(knownSessions()).toEqual({ a: 'A', b: 'B' })
  })
})

describe('saved filters', () => {
  it('saves, replaces, lists sorted and deletes per user', () => {
    saveFilter('zheng', '待审', { status: 'submitted', q: '  ' })
    saveFilter('zheng', 'A 护士', { session_id: 's-nurse' })
    saveFilter('zheng', '待审', { status: 'resubmitted' })
    saveFilter('other', 'mine', {})
    expect(loadSavedFilters('zheng')).toEqual([
      { name: 'A 护士', filter: { session_id: 's-nurse' } },
      { name: '待审', filter: { status: 'resubmitted' } },
    ])
    expect(deleteFilter('zheng', 'A 护士')).toEqual([{ name: '待审', filter: { status: 'resubmitted' } }])
    expect(loadSavedFilters('other')).toHaveLength(1)
  })

  it('survives damaged storage', () => {
    localStorage.setItem('weikao.review.filters.zheng', '{not json')
    expect(loadSavedFilters('zheng')).toEqual([])
    localStorage.setItem('weikao.review.filters.zheng', '[{"name":1},{"name":"ok","filter":{}}]')
    expect(loadSavedFilters('zheng')).toEqual([{ name: 'ok', filter: {} }])
  })
})

describe('queue context for previous/next', () => {
  it('finds the neighbours on the current page', () => {
    expect(neighbours(['a', 'b', 'c'], 'a')).toEqual({ prev: null, next: 'b', index: 0 })
    expect(neighbours(['a', 'b', 'c'], 'b')).toEqual({ prev: 'a', next: 'c', index: 1 })
    expect(neighbours(['a', 'b', 'c'], 'c')).toEqual({ prev: 'b', next: null, index: 2 })
    expect(neighbours(['a', 'b', 'c'], 'z')).toEqual({ prev: null, next: null, index: -1 })
  })

  it('is kept per tab', () => {
    expect(loadQueueContext()).toEqual({ ids: [], query: {} })
    saveQueueContext({ ids: ['a', 'b'], query: { page: '2' } })
    expect(loadQueueContext()).toEqual({ ids: ['a', 'b'], query: { page: '2' } })
  })
})
