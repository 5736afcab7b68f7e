import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ApiClientsView from '@/views/ApiClientsView.vue'
import type { ApiClientView } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { API_SCOPES, checkClientDraft, clientPatchBody, draftFromClient, emptyClientDraft, newClientBody, parseOrigins, scopeOptions } from '@/utils/api-clients'
import { plugins, problem, settle, staff, testRouter, tokens } from './helpers'

const api = vi.hoisted(() => ({ listApiClients: vi.fn(), createApiClient: vi.fn(), updateApiClient: vi.fn(), rotateApiClientSecret: vi.fn() }))
vi.mock('@/api/api-clients', () => api)

const client = (extra: Partial<ApiClientView> = {}): ApiClientView => ({
  client_id: 'national-network',
  name: '国家医学考试网',
  scopes: ['registrations:read', 'identity:read'],
  allowed_origins: ['https://wsks.example.cn'],
  rate_limit_per_minute: 600,
  active: true,
  created_at: '2026-01-01T00:00:00Z',
  last_used_at: null,
  ...extra,
})

describe('API clients: pure logic', () => {
  it('reads origins one per line and checks the form with the server’s codes', () => {
    expect(parseOrigins(' https://a.example.cn \nhttps://b.example.cn:8443/\n\nhttps://a.example.cn')).toEqual(['https://a.example.cn', 'https://b.example.cn:8443'])
    expect(checkClientDraft({ ...emptyClientDraft(), rate_limit_per_minute: 0 }, true)).toEqual({
      client_id: ['client_id_invalid'],
      name: ['name_length'],
      scopes: ['scopes_required'],
      rate_limit_per_minute: ['out_of_range'],
    })
    const draft = { ...emptyClientDraft(), client_id: 'base-resource', name: '省基础资源系统', scopes: ['probation:write'], origins: 'https://jc.example.cn/path' }
    expect(checkClientDraft(draft, true)).toEqual({ allowed_origins: ['origin_invalid'] })
    expect(checkClientDraft({ ...draft, client_id: 'bad id!' }, true).client_id).toEqual(['client_id_invalid'])
    expect(newClientBody({ ...draft, origins: 'https://jc.example.cn' })).toEqual({
      client_id: 'base-resource',
      name: '省基础资源系统',
      scopes: ['probation:write'],
      allowed_origins: ['https://jc.example.cn'],
      rate_limit_per_minute: 600,
    })
  })

  it('patches only what changed and offers scopes a client holds beyond the known ones', () => {
    const c = client()
    expect(clientPatchBody(c, draftFromClient(c))).toEqual({})
    expect(clientPatchBody(c, { ...draftFromClient(c), scopes: ['identity:read', 'registrations:read'] })).toEqual({})
    expect(clientPatchBody(c, { ...draftFromClient(c), origins: '', rate_limit_per_minute: 120, scopes: ['materials:read'] })).toEqual({
      scopes: ['materials:read'],
      allowed_origins: [],
      rate_limit_per_minute: 120,
    })
    expect(scopeOptions(['legacy:read'])).toEqual([...API_SCOPES, 'legacy:read'])
  })
})

async function mountView() {
  const { pinia, i18n } = plugins()
  const store = useSessionStore(pinia)
  store.setTokens(tokens())
  store.staff = staff({ role: 'region_admin', review_level: null, username: 'region_admin' })
  const router = testRouter([{ path: '/api-clients', name: 'apiClients', component: ApiClientsView }])
  await router.push('/api-clients')
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return wrapper
}

const body = (selector: string) => document.body.querySelector<HTMLElement>(selector)
async function click(selector: string): Promise<void> {
  const el = body(selector)
  if (!el) throw new Error(`nothing at ${selector}`)
  el.click()
  await settle(8)
}
async function fill(selector: string, value: string): Promise<void> {
  const el = body(selector) as HTMLInputElement
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}
async function confirmBox(text: string): Promise<void> {
  // a closed box lingers in the page while it fades out: take the one that says `text`
  const box = () => [...document.querySelectorAll<HTMLElement>('.el-message-box')].find((b) => b.textContent?.includes(text))
  await vi.waitFor(() => expect(box()).toBeDefined())
  box()!.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!.click()
  await settle(8)
}
const dialogText = () => body('[data-testid="api-client-dialog"]')?.textContent ?? ''

beforeEach(() => {
  document.body.innerHTML = ''
  Object.values(api).forEach((f) => f.mockReset())
  api.listApiClients.mockResolvedValue([client(), client({ client_id: 'talent-center', name: '国家人才中心', scopes: ['talent:exchange'], allowed_origins: [], active: false })])
})

