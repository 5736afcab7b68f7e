import { describe, expect, it } from 'vitest'
import type { DeadlineStat, StatusLevelCount } from '@/api/types'
import {
  dailySeries,
  deadlineRows,
  drillDown,
  levelFunnel,
  MAX_FILLED_DAYS,
  NO_LEVEL,
  pendingByLevel,
  reviewerRows,
  specialtyLabel,
  statusBadges,
  statusTotals,
  topSpecialties,
} from '@/utils/statistics'

const S = '239c40d9-13a9-4e36-ae42-3f3fb0075119'
const byStatus: StatusLevelCount[] = [
  { status: 'approved', current_level: 'region', count: 4 },
  { status: 'submitted', current_level: 'site', count: 3 },
  { status: 'submitted', current_level: 'point', count: 5 },
  { status: 'returned', current_level: 'point', count: 2 },
  { status: 'resubmitted', current_level: 'point', count: 1 },
  { status: 'paid', current_level: null, count: 1 },
]

describe('status counts', () => {
  it('sums per status and orders the badges like the funnel', () => {
    expect(statusTotals(byStatus)).toEqual({ approved: 4, submitted: 8, returned: 2, resubmitted: 1, paid: 1 })
    expect(statusBadges(byStatus)).toEqual([
      { status: 'submitted', count: 8 },
      { status: 'resubmitted', count: 1 },
      { status: 'returned', count: 2 },
      { status: 'approved', count: 4 },
      { status: 'paid', count: 1 },
    ])
  })

  it('counts what waits at each level', () => {
    expect(pendingByLevel(byStatus)).toEqual({ site: 3, point: 6 })
  })

  it('lays the statuses out per level, from the bottom of the chain up', () => {
    const funnel = levelFunnel(byStatus)
    expect(funnel.levels).toEqual(['point', 'site', 'region', NO_LEVEL])
    expect(funnel.series.map((s) => s.status)).toEqual(['submitted', 'resubmitted', 'returned', 'approved', 'paid'])
    expect(funnel.series[0].counts).toEqual([5, 3, 0, 0])
    expect(funnel.series.find((s) => s.status === 'paid')?.counts).toEqual([0, 0, 0, 1])
    expect(levelFunnel([])).toEqual({ levels: [], series: [] })
  })
})

describe('registrations per day', () => {
  it('fills days without submissions with 0, oldest first', () => {
    expect(
      dailySeries([
        { day: '2026-03-03', submitted: 2 },
        { day: '2026-02-28', submitted: 5 },
        { day: '2026-03-01', submitted: 1 },
      ]),
    ).toEqual({ days: ['2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03'], counts: [5, 1, 0, 2] })
    expect(dailySeries([])).toEqual({ days: [], counts: [] })
  })

  it('shows only the days with submissions over a span too long to fill', () => {
    const series = dailySeries([
      { day: '2024-01-01', submitted: 1 },
      { day: '2026-01-01', submitted: 2 },
    ])
    expect(series.days).toEqual(['2024-01-01', '2026-01-01'])
    expect(MAX_FILLED_DAYS).toBeGreaterThan(300)
  })
})

describe('specialties and reviewers', () => {
  it('keeps the top N by registrations and sums the rest', () => {
    const { top, rest } = topSpecialties(
      [
        { specialty_id: 'a', code: '203', name: '临床医学检验技术', count: 3, approved: 1 },
        { specialty_id: 'b', code: '368', name: '护理学', count: 9, approved: 4 },
        { specialty_id: null, code: null, name: null, count: 3, approved: 0 },
        { specialty_id: 'c', code: '105', name: '全科医学', count: 1, approved: 1 },
      ],
      2,
    )
    expect(top.map((r) => r.code)).toEqual(['368', '203'])
    expect(rest).toEqual({ specialties: 2, count: 4, approved: 1 })
    expect(specialtyLabel(top[0], '—')).toBe('368 护理学')
    expect(specialtyLabel({ code: null, name: null }, '（无专业）')).toBe('（无专业）')
  })

  it('orders reviewers by decisions made', () => {
    const rows = reviewerRows([
      { reviewer_id: '1', reviewer_name: '乙', level: 'site', approved: 1, returned: 0, rejected: 0 },
      { reviewer_id: '2', reviewer_name: '甲', level: 'point', approved: 3, returned: 2, rejected: 1 },
      { reviewer_id: '3', reviewer_name: '丙', level: 'site', approved: 0, returned: 1, rejected: 0 },
    ])
    expect(rows.map((r) => [r.reviewer_name, r.total])).toEqual([
      ['甲', 6],
      ['丙', 1],
      ['乙', 1],
    ])
  })
})

describe('deadlines', () => {
  const now = new Date('2026-03-10T00:00:00Z')
  const d = (level: string, closes: string, pending: number, overdue = false): DeadlineStat => ({ session_id: S, level, closes_at: closes, pending, overdue })

  it('marks overdue, closed, closing soon and open, by closing time', () => {
    const rows = deadlineRows(
      [
        d('region', '2026-03-30T00:00:00Z', 2),
        d('site', '2026-03-12T00:00:00Z', 4),
        d('point', '2026-03-05T00:00:00Z', 3, true),
        d('point', '2026-03-01T00:00:00Z', 0),
        d('site', '2026-03-11T00:00:00Z', 0),
      ],
      now,
    )
    expect(rows.map((r) => [r.level, r.state])).toEqual([
      ['point', 'closed'],
      ['point', 'overdue'],
      ['site', 'open'],
      ['site', 'soon'],
      ['region', 'open'],
    ])
  })

  it('trusts a passed deadline with pending work to be overdue even before the server says so', () => {
    expect(deadlineRows([d('point', '2026-03-09T00:00:00Z', 1)], now)[0].state).toBe('overdue')
  })
})

describe('drill-down to the queue', () => {
  it('carries the session and the chosen status, specialty or overdue', () => {
    expect(drillDown({ status: 'returned' }, S)).toEqual({ session_id: S, status: 'returned' })
    expect(drillDown({ specialty_id: 'b' })).toEqual({ specialty_id: 'b' })
    expect(drillDown({ specialty_id: null, overdue: true }, null)).toEqual({ overdue: 'true' })
  })
})
