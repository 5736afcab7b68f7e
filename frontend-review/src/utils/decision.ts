// The reviewer's decision, as pure functions: who may decide what, the reason catalog grouped for the picker,
// which fields and materials a reason points at, the request body, the checks made before sending, and the
// keyboard shortcuts. The server checks everything again; these only make the console say it first.
import type { DecisionAction, DecisionRequest, ReasonView } from '@/api/types'
import { MATERIAL_KINDS } from './materials'

export const DECISION_ACTIONS: readonly DecisionAction[] = ['approve', 'return', 'reject']

/** The form's sections, in the order of the form (`returned_fields` entries are `section` or `section.field`). */
export const FORM_SECTIONS = ['identity', 'education', 'second_degree', 'work', 'exam', 'physician', 'nurse'] as const

/** Statuses in which a registration waits for a decision. */
export const PENDING_STATUSES = ['submitted', 'resubmitted'] as const

/** The server's limit on a comment, in characters. */
export const COMMENT_MAX = 1000

/** Returning and rejecting need at least one reason from the catalog. */
export function needsReasons(action: DecisionAction): boolean {
  return action === 'return' || action === 'reject'
}

export type Availability = 'open' | 'not_permitted' | 'no_level' | 'not_pending' | 'other_level'

/**
 * Whether the signed-in staff member can decide on the registration now: `open`, or why not. `mayDecide` is the
 * role's permission (reviewers), `reviewLevel` the staff member's level.
 */
export function decisionAvailability(
  staff: { mayDecide: boolean; reviewLevel: string | null | undefined },
  registration: { status: string; current_level?: string | null; overdue?: boolean },
): Availability {
  if (!staff.mayDecide) return 'not_permitted'
  if (!staff.reviewLevel) return 'no_level'
  if (!(PENDING_STATUSES as readonly string[]).includes(registration.status) || !registration.current_level) return 'not_pending'
  if (registration.current_level === staff.reviewLevel) return 'open'
  // a lower level's overdue work is taken over by the levels above it (the server checks the chain again)
  if (registration.overdue && LEVEL_ORDER.indexOf(staff.reviewLevel) > LEVEL_ORDER.indexOf(registration.current_level)) return 'open'
  return 'other_level'
}

/** Review levels from the bottom of a chain to its top. */
export const LEVEL_ORDER: readonly string[] = ['point', 'site', 'region']

/** The actions a staff member may take: all three when the registration waits at their level, none otherwise. */
export function allowedActions(availability: Availability): DecisionAction[] {
  return availability === 'open' ? [...DECISION_ACTIONS] : []
}

// ---------------------------------------------------------------------------------------------------------------
// The reason catalog

export type ReasonTarget = 'field' | 'material' | 'general'

export interface ReasonGroup {
  /** `field:work`, `material:photo`, `general` */
  key: string
  target: ReasonTarget
  /** the form section (field) or material kind (material); null for general reasons */
  subject: string | null
  reasons: ReasonView[]
}

const TARGETS: readonly ReasonTarget[] = ['field', 'material', 'general']

function targetOf(reason: ReasonView): ReasonTarget {
  return (TARGETS as readonly string[]).includes(reason.target) ? (reason.target as ReasonTarget) : 'general'
}

function subjectRank(target: ReasonTarget, subject: string | null): number {
  const order: readonly string[] = target === 'field' ? FORM_SECTIONS : target === 'material' ? MATERIAL_KINDS : []
  const i = subject === null ? -1 : order.indexOf(subject)
  return i < 0 ? order.length : i
}

const bySort = (a: ReasonView, b: ReasonView) => a.sort - b.sort || a.code.localeCompare(b.code)

/**
 * The active reasons grouped for the picker: field reasons by form section (in the form's order), material
 * reasons by material kind (in reading order), then the general ones; each group in catalog order. A field or
 * material reason without a subject joins the general ones.
 */
export function groupReasons(reasons: readonly ReasonView[]): ReasonGroup[] {
  const groups = new Map<string, ReasonGroup>()
  for (const reason of [...reasons].filter((r) => r.active).sort(bySort)) {
    let target = targetOf(reason)
    const subject = target === 'general' ? null : (reason.subject ?? null)
    if (subject === null) target = 'general'
    const key = target === 'general' ? 'general' : `${target}:${subject}`
    const group = groups.get(key) ?? { key, target, subject, reasons: [] }
    group.reasons.push(reason)
    groups.set(key, group)
  }
  return [...groups.values()].sort(
    (a, b) =>
      TARGETS.indexOf(a.target) - TARGETS.indexOf(b.target) ||
      subjectRank(a.target, a.subject) - subjectRank(b.target, b.subject) ||
      String(a.subject).localeCompare(String(b.subject)),
  )
}

/** code → reason, for labels (also of retired reasons when the catalog was loaded with them). */
export function reasonIndex(reasons: readonly ReasonView[]): Map<string, ReasonView> {
  return new Map(reasons.map((r) => [r.code, r]))
}

