import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/problem'
import { buildI18n } from '@/i18n'
import { describeError, describeFieldErrors, retryMinutes } from '@/i18n/describe'
import { ERROR_CODES, FIELD_CODES } from '@/i18n/error-codes'
import zhCN from '@/i18n/locales/zh-CN'
import enUS from '@/i18n/locales/en-US'

// The operations this console calls: every error code they document must have a message.
const USED = [
  'staffLogin',
  'staffCompleteTotpEnrolment',
  'refreshTokens',
  'logout',
  'getMe',
  'listReviewRegistrations',
  'getReviewRegistration',
  'revealRegistrationIdNumber',
  'listOrgs',
  'listAuditEvents',
  'verifyAuditChain',
  'listExamSessions',
  'listFindings',
  'reverifyRegistration',
  'listLibraries',
  'importLibrary',
  'listLibraryBatches',
  'downloadLibraryBatchReport',
  'listLibraryRows',
  'exportLibrary',
  'cleanupLibraries',
  'listReviewReasons',
  'decideRegistration',
  'decideRegistrationBatch',
  'getReviewStatistics',
  'exportReviewRegistrations',
  'reopenRegistration',
  'putReviewReason',
  'createMaterialLink',
  'downloadFile',
  'listReconciliations',
  'runReconciliation',
  'listPaymentAlerts',
  'listAbnormalRegistrations',
  'importNationalRecords',
  'runComparison',
  'listComparisonAnomalies',
  'exportComparisonAnomalies',
  'resolveComparisonAnomaly',
]

interface Operation {
  operationId?: string
  responses?: Record<string, { description?: string }>
}

function documentedCodes(): { codes: Set<string>; fieldCodes: Set<string> } {
  const doc = JSON.parse(readFileSync(resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>
  }
  const codes = new Set<string>()
  const fieldCodes = new Set<string>()
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      if (!op.operationId || !USED.includes(op.operationId)) continue
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!status.startsWith('4') && !status.startsWith('5')) continue
        // "`a`, `b`: detail": the codes lead each comma-separated part before the first colon. After
        // "`validation_failed`:" come the fields with their codes in parentheses: "`field` (`code`, `code`), …".
        const description = response.description ?? ''
        const colon = description.indexOf(':')
        const head = colon < 0 ? description : description.slice(0, colon)
        const leads = head.split(',').flatMap((part) => /^\s*`([a-z_]+)`/.exec(part)?.[1] ?? [])
        for (const code of leads) codes.add(code)
        if (colon >= 0 && leads.includes('validation_failed')) {
          for (const m of description.slice(colon + 1).matchAll(/\(([^)]*)\)/g)) {
            for (const f of m[1].matchAll(/`([a-z_]+)`/g)) fieldCodes.add(f[1])
          }
        }
      }
    }
  }
  return { codes, fieldCodes }
}

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

const i18n = buildI18n('zh-CN').global
const withLocale = (locale: 'zh-CN' | 'en-US') => {
  i18n.locale.value = locale
  return i18n
}
const problem = (status: number, code: string, extra: Partial<ApiError['problem']> = {}) =>
  new ApiError(status, { type: `urn:weikao:problem:${code}`, title: 'x', status, code, ...extra })

describe('error-code table', () => {
  it('covers every error code the used operations document, in both languages', () => {
    const { codes, fieldCodes } = documentedCodes()
    expect(codes.size).toBeGreaterThan(15)
    expect(fieldCodes).toContain('reason_length')
    expect(fieldCodes).toContain('mapping_invalid')
    expect(fieldCodes).toContain('reason_required')
    expect(codes).toContain('version_conflict')
    expect(codes).toContain('payment_in_progress')
    expect(codes).toContain('invalid_body')
    expect(codes).toContain('payment_center_unavailable')
    expect(fieldCodes).toContain('override_reason_required')
    expect(fieldCodes).toContain('subject_invalid')
    expect(codes).toContain('no_national_import')
    expect(codes).toContain('anomaly_not_open')
    expect(fieldCodes).toContain('headers_invalid')
    expect(fieldCodes).toContain('note_required')
    expect(fieldCodes).toContain('state_unknown')
    expect(codes).not.toContain('mapping')
    for (const code of codes) {
      expect(ERROR_CODES[code], `missing error code ${code}`).toBeDefined()
      expect(ERROR_CODES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(ERROR_CODES[code]['en-US']).toMatch(/[a-z]/)
    }
    for (const code of fieldCodes) expect(FIELD_CODES[code], `missing field code ${code}`).toBeDefined()
  })

  it('gives both locales the same message keys', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort())
  })
})

describe('describeError', () => {
  it('maps codes to Chinese by default', () => {
    const t = withLocale('zh-CN')
    expect(describeError(problem(401, 'invalid_credentials'), t)).toBe('用户名或密码错误')
    expect(describeError(problem(401, 'totp_invalid'), t)).toContain('动态码错误')
    expect(describeError(problem(404, 'not_found'), t)).toBe('记录不存在或不在您的数据范围内')
  })

  it('shows a lock’s retry_after in whole minutes, rounded up', () => {
    expect(retryMinutes(1799)).toBe(30)
    expect(retryMinutes(61)).toBe(2)
    expect(retryMinutes(5)).toBe(1)
    const locked = problem(423, 'account_locked', { retry_after: 1799 })
    expect(describeError(locked, withLocale('zh-CN'))).toContain('请 30 分钟后再试')
    expect(describeError(locked, withLocale('en-US'))).toContain('in 30 min')
  })

  it('shows throttling in seconds', () => {
    expect(describeError(problem(429, 'too_many_requests', { retry_after: 42 }), withLocale('zh-CN'))).toContain('42 秒')
  })

  it('falls back to the HTTP status for unknown codes and to a network message for other errors', () => {
    const t = withLocale('zh-CN')
    expect(describeError(problem(418, 'teapot'), t)).toBe('操作失败（418）')
    expect(describeError(new TypeError('Failed to fetch'), t)).toContain('网络')
    expect(describeError(problem(502, 'http_502'), withLocale('en-US'))).toBe('The request failed (502).')
  })

  it('describes field errors', () => {
    const error = problem(422, 'validation_failed', { errors: { reason: ['reason_length', 'strange_code'] } })
    expect(describeFieldErrors(error, 'reason', withLocale('zh-CN'))).toEqual(['原因须为 4–200 个字符', 'strange_code'])
    expect(describeFieldErrors(error, 'other', withLocale('zh-CN'))).toEqual([])
  })
})
