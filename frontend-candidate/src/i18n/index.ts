import { createI18n } from 'vue-i18n'
import { errorMessages } from './error-codes'
import enUS from './locales/en-US'
import zhCN, { type Messages } from './locales/zh-CN'
import payEN from './locales/payment.en-US'
import payZH, { type PayMessages } from './locales/payment.zh-CN'
import regEN from './locales/registration.en-US'
import regZH, { type RegMessages } from './locales/registration.zh-CN'
import supEN from './locales/supplement.en-US'
import supZH, { type SupMessages } from './locales/supplement.zh-CN'

export const LOCALES = ['zh-CN', 'en-US'] as const
export type Locale = (typeof LOCALES)[number]

export const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', 'en-US': 'English' }

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v)
}

type AllMessages = Messages & { reg: RegMessages; pay: PayMessages; sup: SupMessages; errors: Record<string, string> }

export const messages: Record<Locale, AllMessages> = {
  'zh-CN': { ...zhCN, reg: regZH, pay: payZH, sup: supZH, errors: errorMessages('zh-CN') },
  'en-US': { ...enUS, reg: regEN, pay: payEN, sup: supEN, errors: errorMessages('en-US') },
}

export function createAppI18n(locale: Locale = 'zh-CN') {
  return createI18n<[AllMessages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages,
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
