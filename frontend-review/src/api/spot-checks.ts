// Spot checks of approvals (审核结果核验): the exam region draws a sample of one level's approvals and confirms or
// overturns each (exam-region reviewers; everyone else who may read them only looks, and the server checks again).
import { api } from './client'
import { unwrap } from './problem'
import type { NewSpotCheck, SpotCheckItem, SpotCheckSummary, SpotCheckVerdict, SpotCheckView } from './types'

export function listSpotChecks(): Promise<SpotCheckSummary[]> {
  return unwrap(api.GET('/api/v1/review/spot-checks'))
}

/** Draws the sample (422 `no_decisions_match` under `sample` when no approval matches). */
export function createSpotCheck(body: NewSpotCheck): Promise<SpotCheckView> {
  return unwrap(api.POST('/api/v1/review/spot-checks', { body }))
}

export function getSpotCheck(id: string): Promise<SpotCheckView> {
  return unwrap(api.GET('/api/v1/review/spot-checks/{id}', { params: { path: { id } } }))
}

/** Confirms or overturns one sampled approval (409 `already_checked` when someone else did first). */
export function checkSpotCheckItem(id: string, itemId: string, body: SpotCheckVerdict): Promise<SpotCheckItem> {
  return unwrap(api.POST('/api/v1/review/spot-checks/{id}/items/{item_id}', { params: { path: { id, item_id: itemId } }, body }))
}
