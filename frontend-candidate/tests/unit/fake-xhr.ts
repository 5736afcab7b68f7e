// A scripted XMLHttpRequest for the material uploads: records each request (method, URL, headers, body),
// and lets the test (or an `onSend` handler) report upload progress, answer, fail or abort.
import { vi } from 'vitest'

export class FakeXhr {
  static sent: FakeXhr[] = []
  /** Called for every request sent; may answer it right away or leave it pending. */
  static onSend: ((xhr: FakeXhr) => void) | null = null

  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = undefined
  status = 0
  responseText = ''
  aborted = false
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  ontimeout: (() => void) | null = null
  onabort: (() => void) | null = null

  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value
  }

  send(body: unknown): void {
    this.body = body
    FakeXhr.sent.push(this)
    FakeXhr.onSend?.(this)
  }

  abort(): void {
    this.aborted = true
    this.onabort?.()
  }

  // ---- driven by the test

  progress(loaded: number, total: number): void {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent)
  }

  respond(status: number, body?: unknown): void {
    this.status = status
    this.responseText = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
    this.onload?.()
  }

  fail(): void {
    this.onerror?.()
  }

  get auth(): string | null {
    return this.headers.Authorization ?? null
  }
}

/** Replaces the global XMLHttpRequest until vi.unstubAllGlobals(). */
export function installFakeXhr(onSend: ((xhr: FakeXhr) => void) | null = null): typeof FakeXhr {
  FakeXhr.sent = []
  FakeXhr.onSend = onSend
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  return FakeXhr
}

export const asXhr = (x: FakeXhr) => x as unknown as XMLHttpRequest

export const problemBody = (status: number, code: string, extra: Record<string, unknown> = {}) => ({
  type: `urn:weikao:problem:${code}`,
  title: 'x',
  status,
  code,
  ...extra,
})
