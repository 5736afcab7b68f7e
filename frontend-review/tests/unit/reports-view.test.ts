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

  it('says when a report is gone, and speaks English when the console does', async () => {
    ops.getOpsReport.mockRejectedValue(problem(404, 'not_found'))
    const { wrapper } = await mountAt(`/reports?name=${PATROL}`, 'en-US')
    expect(wrapper.get('[data-testid="report-detail"] [data-testid="error"]').text()).toBe('Not found or not in your scope.')
    expect(wrapper.get('[data-testid="report-back"]').text()).toContain('Back to the reports')
  })
})
