// The one error-code table: it covers every code the candidate-facing endpoints declare, in both languages,
// and describeError turns every kind of failure into a sentence (never raw JSON).
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors'
import { createAppI18n, type Locale } from '@/i18n'
import { describeError, formatWait, mapFieldErrors, type Translate } from '@/i18n/describe'
import { ERROR_CODES } from '@/i18n/error-codes'
import { SIGNUP_SERVER_FIELDS } from '@/validation/signup-form'

function translator(locale: Locale): Translate {
  const i18n = createAppI18n(locale)
  return (key, named) => i18n.global.t(key, named ?? {})
}
const zh = translator('zh-CN')
const en = translator('en-US')

const problemError = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiError({ kind: 'problem', status, problem: { type: `urn:weikao:problem:${code}`, title: 'x', status, code, ...extra } })

/** The paths of the endpoints this app calls (each one's every operation is checked). */
const USED = [
  '/api/v1/auth/codes', '/api/v1/auth/refresh', '/api/v1/auth/logout', '/api/v1/me',
  '/api/v1/exam-sessions', '/api/v1/exam-sessions/{id}',
  '/api/v1/registrations', '/api/v1/registrations/{id}', '/api/v1/registrations/{id}/submit',
  '/api/v1/registrations/{id}/quick-fill', '/api/v1/registrations/{id}/payments',
  '/api/v1/registrations/{id}/payments/next', '/api/v1/registrations/{id}/payments/{order_no}/receipt',
  '/api/v1/registrations/{id}/materials', '/api/v1/materials/{id}/link',
  '/api/v1/registrations/{id}/materials/{kind}', '/api/v1/registrations/{id}/materials/{material_id}',
  '/api/v1/service-status',
  '/api/v1/registrations/{id}/supplement', '/api/v1/registrations/{id}/supplement/materials/{kind}',
  '/api/v1/registrations/{id}/supplement/submit',
  '/api/v1/registrations/{id}/withdraw',
  '/api/v1/help/candidate',
]
const USED_PREFIXES = ['/api/v1/auth/candidate/']

/** Codes named in the 4xx descriptions of the endpoints this app calls (from the committed contract). */
function contractCodes(): string[] {
  const doc = JSON.parse(readFileSync(resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>>
  }
  const codes = new Set<string>()
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!USED.includes(path) && !USED_PREFIXES.some((p) => path.startsWith(p))) continue
    for (const op of Object.values(ops)) {
      for (const r of Object.values(op.responses)) {
        for (const m of (r.description ?? '').matchAll(/`([a-z0-9_]+)`/g)) codes.add(m[1] ?? '')
      }
    }
  }
  // Words in back-quotes that are field or property names, not codes.
  for (const notCode of ['target', 'code', 'new_password', 'retry_after', 'section', 'form', 'session_id', 'kind', 'file', 'reason', 'locale']) {
    codes.delete(notCode)
  }
  return [...codes].sort()
}

