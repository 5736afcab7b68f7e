import { describe, expect, it } from 'vitest'
import {
  advancedCount,
  cleanFilter,
  dayRange,
  dayStart,
  filterFromRoute,
  filterOf,
  filterToRoute,
  queueFromRoute,
  queueToRoute,
  sameFilter,
  toBatchFilter,
  toExportQuery,
  toListQuery,
  validTime,
  type QueueFilter,
} from '@/utils/queue-filter'

const SPECIALTY = '5b0f3c2e-7d1a-4c55-9a0e-2f4d8c9b1e77'

describe('queue filter ↔ route query', () => {
  it('reads every filter, dropping unknown enum values and impossible dates', () => {
    expect(
      filterFromRoute({
        status: 'submitted',
        severity: 'block',
        special: 'front_line',
        sort: 'name',
        overdue: 'true',
        returning: 'false',
        pending: '1',
        specialty_id: SPECIALTY,
        rule_code: ' violation_active ',
        submitted_from: '2026-03-01',
        submitted_to: '2026-03-31',
      }),
    ).toEqual({
      status: 'submitted',
      severity: 'block',
      special: 'front_line',
      sort: 'name',
      overdue: true,
      returning: false,
      pending: true,
      specialty_id: SPECIALTY,
      rule_code: 'violation_active',
      submitted_from: '2026-03-01',
      submitted_to: '2026-03-31',
    })
    expect(filterFromRoute({ severity: 'fatal', special: 'vip', sort: 'random', overdue: 'maybe', submitted_from: '2026-02-30', submitted_to: 'yesterday' })).toEqual({})
  })

  it('leaves the default sort out of the URL and round-trips', () => {
    expect(filterToRoute({ sort: 'submitted_desc', q: '  ' })).toEqual({})
    const filter: QueueFilter = { status: 'returned', overdue: true, returning: false, special: 'provincial_line', sort: 'submitted_asc', submitted_from: '2026-03-01' }
    expect(filterFromRoute(filterToRoute(filter))).toEqual(filter)
    const state = { page: 3, page_size: 50, ...filter }
    expect(queueFromRoute(queueToRoute(state))).toEqual(state)
  })

  it('keeps an RFC 3339 time from a link as it is', () => {
    expect(validTime('2026-03-01T08:00:00+08:00')).toBe('2026-03-01T08:00:00+08:00')
    expect(validTime('2026-13-01')).toBeUndefined()
    expect(filterFromRoute({ submitted_to: '2026-03-01T00:00:00Z' })).toEqual({ submitted_to: '2026-03-01T00:00:00Z' })
  })

  it('cleans, compares and separates the filter from the page', () => {
    expect(cleanFilter({ status: '', q: ' 张 ', overdue: undefined, returning: true })).toEqual({ q: '张', returning: true })
    expect(filterOf({ page: 2, page_size: 50, status: 'submitted' } as QueueFilter)).toEqual({ status: 'submitted' })
    expect(sameFilter({ status: 'submitted', sort: 'submitted_desc' }, { status: 'submitted' })).toBe(true)
    expect(sameFilter({ status: 'submitted' }, { status: 'submitted', overdue: true })).toBe(false)
  })

  it('counts the advanced filters that are set', () => {
    expect(advancedCount({ status: 'submitted', q: '张' })).toBe(0)
    expect(advancedCount({ severity: 'warning', overdue: true, returning: false, sort: 'name', submitted_from: '2026-03-01' })).toBe(5)
    expect(advancedCount({ sort: 'submitted_desc' })).toBe(0)
  })

  it('gives the date picker whole days', () => {
    expect(dayRange({ submitted_from: '2026-03-01', submitted_to: '2026-03-31T00:00:00+08:00' })).toEqual(['2026-03-01', '2026-03-31'])
    expect(dayRange({ submitted_from: '2026-03-01' })).toBeNull()
  })
})

describe('what the API receives', () => {
  it('turns Beijing days into times, the last day inclusive', () => {
    expect(dayStart('2026-03-01')).toBe('2026-03-01T00:00:00+08:00')
    expect(dayStart('2026-03-31', true)).toBe('2026-04-01T00:00:00+08:00')
    expect(dayStart('2026-12-31', true)).toBe('2027-01-01T00:00:00+08:00')
    expect(dayStart('2026-03-01T10:00:00Z', true)).toBe('2026-03-01T10:00:00Z')
  })

  it('lists with filter, sort and page', () => {
    expect(
      toListQuery({ page: 2, page_size: 50, status: 'submitted', sort: 'name', severity: 'block', submitted_from: '2026-03-01', submitted_to: '2026-03-02', overdue: true }),
    ).toEqual({
      page: 2,
      page_size: 50,
      status: 'submitted',
      sort: 'name',
      severity: 'block',
      submitted_from: '2026-03-01T00:00:00+08:00',
      submitted_to: '2026-03-03T00:00:00+08:00',
      overdue: true,
    })
    expect(toListQuery({ page: 1, page_size: 20, sort: 'submitted_desc' })).toEqual({ page: 1, page_size: 20 })
  })

  it('exports the filter and sort, without paging, revealing only when asked', () => {
    expect(toExportQuery({ status: 'approved', sort: 'submitted_asc', page: 4 } as QueueFilter, false)).toEqual({ status: 'approved', sort: 'submitted_asc' })
    expect(toExportQuery({ returning: true }, true)).toEqual({ returning: true, reveal: true })
  })

  it('gives a batch the filter without sort and paging (the contract forbids other fields)', () => {
    const body = toBatchFilter({ status: 'submitted', q: '欧阳', sort: 'name', specialty_id: SPECIALTY, special: 'manual_unit', returning: false, page: 3 } as QueueFilter)
    expect(body).toEqual({ status: 'submitted', q: '欧阳', specialty_id: SPECIALTY, special: 'manual_unit', returning: false })
    expect(Object.keys(toBatchFilter({}))).toEqual([])
  })
})
