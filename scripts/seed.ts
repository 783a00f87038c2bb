// Seeds the local D1 database with demo data when it is empty (run by `npm start`).
// Local only: it always passes --local, and the admin password below is for development.
// Extra arguments (e.g. --persist-to DIR) are passed on to `wrangler d1 execute`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, chinaDateTime, chinaDay } from '../worker/domain/china-time.ts';
import { checkRows, toBankQuestion } from '../worker/domain/quiz-import.ts';
import { hashPassword } from '../worker/lib/password.ts';
import { quizQuestions } from './quiz-questions.ts';

const ADMIN_EMAIL = 'admin@lifeline.local';
const ADMIN_PASSWORD = 'lifeline-admin';

function wrangler(args: string[]) {
  const result = spawnSync('wrangler', ['d1', 'execute', 'DB', '--local', ...process.argv.slice(2), ...args], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    process.exit(result.status ?? 1);
  }
  return result.stdout;
}

const organizationCount = JSON.parse(wrangler(['--json', '--command', 'SELECT count(*) AS n FROM organizations']));
if (organizationCount[0].results[0].n > 0) {
  console.log('Seed: the local database already has data; nothing to do.');
  process.exit(0);
}

const quote = (value: unknown): string =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number'
      ? String(value)
      : typeof value === 'boolean'
        ? value
          ? '1'
          : '0'
        : `'${String(typeof value === 'object' ? JSON.stringify(value) : value).replace(/'/g, "''")}'`;

const statements: string[] = [];
function insert(table: string, row: Record<string, unknown>) {
  const columns = Object.keys(row);
  statements.push(
    `INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => quote(row[c])).join(', ')});`,
  );
}

const today = chinaDay(Date.now());
const at = (daysFromToday: number, time: string) => chinaDateTime(addDays(today, daysFromToday), time).getTime();

const organizations = [
  { id: 'org-blood-centre', name: '聊城市中心血站', kind: 'blood_centre' },
  { id: 'org-cdc', name: '聊城市疾病预防控制中心', kind: 'cdc' },
  { id: 'org-hospital', name: '聊城市人民医院', kind: 'hospital' },
  { id: 'org-health-centre', name: '东昌府区古楼街道社区卫生服务中心', kind: 'health_centre' },
  { id: 'org-school', name: '聊城大学', kind: 'school' },
  { id: 'org-community', name: '东昌府区柳园街道办事处', kind: 'community' },
];
for (const organization of organizations) insert('organizations', organization);

insert('staff', {
  id: 'staff-admin',
  email: ADMIN_EMAIL,
  password_hash: await hashPassword(ADMIN_PASSWORD),
  role: 'admin',
  organization_id: null,
});

interface DemoSession {
  day: number;
  from: string;
  to: string;
  venue: string;
  address: string;
  slots: { role: string; capacity: number; waitlist: boolean }[];
}

interface DemoCampaign {
  id: string;
  organizationId: string;
  kind: 'blood_drive' | 'outreach' | 'cpr_training' | 'quiz';
  title: string;
  summary: string;
  description: string;
  startsOn: string;
  endsOn: string;
  status?: 'draft' | 'published';
  eligibility?: Record<string, unknown>;
  questions?: unknown[];
  sessions: DemoSession[];
}

const donorSlots = [
  { role: '献血者', capacity: 200, waitlist: true },
  { role: '志愿引导员', capacity: 10, waitlist: false },
];

