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
