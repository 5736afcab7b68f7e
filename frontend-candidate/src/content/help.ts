// Help-centre content: one JSON file per locale under content/help/, loaded on demand. The region edits the
// JSON (text only, no HTML); the shape is checked here and by tests/unit/help-content.test.ts.
import type { Locale } from '@/i18n'

export type HelpBlock = { p: string } | { list: string[] } | { steps: string[] }

export interface HelpTopic {
  id: string
  title: string
  blocks: HelpBlock[]
}

export interface HelpExam {
  id: string
  name: string
  summary: string
  topics: HelpTopic[]
}

export interface HelpContent {
  notice: string
  exams: HelpExam[]
  faq: { q: string; blocks: HelpBlock[] }[]
}

/** Topics every exam guide must have (how to register, photo rules, payment, corrections, supplements). */
export const REQUIRED_TOPICS = ['register', 'photo', 'payment', 'corrections', 'supplements'] as const

const loaders: Record<Locale, () => Promise<{ default: HelpContent }>> = {
  'zh-CN': () => import('./help/zh-CN.json'),
  'en-US': () => import('./help/en-US.json'),
}

export async function loadHelp(locale: Locale): Promise<HelpContent> {
  return (await loaders[locale]()).default
}
