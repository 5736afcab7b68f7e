// Money is integer fen (1 元 = 100 fen) everywhere: the server computes it, we only format it. No floating
// point ever touches an amount: the digits are split as text.

/** 28000 → "280.00"; 5 → "0.05"; -150 → "-1.50". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const digits = String(Math.abs(fen)).padStart(3, '0')
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`
}

/** 7000 → "70.00 元"; 5 → "0.05 元"; -150 → "-1.50 元". `unit` is the locale's word ("元" / "yuan"). */
export function formatFen(fen: number, unit = '元'): string {
  return `${fenToYuan(fen)} ${unit}`
}
