// Payment administration (region administrators): reconciliation runs against the payment center's statements,
// and the orders that need a person.
import { api } from './client'
import { unwrap } from './problem'
import type { PaymentAlert, ReconciliationView } from './types'

/** The latest runs, newest day first (at most 60; a day run twice appears twice). */
export function listReconciliations(): Promise<ReconciliationView[]> {
  return unwrap(api.GET('/api/v1/admin/payments/reconciliations'))
}

/** Reconciles one day (`YYYY-MM-DD`, the exam office's day); 503 `payment_center_unavailable` when the statement fails. */
export function runReconciliation(day: string): Promise<ReconciliationView> {
  return unwrap(api.POST('/api/v1/admin/payments/reconciliations', { body: { day } }))
}

export function listPaymentAlerts(): Promise<PaymentAlert[]> {
  return unwrap(api.GET('/api/v1/admin/payments/alerts'))
}
