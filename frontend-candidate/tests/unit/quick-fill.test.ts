// Quick-fill for a returning candidate: the save that applies the history library's patch (registration/
// quick-fill.ts), the subjects that carry over, and the wizard offering, applying and declining it.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/errors'
import type { QuickFill, RegistrationView } from '@/api/types'
import { carriedOverFor, quickFillSave } from '@/registration/quick-fill'
import { useWizard, type WizardApi } from '@/views/registration/use-wizard'
import { healthTechSession, registration } from './fixtures/registration'

const LAST_YEAR: QuickFill = {
  found: true,
  year: 2026,
  patch: {
    education: { level: 'benke', school: '郑州大学', major: '护理学' },
    work: { unit_code: '41010000000000001X' },
    exam: { archive_number: 'A2026', level_code: 'practitioner', specialty_code: '203' },
  },
  carried_over: ['basic', 'related'],
}
const NOTHING: QuickFill = { found: false, year: null, patch: {}, carried_over: [] }
/** A nurse fresh graduate on a school's class list (group registration), with no history. */
const SCHOOL_PATCH = {
  education: { school: '河南护理职业学院', major: '护理', graduated_on: '2027-07-01' },
  nurse: { fresh_graduate: true, school: '河南护理职业学院', expected_graduation_on: '2027-07-01' },
  exam: { point_code: '41010503', site_code: '410100' },
}
const CLASS_LIST: QuickFill = { found: false, year: null, school: '河南护理职业学院', patch: SCHOOL_PATCH, carried_over: [] }

describe('quickFillSave', () => {
  it('sends the library patch as is to an empty form', () => {
    expect(quickFillSave(LAST_YEAR, {})).toEqual(LAST_YEAR.patch)
  })

  it('sends only what it changes, and nothing when the form already has it all', () => {
    const form = { education: { level: 'benke', school: '郑州大学', major: '临床医学', study_form: 'full_time' } }
    expect(quickFillSave(LAST_YEAR, form)).toEqual({
      education: { major: '护理学' },
      work: { unit_code: '41010000000000001X' },
      exam: { archive_number: 'A2026', level_code: 'practitioner', specialty_code: '203' },
    })
    expect(quickFillSave(LAST_YEAR, LAST_YEAR.patch as Record<string, unknown>)).toBeNull()
    expect(quickFillSave(NOTHING, {})).toBeNull()
  })

  it('offers a school’s class list without any history, and nothing once the form has it', () => {
    expect(quickFillSave(CLASS_LIST, {})).toEqual(SCHOOL_PATCH)
    expect(quickFillSave(CLASS_LIST, { nurse: { fresh_graduate: true, internship_months: 10 } })).toEqual({
      education: SCHOOL_PATCH.education,
      nurse: { school: '河南护理职业学院', expected_graduation_on: '2027-07-01' },
      exam: SCHOOL_PATCH.exam,
    })
    expect(quickFillSave(CLASS_LIST, SCHOOL_PATCH)).toBeNull()
  })

  it('replaces a typed unit name by the library unit (the server refuses both)', () => {
    const save = quickFillSave(LAST_YEAR, { work: { unit_name_manual: '某某诊所', title: '护师' } })
    expect(save?.work).toEqual({ unit_code: '41010000000000001X', unit_name_manual: null })
  })

  it('takes last year’s passed subjects out of the same specialty, and clears another specialty’s subjects', () => {
    const same = quickFillSave(LAST_YEAR, { exam: { specialty_code: '203', subject_codes: ['basic', 'professional', 'practice'] } })
    expect(same?.exam).toEqual({ archive_number: 'A2026', level_code: 'practitioner', subject_codes: ['professional', 'practice'] })
    const onlyPassed = quickFillSave(LAST_YEAR, { exam: { specialty_code: '203', subject_codes: ['basic'] } })
    expect(onlyPassed?.exam?.subject_codes).toBeNull()
    const other = quickFillSave(LAST_YEAR, { exam: { specialty_code: '368', subject_codes: ['professional'] } })
    expect(other?.exam).toMatchObject({ specialty_code: '203', subject_codes: null })
  })
})

describe('carriedOverFor', () => {
  it('names last year’s passed subjects in their specialty only', () => {
    expect(carriedOverFor(LAST_YEAR, '203')).toEqual(['basic', 'related'])
    expect(carriedOverFor(LAST_YEAR, '368')).toEqual([])
    expect(carriedOverFor(LAST_YEAR, '')).toEqual([])
    expect(carriedOverFor(null, '203')).toEqual([])
  })
})

// ---- the wizard

/** RFC 7396 on the form's sections (one level deep is all a registration form has). */
function merge(form: Record<string, unknown>, patch: Record<string, Record<string, unknown>>) {
  const out: Record<string, unknown> = { ...form }
  for (const [section, fields] of Object.entries(patch)) {
    const next: Record<string, unknown> = { ...((form[section] as Record<string, unknown>) ?? {}) }
    for (const [k, v] of Object.entries(fields)) {
      if (v === null) delete next[k]
      else next[k] = v
    }
    out[section] = next
  }
  return out
}

