// Test helpers: a scripted fetch, and mounting a view inside the real app plumbing (Pinia, i18n, router,
// API client with the session middleware), with only the network replaced.
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { createApiClient, installApiClient } from '@/api/client'
import { createAppI18n } from '@/i18n'
import { routes } from '@/router/routes'
import { useSessionStore } from '@/stores/session'

export interface Call {
  method: string
  path: string
  auth: string | null
  body: unknown
}

export type Reply = Response | Error | ((call: Call) => Response | Error | Promise<Response | Error>)

/** A fetch that answers from a list of handlers by `METHOD /path` and records every call. */
export function scriptedFetch(script: Record<string, Reply | Reply[]>) {
  const calls: Call[] = []
  const queues = new Map<string, Reply[]>()
  for (const [k, v] of Object.entries(script)) queues.set(k, Array.isArray(v) ? [...v] : [v])
  async function fetchImpl(req: Request): Promise<Response> {
    const url = new URL(req.url)
    const text = await req.text()
    const call: Call = {
      method: req.method,
      path: url.pathname,
      auth: req.headers.get('Authorization'),
      body: text ? JSON.parse(text) : undefined,
    }
    calls.push(call)
    const key = `${req.method} ${url.pathname}`
    const queue = queues.get(key)
    if (!queue || queue.length === 0) throw new Error(`unexpected request ${key}`)
    const next = queue.length > 1 ? queue.shift() : queue[0]
    const out = typeof next === 'function' ? await next(call) : next
    if (out instanceof Error) throw out
    return out as Response
  }
  return { fetch: fetchImpl, calls }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  })
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return json(status, { type: `urn:weikao:problem:${code}`, title: 'x', status, code, ...extra })
}

export function noContent(): Response {
  return new Response(null, { status: 204 })
}

export const tokens = (n: number) => ({
  access_token: `access-${n}`,
  token_type: 'Bearer',
  expires_in: 900,
  refresh_token: `refresh-${n}`,
  refresh_expires_in: 1209600,
})

export interface Mounted {
  wrapper: VueWrapper
  router: Router
  calls: Call[]
}

/** Mounts `view` at `path` with the app's routes, a fresh Pinia and the API client over `script`. */
export async function mountView(
  view: Component,
  path: string,
  script: Record<string, Reply | Reply[]> = {},
  opts: { signedIn?: boolean; sessionStorage?: Record<string, string> } = {},
): Promise<Mounted> {
  localStorage.clear()
  sessionStorage.clear()
  for (const [k, v] of Object.entries(opts.sessionStorage ?? {})) sessionStorage.setItem(k, v)
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore()
  if (opts.signedIn) session.setTokens(tokens(1))
  const { fetch, calls } = scriptedFetch(script)
  installApiClient(
    createApiClient({ tokens: session.tokenStore(), onSessionEnded: () => undefined, baseUrl: 'http://test', fetch }),
  )
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(view, {
    global: { plugins: [pinia, createAppI18n('zh-CN'), router] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router, calls }
}
