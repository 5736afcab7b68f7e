import type { PayMessages } from './payment.zh-CN'

const pay: PayMessages = {
  title: 'Payment',
  amount: 'Amount to pay',
  paidAmount: 'Amount paid',
  yuan: '¥{amount}',
  noAmount: 'Not available',
  fee: 'Fee details',
  feeNone: 'The fee cannot be computed right now; contact your registration point or exam site',
  window: '{stage}: pay from {from} to {to}',
  windowUnset: 'The payment period has not been announced yet',
  payNow: 'Pay now',
  progress: 'Registration progress',
  orders: 'Payments',
  order: {
    no: 'Order {no}',
    createdAt: 'Created {at}',
    paidAt: 'Paid {at}',
    expiresAt: 'Pay before {at}',
  },
  status: {
    created: 'Unpaid',
    pending: 'Unpaid',
    paid: 'Paid',
    closed: 'Closed',
    expired: 'Expired',
    refunding: 'Being refunded',
    refunded: 'Refunded',
  },
  notice: {
    confirming: 'Confirming your payment…',
    confirmingHint: 'The payment service usually reports back within seconds; do not pay twice.',
    paid: 'Payment received',
    paidAt: 'Paid {at}',
    timeout: 'No result from the payment service yet. If you have paid, do not pay again: tap “Check again” in a while.',
    recheck: 'Check again',
    open: 'An order is waiting to be paid (valid until {at}). Tap “Pay now” to pay again.',
    ended: {
      closed: 'The last order was closed and nothing was charged; you can pay again.',
      expired: 'The last order expired and nothing was charged; you can pay again.',
      refunding: 'The last payment is being refunded; you can pay again.',
      refunded: 'The last payment was refunded; you can pay again.',
    },
  },
}

export default pay
