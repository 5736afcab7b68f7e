// The signed-in account (views/home/*).
import { api, unwrap } from './client'
import type { CandidateProfile } from './types'
import { ApiError } from './errors'

/** The candidate behind the session; a non-candidate token is treated as not signed in. */
export async function getMyProfile(): Promise<CandidateProfile> {
  const me = await unwrap(api().GET('/api/v1/me'))
  if (me.kind !== 'candidate' || !me.candidate) {
    throw new ApiError({
      kind: 'problem',
      status: 403,
      problem: { type: 'about:blank', title: 'Forbidden', status: 403, code: 'not_a_candidate' },
    })
  }
  return me.candidate
}
