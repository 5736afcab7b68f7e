// The privacy notice: its version (sent with the sign-up as `privacy_version`) and its text live in one
// file, privacy-notice.json, so a new text always comes with a new version.
import type { Locale } from '@/i18n'
import notice from './privacy-notice.json'

export interface PrivacySection {
  heading: string
  paragraphs: string[]
}

export interface PrivacyText {
  title: string
  sections: PrivacySection[]
}

export const PRIVACY_VERSION: string = notice.version
export const PRIVACY_EFFECTIVE: string = notice.effective

export function privacyText(locale: Locale): PrivacyText {
  return notice[locale]
}
