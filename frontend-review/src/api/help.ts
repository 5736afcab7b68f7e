import { api } from './client'
import { unwrap } from './problem'
import type { components } from './schema'

export type HelpDocumentView = components['schemas']['HelpDocumentView']

/** The reviewer manual and tips as the exam region publishes them (the shipped text until it edits them). */
export function getReviewerHelp(locale: 'zh-CN' | 'en-US'): Promise<HelpDocumentView> {
  return unwrap(api.GET('/api/v1/review/help', { params: { query: { locale } } }))
}
