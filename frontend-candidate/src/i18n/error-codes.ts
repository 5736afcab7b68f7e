// The one table that turns the server's error codes (problem `code` and field codes in `errors`) and the
// client's own validation codes into plain language. `{wait}` is a formatted duration (retry_after),
// `{status}` an HTTP status, `{code}` an unknown code. Avoid "@" and "|": vue-i18n treats them as syntax.

interface Text {
  'zh-CN': string
  'en-US': string
}

export const ERROR_CODES = {
  // ---- identity document
  id_type_invalid: { 'zh-CN': '请选择证件类型', 'en-US': 'Choose an ID type' },
  id_number_empty: { 'zh-CN': '请输入证件号码', 'en-US': 'Enter your ID number' },
  id_number_wrong_length: {
    'zh-CN': '证件号码位数不对，请对照证件核对',
    'en-US': 'The ID number has the wrong length for this ID type',
  },
  id_number_invalid_characters: {
    'zh-CN': '证件号码含有不允许的字符，请只输入数字和字母',
    'en-US': 'The ID number contains characters that are not allowed',
  },
  id_number_birth_date_invalid: {
    'zh-CN': '证件号码中的出生日期不存在，请核对',
    'en-US': 'The birth date inside the ID number does not exist',
  },
  id_number_birth_date_future: {
    'zh-CN': '证件号码中的出生日期晚于今天，请核对',
    'en-US': 'The birth date inside the ID number is in the future',
  },
  id_number_checksum: {
    'zh-CN': '证件号码有误（最后一位校验码不符），请逐位核对',
    'en-US': 'The ID number is wrong (its check character does not match); check each digit',
  },
  id_number_prefix: {
    'zh-CN': '证件号码与所选证件类型不符，请检查证件类型',
    'en-US': 'The ID number does not match the chosen ID type',
  },
  id_number_15_digit: {
    'zh-CN': '不支持 15 位旧身份证号，请输入 18 位身份证号',
    'en-US': 'Old 15-digit ID numbers are not accepted; enter the 18-character number',
  },
  id_number_registered: {
    'zh-CN': '该证件号码已注册，请直接登录；忘记密码可通过“忘记密码”找回',
    'en-US': 'This ID number already has an account: log in, or use “Forgot password”',
  },
  // ---- name, sex, birth date
  name_length: { 'zh-CN': '姓名应为 2 至 28 个字', 'en-US': 'The name must be 2 to 28 characters long' },
  name_invalid_characters: {
    'zh-CN': '姓名只能包含汉字、字母和间隔号“·”',
    'en-US': 'The name may contain only Chinese characters, letters and the separator “·”',
  },
  name_separator: {
    'zh-CN': '间隔号“·”不能在姓名开头或结尾，也不能连续使用',
    'en-US': 'The separator “·” cannot start or end the name or be repeated',
  },
  sex_required: { 'zh-CN': '请选择性别', 'en-US': 'Choose your sex' },
  birth_date_required: { 'zh-CN': '请选择出生日期', 'en-US': 'Choose your birth date' },
  birth_date_invalid: {
    'zh-CN': '出生日期不正确（应在 1900 年之后、今天之前）',
    'en-US': 'The birth date must be after 1900 and not in the future',
  },
  // ---- contact
  phone_invalid: { 'zh-CN': '请输入正确的 11 位手机号', 'en-US': 'Enter a valid 11-digit mobile number' },
  phone_registered: {
    'zh-CN': '该手机号已被其他账号使用，请更换手机号或直接登录',
    'en-US': 'This mobile number is already used by an account: use another one or log in',
  },
  email_registered: {
    'zh-CN': '该邮箱已被其他账号使用，请更换邮箱或直接登录',
    'en-US': 'This e-mail address is already used by an account: use another one or log in',
  },
  email_invalid: { 'zh-CN': '邮箱地址格式不正确', 'en-US': 'The e-mail address is not valid' },
  email_required_for_verification: {
    'zh-CN': '通过邮箱验证时必须填写邮箱',
    'en-US': 'Enter the e-mail address the code was sent to',
  },
  target_required: { 'zh-CN': '请输入手机号或邮箱', 'en-US': 'Enter your mobile number or e-mail address' },
  login_required: {
    'zh-CN': '请输入证件号码或手机号',
    'en-US': 'Enter your ID number or mobile number',
  },
  // ---- password
  password_required: { 'zh-CN': '请输入密码', 'en-US': 'Enter your password' },
  password_length: { 'zh-CN': '密码长度应为 8 至 20 位', 'en-US': 'The password must be 8 to 20 characters' },
  password_needs_letter_and_digit: {
    'zh-CN': '密码须同时包含字母和数字',
    'en-US': 'The password needs at least one letter and one digit',
  },
  password_invalid_characters: {
    'zh-CN': '密码只能使用英文字母、数字和英文符号',
    'en-US': 'The password may contain only English letters, digits and symbols',
  },
  password_mismatch: { 'zh-CN': '两次输入的密码不一致', 'en-US': 'The two passwords do not match' },
  // ---- verification codes
  code_required: { 'zh-CN': '请输入验证码', 'en-US': 'Enter the verification code' },
  code_format: { 'zh-CN': '验证码为 6 位数字', 'en-US': 'The code has 6 digits' },
  code_invalid: {
    'zh-CN': '验证码不正确，请核对或重新获取',
    'en-US': 'The verification code is wrong; check it or ask for a new one',
  },
  code_expired: {
    'zh-CN': '验证码已过期，请重新获取',
    'en-US': 'The verification code has expired; ask for a new one',
  },
  code_attempts_exceeded: {
    'zh-CN': '验证码输错次数过多，请重新获取',
    'en-US': 'Too many wrong codes; ask for a new one',
  },
  code_resend_too_soon: {
    'zh-CN': '验证码发送太频繁，请 {wait}后再获取',
    'en-US': 'Codes are sent at most once a minute; try again in {wait}',
  },
  code_limit_reached: {
    'zh-CN': '今天获取验证码的次数过多，请 {wait}后再试',
    'en-US': 'Too many codes for this number; try again in {wait}',
  },
  // ---- privacy notice
  privacy_not_accepted: {
    'zh-CN': '请阅读并同意个人信息保护政策',
    'en-US': 'Read and accept the privacy notice',
  },
  privacy_version_outdated: {
    'zh-CN': '个人信息保护政策已更新，请刷新页面后重新阅读并同意',
    'en-US': 'The privacy notice has changed: reload the page, read it and accept it again',
  },
  // ---- login and session
  invalid_credentials: {
    'zh-CN': '账号或密码不正确',
    'en-US': 'The ID number / mobile number or the password is wrong',
  },
  login_throttled: {
    'zh-CN': '密码错误次数过多，请 {wait}后再试，或用验证码立即解锁',
    'en-US': 'Too many wrong passwords: try again in {wait}, or unlock now with a code',
  },
  account_disabled: {
    'zh-CN': '账号已被停用，请联系考区考务机构',
    'en-US': 'This account is disabled; contact the exam office',
  },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  token_invalid: { 'zh-CN': '登录已失效，请重新登录', 'en-US': 'Your session has ended; log in again' },
  token_revoked: { 'zh-CN': '登录已失效，请重新登录', 'en-US': 'Your session has ended; log in again' },
  session_revoked: { 'zh-CN': '登录已失效，请重新登录', 'en-US': 'Your session has ended; log in again' },
  refresh_token_invalid: { 'zh-CN': '登录已失效，请重新登录', 'en-US': 'Your session has ended; log in again' },
  refresh_token_expired: { 'zh-CN': '登录已过期，请重新登录', 'en-US': 'Your session has expired; log in again' },
  refresh_token_reused: {
    'zh-CN': '为保护账号安全已退出登录，请重新登录',
    'en-US': 'You were logged out to protect your account; log in again',
  },
  not_a_candidate: {
    'zh-CN': '当前登录的不是考生账号，请用考生账号登录',
    'en-US': 'This is not a candidate account; log in as a candidate',
  },
  forbidden: { 'zh-CN': '没有权限进行此操作', 'en-US': 'You are not allowed to do this' },
  // ---- registration form (backend/core/src/registration/validate.rs and the submit checks)
  required: { 'zh-CN': '此项为必填项，请填写', 'en-US': 'This is required' },
  text_length: { 'zh-CN': '内容太长，最多 100 个字', 'en-US': 'Too long: at most 100 characters' },
  text_invalid_characters: {
    'zh-CN': '含有不能识别的字符，请重新输入',
    'en-US': 'Contains characters that are not allowed; type it again',
  },
  field_code_invalid: {
    'zh-CN': '代码格式不正确（只能包含字母、数字和 - _ .）',
    'en-US': 'This code is malformed (letters, digits and - _ . only)',
  },
  invalid_value: { 'zh-CN': '所选内容无效，请重新选择', 'en-US': 'This value is not valid; choose again' },
  date_in_future: { 'zh-CN': '日期不能晚于今天', 'en-US': 'The date cannot be after today' },
  dates_out_of_order: {
    'zh-CN': '结束日期应晚于开始日期（如毕业时间应晚于入学时间），请核对',
    'en-US': 'The end date must come after the start date (e.g. graduation after enrolment)',
  },
  postal_code_invalid: { 'zh-CN': '邮政编码应为 6 位数字', 'en-US': 'The postal code has 6 digits' },
  study_years_range: { 'zh-CN': '学制应为 1 至 10 年', 'en-US': 'Years of study must be 1 to 10' },
  years_range: { 'zh-CN': '年限应为 0 至 60 年', 'en-US': 'The number of years must be 0 to 60' },
  internship_months_range: {
    'zh-CN': '实习月数应为 0 至 60 个月',
    'en-US': 'Internship months must be 0 to 60',
  },
  unit_conflict: {
    'zh-CN': '已从单位库选择了单位，不能再手工填写单位名称',
    'en-US': 'An employer from the list is already chosen; do not also type one',
  },
  section_not_applicable: {
    'zh-CN': '这部分内容不适用于所报考试，请刷新页面后重试',
    'en-US': 'This part does not apply to this exam; reload the page',
  },
  specialty_code_format: { 'zh-CN': '专业代码应为 3 位数字', 'en-US': 'The specialty code has 3 digits' },
  subject_duplicate: { 'zh-CN': '同一科目不能重复选择', 'en-US': 'A subject was chosen twice' },
  subjects_empty: { 'zh-CN': '请至少选择一个科目', 'en-US': 'Choose at least one subject' },
  subject_already_passed: {
    'zh-CN': '该科目去年已通过，成绩滚动有效，今年不需再考',
    'en-US': 'You passed this subject last year; it carries over and cannot be taken again',
  },
  probation_too_short: {
    'zh-CN': '试用期不满 12 个月，暂不符合报考条件',
    'en-US': 'The probation is shorter than 12 months, which the exam requires',
  },
  internship_too_short: {
    'zh-CN': '临床实习不足 8 个月，暂不符合报考条件',
    'en-US': 'The clinical internship is shorter than the 8 months required',
  },
  graduation_after_exam_year: {
    'zh-CN': '预计毕业时间不能晚于考试年度',
    'en-US': 'The expected graduation cannot be after the exam year',
  },
  specialty_unknown: {
    'zh-CN': '本次考试没有这个专业，请重新选择',
    'en-US': 'This exam session has no such specialty; choose again',
  },
  subject_unknown: {
    'zh-CN': '所选科目不属于该专业，请重新选择',
    'en-US': 'A chosen subject does not belong to this specialty; choose again',
  },
  site_unknown: { 'zh-CN': '考点不存在或不在本考区，请重新选择', 'en-US': 'Unknown exam site; choose again' },
  point_unknown: {
    'zh-CN': '报名点不存在或不属于所选考点，请重新选择',
    'en-US': 'Unknown registration point for this site; choose again',
  },
  level_mismatch: {
    'zh-CN': '报考级别与所选专业不一致，请重新选择',
    'en-US': 'The level does not match the chosen specialty; choose again',
  },
  level_not_offered: {
    'zh-CN': '所选类别没有这个级别，请重新选择',
    'en-US': 'This category is not offered at this level; choose again',
  },
  session_unknown: { 'zh-CN': '该考试不存在或未开放报名', 'en-US': 'This exam session does not exist or is not open' },
  version_conflict: {
    'zh-CN': '报名表已在其他页面或设备上修改，已重新加载，请检查后再继续',
    'en-US': 'The form was changed elsewhere and has been reloaded; check it and continue',
  },
  registration_locked: {
    'zh-CN': '报名表已提交，不能再修改',
    'en-US': 'This form has been submitted and can no longer be changed',
  },
  registration_window_closed: {
    'zh-CN': '不在报名时间内，不能报名或修改报名表',
    'en-US': 'Registration is not open now: forms cannot be started or changed',
  },
  correction_window_closed: {
    'zh-CN': '退回修改的期限已过，不能再修改',
    'en-US': 'The time for corrections has passed: the form can no longer be changed',
  },
  field_not_returned: {
    'zh-CN': '该项未被退回，不能修改',
    'en-US': 'This field was not returned for correction and cannot be changed',
  },
  material_not_returned: {
    'zh-CN': '该材料未被退回，不能重新上传',
    'en-US': 'This material was not returned and cannot be uploaded again',
  },
  registration_not_withdrawable: {
    'zh-CN': '该报名已审核完成或已撤销，不能撤销',
    'en-US': 'This registration has been decided or already withdrawn and cannot be withdrawn',
  },
  locale_unknown: { 'zh-CN': '不支持该语言', 'en-US': 'That language is not available' },
  reason_too_long: { 'zh-CN': '撤销原因最多 200 字', 'en-US': 'The reason can be at most 200 characters long' },
  registration_exists: {
    'zh-CN': '您已报名该考试，请在“我的报名”中继续',
    'en-US': 'You already registered for this exam; continue under “My registrations”',
  },
  fee_no_rule: { 'zh-CN': '收费标准中没有对应的项目', 'en-US': 'No fee rule matches' },
  fee_ambiguous: { 'zh-CN': '收费标准有重复的项目', 'en-US': 'Several fee rules match' },
  fee_overflow: { 'zh-CN': '费用超出范围', 'en-US': 'The fee is out of range' },
  fee_nothing_to_charge: { 'zh-CN': '尚未选择科目', 'en-US': 'No subject chosen yet' },
  fee_negative_amount: { 'zh-CN': '收费标准有误', 'en-US': 'The fee table is wrong' },
  // ---- payment (backend/app/src/payments)
  registration_not_approved: {
    'zh-CN': '报名审核通过后才能缴费',
    'en-US': 'You can pay once your registration has been approved',
  },
  already_paid: {
    'zh-CN': '您已缴费成功，无需重复缴费',
    'en-US': 'You have already paid; there is nothing more to pay',
  },
  round_not_eligible: {
    'zh-CN': '下一阶段的费用暂时不能缴纳（如医师资格考试笔试费须在技能考试成绩公布后缴纳），请留意通知',
    'en-US': 'The next round cannot be paid yet (for example, the written exam after the skills result); watch for notices',
  },
  payment_window_not_open: {
    'zh-CN': '缴费还没有开始，请在缴费时间内再来缴费',
    'en-US': 'Payment has not opened yet; come back when it opens',
  },
  payment_window_closed: {
    'zh-CN': '缴费时间已截止，不能再缴费',
    'en-US': 'Payment has closed; the fee can no longer be paid',
  },
  fee_unavailable: {
    'zh-CN': '暂时无法确定应缴金额，请联系报名点或考点',
    'en-US': 'The amount to pay cannot be determined; contact your registration point or exam site',
  },
  not_paid: {
    'zh-CN': '该订单尚未支付成功（或已退款），没有缴费凭证',
    'en-US': 'This order has not been paid (or was refunded), so there is no receipt',
  },
  payment_center_unavailable: {
    'zh-CN': '支付平台暂时无法连接，没有扣款，请稍后重试',
    'en-US': 'The payment service cannot be reached right now; nothing was charged, try again shortly',
  },
  // ---- material uploads (backend/app/src/materials; core/src/files): the file as a whole
  upload_interrupted: {
    'zh-CN': '上传中断了，文件没有传完整，请重新上传',
    'en-US': 'The upload was interrupted before the whole file arrived; upload it again',
  },
  material_kind_unknown: {
    'zh-CN': '没有这种材料，请刷新页面后重试',
    'en-US': 'There is no such kind of material; reload the page and try again',
  },
  file_too_large: {
    'zh-CN': '文件太大（最大 10 MB），请压缩或重新拍摄后上传',
    'en-US': 'The file is too large (at most 10 MB); compress it or take the picture again',
  },
  file_type_not_allowed: {
    'zh-CN': '文件格式不支持，请上传 JPG、PNG 图片或 PDF 文件',
    'en-US': 'This file type is not accepted; upload a JPG or PNG picture or a PDF',
  },
  file_active_content: {
    'zh-CN': 'PDF 文件含有脚本等动态内容，不能上传；请另存为普通 PDF 或拍照上传',
    'en-US': 'The PDF contains scripts or other active content; save it as a plain PDF or upload a photo instead',
  },
  file_empty: { 'zh-CN': '文件是空的，请重新选择', 'en-US': 'The file is empty; choose it again' },
  file_corrupt: {
    'zh-CN': '文件已损坏或无法打开，请重新拍摄或选择其他文件',
    'en-US': 'The file is damaged or cannot be opened; take the picture again or choose another file',
  },
  image_too_many_pixels: {
    'zh-CN': '图片像素太多，请缩小图片或重新拍摄后上传',
    'en-US': 'The picture has too many pixels; make it smaller or take it again',
  },
  // ---- supplementary materials (backend/app/src/supplements): the diploma a nurse fresh graduate owes once paid
  no_supplement: {
    'zh-CN': '这份报名无需补充材料',
    'en-US': 'This registration needs no supplementary documents',
  },
  supplement_window_not_open: {
    'zh-CN': '补充材料填报尚未开始，请在填报时间内上传和提交',
    'en-US': 'Supplementary documents are not open yet; upload and submit them during the set period',
  },
  supplement_window_closed: {
    'zh-CN': '补充材料填报已截止，不能再上传或提交',
    'en-US': 'The period for supplementary documents has ended; nothing can be uploaded or submitted',
  },
  supplement_not_editable: {
    'zh-CN': '补充材料已提交或已审核，不能再修改',
    'en-US': 'The supplementary documents were submitted or reviewed and can no longer be changed',
  },
  material_kind_not_supplementary: {
    'zh-CN': '这种材料不属于补充材料，请刷新页面后重试',
    'en-US': 'This kind of document is not a supplementary one; reload the page and try again',
  },
  material_missing: {
    'zh-CN': '还没有上传，请上传后再提交',
    'en-US': 'Not uploaded yet; upload it before submitting',
  },
  // resubmitting a returned registration: `materials.<kind>` the reviewer returned has no new file yet
  material_not_replaced: {
    'zh-CN': '审核退回了这项材料，还没有重新上传，请重新上传后再提交',
    'en-US': 'The reviewer returned this document and it has not been uploaded again; upload it again before submitting',
  },
  // ---- the candidate's photo (core/src/files/photo.rs: 295×413 px or more, 5:7 ± 6 %, 10 KiB – 2 MiB, white background)
  photo_not_jpeg: {
    'zh-CN': '证件照须为 JPG（JPEG）格式',
    'en-US': 'The photo must be a JPG (JPEG) file',
  },
  photo_too_small: {
    'zh-CN': '照片尺寸太小，宽不少于 295 像素、高不少于 413 像素',
    'en-US': 'The photo is too small: at least 295 pixels wide and 413 pixels high',
  },
  photo_wrong_aspect: {
    'zh-CN': '照片宽高比例不对，应为 5:7 的竖版照片（如 295×413 像素），请裁剪后重新上传',
    'en-US': 'The photo has the wrong proportions: it must be upright 5:7 (e.g. 295 × 413 pixels); crop it and upload again',
  },
  photo_file_too_small: {
    'zh-CN': '照片文件太小（不足 10 KB），可能不够清晰，请重新拍摄',
    'en-US': 'The photo file is too small (under 10 KB) and may not be sharp enough; take it again',
  },
  photo_file_too_large: {
    'zh-CN': '照片文件太大（超过 2 MB），请压缩后重新上传',
    'en-US': 'The photo file is too large (over 2 MB); compress it and upload again',
  },
  photo_background_not_white: {
    'zh-CN': '照片背景不是白色，请在白色背景前重新拍摄',
    'en-US': 'The photo background is not white; take it again in front of a white background',
  },
  photo_undecodable: {
    'zh-CN': '照片无法识别（文件损坏或编码不支持），请重新拍摄或另存为普通 JPG 后上传',
    'en-US': 'The photo cannot be read (damaged or an unsupported encoding); take it again or save it as a plain JPG',
  },
  storage_unavailable: {
    // uploading or reading a material's file: the object store cannot be reached
    'zh-CN': '材料存储服务暂时无法连接，已填写的报名信息不受影响，请稍后再试',
    'en-US': 'The file storage cannot be reached right now; what you have filled in is not affected, try again shortly',
  },
  // ---- throttling and server state
  too_many_requests: {
    'zh-CN': '操作太频繁，请 {wait}后再试',
    'en-US': 'Too many requests; try again in {wait}',
  },
  rate_limited: { 'zh-CN': '操作太频繁，请 {wait}后再试', 'en-US': 'Too many requests; try again in {wait}' },
  validation_failed: {
    'zh-CN': '填写的内容有误，请按提示修改',
    'en-US': 'Some entries need fixing; see the messages below each field',
  },
  not_found: { 'zh-CN': '要找的内容不存在或已删除', 'en-US': 'This no longer exists' },
  already_exists: { 'zh-CN': '该记录已存在', 'en-US': 'This already exists' },
  concurrent_update: {
    'zh-CN': '内容已被更新，请刷新后再操作',
    'en-US': 'This was changed in the meantime; reload and try again',
  },
  invalid_path: {
    'zh-CN': '页面地址有误，请从首页重新进入',
    'en-US': 'This page address is wrong; start again from the home page',
  },
  invalid_query: {
    'zh-CN': '页面地址有误，请刷新页面后重试',
    'en-US': 'This page address is wrong; reload the page and try again',
  },
  malformed_json: {
    'zh-CN': '提交的内容无法识别，请刷新页面后重试',
    'en-US': 'The request could not be read; reload the page and try again',
  },
  unknown_field: {
    'zh-CN': '页面版本过旧，请刷新页面后重试',
    'en-US': 'This page is out of date; reload it and try again',
  },
  invalid_body: {
    'zh-CN': '提交的内容不完整，请刷新页面后重试',
    'en-US': 'The request was incomplete; reload the page and try again',
  },
  unsupported_media_type: {
    'zh-CN': '提交方式有误，请刷新页面后重试',
    'en-US': 'The request was sent the wrong way; reload the page and try again',
  },
  payload_too_large: { 'zh-CN': '提交的内容过大', 'en-US': 'What you sent is too large' },
  request_timeout: { 'zh-CN': '请求超时，请重试', 'en-US': 'The request timed out; try again' },
  internal_error: {
    'zh-CN': '系统繁忙，请稍后重试',
    'en-US': 'Something went wrong on our side; try again shortly',
  },
  database_unavailable: {
    'zh-CN': '系统繁忙，请稍后重试',
    'en-US': 'The service is busy; try again shortly',
  },
  // ---- failures without a server code
  network: {
    'zh-CN': '网络连接失败，请检查网络后重试',
    'en-US': 'Could not reach the server; check your connection and try again',
  },
  http_error: {
    'zh-CN': '服务暂时不可用（{status}），请稍后重试',
    'en-US': 'The service is unavailable right now ({status}); try again shortly',
  },
  unknown_code: {
    'zh-CN': '操作没有成功，请稍后重试（错误代码 {code}）',
    'en-US': 'That did not work; try again later (error code {code})',
  },
  unexpected: {
    'zh-CN': '页面出现问题，请刷新后重试',
    'en-US': 'Something went wrong on this page; reload it and try again',
  },
} satisfies Record<string, Text>

export type ErrorCode = keyof typeof ERROR_CODES

export function isKnownCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code)
}

/** The table as vue-i18n messages for one locale: `errors.<code>`. */
export function errorMessages(locale: keyof Text): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [code, text] of Object.entries(ERROR_CODES)) out[code] = text[locale]
  return out
}
