// The registration wizard's state and actions, without any markup: load the registration (the server's form
// is the truth) and its session, check fields on blur, save the current step's section on "next" with the
// version last seen, place the server's field errors, recover from a version conflict by reloading, submit;
// offer a returning candidate's quick-fill and apply it. The registration's materials (GET …/materials, read
// on the confirm step and kept up to date by the materials step) say which required kinds are still missing:
// submitting waits until none are (registration/materials.ts), and what a refused submission reported
// missing is listed too.
import { computed, reactive, ref } from 'vue'
import { getExamSession } from '@/api/catalog'
import { ApiError } from '@/api/errors'
import { listMaterials } from '@/api/materials'
import { getQuickFill, getRegistration, saveRegistration, submitRegistration, type FormPatch } from '@/api/registration'
import type { ExamSessionDetail, MaterialView, QuickFill, RegistrationView } from '@/api/types'
import { mergeErrors, placeErrors } from '@/registration/errors'
import { canSubmit as submittable, missingAsErrors, missingMaterials, reportedMissing, withoutMissingMaterials } from '@/registration/materials'
import { buildStepPatch, toFieldValue, valuesFromForm, type FormJson } from '@/registration/patch'
import { quickFillSave } from '@/registration/quick-fill'
import { isExamType, stepsFor, type FieldContext, type StepDef, type StepId, type Values } from '@/registration/steps'
import { useWizardStore } from '@/stores/wizard'
import { checkField, checkStep } from '@/validation/registration'
import { todayInChina } from '@/validation/id-number'

export interface WizardApi {
  getRegistration: typeof getRegistration
  saveRegistration: typeof saveRegistration
  submitRegistration: typeof submitRegistration
  getExamSession: typeof getExamSession
  getQuickFill: typeof getQuickFill
  listMaterials: typeof listMaterials
}

const defaultApi: WizardApi = { getRegistration, saveRegistration, submitRegistration, getExamSession, getQuickFill, listMaterials }

/** Why the wizard shows a notice above the form. */
export type Notice =
  | { kind: 'version_conflict' | 'registration_locked' | 'registration_window_closed' | 'unplaced'; codes?: string[] }
  | { kind: 'failure'; error: unknown }

