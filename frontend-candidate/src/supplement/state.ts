// The supplementary materials a paid registration owes (材料补充填报: a nurse fresh graduate's diploma), without
// markup: where the supplement stands in words (the next thing to do, the deadline, the exam region's reason),
// and whether it can be submitted now and if not why. The server decides everything (`can_submit`, `window`,
// `status`); this only chooses words. Messages are i18n keys with their named values (payments/next.ts);
// material names are resolved by the caller (`KindName`).
//
//   pending ─upload+submit→ submitted ─accept→ verified
//                                      ─return→ returned ─upload+submit (before the deadline)→ submitted
//                                      ─reject→ rejected
//   pending | returned ─deadline passes→ expired
import type { MaterialView, SupplementView } from '@/api/types'
import { chinaDateTime } from '@/i18n/format'
import type { Message } from '@/payments/next'

export type { Message }

export type KindName = (kind: string) => string

/** Still owed by the candidate (to upload and submit): pending, or returned by the exam region. */
export function isOwed(status: string): boolean {
  return status === 'pending' || status === 'returned'
}

/** How the status reads at a glance (the tag's colour and icon; its word always goes with it). */
export type Tone = 'todo' | 'waiting' | 'done' | 'problem'

export function supplementTone(status: string): Tone {
  switch (status) {
    case 'pending':
      return 'todo'
    case 'verified':
      return 'done'
    case 'returned':
    case 'rejected':
    case 'expired':
      return 'problem'
    default:
      return 'waiting'
  }
}

/** The required kinds without a current file among `materials` (by default the supplement's own). */
export function missingKinds(view: Pick<SupplementView, 'required_kinds' | 'materials'>, materials: readonly MaterialView[] = view.materials): string[] {
  return view.required_kinds.filter((k) => !materials.some((m) => m.kind === k))
}

/** The kinds the exam region sent back: a returned supplement's kinds whose current file it rejected. */
export function returnedKinds(view: Pick<SupplementView, 'status' | 'required_kinds' | 'materials'>, materials: readonly MaterialView[] = view.materials): string[] {
  if (view.status !== 'returned') return []
  return view.required_kinds.filter((k) => materials.find((m) => m.kind === k)?.status === 'rejected')
}

const names = (kinds: readonly string[], kindName: KindName) => kinds.map(kindName).join('、')

/** The next thing to do (or what happened), in one sentence. */
export function nextStep(view: SupplementView, kindName: KindName): Message {
  const kinds = names(view.required_kinds, kindName)
  if (isOwed(view.status)) {
    switch (view.window) {
      case 'open':
        return view.status === 'returned' ? { key: 'sup.next.returned', named: { kinds } } : { key: 'sup.next.pending', named: { kinds } }
      case 'not_open':
        return view.opens_at
          ? { key: 'sup.next.notOpen', named: { at: chinaDateTime(view.opens_at), kinds } }
          : { key: 'sup.next.notConfigured', named: { kinds } }
      case 'closed':
        return { key: 'sup.next.closed' }
      default:
        return { key: 'sup.next.notConfigured', named: { kinds } }
    }
  }
  switch (view.status) {
    case 'submitted':
      return { key: 'sup.next.submitted' }
    case 'verified':
      return { key: 'sup.next.verified' }
    case 'rejected':
      return { key: 'sup.next.rejected' }
    case 'expired':
      return { key: 'sup.next.expired' }
    default:
      return { key: 'sup.next.other' }
  }
}

const DAY_MS = 24 * 3600 * 1000

/**
 * The deadline (Beijing time): with the days left while it is owed and the window is open; null when the exam
 * region has not set one.
 */
export function deadline(view: Pick<SupplementView, 'status' | 'window' | 'closes_at'>, now: number = Date.now()): Message | null {
  if (!view.closes_at) return null
  const at = chinaDateTime(view.closes_at)
  const left = Date.parse(view.closes_at) - now
  if (isOwed(view.status) && view.window === 'open' && !Number.isNaN(left)) {
    if (left < DAY_MS) return { key: 'sup.deadline.today', named: { at } }
    return { key: 'sup.deadline.left', named: { at, days: String(Math.floor(left / DAY_MS)) } }
  }
  return { key: 'sup.deadline.at', named: { at } }
}

/** The exam region's reason, when it returned or rejected the supplement. */
export function reasonMessage(view: Pick<SupplementView, 'status' | 'reason'>): Message | null {
  if (!view.reason) return null
  if (view.status === 'returned') return { key: 'sup.reason.returned', named: { reason: view.reason } }
  if (view.status === 'rejected') return { key: 'sup.reason.rejected', named: { reason: view.reason } }
  return null
}

/** When the decision was made, or when it was submitted (for the states that wait or are final). */
export function handledAt(view: Pick<SupplementView, 'status' | 'submitted_at' | 'decided_at'>): Message | null {
  if (view.status === 'submitted' && view.submitted_at) return { key: 'sup.at.submitted', named: { at: chinaDateTime(view.submitted_at) } }
  if ((view.status === 'verified' || view.status === 'rejected' || view.status === 'returned') && view.decided_at) {
    return { key: 'sup.at.decided', named: { at: chinaDateTime(view.decided_at) } }
  }
  return null
}

/**
 * Why "submit" cannot be pressed now (null: it can): the supplement is not the candidate's to change
 * (submitted or decided), the window is not open yet / not set / closed, a file is still uploading, a
 * required kind has no file, or a returned kind still has the file the exam region rejected.
 */
export type SubmitBlock = 'not_editable' | 'not_open' | 'not_configured' | 'closed' | 'uploading' | 'missing' | 'returned'

export function submitBlock(
  view: Pick<SupplementView, 'status' | 'window' | 'can_submit' | 'required_kinds' | 'materials'>,
  materials: readonly MaterialView[] = view.materials,
  uploading = false,
): SubmitBlock | null {
  if (!isOwed(view.status)) return 'not_editable'
  if (view.window === 'not_open') return 'not_open'
  if (view.window === 'closed') return 'closed'
  if (view.window !== 'open') return 'not_configured'
  if (!view.can_submit) return 'not_editable'
  if (uploading) return 'uploading'
  if (missingKinds(view, materials).length) return 'missing'
  if (returnedKinds(view, materials).length) return 'returned'
  return null
}

/** A block in words. */
export function submitBlockMessage(
  block: SubmitBlock,
  view: Pick<SupplementView, 'status' | 'opens_at' | 'closes_at' | 'required_kinds' | 'materials'>,
  kindName: KindName,
  materials: readonly MaterialView[] = view.materials,
): Message {
  switch (block) {
    case 'not_open':
      return view.opens_at ? { key: 'sup.block.notOpen', named: { at: chinaDateTime(view.opens_at) } } : { key: 'sup.block.notConfigured' }
    case 'closed':
      return view.closes_at ? { key: 'sup.block.closed', named: { at: chinaDateTime(view.closes_at) } } : { key: 'sup.block.closedNoDate' }
    case 'missing':
      return { key: 'sup.block.missing', named: { kinds: names(missingKinds(view, materials), kindName) } }
    case 'returned':
      return { key: 'sup.block.returned', named: { kinds: names(returnedKinds(view, materials), kindName) } }
    case 'uploading':
      return { key: 'sup.block.uploading' }
    case 'not_configured':
      return { key: 'sup.block.notConfigured' }
    default:
      return { key: 'sup.block.notEditable' }
  }
}
