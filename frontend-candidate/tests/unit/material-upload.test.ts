// Uploading a material over XMLHttpRequest (api/upload.ts): the request (URL, bearer token, raw body),
// progress, cancelling, a 401 refreshed once through the API client's own session logic (one refresh shared
// with the typed client, one replay, the session ended when the replay is refused too), and every failure
// as an ApiError that reads as plain words under the material (materials/upload-errors.ts).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiTransport, createApiClient, installApiClient, unwrap } from '@/api/client'
import { ApiError } from '@/api/errors'
import type { TokenStore } from '@/api/session-middleware'
import type { TokenPair } from '@/api/types'
import { UploadCancelled, uploadMaterial, type UploadProgress } from '@/api/upload'
import { createAppI18n } from '@/i18n'
import { canRetry, describeUploadError, fileErrorCodes } from '@/materials/upload-errors'
import { asXhr, FakeXhr, installFakeXhr, problemBody } from './fake-xhr'
import { material } from './fixtures/registration'
import { json, problem, scriptedFetch, tokens, type Reply } from './helpers'

function memoryTokens(initial: TokenPair | null): TokenStore & { pair: TokenPair | null } {
  const store = {
    pair: initial,
    accessToken: () => store.pair?.access_token ?? null,
    refreshToken: () => store.pair?.refresh_token ?? null,
    save: (p: TokenPair) => {
      store.pair = p
    },
    clear: () => {
      store.pair = null
    },
  }
  return store
}

function setup(script: Record<string, Reply | Reply[]> = {}, initial: TokenPair | null = tokens(1)) {
  const { fetch, calls } = scriptedFetch(script)
  const store = memoryTokens(initial)
  const ended = vi.fn()
  const client = createApiClient({ tokens: store, onSessionEnded: ended, baseUrl: 'http://test', fetch })
  installApiClient(client)
  return { client, calls, store, ended }
}

const photo = () => new File([new Uint8Array(2048)], 'me.jpg', { type: 'image/jpeg' })
const refreshCalls = (calls: { method: string; path: string }[]) => calls.filter((c) => c.path === '/api/v1/auth/refresh')
const i18n = createAppI18n('zh-CN')
const t = (key: string, named?: Record<string, unknown>) => i18n.global.t(key, named ?? {})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('uploadMaterial', () => {
  it('PUTs the raw file with the bearer token and resolves with the stored material', async () => {
    setup()
    installFakeXhr()
    const task = uploadMaterial('reg-1', 'photo', photo())
    const xhr = FakeXhr.sent[0]!
    expect(xhr.method).toBe('PUT')
    expect(xhr.url).toBe('http://test/api/v1/registrations/reg-1/materials/photo')
    expect(xhr.auth).toBe('Bearer access-1')
    expect(xhr.headers['Content-Type']).toBe('application/octet-stream')
    expect(xhr.body).toBeInstanceOf(File)
    xhr.respond(201, material('photo'))
    await expect(task.done).resolves.toEqual(material('photo'))
  })

  it('reports progress as the bytes go', async () => {
    setup()
    installFakeXhr()
    const seen: UploadProgress[] = []
    const task = uploadMaterial('reg-1', 'photo', photo(), { onProgress: (p) => seen.push(p) })
    const xhr = FakeXhr.sent[0]!
    xhr.progress(512, 2048)
    xhr.progress(2048, 2048)
    xhr.respond(201, material('photo'))
    await task.done
    expect(seen.map((p) => p.fraction)).toEqual([0, 0.25, 1])
    expect(seen[1]).toEqual({ loaded: 512, total: 2048, fraction: 0.25 })
  })

  it('cancel aborts the request: nothing stored, an UploadCancelled', async () => {
    setup()
    installFakeXhr()
    const task = uploadMaterial('reg-1', 'photo', photo())
    FakeXhr.sent[0]!.progress(100, 2048)
    task.cancel()
    await expect(task.done).rejects.toBeInstanceOf(UploadCancelled)
    expect(FakeXhr.sent[0]!.aborted).toBe(true)
  })

  it('on 401 refreshes once through the client’s session and replays with the new token', async () => {
    const { calls, store, ended } = setup({ 'POST /api/v1/auth/refresh': json(200, tokens(2)) })
    installFakeXhr((xhr) => {
      if (xhr.auth === 'Bearer access-1') queueMicrotask(() => xhr.respond(401, problemBody(401, 'token_invalid')))
      else queueMicrotask(() => xhr.respond(201, material('photo')))
    })
    const task = uploadMaterial('reg-1', 'photo', photo())
    await expect(task.done).resolves.toMatchObject({ kind: 'photo' })
    expect(FakeXhr.sent.map((x) => x.auth)).toEqual(['Bearer access-1', 'Bearer access-2'])
    expect(refreshCalls(calls)).toHaveLength(1)
    expect(store.pair?.refresh_token).toBe('refresh-2')
    expect(ended).not.toHaveBeenCalled()
  })

  it('shares one refresh with the typed client when both fail together', async () => {
    const me = { kind: 'candidate', candidate: { id: 'c1', name: '张三', id_type: 'resident_id', id_number_masked: 'x', phone_masked: 'y' } }
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { client, calls } = setup({
      'POST /api/v1/auth/refresh': async () => {
        await gate
        return json(200, tokens(2))
      },
      'GET /api/v1/me': (c) => (c.auth === 'Bearer access-2' ? json(200, me) : problem(401, 'token_invalid')),
    })
    installFakeXhr((xhr) => {
      queueMicrotask(() => (xhr.auth === 'Bearer access-2' ? xhr.respond(201, material('photo')) : xhr.respond(401, problemBody(401, 'token_invalid'))))
    })
    const upload = uploadMaterial('reg-1', 'photo', photo()).done
    const read = unwrap(client.GET('/api/v1/me'))
    await new Promise((r) => setTimeout(r, 0))
    release()
    await expect(upload).resolves.toMatchObject({ kind: 'photo' })
    await expect(read).resolves.toMatchObject({ kind: 'candidate' })
    expect(refreshCalls(calls)).toHaveLength(1)
  })

  it('a replay refused too ends the session; a refused refresh ends it without a replay', async () => {
    const first = setup({ 'POST /api/v1/auth/refresh': json(200, tokens(2)) })
    installFakeXhr((xhr) => queueMicrotask(() => xhr.respond(401, problemBody(401, 'token_revoked'))))
    await expect(uploadMaterial('reg-1', 'photo', photo()).done).rejects.toMatchObject({ code: 'token_revoked' })
    expect(FakeXhr.sent).toHaveLength(2)
    expect(first.ended).toHaveBeenCalledTimes(1)
    expect(first.store.pair).toBeNull()

    const second = setup({ 'POST /api/v1/auth/refresh': problem(401, 'refresh_token_expired') })
    installFakeXhr((xhr) => queueMicrotask(() => xhr.respond(401, problemBody(401, 'token_invalid'))))
    await expect(uploadMaterial('reg-1', 'photo', photo()).done).rejects.toMatchObject({ code: 'token_invalid' })
    expect(FakeXhr.sent).toHaveLength(1)
    expect(second.ended).toHaveBeenCalledTimes(1)
  })

  it('without a session sends no token and does not refresh', async () => {
    const { calls } = setup({}, null)
    installFakeXhr((xhr) => queueMicrotask(() => xhr.respond(401, problemBody(401, 'unauthenticated'))))
    await expect(uploadMaterial('reg-1', 'photo', photo()).done).rejects.toMatchObject({ code: 'unauthenticated' })
    expect(FakeXhr.sent[0]!.auth).toBeNull()
    expect(calls).toHaveLength(0)
  })

  it('accepts an injected transport and XMLHttpRequest (no installed client needed)', async () => {
    const xhrs: FakeXhr[] = []
    const auth = { accessToken: () => 'tok', tokenAfter401: vi.fn(async () => null), endSession: vi.fn() }
    const task = uploadMaterial('r 1', 'id_card_front', photo(), {
      transport: { baseUrl: '', auth },
      createXhr: () => {
        const x = new FakeXhr()
        xhrs.push(x)
        return asXhr(x)
      },
    })
    expect(xhrs[0]!.url).toBe('/api/v1/registrations/r%201/materials/id_card_front')
    xhrs[0]!.respond(201, material('id_card_front'))
    await expect(task.done).resolves.toMatchObject({ kind: 'id_card_front' })
    expect(apiTransport).toBeTypeOf('function')
  })
})

