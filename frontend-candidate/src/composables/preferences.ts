// Display preferences kept on the device (not in Pinia, which holds only the session and drafts):
// large-text mode and the language. Applied to <html> so CSS and Vant's variables follow.
import { ref, watch, type Ref } from 'vue'
import { isLocale, type Locale } from '@/i18n'
import { readJson, safeLocalStorage, writeJson } from '@/stores/storage'

const KEY = 'weikao.candidate.preferences'

interface Preferences {
  largeText: boolean
  locale: Locale
}

function isPreferences(v: unknown): v is Preferences {
  if (typeof v !== 'object' || v === null) return false
  const p = v as Record<string, unknown>
  return typeof p.largeText === 'boolean' && isLocale(p.locale)
}

const stored = readJson(safeLocalStorage(), KEY, isPreferences)
const largeText = ref(stored?.largeText ?? false)
const locale = ref<Locale>(stored?.locale ?? 'zh-CN')

export function applyToDocument(doc: Document = document): void {
  doc.documentElement.classList.toggle('wk-large-text', largeText.value)
  doc.documentElement.setAttribute('lang', locale.value)
}

watch([largeText, locale], () => {
  writeJson(safeLocalStorage(), KEY, { largeText: largeText.value, locale: locale.value })
  if (typeof document !== 'undefined') applyToDocument()
})

export function usePreferences(): { largeText: Ref<boolean>; locale: Ref<Locale> } {
  return { largeText, locale }
}
