// A candidate made through the public API for the journeys that need a registration the verification engine can
// read: sign-up with the SMS code from the outbox, a health-tech registration at a Zhengzhou registration point
// (in site_reviewer's scope), a complete form, the required materials, submission (which verifies it). Also a nurse fresh graduate, who
// pays at the sandbox cashier once approved and then supplies the diploma (补充材料).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const pad = (v, n) => String(v).padStart(n, '0')
const rand = (n) => Math.floor(Math.random() * n)

/** A made-up resident ID number with a correct GB 11643 check character. */
function idNumber() {
  const first17 = `410105${1985 + rand(10)}${pad(1 + rand(12), 2)}${pad(1 + rand(28), 2)}${pad(rand(1000), 3)}`
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

export function newPerson(name) {
  return { name, idNumber: idNumber(), phone: `139${pad(rand(1e8), 8)}`, password: `weikao${pad(rand(1e4), 4)}` }
}

async function call(backend, method, path, body, token) {
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

async function smsCode(backend, phone) {
  const until = Date.now() + 10_000
  while (Date.now() < until) {
    const code = /(?<!\d)(\d{6})(?!\d)/.exec(backend.lastSms(phone))?.[1]
    if (code) return code
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no SMS code for ${phone} in the outbox`)
}

/** Uploads a material of a draft: the file itself is the body (PUT …/materials/{kind}). */
async function upload(backend, token, id, { kind, body }) {
  const res = await fetch(`${backend.baseUrl}/api/v1/registrations/${id}/materials/${kind}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body,
  })
  const text = await res.text()
  if (res.status !== 200 && res.status !== 201) throw new Error(`uploading ${kind}: HTTP ${res.status} ${text}`)
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** The smallest PDF the upload gate accepts: the stand-in for every required document nobody looks at. */
const DOCUMENT_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')
let photo

/**
 * Draws an ID photo meeting the spec (300×420 JPEG, white background, a grainy head and shoulders over the
 * 10 KiB minimum) with a page of `browser` — Node has no JPEG encoder — for the submissions made here. Call once.
 */
export async function preparePhoto(browser) {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const base64 = await page.evaluate(() => {
      const [w, h] = [300, 420]
      const canvas = document.createElement('canvas')
      canvas.width = w
      canvas.height = h
      const g = canvas.getContext('2d')
      const img = g.createImageData(w, h)
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const person = (x > w / 4 && x < (w * 3) / 4 && y > h / 8 && y < (h * 3) / 4) || y > (h * 5) / 6
          const v = person ? 40 + Math.floor(Math.random() * 100) : 255
          img.data.set([v, person ? v * 0.8 : v, person ? v * 0.7 : v, 255], (y * w + x) * 4)
        }
      }
      g.putImageData(img, 0, 0)
      return canvas.toDataURL('image/jpeg', 0.92).split(',')[1]
    })
    photo = Buffer.from(base64, 'base64')
  } finally {
    await context.close()
  }
}

/**
 * Uploads every material the registration's form requires that it does not hold yet (the server refuses to
 * submit without them): the prepared photo for `photo`, a plain PDF for every other kind.
 */
async function uploadRequired(backend, token, id) {
  const reg = expect(await call(backend, 'GET', `/api/v1/registrations/${id}`, undefined, token), 200, 'reading the registration')
  const held = expect(await call(backend, 'GET', `/api/v1/registrations/${id}/materials`, undefined, token), 200, 'materials').map((m) => m.kind)
  for (const kind of reg.required_materials.filter((k) => !held.includes(k))) {
    if (kind === 'photo' && !photo) throw new Error('call preparePhoto(browser) before submitting registrations')
    await upload(backend, token, id, { kind, body: kind === 'photo' ? photo : DOCUMENT_PDF })
  }
}

/** Signs `person` up (the SMS code from the outbox); returns their access token. */
async function signUp(backend, person) {
  expect(await call(backend, 'POST', '/api/v1/auth/codes', { channel: 'sms', target: person.phone, purpose: 'signup' }), 202, 'code request')
  const signup = expect(
    await call(backend, 'POST', '/api/v1/auth/candidate/signup', {
      id_type: 'resident_id',
      id_number: person.idNumber,
      name: person.name,
      phone: person.phone,
      password: person.password,
      verification_channel: 'sms',
      verification_code: await smsCode(backend, person.phone),
      privacy_version: '2026-01',
    }),
    201,
    'sign-up',
  )
  return signup.tokens.access_token
}

/** The open demo session of an exam type. */
async function openSession(backend, token, examType) {
  const sessions = expect(await call(backend, 'GET', '/api/v1/exam-sessions', undefined, token), 200, 'exam sessions')
  const session = sessions.find((s) => s.exam_type === examType)
  if (!session) throw new Error(`the demo data has no ${examType} session open`)
  return session
}

/**
 * Signs `person` up, registers them for the health-tech exam, uploads `materials` ([{ kind, body }]) and submits;
 * returns the registration id.
 */
