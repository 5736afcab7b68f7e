// Shared test setup: `vi.waitFor` waits up to 5 s by default (vitest's 1 s is too short when the machine is
// busy, e.g. a build running beside the suite); a passing condition still returns at once.
import { vi } from 'vitest'

const waitFor = vi.waitFor.bind(vi)
vi.waitFor = ((callback: Parameters<typeof waitFor>[0], options?: Parameters<typeof waitFor>[1]) =>
  waitFor(callback, typeof options === 'number' ? options : { timeout: 5000, ...options })) as typeof vi.waitFor
