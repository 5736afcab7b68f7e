// Whether paying and uploading work right now, for the pages that pay or upload. Read when the page mounts
// (unless `immediate: false`) and again on `refresh()` (the notices' "check again"). Never throws: when the
// status itself cannot be read it is unknown, nothing is shown, and the real request's own error handling
// speaks if it fails.
import { computed, getCurrentInstance, onMounted, ref, shallowRef, type ComputedRef, type Ref } from 'vue'
import { getServiceStatus } from '@/api/service-status'
import type { ServiceStatus } from '@/api/types'

export type ServiceName = 'payments' | 'uploads'

export interface ServiceStatusState {
  /** The last status read; null while unknown (not read yet, or the read failed). */
  status: Readonly<Ref<ServiceStatus | null>>
  /** A read is under way. */
  checking: Readonly<Ref<boolean>>
  /** Known to be unavailable (false while unknown). */
  paymentsDown: ComputedRef<boolean>
  uploadsDown: ComputedRef<boolean>
  isDown(service: ServiceName): boolean
  /** Reads the status again; resolves (never rejects) once it is known or unknown. */
  refresh(): Promise<void>
}

export function useServiceStatus(opts: { immediate?: boolean } = {}): ServiceStatusState {
  const status = shallowRef<ServiceStatus | null>(null)
  const checking = ref(false)
  let seq = 0

  async function refresh(): Promise<void> {
    const mine = ++seq
    checking.value = true
    let next: ServiceStatus | null
    try {
      next = await getServiceStatus()
    } catch {
      next = null
    }
    // an older read that answers late does not overwrite a newer one
    if (mine !== seq) return
    status.value = next
    checking.value = false
  }

  const isDown = (service: ServiceName): boolean => status.value?.[service]?.available === false
  if (opts.immediate !== false && getCurrentInstance()) onMounted(refresh)
  return {
    status,
    checking,
    paymentsDown: computed(() => isDown('payments')),
    uploadsDown: computed(() => isDown('uploads')),
    isDown,
    refresh,
  }
}
