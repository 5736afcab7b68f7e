// The wizard's logic without markup (views/registration/use-wizard.ts): autosave per step with the version
// last seen, client checks before saving, server field errors placed under fields, version conflicts
// reloaded and announced, the step remembered across a reload, submission errors listed, submission held back
// while a required material has no file (and a refusal that reports one missing listed under the materials).
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '@/api/errors'
import type { MaterialView, QuickFill, RegistrationView } from '@/api/types'
import { useWizard, type WizardApi } from '@/views/registration/use-wizard'
import { healthTechSession, material, registration } from './fixtures/registration'

const problem = (status: number, code: string, errors?: Record<string, string[]>) =>
  new ApiError({ kind: 'problem', status, problem: { type: `urn:weikao:problem:${code}`, title: 'x', status, code, errors } })

function fakeApi(first: RegistrationView = registration()) {
  const api = {
    getRegistration: vi.fn(async () => first),
    getExamSession: vi.fn(async () => healthTechSession),
    saveRegistration: vi.fn(async (_id: string, version: number, patch: Record<string, Record<string, unknown>>) =>
      registration({ version: version + 1, form: { ...(first.form as Record<string, unknown>), ...patch } as RegistrationView['form'] }),
    ),
    submitRegistration: vi.fn(async (_id: string, version: number) =>
      registration({ status: 'submitted', current_level: 'point', version: version + 1 }),
    ),
    getQuickFill: vi.fn(async (): Promise<QuickFill> => ({ found: false, year: null, patch: {}, carried_over: [] })),
    // every required material (photo, diploma) has a file unless a test says otherwise
    listMaterials: vi.fn(async (): Promise<MaterialView[]> => first.required_materials.map((k) => material(k))),
  }
  return api
}

const asApi = (a: ReturnType<typeof fakeApi>) => a as unknown as WizardApi
const today = () => '2026-11-25'

beforeEach(() => {
  sessionStorage.clear()
  setActivePinia(createPinia())
})

