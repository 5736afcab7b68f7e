import { describe, expect, it } from 'vitest'
import { buildI18n } from '@/i18n'
import {
  cacheHitRatio,
  CLEANUP_CLASSES,
  cleanupClassLabel,
  drillCheckLabel,
  drillFailures,
  evidenceShown,
  filterKinds,
  formatBytes,
  formatGrowth,
  formatPercent,
  INSPECTION_ITEMS,
  inspectionItemLabel,
  kindLabel,
  levelLabel,
  patrolCheckLabel,
  PATROL_CHECKS,
  DRILL_CHECKS,
  prettyJson,
  readBackup,
  readCleanup,
  readDbInspection,
  readDrill,
  readInspection,
  readPatrol,
  readReport,
  readSeasonArchive,
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

/** As `weikao inspect preseason` writes it. */
const preseasonBody = {
  kind: 'preseason-inspection',
  at: '2027-02-20T01:00:00Z',
  report: {
    at: '2027-02-20T01:00:00Z',
    failed: 1,
    warnings: 1,
    items: [
      { item: 'session: 2027 春季', level: 'pass', detail: 'windows, 3-level review chain and 2 fee items in order', advice: '' },
      { item: 'reason_catalog', level: 'fail', detail: 'the reason catalog is empty', advice: 'load the return/reject reasons reviewers choose from' },
      { item: 'mail', level: 'warn', detail: 'no SMTP server configured: e-mails stay in the outbox', advice: 'set WEIKAO_SMTP_URL' },
    ],
  },
}

/** As `weikao inspect db` writes it, the week after a first inspection. */
const dbBody = {
  kind: 'db-inspection',
  at: '2027-02-27T02:00:00Z',
  report: {
    at: '2027-02-27T02:00:00Z',
    failed: 0,
    warnings: 1,
    items: [
      { item: 'cache_hit_ratio', level: 'pass', detail: '99.0% of blocks found in the cache', advice: '', evidence: [] },
      {
        item: 'since_previous',
        level: 'warn',
        detail: 'previous inspection 7.0 days ago; 0.50 commits/s since; database grew 2.0 MiB',
        advice: 'statements that got slower: compare their plans',
        evidence: ['slower: 1.00 ms → 9.00 ms mean over 40 calls: SELECT …', 'registrations: 100 → 250 rows'],
      },
    ],
    previous: '20270220T020000Z-db-inspection.json',
    comparison: {
      previous_at: '2027-02-20T02:00:00Z',
      days: 7,
      commits_per_second: 0.5,
      database_growth_bytes: 2 * 1024 * 1024,
      cache_hit_ratio_then: 0.98,
      cache_hit_ratio_now: 0.99,
      table_growth: [
        ['registrations', 100, 250],
        ['outbox', 40, 10],
      ],
      slower_statements: ['1.00 ms → 9.00 ms mean over 40 calls: SELECT …'],
      new_in_top: [],
    },
    snapshot: {
      at: '2027-02-27T02:00:00Z',
      stats_reset: null,
      database_bytes: 50 * 1024 * 1024,
      commits: 1000,
      rollbacks: 2,
      blocks_hit: 990,
      blocks_read: 10,
      connections: 12,
      active_connections: 1,
      idle_in_transaction: 0,
      max_connections: 100,
      statements: null,
      statements_note: 'pg_stat_statements is not installed',
      tables: [],
      indexes: [],
      transactions: [],
      lock_waits: [],
    },
  },
}

/** As `weikao cleanup expired` (a dry run) writes it. */
const cleanupBody = {
  kind: 'cleanup',
  at: '2027-03-01T03:00:00Z',
  report: {
    at: '2027-03-01T03:00:00Z',
    apply: false,
    actor: 'ops@example.cn',
    classes: [
      { class: 'outbox', retention_days: 180, cutoff: '2026-09-02T03:00:00Z', rows: 120, objects: 0, detail: 'e-mails and SMS delivered…' },
      { class: 'superseded_materials', retention_days: 365, cutoff: '2026-03-01T03:00:00Z', rows: 4, objects: 4, detail: 'uploaded files replaced…' },
      { class: 'library_expired', retention_days: 0, cutoff: '2027-03-01T03:00:00Z', rows: 0, objects: 0, detail: 'reference-library rows expired…' },
    ],
    total_rows: 124,
    total_objects: 4,
  },
}

/** As `weikao archive season` writes it. */
const archiveBody = {
  kind: 'season-archive',
  at: '2027-09-01T04:00:00Z',
  report: {
    at: '2027-09-01T04:00:00Z',
    session_id: '5b0c1f9e-8d4e-4f43-9a57-2f1f0d6c9a10',
    session_name: '2027 春季',
    registrations: 320,
    versions: 410,
    findings: 95,
    actions: 700,
    materials: 1280,
    objects_moved: 1280,
    bytes: 3 * 1024 ** 3,
    manifest_key: 'archive/2027-spring/manifest.json',
    manifest_sha256: 'cd'.repeat(32),
    seconds: 42.5,
  },
}

describe('the report envelope', () => {
  it('reads {kind, at, report}, and anything else as a report of no kind', () => {
    expect(readReport(patrolBody)).toEqual({ kind: 'security-patrol', at: '2026-12-03T01:15:00Z', report: patrolBody.report })
    expect(readReport([1, 2])).toEqual({ kind: '', at: '', report: [1, 2] })
    expect(readReport({ kind: 3, report: 'x' })).toEqual({ kind: '', at: '', report: 'x' })
    expect(readReport(null)).toEqual({ kind: '', at: '', report: null })
  })

  it('knows the kinds the contract names (the contract names some, then “…”)', () => {
    const named = quotedCodes(contractDescription('ReportEntry', 'kind').replace(/-/g, '_')).map((k) => k.replace(/_/g, '-'))
    expect(named.length).toBeGreaterThan(0)
    expect([...REPORT_KINDS]).toEqual(expect.arrayContaining(named))
    expect(REPORT_KINDS).toEqual(['backup', 'restore-drill', 'security-patrol', 'preseason-inspection', 'db-inspection', 'cleanup', 'season-archive'])
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

describe('inspections', () => {
  it('reads a pre-season inspection’s items failures first, with the report’s counts', () => {
    const inspection = readInspection(preseasonBody.report)!
    expect(inspection.failed).toBe(1)
    expect(inspection.warnings).toBe(1)
    expect(inspection.items).toEqual([
      { item: 'reason_catalog', level: 'fail', detail: 'the reason catalog is empty', advice: 'load the return/reject reasons reviewers choose from', evidence: [] },
      { item: 'mail', level: 'warn', detail: 'no SMTP server configured: e-mails stay in the outbox', advice: 'set WEIKAO_SMTP_URL', evidence: [] },
      { item: 'session: 2027 春季', level: 'pass', detail: 'windows, 3-level review chain and 2 fee items in order', advice: '', evidence: [] },
    ])
  })

  it('reads a damaged inspection defensively, and nothing without a list of items', () => {
    const inspection = readInspection({ failed: -1, items: [{ item: 'x', level: 'bad', detail: 3, evidence: 'a' }, 7, { item: 'y', level: 'warn', evidence: ['a', '', 2] }] })!
    expect(inspection.failed).toBe(0)
    expect(inspection.warnings).toBe(1)
    expect(inspection.items).toEqual([
      { item: 'y', level: 'warn', detail: '', advice: '', evidence: ['a', '2'] },
      { item: 'x', level: 'unknown', detail: '3', advice: '', evidence: [] },
    ])
    expect(readInspection({ items: {} })).toBeNull()
    expect(readInspection({ findings: [] })).toBeNull()
    expect(readInspection('ok')).toBeNull()
  })

  it('reads a database inspection’s figures and its comparison with the previous one', () => {
    const db = readDbInspection(dbBody.report)!
    expect(db.failed).toBe(0)
    expect(db.warnings).toBe(1)
    expect(db.items.map((i) => [i.item, i.level])).toEqual([
      ['since_previous', 'warn'],
      ['cache_hit_ratio', 'pass'],
    ])
    expect(db.items[0].evidence).toHaveLength(2)
    expect(db.previous).toBe('20270220T020000Z-db-inspection.json')
    expect(db.snapshot).toEqual({
      at: '2027-02-27T02:00:00Z',
      databaseBytes: 50 * 1024 * 1024,
      commits: 1000,
      rollbacks: 2,
      blocksHit: 990,
      blocksRead: 10,
      connections: 12,
      maxConnections: 100,
    })
    expect(db.cacheHitRatio).toBeCloseTo(0.99)
    expect(db.comparison).toEqual({
      previousAt: '2027-02-20T02:00:00Z',
      days: 7,
      commitsPerSecond: 0.5,
      databaseGrowthBytes: 2 * 1024 * 1024,
      cacheHitRatioThen: 0.98,
      cacheHitRatioNow: 0.99,
      tableGrowth: [
        { table: 'registrations', then: 100, now: 250 },
        { table: 'outbox', then: 40, now: 10 },
      ],
      slowerStatements: ['1.00 ms → 9.00 ms mean over 40 calls: SELECT …'],
      newInTop: [],
    })
  })

  it('reads a first database inspection (no previous, no comparison) and odd parts defensively', () => {
    const first = readDbInspection({ ...dbBody.report, previous: null, comparison: null })!
    expect(first.previous).toBe('')
    expect(first.comparison).toBeNull()
    const odd = readDbInspection({
      items: [],
      previous: 5,
      comparison: { days: 'x', commits_per_second: null, database_growth_bytes: -4096, cache_hit_ratio_now: 2, table_growth: [['t', 1, 2], ['u', 'x', 1], 'v', [3, 1, 2]] },
      snapshot: 'none',
    })!
    expect(odd.previous).toBe('')
    expect(odd.snapshot).toBeNull()
    expect(odd.cacheHitRatio).toBeNull()
    expect(odd.comparison).toMatchObject({ days: null, commitsPerSecond: null, databaseGrowthBytes: -4096, cacheHitRatioNow: null, tableGrowth: [{ table: 't', then: 1, now: 2 }] })
    expect(readDbInspection({ snapshot: dbBody.report.snapshot })).toBeNull()
  })

  it('computes the cache hit ratio, and none before any block was read', () => {
    expect(cacheHitRatio(990, 10)).toBeCloseTo(0.99)
    expect(cacheHitRatio(0, 0)).toBeNull()
    expect(cacheHitRatio(null, 10)).toBeNull()
  })

  it('names every item in both languages, a session’s item with its name, anything else as written', () => {
    for (const item of INSPECTION_ITEMS) {
      expect(inspectionItemLabel(item, i18n)).toMatch(/[\u4e00-\u9fff]/)
      expect(inspectionItemLabel(item, en)).toMatch(/^[A-Z]/)
    }
    expect(inspectionItemLabel('session: 2027 春季', i18n)).toBe('考试：2027 春季')
    expect(inspectionItemLabel('session: 2027 spring', en)).toBe('Session: 2027 spring')
    expect(inspectionItemLabel('disk_new', i18n)).toBe('Disk new')
    expect(inspectionItemLabel('Odd item: x_y', i18n)).toBe('Odd item: x_y')
  })
})

describe('cleanup of expired data', () => {
  it('reads a dry run’s classes in order, with the totals', () => {
    expect(readCleanup(cleanupBody.report)).toEqual({
      apply: false,
      actor: 'ops@example.cn',
      classes: [
        { class: 'outbox', retentionDays: 180, cutoff: '2026-09-02T03:00:00Z', rows: 120, objects: 0, detail: 'e-mails and SMS delivered…' },
        { class: 'superseded_materials', retentionDays: 365, cutoff: '2026-03-01T03:00:00Z', rows: 4, objects: 4, detail: 'uploaded files replaced…' },
        { class: 'library_expired', retentionDays: null, cutoff: '2027-03-01T03:00:00Z', rows: 0, objects: 0, detail: 'reference-library rows expired…' },
      ],
      totalRows: 124,
      totalObjects: 4,
    })
  })

  it('reads a damaged cleanup defensively: totals summed, the mode unknown; nothing without classes', () => {
    const cleanup = readCleanup({ apply: 'yes', classes: [{ class: 'jobs', rows: 3, objects: -1 }, null, { class: 'drafts', rows: 2, objects: 5 }] })!
    expect(cleanup.apply).toBeNull()
    expect(cleanup.totalRows).toBe(5)
    expect(cleanup.totalObjects).toBe(5)
    expect(cleanup.classes[0]).toEqual({ class: 'jobs', retentionDays: null, cutoff: '', rows: 3, objects: null, detail: '' })
    expect(readCleanup({ apply: true, total_rows: 3 })).toBeNull()
    expect(readCleanup([])).toBeNull()
  })

  it('names every class in both languages, and keeps an unknown class as written', () => {
    for (const code of CLEANUP_CLASSES) {
      expect(cleanupClassLabel(code, i18n)).toMatch(/[\u4e00-\u9fff]/)
      expect(cleanupClassLabel(code, en)).toMatch(/^[A-Z]/)
    }
    expect(cleanupClassLabel('auth_sessions', i18n)).toBe('登录会话')
    expect(cleanupClassLabel('national_imports', i18n)).toBe('国家导出文件')
    expect(cleanupClassLabel('temp_files', i18n)).toBe('temp_files')
  })
})

describe('season archive', () => {
  it('reads the session, the counts and the manifest', () => {
    expect(readSeasonArchive(archiveBody.report)).toEqual({
      sessionId: '5b0c1f9e-8d4e-4f43-9a57-2f1f0d6c9a10',
      sessionName: '2027 春季',
      registrations: 320,
      versions: 410,
      findings: 95,
      actions: 700,
      materials: 1280,
      objectsMoved: 1280,
      bytes: 3 * 1024 ** 3,
      manifestKey: 'archive/2027-spring/manifest.json',
      manifestSha256: 'cd'.repeat(32),
      seconds: 42.5,
    })
  })

  it('reads a partial archive, and nothing that names neither the session nor the manifest', () => {
    expect(readSeasonArchive({ session_name: 'x', registrations: 'many', seconds: -1 })).toMatchObject({ sessionName: 'x', registrations: null, seconds: null, manifestKey: '' })
    expect(readSeasonArchive({ registrations: 3 })).toBeNull()
    expect(readSeasonArchive(null)).toBeNull()
  })
})

describe('one report as the screen shows it', () => {
  it('uses the kind’s reader, and formatted JSON for anything else', () => {
    expect(reportView(readReport(patrolBody)).type).toBe('security-patrol')
    expect(reportView(readReport(drillBody)).type).toBe('restore-drill')
    expect(reportView(readReport(backupBody)).type).toBe('backup')
    expect(reportView(readReport(preseasonBody))).toMatchObject({ type: 'preseason-inspection', inspection: { failed: 1, warnings: 1 } })
    expect(reportView(readReport(dbBody))).toMatchObject({ type: 'db-inspection', inspection: { previous: '20270220T020000Z-db-inspection.json' } })
    expect(reportView(readReport(cleanupBody))).toMatchObject({ type: 'cleanup', cleanup: { apply: false, totalRows: 124 } })
    expect(reportView(readReport(archiveBody))).toMatchObject({ type: 'season-archive', archive: { sessionName: '2027 春季' } })
    expect(reportView(readReport({ kind: 'inspection', at: '', report: { a: 1 } }))).toEqual({ type: 'json', json: '{\n  "a": 1\n}' })
    // a known kind whose body is not what its reader knows
    expect(reportView(readReport({ kind: 'security-patrol', report: { checks: [] } }))).toEqual({ type: 'json', json: '{\n  "checks": []\n}' })
    expect(reportView(readReport({ kind: 'backup', report: 'done' }))).toEqual({ type: 'json', json: '"done"' })
  })

  it('shows a new kind whose body is not what its reader knows as formatted JSON', () => {
    const json = (kind: string, report: unknown) => reportView(readReport({ kind, at: '', report }))
    expect(json('preseason-inspection', { findings: [] })).toEqual({ type: 'json', json: '{\n  "findings": []\n}' })
    expect(json('db-inspection', { items: 'none', snapshot: {} })).toMatchObject({ type: 'json' })
    expect(json('db-inspection', null)).toEqual({ type: 'json', json: 'null' })
    expect(json('cleanup', { apply: true })).toEqual({ type: 'json', json: '{\n  "apply": true\n}' })
    expect(json('season-archive', { bytes: 1 })).toEqual({ type: 'json', json: '{\n  "bytes": 1\n}' })
    expect(json('season-archive', 'archived')).toEqual({ type: 'json', json: '"archived"' })
    // a body of one kind under another kind's name
    expect(json('cleanup', preseasonBody.report).type).toBe('json')
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

  it('formats growth with its sign, and shares as percentages', () => {
    expect(formatGrowth(1536)).toBe('+1.5 KB')
    expect(formatGrowth(-2 * 1024 * 1024)).toBe('\u22122.0 MB')
    expect(formatGrowth(0)).toBe('0 B')
    expect(formatGrowth(null)).toBe('—')
    expect(formatPercent(0.9987)).toBe('99.9%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(null)).toBe('—')
  })

  it('names the kinds in both languages', () => {
    expect(kindLabel('security-patrol', i18n)).toBe('安全巡检')
    expect(kindLabel('restore-drill', en)).toBe('Restore drill')
    expect(kindLabel('inspection', i18n)).toBe('Inspection')
    expect(REPORT_KINDS.map((k) => kindLabel(k, i18n)).slice(3)).toEqual(['赛前巡检', '数据库巡检', '过期数据清理', '考季归档'])
    expect(REPORT_KINDS.map((k) => kindLabel(k, en)).slice(3)).toEqual(['Pre-season inspection', 'Database inspection', 'Cleanup of expired data', 'Season archive'])
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
    expect(filterKinds([])).toEqual([...REPORT_KINDS])
    expect(filterKinds([{ kind: 'security-patrol' }, { kind: 'disk-check' }, { kind: 'disk-check' }])).toEqual([...REPORT_KINDS, 'disk-check'])
    expect(filterKinds([], 'disk-check')).toEqual([...REPORT_KINDS, 'disk-check'])
  })
})
