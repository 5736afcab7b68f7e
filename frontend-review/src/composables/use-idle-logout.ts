// Wires the idle timer to the page: activity events restart it, the warning dialog counts down, the timeout
// logs out on the server and goes to the login page.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { useRouter } from 'vue-router'
import { useSessionStore } from '@/stores/session'
import { createIdleTimer, idleSettings, type IdleTimer } from './idle-timer'

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const

export function useIdleLogout() {
  const router = useRouter()
  const session = useSessionStore()
  const warning = ref(false)
  const secondsLeft = ref(0)
  let timer: IdleTimer | null = null
  let countdown: ReturnType<typeof setInterval> | undefined
  let lastTouch = 0

  function stopCountdown(): void {
    if (countdown !== undefined) clearInterval(countdown)
    countdown = undefined
  }

  async function logout(reason: 'idle' | 'user'): Promise<void> {
    timer?.stop()
    stopCountdown()
    warning.value = false
    await session.logout()
    await router.push({ name: 'login', query: reason === 'idle' ? { reason: 'idle' } : { reason: 'logout' } })
  }

  // While the warning is shown only an explicit choice keeps the session (a stray mouse move does not).
  function onActivity(): void {
    if (!timer || warning.value) return
    const now = Date.now()
    if (now - lastTouch < 1000) return
    lastTouch = now
    timer.touch()
  }

  function stay(): void {
    stopCountdown()
    warning.value = false
    timer?.touch()
  }

  onMounted(() => {
    const { timeoutMs, warningMs } = idleSettings(import.meta.env)
    timer = createIdleTimer({
      timeoutMs,
      warningMs,
      onWarning(remainingMs) {
        warning.value = true
        const deadline = Date.now() + remainingMs
        secondsLeft.value = Math.ceil(remainingMs / 1000)
        stopCountdown()
        countdown = setInterval(() => {
          secondsLeft.value = Math.max(0, Math.ceil((deadline - Date.now()) / 1000))
        }, 1000)
      },
      onTimeout() {
        void logout('idle')
      },
    })
    ACTIVITY.forEach((name) => window.addEventListener(name, onActivity, { passive: true }))
  })

  onBeforeUnmount(() => {
    timer?.stop()
    stopCountdown()
    ACTIVITY.forEach((name) => window.removeEventListener(name, onActivity))
  })

  return { warning, secondsLeft, stay, logout }
}
