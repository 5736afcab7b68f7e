// The materials of one registration and what is happening to each kind, without markup: the current files
// (GET …/materials, or the list the caller already has), a picked file prepared on the device (turned upright, compressed when too big),
// checked early for the photo, uploaded with progress (cancel, retry), and withdrawn. A successful upload
// replaces that kind's file in the list; the server's verdict on a file is shown under its kind. The network
// side is a MaterialsApi: the registration's own materials by default, or another upload target with the same
// machinery (the supplementary materials: views/supplement/use-supplement.ts).
import { computed, reactive, ref } from 'vue'
import { createMaterialLink, listMaterials, withdrawMaterial } from '@/api/materials'
import type { MaterialView } from '@/api/types'
import { UploadCancelled, uploadMaterial, type UploadFn, type UploadTask } from '@/api/upload'
import { precheck } from '@/materials/image-prep'
import { prepareFile, type Prepared } from '@/materials/prepare'

export interface MaterialsApi {
  listMaterials: typeof listMaterials
  withdrawMaterial: typeof withdrawMaterial
  createMaterialLink: typeof createMaterialLink
  uploadMaterial: UploadFn
  prepareFile: (file: File, kind: string) => Promise<Prepared>
}

/** The registration's own materials (GET/PUT/DELETE …/registrations/{id}/materials). */
export const registrationMaterialsApi: MaterialsApi = {
  listMaterials,
  withdrawMaterial,
  createMaterialLink,
  uploadMaterial,
  prepareFile: (file, kind) => prepareFile(file, kind),
}

export type Phase = 'idle' | 'preparing' | 'hint' | 'uploading' | 'withdrawing' | 'failed'

export interface KindState {
  phase: Phase
  /** Upload progress, 0–1. */
  progress: number
  /** The file picked last (what a retry or "upload anyway" sends). */
  prepared: Prepared | null
  /** Codes of the early check (phase 'hint'). */
  hints: string[]
  /** What failed (phase 'failed'), and what to do on retry. */
  error: unknown
  failed: 'upload' | 'withdraw' | null
  /** What happened last, said once under the kind. */
  note: 'uploaded' | 'cancelled' | 'withdrawn' | null
  /** A thumbnail of the picture uploaded on this visit (object URL). */
  preview: string | null
  /** The file name picked on this visit (the server does not keep names). */
  name: string | null
}

export interface MaterialsOptions {
  api?: MaterialsApi
  /** The current files as the caller already has them: no list request (load() then only loads the thumbnails). */
  initial?: readonly MaterialView[]
  /** Called with every failure (e.g. to check the service status again on `storage_unavailable`). */
  onFailure?(e: unknown): void
}

const blankState = (): KindState => ({
  phase: 'idle',
  progress: 0,
  prepared: null,
  hints: [],
  error: null,
  failed: null,
  note: null,
  preview: null,
  name: null,
})

const IDLE: Readonly<KindState> = Object.freeze(blankState())

