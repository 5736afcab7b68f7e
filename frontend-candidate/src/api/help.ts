// The help centre as the exam region publishes it (GET /api/v1/help/candidate, public): the shipped text until
// the region edits it. content/help.ts falls back to the bundled copy when the server cannot be reached.
import { api, unwrap } from './client'
import type { Locale } from '@/i18n'

export interface HelpDocument {
  content: unknown
  version: number
  edited: boolean
}

export function getCandidateHelp(locale: Locale): Promise<HelpDocument> {
  return unwrap(api().GET('/api/v1/help/candidate', { params: { query: { locale } } }))
}