describe('upload failures in words', () => {
  async function failWith(respond: (xhr: FakeXhr) => void): Promise<unknown> {
    setup()
    installFakeXhr((xhr) => queueMicrotask(() => respond(xhr)))
    return uploadMaterial('reg-1', 'photo', photo()).done.catch((e: unknown) => e)
  }

  it('422: each file code under the material, not retryable with the same file', async () => {
    const e = await failWith((x) =>
      x.respond(422, problemBody(422, 'validation_failed', { errors: { file: ['photo_wrong_aspect', 'photo_background_not_white'] } })),
    )
    expect(e).toBeInstanceOf(ApiError)
    expect(fileErrorCodes(e)).toEqual(['photo_wrong_aspect', 'photo_background_not_white'])
    expect(describeUploadError(e, t)).toEqual([
      '照片宽高比例不对，应为 5:7 的竖版照片（如 295×413 像素），请裁剪后重新上传',
      '照片背景不是白色，请在白色背景前重新拍摄',
    ])
    expect(canRetry(e)).toBe(false)
  })

  it('413, 415 and 409 read as their codes', async () => {
    expect(describeUploadError(await failWith((x) => x.respond(413, problemBody(413, 'file_too_large'))), t)).toEqual([
      '文件太大（最大 10 MB），请压缩或重新拍摄后上传',
    ])
    const active = await failWith((x) => x.respond(415, problemBody(415, 'file_active_content')))
    expect(describeUploadError(active, t)[0]).toContain('PDF 文件含有脚本')
    const locked = await failWith((x) => x.respond(409, problemBody(409, 'material_not_returned')))
    expect(describeUploadError(locked, t)).toEqual(['该材料未被退回，不能重新上传'])
    expect(canRetry(locked)).toBe(false)
  })

  it('network, storage down, a proxy’s HTML page: plain words, and a retry', async () => {
    const network = await failWith((x) => x.fail())
    expect(network).toMatchObject({ failure: { kind: 'network' } })
    expect(describeUploadError(network, t)).toEqual(['网络连接失败，请检查网络后重试'])
    expect(canRetry(network)).toBe(true)
    const storage = await failWith((x) => x.respond(503, problemBody(503, 'storage_unavailable')))
    expect(describeUploadError(storage, t)[0]).toContain('材料存储服务暂时无法连接')
    expect(canRetry(storage)).toBe(true)
    const proxy = await failWith((x) => x.respond(502, '<html>Bad gateway</html>'))
    expect(describeUploadError(proxy, t)).toEqual(['服务暂时不可用（502），请稍后重试'])
    // a 201 that is not a material is not taken for one
    expect(await failWith((x) => x.respond(201, 'ok'))).toMatchObject({ failure: { kind: 'http', status: 201 } })
  })
})
