// Help-centre content: served by the API as the exam region edits it (GET /api/v1/help/candidate; the server
// checks the shape, text only, no HTML); one JSON file per locale under content/help/ is the shipped text the
// server starts from and the copy shown when the server cannot be reached. Shape checks: tests/unit/app-shell.
import { getCandidateHelp } from '@/api/help'
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

/** The bundled copy of the shipped help centre. */
export async function bundledHelp(locale: Locale): Promise<HelpContent> {
  return (await loaders[locale]()).default
}

/** The help centre as published (the region's edits), or the bundled copy when the server is unreachable. */
export async function loadHelp(locale: Locale, fetchHelp = getCandidateHelp): Promise<HelpContent> {
  try {
    const doc = await fetchHelp(locale)
    return doc.content as HelpContent
  } catch {
    return bundledHelp(locale)
  }
}