const campaigns: DemoCampaign[] = [
  {
    id: 'demo-blood-drive',
    organizationId: 'org-blood-centre',
    kind: 'blood_drive',
    title: '热血聊城 · 无偿献血进社区',
    summary: '献血车走进社区、高校和企业，欢迎 18–55 周岁的健康市民参与。',
    description:
      '献血前请吃清淡早餐、睡眠充足，携带身份证。全血献血间隔不少于 6 个月，机采血小板间隔不少于 2 周。献血后可获得无偿献血证，本人及家属用血可按规定减免。',
    startsOn: addDays(today, 3),
    endsOn: addDays(today, 17),
    eligibility: { donorRules: true, platelets: true },
    questions: [
      { key: 'firstTime', label: '是否首次献血', type: 'boolean', required: true },
      {
        key: 'contactTime',
        label: '方便接听电话的时间',
        type: 'choice',
        required: true,
        options: ['上午', '下午', '晚上'],
      },
    ],
    sessions: [
      {
        day: 3,
        from: '08:30',
        to: '16:30',
        venue: '聊城市中心血站献血大厅',
        address: '东昌府区东昌东路 116 号',
        slots: donorSlots,
      },
      {
        day: 10,
        from: '09:00',
        to: '15:00',
        venue: '献血车 · 聊城大学西校区',
        address: '东昌府区湖南路 1 号',
        slots: donorSlots,
      },
      {
        day: 17,
        from: '09:00',
        to: '16:00',
        venue: '献血车 · 东昌府区人民广场',
        address: '东昌府区柳园南路人民广场东侧',
        slots: donorSlots,
      },
    ],
  },
  {
    id: 'demo-screening',
    organizationId: 'org-health-centre',
    kind: 'outreach',
    title: '免费“两癌”筛查（35–64 岁女性）',
    summary: '乳腺癌、宫颈癌免费筛查，名额有限，请按预约时间到场。',
    description:
      '筛查对象为本市户籍或常住的 35–64 岁女性。检查当天请携带身份证，避开月经期，检查前 24 小时内避免阴道用药。',
    startsOn: addDays(today, 5),
    endsOn: addDays(today, 12),
    eligibility: { gender: 'female', minAge: 35, maxAge: 64 },
    sessions: [
      {
        day: 5,
        from: '08:00',
        to: '11:30',
        venue: '古楼街道社区卫生服务中心二楼',
        address: '东昌府区古楼街道光岳路 28 号',
        slots: [{ role: '筛查', capacity: 80, waitlist: true }],
      },
      {
        day: 12,
        from: '08:00',
        to: '11:30',
        venue: '古楼街道社区卫生服务中心二楼',
        address: '东昌府区古楼街道光岳路 28 号',
        slots: [{ role: '筛查', capacity: 80, waitlist: true }],
      },
    ],
  },
  {
    id: 'demo-free-clinic',
    organizationId: 'org-hospital',
    kind: 'outreach',
    title: '健康进社区 · 专家义诊',
    summary: '心内科、内分泌科、眼科专家免费义诊，测血压血糖，并招募宣传志愿者。',
    description: '义诊现场提供血压、血糖免费检测和健康咨询。志愿者负责张贴海报、派发健康宣传单并引导居民排队。',
    startsOn: addDays(today, 6),
    endsOn: addDays(today, 6),
    questions: [{ key: 'chronic', label: '是否有高血压或糖尿病史', type: 'boolean', required: false }],
    sessions: [
      {
        day: 6,
        from: '08:30',
        to: '11:30',
        venue: '柳园街道文化广场',
        address: '东昌府区柳园街道文化广场',
        slots: [
          { role: '义诊咨询', capacity: 150, waitlist: false },
          { role: '宣传志愿者', capacity: 20, waitlist: true },
        ],
      },
    ],
  },
  {
    id: 'demo-cpr',
    organizationId: 'org-cdc',
    kind: 'cpr_training',
    title: '心肺复苏（CPR）与 AED 急救培训',
    summary: '2 小时实操培训，每人一具训练模拟人，考核合格发放培训证书。',
    description: '学习胸外按压、人工呼吸和自动体外除颤器（AED）的使用。训练模拟人数量有限，请准时到场。',
    startsOn: addDays(today, 4),
    endsOn: addDays(today, 11),
    sessions: [
      {
        day: 4,
        from: '14:00',
        to: '16:00',
        venue: '聊城大学体育馆一楼',
        address: '东昌府区湖南路 1 号',
        slots: [{ role: '学员', capacity: 30, waitlist: true }],
      },
      {
        day: 11,
        from: '09:00',
        to: '11:00',
        venue: '市疾控中心培训教室',
        address: '东昌府区建设路 89 号',
        slots: [{ role: '学员', capacity: 24, waitlist: false }],
      },
    ],
  },
  {
    id: 'demo-quiz',
    organizationId: 'org-cdc',
    kind: 'quiz',
    title: '“健康达人”知识挑战赛',
    summary: '每天答题赢积分，赛季积分前 10 名进入 12 月现场总决赛。',
    description:
      '题目涵盖传染病防治、疫苗接种、慢性病防控、急救知识和健康生活方式。每天一次机会，答得又快又准得分更高。',
    startsOn: addDays(today, -60),
    endsOn: addDays(today, 30),
    sessions: [],
  },
  {
    id: 'demo-draft-drive',
    organizationId: 'org-blood-centre',
    kind: 'blood_drive',
    title: '（草稿）春节前应急献血',
    summary: '尚未发布。',
    description: '',
    startsOn: addDays(today, 40),
    endsOn: addDays(today, 42),
    status: 'draft',
    sessions: [],
  },
];

