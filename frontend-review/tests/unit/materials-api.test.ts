import { beforeEach, describe, expect, it, vi } from 'vitest'

// The shared client, with a fake server behind it: what the viewer asks for and how.
const server = vi.hoisted(() => ({ seen: [] as { method: string; path: string }[], respond: (_path: string): Response => new Response(null) }))
vi.mock('@/api/client', async (importActual) => {
  const actual = await importActual<typeof import('@/api/client')>()
  const fetchImpl = async (input: RequestInfo | URL) => {
    const request = input as Request
    const path = new URL(request.url).pathname
    server.seen.push({ method: request.method, path })
    return server.respond(path)
  }
  return { ...actual, api: actual.createApiClient('http://console.test', fetchImpl as typeof fetch) }
})

import { createMaterialLink, openMaterialFile } from '@/api/materials'
import { ApiError } from '@/api/problem'

const M = '6a3c8f0e-0f4b-4f7e-9a43-1f6f3f0c9a01'

beforeEach(() => {
  server.seen.length = 0
  Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:console.test/1') })
})

describe('material files', () => {
  it('fetches a link, then the file through the same origin whatever origin the link names', async () => {
    server.respond = (path) =>
      path.endsWith('/link')
        ? Response.json({ url: 'http://127.0.0.1:8080/api/v1/files/tok.abc', expires_at: '2026-11-25T09:00:00Z' })
        : new Response(new Blob(['%PDF-1.4'], { type: 'application/pdf' }), { status: 200, headers: { 'content-type': 'application/pdf' } })
    const link = await createMaterialLink(M)
    const shown = await openMaterialFile(link)
    expect(server.seen).toEqual([
      { method: 'POST', path: `/api/v1/materials/${M}/link` },
      { method: 'GET', path: '/api/v1/files/tok.abc' },
    ])
    expect(shown).toEqual({ src: 'blob:console.test/1', revoke: true })
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0][0] as Blob
    expect(blob.type).toBe('application/pdf')
  })

  it('shows any other link as it is', async () => {
    const shown = await openMaterialFile({ url: 'https://files.example.cn/x/1.jpg?sig=1', expires_at: '2026-11-25T09:00:00Z' })
    expect(shown).toEqual({ src: 'https://files.example.cn/x/1.jpg?sig=1', revoke: false })
    expect(server.seen).toEqual([])
  })

  it('reports an expired link as the API’s error', async () => {
    server.respond = () =>
      new Response(JSON.stringify({ type: 'x', title: 'Gone', status: 410, code: 'link_expired' }), {
        status: 410,
        headers: { 'content-type': 'application/problem+json' },
      })
    const error = await openMaterialFile({ url: 'http://127.0.0.1:8080/api/v1/files/old', expires_at: '2026-11-25T09:00:00Z' }).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('link_expired')
  })
})
