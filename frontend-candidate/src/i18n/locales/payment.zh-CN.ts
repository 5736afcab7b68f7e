// Payment texts (zh-CN, default). payment.en-US.ts must have exactly these keys (`PayMessages`).
const pay = {
  title: '缴费',
  amount: '应缴金额',
  paidAmount: '已缴金额',
  yuan: '¥{amount}',
  noAmount: '暂无',
  fee: '费用明细',
  feeNone: '暂时无法计算费用，请联系报名点或考点',
  window: '{stage}缴费时间：{from} 至 {to}',
  windowUnset: '缴费时间尚未公布',
  payNow: '去支付',
  progress: '查看报名进度',
  orders: '缴费记录',
  order: {
    no: '订单号 {no}',
    createdAt: '下单时间：{at}',
    paidAt: '支付时间：{at}',
    expiresAt: '请在 {at} 前完成支付',
  },
  status: {
    created: '待支付',
    pending: '待支付',
    paid: '已支付',
    closed: '已关闭',
    expired: '已过期',
    refunding: '退款中',
    refunded: '已退款',
  },
  notice: {
    confirming: '正在确认支付结果，请稍候…',
    confirmingHint: '支付平台通常几秒内通知结果，请不要重复支付。',
    paid: '缴费成功',
    paidAt: '支付时间：{at}',
    timeout: '暂未收到支付结果。如果您已经付款，请不要重复支付，稍后点击“刷新结果”查看。',
    recheck: '刷新结果',
    open: '有一笔订单尚未完成支付（{at} 前有效）。点击“去支付”可重新发起支付。',
    ended: {
      closed: '上一笔订单已关闭，没有扣款，可以重新支付。',
      expired: '上一笔订单已过期，没有扣款，可以重新支付。',
      refunding: '上一笔付款将原路退回，可以重新支付。',
      refunded: '上一笔付款已原路退回，可以重新支付。',
    },
  },
}

export default pay
export type PayMessages = typeof pay
