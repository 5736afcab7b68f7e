// Direct API calls for setting up a journey and for checking the server's state after it.
import { latestCode } from './server.mjs'

async function call(server, method, path, body, token) {
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