export async function submittedRegistration(backend, person, { materials = [] } = {}) {
  const token = await signUp(backend, person)
  const session = await openSession(backend, token, 'health_tech')
  const draft = expect(await call(backend, 'POST', '/api/v1/registrations', { session_id: session.id }, token), 201, 'new registration')
  const form = {
    identity: { ethnicity: '汉族', address: '河南省郑州市金水区经三路 12 号', postal_code: '450000', emergency_phone: '13912345678' },
    education: {
      level: 'benke',
      school: '郑州大学',
      major: '护理学',
      study_form: 'full_time',
      enrolled_on: '2008-09-01',
      graduated_on: '2012-07-01',
      degree: '学士',
    },
    work: {
      unit_name_manual: '郑州大学第一附属医院',
      current_specialty: '内科护理',
      work_started_on: '2012-08-01',
      title: '护师',
      years_in_specialty: 12,
    },
    exam: { level_code: 'intermediate', specialty_code: '368', subject_codes: ['basic', 'practice'], site_code: '410100', point_code: '41010501' },
  }
  const saved = expect(
    await call(backend, 'PATCH', `/api/v1/registrations/${draft.id}`, { version: draft.version, form }, token),
    200,
    'saving the form',
  )
  for (const material of materials) await upload(backend, token, draft.id, material)
  await uploadRequired(backend, token, draft.id)
  expect(await call(backend, 'POST', `/api/v1/registrations/${draft.id}/submit`, { version: saved.version }, token), 200, 'submission')
  return draft.id
}

/**
 * Signs `person` up as a nurse fresh graduate (expected to graduate this year, after the internship), registers
 * them for the nurse exam at the Zhengzhou site (in site_reviewer's scope) and submits. A fresh graduate owes the
 * diploma as a supplement once paid. Returns { id, token, sessionId }.
 */
export async function submittedFreshGraduateNurse(backend, person) {
  const token = await signUp(backend, person)
  const session = await openSession(backend, token, 'nurse')
  const year = session.year
  const draft = expect(await call(backend, 'POST', '/api/v1/registrations', { session_id: session.id }, token), 201, 'new registration')
  const form = {
    identity: { ethnicity: '汉族', address: '河南省郑州市金水区文化路 2 号' },
    education: {
      level: 'dazhuan',
      school: '河南护理职业学院',
      major: '护理',
      study_form: 'full_time',
      enrolled_on: `${year - 3}-09-01`,
      graduated_on: `${year}-07-01`,
      study_years: 3,
    },
    nurse: { fresh_graduate: true, school: '河南护理职业学院', expected_graduation_on: `${year}-07-01`, internship_months: 10 },
    exam: { site_code: '410100' },
  }
  const saved = expect(
    await call(backend, 'PATCH', `/api/v1/registrations/${draft.id}`, { version: draft.version, form }, token),
    200,
    'saving the form',
  )
  if (!saved.completeness?.complete) throw new Error(`the nurse form is not complete: ${JSON.stringify(saved.completeness)}`)
  await uploadRequired(backend, token, draft.id)
  expect(await call(backend, 'POST', `/api/v1/registrations/${draft.id}/submit`, { version: saved.version }, token), 200, 'submission')
  return { id: draft.id, token, sessionId: session.id }
}

/**
 * Pays an approved registration's round at the sandbox cashier (the payment window must be open) and waits until
 * the server has recorded the payment (the notification, or the worker's query); returns the registration.
 */
export async function pay(backend, token, id, timeoutMs = 60_000) {
  const order = expect(await call(backend, 'POST', `/api/v1/registrations/${id}/payments`, {}, token), 201, 'payment order')
  if (!order.cashier_url) throw new Error(`payment order without a cashier: ${JSON.stringify(order)}`)
  const paid = await fetch(`${order.cashier_url}/pay`, { method: 'POST' })
  if (paid.status !== 200) throw new Error(`paying at the cashier: HTTP ${paid.status} ${await paid.text()}`)
  const until = Date.now() + timeoutMs
  for (;;) {
    const reg = expect(await call(backend, 'GET', `/api/v1/registrations/${id}`, undefined, token), 200, 'reading the registration')
    if (reg.status === 'paid') return reg
    if (Date.now() > until) throw new Error(`the registration is still ${reg.status} ${timeoutMs} ms after paying`)
    await sleep(500)
  }
}

/** Uploads the supplementary diploma (the file itself is the body) and submits the supplement; returns it. */
export async function supplyDiploma(backend, token, id, body) {
  const res = await fetch(`${backend.baseUrl}/api/v1/registrations/${id}/supplement/materials/diploma`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body,
  })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`uploading the supplementary diploma: HTTP ${res.status} ${text}`)
  const supplement = expect(await call(backend, 'GET', `/api/v1/registrations/${id}/supplement`, undefined, token), 200, 'reading the supplement')
  return expect(
    await call(backend, 'POST', `/api/v1/registrations/${id}/supplement/submit`, { version: supplement.version }, token),
    200,
    'submitting the supplement',
  )
}
