// Whether paying and uploading work right now (GET /api/v1/service-status, public; the server probes the
// payment center and the object store at most every 5 s). Pages show a notice instead of letting the real
// request fail; see composables/service-status.ts.
import { api, unwrap } from './client'
import type { ServiceStatus } from './types'

/** Whether the payment center and the object store answer right now. */
export function getServiceStatus(): Promise<ServiceStatus> {
  return unwrap(api().GET('/api/v1/service-status'))
}
