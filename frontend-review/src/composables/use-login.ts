// The login conversation: password → (TOTP code | TOTP enrolment) → session.
import { ref } from 'vue'
import { completeEnrolment, staffLogin } from '@/api/auth'
import { ApiError } from '@/api/problem'
import type { StaffLoginResponse, StaffProfile, TotpEnrolment } from '@/api/types'
import { useSessionStore } from '@/stores/session'

export type LoginStep = 'password' | 'enrol'

export function useLogin(onSignedIn: (staff: StaffProfile) => void | Promise<void>) {
  const session = useSessionStore()
  const step = ref<LoginStep>('password')
  const totpNeeded = ref(false)
  const enrolment = ref<TotpEnrolment | null>(null)
  const busy = ref(false)
  const error = ref<unknown>(null)

  async function finish(response: StaffLoginResponse): Promise<void> {
    if (response.status === 'authenticated' && response.tokens) {
      session.setTokens(response.tokens)
      const staff = await session.loadProfile()
      await onSignedIn(staff)
    } else if (response.status === 'totp_enrolment_required' && response.enrolment) {
      enrolment.value = response.enrolment
      step.value = 'enrol'
    } else {
      throw new ApiError(500, { type: 'about:blank', title: 'Unexpected', status: 500, code: 'internal_error' })
    }
  }

  async function run(action: () => Promise<void>): Promise<void> {
    busy.value = true
    error.value = null
    try {
      await action()
    } catch (e) {
      error.value = e
    } finally {
      busy.value = false
    }
  }

  function submitPassword(username: string, password: string, totpCode: string): Promise<void> {
    return run(async () => {
      try {
        await finish(await staffLogin(username, password, totpNeeded.value ? totpCode : undefined))
      } catch (e) {
        if (e instanceof ApiError && e.code === 'totp_required') totpNeeded.value = true
        throw e
      }
    })
  }

  function submitEnrolment(code: string): Promise<void> {
    return run(async () => {
      if (!enrolment.value) return
      await finish(await completeEnrolment(enrolment.value.enrolment_token, code))
    })
  }

  function restart(): void {
    step.value = 'password'
    totpNeeded.value = false
    enrolment.value = null
    error.value = null
  }

  return { step, totpNeeded, enrolment, busy, error, submitPassword, submitEnrolment, restart }
}