describe('error-code table', () => {
  it('covers every code the contract declares for the candidate endpoints', () => {
    const codes = contractCodes()
    expect(codes.length).toBeGreaterThan(20)
    expect(codes.filter((c) => !(c in ERROR_CODES))).toEqual([])
  })

  it('checks every endpoint the api modules call (a new call must join the list above)', () => {
    const dir = resolve(__dirname, '../../src/api')
    const called = new Set<string>()
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'schema.d.ts')) {
      for (const m of readFileSync(resolve(dir, file), 'utf8').matchAll(/\.(?:GET|POST|PUT|PATCH|DELETE)\(\s*'([^']+)'/g)) {
        called.add(m[1] ?? '')
      }
    }
    expect(called.size).toBeGreaterThan(15)
    expect([...called].filter((p) => !USED.includes(p) && !USED_PREFIXES.some((pre) => p.startsWith(pre)))).toEqual([])
    expect(called).toContain('/api/v1/registrations/{id}/payments/next')
    expect(called).toContain('/api/v1/registrations/{id}/payments/{order_no}/receipt')
  })

  it('covers the field codes the server validates sign-up with', () => {
    const serverFieldCodes = [
      'id_type_invalid', 'id_number_empty', 'id_number_wrong_length', 'id_number_invalid_characters',
      'id_number_birth_date_invalid', 'id_number_birth_date_future', 'id_number_checksum', 'id_number_prefix',
      'id_number_15_digit', 'name_length', 'name_invalid_characters', 'name_separator', 'phone_invalid',
      'email_invalid', 'password_length', 'password_needs_letter_and_digit', 'password_invalid_characters',
      'privacy_version_outdated', 'email_required_for_verification', 'sex_required', 'birth_date_invalid',
      'birth_date_required', 'code_invalid', 'code_expired', 'code_attempts_exceeded',
      'id_number_registered', 'phone_registered',
    ]
    expect(serverFieldCodes.filter((c) => !(c in ERROR_CODES))).toEqual([])
  })

  it('covers every registration code the core rules and the submit checks produce', () => {
    const read = (rel: string) => readFileSync(resolve(__dirname, '../../..', rel), 'utf8')
    // the module documentation of validate.rs lists its codes as "//! - `code` — what it means"
    const doc = read('backend/core/src/registration/validate.rs')
      .split('\n')
      .filter((l) => l.startsWith('//! - '))
      .map((l) => l.split(' — ')[0])
      .join('\n')
    const documented = [...doc.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] ?? '')
    const submit = ['specialty_unknown', 'subject_unknown', 'site_unknown', 'point_unknown', 'level_mismatch', 'level_not_offered']
    const rolling = ['subjects_empty', 'subject_duplicate', 'subject_already_passed', 'subject_unknown']
    const conflicts = ['version_conflict', 'registration_locked', 'registration_window_closed', 'registration_exists', 'invalid_value']
    const all = [...documented, ...submit, ...rolling, ...conflicts].filter((c) => c !== 'code_invalid')
    expect(documented.length).toBeGreaterThan(15)
    expect(all.filter((c) => !(c in ERROR_CODES))).toEqual([])
    // code_invalid on the form is shown with its own text (registration/errors.ts)
    expect('field_code_invalid' in ERROR_CODES).toBe(true)
  })

  it('has a Chinese and an English text for every code, rendered without i18n syntax errors', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      for (const t of [zh, en]) {
        const text = t(`errors.${code}`, { wait: '1 s', status: 502, code: 'x' })
        expect(text, code).not.toBe(`errors.${code}`)
        expect(text, code).not.toMatch(/[{}]/)
      }
      expect(zh(`errors.${code}`, { wait: '', status: 0, code: '' })).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

describe('describeError', () => {
  it('translates problem codes into plain Chinese and English', () => {
    expect(describeError(problemError(409, 'id_number_registered'), zh)).toContain('该证件号码已注册')
    expect(describeError(problemError(401, 'invalid_credentials'), zh)).toBe('账号或密码不正确')
    expect(describeError(problemError(401, 'invalid_credentials'), en)).toContain('password is wrong')
  })

  it('puts the retry_after wait into throttling messages', () => {
    expect(describeError(problemError(429, 'login_throttled', { retry_after: 30 }), zh)).toContain('30 秒')
    expect(describeError(problemError(429, 'code_resend_too_soon', { retry_after: 125 }), zh)).toContain('2 分 5 秒')
    expect(describeError(problemError(429, 'too_many_requests', { retry_after: 120 }), en)).toContain('2 min')
  })

  it('never shows raw bodies: network, non-problem HTTP errors, unknown codes, bugs', () => {
    expect(describeError(new ApiError({ kind: 'network' }), zh)).toBe('网络连接失败，请检查网络后重试')
    expect(describeError(new ApiError({ kind: 'http', status: 502 }), zh)).toBe('服务暂时不可用（502），请稍后重试')
    expect(describeError(problemError(418, 'brand_new_code'), zh)).toBe('操作没有成功，请稍后重试（错误代码 brand_new_code）')
    expect(describeError(problemError(503, 'brand_new_outage'), zh)).toBe('系统繁忙，请稍后重试')
    expect(describeError(new Error('boom'), zh)).toBe('页面出现问题，请刷新后重试')
  })

  it('formats waits', () => {
    expect(formatWait(0.2, zh)).toBe('1 秒')
    expect(formatWait(59, zh)).toBe('59 秒')
    expect(formatWait(60, zh)).toBe('1 分钟')
    expect(formatWait(61, en)).toBe('1 min 1 s')
  })
})

describe('server field errors', () => {
  it('map onto the form fields they belong to', () => {
    const e = problemError(422, 'validation_failed', {
      errors: { id_number: ['id_number_checksum'], verification_code: ['code_expired'], privacy_version: ['privacy_version_outdated'], mystery: ['x'] },
    })
    expect(mapFieldErrors(e, SIGNUP_SERVER_FIELDS)).toEqual({
      fields: { idNumber: ['id_number_checksum'], code: ['code_expired'], privacyAccepted: ['privacy_version_outdated'] },
      unmapped: ['x'],
    })
  })
})
