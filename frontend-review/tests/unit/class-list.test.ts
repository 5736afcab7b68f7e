import { describe, expect, it } from 'vitest'
import {
  classListBadges,
  classListRefusal,
  classListSize,
  classListStateFromRoute,
  classListStateToRoute,
  nurseSessions,
  refusedRowCount,
  toClassListQuery,
} from '@/utils/class-list'
import { problem } from './helpers'

describe('class list helpers', () => {
  it('keeps the nurse sessions in the server order', () => {
    const list = [
      { id: 'a', exam_type: 'physician' },
      { id: 'b', exam_type: 'nurse' },
      { id: 'c', exam_type: 'health_tech' },
      { id: 'd', exam_type: 'nurse' },
    ]
    expect(nurseSessions(list).map((s) => s.id)).toEqual(['b', 'd'])
  })

  it('reads and writes the list state of the URL, defaults left out', () => {
    expect(classListStateFromRoute({})).toEqual({ page: 1 })
    expect(classListStateFromRoute({ session: 's', status: 'not_started', page: '3' })).toEqual({ session: 's', status: 'not_started', page: 3 })
    expect(classListStateFromRoute({ status: 'DROP TABLE', page: '-1' })).toEqual({ page: 1 })
    expect(classListStateToRoute({ session: 's', page: 1 })).toEqual({ session: 's' })
    expect(classListStateToRoute({ session: 's', status: 'paid', page: 2 })).toEqual({ session: 's', status: 'paid', page: '2' })
    expect(toClassListQuery({ session: 's', page: 2 })).toEqual({ page: 2, per_page: 20 })
    expect(toClassListQuery({ session: 's', status: 'submitted', page: 1 })).toEqual({ status: 'submitted', page: 1, per_page: 20 })
  })

  it('makes badges of the counts: 未开始 always, the chosen one, known statuses in flow order, others last', () => {
    const counts = [
      { status: 'paid', count: 2 },
      { status: 'something_new', count: 1 },
      { status: 'submitted', count: 3 },
    ]
    expect(classListBadges(counts)).toEqual([
      { status: 'not_started', count: 0 },
      { status: 'submitted', count: 3 },
      { status: 'paid', count: 2 },
      { status: 'something_new', count: 1 },
    ])
    expect(classListBadges(counts, 'rejected').map((b) => b.status)).toEqual(['not_started', 'submitted', 'paid', 'rejected', 'something_new'])
    expect(classListBadges([], 'mystery').map((b) => b.status)).toEqual(['not_started', 'mystery'])
    expect(classListSize(counts)).toBe(6)
  })

  it('reads a refused file: row problems by row and column, file problems apart', () => {
    const refusal = classListRefusal(
      problem(422, 'validation_failed', {
        errors: {
          'rows[10].name': ['name_length'],
          'rows[2].major': ['too_long'],
          'rows[2].id_number': ['id_number_checksum', 'duplicate_in_file'],
          'rows[0].rows': ['no_rows'],
          file: ['csv_unreadable'],
        },
      }),
    )
    expect(refusal).toEqual({
      file: ['csv_unreadable'],
      rows: [
        { row: 0, field: 'rows', code: 'no_rows' },
        { row: 2, field: 'id_number', code: 'id_number_checksum' },
        { row: 2, field: 'id_number', code: 'duplicate_in_file' },
        { row: 2, field: 'major', code: 'too_long' },
        { row: 10, field: 'name', code: 'name_length' },
      ],
    })
    expect(refusedRowCount(refusal!)).toBe(2)
    expect(classListRefusal(problem(409, 'session_not_open'))).toBeNull()
    expect(classListRefusal(new Error('offline'))).toBeNull()
  })
})