describe('useWizard', () => {
  it('loads the registration and its session and starts at the first step', async () => {
    const api = fakeApi(registration({ form: { identity: { ethnicity: '汉族' } } }))
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    expect(api.getExamSession).toHaveBeenCalledWith('session-ht')
    expect(w.step.value?.id).toBe('identity')
    expect(w.steps.value.map((s) => s.id)).toEqual(['identity', 'education', 'work', 'exam', 'place', 'materials', 'confirm'])
    expect(w.values.identity?.ethnicity).toBe('汉族')
  })

  it('saves only the step section with the version last seen, then moves on', async () => {
    const api = fakeApi()
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.values.identity!.ethnicity = '汉族'
    w.values.identity!.address = '郑州市金水区'
    expect(await w.next()).toBe(true)
    expect(api.saveRegistration).toHaveBeenCalledWith('reg-1', 1, { identity: { ethnicity: '汉族', address: '郑州市金水区' } })
    expect(w.registration.value?.version).toBe(2)
    expect(w.step.value?.id).toBe('education')
    w.values.education!.school = '郑州大学'
    await w.next()
    expect(api.saveRegistration).toHaveBeenLastCalledWith('reg-1', 2, { education: { school: '郑州大学' } })
  })

  it('does not call the server when the step did not change', async () => {
    const api = fakeApi()
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    expect(await w.next()).toBe(true)
    expect(api.saveRegistration).not.toHaveBeenCalled()
    expect(w.step.value?.id).toBe('education')
  })

  it('keeps a step with a format error from being saved, and shows the error under the field', async () => {
    const api = fakeApi()
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.values.identity!.postal_code = '4500'
    expect(await w.next()).toBe(false)
    expect(api.saveRegistration).not.toHaveBeenCalled()
    expect(w.fieldErrors.identity).toEqual({ postal_code: ['postal_code_invalid'] })
    w.values.identity!.postal_code = '450000'
    w.check('postal_code')
    expect(w.fieldErrors.identity).toEqual({})
  })

  it('places the server 422 under the fields of the step and stays there', async () => {
    const api = fakeApi()
    api.saveRegistration.mockRejectedValueOnce(problem(422, 'validation_failed', { 'education.graduated_on': ['dates_out_of_order'] }))
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('education')
    w.values.education!.enrolled_on = '2015-09-01'
    w.values.education!.graduated_on = '2012-07-01'
    expect(await w.next()).toBe(false)
    expect(w.step.value?.id).toBe('education')
    expect(w.fieldErrors.education).toEqual({ graduated_on: ['dates_out_of_order'] })
    expect(w.notice.value).toBeNull()
  })

  it('on a version conflict reloads the registration, replaces the values and says so', async () => {
    const api = fakeApi(registration({ version: 3, form: { identity: { ethnicity: '汉族' } } }))
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    // meanwhile another device saved version 4
    api.saveRegistration.mockRejectedValueOnce(problem(409, 'version_conflict'))
    api.getRegistration.mockResolvedValueOnce(registration({ version: 4, form: { identity: { ethnicity: '回族', address: '洛阳' } } }))
    w.values.identity!.ethnicity = '满族'
    expect(await w.next()).toBe(false)
    expect(api.getRegistration).toHaveBeenCalledTimes(2)
    expect(w.notice.value).toEqual({ kind: 'version_conflict' })
    expect(w.registration.value?.version).toBe(4)
    expect(w.values.identity).toMatchObject({ ethnicity: '回族', address: '洛阳' })
    expect(w.step.value?.id).toBe('identity')
    // the next save goes out with the reloaded version
    w.values.identity!.postal_code = '471000'
    expect(await w.next()).toBe(true)
    expect(api.saveRegistration).toHaveBeenLastCalledWith('reg-1', 4, { identity: { postal_code: '471000' } })
    expect(w.notice.value).toBeNull()
  })

  it('a form submitted elsewhere reloads as locked', async () => {
    const api = fakeApi()
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    api.saveRegistration.mockRejectedValueOnce(problem(409, 'registration_locked'))
    api.getRegistration.mockResolvedValueOnce(registration({ status: 'submitted', version: 2 }))
    w.values.identity!.ethnicity = '汉族'
    await w.next()
    expect(w.notice.value).toEqual({ kind: 'registration_locked' })
    expect(w.registration.value?.status).toBe('submitted')
  })

  it('remembers the step across a reload (the form itself comes from the server)', async () => {
    const api = fakeApi()
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('place')
    setActivePinia(createPinia()) // a reload: fresh store, sessionStorage kept
    const again = useWizard('reg-1', asApi(api), today)
    await again.load()
    expect(again.step.value?.id).toBe('place')
    const other = useWizard('reg-2', asApi(api), today)
    await other.load()
    expect(other.step.value?.id).toBe('identity')
  })

  it('lists what a refused submission reported and shows it under the field when jumping there', async () => {
    const api = fakeApi(registration({ version: 7, completeness: { complete: true, errors: {} } }))
    api.submitRegistration.mockRejectedValueOnce(
      problem(422, 'validation_failed', { 'exam.point_code': ['required'], 'exam.specialty_code': ['specialty_unknown'] }),
    )
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('confirm')
    expect(await w.submit()).toBe(false)
    expect(api.submitRegistration).toHaveBeenCalledWith('reg-1', 7)
    expect(w.problems.value).toEqual({ 'exam.point_code': ['required'], 'exam.specialty_code': ['specialty_unknown'] })
    w.goTo('place')
    expect(w.fieldErrors.place).toEqual({ point_code: ['required'] })
  })

  it('submits with the current version and forgets the step', async () => {
    const api = fakeApi(registration({ version: 9, completeness: { complete: true, errors: {} } }))
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('confirm')
    expect(await w.submit()).toBe(true)
    expect(api.submitRegistration).toHaveBeenCalledWith('reg-1', 9)
    expect(w.registration.value?.status).toBe('submitted')
    expect(sessionStorage.getItem('weikao.candidate.wizard-step')).toBeNull()
  })

  it('the materials step saves nothing on "next", and waits while a material is uploading', async () => {
    const api = fakeApi()
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('materials')
    w.uploading.value = true
    expect(await w.next()).toBe(false)
    w.back()
    expect(w.step.value?.id).toBe('materials')
    w.uploading.value = false
    expect(await w.next()).toBe(true)
    expect(w.step.value?.id).toBe('confirm')
    expect(api.saveRegistration).not.toHaveBeenCalled()
  })
})

