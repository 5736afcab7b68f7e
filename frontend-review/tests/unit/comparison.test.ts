import { describe, expect, it } from 'vitest'
import type { AnomalyKindCount } from '@/api/types'
import { buildI18n } from '@/i18n'
import {
  ANOMALY_FIELDS,
  ANOMALY_KINDS,
  ANOMALY_STATES,
  anomalyStateFromRoute,
  anomalyStateToRoute,
  canResolveAnomalies,
  canRunComparison,
  checkResolution,
  countRows,
  countTotals,
  DEFAULT_PAGE_SIZE,
  fieldLabel,
  foundByKind,
  foundTotal,
  importFileName,
  importRowErrors,
  kindExplanation,
  kindTitle,
  NOTE_MAX,
  noteRequired,
  PAYMENT_VALUES,
  RESOLUTIONS,
  resolutionExplanation,
  resolutionLabel,
  resolvable,
  SHARED_STATUSES,
  STATE_FILTERS,
  stateLabel,
  toAnomalyExportQuery,
  toAnomalyQuery,
  uploadContentType,
  valueText,
} from '@/utils/comparison'
import { contractDescription, quotedCodes } from './helpers'

const i18n = buildI18n('zh-CN').global
const LOCALES = ['zh-CN', 'en-US'] as const
const inLocale = <T>(locale: (typeof LOCALES)[number], fn: () => T): T => {
  i18n.locale.value = locale
  try {
    return fn()
  } finally {
    i18n.locale.value = 'zh-CN'
  }
}
const SESSION = '6f1c2a9e-8b7d-4c3e-9a1f-2b3c4d5e6f70'
const sorted = (values: readonly string[]) => [...values].sort()