/** The sections and material kinds the chosen reasons point at. */
export function impliedTargets(codes: readonly string[], index: ReadonlyMap<string, ReasonView>): { fields: string[]; materials: string[] } {
  const fields: string[] = []
  const materials: string[] = []
  for (const code of codes) {
    const reason = index.get(code)
    if (!reason?.subject) continue
    if (reason.target === 'field' && !fields.includes(reason.subject)) fields.push(reason.subject)
    if (reason.target === 'material' && !materials.includes(reason.subject)) materials.push(reason.subject)
  }
  return { fields, materials }
}

/** What a return sends back to the candidate, and which entries the reasons put there (the rest the reviewer chose). */
export interface ReturnTargets {
  fields: string[]
  materials: string[]
  auto: { fields: string[]; materials: string[] }
}

export const emptyTargets = (): ReturnTargets => ({ fields: [], materials: [], auto: { fields: [], materials: [] } })

/** Whether `section` is already returned, as a whole or through one of its fields. */
function sectionCovered(fields: readonly string[], section: string): boolean {
  return fields.some((f) => f === section || f.startsWith(`${section}.`))
}

/**
 * The returned fields and materials after the reviewer changed the chosen reasons: a newly chosen field reason
 * adds its section (unless already returned), a material reason its kind; an entry a reason added goes again when
 * no chosen reason points at it any more. Entries the reviewer chose themselves stay.
 */
export function reconcileTargets(
  targets: ReturnTargets,
  previousCodes: readonly string[],
  codes: readonly string[],
  index: ReadonlyMap<string, ReasonView>,
): ReturnTargets {
  const added = codes.filter((c) => !previousCodes.includes(c))
  const wanted = impliedTargets(codes, index)
  const fresh = impliedTargets(added, index)

  // drop what only a removed reason had put there
  let fields = targets.fields.filter((f) => !targets.auto.fields.includes(f) || wanted.fields.includes(f))
  let materials = targets.materials.filter((m) => !targets.auto.materials.includes(m) || wanted.materials.includes(m))
  const auto = {
    fields: targets.auto.fields.filter((f) => fields.includes(f)),
    materials: targets.auto.materials.filter((m) => materials.includes(m)),
  }
  for (const section of fresh.fields) {
    if (sectionCovered(fields, section)) continue
    fields = [...fields, section]
    auto.fields.push(section)
  }
  for (const kind of fresh.materials) {
    if (materials.includes(kind)) continue
    materials = [...materials, kind]
    auto.materials.push(kind)
  }
  return { fields, materials, auto }
}

/** The reviewer edited the lists by hand: what they removed is no longer the reasons' to manage. */
export function editTargets(targets: ReturnTargets, fields: readonly string[], materials: readonly string[]): ReturnTargets {
  return {
    fields: [...fields],
    materials: [...materials],
    auto: {
      fields: targets.auto.fields.filter((f) => fields.includes(f)),
      materials: targets.auto.materials.filter((m) => materials.includes(m)),
    },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The request

export interface DecisionDraft {
  action: DecisionAction
  reasonCodes: string[]
  comment: string
  commentPublic: boolean
  fields: string[]
  materials: string[]
}

export const emptyDraft = (action: DecisionAction): DecisionDraft => ({
  action,
  reasonCodes: [],
  comment: '',
  commentPublic: false,
  fields: [],
  materials: [],
})

const unique = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))]

/** The request body for the draft at the version the reviewer saw. */
export function buildDecision(version: number, draft: DecisionDraft): DecisionRequest {
  const comment = draft.comment.trim()
  const isReturn = draft.action === 'return'
  return {
    version,
    action: draft.action,
    reason_codes: needsReasons(draft.action) ? unique(draft.reasonCodes) : [],
    comment: comment.length > 0 ? comment : null,
    comment_public: comment.length > 0 && draft.commentPublic,
    returned_fields: isReturn ? unique(draft.fields) : [],
    returned_materials: isReturn ? unique(draft.materials) : [],
  }
}

/** Problems the server would report, by the server's field and code (`reason_codes: reason_required`, …). */
export function checkDecision(draft: DecisionDraft): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  if (needsReasons(draft.action) && unique(draft.reasonCodes).length === 0) errors.reason_codes = ['reason_required']
  if ([...draft.comment.trim()].length > COMMENT_MAX) errors.comment = ['comment_too_long']
  return errors
}

// ---------------------------------------------------------------------------------------------------------------
// Keyboard

export type Shortcut = DecisionAction | 'prev' | 'next'

const KEYS: Record<string, Shortcut> = {
  a: 'approve',
  r: 'return',
  j: 'reject',
  ArrowLeft: 'prev',
  ArrowRight: 'next',
}

/**
 * The shortcut of a key (`KeyboardEvent.key`): A approve, R return, J reject, ←/→ previous/next registration.
 * Whether shortcuts apply at all (typing in a field, a dialog open, modifier keys) is `shortcutAllowed`'s call.
 */
export function shortcutFor(key: string): Shortcut | null {
  return KEYS[key.length === 1 ? key.toLowerCase() : key] ?? null
}
