import { describe, expect, it } from 'vitest'
import type { FindingView } from '@/api/types'
import { countBySeverity, groupFindings, supersededFindings } from '@/utils/findings'

const finding = (severity: string, rule: string, superseded: string | null = null): FindingView => ({
  id: `${rule}-${severity}-${superseded ?? 'now'}`,
  rule_code: rule,
  severity,
  reviewer_message: rule,
  candidate_message: null,
  evidence: null,
  computed_at: '2026-11-25T22:00:00Z',
  superseded_at: superseded,
})

const rules = (list: FindingView[]) => list.map((f) => `${f.severity}:${f.rule_code}`)

describe('findings order', () => {
  it('groups the current findings block → warning → hint, each group by rule code, unknown severities last', () => {
    const groups = groupFindings([
      finding('hint', 'front_line_listed'),
      finding('critical', 'from_a_newer_server'),
      finding('warning', 'violation_active'),
      finding('block', 'nurse_registration_missing'),
      finding('warning', 'history_mismatch'),
      finding('block', 'duplicate_registration'),
      finding('block', 'replaced_one', '2026-11-25T23:00:00Z'),
    ])
    expect(groups.map((g) => g.severity)).toEqual(['block', 'warning', 'hint', 'critical'])
    expect(groups.map((g) => rules(g.items))).toEqual([
      ['block:duplicate_registration', 'block:nurse_registration_missing'],
      ['warning:history_mismatch', 'warning:violation_active'],
      ['hint:front_line_listed'],
      ['critical:from_a_newer_server'],
    ])
    expect(groupFindings([])).toEqual([])
  })

  it('lists replaced findings most recently replaced first (whatever the fraction digits), then by severity', () => {
    const list = supersededFindings([
      finding('warning', 'a', '2026-11-25T23:00:00Z'),
      finding('hint', 'b', '2026-11-25T23:00:00.5Z'),
      finding('block', 'c', '2026-11-25T23:00:00.5Z'),
      finding('block', 'current'),
    ])
    expect(rules(list)).toEqual(['block:c', 'hint:b', 'warning:a'])
  })

  it('counts only current findings of known severities', () => {
    expect(
      countBySeverity([
        finding('block', 'a'),
        finding('block', 'b'),
        finding('block', 'old', '2026-11-25T23:00:00Z'),
        finding('hint', 'c'),
        finding('critical', 'd'),
      ]),
    ).toEqual({ block: 2, warning: 0, hint: 1 })
  })
})