for (const campaign of campaigns) {
  insert('campaigns', {
    id: campaign.id,
    organization_id: campaign.organizationId,
    kind: campaign.kind,
    title: campaign.title,
    summary: campaign.summary,
    description: campaign.description,
    starts_on: campaign.startsOn,
    ends_on: campaign.endsOn,
    status: campaign.status ?? 'published',
    eligibility: campaign.eligibility ?? null,
    questions: campaign.questions ?? [],
  });
  campaign.sessions.forEach((session, s) => {
    const sessionId = `${campaign.id}-s${s + 1}`;
    insert('sessions', {
      id: sessionId,
      campaign_id: campaign.id,
      starts_at: at(session.day, session.from),
      ends_at: at(session.day, session.to),
      venue: session.venue,
      address: session.address,
    });
    session.slots.forEach((slot, k) => {
      insert('slots', {
        id: `${sessionId}-slot${k + 1}`,
        session_id: sessionId,
        role: slot.role,
        capacity: slot.capacity,
        waitlist: slot.waitlist,
        sort_order: k,
      });
    });
  });
}

// The quiz campaign's season covers today, and its bank goes through the import's own checks.
const quizCampaign = campaigns.find((campaign) => campaign.kind === 'quiz')!;
insert('quiz_seasons', {
  id: 'demo-quiz-season',
  campaign_id: quizCampaign.id,
  starts_on: quizCampaign.startsOn,
  ends_on: quizCampaign.endsOn,
  questions_per_day: 5,
  time_limit_sec: 120,
  points_per_correct: 10,
});
for (const row of checkRows(quizQuestions.map((input, index) => ({ line: index + 1, input })))) {
  if ('problems' in row)
    throw new Error(
      `scripts/quiz-questions.ts, question ${row.line}: ${row.problems.map((p) => p.message).join(', ')}`,
    );
  const question = toBankQuestion(row.question, () => crypto.randomUUID());
  insert('quiz_questions', {
    id: question.id,
    season_id: 'demo-quiz-season',
    type: question.type,
    stem: question.stem,
    options: question.options,
    answer_ids: question.answerIds,
    explanation: question.explanation,
    category: question.category,
  });
}

// Citizens on the emergency donor list, so a call-out can be tried (the 199… numbers are demo
// numbers; the console sender prints their texts).
const donors = [
  { blood_type: 'O', district: '东昌府区' },
  { blood_type: 'O', district: '临清市' },
  { blood_type: 'B', district: '东昌府区' },
  { blood_type: 'B', district: '冠县' },
  { blood_type: 'A', district: '东昌府区' },
  { blood_type: 'AB', district: '高唐县' },
];
donors.forEach((donor, index) => {
  insert('people', {
    id: `demo-donor-${index + 1}`,
    phone: `1990000000${index + 1}`,
    name: `献血志愿者${index + 1}`,
    emergency_donor: 1,
    ...donor,
  });
});

const file = join(mkdtempSync(join(tmpdir(), 'lifeline-seed-')), 'seed.sql');
writeFileSync(file, statements.join('\n'));
wrangler(['--file', file]);
console.log(
  `Seed: added ${organizations.length} organizations, ${campaigns.length} campaigns, ` +
    `a quiz season of ${quizQuestions.length} questions, ${donors.length} emergency donors ` +
    `and the admin ${ADMIN_EMAIL}.`,
);
