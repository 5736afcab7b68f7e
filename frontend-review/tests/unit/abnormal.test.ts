import { describe, expect, it } from 'vitest'
import type { AbnormalKind } from '@/api/types'
import { buildI18n } from '@/i18n'
import { ABNORMAL_KINDS, orderedKinds, totalCount, unlisted } from '@/utils/abnormal'
import { contractDescription, quotedCodes } from './helpers'

const i18n = buildI18n('zh-CN').global

const kind = (name: string, count: number, listed = Math.min(count, 20)): AbnormalKind => ({
  kind: name,
  count,
  registrations: Array.from({ length: listed }, (_, i) => ({ id: `${name}-${i}`, candidate_name: `考生${i}`, status: 'approved', current_level: 'region' })),
})

describe('abnormal kinds', () => {
  it('explains every kind the contract names, in plain words in both languages', () => {
    expect([...quotedCodes(contractDescription('AbnormalKind', 'kind'))].sort()).toEqual([...ABNORMAL_KINDS].sort())
    for (const name of ABNORMAL_KINDS) {
      for (const locale of ['zh-CN', 'en-US'] as const) {
        expect(i18n.te(`abnormal.kinds.${name}.title`, locale), `${locale} ${name}`).toBe(true)
        expect(i18n.te(`abnormal.kinds.${name}.explain`, locale), `${locale} ${name}`).toBe(true)
      }
      i18n.locale.value = 'zh-CN'
      expect(i18n.t(`abnormal.kinds.${name}.explain`)).toMatch(/[\u4e00-\u9fff]/)
      i18n.locale.value = 'en-US'
      expect(i18n.t(`abnormal.kinds.${name}.explain`)).toMatch(/^[A-Z].*\.$/)
    }
    i18n.locale.value = 'zh-CN'
  })

  it('orders the known kinds as the console lists them, unknown ones after in the order they came', () => {
    const report = [kind('order_stuck_open', 1), kind('something_new', 2), kind('level_not_in_chain', 0), kind('another_new', 0)]
    expect(orderedKinds(report).map((k) => k.kind)).toEqual(['level_not_in_chain', 'order_stuck_open', 'something_new', 'another_new'])
  })

  it('counts all and says how many a kind leaves unlisted', () => {
    const kinds = [kind('order_stuck_open', 25), kind('level_not_in_chain', 3), kind('paid_without_paid_order', 0)]
    expect(totalCount(kinds)).toBe(28)
    expect(kinds.map(unlisted)).toEqual([5, 0, 0])
  })
})
