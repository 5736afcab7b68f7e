import { api } from './client'
import { unwrap } from './problem'
import type { AuditPage, ChainReport } from './types'

export interface AuditQuery {
  action?: string
  actor?: string
  before?: number
  limit?: number
}

export function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  return unwrap(api.GET('/api/v1/audit/events', { params: { query } }))
}

export function verifyChain(): Promise<ChainReport> {
  return unwrap(api.GET('/api/v1/audit/chain'))
}
