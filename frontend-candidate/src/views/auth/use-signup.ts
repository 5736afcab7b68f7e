// Sign-up form logic: checks on blur, the SMS code, the request, and the server's answer mapped back onto
// the fields. SignupView.vue is only the layout.
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { signup } from '@/api/auth'
import { ApiError } from '@/api/errors'
import type { SignupRequest } from '@/api/types'
import { PRIVACY_VERSION } from '@/content/privacy'
import { useFieldErrors } from '@/composables/field-errors'
import { describeError, mapFieldErrors } from '@/i18n/describe'
import { useSessionStore } from '@/stores/session'
import { useSignupDraftStore } from '@/stores/signup-draft'
import { showSuccessToast } from '@/ui/vant'
import {
  needsSexAndBirth,
  SIGNUP_FIELDS,
  SIGNUP_SERVER_FIELDS,
  validateSignupField,
  validateSignupForm,
  type SignupField,
  type SignupForm,
} from '@/validation/signup-form'
import { normalizeIdInput, todayInChina } from '@/validation/id-number'

/** The request body for a checked form. */
export function toSignupRequest(form: SignupForm): SignupRequest {
  const manual = needsSexAndBirth(form)
  return {
    id_type: form.idType,
    id_number: normalizeIdInput(form.idNumber),
    name: form.name.trim(),
    phone: form.phone.trim(),
    email: form.email.trim() || null,
    password: form.password,
    verification_channel: 'sms',
    verification_code: form.code.trim(),
    privacy_version: PRIVACY_VERSION,
    sex: manual ? form.sex : null,
    birth_date: manual ? form.birthDate : null,
  }
}

export function useSignup() {
  const { t } = useI18n()
  const router = useRouter()
  const session = useSessionStore()
  const draft = useSignupDraftStore()
  const form = draft.form
  const errors = useFieldErrors<SignupField>(SIGNUP_FIELDS)
  const today = todayInChina()
  const busy = ref(false)
  const failure = ref<unknown>(null)

  const manualSexAndBirth = computed(() => needsSexAndBirth(form))
  const errorText = computed(() => (failure.value ? describeError(failure.value, t) : ''))
  const retryable = computed(() => failure.value instanceof ApiError && failure.value.retryable)

  function check(field: SignupField): void {
    errors.set(field, validateSignupField(field, form, today))
    if (field === 'password' && form.passwordConfirm) check('passwordConfirm')
  }

  errors.recheckWhileTyping(() => ({ ...form }), check)

  function changeIdType(): void {
    if (form.idNumber) check('idNumber')
    errors.clear('sex')
    errors.clear('birthDate')
  }

  /** Before sending the SMS code the phone number must be right. */
  function canSendCode(): boolean {
    check('phone')
    return !errors.codes.phone?.length
  }

  function codeFailed(e: unknown): void {
    if (e instanceof ApiError && e.fieldErrors.target) {
      errors.set('phone', e.fieldErrors.target)
      return
    }
    failure.value = e
  }

  function applyServerError(e: unknown): void {
    if (!(e instanceof ApiError)) {
      failure.value = e
      return
    }
    if (e.code === 'validation_failed') {
      // Field codes go under their fields; the notice above the button says "see the fields".
      errors.setAll(mapFieldErrors(e, SIGNUP_SERVER_FIELDS).fields)
      failure.value = e
      return
    }
    if (e.code === 'id_number_registered') errors.set('idNumber', ['id_number_registered'])
    if (e.code === 'phone_registered') errors.set('phone', ['phone_registered'])
    failure.value = e
  }

  async function submit(): Promise<void> {
    if (busy.value) return
    errors.setAll(validateSignupForm(form, today))
    failure.value = null
    if (errors.any()) {
      document.getElementById(`signup-${errors.first() ?? ''}`)?.scrollIntoView?.({ block: "center" })
      return
    }
    busy.value = true
    try {
      const res = await signup(toSignupRequest(form))
      session.setTokens(res.tokens)
      draft.reset()
      showSuccessToast(t('signup.success'))
      await router.replace({ name: 'home' })
    } catch (e) {
      applyServerError(e)
    } finally {
      busy.value = false
    }
  }

  return {
    form,
    errors,
    today,
    busy,
    errorText,
    retryable,
    manualSexAndBirth,
    check,
    changeIdType,
    canSendCode,
    codeFailed,
    submit,
  }
}