describe('API clients screen', { timeout: 30_000 }, () => {
  it('lists clients with scopes, origins and state in words', async () => {
    const wrapper = await mountView()
    expect(document.body.querySelectorAll('[data-testid="api-client-row"]').length).toBe(2)
    const states = [...document.body.querySelectorAll('[data-testid="api-client-state"]')].map((s) => s.textContent?.trim())
    expect(states).toEqual(['启用', '已停用'])
    const table = body('[data-testid="api-clients-table"]')?.textContent ?? ''
    expect(table).toContain('https://wsks.example.cn')
    expect(table).toContain('不允许浏览器跨域调用')
    expect(table).toContain('从未使用')
    wrapper.unmount()
  })

  it('registers a client: checks the form, shows the server’s field errors and 409, then the secret once', async () => {
    const wrapper = await mountView()
    await click('[data-testid="api-client-add"]')
    await click('[data-testid="api-client-save"]')
    expect(api.createApiClient).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(dialogText()).toContain('请至少选择一个权限范围'))
    expect(dialogText()).toContain('客户端标识须为 1–64 个字母')

    await fill('input[data-testid="api-client-id"]', 'base-resource')
    await fill('input[data-testid="api-client-name"]', '省基础资源系统')
    await click('[data-testid="api-client-scope-probation:write"] input')
    await click('[data-testid="api-client-scope-institutions:write"] input')
    await fill('textarea[data-testid="api-client-origins"]', 'https://jc.example.cn')
    api.createApiClient.mockRejectedValueOnce(problem(422, 'validation_failed', { errors: { allowed_origins: ['origin_invalid'] } }))
    await click('[data-testid="api-client-save"]')
    expect(api.createApiClient).toHaveBeenCalledWith({
      client_id: 'base-resource',
      name: '省基础资源系统',
      scopes: ['probation:write', 'institutions:write'],
      allowed_origins: ['https://jc.example.cn'],
      rate_limit_per_minute: 600,
    })
    await vi.waitFor(() => expect(dialogText()).toContain('来源格式须为 scheme://host[:port]'))

    api.createApiClient.mockRejectedValueOnce(problem(409, 'client_exists'))
    await click('[data-testid="api-client-save"]')
    await vi.waitFor(() => expect(body('[data-testid="api-client-dialog"] [data-testid="error"]')?.getAttribute('data-code')).toBe('client_exists'))
    expect(dialogText()).toContain('此客户端标识已被使用')

    api.createApiClient.mockResolvedValueOnce({ client: client({ client_id: 'base-resource', name: '省基础资源系统', scopes: ['probation:write'] }), client_secret: 'S3cr3t-once-only' })
    await click('[data-testid="api-client-save"]')
    await vi.waitFor(() => expect(body('[data-testid="api-client-secret-value"]')?.textContent).toBe('S3cr3t-once-only'))
    expect(body('[data-testid="api-client-secret-warning"]')?.textContent).toContain('只显示这一次')
    expect(document.body.querySelectorAll('[data-testid="api-client-row"]').length).toBe(3)
    await click('[data-testid="api-client-secret-close"]')
    await vi.waitFor(() => expect(body('[data-testid="api-client-secret-value"]')?.textContent ?? '').toBe(''))
    wrapper.unmount()
  })

  it('changes scopes and rate limit with only what changed', async () => {
    api.updateApiClient.mockResolvedValueOnce(client({ scopes: ['registrations:read', 'identity:read', 'materials:read'] }))
    const wrapper = await mountView()
    await click('[data-testid="api-client-edit"]')
    expect((body('input[data-testid="api-client-id"]') as HTMLInputElement).disabled).toBe(true)
    await click('[data-testid="api-client-scope-materials:read"] input')
    await click('[data-testid="api-client-save"]')
    expect(api.updateApiClient).toHaveBeenCalledWith('national-network', { scopes: ['registrations:read', 'identity:read', 'materials:read'] })
    wrapper.unmount()
  })

  it('disables a client and rotates a secret after confirming; the new secret is shown once', async () => {
    api.updateApiClient.mockResolvedValueOnce(client({ active: false }))
    api.rotateApiClientSecret.mockResolvedValueOnce({ client: client(), client_secret: 'new-secret-9' })
    const wrapper = await mountView()
    await click('[data-testid="api-client-toggle"]')
    await confirmBox('令牌立即失效')
    expect(api.updateApiClient).toHaveBeenCalledWith('national-network', { active: false })
    await vi.waitFor(() => expect(body('[data-testid="api-client-state"]')?.getAttribute('data-active')).toBe('false'))

    await click('[data-testid="api-client-rotate"]')
    await confirmBox('旧密钥立即不能再换取令牌')
    expect(api.rotateApiClientSecret).toHaveBeenCalledWith('national-network')
    await vi.waitFor(() => expect(body('[data-testid="api-client-secret-value"]')?.textContent).toBe('new-secret-9'))
    expect(body('[data-testid="api-client-secret-dialog"]')?.textContent).toContain('密钥已更换')
    wrapper.unmount()
  })
})
