// Dates and times as candidates in China read them: Asia/Shanghai (UTC+8, no daylight saving).

/** `2026-12-13T21:42:29Z` → `2026-12-14 05:42`. */
export function chinaDateTime(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  return new Date(t + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}