export function useWizard(registrationId: string, api: WizardApi = defaultApi, today: () => string = () => todayInChina()) {
  const store = useWizardStore()
  const registration = ref<RegistrationView | null>(null)
  const session = ref<ExamSessionDetail | null>(null)
  const loadFailure = ref<unknown>(null)
  const busy = ref(false)
  /** A material is being uploaded (materials step): moving on waits for it. */
  const uploading = ref(false)
  const notice = ref<Notice | null>(null)
  const stepIndex = ref(0)
  const values = reactive<Partial<Record<StepId, Values>>>({})
  const fieldErrors = reactive<Partial<Record<StepId, Record<string, string[]>>>>({})
  /** Errors of the last refused submission (the server checks more than `completeness`, e.g. unknown codes). */
  const submitErrors = ref<Record<string, string[]>>({})
  const quickFill = ref<QuickFill | null>(null)
  /** The quick-fill offer was taken or declined on this visit. */
  const quickFillDone = ref(false)

  const examType = computed(() => {
    const t = registration.value?.exam_type ?? ''
    return isExamType(t) ? t : null
  })
  const steps = computed<StepDef[]>(() => (examType.value ? stepsFor(examType.value) : []))
  const step = computed<StepDef | undefined>(() => steps.value[stepIndex.value])
  const form = computed<FormJson>(() => (registration.value?.form as FormJson | undefined) ?? {})
  /** The registration's current files; null until read, or when they could not be read. */
  const materials = ref<MaterialView[] | null>(null)
  const materialsFailure = ref<unknown>(null)
  let materialsSeq = 0
  /** What the server says blocks submission: its completeness check and the last refused submission. */
  const reported = computed(() => mergeErrors(registration.value?.completeness.errors ?? {}, submitErrors.value))
  /** Required material kinds without a current file (and any a refused submission still reports missing). */
  const missingKinds = computed(() =>
    registration.value ? missingMaterials(registration.value.required_materials, materials.value, reported.value) : [],
  )
  /** Everything that blocks submission, `key → codes`, missing materials as `materials.<kind>: material_missing`. */
  const problems = computed(() => mergeErrors(withoutMissingMaterials(reported.value), missingAsErrors(missingKinds.value)))
  const canSubmit = computed(() => submittable(registration.value?.completeness.complete === true, missingKinds.value))
  /** The save that would apply the quick-fill offer, while there is one that changes something. */
  const quickFillPatch = computed<FormPatch | null>(() =>
    quickFill.value && !quickFillDone.value ? quickFillSave(quickFill.value, form.value) : null,
  )

  function contextFor(s: StepDef): FieldContext {
    const nurse = form.value.nurse as Record<string, unknown> | undefined
    return {
      exam: examType.value ?? 'health_tech',
      values: values[s.id] ?? {},
      freshGraduate: nurse?.fresh_graduate === true,
      needsPoint: session.value?.review_chain[0] === 'point',
      today: today(),
      examYear: session.value?.year ?? Number(today().slice(0, 4)),
    }
  }

  /** Resets every step's values from the server's form (after load, reload or a conflict). */
  function resetValues(): void {
    for (const s of steps.value) {
      values[s.id] = valuesFromForm(s, form.value)
      delete fieldErrors[s.id]
    }
  }

  /** Resets the fields a save changed from the server's form, keeping what is being typed elsewhere. */
  function refreshFields(patch: FormPatch): void {
    for (const s of steps.value) {
      const changed = s.section ? patch[s.section] : undefined
      const vals = values[s.id]
      if (!changed || !vals) continue
      const saved = (form.value[s.section ?? ''] ?? {}) as Record<string, unknown>
      for (const f of s.fields) {
        if (!(f.name in changed)) continue
        vals[f.name] = toFieldValue(f, saved[f.name])
        delete fieldErrors[s.id]?.[f.name]
      }
    }
  }

  /** Quick-fill is a convenience: when it cannot be read the wizard simply goes on without the offer. */
  async function loadQuickFill(reg: RegistrationView): Promise<QuickFill | null> {
    if (reg.status !== 'draft') return null
    return api.getQuickFill(reg.id).catch(() => null)
  }

  function goToIndex(i: number): void {
    stepIndex.value = Math.max(0, Math.min(i, steps.value.length - 1))
    const s = steps.value[stepIndex.value]
    if (s) store.setStep(registrationId, s.id)
    // the confirm step says what is missing as of now (files may have come from another device meanwhile)
    if (s?.id === 'confirm') void loadMaterials()
  }

  /** Reads the registration's materials; a failure leaves them unknown (the server's check still speaks). */
  async function loadMaterials(): Promise<void> {
    const mine = ++materialsSeq
    materialsFailure.value = null
    try {
      const list = await api.listMaterials(registrationId)
      if (mine === materialsSeq) materials.value = list
    } catch (e) {
      if (mine !== materialsSeq) return
      materials.value = null
      materialsFailure.value = e
    }
  }

  /** The materials as the materials step has them after an upload or a withdrawal. */
  function setMaterials(list: readonly MaterialView[]): void {
    materialsSeq++
    materialsFailure.value = null
    materials.value = [...list]
  }

  async function load(): Promise<void> {
    loadFailure.value = null
    try {
      const reg = await api.getRegistration(registrationId)
      const [s, qf] = await Promise.all([api.getExamSession(reg.session_id), loadQuickFill(reg)])
      session.value = s
      quickFill.value = qf
      registration.value = reg
      resetValues()
      const saved = store.stepOf(registrationId)
      const i = steps.value.findIndex((s) => s.id === saved)
      goToIndex(i >= 0 ? i : 0)
    } catch (e) {
      loadFailure.value = e
    }
  }

  async function reload(kind: 'version_conflict' | 'registration_locked'): Promise<void> {
    try {
      registration.value = await api.getRegistration(registrationId)
      resetValues()
      notice.value = { kind }
    } catch (e) {
      notice.value = { kind: 'failure', error: e }
    }
  }

  /** On blur: the field's format. */
  function check(field: string): void {
    const s = step.value
    const def = s?.fields.find((f) => f.name === field)
    if (!s || !def) return
    const errs = fieldErrors[s.id] ?? (fieldErrors[s.id] = {})
    const codes = checkField(def, contextFor(s))
    if (codes.length) errs[field] = codes
    else delete errs[field]
  }

  /** A save or submit refused by the server: field errors under their fields, conflicts reload. */
  async function handleFailure(e: unknown): Promise<void> {
    if (e instanceof ApiError && e.code === 'validation_failed') {
      const placed = placeErrors(e.fieldErrors, steps.value)
      for (const [id, errs] of Object.entries(placed.byStep)) fieldErrors[id as StepId] = { ...errs }
      const here = step.value ? placed.byStep[step.value.id] : undefined
      if (placed.unplaced.length) notice.value = { kind: 'unplaced', codes: placed.unplaced.flatMap((u) => u.codes) }
      else if (!here || Object.keys(here).length === 0) notice.value = { kind: 'failure', error: e }
      return
    }
    if (e instanceof ApiError && (e.code === 'version_conflict' || e.code === 'registration_locked')) {
      await reload(e.code)
      return
    }
    if (e instanceof ApiError && e.code === 'registration_window_closed') {
      notice.value = { kind: 'registration_window_closed' }
      return
    }
    notice.value = { kind: 'failure', error: e }
  }

  /** Saves the current step's section when it changed. True when the wizard may move on. */
  async function saveCurrent(): Promise<boolean> {
    const s = step.value
    const reg = registration.value
    if (!s || !reg) return false
    const ctx = contextFor(s)
    const errs = checkStep(s, ctx)
    fieldErrors[s.id] = errs
    if (Object.keys(errs).length) return false
    const patch = buildStepPatch(s, values[s.id] ?? {}, form.value, ctx)
    if (!patch) return true
    busy.value = true
    notice.value = null
    try {
      registration.value = await api.saveRegistration(reg.id, reg.version, patch)
      submitErrors.value = {}
      values[s.id] = valuesFromForm(s, form.value)
      return true
    } catch (e) {
      await handleFailure(e)
      return false
    } finally {
      busy.value = false
    }
  }

  async function next(): Promise<boolean> {
    if (busy.value || uploading.value) return false
    const ok = await saveCurrent()
    if (ok) goToIndex(stepIndex.value + 1)
    return ok
  }

  function back(): void {
    if (uploading.value) return
    notice.value = null
    goToIndex(stepIndex.value - 1)
  }

  /** Jumps to a step (from the confirm list or the summary), showing the server's errors for it. */
  function goTo(id: StepId): void {
    const i = steps.value.findIndex((s) => s.id === id)
    if (i < 0) return
    notice.value = null
    const placed = placeErrors(problems.value, steps.value).byStep[id]
    if (placed) fieldErrors[id] = { ...placed }
    goToIndex(i)
  }

  /** Saves the quick-fill (merge patch with the version last seen) and refreshes the fields it filled. */
  async function applyQuickFill(): Promise<boolean> {
    const reg = registration.value
    const patch = quickFillPatch.value
    if (!reg || !patch || busy.value) return false
    busy.value = true
    notice.value = null
    try {
      registration.value = await api.saveRegistration(reg.id, reg.version, patch)
      submitErrors.value = {}
      quickFillDone.value = true
      refreshFields(patch)
      return true
    } catch (e) {
      await handleFailure(e)
      return false
    } finally {
      busy.value = false
    }
  }

  function declineQuickFill(): void {
    quickFillDone.value = true
  }

  async function submit(): Promise<boolean> {
    const reg = registration.value
    // a required material is missing: the server would refuse it (the confirm step lists what to upload)
    if (!reg || busy.value || missingKinds.value.length) return false
    busy.value = true
    notice.value = null
    try {
      registration.value = await api.submitRegistration(reg.id, reg.version)
      submitErrors.value = {}
      store.forget(registrationId)
      return true
    } catch (e) {
      if (e instanceof ApiError && e.code === 'validation_failed') {
        submitErrors.value = e.fieldErrors
        // the server found a material missing that this page did not know of: read the files again
        if (reportedMissing(e.fieldErrors).length) void loadMaterials()
      }
      await handleFailure(e)
      if (e instanceof ApiError && e.code === 'validation_failed') notice.value = null
      return false
    } finally {
      busy.value = false
    }
  }

  return {
    registration,
    session,
    loadFailure,
    busy,
    uploading,
    notice,
    stepIndex,
    steps,
    step,
    values,
    fieldErrors,
    problems,
    materials,
    materialsFailure,
    missingKinds,
    canSubmit,
    form,
    examType,
    quickFill,
    quickFillPatch,
    contextFor,
    load,
    check,
    next,
    back,
    goTo,
    submit,
    loadMaterials,
    setMaterials,
    applyQuickFill,
    declineQuickFill,
  }
}

export type Wizard = ReturnType<typeof useWizard>
