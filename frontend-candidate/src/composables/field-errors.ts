// Per-field error codes of a form, shown translated under each field. Codes come from the client-side
// checks (on blur) and from the server's problem+json `errors`.
import { reactive, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { codeMessage } from '@/i18n/describe'

export interface FieldErrors<F extends string> {
  codes: Partial<Record<F, string[]>>
  set(field: F, codes: string[]): void
  setAll(all: Partial<Record<F, string[]>>): void
  clear(field?: F): void
  /** The translated first error of a field ('' when none): bind to van-field's error-message. */
  message(field: F): string
  any(): boolean
  first(): F | undefined
  /**
   * Re-checks a field that shows an error as soon as its value changes, so the message goes away while
   * typing (not at blur, when the layout would shift under the finger that is reaching for a button).
   */
  recheckWhileTyping(values: () => Partial<Record<F, unknown>>, check: (field: F) => void): void
}

export function useFieldErrors<F extends string>(order: readonly F[]): FieldErrors<F> {
  const { t } = useI18n()
  const codes = reactive<Partial<Record<F, string[]>>>({}) as Partial<Record<F, string[]>>

  const api: FieldErrors<F> = {
    codes,
    set(field, list) {
      if (list.length) codes[field] = list
      else delete codes[field]
    },
    setAll(all) {
      for (const f of order) delete codes[f]
      for (const f of order) {
        const list = all[f]
        if (list?.length) codes[f] = list
      }
    },
    clear(field) {
      if (field) delete codes[field]
      else for (const f of order) delete codes[f]
    },
    message(field) {
      const first = codes[field]?.[0]
      return first ? codeMessage(first, t) : ''
    },
    any() {
      return order.some((f) => (codes[f]?.length ?? 0) > 0)
    },
    first() {
      return order.find((f) => (codes[f]?.length ?? 0) > 0)
    },
    recheckWhileTyping(values, check) {
      watch(
        () => ({ ...values() }),
        (now, before) => {
          for (const f of order) {
            if (now[f] !== before[f] && (codes[f]?.length ?? 0) > 0) check(f)
          }
        },
      )
    },
  }
  return api
}
