// The sign-up form while it is being filled in, so reading the privacy notice (another page) or a reload
// loses nothing. Kept in sessionStorage for this tab only; passwords and codes are never stored.
import { defineStore } from 'pinia'
import { reactive, watch } from 'vue'
import { emptySignupForm, type SignupForm } from '@/validation/signup-form'
import { readJson, safeSessionStorage, writeJson } from './storage'

export const SIGNUP_DRAFT_KEY = 'weikao.candidate.signup-draft'

type StoredDraft = Omit<SignupForm, 'password' | 'passwordConfirm' | 'code'>

function isStoredDraft(v: unknown): v is StoredDraft {
  if (typeof v !== 'object' || v === null) return false
  const d = v as Record<string, unknown>
  const strings = ['idType', 'idNumber', 'name', 'phone', 'email', 'sex', 'birthDate']
  return strings.every((k) => typeof d[k] === 'string') && typeof d.privacyAccepted === 'boolean'
}

export const useSignupDraftStore = defineStore('signupDraft', () => {
  const form = reactive<SignupForm>({
    ...emptySignupForm(),
    ...readJson(safeSessionStorage(), SIGNUP_DRAFT_KEY, isStoredDraft),
  })

  watch(
    form,
    () => {
      const { password: _p, passwordConfirm: _c, code: _code, ...rest } = form
      writeJson(safeSessionStorage(), SIGNUP_DRAFT_KEY, rest)
    },
    { deep: true },
  )

  function reset(): void {
    Object.assign(form, emptySignupForm())
    writeJson(safeSessionStorage(), SIGNUP_DRAFT_KEY, null)
  }

  return { form, reset }
})
