// Shared by the unlock and password-reset pages: a target (mobile or e-mail) and a code sent to it.
import { computed, reactive } from 'vue'
import { ApiError } from '@/api/errors'
import { channelOf, validateTarget } from '@/validation/contact'
import { validateCode } from '@/validation/fields'
import type { FieldErrors } from '@/composables/field-errors'

export function useCodeTarget<F extends string>(errors: FieldErrors<F | 'target' | 'code'>, initialTarget: string) {
  const state = reactive({ target: initialTarget, code: '' })
  const channel = computed(() => channelOf(state.target.trim()))

  function checkTarget(): boolean {
    errors.set('target', validateTarget(state.target))
    return !errors.codes.target?.length
  }

  function checkCode(): boolean {
    const c = validateCode(state.code)
    errors.set('code', c ? [c] : [])
    return !c
  }

  /** Puts `target` field errors of a failed code request under the target field; true if it did. */
  function takeTargetErrors(e: unknown): boolean {
    if (e instanceof ApiError && e.fieldErrors.target) {
      errors.set('target', e.fieldErrors.target)
      return true
    }
    return false
  }

  return { state, channel, checkTarget, checkCode, takeTargetErrors }
}
