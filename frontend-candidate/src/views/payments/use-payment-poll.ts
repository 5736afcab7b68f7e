// Waiting for the result after the cashier: reads the orders every 2 s until one is paid, the latest one
// ended, or 2 minutes passed (payments/progress.ts decides), with the share of the wait used up for a progress
// bar. Stops itself and with its component.
import { getCurrentScope, onScopeDispose, ref } from 'vue'
import type { PaymentView } from '@/api/types'
import { failedPollPhase, POLL_INTERVAL_MS, POLL_LIMIT_MS, pollPhase, type PollPhase } from '@/payments/progress'

export function usePaymentPoll(list: () => Promise<PaymentView[]>, now: () => number = () => Date.now()) {
  const orders = ref<PaymentView[]>([])
  /** null while not waiting. */
  const phase = ref<PollPhase | null>(null)
  /** Percent of the longest wait used up. */
  const progress = ref(0)
  let timer: ReturnType<typeof setTimeout> | null = null
  let startedAt = 0
  let run = 0

  function stop(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    run += 1
  }

  async function poll(mine: number): Promise<void> {
    timer = null
    let next: PollPhase
    try {
      const read = await list()
      if (mine !== run) return
      orders.value = read
      next = pollPhase(read, now() - startedAt)
    } catch {
      if (mine !== run) return
      next = failedPollPhase(now() - startedAt)
    }
    progress.value = Math.min(100, Math.round(((now() - startedAt) * 100) / POLL_LIMIT_MS))
    phase.value = next
    if (next === 'confirming') timer = setTimeout(() => void poll(mine), POLL_INTERVAL_MS)
  }

  /** Starts (or starts over) waiting for the result. */
  function start(): void {
    stop()
    startedAt = now()
    progress.value = 0
    phase.value = 'confirming'
    void poll(run)
  }

  if (getCurrentScope()) onScopeDispose(stop)
  return { orders, phase, progress, start, stop }
}
