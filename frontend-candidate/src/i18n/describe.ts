// Readable text for any failure: the error-code table first, then generic texts by kind and status.
// Screens call these; nothing shows a raw body or a bare status.
import { ApiError } from '@/api/errors'
import { isKnownCode } from './error-codes'

/** The translate function of vue-i18n (`useI18n().t`), narrowed to what we use. */
export type Translate = (key: string, named?: Record<string, unknown>) => string

/** 45 → "45 秒"; 125 → "2 分 5 秒"; 120 → "2 分钟" (and the en-US equivalents). */
export function formatWait(totalSeconds: number, t: Translate): string {
  const secs = Math.max(1, Math.ceil(totalSeconds))
  if (secs < 60) return t('duration.seconds', { n: secs })
  const m = Math.floor(secs / 60)
  const s = secs % 60
  return s === 0 ? t('duration.minutes', { m }) : t('duration.minutesSeconds', { m, s })
}

/** Text for one error code (field code or problem code); unknown codes get a generic text with the code. */
export function codeMessage(code: string, t: Translate, retryAfter?: number): string {
  if (!isKnownCode(code)) return t('errors.unknown_code', { code })
  return t(`errors.${code}`, { wait: formatWait(retryAfter ?? 60, t) })
}

/** One readable sentence for whatever an API call threw. */
export function describeError(e: unknown, t: Translate): string {
  if (!(e instanceof ApiError)) return t('errors.unexpected')
  const f = e.failure
  if (f.kind === 'network') return t('errors.network')
  if (f.kind === 'http') return t('errors.http_error', { status: f.status })
  const code = f.problem.code
  if (isKnownCode(code)) return codeMessage(code, t, e.retryAfter)
  if (f.status >= 500) return t('errors.internal_error')
  return t('errors.unknown_code', { code })
}

/** Server field errors translated and mapped onto form fields (`serverField → formField`). */
export function mapFieldErrors<F extends string>(
  e: ApiError,
  mapping: Record<string, F>,
): { fields: Partial<Record<F, string[]>>; unmapped: string[] } {
  const fields: Partial<Record<F, string[]>> = {}
  const unmapped: string[] = []
  for (const [serverField, codes] of Object.entries(e.fieldErrors)) {
    const target = mapping[serverField]
    if (target) fields[target] = [...(fields[target] ?? []), ...codes]
    else unmapped.push(...codes)
  }
  return { fields, unmapped }
}
