// Library codes (`violations`) as names in the console's language; a code the messages lack is shown as given.
import type { Translator } from './describe'

export function libraryName(i18n: Translator, code: string, fallback: string = code): string {
  const key = `libraries.names.${code}`
  return i18n.te(key) ? i18n.t(key) : fallback
}
