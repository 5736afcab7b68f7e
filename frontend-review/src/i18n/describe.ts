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