export function useMaterials(registrationId: string, opts: MaterialsOptions = {}) {
  const api = opts.api ?? registrationMaterialsApi
  const materials = ref<MaterialView[]>(opts.initial ? [...opts.initial] : [])
  const loaded = ref(!!opts.initial)
  const loadFailure = ref<unknown>(null)
  const states = reactive<Record<string, KindState>>({})
  /** material id → a short-lived link to show it */
  const links = reactive<Record<string, string>>({})
  const tasks = new Map<string, UploadTask>()

  const byKind = computed<Record<string, MaterialView>>(() => Object.fromEntries(materials.value.map((m) => [m.kind, m])))
  const busy = computed(() => Object.values(states).some((s) => s.phase === 'preparing' || s.phase === 'uploading' || s.phase === 'withdrawing'))

  /** A kind's state, created on first use (through the reactive proxy, so that changes show). */
  function state(kind: string): KindState {
    if (!states[kind]) states[kind] = blankState()
    return states[kind]
  }

  /** A kind's state for display (never creates one while rendering). */
  function view(kind: string): Readonly<KindState> {
    return states[kind] ?? IDLE
  }

  function setPreview(kind: string, blob: Blob | null): void {
    const s = state(kind)
    if (s.preview) URL.revokeObjectURL(s.preview)
    s.preview = blob && blob.type.startsWith('image/') && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(blob) : null
  }

  /** Thumbnails are a convenience: a link that cannot be had just leaves the icon. */
  function loadLinks(): void {
    for (const m of materials.value) {
      if (!m.content_type.startsWith('image/') || links[m.id] || states[m.kind]?.preview) continue
      api
        .createMaterialLink(m.id)
        .then((l) => {
          links[m.id] = l.url
        })
        .catch(() => undefined)
    }
  }

  async function load(): Promise<void> {
    loadFailure.value = null
    if (opts.initial && loaded.value) {
      loadLinks()
      return
    }
    try {
      materials.value = await api.listMaterials(registrationId)
      loaded.value = true
      loadLinks()
    } catch (e) {
      loadFailure.value = e
    }
  }

  function fail(kind: string, e: unknown, what: 'upload' | 'withdraw'): void {
    const s = state(kind)
    s.phase = 'failed'
    s.error = e
    s.failed = what
    opts.onFailure?.(e)
  }

  async function send(kind: string): Promise<boolean> {
    const s = state(kind)
    const p = s.prepared
    if (!p || tasks.has(kind)) return false
    s.phase = 'uploading'
    s.progress = 0
    s.error = null
    s.failed = null
    s.hints = []
    s.note = null
    const task = api.uploadMaterial(registrationId, kind, p.file, {
      onProgress: (pr) => {
        s.progress = pr.fraction
      },
    })
    tasks.set(kind, task)
    try {
      const m = await task.done
      materials.value = [...materials.value.filter((x) => x.kind !== kind), m]
      setPreview(kind, p.file)
      s.phase = 'idle'
      s.progress = 1
      s.note = 'uploaded'
      return true
    } catch (e) {
      if (e instanceof UploadCancelled) {
        s.phase = 'idle'
        s.note = 'cancelled'
      } else fail(kind, e, 'upload')
      return false
    } finally {
      tasks.delete(kind)
    }
  }

  /** A file picked for `kind`: prepare it, check it early, and upload it unless the check found something. */
  async function pick(kind: string, file: File): Promise<void> {
    const s = state(kind)
    if (s.phase === 'uploading' || s.phase === 'preparing') return
    Object.assign(s, { phase: 'preparing', hints: [], error: null, failed: null, note: null, prepared: null, name: file.name })
    let prepared: Prepared
    try {
      prepared = await api.prepareFile(file, kind)
    } catch {
      prepared = { file, name: file.name, format: 'other', size: null, changed: false, reasons: [] }
    }
    s.prepared = prepared
    s.name = prepared.name
    const hints = precheck(kind, { format: prepared.format, bytes: prepared.file.size, size: prepared.size })
    if (hints.length) {
      s.hints = hints
      s.phase = 'hint'
      return
    }
    await send(kind)
  }

  /** After a failure: the same action again (the same prepared file). */
  async function retry(kind: string): Promise<void> {
    const s = state(kind)
    if (s.failed === 'withdraw') await withdraw(kind)
    else await send(kind)
  }

  function cancel(kind: string): void {
    tasks.get(kind)?.cancel()
  }

  async function withdraw(kind: string): Promise<boolean> {
    const m = byKind.value[kind]
    const s = state(kind)
    if (!m) return false
    Object.assign(s, { phase: 'withdrawing', error: null, failed: null, note: null, hints: [] })
    try {
      await api.withdrawMaterial(registrationId, m.id)
      materials.value = materials.value.filter((x) => x.id !== m.id)
      setPreview(kind, null)
      Object.assign(s, { phase: 'idle', note: 'withdrawn', prepared: null, name: null })
      return true
    } catch (e) {
      fail(kind, e, 'withdraw')
      return false
    }
  }

  /** The picture to show for a kind: uploaded on this visit, or the server's file through a link. */
  function thumbnail(kind: string): string | null {
    const m = byKind.value[kind]
    if (!m || !m.content_type.startsWith('image/')) return null
    return states[kind]?.preview ?? links[m.id] ?? null
  }

  /** Stops what is still uploading and frees the thumbnails (the page is being left). */
  function dispose(): void {
    for (const t of tasks.values()) t.cancel()
    for (const s of Object.values(states)) if (s.preview) URL.revokeObjectURL(s.preview)
  }

  return { materials, loaded, loadFailure, byKind, busy, state, view, load, pick, send, retry, cancel, withdraw, thumbnail, dispose }
}

export type Materials = ReturnType<typeof useMaterials>
