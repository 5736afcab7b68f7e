// The one table of API error codes (problem+json `code`) and field error codes (`errors: {field: [codes]}`),
// in every language of the console. `{minutes}` / `{seconds}` come from `retry_after`.
export type Locale = 'zh-CN' | 'en-US'
type Row = Record<Locale, string>

export const ERROR_CODES: Record<string, Row> = {
  invalid_credentials: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password.' },
  totp_required: { 'zh-CN': '请输入身份验证器中的 6 位动态码', 'en-US': 'Enter the 6-digit code from your authenticator app.' },
  totp_invalid: { 'zh-CN': '动态码错误或已使用，请等待下一个动态码', 'en-US': 'The code is wrong or already used; wait for the next one.' },
  enrolment_token_invalid: { 'zh-CN': '绑定已过期，请重新登录', 'en-US': 'The enrolment has expired; log in again.' },
  account_locked: {
    'zh-CN': '连续登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试或联系管理员',
    'en-US': 'Too many failed logins: the account is locked. Try again in {minutes} min or ask an administrator.',
  },
  account_disabled: { 'zh-CN': '账户已停用，请联系管理员', 'en-US': 'The account is disabled; ask an administrator.' },
  too_many_requests: { 'zh-CN': '请求过于频繁，请 {seconds} 秒后再试', 'en-US': 'Too many requests; try again in {seconds} s.' },
  rate_limited: { 'zh-CN': '请求过于频繁，请 {seconds} 秒后再试', 'en-US': 'Too many requests; try again in {seconds} s.' },
  login_throttled: { 'zh-CN': '登录尝试过于频繁，请 {seconds} 秒后再试', 'en-US': 'Too many login attempts; try again in {seconds} s.' },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please log in.' },
  token_invalid: { 'zh-CN': '登录已失效，请重新登录', 'en-US': 'Your session has expired; log in again.' },
  token_revoked: { 'zh-CN': '登录已退出，请重新登录', 'en-US': 'Your session has ended; log in again.' },
  refresh_token_invalid: { 'zh-CN': '登录已失效，请重新登录', 'en-US': 'Your session has expired; log in again.' },
  refresh_token_expired: { 'zh-CN': '登录已过期，请重新登录', 'en-US': 'Your session has expired; log in again.' },
  refresh_token_reused: { 'zh-CN': '登录凭据被重复使用，会话已终止，请重新登录', 'en-US': 'A session token was reused, so the session was ended; log in again.' },
  session_revoked: { 'zh-CN': '会话已被终止，请重新登录', 'en-US': 'The session was ended; log in again.' },
  forbidden: { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You are not allowed to do this.' },
  not_staff: { 'zh-CN': '此账户不是工作人员账户', 'en-US': 'This is not a staff account.' },
  not_found: { 'zh-CN': '记录不存在或不在您的数据范围内', 'en-US': 'Not found or not in your scope.' },
  invalid_path: { 'zh-CN': '记录不存在或不在您的数据范围内', 'en-US': 'Not found or not in your scope.' },
  invalid_query: { 'zh-CN': '查询条件无效', 'en-US': 'The filter is not valid.' },
  validation_failed: { 'zh-CN': '输入有误，请检查标红的字段', 'en-US': 'Some fields are not valid; check the marked fields.' },
  malformed_json: { 'zh-CN': '请求格式错误', 'en-US': 'The request was malformed.' },
  unknown_field: { 'zh-CN': '请求包含未知字段', 'en-US': 'The request contained an unknown field.' },
  invalid_body: { 'zh-CN': '请求内容无效', 'en-US': 'The request was not valid.' },
  unsupported_media_type: { 'zh-CN': '请求格式不受支持', 'en-US': 'Unsupported request format.' },
  file_too_large: { 'zh-CN': '文件超过服务器允许的大小', 'en-US': 'The file is larger than the server accepts.' },
  upload_interrupted: { 'zh-CN': '上传中断，请重新上传', 'en-US': 'The upload was interrupted; upload the file again.' },
  conflict: { 'zh-CN': '数据已被他人修改，请刷新后重试', 'en-US': 'Someone else changed this; refresh and try again.' },
  version_conflict: {
    'zh-CN': '其他人已处理此报名，您的决定没有保存，请刷新后查看',
    'en-US': 'Someone else decided this registration; your decision was not saved. Refresh to see it.',
  },
  not_at_your_level: { 'zh-CN': '此报名当前不在您的审核级别，不能作出决定', 'en-US': 'This registration is not waiting at your review level.' },
  registration_not_pending: { 'zh-CN': '此报名当前不在待审核状态', 'en-US': 'This registration is not waiting for a decision.' },
  review_window_closed: { 'zh-CN': '您所在级别的审核时间未开始或已结束', 'en-US': 'The review window of your level is not open.' },
  level_not_in_chain: { 'zh-CN': '您的审核级别不在此考试的审核流程中', 'en-US': 'Your review level is not part of this exam’s review chain.' },
  blocking_findings: {
    'zh-CN': '有阻断性核验问题，须说明原因后才能作出决定',
    'en-US': 'It has blocking findings: a decision needs a reason to override them.',
  },
  payment_in_progress: {
    'zh-CN': '此报名已有进行中或已完成的缴费订单，不能重新打开审核',
    'en-US': 'A payment order of this registration is open or paid, so its review cannot be reopened.',
  },
  payment_center_unavailable: {
    'zh-CN': '支付中心暂时无法提供对账单，请稍后再试',
    'en-US': 'The payment center could not provide the statement; try again later.',
  },
  no_national_import: {
    'zh-CN': '此考试还没有导入国网数据，请先导入国网导出文件再比对',
    'en-US': 'No national export has been loaded for this exam yet; load one before running the comparison.',
  },
  already_filed: {
    'zh-CN': '此人已有一份有效的试用期考核证明，请修改或撤销原证明，不能重复备案',
    'en-US': 'This person already has a current probation certificate: change or revoke it instead of filing another.',
  },
  certificate_number_taken: { 'zh-CN': '此证明编号已被其他证明使用', 'en-US': 'Another certificate already has this certificate number.' },
  filing_revoked: { 'zh-CN': '此证明已撤销，不能再修改或撤销，请刷新列表', 'en-US': 'This certificate is revoked and cannot be changed any more; refresh the list.' },
  anomaly_not_open: {
    'zh-CN': '此异常已被处理或已不再出现，不能再次处理，请刷新列表',
    'en-US': 'This anomaly is already resolved or no longer found, so it cannot be resolved again; refresh the list.',
  },
  registration_not_correctable: {
    'zh-CN': '此报名当前不能更正（草稿、已退回或审核不通过的报名不能更正），请刷新后查看',
    'en-US': 'This registration cannot be corrected now (drafts, returned and rejected ones cannot); refresh to see it.',
  },
  not_archived: { 'zh-CN': '本报名所属考试尚未归档', 'en-US': 'The exam of this registration is not archived yet.' },
  no_supplement: { 'zh-CN': '此报名没有需要补充的材料', 'en-US': 'This registration owes no supplementary materials.' },
  supplement_not_submitted: {
    'zh-CN': '此补充材料当前不在待复核状态（可能已被处理），不能作出决定，请刷新后查看',
    'en-US': 'This supplement is not waiting for a re-check (it may have been decided already); refresh to see it.',
  },
  already_checked: { 'zh-CN': '此条已被其他人核验，请刷新后查看', 'en-US': 'Someone else already checked this item; refresh to see it.' },
  username_taken: { 'zh-CN': '此用户名已被使用，请换一个', 'en-US': 'This username is taken; choose another.' },
  own_account: { 'zh-CN': '不能修改或重置自己的账号，请联系其他管理员', 'en-US': 'You cannot change or reset your own account; ask another administrator.' },
  level_in_use: {
    'zh-CN': '新的审核流程去掉了仍有报名在等待审核的级别，请先处理这些报名',
    'en-US': 'The new review chain drops a level where registrations still wait; decide them first.',
  },
  session_has_registrations: {
    'zh-CN': '此考试已有考生报名，不能改回草稿',
    'en-US': 'Candidates have registered for this session, so it cannot go back to draft.',
  },
  session_archived: { 'zh-CN': '此考试已归档，不能再修改', 'en-US': 'This session is archived and cannot change any more.' },
  archive_with_the_cli: {
    'zh-CN': '归档须由运维人员使用命令 weikao archive season 完成',
    'en-US': 'Archiving is done by the operators with `weikao archive season`.',
  },
  status_change_not_allowed: {
    'zh-CN': '考试状态不能这样变更（草稿 → 已发布 → 已关闭，关闭后可重新发布）',
    'en-US': 'The status cannot change that way (draft → published → closed; a closed session can be published again).',
  },
  fee_in_use: {
    'zh-CN': '该缴费阶段已有考生下单缴费，收费标准不能再修改',
    'en-US': 'Payment of this stage has begun, so its prices cannot change.',
  },
  client_exists: { 'zh-CN': '此客户端标识已被使用，请换一个', 'en-US': 'This client id is taken; choose another.' },
  class_list_nurse_only: {
    'zh-CN': '集体报名名单只适用于护士执业资格考试的应届毕业生，请选择护士执业资格考试',
    'en-US': 'Class lists are only for the nurse exam’s fresh graduates; choose a nurse exam session.',
  },
  session_not_open: {
    'zh-CN': '此考试当前不在报名期（未发布或已关闭），不能上传名单',
    'en-US': 'This session is not open (not published, or closed), so no class list can be uploaded.',
  },
  link_expired: { 'zh-CN': '文件链接已过期，请重新打开', 'en-US': 'The file link has expired; open the file again.' },
  storage_unavailable: { 'zh-CN': '文件存储暂不可用，请稍后再试', 'en-US': 'File storage is unavailable; try again later.' },
  internal_error: { 'zh-CN': '服务器内部错误，请稍后再试', 'en-US': 'Server error; try again later.' },
  service_unavailable: { 'zh-CN': '服务暂不可用，请稍后再试', 'en-US': 'The service is unavailable; try again later.' },
  network_error: { 'zh-CN': '网络连接失败，请检查网络后重试', 'en-US': 'Network error; check the connection and try again.' },
}

export const FIELD_CODES: Record<string, Row> = {
  reason_length: { 'zh-CN': '原因须为 4–200 个字符', 'en-US': 'The reason must be 4–200 characters.' },
  required: { 'zh-CN': '必填', 'en-US': 'Required.' },
  code_invalid: { 'zh-CN': '验证码错误', 'en-US': 'Wrong code.' },
  code_expired: { 'zh-CN': '验证码已过期', 'en-US': 'The code has expired.' },
  kind: { 'zh-CN': '机构类型无效', 'en-US': 'Unknown organisation kind.' },
  mode_unknown: { 'zh-CN': '导入方式无效', 'en-US': 'Unknown import mode.' },
  on_error_unknown: { 'zh-CN': '错误处理方式无效', 'en-US': 'Unknown error handling.' },
  mapping_invalid: { 'zh-CN': '表头映射须为 JSON 对象（表头 → 列名）', 'en-US': 'The header mapping must be a JSON object (header → column).' },
  file_name_too_long: { 'zh-CN': '文件名不能超过 200 个字符', 'en-US': 'The file name may be at most 200 characters.' },
  file_empty: { 'zh-CN': '文件为空', 'en-US': 'The file is empty.' },
  file_unreadable: { 'zh-CN': '文件无法读取，请上传 CSV（UTF-8）或 XLSX 文件', 'en-US': 'The file cannot be read; upload a CSV (UTF-8) or XLSX file.' },
  headers_invalid: {
    'zh-CN': '表头不符合要求：须包含证件号码、姓名、报名状态、是否缴费',
    'en-US': 'The headers do not fit: the file needs ID number, name, status and paid columns.',
  },
  session_unknown: { 'zh-CN': '考试不存在', 'en-US': 'Unknown exam session.' },
  kind_unknown: { 'zh-CN': '异常类型无效', 'en-US': 'Unknown anomaly kind.' },
  state_unknown: { 'zh-CN': '状态无效', 'en-US': 'Unknown state.' },
  resolution_unknown: { 'zh-CN': '处理结果无效，请重新选择', 'en-US': 'Unknown resolution; choose again.' },
  note_required: { 'zh-CN': '选择“其他”时须填写备注说明', 'en-US': 'A note is required when the resolution is “other”.' },
  note_too_long: { 'zh-CN': '备注不能超过 500 个字符', 'en-US': 'The note may be at most 500 characters.' },
  page_out_of_range: { 'zh-CN': '页码超出范围', 'en-US': 'The page number is out of range.' },
  page_size_out_of_range: { 'zh-CN': '每页条数须为 1–200', 'en-US': 'The page size must be 1–200.' },
  year_out_of_range: { 'zh-CN': '年度须在 2000–2100 之间', 'en-US': 'The year must be between 2000 and 2100.' },
  reason_required: { 'zh-CN': '请至少选择一个原因', 'en-US': 'Choose at least one reason.' },
  reason_code_invalid: { 'zh-CN': '原因代码无效', 'en-US': 'A reason code is not valid.' },
  reason_code_unknown: { 'zh-CN': '原因不在原因目录中（可能已停用），请重新选择', 'en-US': 'A reason is not in the catalog (it may have been retired); choose again.' },
  comment_too_long: { 'zh-CN': '审核意见不能超过 1000 个字符', 'en-US': 'The comment may be at most 1000 characters.' },
  field_unknown: { 'zh-CN': '退回的表单内容无效', 'en-US': 'A returned form part is not valid.' },
  only_on_return: { 'zh-CN': '只有退回修改时才能指定退回内容', 'en-US': 'Parts to correct can only be given when returning.' },
  material_kind_unknown: { 'zh-CN': '材料类型无效', 'en-US': 'Unknown material kind.' },
  selection_required: { 'zh-CN': '请先选择报名', 'en-US': 'Select registrations first.' },
  selection_too_large: { 'zh-CN': '每次最多选择 500 条报名', 'en-US': 'At most 500 registrations per batch.' },
  batch_action_unsupported: { 'zh-CN': '“不通过”须逐条作出，不能批量处理', 'en-US': 'Rejections are decided one by one, not in a batch.' },
  override_reason_required: {
    'zh-CN': '忽略阻断性问题须说明原因（4–200 个字符）',
    'en-US': 'Overriding blocking findings needs a reason (4–200 characters).',
  },
  id_type_invalid: { 'zh-CN': '请选择证件类型', 'en-US': 'Choose an ID type.' },
  id_number_empty: { 'zh-CN': '请输入证件号码', 'en-US': 'Enter the ID number.' },
  id_number_wrong_length: { 'zh-CN': '证件号码位数不对，请对照证件核对', 'en-US': 'The ID number has the wrong length for this ID type.' },
  id_number_invalid_characters: {
    'zh-CN': '证件号码含有不允许的字符，请只输入数字和字母',
    'en-US': 'The ID number contains characters that are not allowed.',
  },
  id_number_birth_date_invalid: { 'zh-CN': '证件号码中的出生日期不存在，请核对', 'en-US': 'The birth date inside the ID number does not exist.' },
  id_number_birth_date_future: { 'zh-CN': '证件号码中的出生日期晚于今天，请核对', 'en-US': 'The birth date inside the ID number is in the future.' },
  id_number_checksum: {
    'zh-CN': '证件号码有误（最后一位校验码不符），请逐位核对',
    'en-US': 'The ID number is wrong (its check character does not match); check each digit.',
  },
  id_number_prefix: { 'zh-CN': '证件号码与所选证件类型不符，请检查证件类型', 'en-US': 'The ID number does not match the chosen ID type.' },
  id_number_15_digit: { 'zh-CN': '不支持 15 位旧身份证号，请输入 18 位身份证号', 'en-US': 'Old 15-digit ID numbers are not accepted; enter the 18-character number.' },
  name_length: { 'zh-CN': '姓名应为 2 至 28 个字', 'en-US': 'The name must be 2 to 28 characters long.' },
  name_invalid_characters: {
    'zh-CN': '姓名只能包含汉字、字母和间隔号“·”',
    'en-US': 'The name may contain only Chinese characters, letters and the separator “·”.',
  },
  name_separator: {
    'zh-CN': '间隔号“·”不能在姓名开头或结尾，也不能连续使用',
    'en-US': 'The separator “·” cannot start or end the name or be repeated.',
  },
  category_invalid: { 'zh-CN': '医师类别无效，请重新选择', 'en-US': 'Unknown physician category; choose again.' },
  date_invalid: { 'zh-CN': '日期无效', 'en-US': 'Not a valid date.' },
  dates_out_of_order: { 'zh-CN': '结束日期须晚于开始日期', 'en-US': 'The end date must be after the start date.' },
  ended_in_future: { 'zh-CN': '试用期尚未结束：结束日期不能晚于今天', 'en-US': 'The probation has not ended yet: the end date cannot be after today.' },
  probation_too_short: { 'zh-CN': '试用期不足一年', 'en-US': 'The probation is shorter than a year.' },
  issued_before_end: { 'zh-CN': '证明须在试用期结束后签发', 'en-US': 'The certificate must be signed after the probation ended.' },
  issued_in_future: { 'zh-CN': '签发日期不能晚于今天', 'en-US': 'The signing date cannot be after today.' },
  certificate_number_invalid: {
    'zh-CN': '证明编号须为 1–40 个字母、数字、“-”或“_”',
    'en-US': 'The certificate number must be 1–40 letters, digits, “-” or “_”.',
  },
  seal_required: {
    'zh-CN': '证明须由法定代表人签字并加盖机构公章，请确认后勾选',
    'en-US': 'The certificate must be signed by the legal representative and sealed; confirm it by ticking the box.',
  },
  institution_unknown: { 'zh-CN': '机构库中没有此机构代码', 'en-US': 'The institution library has no such institution code.' },
  not_your_institution: { 'zh-CN': '只能为本账户所属的机构备案', 'en-US': 'You can only file for your own institution.' },
  person_changed: {
    'zh-CN': '证件号码与原证明不是同一人：修改不能更换人员，请撤销后重新备案',
    'en-US': 'The ID number is not the certificate’s person: a change cannot switch people; revoke it and file anew.',
  },
  no_changes: { 'zh-CN': '新值与当前值相同，没有需要更正的内容', 'en-US': 'The new value is the same as the current one: nothing to correct.' },
  field_not_correctable: { 'zh-CN': '此字段不能更正', 'en-US': 'This field cannot be corrected.' },
  label_length: { 'zh-CN': '名称须为 1–100 个字符', 'en-US': 'The label must be 1–100 characters.' },
  target_unknown: { 'zh-CN': '适用对象无效', 'en-US': 'Unknown target.' },
  subject_invalid: { 'zh-CN': '具体内容与适用对象不符', 'en-US': 'The part does not fit the target.' },
  status_unknown: { 'zh-CN': '状态无效', 'en-US': 'Unknown status.' },
  level_not_checkable: { 'zh-CN': '此级别不能核验：须为审核流程中除最后一级以外的级别', 'en-US': 'This level cannot be checked: choose a level of the review chain but the last.' },
  org_not_in_scope: { 'zh-CN': '机构不在您的管理范围内', 'en-US': 'The organisation is not in your scope.' },
  reviewer_unknown: { 'zh-CN': '审核员不存在', 'en-US': 'Unknown reviewer.' },
  no_decisions_match: { 'zh-CN': '没有符合条件的审核通过记录，请放宽条件', 'en-US': 'No approvals match; widen the filters.' },
  username_invalid: {
    'zh-CN': '用户名须为 3–32 个字符：小写字母、数字、“_”“.”“-”，以字母开头',
    'en-US': 'The username must be 3–32 lower-case letters, digits, “_”, “.” or “-”, starting with a letter.',
  },
  display_name_length: { 'zh-CN': '姓名须为 1–50 个字符', 'en-US': 'The name must be 1–50 characters.' },
  role_unknown: { 'zh-CN': '角色无效', 'en-US': 'Unknown role.' },
  role_not_assignable: { 'zh-CN': '不能授予此角色', 'en-US': 'This role cannot be granted.' },
  level_required: { 'zh-CN': '审核员须选择审核级别', 'en-US': 'A reviewer needs a review level.' },
  level_unknown: { 'zh-CN': '审核级别无效', 'en-US': 'Unknown review level.' },
  level_does_not_match_org: { 'zh-CN': '审核级别与所属机构的级别不一致', 'en-US': 'The review level does not match the organisation’s level.' },
  level_not_for_role: { 'zh-CN': '只有审核员有审核级别', 'en-US': 'Only reviewers have a review level.' },
  scope_must_be_region: { 'zh-CN': '此角色的所属机构须为考区', 'en-US': 'This role must belong to the exam region.' },
  chain_empty: { 'zh-CN': '请至少选择一个审核级别', 'en-US': 'Choose at least one review level.' },
  chain_out_of_order: { 'zh-CN': '审核级别须按报名点 → 考点 → 考区的顺序', 'en-US': 'Review levels go registration point → exam site → exam region.' },
  chain_must_end_at_region: { 'zh-CN': '审核流程的最后一级须为考区', 'en-US': 'The review chain must end at the exam region.' },
  window_missing: { 'zh-CN': '请填写开始和结束时间', 'en-US': 'Enter when it opens and when it closes.' },
  window_incomplete: { 'zh-CN': '开始和结束时间须同时填写或同时留空', 'en-US': 'Give both ends or neither.' },
  before_registration_opens: { 'zh-CN': '不能早于报名开始时间', 'en-US': 'It cannot open before registration does.' },
  level_not_in_chain: { 'zh-CN': '此级别不在审核流程中', 'en-US': 'This level is not in the review chain.' },
  stage_unknown: { 'zh-CN': '此考试没有这个缴费阶段', 'en-US': 'The session has no such payment stage.' },
  stages_incomplete: { 'zh-CN': '须为每个缴费阶段设置缴费时间', 'en-US': 'Every payment stage needs a payment window.' },
  specialty_unknown: { 'zh-CN': '此考试没有这个专业代码', 'en-US': 'The session has no such specialty code.' },
  exam_format_unknown: { 'zh-CN': '考试形式无效', 'en-US': 'Unknown exam format.' },
  unit_unknown: { 'zh-CN': '计费方式无效', 'en-US': 'Unknown unit.' },
  amount_invalid: {
    'zh-CN': '请输入金额，例如 56.5（以元为单位，最多两位小数，不能为负数）',
    'en-US': 'Enter an amount such as 56.5 (yuan, at most two decimals, not negative).',
  },
  client_id_invalid: {
    'zh-CN': '客户端标识须为 1–64 个字母、数字、“_”或“-”',
    'en-US': 'The client id must be 1–64 letters, digits, “_” or “-”.',
  },
  scopes_required: { 'zh-CN': '请至少选择一个权限范围', 'en-US': 'Choose at least one scope.' },
  scope_unknown: { 'zh-CN': '权限范围无效', 'en-US': 'Unknown scope.' },
  origin_invalid: {
    'zh-CN': '来源格式须为 scheme://host[:port]，不含路径',
    'en-US': 'An origin is written scheme://host[:port], without a path.',
  },
  xlsx_unreadable: {
    'zh-CN': 'Excel 文件无法读取：请用表格软件另存为 .xlsx 文件后重新上传',
    'en-US': 'The Excel file cannot be read: save it again as .xlsx and upload it.',
  },
  csv_unreadable: {
    'zh-CN': 'CSV 文件无法读取：请确认是逗号分隔的文本文件，第一行为表头',
    'en-US': 'The CSV file cannot be read: it must be comma-separated text with the header on the first row.',
  },
  encoding_unsupported: {
    'zh-CN': '文件编码无法识别：请将 CSV 文件保存为 UTF-8 或 GB18030 编码',
    'en-US': 'The file’s encoding is not recognised: save the CSV as UTF-8 or GB18030.',
  },
  column_missing: { 'zh-CN': '缺少必需的列', 'en-US': 'A required column is missing.' },
  invalid_value: { 'zh-CN': '取值无效', 'en-US': 'Not a valid value.' },
  too_long: { 'zh-CN': '内容过长', 'en-US': 'Too long.' },
  not_session_year: {
    'zh-CN': '预计毕业时间不在本次考试的年度内：应届毕业生须在考试当年毕业',
    'en-US': 'The expected graduation is not in the session’s year: fresh graduates graduate in the exam’s year.',
  },
  duplicate_in_file: {
    'zh-CN': '此身份证号在文件中出现了不止一次：每名学生只能列一次',
    'en-US': 'This ID number appears more than once in the file: list each student once.',
  },
  listed_by_another_school: {
    'zh-CN': '此学生已在其他学校的名单中：请核实，确属本校的请联系对方学校从其名单中移除',
    'en-US': 'Another school already lists this student: check it; if the student is yours, ask that school to remove them.',
  },
  formula_not_allowed: {
    'zh-CN': '单元格中有公式：请复制后“粘贴为数值”再上传',
    'en-US': 'A cell holds a formula: paste the values instead and upload again.',
  },
  no_rows: { 'zh-CN': '文件中没有学生：表头下面至少要有一行', 'en-US': 'The file has no students: add at least one row under the header.' },
  too_many_rows: {
    'zh-CN': '名单人数过多：一份名单最多 5000 名学生',
    'en-US': 'Too many students: a list holds at most 5,000.',
  },
  out_of_range: { 'zh-CN': '超出允许的范围', 'en-US': 'Out of the allowed range.' },
}

/** Fallback for codes missing from the table: the HTTP status is shown. */
export const UNKNOWN_ERROR: Row = {
  'zh-CN': '操作失败（{status}）',
  'en-US': 'The request failed ({status}).',
}

/** The table as vue-i18n messages for one locale (keys `errors.codes.*`, `errors.fields.*`, `errors.unknown`). */
export function errorMessages(locale: Locale): {
  codes: Record<string, string>
  fields: Record<string, string>
  unknown: string
} {
  const pick = (table: Record<string, Row>) =>
    Object.fromEntries(Object.entries(table).map(([code, row]) => [code, row[locale]]))
  return { codes: pick(ERROR_CODES), fields: pick(FIELD_CODES), unknown: UNKNOWN_ERROR[locale] }
}