describe('comparison vocabulary', () => {
  it('names the kinds, states, fields and resolutions the contract names', () => {
    expect(sorted(quotedCodes(contractDescription('AnomalyView', 'kind')))).toEqual(sorted(ANOMALY_KINDS))
    expect(sorted(quotedCodes(contractDescription('AnomalyView', 'state')))).toEqual(sorted(ANOMALY_STATES))
    expect(sorted(quotedCodes(contractDescription('AnomalyView', 'field')))).toEqual(sorted(ANOMALY_FIELDS))
    // "`corrected_provincial` (fixed here), …, `other` (explain in `note`)": each value is followed by its gloss
    const resolutions = [...contractDescription('ResolveRequest', 'resolution').matchAll(/`([a-z_]+)` \(/g)].map((m) => m[1])
    expect(sorted(resolutions)).toEqual(sorted(RESOLUTIONS))
    expect(STATE_FILTERS).toEqual([...ANOMALY_STATES, 'all'])
  })

  it('gives every kind a title and a plain explanation in both languages', () => {
    for (const locale of LOCALES) {
      inLocale(locale, () => {
        const titles = ANOMALY_KINDS.map((k) => kindTitle(k, i18n))
        expect(new Set(titles).size, `${locale}: distinct titles`).toBe(ANOMALY_KINDS.length)
        for (const kind of ANOMALY_KINDS) {
          expect(i18n.te(`comparison.kinds.${kind}.title`), `${locale} ${kind}`).toBe(true)
          const explanation = kindExplanation(kind, i18n)
          expect(explanation.length, `${locale} ${kind}`).toBeGreaterThan(20)
          if (locale === 'zh-CN') expect(explanation).toMatch(/[\u4e00-\u9fff]/)
          else expect(explanation).toMatch(/^[A-Z].*[.)]$/)
        }
      })
    }
    expect(kindTitle('identity_mismatch', i18n)).toBe('身份信息不一致')
    expect(inLocale('en-US', () => kindTitle('only_national', i18n))).toBe('Only in the national system')
  })

  it('labels and explains every resolution in both languages', () => {
    for (const locale of LOCALES) {
      inLocale(locale, () => {
        const labels = RESOLUTIONS.map((r) => resolutionLabel(r, i18n))
        expect(new Set(labels).size).toBe(RESOLUTIONS.length)
        for (const r of RESOLUTIONS) {
          expect(i18n.te(`comparison.resolutions.${r}.label`), `${locale} ${r}`).toBe(true)
          expect(resolutionExplanation(r, i18n).length, `${locale} ${r}`).toBeGreaterThan(5)
        }
      })
    }
    expect(RESOLUTIONS.map((r) => resolutionLabel(r, i18n))).toEqual(['已更正省网', '已更正国网', '核实无误', '其他'])
  })

  it('labels every state filter, field, shared status and payment value in both languages', () => {
    for (const locale of LOCALES) {
      for (const s of STATE_FILTERS) expect(i18n.te(`comparison.states.${s}`, locale), `${locale} ${s}`).toBe(true)
      for (const f of ANOMALY_FIELDS) expect(i18n.te(`comparison.fields.${f}`, locale), `${locale} ${f}`).toBe(true)
      for (const s of SHARED_STATUSES) expect(i18n.te(`comparison.statuses.${s}`, locale), `${locale} ${s}`).toBe(true)
      for (const p of PAYMENT_VALUES) expect(i18n.te(`comparison.payment.${p}`, locale), `${locale} ${p}`).toBe(true)
    }
    expect(ANOMALY_STATES.map((s) => stateLabel(s, i18n))).toEqual(['待处理', '已处理', '已消失'])
    expect(fieldLabel('site_code', i18n)).toBe('考点代码')
    expect(fieldLabel('', i18n)).toBe('—')
  })

  it('shows values the server adds later readably, never as message keys', () => {
    expect(kindTitle('birthday_mismatch', i18n)).toBe('Birthday mismatch')
    expect(kindExplanation('birthday_mismatch', i18n)).toBe('服务器报告的其他异常类型。')
    expect(resolutionLabel('escalated', i18n)).toBe('Escalated')
    expect(resolutionExplanation('escalated', i18n)).toBe('')
    expect(stateLabel('archived', i18n)).toBe('Archived')
    expect(fieldLabel('exam_year', i18n)).toBe('exam_year')
  })

  it('puts each side’s value in words: statuses, payment, “name status” of the one-sided kinds', () => {
    expect(valueText('status_mismatch', 'approved', i18n)).toBe('审核通过')
    expect(valueText('status_mismatch', 'in_review', i18n)).toBe('审核中')
    expect(valueText('payment_mismatch', 'unpaid', i18n)).toBe('未缴费')
    expect(valueText('only_national', '张 三 withdrawn', i18n)).toBe('张 三（已撤销）')
    expect(inLocale('en-US', () => valueText('only_provincial', '李明 approved', i18n))).toBe('李明 (Approved)')
    expect(valueText('identity_mismatch', '张叁', i18n)).toBe('张叁')
    expect(valueText('field_difference', '4101', i18n)).toBe('4101')
    expect(valueText('only_provincial', null, i18n)).toBe('—')
    expect(valueText('status_mismatch', undefined, i18n)).toBe('—')
    expect(valueText('status_mismatch', 'on_hold', i18n)).toBe('on_hold')
  })
})

describe('who may run and resolve', () => {
  it('lets region administrators run, and only exam-region reviewers resolve open anomalies', () => {
    expect(canRunComparison('region_admin')).toBe(true)
    expect(canRunComparison('reviewer')).toBe(false)
    expect(canResolveAnomalies('reviewer', 'region')).toBe(true)
    expect(canResolveAnomalies('reviewer', 'site')).toBe(false)
    expect(canResolveAnomalies('reviewer', 'point')).toBe(false)
    expect(canResolveAnomalies('region_admin', null)).toBe(false)
    expect(canResolveAnomalies('region_admin', 'region')).toBe(false)
    expect(canResolveAnomalies(null, 'region')).toBe(false)
    expect(resolvable({ state: 'open' }, true)).toBe(true)
    expect(resolvable({ state: 'resolved' }, true)).toBe(false)
    expect(resolvable({ state: 'gone' }, true)).toBe(false)
    expect(resolvable({ state: 'open' }, false)).toBe(false)
  })
})

