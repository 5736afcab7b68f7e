// The staff timeline of a registration as the console shows it: newest first, reasons with their catalog labels.
import type { ReasonView, StaffTimelineItem } from '@/api/types'

export interface TimelineReason {
  code: string
  /** the catalog's label, or null when the code is not in the catalog (shown as the code) */
  label: string | null
}

export interface TimelineEntry {
  key: string
  at: string
  action: string
  level: string | null
  actorKind: string
  fromStatus: string
  toStatus: string
  reasons: TimelineReason[]
  returnedFields: string[]
  returnedMaterials: string[]
  /** null when there is no comment */
  comment: { text: string; public: boolean } | null
  /** a batch decision made despite blocking findings: why (null otherwise) */
  overrideReason: string | null
}

/** Timeline items (oldest first from the API) as entries, newest first. */
export function timelineEntries(items: readonly StaffTimelineItem[], index: ReadonlyMap<string, ReasonView>): TimelineEntry[] {
  return items
    .map((item, i) => {
      const text = item.comment?.trim() ?? ''
      return {
        key: `${i}-${item.at}-${item.action}`,
        at: item.at,
        action: item.action,
        level: item.level ?? null,
        actorKind: item.actor_kind,
        fromStatus: item.from_status,
        toStatus: item.to_status,
        reasons: item.reason_codes.map((code) => ({ code, label: index.get(code)?.label ?? null })),
        returnedFields: [...item.returned_fields],
        returnedMaterials: [...item.returned_materials],
        comment: text.length > 0 ? { text, public: item.comment_public } : null,
        overrideReason: item.override_reason?.trim() || null,
      }
    })
    .reverse()
}

/** `work.unit_name_manual` → { section: 'work', field: 'unit_name_manual' }; `work` → { section: 'work', field: null }. */
export function splitFieldPath(path: string): { section: string; field: string | null } {
  const dot = path.indexOf('.')
  return dot < 0 ? { section: path, field: null } : { section: path.slice(0, dot), field: path.slice(dot + 1) }
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

/**
 * The actions of an archived registration (`{level, action, actor_kind, reason_codes, comment, comment_public,
 * from_status, to_status, registration_version, created_at}`, loosely typed by the contract) as timeline items.
 */
export function archivedTimelineItems(actions: readonly unknown[]): StaffTimelineItem[] {
  return actions
    .filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null)
    .map((a) => ({
      level: text(a.level),
      action: text(a.action) ?? '',
      actor_kind: text(a.actor_kind) ?? '',
      comment: text(a.comment),
      comment_public: a.comment_public === true,
      reason_codes: Array.isArray(a.reason_codes) ? a.reason_codes.filter((c): c is string => typeof c === 'string') : [],
      from_status: text(a.from_status) ?? '',
      to_status: text(a.to_status) ?? '',
      at: text(a.created_at) ?? '',
      returned_fields: [],
      returned_materials: [],
      override_reason: null,
    }))
}
