// Every text of the citizen pages, in Chinese (the default) and English. API error messages come
// already translated: the API client sends the language with each request.
import { catalogue } from './foundation/strings.ts';
import { sharedWords } from './foundation/words.ts';

type Kind = 'blood_drive' | 'outreach' | 'cpr_training' | 'quiz';
type Status = 'confirmed' | 'waitlisted' | 'checked_in' | 'cancelled' | 'no_show';
interface Day {
  /** Only when it is not this year. */
  year: number | undefined;
  month: number;
  date: number;
  /** 0 = Sunday. */
  weekday: number;
}

const zhCN = {
  ...sharedWords['zh-CN'],
  title: '生命线',
  sectionsLabel: '主要栏目',
  navCampaigns: '活动',
  navRegistrations: '我的报名',
  navProfile: '我的资料',
  day: ({ year, month, date, weekday }: Day) =>
    `${year ? `${year}年` : ''}${month}月${date}日 周${'日一二三四五六'[weekday]}`,
  dayRange: (from: string, to: string) => `${from} 至 ${to}`,

  // Campaigns
  campaignsTitle: '报名活动',
  kindsLabel: '活动类型',
  all: '全部',
  kind: { blood_drive: '无偿献血', outreach: '义诊与筛查', cpr_training: '急救培训', quiz: '健康达人答题' } as Record<
    Kind,
    string
  >,
  empty: '暂时没有可报名的活动。',
  allCampaigns: '全部活动',
  nextSession: (when: string, venue: string) => `最近一场：${when} · ${venue}`,
  sessionCount: (count: number) => `共 ${count} 场`,
  seatsLeft: (left: number) => `剩余 ${left} 个名额`,
  seatsOf: (left: number, capacity: number) => `剩余 ${left} 个名额（共 ${capacity} 个）`,
  full: '名额已满',
  fullWaitlist: '名额已满，可加入候补',
  fullJoinWaitlist: (waiting: number) =>
    waiting > 0 ? `名额已满 — 可加入候补（已有 ${waiting} 人在等）` : '名额已满 — 可加入候补',
  sessionOver: '已开始或已结束',
  windowsLabel: '可预约的到场时段',
  windowLeft: (left: number) => (left > 0 ? `余 ${left}` : '已约满'),
  arriveWindow: '到场时段',
  arriveWindowHint: '请在所选时段内到场，免去排长队。',
  windowChoice: (time: string, left: number) => `${time}（余 ${left} 个）`,
  allWindowsFull: '所有时段都已约满。',
  signUp: '报名',
  joinWaitlist: '加入候补',
  whoMayComeTitle: '报名条件',
  sessionsTitle: '场次与名额',
  noSessions: '暂无可报名的场次。',
  donorAge: (min: number, max: number, repeatMax?: number) =>
    `年龄 ${min}–${max} 周岁${repeatMax ? `；献过血且没有不良反应的，可到 ${repeatMax} 周岁` : ''}。`,
  donorWeight: (men: number, women: number) => `体重：男性不低于 ${men} 公斤，女性不低于 ${women} 公斤。`,
  donorIntervals:
    '间隔：两次献全血至少 6 个月，两次献机采血小板至少 2 周；献血小板 4 周后可献全血，献全血 3 个月后可献血小板。',
  donorIdNumber: '报名需填写身份证号码，用于核对年龄和献血间隔；加密保存，只出现在授权组织者导出的名单中。',
  ageRange: (min?: number, max?: number) =>
    min !== undefined && max !== undefined
      ? `年龄 ${min}–${max} 周岁。`
      : min !== undefined
        ? `${min} 周岁及以上。`
        : `${max} 周岁及以下。`,
  womenOnly: '仅限女性。',
  menOnly: '仅限男性。',
  everyoneWelcome: '不限年龄和性别，欢迎报名。',
  quizToday: '今日答题',
  quizTodayIntro: '每天一次，答完立即看到得分和每道题的解析。',
  playQuiz: '开始今日答题',
  quizLeaderboard: '排行榜',

  // Sign-in
  signInTitle: '登录',
  signInIntro: '用手机号接收短信验证码登录；第一次登录会自动创建账号。',
  phone: '手机号码',
  phoneInvalid: '请输入 11 位中国大陆手机号码。',
  sendCode: '获取验证码',
  resendCode: '重新获取验证码',
  resendIn: (seconds: number) => `${seconds} 秒后可重新获取`,
  sending: '正在提交…',
  codeSent: (minutes: number) => `验证码已发送，${minutes} 分钟内有效。`,
  devCode: '开发环境验证码：',
  code: '短信验证码',
  codeFormat: '验证码为 6 位数字。',
  signIn: '登录',
  tryAgainIn: (seconds: number) => `请 ${seconds} 秒后再试。`,

  // Sign-up form
  signUpTitle: '报名',
  whatYouSignUpFor: '报名项目',
  slotNotFound: '没有找到这个报名项目，主办方可能调整了安排。',
  signUpClosed: '该场次已开始或已结束，报名已截止。',
  slotFullNoWaitlist: '名额已满，该项目不设候补。请选择其他场次。',
  willJoinWaitlist: '名额已满。提交后您将进入候补名单；有人取消时，按先后顺序自动递补，结果显示在“我的报名”中。',
  name: '姓名',
  idNumber: '身份证号码',
  idNumberHint: '用于核对年龄和献血间隔；加密保存，只出现在授权组织者导出的名单中。',
  idNumberInvalid: '身份证号码不正确，请核对（18 位，末位可能是 X）。',
  useSavedIdNumber: '使用上次登记的身份证号（已加密保存，不显示）',
  useSavedIdNumberHint: '取消勾选可填写其他身份证号。',
  birthDate: '出生日期',
  birthDateWhy: '本活动有年龄要求。',
  gender: '性别',
  female: '女',
  male: '男',
  weightKg: '体重（公斤）',
  weightRange: '体重需在 20–300 公斤之间。',
  donationKind: '献血方式',
  donation: { whole_blood: '全血', platelets: '机采血小板' },
  yes: '是',
  no: '否',
  confirmSignUp: '确认报名',
  ineligibleHelp: (organization: string) => `如有疑问，请咨询主办方：${organization}。`,
  submitAgain: '您填写的内容还在，请再点一次提交。',

  // Groups (团体献血): the copy says 团体 / "team"
  groupSignUp: '团体报名',
  groupHoldTitle: '为团体预留名额',
  groupHoldIntro:
    '为单位或团队预留名额后，您会得到一个邀请链接。请把链接发到单位的微信群，每位成员用自己的手机登录并填写本人信息报名；预留名额不代表任何人已报名。',
  groupOrganization: '单位或团队名称',
  groupContactName: '联系人姓名（您本人）',
  groupContactPhone: '联系人手机号（您登录所用的号码）',
  groupSeats: '预留名额数',
  groupSeatsHint: '1–50 个。报名截止（默认活动前 24 小时）时未被领取的名额将退回给其他人。',
  groupSeatsRange: '名额需为 1 到 50 个。',
  groupHold: '预留名额并生成邀请链接',
  groupOf: (organization: string) => `团体：${organization}`,
  groupSeatsLeft: (left: number) => `团体剩余 ${left} 个名额`,
  groupInvitationTitle: '团体报名邀请',
  groupJoined: (joined: number, seats: number) => `已加入 ${joined} 人 / 共 ${seats} 个名额`,
  groupJoinUntil: (when: string) => `加入截止：${when}`,
  groupJoin: '加入并报名',
  groupFull: '该团体的名额已全部报满。',
  groupClosed: '该团体的报名已截止。',
  groupShareTitle: '邀请成员',
  groupShareIntro: '把这个链接发给成员（例如发到微信群）。每人需用自己的手机登录报名。',
  groupLink: '邀请链接',
  groupCopy: '复制链接',
  groupCopied: '已复制，可以粘贴到微信群了。',
  groupCopyFailed: '无法自动复制，请长按链接手动复制。',
  groupShare: '分享',
  groupMembers: '已加入的成员',
  groupNoMembers: '还没有人加入。',
  myGroupsTitle: '我预留的团体名额',

  // A sign-up and its pass
  bookingCode: '预约码',
  role: '项目',
  when: '时间',
  venue: '地点',
  address: '地址',
  registrationStatus: {
    confirmed: '已确认',
    waitlisted: '候补中',
    checked_in: '已签到',
    cancelled: '已取消',
    no_show: '未到场',
  } as Record<Status, string>,
  waitingNumber: (position?: number) => (position ? `候补第 ${position} 位` : '候补中'),
  reschedule: '改期',
  rescheduleTitle: '改期',
  rescheduleIntro: '选一个新的场次或时段：新名额确认后，原来的名额才会释放；预约码不变。',
  rescheduleNow: '现在是',
  rescheduleTo: '改到',
  rescheduleNone: '这个活动暂时没有其他可改的场次或时段。',
  rescheduleConfirm: '确认改期',
  rescheduling: '正在改期…',
  rescheduled: '已改期',
  cancelRegistration: '取消报名',
  leaveWaitlist: '退出候补',
  cancelQuestion: '确定取消这次报名吗？名额会让给候补的人，取消后不能恢复。',
  leaveWaitlistQuestion: '确定退出候补吗？退出后不能恢复原来的位置。',
  confirmCancel: '确定取消',
  confirmLeave: '确定退出',
  keepRegistration: '先不取消',
  cancelling: '正在取消…',
  passTitle: '报名凭证',
  signedUp: '报名成功',
  joinedWaitlist: '已加入候补',
  showAtDesk: '到场签到时出示此二维码，或报出预约码。',
  qrLabel: (code: string) => `预约码 ${code} 的二维码`,
  registrationNotFound: '没有找到这条报名记录。',

  // My sign-ups
  myRegistrationsTitle: '我的报名',
  upcomingTitle: '即将参加',
  pastTitle: '已结束或已取消',
  noUpcoming: '暂时没有要参加的活动。',
  findCampaigns: '去看看活动',
  showCode: '出示凭证',
  viewRegistration: '查看详情',
  donationsTitle: '献血记录',
  noDonations: '还没有献血记录。在献血点签到并完成献血后，记录会显示在这里。',

  // Profile
  profileTitle: '我的资料',
  signedInAs: (phone: string) => `已登录：${phone}`,
  notSaying: '不填写',
  district: (city: string) => `所在区县（${city}）`,
  bloodDonationTitle: '献血',
  bloodType: '血型',
  bloodTypeUnknown: '不清楚',
  bloodTypeName: (type: string) => `${type} 型`,
  rhD: 'RhD（阴性或阳性）',
  rhDName: { positive: 'RhD 阳性', negative: 'RhD 阴性（熊猫血）' },
  emergencyDonor: '加入应急献血志愿者名单',
  emergencyDonorRule:
    '血库告急时（例如 B 型、O 型血紧缺），血站会按血型和所在区县联系名单上的献血者。加入需要先填写血型和所在区县，随时可以退出。',
  notificationsTitle: '短信提醒',
  reminders: '活动前一天短信提醒我',
  remindersRule: '报名成功、候补转正和场次变更的短信总会发送。',
  quizNudges: '每天晚上提醒我做“健康达人”答题',
  // Donor record and card
  donorRecordTitle: '我的献血',
  donorTotals: (count: number, ml: number) => `共献血 ${count} 次，全血 ${ml} 毫升`,
  nextEligibleTitle: '下次可以献血',
  fromToday: '今天起即可',
  fromDay: (day: string) => `${day} 起`,
  honorTitle: '全国无偿献血奉献奖',
  honorName: { bronze: '铜奖', silver: '银奖', gold: '金奖' } as Record<'bronze' | 'silver' | 'gold', string>,
  honorReached: (honor: string, count: number) => `已达到${honor}（累计 ${count} 次）。`,
  honorCounted: (count: number) => `累计 ${count} 次。`,
  honorNext: (honor: string, needed: number) => `再献 ${needed} 次可获${honor}。`,
  honorRule: '全血每 200 毫升计 1 次（400 毫升计 2 次），机采血小板每次计 1 次。',
  waiverTitle: '临床用血费用减免（山东省）',
  waiverNone: '献全血后，您本人临床用血可按献血量享受费用减免。',
  waiverLifetime: '您累计献全血已满 1000 毫升：终身免费使用临床用血，不限量。',
  waiverFiveTimes: (covered: number, until: string, then: number) =>
    `${until}前，您可免费使用临床用血 ${covered} 毫升（献血量的 5 倍）；此后可免费使用 ${then} 毫升。`,
  waiverEqual: (covered: number) => `您可免费使用临床用血 ${covered} 毫升（与献血量相等）。再次献血后 5 年内为 5 倍。`,
  donationWithVolume: (kind: string, ml: number) => `${kind} ${ml} 毫升`,
  donationCount: (count: number) => `${count} 次`,
  myDonations: '我的献血记录与电子献血证',
  donorCardTitle: '电子献血证',
  donorCardQr: '电子献血证二维码',
  cardHint: '乘公交、进景区、医院挂号时出示。二维码每几分钟自动更新，截图无效。',
  cardCheckTitle: '献血证查验',
  cardValid: '有效的电子无偿献血证',
  cardInvalid: '二维码无效或已过期。请献血者在手机上重新打开电子献血证。',
  stockTitle: '血液库存',
  stockShort: '以下血型库存不足，欢迎符合条件的市民献血。',
  stockLevel: { critical: '紧急', low: '偏低', normal: '正常', full: '充足' } as Record<
    'critical' | 'low' | 'normal' | 'full',
    string
  >,
  stockUpdated: (at: string) => `血站更新于 ${at}`,
  myTypeNeeded: (level: 'critical' | 'low', type: string) =>
    level === 'critical' ? `您的 ${type} 型血库存紧急，急需您的帮助。` : `您的 ${type} 型血库存偏低，欢迎您来献血。`,
  volunteeringTitle: '我的志愿服务',
  volunteerHours: (hours: number) => `服务时长 ${hours} 小时`,
  volunteerStars: (stars: number) => `已达到${'一二三四五'[stars - 1]}星级志愿者。`,
  volunteerNoStar: '累计服务满 120 小时可评为一星级志愿者。',
  volunteerNextStar: (star: number, hours: number) =>
    `再服务 ${Math.ceil(hours * 10) / 10} 小时可达到${'一二三四五'[star - 1]}星级。`,
  noVolunteering: '还没有服务记录。在活动现场由工作人员签到、签退后，时长会显示在这里。',
  myVolunteering: '我的志愿服务时长',
  saved: '已保存。',
  signOut: '退出登录',

  // The pass, getting there, and a returning donor's sign-up
  waitlistNext: (position?: number) =>
    `${position ? `您排在候补第 ${position} 位。` : ''}有人取消时，您会按先后顺序自动转为正式名额，并收到短信通知；转正后，这里会出现签到用的预约码和二维码。`,
  waitlistNoPass: '候补期间还不能签到，请等转正短信后再前往。',
  addToCalendar: '添加到日历',
  openMap: '在地图中查看',
  prepTitle: '献血前请注意',
  prep: ['前一天不饮酒，晚上睡个好觉。', '献血前吃清淡的饭，不要空腹，少吃油腻。', '多喝水。', '带上本人身份证。'],
  signedUpMark: '已报名',
  viewPass: '查看凭证',
  returningDonorTitle: '欢迎再次献血',
  lastDonation: (day: string, kind: string) => `上次献血：${day}（${kind}）。`,
  nextKind: (kind: string, when: string) => `${kind}：${when}`,
  sessionFine: '本场可以',
  sessionTooSoon: '本场太早',
  tooSoonForSession: (day: string) =>
    `这一场在您下次可献血的日期之前：按献血间隔规定，您这次还不能献血，报名会被拒绝。请选择 ${day} 及以后的场次。`,
};

