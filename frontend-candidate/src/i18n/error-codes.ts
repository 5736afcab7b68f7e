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
