// The printable registration form (申报表): the candidate's details from the account, then the saved form by
// section, each field labelled and formatted as the confirm step's summary shows it (summary.ts).
import type { CandidateProfile, ExamSessionDetail, MaterialView } from '@/api/types'
import type { PrintRow } from '@/components/PrintFields.vue'
import { valuesFromForm, type FormJson } from '@/registration/patch'
import { isExamType, isVisible, stepsFor, type Section } from '@/registration/steps'
import { displayValue } from './summary'

type T = (key: string, named?: Record<string, unknown>) => string

export interface PrintSection {
  id: Section
  rows: PrintRow[]
}

/** The paper's order: the person, education, work, the exam chosen (with site and point), its own extras. */
const ORDER: readonly Section[] = ['identity', 'education', 'work', 'exam', 'physician', 'nurse']

/** Only a submitted form is printed (a draft may still change; a withdrawn one is no application). */
export function isPrintable(status: string): boolean {
  return status !== 'draft' && status !== 'withdrawn'
}

/** The candidate's photo among the registration's materials (not one the reviewers rejected). */
export function photoOf(materials: readonly MaterialView[]): MaterialView | undefined {
  return materials.find((m) => m.kind === 'photo' && m.status !== 'rejected')
}

/** Name, sex, birth date and ID as the account holds them (the ID number masked by the server). */
function candidateRows(p: CandidateProfile, t: T): PrintRow[] {
  return [
    { key: 'identity.name', label: t('signup.name'), value: p.name },
    { key: 'identity.sex', label: t('home.sex'), value: p.sex ? t(`sex.${p.sex}`) : '' },
    { key: 'identity.birth_date', label: t('home.birthDate'), value: p.birth_date ?? '' },
    { key: 'identity.id_type', label: t('home.idType'), value: t(`idTypes.${p.id_type}`) },
    { key: 'identity.id_number', label: t('home.idNumber'), value: p.id_number_masked },
    { key: 'identity.phone', label: t('home.phone'), value: p.phone_masked },
  ]
}

export interface PrintInput {
  examType: string
  form: FormJson
  session: ExamSessionDetail
  profile: CandidateProfile
}

/** The sections of the exam's form with the fields shown for what was filled in ('未填写' for a blank one). */
export function printableSections({ examType, form, session, profile }: PrintInput, t: T): PrintSection[] {
  if (!isExamType(examType)) return []
  const nurse = form.nurse as Record<string, unknown> | undefined
  const steps = stepsFor(examType)
  return ORDER.flatMap((id) => {
    const rows = steps
      .filter((s) => s.section === id)
      .flatMap((s) => {
        // only visibility is asked of this context (dates are not checked on paper)
        const ctx = {
          exam: examType,
          values: valuesFromForm(s, form),
          freshGraduate: nurse?.fresh_graduate === true,
          needsPoint: session.review_chain[0] === 'point',
          today: '',
          examYear: session.year,
        }
        return s.fields
          .filter((f) => isVisible(f, ctx))
          .map((f) => ({
            key: `${id}.${f.name}`,
            label: t(`reg.fields.${id}.${f.name}`),
            value: displayValue(s, f, form, session, t),
          }))
      })
    if (id === 'identity') rows.unshift(...candidateRows(profile, t))
    const filled = rows.map((r) => ({ ...r, value: r.value || t('reg.confirm.notFilled') }))
    return filled.length ? [{ id, rows: filled }] : []
  })
}
