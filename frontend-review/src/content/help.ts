// The reviewer manual and the in-console tips are content (JSON per language), not code.
import type { Locale } from '@/i18n/error-codes'
import zhCN from './help/zh-CN.json'
import enUS from './help/en-US.json'

export interface ManualSection {
  id: string
  title: string
  paragraphs: string[]
}

export interface Tip {
  id: string
  screen: string
  text: string
}

export interface HelpContent {
  manual: ManualSection[]
  tips: Tip[]
}

const CONTENT: Record<Locale, HelpContent> = { 'zh-CN': zhCN, 'en-US': enUS }

export function helpContent(locale: string): HelpContent {
  return locale === 'en-US' ? CONTENT['en-US'] : CONTENT['zh-CN']
}

export function tipsFor(locale: string, screen: string): Tip[] {
  return helpContent(locale).tips.filter((tip) => tip.screen === screen)
}
