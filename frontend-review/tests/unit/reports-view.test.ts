import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import ReportsView from '@/views/ReportsView.vue'
import type { ReportEntry } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { plugins, problem, settle, staff, testRouter, tokens } from './helpers'

const ops = vi.hoisted(() => ({ listOpsReports: vi.fn(), getOpsReport: vi.fn() }))
vi.mock('@/api/ops', () => ops)

const PATROL = '20261203T011500Z-security-patrol.json'
const DRILL = '20261203T020000Z-restore-drill.json'
const BACKUP = '20261203T010000Z-backup.json'

const entries: ReportEntry[] = [
  { name: DRILL, kind: 'restore-drill', at: '2026-12-03T02:00:00Z', bytes: 2048 },
  { name: PATROL, kind: 'security-patrol', at: '2026-12-03T01:15:00Z', bytes: 1536 },
  { name: BACKUP, kind: 'backup', at: '2026-12-03T01:00:00Z', bytes: 900 },
]

const evidence = Array.from({ length: 12 }, (_, i) => `staff:user${i}`)
const patrol = {
  kind: 'security-patrol',
  at: '2026-12-03T01:15:00Z',
  report: {
    at: '2026-12-03T01:15:00Z',
    failed: 1,
    warnings: 1,
    findings: [
      { check: 'accounts_without_totp', level: 'pass', summary: 'every active staff account has TOTP', advice: '', evidence: [] },
      { check: 'dormant_accounts', level: 'warn', summary: '12 active account(s) unused for 90 days or more', advice: 'confirm with the account’s owner or deactivate it', evidence },
      { check: 'audit_anchors', level: 'fail', summary: 'no anchor file', advice: 'run weikao audit anchor', evidence: ['audit#12'] },
    ],
  },
}

async function mountAt(path: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const { pinia, i18n } = plugins()
  i18n.global.locale.value = locale
  const session = useSessionStore(pinia)
  session.setTokens(tokens())
  session.staff = staff({ role: 'system_admin', review_level: null, username: 'sysadmin' })
  const router = testRouter([{ path: '/reports', name: 'reports', component: ReportsView }])
  await router.push(path)
  const wrapper = mount({ template: '<router-view />' }, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
  ops.listOpsReports.mockReset()
  ops.getOpsReport.mockReset()
  ops.listOpsReports.mockResolvedValue(entries)
})

describe('operations reports: the list', () => {
  it('lists the reports with their kind, time and size, each opening the report', async () => {
    const { wrapper } = await mountAt('/reports')
    expect(ops.listOpsReports).toHaveBeenCalledWith(undefined)
    expect(wrapper.get('h1').text()).toBe('运维报告')
    const rows = wrapper.findAll('[data-testid="reports-table"] tbody tr')
    expect(rows).toHaveLength(3)
    expect(rows[1].get('[data-testid="report-open"]').text()).toBe(PATROL)
    expect(rows[1].get('[data-testid="report-open"]').attributes('href')).toBe(`/review/reports?name=${PATROL}`)
    expect(rows[1].get('[data-testid="report-row-kind"]').text()).toBe('安全巡检')
    expect(rows[1].text()).toContain('2026/12/03 09:15:00')
    expect(rows[1].text()).toContain('1.5 KB')
    expect(rows[0].get('[data-testid="report-row-kind"]').text()).toBe('恢复演练')
  })

  it('filters by the kind in the URL, and keeps it when a report is opened', async () => {
    ops.listOpsReports.mockResolvedValue([entries[1]])
    const { wrapper, router } = await mountAt('/reports?kind=security-patrol')
    expect(ops.listOpsReports).toHaveBeenCalledWith('security-patrol')
    expect(wrapper.get('[data-testid="report-open"]').attributes('href')).toBe(`/review/reports?kind=security-patrol&name=${PATROL}`)
    await router.push('/reports?kind=backup')
    await settle()
    expect(ops.listOpsReports).toHaveBeenLastCalledWith('backup')
  })

  it('says when the server refuses', async () => {
    ops.listOpsReports.mockRejectedValue(problem(403, 'forbidden'))
    const { wrapper } = await mountAt('/reports')
    expect(wrapper.get('[data-testid="error"]').text()).toContain('您没有执行此操作的权限')
  })
})

