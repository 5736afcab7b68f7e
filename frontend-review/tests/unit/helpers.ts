import { readFileSync } from 'node:fs'
import { vi } from 'vitest'
import { resolve } from 'node:path'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router, type RouteRecordRaw } from 'vue-router'
import { defineComponent, h } from 'vue'
import { buildI18n } from '@/i18n'
import type { StaffProfile, TokenPair } from '@/api/types'
import { ApiError } from '@/api/problem'

export const Stub = (name: string) => defineComponent({ name, render: () => h('div', { 'data-page': name }) })

export function testRouter(routes: RouteRecordRaw[]): Router {
  return createRouter({ history: createMemoryHistory('/review/'), routes })
}

export function plugins(): { pinia: Pinia; i18n: ReturnType<typeof buildI18n> } {
  const pinia = createPinia()
  setActivePinia(pinia)
  return { pinia, i18n: buildI18n('zh-CN') }
}

export const tokens = (access = 'A1'): TokenPair => ({
  access_token: access,
  refresh_token: `R-${access}`,
  token_type: 'Bearer',
  expires_in: 900,
  refresh_expires_in: 1209600,
})

export const staff = (overrides: Partial<StaffProfile> = {}): StaffProfile => ({
  id: '31592b5f-25d1-490f-8b9c-4df945d3db6d',
  username: 'site_reviewer',
  display_name: '郑州市考点审核员',
  role: 'reviewer',
  review_level: 'site',
  scope_org_id: 'fdd076ee-5055-4ef3-8f77-4f1119187e05',
  scope_org_name: '郑州市考点',
  can_reveal_pii: true,
  totp_enabled: true,
  ...overrides,
})

export const problem = (status: number, code: string, extra: Partial<ApiError['problem']> = {}) =>
  new ApiError(status, { type: `urn:weikao:problem:${code}`, title: 'x', status, code, ...extra })

/** Waits for pending promises and Vue updates. */
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0))
}

/** The description of one property of a schema in ../openapi/openapi.json (where the contract lists its codes). */
export function contractDescription(schema: string, property: string): string {
  const doc = JSON.parse(readFileSync(resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
    components: { schemas: Record<string, { properties?: Record<string, { description?: string }> }> }
  }
  return doc.components.schemas[schema]?.properties?.[property]?.description ?? ''
}

/** The `code` words of a description: "`a`, `b`" → ['a', 'b']. */
export function quotedCodes(description: string): string[] {
  return [...description.matchAll(/`([a-z_]+)`/g)].map((m) => m[1])
}

/**
 * The supplements API of a registration that owes none (404 `no_supplement`), for screens that only show a
 * supplement when there is one: `vi.mock('@/api/supplements', async () => (await import('./helpers')).noSupplementApi())`.
 */
export function noSupplementApi() {
  return {
    getSupplement: vi.fn(async () => {
      throw problem(404, 'no_supplement')
    }),
    listSupplements: vi.fn(),
    decideSupplement: vi.fn(),
  }
}
