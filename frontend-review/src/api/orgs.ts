import { api } from './client'
import { unwrap } from './problem'
import type { OrgView } from './types'

export function listOrgs(): Promise<OrgView[]> {
  return unwrap(api.GET('/api/v1/orgs'))
}
