// Uploading one material: PUT /api/v1/registrations/{id}/materials/{kind} (a registration's materials) or
// PUT /api/v1/registrations/{id}/supplement/materials/{kind} (the supplement's), with the raw file as the body.
// Over XMLHttpRequest rather than the typed client, because fetch cannot report upload progress. It behaves
// like the client otherwise: the same base URL and bearer token, and on a 401 the same session logic
// (session-middleware.ts: one shared refresh in flight, then one replay; a replay refused too ends the
// session). Every failure is an ApiError like the client's; a cancelled upload is an UploadCancelled.
import { apiTransport, type ClientTransport } from './client'
import { ApiError, toApiError } from './errors'
import type { MaterialView } from './types'

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number
  total: number
  /** 0–1. */
  fraction: number
}

export interface UploadOptions {
  onProgress?(progress: UploadProgress): void
  /** Defaults to the installed API client's. */
  transport?: ClientTransport
  /** Defaults to `new XMLHttpRequest()` (tests pass a fake). */
  createXhr?: () => XMLHttpRequest
}

export interface UploadTask {
  /** The stored material (201); rejects with an ApiError, or an UploadCancelled after cancel(). */
  done: Promise<MaterialView>
  /** Stops the upload; nothing is stored. */
  cancel(): void
}

/** The candidate cancelled the upload. */
export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled')
    this.name = 'UploadCancelled'
  }
}

export function materialUploadPath(registrationId: string, kind: string): string {
  return `/api/v1/registrations/${encodeURIComponent(registrationId)}/materials/${encodeURIComponent(kind)}`
}

export function supplementUploadPath(registrationId: string, kind: string): string {
  return `/api/v1/registrations/${encodeURIComponent(registrationId)}/supplement/materials/${encodeURIComponent(kind)}`
}

/** One of the uploads below: `kind`'s file of a registration, with progress and cancel. */
export type UploadFn = (registrationId: string, kind: string, file: Blob, opts?: UploadOptions) => UploadTask

interface RawResponse {
  status: number
  text: string
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined
  } catch {
    return undefined
  }
}

/** The response as the stored material, or the ApiError the typed client would have thrown. */
export function uploadResult(res: RawResponse): MaterialView {
  const body = parseJson(res.text)
  if (res.status >= 200 && res.status < 300) {
    if (typeof body === 'object' && body !== null && 'id' in body && 'kind' in body) return body as MaterialView
    throw new ApiError({ kind: 'http', status: res.status })
  }
  throw toApiError(res.status, body)
}

/** A material of the registration's own (the wizard's step, a returned registration). */
export function uploadMaterial(registrationId: string, kind: string, file: Blob, opts: UploadOptions = {}): UploadTask {
  return uploadFile(materialUploadPath(registrationId, kind), file, opts)
}

/** A supplementary material (the diploma a nurse fresh graduate owes once paid), replacing that kind's file. */
export function uploadSupplementMaterial(registrationId: string, kind: string, file: Blob, opts: UploadOptions = {}): UploadTask {
  return uploadFile(supplementUploadPath(registrationId, kind), file, opts)
}

/** PUTs `file` as the raw body to `path` (an API path answering 201 with the stored MaterialView). */
export function uploadFile(path: string, file: Blob, opts: UploadOptions = {}): UploadTask {
  const transport = opts.transport ?? apiTransport()
  const createXhr = opts.createXhr ?? (() => new XMLHttpRequest())
  const url = `${transport.baseUrl}${path}`
  let current: XMLHttpRequest | null = null
  let cancelled = false

  function report(loaded: number, total: number): void {
    const t = total > 0 ? total : file.size
    opts.onProgress?.({ loaded, total: t, fraction: t > 0 ? Math.min(1, loaded / t) : 0 })
  }

  function send(token: string | null): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const xhr = createXhr()
      current = xhr
      xhr.open('PUT', url)
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`)
      // the server tells the file's type by its content, never by a declared type
      xhr.setRequestHeader('Content-Type', 'application/octet-stream')
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
      xhr.upload.onprogress = (e: ProgressEvent) => report(e.loaded, e.lengthComputable ? e.total : file.size)
      xhr.onload = () => resolve({ status: xhr.status, text: typeof xhr.responseText === 'string' ? xhr.responseText : '' })
      xhr.onerror = () => reject(cancelled ? new UploadCancelled() : new ApiError({ kind: 'network' }))
      xhr.ontimeout = () => reject(new ApiError({ kind: 'network' }))
      xhr.onabort = () => reject(new UploadCancelled())
      report(0, file.size)
      xhr.send(file)
    })
  }

  const done = (async (): Promise<MaterialView> => {
    const token = transport.auth.accessToken()
    let res = await send(token)
    if (res.status === 401 && token) {
      // the same refresh the API client does (shared, so the two never refresh at once)
      const fresh = await transport.auth.tokenAfter401(`Bearer ${token}`)
      if (cancelled) throw new UploadCancelled()
      if (fresh) {
        res = await send(fresh)
        if (res.status === 401) transport.auth.endSession()
      }
    }
    return uploadResult(res)
  })()

  return {
    done,
    cancel() {
      if (cancelled) return
      cancelled = true
      current?.abort()
    },
  }
}
