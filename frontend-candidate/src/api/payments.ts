// Paying an approved registration (views/payments/*). The server computes every amount and talks to the
// payment center; the app only sends the candidate to the cashier and reads the orders back.
import { api, unwrap } from './client'
import type { PaymentView } from './types'

/** Opens an order for the registration's current round (an unpaid earlier one is closed) with its cashier URL. */
export function createPayment(id: string): Promise<PaymentView> {
  return unwrap(api().POST('/api/v1/registrations/{id}/payments', { params: { path: { id } } }))
}

/** The registration's orders, newest first. */
export function listPayments(id: string): Promise<PaymentView[]> {
  return unwrap(api().GET('/api/v1/registrations/{id}/payments', { params: { path: { id } } }))
}
