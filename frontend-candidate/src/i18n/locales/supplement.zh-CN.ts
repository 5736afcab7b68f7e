// Supplementary materials texts (材料补充填报; zh-CN, default). supplement.en-US.ts must have exactly these keys
// (`SupMessages`). `{kinds}` is a list of material names ("毕业证书"), `{at}` a Beijing time.
const sup = {
  title: '补充材料',
  heading: '补充材料',
  intro: '应届毕业生缴费后，须在规定时间内补充上传毕业证书，由考区审核。',
  status: {
    pending: '待补充',
    submitted: '待考区审核',
    verified: '审核通过',
    returned: '被退回',
    rejected: '未通过',
    expired: '已逾期',
  },
  next: {
    pending: '请上传{kinds}并提交考区审核',
    returned: '补充材料被考区退回，请按退回原因重新上传{kinds}并提交',
    notOpen: '补充材料填报将于 {at} 开始，届时请上传{kinds}',
    notConfigured: '补充材料（{kinds}）的填报时间尚未公布，请留意通知',
    closed: '补充材料填报已截止，不能再上传或提交',
    submitted: '已提交，等待考区审核',
    verified: '补充材料已审核通过，无需再操作',
    rejected: '补充材料审核未通过，如有疑问请联系考区',
    expired: '没有在截止时间前提交补充材料，已逾期',
    other: '查看补充材料的办理情况',
  },
  deadline: {
    left: '截止时间：{at}（还剩 {days} 天）',
    today: '截止时间：{at}（不足 1 天，请尽快提交）',
    at: '截止时间：{at}',
  },
  reason: {
    returned: '退回原因：{reason}',
    rejected: '未通过原因：{reason}',
  },
  at: {
    submitted: '提交时间：{at}',
    decided: '审核时间：{at}',
  },
  entry: {
    pending: '去上传{kinds}',
    returned: '重新上传并提交',
    view: '查看补充材料',
  },
  block: {
    notOpen: '补充材料填报尚未开始（{at} 开始），暂时不能提交',
    notConfigured: '补充材料填报时间尚未公布，暂时不能提交',
    closed: '补充材料填报已于 {at} 截止，不能再提交',
    closedNoDate: '补充材料填报已截止，不能再提交',
    missing: '请先上传{kinds}，再提交',
    returned: '请先按退回原因重新上传{kinds}，再提交',
    uploading: '正在上传，请等上传完成后再提交',
    notEditable: '补充材料已提交或已审核，不能再修改',
  },
  materials: '需要补充的材料',
  submit: '提交考区审核',
  submitHint: '提交后由考区审核，审核期间不能修改。',
  submitted: '补充材料已提交',
  versionConflict: '补充材料的办理情况已经变化（可能已在其他页面或设备上提交），已为您重新加载，请检查后再操作。',
  missingField: '{kind}：{text}',
  none: '这份报名无需补充材料。',
  loadFailed: '暂时无法读取补充材料的办理情况。',
  homeNext: '已缴费，还须在截止时间前补充材料',
  back: '返回报名进度',
}

export default sup
export type SupMessages = typeof sup
