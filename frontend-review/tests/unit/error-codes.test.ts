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
  'correctRegistration',
  'getArchivedRegistration',
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
  'listInstitutionFilings',
  'fileInstitutionProbation',
  'updateInstitutionProbation',
  'revokeInstitutionProbation',
  'listOpsReports',
  'getOpsReport',
  'listSupplements',
  'getReviewSupplement',
  'decideSupplement',
  'listSpotChecks',
  'createSpotCheck',
  'getSpotCheck',
  'checkSpotCheckItem',
  'listStaffAccounts',
  'createStaffAccount',
  'updateStaffAccount',
  'resetStaffCredentials',
  'listAdminExamSessions',
  'updateExamSessionSchedule',
  'listSessionFees',
  'setSessionFee',
  'listApiClients',
  'createApiClient',
  'updateApiClient',
  'rotateApiClientSecret',
  'uploadClassList',
  'getClassList',
]

/**
 * Codes the contract names in words inside a `validation_failed (…)` description ("ID number codes", "name
 * codes"): the identity module's codes (backend core/src/identity.rs, identity/fields.rs).
 */
const WORDS: [RegExp, string[]][] = [
  [
    /\bID number codes\b/,
    [
      'id_number_empty',
      'id_number_wrong_length',
      'id_number_invalid_characters',
      'id_number_birth_date_invalid',
      'id_number_birth_date_future',
      'id_number_checksum',
      'id_number_prefix',
      'id_number_15_digit',
    ],
  ],
  [/\bname codes\b/, ['name_length', 'name_invalid_characters', 'name_separator']],
]

interface Operation {
  operationId?: string
  responses?: Record<string, { description?: string }>
}

type Paths = Record<string, Record<string, Operation>>

function contract(): Paths {
  return (JSON.parse(readFileSync(resolve(__dirname, '../../../openapi/openapi.json'), 'utf8')) as { paths: Paths }).paths
}

/** The operation with an id, and where it is. */
function findOperation(paths: Paths, id: string): { path: string; op: Operation } | null {
  for (const [path, item] of Object.entries(paths)) {
    for (const op of Object.values(item)) if (op.operationId === id) return { path, op }
  }
  return null
}

/** The text inside the parentheses that open `text` (after blanks), nested ones included; null when none. */
function group(text: string): string | null {
  const open = /^\s*\(/.exec(text)
  if (!open) return null
  let depth = 0
  for (let i = open[0].length - 1; i < text.length; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return text.slice(open[0].length, i)
  }
  return null
}

/**
 * The field codes a `validation_failed` description lists, in either form the contract uses:
 * "`validation_failed`: `field` (`code`, `code`), …", or "`validation_failed` (`code`, …)" where the group may
 * also name a field ("`field`: `code`"), codes in words (WORDS), another operation ("as `operationId`") or the
 * filing operation of the same resource ("as filing", "as for filing": the POST one level up).
 */
function validationFieldCodes(paths: Paths, path: string, description: string, seen: Set<string>): string[] {
  const at = description.indexOf('`validation_failed`')
  if (at < 0) return []
  const rest = description.slice(at + '`validation_failed`'.length)
  if (rest.startsWith(':')) {
    return [...rest.matchAll(/\(([^)]*)\)/g)].flatMap((m) => [...m[1].matchAll(/`([a-z_]+)`/g)].map((f) => f[1]))
  }
  const inner = group(rest)
  if (inner === null) return []
  const codes = [...inner.matchAll(/`([a-z_0-9]+)`(?!\s*:)/g)].map((m) => m[1])
  for (const [words, listed] of WORDS) if (words.test(inner)) codes.push(...listed)
  for (const m of inner.matchAll(/`([a-z]+[A-Z][A-Za-z]*)`/g)) codes.push(...operationFieldCodes(paths, m[1], seen))
  if (/\bas (for )?filing\b/.test(inner)) {
    const parent = paths[path.slice(0, path.lastIndexOf('/'))]?.post?.operationId
    expect(parent, `"as filing" in ${path} names no filing operation`).toBeDefined()
    codes.push(...operationFieldCodes(paths, parent!, seen))
  }
  return codes
}

function operationFieldCodes(paths: Paths, id: string, seen: Set<string>): string[] {
  if (seen.has(id)) return []
  seen.add(id)
  const found = findOperation(paths, id)
  expect(found, `the contract has no operation ${id}`).not.toBeNull()
  return Object.values(found!.op.responses ?? {}).flatMap((r) => validationFieldCodes(paths, found!.path, r.description ?? '', seen))
}

function documentedCodes(): { codes: Set<string>; fieldCodes: Set<string> } {
  const paths = contract()
  const codes = new Set<string>()
  const fieldCodes = new Set<string>()
  for (const [path, item] of Object.entries(paths)) {
    for (const op of Object.values(item)) {
      if (!op.operationId || !USED.includes(op.operationId)) continue
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!status.startsWith('4') && !status.startsWith('5')) continue
        // "`a`, `b`: detail": the codes lead each comma-separated part before the first colon
        const description = response.description ?? ''
        const colon = description.indexOf(':')
        const head = colon < 0 ? description : description.slice(0, colon)
        const leads = head.split(',').flatMap((part) => /^\s*`([a-z_]+)`/.exec(part)?.[1] ?? [])
        for (const code of leads) codes.add(code)
        if (leads.includes('validation_failed')) {
          for (const code of validationFieldCodes(paths, path, description, new Set([op.operationId]))) fieldCodes.add(code)
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
    // the institution portal: conflicts, and the filing rules (also those named in words or by reference)
    expect(codes).toContain('already_filed')
    expect(codes).toContain('certificate_number_taken')
    expect(codes).toContain('filing_revoked')
    for (const code of ['not_your_institution', 'institution_unknown', 'probation_too_short', 'seal_required', 'person_changed', 'id_number_checksum', 'name_separator']) {
      expect(fieldCodes).toContain(code)
    }
    // the supplement re-check: its conflicts and the queue's field codes
    expect(codes).toContain('no_supplement')
    expect(codes).toContain('supplement_not_submitted')
    expect(fieldCodes).toContain('status_unknown')
    expect(fieldCodes).toContain('out_of_range')
    // the region administration: the schedule's and the fee table's conflicts and field codes, API clients
    for (const code of ['level_in_use', 'status_change_not_allowed', 'session_has_registrations', 'fee_in_use', 'client_exists']) expect(codes).toContain(code)
    for (const code of ['chain_must_end_at_region', 'window_missing', 'before_registration_opens', 'stages_incomplete', 'unit_unknown', 'origin_invalid', 'scopes_required']) {
      expect(fieldCodes).toContain(code)
    }
    expect(fieldCodes).not.toContain('institution_code')
    expect(fieldCodes).not.toContain('idempotency_key_reused')
    for (const code of codes) {
      expect(ERROR_CODES[code], `missing error code ${code}`).toBeDefined()
      expect(ERROR_CODES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(ERROR_CODES[code]['en-US']).toMatch(/[a-z]/)
    }
    for (const code of fieldCodes) {
      expect(FIELD_CODES[code], `missing field code ${code}`).toBeDefined()
      expect(FIELD_CODES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      expect(FIELD_CODES[code]['en-US']).toMatch(/[a-z]/)
    }
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