describe('operations reports: one report', () => {
  it('shows a security patrol’s findings as a table, results as words, failures first, with the counts', async () => {
    ops.getOpsReport.mockResolvedValue(patrol)
    const { wrapper, router } = await mountAt(`/reports?kind=security-patrol&name=${PATROL}`)
    expect(ops.getOpsReport).toHaveBeenCalledWith(PATROL)
    const detail = wrapper.get('[data-testid="report-detail"]')
    expect(detail.attributes('data-kind')).toBe('security-patrol')
    expect(detail.get('[data-testid="report-kind"]').text()).toBe('安全巡检')
    expect(detail.get('[data-testid="patrol-failed"]').text()).toBe('1')
    expect(detail.get('[data-testid="patrol-warnings"]').text()).toBe('1')
    const rows = detail.findAll('[data-testid="patrol-findings"] tbody tr')
    expect(rows.map((r) => r.get('[data-testid="finding-level"]').text())).toEqual(['失败', '警告', '通过'])
    expect(rows[0].get('[data-testid="finding-check"]').text()).toBe('审计锚点')
    expect(rows[0].get('[data-testid="finding-advice"]').text()).toBe('run weikao audit anchor')
    expect(rows[0].get('[data-testid="finding-evidence"]').text()).toBe('audit#12')
    expect(rows[2].get('[data-testid="finding-advice"]').text()).toBe('—')
    // long evidence: the first ten, then all on request
    expect(rows[1].findAll('[data-testid="finding-evidence"] li')).toHaveLength(10)
    await rows[1].get('[data-testid="finding-evidence-toggle"]').trigger('click')
    expect(rows[1].findAll('[data-testid="finding-evidence"] li')).toHaveLength(12)
    expect(rows[1].get('[data-testid="finding-evidence-toggle"]').attributes('aria-expanded')).toBe('true')
    expect(wrapper.find('[data-testid="reports-table"]').exists()).toBe(false)

    // back to the list, with the filter
    expect(wrapper.get('[data-testid="report-back"]').attributes('href')).toBe('/review/reports?kind=security-patrol')
    await router.push('/reports?kind=security-patrol')
    await settle()
    expect(wrapper.find('[data-testid="report-detail"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="reports-table"]').exists()).toBe(true)
  })

  it('shows a restore drill’s verdict and checks', async () => {
    ops.getOpsReport.mockResolvedValue({
      kind: 'restore-drill',
      at: '2026-12-03T02:00:00Z',
      report: {
        backup: '/backups/20261203T010000Z',
        ok: false,
        seconds: 12.3,
        checks: [
          { name: 'dump_checksum', ok: true, detail: 'sha256 matches' },
          { name: 'row_counts', ok: false, detail: 'audit_events: 10 ≠ 11' },
        ],
      },
    })
    const { wrapper } = await mountAt(`/reports?name=${DRILL}`)
    const verdict = wrapper.get('[data-testid="drill-verdict"]')
    expect(verdict.attributes('data-ok')).toBe('false')
    expect(verdict.text()).toContain('恢复演练未通过：1 项检查失败')
    expect(verdict.text()).toContain('演练所用备份：/backups/20261203T010000Z')
    const rows = wrapper.findAll('[data-testid="drill-checks"] tbody tr')
    expect(rows.map((r) => r.get('[data-testid="drill-check"]').text())).toEqual(['备份文件校验和', '各表行数'])
    expect(rows.map((r) => r.get('[data-testid="drill-check-result"]').text())).toEqual(['通过', '失败'])
    expect(rows[1].get('[data-testid="drill-check-detail"]').text()).toBe('audit_events: 10 ≠ 11')
  })

  it('shows a backup’s summary', async () => {
    ops.getOpsReport.mockResolvedValue({
      kind: 'backup',
      at: '2026-12-03T01:00:00Z',
      report: {
        dir: '/backups/20261203T010000Z',
        seconds: 3.5,
        pruned: 0,
        database: { bytes: 2 * 1024 * 1024, sha256: 'ab', tables: { accounts: 10, registrations: 25 } },
        attachments: { count: 7, bytes: 4096, copied: 2, missing: ['materials/x.jpg'] },
      },
    })
    const { wrapper } = await mountAt(`/reports?name=${BACKUP}`)
    const summary = wrapper.get('[data-testid="backup-report"]')
    expect(summary.get('[data-testid="backup-database-bytes"]').text()).toBe('2.0 MB')
    expect(summary.get('[data-testid="backup-tables"]').text()).toBe('2 张（共 35 行）')
    expect(summary.get('[data-testid="backup-attachments"]').text()).toBe('7')
    expect(summary.get('[data-testid="backup-copied"]').text()).toBe('2')
    expect(summary.get('[data-testid="backup-missing"]').text()).toBe('1')
    expect(summary.get('[data-testid="backup-missing-list"]').text()).toBe('materials/x.jpg')
  })

  it('shows any other report as formatted JSON', async () => {
    ops.getOpsReport.mockResolvedValue({ kind: 'inspection', at: '2026-12-03T03:00:00Z', report: { disks: ['ok'] } })
    const { wrapper } = await mountAt('/reports?name=20261203T030000Z-inspection.json')
    expect(wrapper.get('[data-testid="report-kind"]').text()).toBe('Inspection')
    expect(wrapper.get('[data-testid="report-json"] pre').text()).toBe('{\n  "disks": [\n    "ok"\n  ]\n}')
  })

  it('shows a pre-season inspection as a checklist, failures first', async () => {
    ops.getOpsReport.mockResolvedValue({
      kind: 'preseason-inspection',
      at: '2027-02-20T01:00:00Z',
      report: {
        at: '2027-02-20T01:00:00Z',
        failed: 1,
        warnings: 0,
        items: [
          { item: 'payment_center', level: 'pass', detail: 'HTTP 200 in 35 ms', advice: '' },
          { item: 'reason_catalog', level: 'fail', detail: 'the reason catalog is empty', advice: 'load the return/reject reasons reviewers choose from' },
        ],
      },
    })
    const { wrapper } = await mountAt('/reports?name=20270220T010000Z-preseason-inspection.json')
    expect(wrapper.get('[data-testid="report-kind"]').text()).toBe('赛前巡检')
    const report = wrapper.get('[data-testid="preseason-report"]')
    expect(report.get('[data-testid="checklist-failed"]').text()).toBe('1')
    const rows = report.findAll('[data-testid="checklist-item"]')
    expect(rows.map((r) => r.get('[data-testid="checklist-name"]').text())).toEqual(['退回与不通过原因库', '支付中心'])
    expect(rows[0].get('[data-testid="checklist-level"]').text()).toContain('失败')
    expect(rows[0].get('[data-testid="checklist-advice"]').text()).toContain('load the return/reject reasons')
    expect(wrapper.find('[data-testid="report-json"]').exists()).toBe(false)
  })

  it('shows a database inspection, and opens the previous report from its comparison', async () => {
    const PREVIOUS = '20270220T020000Z-db-inspection.json'
    const snapshot = { at: '2027-02-27T02:00:00Z', database_bytes: 1024 * 1024, blocks_hit: 75, blocks_read: 25, connections: 5, max_connections: 100 }
    ops.getOpsReport.mockImplementation(async (name: string) =>
      name === PREVIOUS
        ? { kind: 'db-inspection', at: '2027-02-20T02:00:00Z', report: { at: '2027-02-20T02:00:00Z', failed: 0, warnings: 0, items: [], previous: null, comparison: null, snapshot } }
        : {
            kind: 'db-inspection',
            at: '2027-02-27T02:00:00Z',
            report: {
              at: '2027-02-27T02:00:00Z',
              failed: 0,
              warnings: 0,
              items: [{ item: 'since_previous', level: 'pass', detail: 'previous inspection 7.0 days ago', advice: '', evidence: [] }],
              previous: PREVIOUS,
              comparison: { previous_at: '2027-02-20T02:00:00Z', days: 7, commits_per_second: null, database_growth_bytes: 0, cache_hit_ratio_then: null, cache_hit_ratio_now: 0.75, table_growth: [], slower_statements: [], new_in_top: [] },
              snapshot,
            },
          },
    )
    const { wrapper, router } = await mountAt('/reports?kind=db-inspection&name=20270227T020000Z-db-inspection.json')
    expect(wrapper.get('[data-testid="report-kind"]').text()).toBe('数据库巡检')
    expect(wrapper.get('[data-testid="db-size"]').text()).toBe('1.0 MB')
    expect(wrapper.get('[data-testid="db-connections"]').text()).toBe('5 / 100')
    expect(wrapper.get('[data-testid="db-cache-hit-ratio"]').text()).toBe('75.0%')
    expect(wrapper.get('[data-testid="db-commits-per-second"]').text()).toBe('统计已重置，无法计算')
    expect(wrapper.get('[data-testid="db-cache-change"]').text()).toBe('— → 75.0%')
    const link = wrapper.get('[data-testid="db-previous-link"]')
    expect(link.attributes('href')).toBe(`/review/reports?kind=db-inspection&name=${PREVIOUS}`)
    await link.trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ kind: 'db-inspection', name: PREVIOUS })
    expect(ops.getOpsReport).toHaveBeenLastCalledWith(PREVIOUS)
    expect(wrapper.get('[data-testid="report-name"]').text()).toBe(PREVIOUS)
    expect(wrapper.find('[data-testid="db-first"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="checklist-empty"]').exists()).toBe(true)
  })

  it('shows a cleanup: a dry run that removed nothing, or what was removed, class by class', async () => {
    const classes = [
      { class: 'auth_sessions', retention_days: 90, cutoff: '2026-12-01T03:00:00Z', rows: 30, objects: 0, detail: 'login sessions…' },
      { class: 'superseded_materials', retention_days: 365, cutoff: '2026-03-01T03:00:00Z', rows: 2, objects: 2, detail: 'uploaded files replaced…' },
      { class: 'temp_files', retention_days: 1, cutoff: '2027-02-28T03:00:00Z', rows: 1, objects: 1, detail: 'a class added later' },
    ]
    const report = { at: '2027-03-01T03:00:00Z', apply: false, actor: 'ops', classes, total_rows: 33, total_objects: 3 }
    ops.getOpsReport.mockResolvedValue({ kind: 'cleanup', at: '2027-03-01T03:00:00Z', report })
    const { wrapper, router } = await mountAt('/reports?name=20270301T030000Z-cleanup.json')
    expect(wrapper.get('[data-testid="report-kind"]').text()).toBe('过期数据清理')
    const mode = wrapper.get('[data-testid="cleanup-mode"]')
    expect(mode.attributes('data-apply')).toBe('false')
    expect(mode.text()).toContain('预演，未删除')
    expect(mode.get('[data-testid="cleanup-totals"]').text()).toBe('共 33 行数据、3 个文件已过保留期限，本次未删除任何数据。')
    expect(mode.get('[data-testid="cleanup-actor"]').text()).toContain('执行人：ops')
    const rows = wrapper.findAll('[data-testid="cleanup-classes"] tbody tr')
    expect(rows.map((r) => r.get('[data-testid="cleanup-class"]').text())).toEqual(['登录会话', '被替换的材料', 'temp_files'])
    expect(rows[0].get('[data-testid="cleanup-retention"]').text()).toBe('90 天')
    expect(rows[0].text()).toContain('2026/12/01 11:00:00')
    expect(rows[1].get('[data-testid="cleanup-rows"]').text()).toBe('2')
    expect(rows[1].get('[data-testid="cleanup-objects"]').text()).toBe('2')

    ops.getOpsReport.mockResolvedValue({ kind: 'cleanup', at: '2027-03-01T04:00:00Z', report: { ...report, apply: true } })
    await router.push('/reports?name=20270301T040000Z-cleanup.json')
    await settle()
    expect(wrapper.get('[data-testid="cleanup-mode"]').text()).toContain('已删除')
    expect(wrapper.get('[data-testid="cleanup-totals"]').text()).toBe('共删除 33 行数据、3 个文件。')
  })

  it('shows a season archive as a description list', async () => {
    ops.getOpsReport.mockResolvedValue({
      kind: 'season-archive',
      at: '2027-09-01T04:00:00Z',
      report: {
        at: '2027-09-01T04:00:00Z',
        session_id: 's-1',
        session_name: '2027 春季',
        registrations: 320,
        versions: 410,
        findings: 95,
        actions: 700,
        materials: 1280,
        objects_moved: 1279,
        bytes: 3 * 1024 ** 3,
        manifest_key: 'archive/2027-spring/manifest.json',
        manifest_sha256: 'cd'.repeat(32),
        seconds: 42.5,
      },
    })
    const { wrapper } = await mountAt('/reports?name=20270901T040000Z-season-archive.json')
    expect(wrapper.get('[data-testid="report-kind"]').text()).toBe('考季归档')
    const archive = wrapper.get('[data-testid="archive-report"]')
    expect(archive.get('[data-testid="archive-session"]').text()).toBe('2027 春季')
    expect(archive.get('[data-testid="archive-registrations"]').text()).toBe('320')
    expect(archive.get('[data-testid="archive-objects-moved"]').text()).toBe('1279')
    expect(archive.get('[data-testid="archive-bytes"]').text()).toBe('3.0 GB')
    expect(archive.get('[data-testid="archive-manifest-key"]').text()).toBe('archive/2027-spring/manifest.json')
    expect(archive.get('[data-testid="archive-manifest-sha256"]').text()).toBe('cd'.repeat(32))
    expect(archive.text()).toContain('42.5 秒')
  })

  it('shows a new kind’s report it cannot read as formatted JSON', async () => {
    ops.getOpsReport.mockResolvedValue({ kind: 'cleanup', at: '2027-03-01T03:00:00Z', report: { apply: true, classes: 'all' } })
    const { wrapper } = await mountAt('/reports?name=20270301T030000Z-cleanup.json')
    expect(wrapper.get('[data-testid="report-kind"]').text()).toBe('过期数据清理')
    expect(wrapper.find('[data-testid="cleanup-report"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="report-json"] pre').text()).toBe('{\n  "apply": true,\n  "classes": "all"\n}')
  })

  it('says when a report is gone, and speaks English when the console does', async () => {
    ops.getOpsReport.mockRejectedValue(problem(404, 'not_found'))
    const { wrapper } = await mountAt(`/reports?name=${PATROL}`, 'en-US')
    expect(wrapper.get('[data-testid="report-detail"] [data-testid="error"]').text()).toBe('Not found or not in your scope.')
    expect(wrapper.get('[data-testid="report-back"]').text()).toContain('Back to the reports')
  })
})
