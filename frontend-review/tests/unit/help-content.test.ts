// The reviewer manual and tips: the shipped text at once, the region's published text once the server answers,
// and the shipped (or earlier) text kept when it cannot.
import { describe, expect, it } from 'vitest'
import type { HelpDocumentView } from '@/api/help'
import { helpContent, refreshHelp, tipsFor } from '@/content/help'
import zhCN from '@/content/help/zh-CN.json'
import enUS from '@/content/help/en-US.json'

// the contract types `content` as a free-form object: the manual's shape is checked by the server
const published = (text: string): HelpDocumentView =>
  ({
  audience: 'reviewer',
  locale: 'zh-CN',
  version: 2,
  edited: true,
  updated_at: '2026-12-03T08:00:00Z',
  content: { manual: [{ id: 'login', title: '登录', paragraphs: ['更新后的说明'] }], tips: [{ id: 'q1', screen: 'queue', text }] },
  }) as unknown as HelpDocumentView

describe('reviewer help content', () => {
  it('shows the shipped text until the published one arrives', async () => {
    expect(helpContent('zh-CN')).toEqual(zhCN)
    expect(helpContent('en-US')).toEqual(enUS)
    await refreshHelp('zh-CN', async () => published('批量审核前请先筛选。'))
    expect(helpContent('zh-CN').manual.map((s) => s.title)).toEqual(['登录'])
    expect(tipsFor('zh-CN', 'queue').map((t) => t.text)).toEqual(['批量审核前请先筛选。'])
    expect(helpContent('en-US')).toEqual(enUS)
  })

  it('keeps what it shows when the server cannot answer', async () => {
    await refreshHelp('zh-CN', async () => published('第一版'))
    await refreshHelp('zh-CN', async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(tipsFor('zh-CN', 'queue').map((t) => t.text)).toEqual(['第一版'])
    await refreshHelp('en-US', async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(helpContent('en-US')).toEqual(enUS)
  })
})
