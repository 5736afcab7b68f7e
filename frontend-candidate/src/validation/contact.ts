// A code target typed by the candidate: a mobile number, or an e-mail address when it contains "@".
import type { Channel } from '@/api/types'
import { validateEmail, validateMobile } from './fields'

export function channelOf(target: string): Channel {
  return target.includes('@') ? 'email' : 'sms'
}

export function validateTarget(target: string): string[] {
  const t = target.trim()
  if (t === '') return ['target_required']
  const code = channelOf(t) === 'email' ? validateEmail(t) : validateMobile(t)
  return code ? [code] : []
}

/** The login field: an ID number or a mobile number; the server decides which. */
export function validateLoginId(login: string): string[] {
  return login.trim() === '' ? ['login_required'] : []
}
