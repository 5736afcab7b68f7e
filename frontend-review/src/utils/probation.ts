// The institution portal's probation certificates (试用期考核证明) as pure functions: the form's draft and its
// checks before sending (the server checks everything again, with the same field codes: `errors.fields.*`), the
// request body, where the server's answer goes (under a field, or above the form), and the list's words.
import type { FilingPage, FilingRequest, FilingView, StaffProfile } from '@/api/types'
import { ApiError } from '@/api/problem'
import type { Translator } from '@/i18n/describe'
import { humanize } from './form-sections'

/** The physician categories a certificate covers (`FilingRequest.category_code`). */
export const CATEGORIES = ['clinical', 'dental', 'public_health', 'tcm'] as const

/** The ID types the server accepts (`FilingRequest.id_type`, default `resident_id`), in display order. */
export const ID_TYPES = [
  'resident_id',
  'hk_macau_residence_permit',
  'taiwan_residence_permit',
  'foreign_permanent_resident',
  'taiwan_id',
  'hong_kong_id',
  'macau_id',
  'passport',
] as const
export const DEFAULT_ID_TYPE = 'resident_id'

/** A certificate's status (`FilingView.status`). */
export const FILING_STATUSES = ['filed', 'revoked'] as const

/** The form's fields, in the order the form shows them (the server's field names). */
export const FILING_FIELDS = [
  'institution_code',
  'id_type',
  'id_number',
  'name',
  'category_code',
  'started_on',
  'ended_on',
  'issued_on',
  'certificate_number',
  'legal_representative',
  'signed_and_sealed',
] as const
export type FilingField = (typeof FILING_FIELDS)[number]

/** A revocation's reason: 1–500 characters (trimmed). */
export const REASON_MAX = 500
/** The server's certificate numbers: 1–40 letters, digits, `-` or `_`. */
export const CERTIFICATE_NUMBER_MAX = 40
const CERTIFICATE_NUMBER = /^[A-Za-z0-9_-]{1,40}$/

export const PAGE_SIZE = 20

const isOneOf = <T extends string>(value: unknown, allowed: readonly T[]): value is T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value)

// ---------------------------------------------------------------------------------------------------------------
// Days (`YYYY-MM-DD`, calendar days without a time zone)

const DAY = /^\d{4}-\d{2}-\d{2}$/

function toDate(day: string): Date | null {
  if (!DAY.test(day)) return null
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? date : null
}

/** Whether `day` is a real `YYYY-MM-DD` day. */
export function isDay(day: string): boolean {
  return toDate(day) !== null
}

const iso = (date: Date) => date.toISOString().slice(0, 10)

/** The same month and day a year on, or 1 March when that day does not exist (29 February). */
function yearOn(date: Date, years: number): Date {
  const y = date.getUTCFullYear() + years
  const m = date.getUTCMonth()
  const d = date.getUTCDate()
  const next = new Date(Date.UTC(y, m, d))
  return next.getUTCMonth() === m ? next : new Date(Date.UTC(y, 2, 1))
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000)

/** How long a certificate is valid, as the server counts it: a year from issue, less a day. */
export function validUntil(issuedOn: string): string | null {
  const date = toDate(issuedOn)
  return date ? iso(addDays(yearOn(date, 1), -1)) : null
}

/**
 * The issue day behind a `valid_until` (the list does not carry it): the day after, a year back. Editing a
 * certificate sends it again, so that replacing the content does not move its validity.
 */
export function issuedOnFrom(validUntilDay: string): string {
  const date = toDate(validUntilDay)
  return date ? iso(yearOn(addDays(date, 1), -1)) : ''
}

// ---------------------------------------------------------------------------------------------------------------
// The form

/** What the form holds (strings as typed; the checkbox as a boolean). */
export interface FilingDraft {
  institution_code: string
  id_type: string
  id_number: string
  name: string
  category_code: string
  started_on: string
  ended_on: string
  /** blank: today (the server's default) */
  issued_on: string
  certificate_number: string
  legal_representative: string
  signed_and_sealed: boolean
}

export function emptyDraft(institutionCode = ''): FilingDraft {
  return {
    institution_code: institutionCode,
    id_type: DEFAULT_ID_TYPE,
    id_number: '',
    name: '',
    category_code: '',
    started_on: '',
    ended_on: '',
    issued_on: '',
    certificate_number: '',
    legal_representative: '',
    signed_and_sealed: false,
  }
}

