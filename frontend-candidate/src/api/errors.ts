// Every failed API call becomes an ApiError: a problem+json answer from the server, a non-problem HTTP
// error (e.g. a proxy's HTML page), or a network failure. Screens never show raw bodies; see describe.ts.
import type { Problem } from './types'

export type ApiFailure =
  | { kind: 'problem'; status: number; problem: Problem }
  | { kind: 'http'; status: number }
  | { kind: 'network' }

export class ApiError extends Error {
  readonly failure: ApiFailure

  constructor(failure: ApiFailure) {
    super(failure.kind === 'problem' ? `${failure.status} ${failure.problem.code}` : failure.kind)
    this.name = 'ApiError'
    this.failure = failure
  }

  /** The stable problem code (`invalid_credentials`, `validation_failed`, ...), if the server sent one. */
  get code(): string | undefined {
    return this.failure.kind === 'problem' ? this.failure.problem.code : undefined
  }

  get status(): number | undefined {
    return this.failure.kind === 'network' ? undefined : this.failure.status
  }

  /** Field errors `{field: [codes]}` of a 422 `validation_failed`. */
  get fieldErrors(): Record<string, string[]> {
    if (this.failure.kind !== 'problem') return {}
    return this.failure.problem.errors ?? {}
  }

  /** Seconds the server asked us to wait (429), if any. */
  get retryAfter(): number | undefined {
    if (this.failure.kind !== 'problem') return undefined
    return this.failure.problem.retry_after ?? undefined
  }

  /** Whether trying the same thing again may work: network failures and server-side errors. */
  get retryable(): boolean {
    return this.failure.kind === 'network' || (this.status !== undefined && this.status >= 500)
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Whether a parsed error body looks like weikao's problem+json. */
export function isProblem(body: unknown): body is Problem {
  return isRecord(body) && typeof body.code === 'string' && typeof body.status === 'number'
}

/** Turns an error body returned by openapi-fetch (parsed JSON, text or nothing) into an ApiError. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isProblem(body)) return new ApiError({ kind: 'problem', status, problem: body })
  return new ApiError({ kind: 'http', status })
}

/** Wraps what fetch throws when the network fails (TypeError, or an AbortError); anything else is a bug. */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  if (e instanceof TypeError || (e instanceof Error && e.name === 'AbortError')) {
    return new ApiError({ kind: 'network' })
  }
  throw e
}