type Strings = typeof zhCN;

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const en: Strings = {
  ...sharedWords.en,
  title: 'Lifeline',
  sectionsLabel: 'Main sections',
  navCampaigns: 'Campaigns',
  navRegistrations: 'My sign-ups',
  navProfile: 'Profile',
  day: ({ year, month, date, weekday }) =>
    `${weekdayNames[weekday]} ${date} ${monthNames[month - 1]}${year ? ` ${year}` : ''}`,
  dayRange: (from, to) => `${from} to ${to}`,

  campaignsTitle: 'Campaigns',
  kindsLabel: 'Kinds of campaign',
  all: 'All',
  kind: {
    blood_drive: 'Blood drives',
    outreach: 'Clinics & screening',
    cpr_training: 'CPR training',
    quiz: 'Health Expert quiz',
  },
  empty: 'No campaigns are open for sign-up right now.',
  allCampaigns: 'All campaigns',
  nextSession: (when, venue) => `Next: ${when} · ${venue}`,
  sessionCount: (count) => plural(count, 'session', 'sessions'),
  seatsLeft: (left) => `${plural(left, 'seat', 'seats')} left`,
  seatsOf: (left, capacity) => `${left} of ${plural(capacity, 'seat', 'seats')} left`,
  full: 'Full',
  fullWaitlist: 'Full — waiting list open',
  fullJoinWaitlist: (waiting) =>
    waiting > 0 ? `Full — join the waiting list (${waiting} waiting)` : 'Full — join the waiting list',
  sessionOver: 'Started or over',
  windowsLabel: 'Times to come',
  windowLeft: (left) => (left > 0 ? `${left} left` : 'full'),
  arriveWindow: 'Time to come',
  arriveWindowHint: 'Come within your time and skip the long queue.',
  windowChoice: (time, left) => `${time} (${left} left)`,
  allWindowsFull: 'Every time is fully booked.',
  signUp: 'Sign up',
  joinWaitlist: 'Join the waiting list',
  whoMayComeTitle: 'Who can sign up',
  sessionsTitle: 'Sessions and seats',
  noSessions: 'No sessions open yet.',
  donorAge: (min, max, repeatMax) =>
    `Age ${min} to ${max}${repeatMax ? `; up to ${repeatMax} for repeat donors who had no adverse reaction` : ''}.`,
  donorWeight: (men, women) => `Weight: at least ${men} kg for men, ${women} kg for women.`,
  donorIntervals:
    'Intervals: at least 6 months between whole-blood donations and 2 weeks between platelet donations; ' +
    'whole blood 4 weeks after platelets, platelets 3 months after whole blood.',
  donorIdNumber:
    'Sign-up asks for your ID card number to check age and intervals; ' +
    'it is stored encrypted and appears only in rosters exported by authorized organizers.',
  ageRange: (min, max) =>
    min !== undefined && max !== undefined
      ? `Age ${min} to ${max}.`
      : min !== undefined
        ? `Aged ${min} or over.`
        : `Aged ${max} or under.`,
  womenOnly: 'Women only.',
  menOnly: 'Men only.',
  everyoneWelcome: 'Open to everyone.',
  quizToday: 'Today’s quiz',
  quizTodayIntro: 'Once a day; see your score and why each answer is right as soon as you finish.',
  playQuiz: 'Play today’s quiz',
  quizLeaderboard: 'Leaderboard',

  signInTitle: 'Sign in',
  signInIntro: 'Sign in with a code sent by SMS to your phone. Your first sign-in creates your account.',
  phone: 'Mobile number',
  phoneInvalid: 'Enter an 11-digit mainland China mobile number.',
  sendCode: 'Send code',
  resendCode: 'Send a new code',
  resendIn: (seconds) => `New code in ${seconds} s`,
  sending: 'Sending…',
  codeSent: (minutes) => `Code sent. It is valid for ${minutes} minutes.`,
  devCode: 'Development code:',
  code: 'Code from the SMS',
  codeFormat: 'The code has 6 digits.',
  signIn: 'Sign in',
  tryAgainIn: (seconds) => `Try again in ${seconds} seconds.`,

  signUpTitle: 'Sign up',
  whatYouSignUpFor: 'What you are signing up for',
  slotNotFound: 'This slot was not found; the organizer may have changed the plan.',
  signUpClosed: 'This session has started or is over; sign-up is closed.',
  slotFullNoWaitlist: 'This slot is full and has no waiting list. Please choose another session.',
  willJoinWaitlist:
    'This slot is full. You will join the waiting list; ' +
    'when someone cancels, the first person waiting gets the seat automatically, as My sign-ups will show.',
  name: 'Name',
  idNumber: 'ID card number',
  idNumberHint:
    'Used to check age and donation intervals; stored encrypted, ' +
    'and appears only in rosters exported by authorized organizers.',
  idNumberInvalid: 'This ID number is not valid; please check it (18 characters, the last may be X).',
  useSavedIdNumber: 'Use the ID number from my last sign-up (stored encrypted, not shown)',
  useSavedIdNumberHint: 'Untick to type a different one.',
  birthDate: 'Birth date',
  birthDateWhy: 'This campaign has an age requirement.',
  gender: 'Gender',
  female: 'Female',
  male: 'Male',
  weightKg: 'Weight (kg)',
  weightRange: 'Weight must be between 20 and 300 kg.',
  donationKind: 'Donation type',
  donation: { whole_blood: 'Whole blood', platelets: 'Platelets (apheresis)' },
  yes: 'Yes',
  no: 'No',
  confirmSignUp: 'Confirm sign-up',
  ineligibleHelp: (organization) => `Questions? Ask the organizer: ${organization}.`,
  submitAgain: 'Your answers are kept; tap the button again.',

  // Groups: the copy says "team"
  groupSignUp: 'Team sign-up',
  groupHoldTitle: 'Hold seats for a team',
  groupHoldIntro:
    'Hold seats for your company or team and you get an invitation link. ' +
    "Send it to your team's WeChat group: each member signs in on their own phone " +
    'and signs up with their own details. Holding seats signs nobody up.',
  groupOrganization: 'Company or team name',
  groupContactName: 'Contact name (you)',
  groupContactPhone: 'Contact phone (the number you signed in with)',
  groupSeats: 'Seats to hold',
  groupSeatsHint:
    '1 to 50. Seats nobody has taken when joining closes (by default 24 hours before) go back to everyone.',
  groupSeatsRange: 'Hold 1 to 50 seats.',
  groupHold: 'Hold seats and get the link',
  groupOf: (organization) => `Team: ${organization}`,
  groupSeatsLeft: (left) => `${plural(left, 'team seat', 'team seats')} left`,
  groupInvitationTitle: 'Team sign-up invitation',
  groupJoined: (joined, seats) => `${joined} joined of ${plural(seats, 'seat', 'seats')}`,
  groupJoinUntil: (when) => `Join by ${when}`,
  groupJoin: 'Join and sign up',
  groupFull: 'Every seat of this team is taken.',
  groupClosed: 'Joining this team is closed.',
  groupShareTitle: 'Invite your team',
  groupShareIntro: 'Send this link to your team (e.g. in a WeChat group). Each member signs up on their own phone.',
  groupLink: 'Invitation link',
  groupCopy: 'Copy link',
  groupCopied: 'Copied: paste it into your WeChat group.',
  groupCopyFailed: 'Could not copy; press and hold the link to copy it.',
  groupShare: 'Share',
  groupMembers: 'Members who joined',
  groupNoMembers: 'Nobody has joined yet.',
  myGroupsTitle: 'Seats I hold for teams',

  bookingCode: 'Booking code',
  role: 'Role',
  when: 'When',
  venue: 'Where',
  address: 'Address',
  registrationStatus: {
    confirmed: 'Confirmed',
    waitlisted: 'Waiting',
    checked_in: 'Checked in',
    cancelled: 'Cancelled',
    no_show: 'Did not come',
  },
  waitingNumber: (position) => (position ? `Waiting list #${position}` : 'On the waiting list'),
  reschedule: 'Reschedule',
  rescheduleTitle: 'Reschedule',
  rescheduleIntro:
    'Choose a new session or time: your old seat is given up only once the new one is yours. ' +
    'The booking code stays the same.',
  rescheduleNow: 'Now',
  rescheduleTo: 'Move to',
  rescheduleNone: 'There is no other session or time of this campaign to move to just now.',
  rescheduleConfirm: 'Move my sign-up',
  rescheduling: 'Moving…',
  rescheduled: 'Rescheduled',
  cancelRegistration: 'Cancel sign-up',
  leaveWaitlist: 'Leave the waiting list',
  cancelQuestion: 'Cancel this sign-up? Your seat goes to the next person waiting, and this cannot be undone.',
  leaveWaitlistQuestion: 'Leave the waiting list? You cannot get your place back.',
  confirmCancel: 'Yes, cancel',
  confirmLeave: 'Yes, leave',
  keepRegistration: 'Keep it',
  cancelling: 'Cancelling…',
  passTitle: 'Pass',
  signedUp: "You're signed up",
  joinedWaitlist: "You're on the waiting list",
  showAtDesk: 'Show this QR code at the desk, or read out the booking code.',
  qrLabel: (code) => `QR code of booking code ${code}`,
  registrationNotFound: 'This sign-up was not found.',

  myRegistrationsTitle: 'My sign-ups',
  upcomingTitle: 'Coming up',
  pastTitle: 'Past and cancelled',
  noUpcoming: 'Nothing coming up.',
  findCampaigns: 'Find a campaign',
  showCode: 'Show my pass',
  viewRegistration: 'Details',
  donationsTitle: 'Donation history',
  noDonations: 'No donations recorded yet. They appear here after you give blood at a drive.',

  profileTitle: 'My profile',
  signedInAs: (phone) => `Signed in as ${phone}`,
  notSaying: 'Not given',
  district: (city) => `District (${city})`,
  bloodDonationTitle: 'Blood donation',
  bloodType: 'Blood type',
  bloodTypeUnknown: "Don't know",
  bloodTypeName: (type) => `Type ${type}`,
  rhD: 'RhD',
  rhDName: { positive: 'RhD positive', negative: 'RhD negative ("panda blood")' },
  emergencyDonor: 'Join the emergency donor list',
  emergencyDonorRule:
    'When blood stocks run short (e.g. type B or O), ' +
    'the blood centre contacts donors on this list by blood type and district. ' +
    'Joining needs your blood type and district; you can leave at any time.',
  notificationsTitle: 'Text messages',
  reminders: 'Remind me by text the day before',
  remindersRule: 'Texts about a confirmed sign-up, a seat from the waiting list or a changed session always come.',
  quizNudges: 'Nudge me each evening to play the Health Expert quiz',
  donorRecordTitle: 'My donations',
  donorTotals: (count, ml) => `${plural(count, 'donation', 'donations')}, ${ml} mL of whole blood`,
  nextEligibleTitle: 'When you may give again',
  fromToday: 'From today',
  fromDay: (day) => `From ${day}`,
  honorTitle: 'National blood donation award',
  honorName: { bronze: 'Bronze award', silver: 'Silver award', gold: 'Gold award' },
  honorReached: (honor, count) => `${honor} reached (${count} donations counted).`,
  honorCounted: (count) => `${count} donations counted.`,
  honorNext: (honor, needed) => ` ${needed} more for the ${honor.toLowerCase()}.`,
  honorRule: 'Each 200 mL of whole blood counts 1 (400 mL counts 2); each platelet donation counts 1.',
  waiverTitle: 'Free blood for your own care (Shandong)',
  waiverNone: 'Once you give whole blood, blood you need in hospital is free up to an amount set by what you gave.',
  waiverLifetime:
    'You have given 1,000 mL of whole blood or more: blood you need in hospital is free, without limit, for life.',
  waiverFiveTimes: (covered, until, then) =>
    `Until ${until}, up to ${covered} mL of blood you need in hospital is free (5× what you gave); ` +
    `after that, up to ${then} mL.`,
  waiverEqual: (covered) =>
    `Up to ${covered} mL of blood you need in hospital is free (as much as you gave). ` +
    'A new donation makes it 5× for 5 years.',
  donationWithVolume: (kind, ml) => `${kind} ${ml} mL`,
  donationCount: (count) => plural(count, 'donation', 'donations'),
  myDonations: 'My donation record and donor card',
  donorCardTitle: 'Electronic donor card',
  donorCardQr: 'Donor card QR code',
  cardHint:
    'Show it on buses, at scenic spots and at hospital registration. ' +
    'The code renews itself every few minutes; a screenshot stops working.',
  cardCheckTitle: 'Donor card check',
  cardValid: 'A valid electronic blood donor card',
  cardInvalid: 'This code is not valid or has expired. Ask the donor to open their card again on their phone.',
  stockTitle: 'Blood stock',
  stockShort: 'Some types are short: if you can give, please come.',
  stockLevel: { critical: 'critical', low: 'low', normal: 'normal', full: 'full' },
  stockUpdated: (at) => `Updated by the blood centre ${at}`,
  myTypeNeeded: (level, type) =>
    level === 'critical'
      ? `Your type, ${type}, is critically short: your donation is urgently needed.`
      : `Your type, ${type}, is running low: please come and give.`,
  volunteeringTitle: 'My volunteer hours',
  volunteerHours: (hours) => `${hours} hours of service`,
  volunteerStars: (stars) => `${stars}-star volunteer.`,
  volunteerNoStar: '120 hours of service make a 1-star volunteer.',
  volunteerNextStar: (star, hours) => `${Math.ceil(hours * 10) / 10} more hours to ${star} stars.`,
  noVolunteering: 'No service yet. When the desk checks you in and out at a session, the hours show here.',
  myVolunteering: 'My volunteer hours',
  saved: 'Saved.',
  signOut: 'Sign out',

  waitlistNext: (position) =>
    `${position ? `You are #${position} on the waiting list. ` : ''}When someone cancels, ` +
    'the first person waiting gets the seat automatically and a text tells them; ' +
    'your booking code and QR code for the desk appear here then.',
  waitlistNoPass: 'You cannot check in while waiting: please come once the text says you have a seat.',
  addToCalendar: 'Add to calendar',
  openMap: 'Open in maps',
  prepTitle: 'Before you give blood',
  prep: [
    'No alcohol the day before, and a good night’s sleep.',
    'Eat a light meal before you come: not on an empty stomach, nothing greasy.',
    'Drink plenty of water.',
    'Bring your ID card.',
  ],
  signedUpMark: 'Signed up',
  viewPass: 'View my pass',
  returningDonorTitle: 'Welcome back',
  lastDonation: (day, kind) => `Your last donation: ${day} (${kind.toLowerCase()}).`,
  nextKind: (kind, when) => `${kind}: ${when}`,
  sessionFine: 'this session is fine',
  sessionTooSoon: 'this session is too soon',
  tooSoonForSession: (day) =>
    'This session comes before you may give again: ' +
    'the donation intervals do not allow it, and the sign-up will be refused. ' +
    `Please choose a session from ${day} on.`,
};

export const strings = catalogue({ 'zh-CN': zhCN, en });
