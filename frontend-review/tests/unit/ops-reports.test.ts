import { describe, expect, it } from 'vitest'
import { buildI18n } from '@/i18n'
import {
  drillCheckLabel,
  drillFailures,
  evidenceShown,
  filterKinds,
  formatBytes,
  kindLabel,
  levelLabel,
  patrolCheckLabel,
  PATROL_CHECKS,
  DRILL_CHECKS,
  prettyJson,
  readBackup,
  readDrill,
  readPatrol,
  readReport,
  REPORT_KINDS,
  reportsStateFromRoute,
  reportsStateToRoute,
  reportView,
} from '@/utils/ops-reports'
import { contractDescription, quotedCodes } from './helpers'

const i18n = buildI18n('zh-CN').global
const en = buildI18n('en-US').global

/** As `weikao patrol security` writes it. */
const patrolBody = {
  kind: 'security-patrol',
  at: '2026-12-03T01:15:00Z',
  report: {
    at: '2026-12-03T01:15:00Z',
    failed: 1,
    warnings: 1,
    findings: [
      { check: 'accounts_without_totp', level: 'pass', summary: 'every active staff account has TOTP', advice: '', evidence: [] },
      { check: 'dormant_accounts', level: 'warn', summary: '2 active account(s) unused for 90 days or more', advice: 'confirm with the account\u2019s owner or deactivate it', evidence: ['staff:a', 'staff:b'] },
      { check: 'audit_anchors', level: 'fail', summary: 'no anchor file', advice: 'run weikao audit anchor', evidence: ['audit#12'] },
    ],
  },
}

/** As `weikao restore --verify` writes it. */
const drillBody = {
  kind: 'restore-drill',
  at: '2026-12-03T02:00:00Z',
  report: {
    backup: '/var/backups/weikao/20261203T010000Z',
    restored_database: 'weikao_drill_1',
    restored_objects: '/tmp/drill',
    ok: false,
    checks: [
      { name: 'dump_checksum', ok: true, detail: 'sha256 matches' },
      { name: 'row_counts', ok: false, detail: 'audit_events: 10 ≠ 11' },
    ],
    seconds: 12.34,
  },
}

/** As `weikao backup` writes it. */
const backupBody = {
  kind: 'backup',
  at: '2026-12-03T01:00:00Z',
  report: {
    dir: '/var/backups/weikao/20261203T010000Z',
    seconds: 3.5,
    pruned: 1,
    database: { bytes: 1536, sha256: 'ab'.repeat(32), tables: { accounts: 10, registrations: 25, audit_events: 100 } },
    attachments: { count: 7, bytes: 5 * 1024 * 1024, copied: 2, missing: ['materials/x.jpg'] },
  },
}

describe('the report envelope', () => {
  it('reads {kind, at, report}, and anything else as a report of no kind', () => {
    expect(readReport(patrolBody)).toEqual({ kind: 'security-patrol', at: '2026-12-03T01:15:00Z', report: patrolBody.report })
    expect(readReport([1, 2])).toEqual({ kind: '', at: '', report: [1, 2] })
    expect(readReport({ kind: 3, report: 'x' })).toEqual({ kind: '', at: '', report: 'x' })
    expect(readReport(null)).toEqual({ kind: '', at: '', report: null })
  })

  it('knows the kinds the contract names', () => {
    expect([...REPORT_KINDS]).toEqual(quotedCodes(contractDescription('ReportEntry', 'kind').replace(/-/g, '_')).map((k) => k.replace(/_/g, '-')))
  })
})

describe('security patrol', () => {
  it('lists the findings failures first, with the report’s counts', () => {
    const patrol = readPatrol(patrolBody.report)!
    expect(patrol.failed).toBe(1)
    expect(patrol.warnings).toBe(1)
    expect(patrol.findings.map((f) => [f.check, f.level])).toEqual([
      ['audit_anchors', 'fail'],
      ['dormant_accounts', 'warn'],
      ['accounts_without_totp', 'pass'],
    ])
    expect(patrol.findings[1]).toEqual({
      check: 'dormant_accounts',
      level: 'warn',
      summary: '2 active account(s) unused for 90 days or more',
      advice: 'confirm with the account\u2019s owner or deactivate it',
      evidence: ['staff:a', 'staff:b'],
    })
  })

  it('reads a damaged body defensively: counts from the findings, unknown levels, odd entries left out', () => {
    const patrol = readPatrol({
      findings: [{ check: 'x', level: 'error', summary: 5, evidence: 'staff:a' }, null, 'text', { check: 'y', level: 'fail', evidence: ['a', 7, '', null] }],
    })!
    expect(patrol.failed).toBe(1)
    expect(patrol.warnings).toBe(0)
    expect(patrol.findings).toEqual([
      { check: 'y', level: 'fail', summary: '', advice: '', evidence: ['a', '7'] },
      { check: 'x', level: 'unknown', summary: '5', advice: '', evidence: [] },
    ])
    expect(readPatrol({ findings: 'none' })).toBeNull()
    expect(readPatrol(null)).toBeNull()
  })

  it('shows the first evidence, and all on request', () => {
    const many = Array.from({ length: 13 }, (_, i) => `staff:u${i}`)
    expect(evidenceShown(many, false)).toEqual({ shown: many.slice(0, 10), more: 3 })
    expect(evidenceShown(many, true)).toEqual({ shown: many, more: 0 })
    expect(evidenceShown(['a'], false)).toEqual({ shown: ['a'], more: 0 })
  })

  it('names every check and level in both languages', () => {
    for (const check of PATROL_CHECKS) {
      expect(patrolCheckLabel(check, i18n)).toMatch(/[\u4e00-\u9fff]/)
      expect(patrolCheckLabel(check, en)).toMatch(/^[A-Z]/)
    }
    expect(patrolCheckLabel('new_check', i18n)).toBe('New check')
    expect(levelLabel('fail', i18n)).toBe('失败')
    expect(levelLabel('warn', en)).toBe('Warning')
    expect(levelLabel('unknown', i18n)).toBe('未知')
  })
})

