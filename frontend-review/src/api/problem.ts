// problem+json errors (RFC 9457 with weikao's stable `code`) and turning openapi-fetch results into values.
import type { Problem } from './types'

export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.code)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  get code(): string {
    return this.problem.code
  }

  /** Error codes of one field (`errors: {field: [codes]}`), empty when none. */
  fieldCodes(field: string): string[] {
    return this.problem.errors?.[field] ?? []
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function isProblem(value: unknown): value is Problem {
  return isRecord(value) && typeof value.code === 'string'
}

/** A Problem from any error body: a proxy's HTML page or an empty body becomes `http_<status>`. */
export function toProblem(status: number, body: unknown): Problem {
  if (isProblem(body)) {
    return { ...body, status: typeof body.status === 'number' ? body.status : status }
  }
  return { type: 'about:blank', title: 'HTTP error', status, code: status === 0 ? 'network_error' : `http_${status}` }
}

export const NETWORK_ERROR = 0

interface FetchResult<D> {
  data?: D
  error?: unknown
  response: Response
}

/** Awaits an openapi-fetch call: the data on success, an ApiError otherwise (also for network failures). */
export async function unwrap<D>(call: Promise<FetchResult<D>>): Promise<D> {
  let result: FetchResult<D>
  try {
    result = await call
  } catch (e) {
    if (e instanceof ApiError) throw e
    throw new ApiError(NETWORK_ERROR, toProblem(NETWORK_ERROR, null))
  }
  if (!result.response.ok || result.error !== undefined) {
    throw new ApiError(result.response.status, toProblem(result.response.status, result.error))
  }
  return result.data as D
}