describe('useWizard: required materials before submitting', () => {
  const complete = () => registration({ version: 3, completeness: { complete: true, errors: {} }, required_materials: ['photo', 'diploma'] })

  it('reads the materials on the confirm step; a missing kind blocks submitting and is listed as a problem', async () => {
    const api = fakeApi(complete())
    api.listMaterials.mockResolvedValue([material('photo')])
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    expect(api.listMaterials).not.toHaveBeenCalled()
    w.goTo('confirm')
    await vi.waitFor(() => expect(w.materials.value).not.toBeNull())
    expect(api.listMaterials).toHaveBeenCalledWith('reg-1')
    expect(w.missingKinds.value).toEqual(['diploma'])
    expect(w.problems.value).toEqual({ 'materials.diploma': ['material_missing'] })
    expect(w.canSubmit.value).toBe(false)
    // even if asked, nothing is sent
    expect(await w.submit()).toBe(false)
    expect(api.submitRegistration).not.toHaveBeenCalled()
  })

  it('an upload on the materials step lifts the block', async () => {
    const api = fakeApi(complete())
    api.listMaterials.mockResolvedValue([])
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('confirm')
    await vi.waitFor(() => expect(w.missingKinds.value).toEqual(['photo', 'diploma']))
    w.goTo('materials')
    w.setMaterials([material('photo'), material('diploma')])
    expect(w.missingKinds.value).toEqual([])
    expect(w.canSubmit.value).toBe(true)
    api.listMaterials.mockResolvedValue([material('photo'), material('diploma')])
    w.goTo('confirm')
    expect(await w.submit()).toBe(true)
    expect(api.submitRegistration).toHaveBeenCalledWith('reg-1', 3)
  })

  it('a rejected file does not count', async () => {
    const api = fakeApi(complete())
    api.listMaterials.mockResolvedValue([material('photo'), material('diploma', { status: 'rejected' })])
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('confirm')
    await vi.waitFor(() => expect(w.missingKinds.value).toEqual(['diploma']))
  })

  it('a refusal that reports a material missing lists it, reads the files again, and clears once it is there', async () => {
    const api = fakeApi(complete())
    api.submitRegistration.mockRejectedValueOnce(
      problem(422, 'validation_failed', { 'materials.integrity_pledge': ['material_missing'], 'exam.point_code': ['required'] }),
    )
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('confirm')
    await vi.waitFor(() => expect(w.materials.value).not.toBeNull())
    expect(w.canSubmit.value).toBe(true)
    expect(await w.submit()).toBe(false)
    expect(w.problems.value).toEqual({ 'materials.integrity_pledge': ['material_missing'], 'exam.point_code': ['required'] })
    expect(w.missingKinds.value).toEqual(['integrity_pledge'])
    expect(w.canSubmit.value).toBe(false)
    // no notice on top of the list: the list says it
    expect(w.notice.value).toBeNull()
    expect(api.listMaterials).toHaveBeenCalledTimes(2)
    // uploaded meanwhile (another device): the next read clears it
    api.listMaterials.mockResolvedValue([material('photo'), material('diploma'), material('integrity_pledge')])
    await w.loadMaterials()
    expect(w.missingKinds.value).toEqual([])
    expect(w.problems.value).toEqual({ 'exam.point_code': ['required'] })
  })

  it('the files cannot be read: submitting is left to the server, which still has the last word', async () => {
    const api = fakeApi(complete())
    api.listMaterials.mockRejectedValue(new ApiError({ kind: 'network' }))
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('confirm')
    await vi.waitFor(() => expect(w.materialsFailure.value).not.toBeNull())
    expect(w.materials.value).toBeNull()
    expect(w.missingKinds.value).toEqual([])
    expect(w.canSubmit.value).toBe(true)
  })

  it('an incomplete form cannot be submitted whatever the materials', async () => {
    const api = fakeApi(registration())
    const w = useWizard('reg-1', asApi(api), today)
    await w.load()
    w.goTo('confirm')
    await vi.waitFor(() => expect(w.materials.value).not.toBeNull())
    expect(w.missingKinds.value).toEqual([])
    expect(w.canSubmit.value).toBe(false)
  })
})
