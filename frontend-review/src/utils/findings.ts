// Ordering of verification findings: the most serious first, so that a blocking one cannot be overlooked.
import type { FindingView } from '@/api/types'

export const SEVERITIES = ['block', 'warning', 'hint'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface FindingGroup {
  severity: string
  items: FindingView[]
}

/** block → warning → hint; a severity the console does not know goes last. */
function rank(severity: string): number {
  const index = (SEVERITIES as readonly string[]).indexOf(severity)
  return index < 0 ? SEVERITIES.length : index
}

const bySeverity = (a: FindingView, b: FindingView) => rank(a.severity) - rank(b.severity) || a.rule_code.localeCompare(b.rule_code)

/** The current findings (not superseded) in groups of one severity, block first, each group by rule code. */
export function groupFindings(findings: readonly FindingView[]): FindingGroup[] {
  const groups: FindingGroup[] = []
  for (const finding of findings.filter((f) => !f.superseded_at).sort(bySeverity)) {
    const last = groups[groups.length - 1]
    if (last?.severity === finding.severity) last.items.push(finding)
    else groups.push({ severity: finding.severity, items: [finding] })
  }
  return groups
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : 0)

/** Findings that later verifications replaced: the most recently replaced first, then by severity. */
export function supersededFindings(findings: readonly FindingView[]): FindingView[] {
  return findings
    .filter((f) => f.superseded_at)
    .sort((a, b) => time(b.superseded_at) - time(a.superseded_at) || bySeverity(a, b))
}

/** How many current findings there are of each known severity. */
export function countBySeverity(findings: readonly FindingView[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { block: 0, warning: 0, hint: 0 }
  for (const f of findings) {
    if (!f.superseded_at && f.severity in counts) counts[f.severity as Severity] += 1
  }
  return counts
}
