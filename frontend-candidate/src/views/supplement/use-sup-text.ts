// Texts the supplement screens share: the status in words, the messages of supplement/state.ts, material names.
import { useI18n } from 'vue-i18n'
import type { Message } from '@/supplement/state'
import { useRegText } from '@/views/registration/use-reg-text'

export function useSupText() {
  const { t, te } = useI18n()
  const reg = useRegText()
  return {
    status: (s: string): string => (te(`sup.status.${s}`) ? t(`sup.status.${s}`) : s),
    /** A message's sentence ('' for none). */
    message: (m: Message | null | undefined): string => (m ? t(m.key, m.named ?? {}) : ''),
    kindName: (kind: string): string => reg.material(kind),
    kindNames: (kinds: readonly string[]): string => kinds.map(reg.material).join('、'),
  }
}
