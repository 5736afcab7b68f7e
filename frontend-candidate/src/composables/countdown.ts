// A seconds countdown (resend timers, login waits) that stops itself and cleans up with its component.
import { computed, getCurrentScope, onScopeDispose, ref, type ComputedRef, type Ref } from 'vue'

export interface Countdown {
  remaining: Ref<number>
  running: ComputedRef<boolean>
  start(seconds: number): void
  stop(): void
}

export function useCountdown(): Countdown {
  const remaining = ref(0)
  let timer: ReturnType<typeof setInterval> | null = null
  let endsAt = 0

  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
    remaining.value = 0
  }

  function tick(): void {
    // Computed from the end time, so a tab that was asleep catches up instead of drifting.
    remaining.value = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000))
    if (remaining.value === 0) stop()
  }

  function start(seconds: number): void {
    stop()
    if (seconds <= 0) return
    endsAt = Date.now() + seconds * 1000
    remaining.value = Math.ceil(seconds)
    timer = setInterval(tick, 1000)
  }

  if (getCurrentScope()) onScopeDispose(stop)
  return { remaining, running: computed(() => remaining.value > 0), start, stop }
}