function fakeApi(first: RegistrationView, qf: QuickFill | Error = LAST_YEAR) {
  let current = first
  const api = {
    getRegistration: vi.fn(async () => current),
    getExamSession: vi.fn(async () => healthTechSession),
    getQuickFill: vi.fn(async () => {
      if (qf instanceof Error) throw qf
      return qf
    }),
    saveRegistration: vi.fn(async (_id: string, version: number, patch: Record<string, Record<string, unknown>>) => {
      current = registration({ version: version + 1, form: merge(current.form as Record<string, unknown>, patch) as RegistrationView['form'] })
      return current
    }),
    submitRegistration: vi.fn(),
  }
  return api
}
const asApi = (a: ReturnType<typeof fakeApi>) => a as unknown as WizardApi
const today = () => '2026-11-25'

beforeEach(() => {
  sessionStorage.clear()
  setActivePinia(createPinia())
})

describe('useWizard quick-fill', () => {
  it('offers it on a draft and applies it with the version last seen, refreshing only the fields it filled', async () => {
    const api = fakeApi(registration({ version: 3, form: { work: { unit_name_manual: '某某诊所' } } }))
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    expect(api.getQuickFill).toHaveBeenCalledWith('reg-1')
    expect(w.quickFillPatch.value?.work).toEqual({ unit_code: '41010000000000001X', unit_name_manual: null })
    // typed on this step but not saved yet: kept
    w.values.identity!.ethnicity = '汉族'

    expect(await w.applyQuickFill()).toBe(true)
    expect(api.saveRegistration).toHaveBeenCalledWith('reg-1', 3, quickFillSave(LAST_YEAR, { work: { unit_name_manual: '某某诊所' } }))
    expect(w.registration.value?.version).toBe(4)
    expect(w.values.education).toMatchObject({ level: 'benke', school: '郑州大学', major: '护理学' })
    expect(w.values.work).toMatchObject({ unit_code: '41010000000000001X', unit_name_manual: '' })
    expect(w.values.exam).toMatchObject({ specialty_code: '203', level_code: 'practitioner', archive_number: 'A2026' })
    expect(w.values.identity?.ethnicity).toBe('汉族')
    expect(w.quickFillPatch.value).toBeNull()
  })

  it('a library unit stands in for the typed name (nothing to send), and the candidate can go back to typing one', async () => {
    const api = fakeApi(registration({ form: { work: { unit_code: '41010000000000001X', work_started_on: '2017-08-01' } } }), NOTHING)
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('work')
    expect(await w.next()).toBe(true)
    expect(api.saveRegistration).not.toHaveBeenCalled()
    w.goTo('work')
    w.values.work!.unit_code = ''
    w.values.work!.unit_name_manual = '郑州大学第一附属医院'
    expect(await w.next()).toBe(true)
    expect(api.saveRegistration).toHaveBeenCalledWith('reg-1', 1, { work: { unit_name_manual: '郑州大学第一附属医院', unit_code: null } })
  })

  it('can be declined, and is not offered when nothing was found, when it cannot be read, or after submission', async () => {
    const declined = useWizard('reg-1', asApi(fakeApi(registration())), today)
    await declined.load()
    expect(declined.quickFillPatch.value).not.toBeNull()
    declined.declineQuickFill()
    expect(declined.quickFillPatch.value).toBeNull()

    const none = useWizard('reg-1', asApi(fakeApi(registration(), NOTHING)), today)
    await none.load()
    expect(none.quickFillPatch.value).toBeNull()

    const broken = useWizard('reg-1', asApi(fakeApi(registration(), new ApiError({ kind: 'network' }))), today)
    await broken.load()
    expect(broken.loadFailure.value).toBeNull()
    expect(broken.quickFillPatch.value).toBeNull()

    const submittedApi = fakeApi(registration({ status: 'submitted' }))
    await useWizard('reg-1', asApi(submittedApi), today).load()
    expect(submittedApi.getQuickFill).not.toHaveBeenCalled()
  })

  it('a refused save goes through the wizard’s usual handling (a conflict reloads and says so)', async () => {
    const api = fakeApi(registration({ version: 3 }))
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    api.saveRegistration.mockRejectedValueOnce(
      new ApiError({ kind: 'problem', status: 409, problem: { type: 'x', title: 'x', status: 409, code: 'version_conflict' } }),
    )
    expect(await w.applyQuickFill()).toBe(false)
    expect(w.notice.value).toEqual({ kind: 'version_conflict' })
    expect(api.getRegistration).toHaveBeenCalledTimes(2)
    // still offered: try again with the reloaded version
    expect(w.quickFillPatch.value).not.toBeNull()
  })
})
