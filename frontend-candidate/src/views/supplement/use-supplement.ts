// The supplement page's state, without markup: the registration (for its name) and its supplement, the files
// as the upload list has them, whether a file is uploading, submitting on the version seen, and what to say
// when that did not go through — a version conflict reloads and says so, a refusal because the window or the
// status changed (409) reloads and says why, missing files (422 `materials.<kind>`) are named, anything else
// in words with a retry when it may pass. A 404 `no_supplement` means the registration owes nothing.
import { computed, ref } from 'vue'
import { ApiError } from '@/api/errors'
import { createMaterialLink, withdrawMaterial } from '@/api/materials'
import { getRegistration } from '@/api/registration'
import { getSupplement, isNoSupplement, submitSupplement } from '@/api/supplements'
import type { MaterialView, RegistrationView, SupplementView } from '@/api/types'
import { uploadSupplementMaterial } from '@/api/upload'
import { prepareFile } from '@/materials/prepare'
import { submitBlock } from '@/supplement/state'
import type { MaterialsApi } from '@/views/registration/materials/use-materials'

export interface SupplementApi {
  getRegistration: typeof getRegistration
  getSupplement: typeof getSupplement
  submitSupplement: typeof submitSupplement
}

const defaultApi: SupplementApi = { getRegistration, getSupplement, submitSupplement }

/** The upload machinery of the materials step (prepare, precheck, progress, cancel, retry) aimed at the supplement. */
export const supplementMaterialsApi: MaterialsApi = {
  listMaterials: async (registrationId) => (await getSupplement(registrationId)).materials,
  uploadMaterial: uploadSupplementMaterial,
  createMaterialLink,
  // a supplement's file is replaced, never withdrawn (the page offers no withdraw)
  withdrawMaterial,
  prepareFile: (file, kind) => prepareFile(file, kind),
}

/** Why the last submit (or an upload) did not go through. */
export type SupplementNotice =
  | { kind: 'version_conflict' }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'missing'; fields: Record<string, string[]> }
  | { kind: 'failure'; error: unknown }

/** 409s that mean the supplement's window or status changed since the page was read. */
const REFUSALS = ['supplement_window_not_open', 'supplement_window_closed', 'supplement_not_editable']

export function useSupplement(registrationId: string, api: SupplementApi = defaultApi) {
  const registration = ref<RegistrationView | null>(null)
  const supplement = ref<SupplementView | null>(null)
  /** The registration owes no supplement (404 `no_supplement`). */
  const none = ref(false)
  const loadFailure = ref<unknown>(null)
  /** The current files as the upload list has them (they change with every upload). */
  const materials = ref<MaterialView[]>([])
  const uploading = ref(false)
  const submitting = ref(false)
  const notice = ref<SupplementNotice | null>(null)

  const block = computed(() => (supplement.value ? submitBlock(supplement.value, materials.value, uploading.value) : null))

  function show(view: SupplementView): void {
    supplement.value = view
    materials.value = [...view.materials]
  }

  /** Reads the supplement (and, the first time, the registration's name; not needed to go on). */
  async function load(): Promise<void> {
    loadFailure.value = null
    const [sup, reg] = await Promise.allSettled([
      api.getSupplement(registrationId),
      registration.value ? Promise.resolve(registration.value) : api.getRegistration(registrationId),
    ])
    if (reg.status === 'fulfilled') registration.value = reg.value
    if (sup.status === 'fulfilled') {
      none.value = false
      show(sup.value)
    } else if (isNoSupplement(sup.reason)) {
      none.value = true
      supplement.value = null
    } else {
      loadFailure.value = sup.reason
    }
  }

  /** Reads it again after a refusal; a failure to do so leaves what is shown. */
  async function reload(): Promise<void> {
    try {
      show(await api.getSupplement(registrationId))
    } catch (e) {
      if (isNoSupplement(e)) {
        none.value = true
        supplement.value = null
      }
    }
  }

  /** Submits on the version seen; true when it went through (the supplement now waits for the exam region). */
  async function submit(): Promise<boolean> {
    const view = supplement.value
    if (!view || block.value || submitting.value) return false
    submitting.value = true
    notice.value = null
    try {
      show(await api.submitSupplement(registrationId, view.version))
      return true
    } catch (e) {
      if (e instanceof ApiError && e.code === 'version_conflict') {
        notice.value = { kind: 'version_conflict' }
        await reload()
      } else if (e instanceof ApiError && (REFUSALS.includes(e.code ?? '') || isNoSupplement(e))) {
        notice.value = { kind: 'refused', error: e }
        await reload()
      } else if (e instanceof ApiError && e.code === 'validation_failed' && Object.keys(e.fieldErrors).some((k) => k.startsWith('materials.'))) {
        notice.value = { kind: 'missing', fields: e.fieldErrors }
        await reload()
      } else {
        notice.value = { kind: 'failure', error: e }
      }
      return false
    } finally {
      submitting.value = false
    }
  }

  /** An upload was refused because the window or the status changed: read the supplement again. */
  async function onUploadFailure(e: unknown): Promise<void> {
    if (e instanceof ApiError && (REFUSALS.includes(e.code ?? '') || isNoSupplement(e))) await reload()
  }

  return { registration, supplement, none, loadFailure, materials, uploading, submitting, notice, block, load, reload, submit, onUploadFailure }
}

export type Supplement = ReturnType<typeof useSupplement>
