// Staff actions through the API for the journeys' setup and checks: log a demo reviewer in (password + TOTP),
// read a registration, decide it. The browser is for what the journey is about; the rest goes through here.
import { PASSWORD } from './browser.mjs'
import { freshCode } from './totp.mjs'

async function call(backend, method, path, { token, body } = {}) {
  const headers = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (token) headers.Authorization = `Bearer ${token}`
  const res = await fetch(`${backend.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

function expect(res, status, what) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}

/** A staff member's API session: `get(path)`, `post(path, body)` with their token. */
export async function staffSession(backend, username) {
  const login = expect(
    await call(backend, 'POST', '/api/v1/auth/staff/login', {
      body: { username, password: PASSWORD, totp_code: await freshCode(username, backend.secretOf(username)) },
    }),
    200,
    `${username} login`,
  )
  const token = login.tokens?.access_token
  if (!token) throw new Error(`${username} login: no tokens (${login.status})`)
  return {
    token,
    get: (path) => call(backend, 'GET', path, { token }),
    post: (path, body) => call(backend, 'POST', path, { token, body }),
  }
}

/** Approves a registration at the staff member's level, at its current version; returns the decision result. */
export async function approve(staff, id) {
  const detail = expect(await staff.get(`/api/v1/review/registrations/${id}`), 200, `reading ${id}`)
  return expect(
    await staff.post(`/api/v1/review/registrations/${id}/decisions`, {
      version: detail.version,
      action: 'approve',
      reason_codes: [],
      comment: null,
      comment_public: false,
      returned_fields: [],
      returned_materials: [],
    }),
    200,
    `approving ${id}`,
  )
}
