// Texts the payment screens share: round names (a short name for a known stage code, else the server's),
// messages of payments/next.ts, and amounts as "¥280.00" (integer fen from the server, never computed here).
import { useI18n } from 'vue-i18n'
import { fenToYuan } from '@/i18n/money'
import type { Message, RoundName } from '@/payments/next'

export function usePayText() {
  const { t, te } = useI18n()
  const round: RoundName = (code, serverName) => {
    const key = `pay.rounds.${code}`
    return code && te(key) ? t(key) : serverName || code
  }
  return {
    round,
    /** A message's sentence ('' for none). */
    message: (m: Message | null | undefined): string => (m ? t(m.key, m.named ?? {}) : ''),
    /** A message's second sentence, when it has one and it exists ('' otherwise). */
    hint: (m: Message | null | undefined): string => (m?.hint && te(m.hint) ? t(m.hint) : ''),
    yuan: (fen: number): string => t('pay.yuan', { amount: fenToYuan(fen) }),
  }
}
