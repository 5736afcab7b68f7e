import { describe, expect, it } from 'vitest'
import { buildI18n } from '@/i18n'
import { formatYuan, officeDay } from '@/utils/format'
import { ALERT_KINDS, DISCREPANCY_CLASSES, discrepancies, runnerOf, runState, totalsGap, validDay } from '@/utils/payments'
import { contractDescription, quotedCodes } from './helpers'

const i18n = buildI18n('zh-CN').global
const inBoth = (key: string) => (['zh-CN', 'en-US'] as const).every((locale) => i18n.te(key, locale))

describe('formatYuan', () => {
  it('moves the decimal point of integer fen, with two decimals', () => {
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(10)).toBe('0.10')
    expect(formatYuan(100)).toBe('1.00')
    expect(formatYuan(8000)).toBe('80.00')
    expect(formatYuan(12345)).toBe('123.45')
  })

  it('groups thousands and keeps the sign', () => {
    expect(formatYuan(123456789)).toBe('1,234,567.89')
    expect(formatYuan(100000)).toBe('1,000.00')
    expect(formatYuan(-5)).toBe('-0.05')
    expect(formatYuan(-123456)).toBe('-1,234.56')
  })

  it('stays exact where dividing by 100 in floating point would not', () => {
    // 2^53 - 1 fen: exact digits, no rounding
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('90,071,992,547,409.91')
    expect(formatYuan(1005)).toBe('10.05')
    expect(formatYuan(0.1 + 0.2)).toBe(String(0.1 + 0.2))
  })
})

describe('days of the exam office', () => {
  it('is the Beijing calendar day, whatever the machine’s zone', () => {
    expect(officeDay(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25')
    expect(officeDay(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26')
  })

  it('lets today and earlier days be reconciled, not later or impossible ones', () => {
    expect(validDay('2026-11-26', '2026-11-26')).toBe(true)
    expect(validDay('2024-02-29', '2026-11-26')).toBe(true)
    expect(validDay('2026-11-27', '2026-11-26')).toBe(false)
    expect(validDay('2025-02-29', '2026-11-26')).toBe(false)
    expect(validDay('2026-13-01', '2026-11-26')).toBe(false)
    expect(validDay('', '2026-11-26')).toBe(false)
    expect(validDay('26-11-2026', '2026-11-26')).toBe(false)
  })
})

describe('reconciliation reports', () => {
  it('reads the discrepancies from the untyped items, leaving out what is not one', () => {
    const items = [
      { order_no: 'WK1', class: 'mismatch', ours_fen: 8000, theirs_fen: 7000 },
      { order_no: 'WK2', class: 'missing_there', ours_fen: 8000, theirs_fen: null },
      { order_no: 'WK3', class: 'duplicate', theirs_fen: 1.5 },
      { class: 'mismatch' },
      'WK4',
      null,
    ]
    expect(discrepancies(items)).toEqual([
      { order_no: 'WK1', class: 'mismatch', ours_fen: 8000, theirs_fen: 7000 },
      { order_no: 'WK2', class: 'missing_there', ours_fen: 8000, theirs_fen: null },
      { order_no: 'WK3', class: 'duplicate', ours_fen: null, theirs_fen: null },
    ])
    expect(discrepancies(null)).toEqual([])
    expect(discrepancies({ order_no: 'WK1' })).toEqual([])
  })

  it('says whether a run is clean, how far apart the totals are and who ran it', () => {
    expect(runState('clean')).toBe('clean')
    expect(runState('discrepancies')).toBe('discrepancies')
    expect(totalsGap({ ours_total_fen: 16000, theirs_total_fen: 15000 })).toBe(1000)
    expect(totalsGap({ ours_total_fen: 8000, theirs_total_fen: 8000 })).toBe(0)
    expect(runnerOf('worker')).toEqual({ kind: 'worker' })
    expect(runnerOf('staff:5d44ff93-3b86-460a-abab-f08fbb4fd5c7')).toEqual({ kind: 'staff', id: '5d44ff93-3b86-460a-abab-f08fbb4fd5c7' })
    expect(runnerOf('cli')).toEqual({ kind: 'other', text: 'cli' })
  })
})

describe('the contract’s payment codes', () => {
  it('has every discrepancy class the contract describes, named in both languages', () => {
    const description = contractDescription('ReconciliationView', 'items')
    const classes = /class \(([a-z_|]+)\)/.exec(description)?.[1].split('|')
    expect(classes).toEqual([...DISCREPANCY_CLASSES])
    for (const c of DISCREPANCY_CLASSES) expect(inBoth(`payments.items.classes.${c}`), c).toBe(true)
  })

  it('has every alert kind the contract names, in both languages', () => {
    expect(quotedCodes(contractDescription('PaymentAlert', 'alert'))).toEqual([...ALERT_KINDS])
    for (const kind of ALERT_KINDS) expect(inBoth(`payments.alerts.kinds.${kind}`), kind).toBe(true)
  })

  it('names both run statuses', () => {
    expect(quotedCodes(contractDescription('ReconciliationView', 'status'))).toEqual(['clean', 'discrepancies'])
    for (const status of ['clean', 'discrepancies']) expect(inBoth(`payments.runs.statuses.${status}`)).toBe(true)
  })
})