describe('the list filter', () => {
  it('reads the URL, dropping what the server would refuse', () => {
    expect(anomalyStateFromRoute({})).toEqual({ state: 'open', page: 1, page_size: DEFAULT_PAGE_SIZE })
    expect(
      anomalyStateFromRoute({ session_id: SESSION, kind: 'identity_mismatch', state: 'all', q: ' 张 ', page: '3', page_size: '100' }),
    ).toEqual({ session_id: SESSION, kind: 'identity_mismatch', state: 'all', q: '张', page: 3, page_size: 100 })
    expect(anomalyStateFromRoute({ session_id: SESSION, kind: 'nonsense', state: 'closed', page: '-2', page_size: '7', q: '  ' })).toEqual({
      session_id: SESSION,
      state: 'open',
      page: 1,
      page_size: DEFAULT_PAGE_SIZE,
    })
    expect(anomalyStateFromRoute({ kind: ['payment_mismatch', 'only_national'] }).kind).toBe('payment_mismatch')
  })

  it('writes only what differs from the defaults, and reads back what it wrote', () => {
    expect(anomalyStateToRoute({ session_id: SESSION, state: 'open', page: 1, page_size: DEFAULT_PAGE_SIZE })).toEqual({ session_id: SESSION })
    const full = { session_id: SESSION, kind: 'field_difference', state: 'resolved', q: '王', page: 2, page_size: 20 } as const
    const route = anomalyStateToRoute(full)
    expect(route).toEqual({ session_id: SESSION, kind: 'field_difference', state: 'resolved', q: '王', page: '2', page_size: '20' })
    expect(anomalyStateFromRoute(route)).toEqual(full)
  })

  it('builds the list query: a session is required, the state is always sent, text is trimmed', () => {
    expect(toAnomalyQuery({ state: 'open', page: 1, page_size: 50 })).toBeNull()
    expect(toAnomalyQuery({ session_id: SESSION, state: 'open', page: 1, page_size: 50 })).toEqual({ session_id: SESSION, state: 'open', page: 1, page_size: 50 })
    expect(toAnomalyQuery({ session_id: SESSION, kind: 'only_national', state: 'all', q: ' 410105199001011234 ', page: 4, page_size: 20 })).toEqual({
      session_id: SESSION,
      kind: 'only_national',
      state: 'all',
      q: '410105199001011234',
      page: 4,
      page_size: 20,
    })
    expect(toAnomalyQuery({ session_id: SESSION, state: 'gone', q: '   ', page: 1, page_size: 50 })).toEqual({ session_id: SESSION, state: 'gone', page: 1, page_size: 50 })
  })

  it('builds the export query from the same filter, without paging', () => {
    expect(toAnomalyExportQuery({ state: 'open' })).toBeNull()
    expect(toAnomalyExportQuery({ session_id: SESSION, kind: 'status_mismatch', state: 'all', q: '赵' })).toEqual({
      session_id: SESSION,
      kind: 'status_mismatch',
      state: 'all',
      q: '赵',
    })
    const exported = toAnomalyExportQuery({ session_id: SESSION, state: 'open', page: 3, page_size: 20 } as never)
    expect(exported).toEqual({ session_id: SESSION, state: 'open' })
  })
})

describe('the resolve form', () => {
  it('needs a note for “other” (blank does not count) and for no other resolution', () => {
    expect(checkResolution({ resolution: 'other', note: '' })).toEqual({ ok: false, errors: { note: 'note_required' } })
    expect(checkResolution({ resolution: 'other', note: ' \n\t ' })).toEqual({ ok: false, errors: { note: 'note_required' } })
    expect(checkResolution({ resolution: 'other', note: ' 考生已在国网撤销报名 ' })).toEqual({ ok: true, body: { resolution: 'other', note: '考生已在国网撤销报名' } })
    for (const r of RESOLUTIONS.filter((r) => r !== 'other')) {
      expect(noteRequired(r)).toBe(false)
      expect(checkResolution({ resolution: r, note: '  ' })).toEqual({ ok: true, body: { resolution: r } })
    }
    expect(noteRequired('other')).toBe(true)
  })

  it('wants a known resolution', () => {
    expect(checkResolution({ resolution: '', note: '' })).toEqual({ ok: false, errors: { resolution: 'resolution_required' } })
    expect(checkResolution({ resolution: 'ignored', note: 'x' })).toEqual({ ok: false, errors: { resolution: 'resolution_unknown' } })
  })

  it('keeps a note to 500 characters, counted as characters (not UTF-16 units)', () => {
    expect(checkResolution({ resolution: 'confirmed_correct', note: '核'.repeat(NOTE_MAX) }).ok).toBe(true)
    expect(checkResolution({ resolution: 'confirmed_correct', note: '𠀀'.repeat(NOTE_MAX) }).ok).toBe(true)
    expect(checkResolution({ resolution: 'confirmed_correct', note: '核'.repeat(NOTE_MAX + 1) })).toEqual({ ok: false, errors: { note: 'note_too_long' } })
    expect(checkResolution({ resolution: '', note: 'x'.repeat(NOTE_MAX + 1) })).toEqual({
      ok: false,
      errors: { resolution: 'resolution_required', note: 'note_too_long' },
    })
  })

  it('has a message for each of its codes in both languages', () => {
    for (const locale of LOCALES) {
      for (const code of ['note_required', 'note_too_long', 'resolution_unknown']) expect(i18n.te(`errors.fields.${code}`, locale), `${locale} ${code}`).toBe(true)
      expect(i18n.te('comparison.resolve.resolutionRequired', locale)).toBe(true)
    }
  })
})

