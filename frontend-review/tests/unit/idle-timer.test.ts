import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createIdleTimer, idleSettings } from '@/composables/idle-timer'

const MIN = 60_000

describe('idle timer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function timer(timeoutMs = 15 * MIN, warningMs = MIN) {
    const events: string[] = []
    const t = createIdleTimer({
      timeoutMs,
      warningMs,
      onWarning: (left) => events.push(`warning ${left}`),
      onTimeout: () => events.push('timeout'),
      onActive: () => events.push('active'),
    })
    return { t, events }
  }

  it('warns one minute before the timeout, then times out', () => {
    const { t, events } = timer()
    vi.advanceTimersByTime(14 * MIN - 1)
    expect(events).toEqual([])
    vi.advanceTimersByTime(1)
    expect(events).toEqual([`warning ${MIN}`])
    expect(t.warning).toBe(true)
    vi.advanceTimersByTime(MIN)
    expect(events).toEqual([`warning ${MIN}`, 'timeout'])
  })

  it('restarts the countdown on activity', () => {
    const { t, events } = timer()
    vi.advanceTimersByTime(13 * MIN)
    t.touch()
    vi.advanceTimersByTime(13 * MIN)
    expect(events).toEqual([])
    vi.advanceTimersByTime(2 * MIN)
    expect(events).toEqual([`warning ${MIN}`, 'timeout'])
  })

  it('ends a warning when activity resumes', () => {
    const { t, events } = timer()
    vi.advanceTimersByTime(14.5 * MIN)
    t.touch()
    expect(events).toEqual([`warning ${MIN}`, 'active'])
    expect(t.warning).toBe(false)
    vi.advanceTimersByTime(14 * MIN)
    expect(events).toEqual([`warning ${MIN}`, 'active', `warning ${MIN}`])
  })

  it('does nothing after stop, and activity after the timeout does not revive it', () => {
    const a = timer()
    a.t.stop()
    vi.advanceTimersByTime(60 * MIN)
    expect(a.events).toEqual([])

    const b = timer(2 * MIN)
    vi.advanceTimersByTime(2 * MIN)
    b.t.touch()
    vi.advanceTimersByTime(10 * MIN)
    expect(b.events).toEqual([`warning ${MIN}`, 'timeout'])
  })

  it('reads the timeout from the build settings', () => {
    expect(idleSettings({})).toEqual({ timeoutMs: 15 * MIN, warningMs: MIN })
    expect(idleSettings({ VITE_IDLE_TIMEOUT_MINUTES: '30' })).toEqual({ timeoutMs: 30 * MIN, warningMs: MIN })
    expect(idleSettings({ VITE_IDLE_TIMEOUT_MINUTES: '0.5' })).toEqual({ timeoutMs: 30_000, warningMs: 15_000 })
    expect(idleSettings({ VITE_IDLE_TIMEOUT_MINUTES: 'soon' })).toEqual({ timeoutMs: 15 * MIN, warningMs: MIN })
  })
})