describe('restore drill', () => {
  it('reads the verdict and the checks in order', () => {
    const drill = readDrill(drillBody.report)!
    expect(drill).toEqual({
      ok: false,
      backup: '/var/backups/weikao/20261203T010000Z',
      restoredDatabase: 'weikao_drill_1',
      seconds: 12.34,
      checks: [
        { name: 'dump_checksum', ok: true, detail: 'sha256 matches' },
        { name: 'row_counts', ok: false, detail: 'audit_events: 10 ≠ 11' },
      ],
    })
    expect(drillFailures(drill)).toBe(1)
  })

  it('does not take a check that does not say for a pass', () => {
    const drill = readDrill({ checks: [{ name: 'x' }, 4, { name: 'y', ok: 'yes', detail: { rows: 1 } }] })!
    expect(drill.ok).toBeNull()
    expect(drill.seconds).toBeNull()
    expect(drill.checks).toEqual([
      { name: 'x', ok: null, detail: '' },
      { name: 'y', ok: null, detail: '{"rows":1}' },
    ])
    expect(drillFailures(drill)).toBe(2)
    expect(readDrill({ ok: true })).toBeNull()
  })

  it('names every check in both languages', () => {
    for (const name of DRILL_CHECKS) {
      expect(drillCheckLabel(name, i18n)).toMatch(/[\u4e00-\u9fff]/)
      expect(drillCheckLabel(name, en)).toMatch(/^[A-Z]/)
    }
  })
})

describe('backup', () => {
  it('reads the database and attachment parts', () => {
    expect(readBackup(backupBody.report)).toEqual({
      dir: '/var/backups/weikao/20261203T010000Z',
      seconds: 3.5,
      pruned: 1,
      databaseBytes: 1536,
      databaseSha256: 'ab'.repeat(32),
      tables: 3,
      rows: 135,
      attachments: 7,
      attachmentBytes: 5 * 1024 * 1024,
      copied: 2,
      missing: ['materials/x.jpg'],
    })
  })

  it('reads a partial body, and nothing without either part', () => {
    expect(readBackup({ database: { bytes: -1, tables: [] } })).toMatchObject({ databaseBytes: null, tables: null, rows: null, attachments: null, copied: null, missing: [] })
    expect(readBackup({ attachments: { count: 1, missing: 'x' } })).toMatchObject({ attachments: 1, missing: [], tables: null })
    expect(readBackup({ dir: '/x' })).toBeNull()
    expect(readBackup('backup')).toBeNull()
  })
})

describe('one report as the screen shows it', () => {
  it('uses the kind’s reader, and formatted JSON for anything else', () => {
    expect(reportView(readReport(patrolBody)).type).toBe('security-patrol')
    expect(reportView(readReport(drillBody)).type).toBe('restore-drill')
    expect(reportView(readReport(backupBody)).type).toBe('backup')
    expect(reportView(readReport({ kind: 'inspection', at: '', report: { a: 1 } }))).toEqual({ type: 'json', json: '{\n  "a": 1\n}' })
    // a known kind whose body is not what its reader knows
    expect(reportView(readReport({ kind: 'security-patrol', report: { checks: [] } }))).toEqual({ type: 'json', json: '{\n  "checks": []\n}' })
    expect(reportView(readReport({ kind: 'backup', report: 'done' }))).toEqual({ type: 'json', json: '"done"' })
    expect(prettyJson(undefined)).toBe('')
  })

  it('formats sizes in 1024 steps', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB')
    expect(formatBytes(null)).toBe('—')
    expect(formatBytes(-1)).toBe('—')
  })

  it('names the kinds in both languages', () => {
    expect(kindLabel('security-patrol', i18n)).toBe('安全巡检')
    expect(kindLabel('restore-drill', en)).toBe('Restore drill')
    expect(kindLabel('inspection', i18n)).toBe('Inspection')
  })
})

describe('the screen’s state in the URL', () => {
  it('keeps a kind and an open report', () => {
    expect(reportsStateFromRoute({ kind: 'security-patrol', name: '20261203T011500Z-security-patrol.json' })).toEqual({
      kind: 'security-patrol',
      name: '20261203T011500Z-security-patrol.json',
    })
    expect(reportsStateFromRoute({ kind: ['backup', 'x'] })).toEqual({ kind: 'backup' })
    expect(reportsStateFromRoute({ kind: 'DROP TABLE', name: ' ' })).toEqual({})
    expect(reportsStateToRoute({ kind: 'backup' })).toEqual({ kind: 'backup' })
    expect(reportsStateToRoute({ kind: 'backup', name: 'x.json' })).toEqual({ kind: 'backup', name: 'x.json' })
    expect(reportsStateToRoute({})).toEqual({})
  })
})

describe('the kind filter', () => {
  it('offers the known kinds, then any other the server has written', () => {
    expect(filterKinds([])).toEqual(['backup', 'restore-drill', 'security-patrol'])
    expect(filterKinds([{ kind: 'security-patrol' }, { kind: 'preseason-inspection' }, { kind: 'preseason-inspection' }])).toEqual([
      'backup',
      'restore-drill',
      'security-patrol',
      'preseason-inspection',
    ])
    expect(filterKinds([], 'preseason-inspection')).toEqual(['backup', 'restore-drill', 'security-patrol', 'preseason-inspection'])
  })
})
