// The registration wizard's current step per registration: the only wizard state kept on the device (in
// sessionStorage, so a reload comes back to the same step). The form itself lives on the server.
import { defineStore } from 'pinia'
import { reactive } from 'vue'
import { readJson, safeSessionStorage, writeJson } from './storage'

export const WIZARD_STEP_KEY = 'weikao.candidate.wizard-step'

function isStepMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof s === 'string')
}

export const useWizardStore = defineStore('wizard', () => {
  const steps = reactive<Record<string, string>>(readJson(safeSessionStorage(), WIZARD_STEP_KEY, isStepMap) ?? {})

  function stepOf(registrationId: string): string | undefined {
    return steps[registrationId]
  }

  function setStep(registrationId: string, step: string): void {
    steps[registrationId] = step
    writeJson(safeSessionStorage(), WIZARD_STEP_KEY, { ...steps })
  }

  function forget(registrationId: string): void {
    delete steps[registrationId]
    writeJson(safeSessionStorage(), WIZARD_STEP_KEY, Object.keys(steps).length ? { ...steps } : null)
  }

  return { stepOf, setStep, forget }
})