/**
 * A filed certificate as a draft to edit. The list shows only the masked ID number, so the number is typed
 * again (it must be the same person's); the seal is attested again for the new content.
 */
export function draftFromFiling(filing: FilingView): FilingDraft {
  return {
    institution_code: filing.institution_code,
    id_type: DEFAULT_ID_TYPE,
    id_number: '',
    name: filing.name,
    category_code: filing.category_code,
    started_on: filing.started_on,
    ended_on: filing.ended_on,
    issued_on: issuedOnFrom(filing.valid_until),
    certificate_number: filing.certificate_number,
    legal_representative: filing.legal_representative,
    signed_and_sealed: false,
  }
}

/**
 * Whether a typed ID number can be the one behind a mask (`410105********031X`): the same length and the same
 * visible characters. Only a clear mismatch counts; the server decides the rest.
 */
export function fitsMask(idNumber: string, masked: string): boolean {
  const typed = [...idNumber.trim().toUpperCase()]
  const shown = [...masked.toUpperCase()]
  if (typed.length !== shown.length) return true
  return shown.every((c, i) => c === '*' || c === typed[i])
}

/** The form's own findings: a field → one code (the server's code where it has one). */
export type DraftErrors = Partial<Record<FilingField, string>>

export type DraftCheck = { ok: true; body: FilingRequest } | { ok: false; errors: DraftErrors }

/**
 * Checks a draft before it is sent, on `today` (the office's day): the required fields, a known category, the
 * probation's dates in order and over, the issue day not before the end nor in the future, the certificate
 * number's form, the seal; when editing (`masked`), the ID number of the same person. The minimum length of the
 * probation is the server's rule alone.
 */
export function checkDraft(draft: FilingDraft, today: string, masked?: string): DraftCheck {
  const errors: DraftErrors = {}
  const text = (field: 'institution_code' | 'id_number' | 'name' | 'certificate_number' | 'legal_representative') =>
    draft[field].trim()

  if (!text('institution_code')) errors.institution_code = 'required'
  if (!isOneOf(draft.id_type, ID_TYPES)) errors.id_type = 'id_type_invalid'
  if (!text('id_number')) errors.id_number = 'id_number_empty'
  else if (masked && !fitsMask(draft.id_number, masked)) errors.id_number = 'person_changed'
  if (!text('name')) errors.name = 'required'
  if (!draft.category_code) errors.category_code = 'required'
  else if (!isOneOf(draft.category_code, CATEGORIES)) errors.category_code = 'category_invalid'

  const started = isDay(draft.started_on)
  const ended = isDay(draft.ended_on)
  if (!started) errors.started_on = 'required'
  if (!ended) errors.ended_on = 'required'
  else if (started && draft.ended_on <= draft.started_on) errors.ended_on = 'dates_out_of_order'
  else if (draft.ended_on > today) errors.ended_on = 'ended_in_future'
  if (draft.issued_on) {
    if (!isDay(draft.issued_on)) errors.issued_on = 'date_invalid'
    else if (draft.issued_on > today) errors.issued_on = 'issued_in_future'
    else if (ended && !errors.ended_on && draft.issued_on < draft.ended_on) errors.issued_on = 'issued_before_end'
  }

  if (!text('certificate_number')) errors.certificate_number = 'required'
  else if (!CERTIFICATE_NUMBER.test(text('certificate_number'))) errors.certificate_number = 'certificate_number_invalid'
  if (!text('legal_representative')) errors.legal_representative = 'required'
  if (!draft.signed_and_sealed) errors.signed_and_sealed = 'seal_required'

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, body: toFilingRequest(draft) }
}

/** The request body of a draft: text trimmed, the issue day only when given. */
export function toFilingRequest(draft: FilingDraft): FilingRequest {
  const body: FilingRequest = {
    institution_code: draft.institution_code.trim(),
    id_type: draft.id_type,
    id_number: draft.id_number.trim(),
    name: draft.name.trim(),
    category_code: draft.category_code,
    started_on: draft.started_on,
    ended_on: draft.ended_on,
    certificate_number: draft.certificate_number.trim(),
    legal_representative: draft.legal_representative.trim(),
    signed_and_sealed: draft.signed_and_sealed,
  }
  if (draft.issued_on) body.issued_on = draft.issued_on
  return body
}

