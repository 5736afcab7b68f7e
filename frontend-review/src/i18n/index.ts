import { createI18n } from 'vue-i18n'
import type { Locale } from './error-codes'
import zhCN from './locales/zh-CN'
import enUS from './locales/en-US'

export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US']
const KEY = 'weikao.review.locale'

export function savedLocale(): Locale {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'en-US' ? 'en-US' : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem(KEY, locale)
  document.documentElement.lang = locale
}

export function buildI18n(locale: Locale = 'zh-CN') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, 'en-US': enUS },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type { Locale }
