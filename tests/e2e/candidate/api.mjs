// Direct API calls for setting up a journey and for checking the server's state after it.
import { demoSecret, freshCode } from '../review/totp.mjs'
import { latestCode } from './server.mjs'

/** The password of every demo account `weikao seed-demo` creates. */
export const DEMO_PASSWORD = 'weikao2026'

/** One JSON request to the API as the holder of `token` (none: anonymous): `{status, body}`. */
export async function call(server, method, path, body, token) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(`${server.api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

/** Registers a candidate without the browser (for journeys that start from an existing account). */
export async function signupViaApi(server, c) {
  const since = new Date(Date.now() - 1000)
  const sent = await call(server, 'POST', '/api/v1/auth/codes', { channel: 'sms', target: c.phone, purpose: 'signup' })
  if (sent.status !== 202) throw new Error(`code request failed: ${JSON.stringify(sent)}`)
  const code = await latestCode(server, c.phone, 'signup', since)
  const res = await call(server, 'POST', '/api/v1/auth/candidate/signup', {
    id_type: 'resident_id',
    id_number: c.idNumber,
    name: c.name,
    phone: c.phone,
    password: c.password,
    verification_channel: 'sms',
    verification_code: code,
    privacy_version: '2026-01',
  })
  if (res.status !== 201) throw new Error(`signup failed: ${JSON.stringify(res)}`)
  return res.body
}

export const me = (server, token) => call(server, 'GET', '/api/v1/me', undefined, token)
export const refresh = (server, refreshToken) => call(server, 'POST', '/api/v1/auth/refresh', { refresh_token: refreshToken })
export const login = (server, login, password) => call(server, 'POST', '/api/v1/auth/candidate/login', { login, password })

/** The session the SPA keeps in localStorage. */
export async function storedSession(page) {
  const raw = await page.evaluate(() => localStorage.getItem('weikao.candidate.session'))
  return raw ? JSON.parse(raw) : null
}

export function expectStatus(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** A demo reviewer's access token: password and the current TOTP code of the demo seed's secret. */
export async function staffToken(server, username) {
  const body = expectStatus(
    await call(server, 'POST', '/api/v1/auth/staff/login', {
      username,
      password: DEMO_PASSWORD,
      totp_code: await freshCode(username, demoSecret(username)),
    }),
    200,
    `staff login ${username}`,
  )
  if (body.status !== 'authenticated') throw new Error(`staff login ${username}: ${body.status}`)
  return body.tokens.access_token
}

/** Approves a registration waiting at the reviewer's level, deciding on the version the reviewer sees. */
export async function approve(server, token, id) {
  const reg = expectStatus(await call(server, 'GET', `/api/v1/review/registrations/${id}`, undefined, token), 200, 'review registration')
  return expectStatus(
    await call(server, 'POST', `/api/v1/review/registrations/${id}/decisions`, { version: reg.version, action: 'approve' }, token),
    200,
    'approve',
  )
}

/** GET as the holder of `token` (e.g. the SPA's stored session), failing on anything but 200. */
export async function getOk(server, path, token) {
  return expectStatus(await call(server, 'GET', path, undefined, token), 200, `GET ${path}`)
}

/** POST as the holder of `token`, failing on anything but `status` (200 by default). */
export async function postOk(server, path, body, token, status = 200) {
  return expectStatus(await call(server, 'POST', path, body, token), status, `POST ${path}`)
}

/** A plain PDF the server accepts for every document kind (no scripts or other active content). */
export const DOCUMENT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')

/** Uploads one material of a draft (the raw file as the body) as the holder of `token`, failing on anything but 201. */
export async function uploadMaterial(server, token, id, kind, body) {
  const res = await fetch(`${server.api}/api/v1/registrations/${id}/materials/${kind}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
    body,
  })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`upload ${kind}: HTTP ${res.status} ${text}`)
  return JSON.parse(text)
}

/**
 * Uploads a file for every kind the registration's form requires (`required_materials` of its view; the server
 * refuses to submit while one has none): `photo` (a JPEG meeting the photo spec: harness.mjs photoJpeg) for the
 * photo, a plain PDF for every other kind. Returns the kinds.
 */
export async function uploadRequiredMaterials(server, token, id, photo) {
  const reg = await getOk(server, `/api/v1/registrations/${id}`, token)
  for (const kind of reg.required_materials) await uploadMaterial(server, token, id, kind, kind === 'photo' ? photo : DOCUMENT_PDF)
  return reg.required_materials
}

/** The exam region decides on a submitted supplement (accept, return or reject with a reason), on the version it sees. */
export async function decideSupplement(server, token, id, action, reason) {
  const sup = await getOk(server, `/api/v1/review/registrations/${id}/supplement`, token)
  return postOk(server, `/api/v1/review/registrations/${id}/supplement/decision`, { version: sup.version, action, reason }, token)
}