// ---------------------------------------------------------------------------------------------------------------
// The server's answer

/** The conflicts that concern one field of the form: said under it as well as above the form. */
const CONFLICT_FIELDS: Record<string, FilingField> = {
  already_filed: 'id_number',
  certificate_number_taken: 'certificate_number',
}

export interface FormErrors {
  /** codes under each field: the form's own first, else the server's */
  fields: Partial<Record<FilingField, string[]>>
  /** what is said above the form (null when everything is said under the fields) */
  general: unknown
}

/**
 * Where the form's findings and a failed request's problem are said. A validation problem whose every field is
 * on the form is said under the fields only; anything else (a conflict, a field the form does not have, a network
 * failure) also above the form.
 */
export function formErrors(own: DraftErrors, error: unknown): FormErrors {
  const fields: Partial<Record<FilingField, string[]>> = {}
  let general: unknown = error ?? null
  if (error instanceof ApiError) {
    const server = error.problem.errors ?? {}
    const names = Object.keys(server)
    for (const name of names) {
      if (isOneOf(name, FILING_FIELDS) && server[name].length > 0) fields[name] = [...server[name]]
    }
    if (error.code === 'validation_failed' && names.length > 0 && names.every((n) => isOneOf(n, FILING_FIELDS))) general = null
    const conflict = CONFLICT_FIELDS[error.code]
    if (conflict) fields[conflict] = [error.code]
  }
  for (const [field, code] of Object.entries(own) as [FilingField, string][]) fields[field] = [code]
  return { fields, general }
}

/** A field code in words (`errors.fields.*`, or a screen's own wording), the code itself when unknown. */
export function fieldMessage(code: string, i18n: Translator, own: Record<string, string> = {}): string {
  if (own[code]) return i18n.t(own[code])
  if (i18n.te(`errors.fields.${code}`)) return i18n.t(`errors.fields.${code}`)
  if (i18n.te(`errors.codes.${code}`)) return i18n.t(`errors.codes.${code}`)
  return code
}

/** How many open registrations of the person the change re-verified (0 when the answer does not say). */
export function reverifiedCount(filing: Pick<FilingView, 'reverified_registrations'>): number {
  const n = filing.reverified_registrations
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : 0
}

// ---------------------------------------------------------------------------------------------------------------
// Revocation

export type ReasonCheck = { ok: true; reason: string } | { ok: false; code: 'reason_required' }

/** A revocation needs a reason of 1–500 characters (trimmed), as the server's `reason_required` says. */
export function checkRevokeReason(reason: string): ReasonCheck {
  const trimmed = reason.trim()
  const length = [...trimmed].length
  return length >= 1 && length <= REASON_MAX ? { ok: true, reason: trimmed } : { ok: false, code: 'reason_required' }
}

// ---------------------------------------------------------------------------------------------------------------
// The list

/**
 * The portal user's institution: the profile's (GET /me), else that of the certificates seen (a profile kept from
 * before the server told it), else unknown: the form then asks for it and the server checks it.
 */
export function institutionOf(
  profile: Pick<StaffProfile, 'institution_code'> | null | undefined,
  filings: readonly Pick<FilingView, 'institution_code'>[],
): string | null {
  return profile?.institution_code || filings.find((f) => f.institution_code)?.institution_code || null
}

/** Only filed certificates are edited or revoked. */
export function changeable(filing: Pick<FilingView, 'status'>): boolean {
  return filing.status === 'filed'
}

/** A page without a total: there may be a next one when this one is full. */
export function hasNextPage(page: Pick<FilingPage, 'items' | 'page_size'>): boolean {
  return page.items.length >= page.page_size
}

const word = (i18n: Translator, key: string, fallback: string) => (i18n.te(key) ? i18n.t(key) : fallback)

export function categoryLabel(code: string, i18n: Translator): string {
  return word(i18n, `institution.categories.${code}`, humanize(code))
}

export function statusLabel(status: string, i18n: Translator): string {
  return word(i18n, `institution.statuses.${status}`, humanize(status))
}

export function idTypeLabel(type: string, i18n: Translator): string {
  return word(i18n, `institution.idTypes.${type}`, humanize(type))
}
