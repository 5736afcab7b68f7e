// Turns an API error into one sentence in the current language (from the table in error-codes.ts).
import { ApiError } from '@/api/problem'

export interface Translator {
  t(key: string, params?: Record<string, unknown>): string
  te(key: string): boolean
}

/** Minutes shown for a lock: rounded up, at least 1. */
export function retryMinutes(retryAfterSeconds: number | null | undefined): number {
  return Math.max(1, Math.ceil((retryAfterSeconds ?? 60) / 60))
}

export function describeError(error: unknown, i18n: Translator): string {
  if (!(error instanceof ApiError)) return i18n.t('errors.codes.network_error')
  const { code, retry_after: retryAfter } = error.problem
  const key = `errors.codes.${code}`
  if (!i18n.te(key)) return i18n.t('errors.unknown', { status: error.status })
  return i18n.t(key, { minutes: retryMinutes(retryAfter), seconds: Math.max(1, retryAfter ?? 1) })
}

/** Messages for one field's error codes, e.g. `reason` → ['原因须为 4–200 个字符']. */
export function describeFieldErrors(error: unknown, field: string, i18n: Translator): string[] {
  if (!(error instanceof ApiError)) return []
  return error.fieldCodes(field).map((code) => {
    const key = `errors.fields.${code}`
    return i18n.te(key) ? i18n.t(key) : code
  })
}

/**
 * One field's messages in a line: the form's own codes, then the server's for `field`. `own` gives a screen's
 * wording for some codes (code → message key), e.g. `name_length` of an API client rather than a person's name.
 */
export function fieldMessage(clientCodes: readonly string[], error: unknown, field: string, i18n: Translator, own: Record<string, string> = {}): string {
  const server = error instanceof ApiError ? error.fieldCodes(field) : []
  return [...clientCodes, ...server]
    .map((code) => {
      if (own[code]) return i18n.t(own[code])
      const key = `errors.fields.${code}`
      return i18n.te(key) ? i18n.t(key) : code
    })
    .join(' ')
}

/** A server's field errors outside `placed` (fields the form has no input for), as `field: message` lines. */
export function otherFieldErrors(error: unknown, placed: (field: string) => boolean, i18n: Translator): string[] {
  if (!(error instanceof ApiError) || !error.problem.errors) return []
  return Object.keys(error.problem.errors)
    .filter((field) => !placed(field))
    .map((field) => `${field}: ${describeFieldErrors(error, field, i18n).join(' ')}`)
}