describe('counts, runs and imports', () => {
  const count = (kind: string, open: number, resolved = 0, gone = 0): AnomalyKindCount => ({ kind, open, resolved, gone })

  it('orders the counts by kind, unknown kinds last, with totals per kind and per state', () => {
    const counts = [count('field_difference', 1, 2, 3), count('future_kind', 4), count('only_national', 5, 1), count('identity_mismatch', 0)]
    expect(countRows(counts)).toEqual([
      { kind: 'only_national', open: 5, resolved: 1, gone: 0, total: 6 },
      { kind: 'identity_mismatch', open: 0, resolved: 0, gone: 0, total: 0 },
      { kind: 'field_difference', open: 1, resolved: 2, gone: 3, total: 6 },
      { kind: 'future_kind', open: 4, resolved: 0, gone: 0, total: 4 },
    ])
    expect(countTotals(counts)).toEqual({ open: 10, resolved: 3, gone: 3, all: 16 })
    expect(countTotals([])).toEqual({ open: 0, resolved: 0, gone: 0, all: 0 })
  })

  it('reads a run’s per-kind counts defensively', () => {
    const found = { identity_mismatch: 1, only_national: 2, only_provincial: 0, new_kind: 3, payment_mismatch: -1, status_mismatch: 'x' }
    expect(foundByKind(found)).toEqual([
      { kind: 'only_national', count: 2 },
      { kind: 'only_provincial', count: 0 },
      { kind: 'identity_mismatch', count: 1 },
      { kind: 'status_mismatch', count: 0 },
      { kind: 'payment_mismatch', count: 0 },
      { kind: 'field_difference', count: 0 },
      { kind: 'new_kind', count: 3 },
    ])
    expect(foundTotal(found)).toBe(6)
    expect(foundByKind(null).map((k) => k.count)).toEqual([0, 0, 0, 0, 0, 0])
    expect(foundTotal([1, 2])).toBe(0)
  })

  it('reads an import’s row errors defensively', () => {
    const errors = [
      { row: 3, column: 'status', code: 'enum_invalid', message: '值不在允许范围内' },
      { row: 4, column: 'id_number', code: 'duplicate_row', message: '同一证件号码在文件中出现多次' },
      { row: 'x', code: 'row_unreadable' },
      { message: 'no code' },
      'text',
    ]
    expect(importRowErrors(errors)).toEqual([
      { row: 3, column: 'status', code: 'enum_invalid', message: '值不在允许范围内' },
      { row: 4, column: 'id_number', code: 'duplicate_row', message: '同一证件号码在文件中出现多次' },
      { row: 0, column: '', code: 'row_unreadable', message: '' },
    ])
    expect(importRowErrors({})).toEqual([])
  })

  it('sends a file with its media type and its name cut to what the server keeps', () => {
    expect(uploadContentType('国网导出.CSV')).toBe('text/csv')
    expect(uploadContentType('national.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(uploadContentType('national')).toBe('application/octet-stream')
    expect(importFileName('  国网.csv ')).toBe('国网.csv')
    expect(importFileName('   ')).toBeUndefined()
    expect([...(importFileName(`${'名'.repeat(250)}.csv`) ?? '')]).toHaveLength(200)
  })
})
