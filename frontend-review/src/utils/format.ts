// Dates are shown in the exam office's time zone whatever the reviewer's machine says.
const TIME_ZONE = 'Asia/Shanghai'

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(value: string): boolean {
  return UUID.test(value)
}

/** The first 8 characters of a long identifier (a UUID), for display; the full value belongs in a title. */
export function shortId(value: string): string {
  return value.length > 13 ? `${value.slice(0, 8)}…` : value
}

/** The day (`YYYY-MM-DD`) it is at `date` in the exam office's time zone. */
export function officeDay(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/**
 * Integer fen as yuan with two decimals and thousands separators: 1234567 → `12,345.67`, -5 → `-0.05`.
 * It moves the decimal point in the digits and never divides, so the amount stays exact.
 */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) return String(fen)
  const digits = String(Math.abs(fen)).padStart(3, '0')
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${fen < 0 ? '-' : ''}${whole}.${digits.slice(-2)}`
}

const YUAN = /^(\d+)(?:\.(\d{1,2}))?$/

/**
 * Yuan as typed (`56.5`, `0.05`, `120`) → integer fen (5650, 5, 12000), or null when it is not a plain non-negative
 * amount with at most two decimals (`1.234`, `-1`, `abc`, `1,000`, empty). The digits are joined as text
 * (whole yuan + the fen padded to two places) and read as one integer: no floating-point arithmetic anywhere.
 */
export function parseYuan(input: string): number | null {
  const m = YUAN.exec(input.trim())
  if (!m) return null
  const fen = Number(`${m[1]}${(m[2] ?? '').padEnd(2, '0')}`)
  return Number.isSafeInteger(fen) ? fen : null
}

/** Integer fen as yuan to edit (`5650` → `56.50`): formatYuan without the thousands separators. */
export function yuanInput(fen: number): string {
  return formatYuan(fen).replace(/,/g, '')
}

/** `2026-03-01T02:00:00Z` → `2026-03-01 10:00`: the wall-clock minute in the exam office's time zone, for editing. */
export function officeDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`
}

const OFFICE_MINUTE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$/

/**
 * The inverse of officeDateTime (`2026-03-01 10:00` → `2026-03-01T02:00:00.000Z`; Beijing has no daylight saving,
 * so the offset is always +08:00), or null when the text is not such a minute. An unchanged value gives back
 * `original` itself, so that the seconds of a window nobody touched survive a save.
 */
export function officeToIso(value: string, original?: string | null): string | null {
  if (original && officeDateTime(original) === value) return original
  const m = OFFICE_MINUTE.exec(value.trim())
  if (!m) return null
  const date = new Date(`${m[1]}T${m[2]}:00+08:00`)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}
