// The registration whose payment the candidate left the app for (the cashier): the only payment state kept on
// the device, in sessionStorage. The cashier's way back leads to the app's root, so home sends the candidate
// on to that registration's payment page, which then waits for the result.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { readJson, safeSessionStorage, writeJson } from './storage'

export const PAYMENT_RETURN_KEY = 'weikao.candidate.payment-return'

const isId = (v: unknown): v is string => typeof v === 'string' && v !== ''

export const usePaymentReturnStore = defineStore('payment-return', () => {
  const away = ref<string | null>(readJson(safeSessionStorage(), PAYMENT_RETURN_KEY, isId))

  function save(id: string | null): void {
    away.value = id
    writeJson(safeSessionStorage(), PAYMENT_RETURN_KEY, id)
  }

  /** The candidate is being sent to the cashier to pay `registrationId`. */
  function leave(registrationId: string): void {
    save(registrationId)
  }

  /** Whether the candidate comes back from paying `registrationId` (answered once). */
  function takeReturn(registrationId: string): boolean {
    if (away.value !== registrationId) return false
    save(null)
    return true
  }

  return { away, leave, takeReturn }
})
