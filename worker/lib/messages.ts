// Every message a person can read in an API error, in zh-CN (default) and en.

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

type Catalog = Record<string, { 'zh-CN': string; en: string }>;

const messages = {
  // Error codes of the contract (api.md).
  invalid_json: { 'zh-CN': '请求正文必须是有效的 JSON。', en: 'The request body must be valid JSON.' },
  validation_failed: {
    'zh-CN': '提交的信息有误，请检查后重试。',
    en: 'Some fields are not valid. Please check them and try again.',
  },
  unauthenticated: { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  forbidden: { 'zh-CN': '您没有权限执行此操作。', en: 'You are not allowed to do this.' },
  not_found: { 'zh-CN': '未找到请求的内容。', en: 'Not found.' },
  payload_too_large: { 'zh-CN': '请求内容过大。', en: 'The request is too large.' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试。', en: 'Too many attempts. Please try again later.' },
  unavailable: { 'zh-CN': '服务繁忙，请稍后重试。', en: 'The service is busy. Please try again shortly.' },
  internal: { 'zh-CN': '服务器出错了，请稍后重试。', en: 'Something went wrong on our side. Please try again.' },
  bad_request: { 'zh-CN': '无法处理此请求。', en: 'This request cannot be processed.' },
  cross_origin: { 'zh-CN': '拒绝来自其他网站的请求。', en: 'Requests from other sites are refused.' },
  invalid_code: { 'zh-CN': '验证码不正确。', en: 'The code is not correct.' },
  code_expired: { 'zh-CN': '验证码已失效，请重新获取。', en: 'The code has expired. Please request a new one.' },
  invalid_credentials: { 'zh-CN': '邮箱或密码不正确。', en: 'The email or password is not correct.' },
  email_taken: { 'zh-CN': '该邮箱已被使用。', en: 'This email is already in use.' },
  cannot_change_self: {
    'zh-CN': '不能停用自己的账号或更改自己的角色，请由另一位管理员操作。',
    en: 'You cannot deactivate your own account or change your own role: another admin can.',
  },
  password_wrong: { 'zh-CN': '当前密码不正确。', en: 'The current password is not correct.' },
  organization_exists: { 'zh-CN': '已有同名机构。', en: 'An organization with this name already exists.' },

  // Field messages used by the validation schemas.
  field_required: { 'zh-CN': '此项为必填项。', en: 'This field is required.' },
  field_type: { 'zh-CN': '格式不正确。', en: 'This value has the wrong type.' },
  field_invalid: { 'zh-CN': '内容无效。', en: 'This value is not valid.' },
  cursor_invalid: {
    'zh-CN': '翻页位置无效，请从第一页重新开始。',
    en: 'This page position is not valid; start again from the first page.',
  },
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
  emergency_needs_blood_type: {
    'zh-CN': '加入应急献血名单需先填写血型。',
    en: 'Joining the emergency donor list needs your blood type.',
  },
  emergency_needs_district: {
    'zh-CN': '加入应急献血名单需先填写所在区县。',
    en: 'Joining the emergency donor list needs your district.',
  },
  organization_required: {
    'zh-CN': '非管理员账号必须属于一个机构。',
    en: 'Staff other than admins belong to an organization.',
  },
  profile_changed: {
    'zh-CN': '资料刚被另一处修改，请刷新后重试。',
    en: 'Your profile was just changed elsewhere. Please reload and try again.',
  },
  organization_unknown: { 'zh-CN': '机构不存在。', en: 'This organization does not exist.' },

  // Sign-ups.
  slot_full: { 'zh-CN': '名额已满。', en: 'This slot is full.' },
  window_full: {
    'zh-CN': '这个时段已约满，请选择其他时段。',
    en: 'This time is fully booked: please choose another.',
  },
  window_required: {
    'zh-CN': '请选择一个预约时段。',
    en: 'Please choose a time to come.',
  },
  window_unknown: {
    'zh-CN': '该场次没有这个预约时段，请重新选择。',
    en: 'This session has no such time: please choose one of its times.',
  },
  window_not_offered: {
    'zh-CN': '该场次不分预约时段。',
    en: 'This session has no appointment times.',
  },
  already_registered: { 'zh-CN': '您已报名该项目。', en: 'You have already signed up for this.' },
  too_many_sign_ups: {
    'zh-CN': '您已有 4 个尚未开始的报名或候补。请先参加或取消其中一个，再报名新的场次。',
    en: 'You already hold 4 sign-ups or waiting places for sessions still to come. Attend or cancel one first.',
  },
  registration_closed: { 'zh-CN': '报名已截止。', en: 'Sign-up for this is closed.' },
  already_cancelled: { 'zh-CN': '该报名已取消。', en: 'This sign-up is already cancelled.' },
  already_checked_in: { 'zh-CN': '已签到，不能取消。', en: 'Already checked in.' },
  not_cancellable: { 'zh-CN': '该报名不能再取消。', en: 'This sign-up can no longer be cancelled.' },
  move_waitlisted: {
    'zh-CN': '候补中的报名不能改期：有人取消时会按顺序自动转为正式名额。',
    en: 'A place on the waiting list cannot be moved: it becomes a seat by itself, in turn, when someone cancels.',
  },
  move_checked_in: { 'zh-CN': '已签到，不能改期。', en: 'Already checked in: it cannot be moved.' },
  not_movable: { 'zh-CN': '该报名不能再改期。', en: 'This sign-up can no longer be moved.' },
  other_campaign: {
    'zh-CN': '只能改到同一活动的其他场次或时段。',
    en: 'A sign-up can move only to another session or time of the same campaign.',
  },
  same_place: {
    'zh-CN': '您的报名已在这个场次和时段，无需改期。',
    en: 'Your sign-up is already for this session and time.',
  },
  idempotency_key_reused: {
    'zh-CN': '该请求编号已用于另一项操作。',
    en: 'This Idempotency-Key was already used for another request.',
  },
  ineligible: { 'zh-CN': '很抱歉，您暂不符合报名条件。', en: 'Sorry, you cannot sign up for this.' },
  ineligible_age: {
    'zh-CN': '年龄需在 {min}–{max} 周岁之间（活动当天您 {age} 周岁）。',
    en: 'Age must be {min}–{max} (you will be {age} on the day).',
  },
  ineligible_women_only: { 'zh-CN': '本活动仅限女性参加。', en: 'This is for women only.' },
  ineligible_men_only: { 'zh-CN': '本活动仅限男性参加。', en: 'This is for men only.' },
  ineligible_weight: { 'zh-CN': '献血者体重需不低于 {min} 公斤。', en: 'Donors must weigh at least {min} kg.' },
  ineligible_interval: {
    'zh-CN': '距上次献血间隔不足，{next} 起可再次献血。',
    en: 'Too soon after your last donation: you can give again from {next}.',
  },
  answer_required: { 'zh-CN': '请回答此问题。', en: 'Please answer this question.' },
  answer_unknown: { 'zh-CN': '活动没有这个问题。', en: 'This campaign has no such question.' },
  id_number_invalid: {
    'zh-CN': '身份证号码无效，请检查后重新输入。',
    en: 'This ID number is not valid. Please check it.',
  },
  id_number_required: { 'zh-CN': '献血报名需要填写身份证号码。', en: 'Blood donation sign-up needs your ID number.' },
  id_number_not_saved: {
    'zh-CN': '没有找到以前登记的身份证号码，请填写。',
    en: 'No ID number is saved from an earlier sign-up. Please type it.',
  },
  id_number_typed_and_saved: {
    'zh-CN': '请填写身份证号码或使用上次登记的号码，二者选一。',
    en: 'Type an ID number or use the saved one, not both.',
  },
  birth_date_required: { 'zh-CN': '请填写出生日期。', en: 'Please give your birth date.' },
  gender_required: { 'zh-CN': '请选择性别。', en: 'Please give your gender.' },
  weight_required: { 'zh-CN': '献血报名需要填写体重。', en: 'Blood donation sign-up needs your weight.' },
  weight_invalid: { 'zh-CN': '体重需在 20–300 公斤之间。', en: 'Weight must be between 20 and 300 kg.' },
  contact_phone_not_own: {
    'zh-CN': '联系人须是您本人：请填写您登录所用的手机号码。',
    en: 'The contact is you: give the phone number you signed in with.',
  },
  seats_invalid: { 'zh-CN': '团体名额需为 1 到 50 个。', en: 'A team holds 1 to 50 seats.' },
  group_full: { 'zh-CN': '该团体的名额已全部报满。', en: 'Every seat of this team is taken.' },
  group_closed: { 'zh-CN': '该团体的报名已截止。', en: 'Joining this team is closed.' },
  hold_limit_reached: {
    'zh-CN': '您为团体预留的名额已达上限（共 50 个），更多名额请联系活动主办方。',
    en: 'You already hold the most seats one person may (50 in all); ask the organizer for more.',
  },
  group_exists: {
    'zh-CN': '您已为该场次预留了团体名额，邀请链接在"我的团体"中。',
    en: 'You already hold seats for a team here; its invitation link is under "My teams".',
  },
  group_name_taken: {
    'zh-CN': '该场次已有同名团体预留名额，如需更多名额请修改它的预留名额。',
    en: 'A team of this name already holds seats here; change its seats instead.',
  },
  seats_below_joined: {
    'zh-CN': '名额不能少于已加入的人数。',
    en: 'A team cannot hold fewer seats than members who joined.',
  },

  // Organizer input.
  age_range_invalid: { 'zh-CN': '最小年龄不能大于最大年龄。', en: 'The minimum age cannot be above the maximum.' },
  question_key_invalid: {
    'zh-CN': '问题标识须以字母开头，只含字母、数字和下划线。',
    en: 'A question key starts with a letter and has only letters, digits and _.',
  },
  question_options: {
    'zh-CN': '选择题需要 2–20 个选项，其他题型不设选项。',
    en: 'Choice questions need 2–20 options; other types have none.',
  },
  question_keys_unique: { 'zh-CN': '问题标识不能重复。', en: 'Question keys must be unique.' },
  dates_out_of_order: { 'zh-CN': '结束日期不能早于开始日期。', en: 'The end cannot be before the start.' },
  datetime_invalid: {
    'zh-CN': '请输入带时区的时间，如 2026-06-14T09:00:00+08:00。',
    en: 'Give a time with its offset, e.g. 2026-06-14T09:00:00+08:00.',
  },
  session_ends_before_start: { 'zh-CN': '结束时间必须晚于开始时间。', en: 'The end must be after the start.' },
  blood_stock_twice: {
    'zh-CN': '同一血型只能填写一次。',
    en: 'Each blood type may be given once.',
  },
  callout_id_number: { 'zh-CN': '呼吁短信中不能包含身份证号。', en: 'A call-out cannot contain an ID number.' },
  nothing_to_change: { 'zh-CN': '请至少修改一项。', en: 'Change at least one thing.' },
  session_cancelled: { 'zh-CN': '该场次已取消。', en: 'This session has been cancelled.' },
  windows_in_use: {
    'zh-CN': '已有人预约了该场次的时段：场次可以整体改时间，但不能改变时长。',
    en: 'People have booked times in this session: it can move, but not get longer or shorter.',
  },
  session_changed_meanwhile: {
    'zh-CN': '该场次刚被其他人修改或取消，请刷新后再试。',
    en: 'Someone else just changed or cancelled this session; reload and try again.',
  },
  window_minutes_invalid: {
    'zh-CN': '预约时段长度需为 5–240 分钟的整数。',
    en: 'An appointment window is a whole number of minutes from 5 to 240.',
  },
  too_many_windows: {
    'zh-CN': '一个场次最多分 48 个预约时段，请加长时段。',
    en: 'A session has at most 48 appointment windows: make them longer.',
  },
  slot_roles_unique: { 'zh-CN': '同一场次的岗位名称不能重复。', en: 'Roles within a session must differ.' },
  registration_cancelled: { 'zh-CN': '该报名已取消，不能签到。', en: 'This sign-up was cancelled: no check-in.' },
  not_confirmed: {
    'zh-CN': '此人仍在候补名单上，尚未获得名额。',
    en: 'This person is still on the waiting list, without a seat.',
  },
  wrong_campaign: {
    'zh-CN': '这不是本活动的报名：它属于「{title}」（{day}）。未签到。',
    en: 'Not a sign-up of this campaign: it is for "{title}" ({day}). Not checked in.',
  },
  wrong_session: {
    'zh-CN': '这不是本场次的报名：它属于 {day} 的另一场次。未签到。',
    en: 'Not a sign-up of this session: it is for another session on {day}. Not checked in.',
  },
  wrong_day: {
    'zh-CN': '该报名的场次在 {day}，不是今天。未签到。',
    en: 'This sign-up is for {day}, not today. Not checked in.',
  },
  already_donated: {
    'zh-CN': '此人今天已登记过一次献血，不能重复登记。',
    en: 'This person already has a donation recorded today.',
  },
  already_checked_out: {
    'zh-CN': '此人已签退，服务时长已记录。',
    en: 'Already checked out: the hours are recorded.',
  },
  not_checked_in: {
    'zh-CN': '此人尚未签到：先签到，采血后再登记献血。',
    en: 'Not checked in yet: check in first, then record the donation after the collection.',
  },
  checkout_not_checked_in: {
    'zh-CN': '此人尚未签到，不能签退。',
    en: 'Not checked in yet, so there is nothing to check out.',
  },
  no_donation: { 'zh-CN': '这份报名没有献血记录。', en: 'This sign-up has no donation recorded.' },
  already_checked_in_desk: { 'zh-CN': '此人已经签到过了。', en: 'This person has already checked in.' },
  status_not_correctable: {
    'zh-CN': '该报名当前的状态不能这样更改。',
    en: 'This sign-up cannot be changed that way from its current status.',
  },
  session_not_started: {
    'zh-CN': '活动尚未开始，不能标记为缺席。',
    en: 'The session has not started: nobody is absent yet.',
  },
  platelets_not_offered: {
    'zh-CN': '本次献血活动不采集单采血小板，只能献全血。',
    en: 'This drive collects whole blood only, not platelets.',
  },
  donation_not_blood_drive: {
    'zh-CN': '只有献血活动才能登记献血。',
    en: 'Donations are recorded at blood drives only.',
  },
  capacity_below_taken: {
    'zh-CN': '名额不能少于已确认的人数。',
    en: 'The capacity cannot be below the number already confirmed.',
  },

  // Quiz.
  already_played: {
    'zh-CN': '今天已经答过题了，明天再来吧。',
    en: 'You have already played today. Come back tomorrow.',
  },
  season_closed: { 'zh-CN': '本赛季现在不开放答题。', en: 'The season is not open for play now.' },
  already_submitted: { 'zh-CN': '本次答题已经提交过了。', en: 'This attempt has already been submitted.' },
  attempt_closed: {
    'zh-CN': '本次答题已经结束，之后的作答不再保存。',
    en: 'This attempt has ended: answers are no longer saved.',
  },
  attempt_open: {
    'zh-CN': '本次答题还没有提交，交卷后才能查看结果。',
    en: 'This attempt has not been submitted yet: its result comes after the submit.',
  },
  season_exists: { 'zh-CN': '该活动已有赛季。', en: 'This campaign already has a season.' },
  profile_locked: {
    'zh-CN': '您已参加本赛季答题，赛季结束前姓名和区县不能修改。',
    en: 'You play in a running quiz season: your name and district stay as they are until it ends.',
  },
  quiz_no_questions: {
    'zh-CN': '题库还没有题目，请稍后再来。',
    en: 'The question bank is still empty. Please come back later.',
  },
  quiz_needs_name: { 'zh-CN': '参加答题需先在个人资料中填写姓名。', en: 'Add your name to your profile to play.' },
  quiz_needs_district: {
    'zh-CN': '参加答题需先在个人资料中选择所在区县。',
    en: 'Choose your district in your profile to play.',
  },
  campaign_not_quiz: { 'zh-CN': '只有答题类活动才能设置赛季。', en: 'Only a quiz campaign can have a season.' },
  quiz_question_unknown: { 'zh-CN': '本次答题没有这道题。', en: 'This attempt has no such question.' },
  quiz_question_repeated: { 'zh-CN': '同一道题只能作答一次。', en: 'Each question can be answered once.' },
  quiz_option_unknown: { 'zh-CN': '这道题没有这个选项。', en: 'This question has no such option.' },
  quiz_import_format: {
    'zh-CN': '请上传题目 JSON 数组，或 CSV 文件（Content-Type: text/csv）。',
    en: 'Send a JSON array of questions, or a CSV file (Content-Type: text/csv).',
  },
  quiz_import_too_many: {
    'zh-CN': '一次最多导入 2000 道题，请分批导入。',
    en: 'Import at most 2,000 questions at a time.',
  },
  quiz_csv_encoding: {
    'zh-CN': '文件不是 UTF-8 编码：请在 Excel 或 WPS 中“另存为 CSV UTF-8”。',
    en: 'The file is not UTF-8: save it from Excel or WPS as "CSV UTF-8".',
  },
  quiz_csv_header: {
    'zh-CN': 'CSV 第一行须为表头：{columns}',
    en: 'The first line of the CSV must be the header: {columns}',
  },
  quiz_csv_unclosed_quote: {
    'zh-CN': '引号没有闭合：含逗号或换行的内容须放在一对英文双引号中。',
    en: 'A quote is never closed: put text with commas or line breaks between a pair of double quotes.',
  },
  quiz_csv_columns: {
    'zh-CN': '这一行有 {found} 列，表头只有 {expected} 列（含逗号的内容请加英文双引号）。',
    en: 'This line has {found} columns, the header {expected} (put text with commas between double quotes).',
  },
  quiz_row_not_object: { 'zh-CN': '这一项不是题目对象。', en: 'This item is not a question object.' },
  quiz_type_invalid: {
    'zh-CN': '题型须为 single（单选）、multiple（多选）或 truefalse（判断）。',
    en: 'The type must be single, multiple or truefalse.',
  },
  quiz_stem_invalid: { 'zh-CN': '题干须为 1 到 {max} 个字符。', en: 'The question needs 1 to {max} characters.' },
  quiz_options_count: { 'zh-CN': '选择题需要 2 到 {max} 个选项。', en: 'A choice question needs 2 to {max} options.' },
  quiz_truefalse_options: { 'zh-CN': '判断题只有两个选项。', en: 'A true/false question has two options.' },
  quiz_option_invalid: {
    'zh-CN': '选项不能为空，且不超过 {max} 个字符。',
    en: 'An option cannot be blank and has at most {max} characters.',
  },
  quiz_options_duplicate: { 'zh-CN': '选项不能重复。', en: 'Options must differ.' },
  quiz_answers_invalid: {
    'zh-CN': '答案须指向已有的选项（如 A 或 AC）。',
    en: 'The answers must name existing options (e.g. A or AC).',
  },
  quiz_multiple_answers: {
    'zh-CN': '多选题至少有两个正确答案。',
    en: 'A multiple-choice question has at least two right answers.',
  },
  quiz_one_answer: {
    'zh-CN': '单选题和判断题只有一个正确答案。',
    en: 'Single-choice and true/false questions have one right answer.',
  },
  quiz_explanation_invalid: {
    'zh-CN': '解析不能超过 {max} 个字符。',
    en: 'The explanation has at most {max} characters.',
  },
  quiz_category_invalid: { 'zh-CN': '分类不能超过 {max} 个字符。', en: 'The category has at most {max} characters.' },
  quiz_duplicate_in_file: { 'zh-CN': '与第 {line} 行的题目重复。', en: 'The same question as line {line}.' },
  quiz_duplicate_in_bank: { 'zh-CN': '题库中已有这道题。', en: 'The bank already has this question.' },

  // The live final.
  final_exists: { 'zh-CN': '本赛季已有决赛。', en: 'This season already has a final.' },
  final_no_finalists: {
    'zh-CN': '排行榜上还没有选手，无法邀请决赛选手。',
    en: 'Nobody is on the season board yet, so there is nobody to invite to a final.',
  },
  final_wrong_phase: {
    'zh-CN': '决赛当前阶段不能进行这一步，请刷新主持页面。',
    en: 'The final is not at a step where this can be done. Reload the host screen.',
  },
  final_question_unknown: { 'zh-CN': '本赛季题库中没有这道题。', en: "The season's bank has no such question." },
  final_needs_questions: { 'zh-CN': '决赛至少需要一道题。', en: 'A final needs at least one question.' },
  final_too_many_questions: { 'zh-CN': '决赛最多 50 道题。', en: 'A final has at most 50 questions.' },
  websocket_expected: {
    'zh-CN': '此地址需要 WebSocket 连接。',
    en: 'This address expects a WebSocket connection.',
  },
} satisfies Catalog;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

/** The message in a language, with `{name}` placeholders filled from `params`. */
export function t(language: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text: string = messages[key][language];
  return params ? text.replace(/\{(\w+)\}/g, (placeholder, name: string) => String(params[name] ?? placeholder)) : text;
}
