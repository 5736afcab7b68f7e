// Signs a reviewer out after a period without keyboard or pointer activity, warning shortly before.
export interface IdleTimerOptions {
  timeoutMs: number
  warningMs: number
  onWarning(remainingMs: number): void
  onTimeout(): void
  /** Called when activity resumes after a warning was shown. */
  onActive?(): void
}

export interface IdleTimer {
  /** Records activity: restarts the countdown (and ends a warning). */
  touch(): void
  stop(): void
  readonly warning: boolean
}

export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const warningMs = Math.min(options.warningMs, options.timeoutMs)
  let warnHandle: ReturnType<typeof setTimeout> | undefined
  let endHandle: ReturnType<typeof setTimeout> | undefined
  let warning = false
  let stopped = false

  function clear(): void {
    if (warnHandle !== undefined) clearTimeout(warnHandle)
    if (endHandle !== undefined) clearTimeout(endHandle)
    warnHandle = endHandle = undefined
  }

  function arm(): void {
    clear()
    warnHandle = setTimeout(() => {
      warning = true
      options.onWarning(warningMs)
    }, options.timeoutMs - warningMs)
    endHandle = setTimeout(() => {
      stopped = true
      clear()
      options.onTimeout()
    }, options.timeoutMs)
  }

  arm()

  return {
    touch() {
      if (stopped) return
      if (warning) {
        warning = false
        options.onActive?.()
      }
      arm()
    },
    stop() {
      stopped = true
      clear()
    },
    get warning() {
      return warning
    },
  }
}

/** Idle timeout from the build (`VITE_IDLE_TIMEOUT_MINUTES`, default 15) with a warning 1 minute before. */
export function idleSettings(env: Record<string, string | boolean | undefined>): { timeoutMs: number; warningMs: number } {
  const raw = Number(env.VITE_IDLE_TIMEOUT_MINUTES)
  const minutes = Number.isFinite(raw) && raw > 0 ? raw : 15
  const timeoutMs = Math.round(minutes * 60_000)
  return { timeoutMs, warningMs: Math.min(60_000, Math.round(timeoutMs / 2)) }
}
