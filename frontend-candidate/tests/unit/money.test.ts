// Money is integer fen; formatting splits the digits as text (no floating point anywhere).
import { describe, expect, it } from 'vitest'
import { fenToYuan, formatFen } from '@/i18n/money'

describe('formatFen', () => {
  it('formats integer fen as 元 with two decimals', () => {
    expect(formatFen(7000)).toBe('70.00 元')
    expect(formatFen(14000)).toBe('140.00 元')
    expect(formatFen(45000)).toBe('450.00 元')
    expect(formatFen(12345)).toBe('123.45 元')
  })

  it('handles amounts below one yuan and zero', () => {
    expect(formatFen(0)).toBe('0.00 元')
    expect(formatFen(5)).toBe('0.05 元')
    expect(formatFen(99)).toBe('0.99 元')
    expect(formatFen(100)).toBe('1.00 元')
  })

  it('keeps the sign of refunds and is exact where floats are not', () => {
    expect(formatFen(-150)).toBe('-1.50 元')
    // 0.1 + 0.2 style errors cannot happen: 2^53 - 1 fen still prints every digit
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91 元')
    expect(formatFen(1010)).toBe('10.10 元')
  })

  it('takes the unit word of the language', () => {
    expect(formatFen(7000, 'yuan')).toBe('70.00 yuan')
  })

  it('refuses anything that is not a safe integer', () => {
    expect(() => formatFen(70.5)).toThrow(RangeError)
    expect(() => formatFen(Number.NaN)).toThrow(RangeError)
    expect(() => formatFen(2 ** 60)).toThrow(RangeError)
  })
})

describe('fenToYuan', () => {
  it('gives the digits of an amount in 元 (the payment page puts ¥ before them)', () => {
    expect(fenToYuan(28000)).toBe('280.00')
    expect(fenToYuan(7005)).toBe('70.05')
    expect(fenToYuan(1)).toBe('0.01')
    expect(fenToYuan(0)).toBe('0.00')
    expect(fenToYuan(-28000)).toBe('-280.00')
    expect(() => fenToYuan(280.5)).toThrow(RangeError)
  })
})
