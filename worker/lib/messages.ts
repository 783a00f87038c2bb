// Every message a person can read in an API error, in zh-CN (default) and en.

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

const messages = {
  // Error codes of the contract (api.md).
  invalid_json: { 'zh-CN': '请求正文必须是有效的 JSON。', en: 'The request body must be valid JSON.' },
  validation_failed: { 'zh-CN': '提交的信息有误，请检查后重试。', en: 'Some fields are not valid. Please check them and try again.' },
  unauthenticated: { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  forbidden: { 'zh-CN': '您没有权限执行此操作。', en: 'You are not allowed to do this.' },
  not_found: { 'zh-CN': '未找到请求的内容。', en: 'Not found.' },
  payload_too_large: { 'zh-CN': '请求内容过大。', en: 'The request is too large.' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试。', en: 'Too many attempts. Please try again later.' },
  unavailable: { 'zh-CN': '服务繁忙，请稍后重试。', en: 'The service is busy. Please try again shortly.' },
  internal: { 'zh-CN': '服务器出错了，请稍后重试。', en: 'Something went wrong on our side. Please try again.' },
  cross_origin: { 'zh-CN': '拒绝来自其他网站的请求。', en: 'Requests from other sites are refused.' },
  invalid_code: { 'zh-CN': '验证码不正确。', en: 'The code is not correct.' },
  code_expired: { 'zh-CN': '验证码已失效，请重新获取。', en: 'The code has expired. Please request a new one.' },
  invalid_credentials: { 'zh-CN': '邮箱或密码不正确。', en: 'The email or password is not correct.' },
  email_taken: { 'zh-CN': '该邮箱已被使用。', en: 'This email is already in use.' },
  organization_exists: { 'zh-CN': '已有同名机构。', en: 'An organization with this name already exists.' },

  // Field messages used by the validation schemas.
  field_required: { 'zh-CN': '此项为必填项。', en: 'This field is required.' },
  field_type: { 'zh-CN': '格式不正确。', en: 'This value has the wrong type.' },
  field_invalid: { 'zh-CN': '内容无效。', en: 'This value is not valid.' },
  field_too_short: { 'zh-CN': '内容太短。', en: 'This value is too short.' },
  field_too_long: { 'zh-CN': '内容太长。', en: 'This value is too long.' },
  field_choice: { 'zh-CN': '请从可选项中选择。', en: 'Please choose one of the allowed values.' },
  field_unknown: { 'zh-CN': '不支持此字段。', en: 'This field is not allowed.' },
  phone_invalid: { 'zh-CN': '请输入 11 位中国大陆手机号码。', en: 'Enter an 11-digit mainland China mobile number.' },
  otp_format: { 'zh-CN': '验证码为 6 位数字。', en: 'The code has 6 digits.' },
  email_invalid: { 'zh-CN': '请输入有效的邮箱地址。', en: 'Enter a valid email address.' },
  password_too_short: { 'zh-CN': '密码至少需要 10 个字符。', en: 'The password needs at least 10 characters.' },
  name_invalid: { 'zh-CN': '姓名需为 1 到 40 个字符。', en: 'A name has 1 to 40 characters.' },
  date_invalid: { 'zh-CN': '请输入有效日期（YYYY-MM-DD）。', en: 'Enter a valid date (YYYY-MM-DD).' },
  birth_date_range: { 'zh-CN': '出生日期不合理。', en: 'This birth date is not plausible.' },
  district_unknown: { 'zh-CN': '请选择本市的区县。', en: "Choose one of the city's districts." },
  emergency_needs_blood_type: { 'zh-CN': '加入应急献血名单需先填写血型。', en: 'Joining the emergency donor list needs your blood type.' },
  emergency_needs_district: { 'zh-CN': '加入应急献血名单需先填写所在区县。', en: 'Joining the emergency donor list needs your district.' },
  organization_required: { 'zh-CN': '非管理员账号必须属于一个机构。', en: 'Staff other than admins belong to an organization.' },
  organization_unknown: { 'zh-CN': '机构不存在。', en: 'This organization does not exist.' },
} satisfies Catalog;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

export function t(language: Language, key: MessageKey): string {
  return messages[key][language];
}
