// Paying an approved registration (views/payments/*). The server computes every amount, decides which round
// is paid next and talks to the payment center; the app only sends the candidate to the cashier and reads
// the orders and receipts back.
import { api, unwrap } from './client'
import type { NextPaymentView, PaymentReceipt, PaymentView } from './types'

/** Opens an order for the registration's current round (an unpaid earlier one is closed) with its cashier URL. */
export function createPayment(id: string): Promise<PaymentView> {
  return unwrap(api().POST('/api/v1/registrations/{id}/payments', { params: { path: { id } } }))
}

/** The registration's orders, newest first. */
export function listPayments(id: string): Promise<PaymentView[]> {
  return unwrap(api().GET('/api/v1/registrations/{id}/payments', { params: { path: { id } } }))
}

/**
 * The round the registration pays next (physician: skills, written, second sitting), its fee and window,
 * and why it cannot be paid now (`reason`) when `payable` is false.
 */
export function getNextPayment(id: string): Promise<NextPaymentView> {
  return unwrap(api().GET('/api/v1/registrations/{id}/payments/next', { params: { path: { id } } }))
}

/** The receipt of a paid order (409 `not_paid` when it is not, or no longer, paid). */
export function getPaymentReceipt(id: string, orderNo: string): Promise<PaymentReceipt> {
  return unwrap(
    api().GET('/api/v1/registrations/{id}/payments/{order_no}/receipt', { params: { path: { id, order_no: orderNo } } }),
  )
}
