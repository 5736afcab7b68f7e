// The reviewer manual and the in-console tips are content, not code: the exam region edits them through the API
// (GET /api/v1/review/help serves the published text; the server checks its shape). The JSON per language here
// is the shipped text: shown at once, and kept when the server cannot be reached.
import { reactive } from 'vue'
import { getReviewerHelp } from '@/api/help'
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

const SHIPPED: Record<Locale, HelpContent> = { 'zh-CN': zhCN, 'en-US': enUS }
/** What the server published, per language (reactive: pages re-render when it arrives). */
const published = reactive<Partial<Record<Locale, HelpContent>>>({})

const localeOf = (locale: string): Locale => (locale === 'en-US' ? 'en-US' : 'zh-CN')

export function helpContent(locale: string): HelpContent {
  const l = localeOf(locale)
  return published[l] ?? SHIPPED[l]
}

export function tipsFor(locale: string, screen: string): Tip[] {
  return helpContent(locale).tips.filter((tip) => tip.screen === screen)
}

/** Loads the published manual and tips of a language; the shipped text stays when the server cannot answer. */
export async function refreshHelp(locale: string, fetchHelp = getReviewerHelp): Promise<void> {
  const l = localeOf(locale)
  try {
    const doc = await fetchHelp(l)
    published[l] = doc.content as unknown as HelpContent
  } catch {
    // keep what is shown (the shipped text or an earlier answer)
  }
}
