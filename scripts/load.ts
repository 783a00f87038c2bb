// `npm run load`: drives `wrangler dev` (a fresh local D1 of its own, on a free port) the way the
// busiest days would, then checks the data. Prints figures; it does not time-assert anything.
//
//  1. World Blood Donor Day: hundreds of phones sign in with an SMS code and sign up at once for
//     a blood drive's few slots (most with a waiting list); some press the button twice (the
//     same Idempotency-Key, in parallel), some try again without one, many cancel while others
//     are still signing up, and some cancel twice at once.
//  2. A quiz evening: thousands of players start the day's challenge and submit it; some start
//     twice or submit twice at once. They are signed in already (their logins are written to
//     the database before the server starts, as in bench/sign-up.ts): the burst has the sign-ins.
//  3. The integrity check, read from the database once the server has stopped.
//
// Phones come from a pool of client addresses (cf-connecting-ip), several phones to an address as
// behind a carrier's NAT, so the production rate limits stay on and are met the way real crowds
// meet them. LOAD_PHONES, LOAD_PLAYERS, LOAD_ADDRESSES, LOAD_BURST and LOAD_QUIZ_CONCURRENCY
// change the sizes.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDay } from '../worker/domain/china-time.ts';
import { hashPassword } from '../worker/lib/password.ts';
import { quizQuestions } from './quiz-questions.ts';

const WRANGLER = 'node_modules/wrangler/bin/wrangler.js';
const PHONES = Number(process.env.LOAD_PHONES ?? 600);
const PLAYERS = Number(process.env.LOAD_PLAYERS ?? 2000);
const ADDRESSES = Number(process.env.LOAD_ADDRESSES ?? 400);
/** Phones in flight at once on the drive's morning; quiz players come in a steadier stream. */
const BURST = Number(process.env.LOAD_BURST ?? 200);
const QUIZ_CONCURRENCY = Number(process.env.LOAD_QUIZ_CONCURRENCY ?? 32);
const ADMIN = { email: 'load-admin@lifeline.local', password: 'load-test-admin-password' };
/** The blood drive's slots: 360 seats for 600 phones, so waiting lists fill and one slot turns people away. */
const SLOTS = [
  { startsAt: 'T08:30:00+08:00', endsAt: 'T11:30:00+08:00', capacity: 120, waitlist: true },
  { startsAt: 'T13:00:00+08:00', endsAt: 'T16:00:00+08:00', capacity: 120, waitlist: true },
  { startsAt: 'T18:00:00+08:00', endsAt: 'T20:00:00+08:00', capacity: 80, waitlist: true },
  { startsAt: 'T20:00:00+08:00', endsAt: 'T21:00:00+08:00', capacity: 40, waitlist: false },
];

// ── The server ────────────────────────────────────────────────────────────────────────────────

function wrangler(args: string[]) {
  const result = spawnSync(process.execPath, [WRANGLER, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const DISTRICTS = ['东昌府区', '茌平区', '临清市', '阳谷县', '莘县', '东阿县', '冠县', '高唐县'];
const playerToken = (i: number) => `load-player-${i}`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The admin who sets up the campaigns, and the quiz players with a profile and a live login. */
async function startingData() {
  const lines = [
    `INSERT INTO staff (id, email, password_hash, role)
     VALUES ('load-admin', '${ADMIN.email}', '${await hashPassword(ADMIN.password)}', 'admin');`,
  ];
  const expires = Date.now() + 86_400_000;
  for (let i = 0; i < PLAYERS; i++) {
    lines.push(
      `INSERT INTO people (id, phone, name, district)
       VALUES ('player-${i}', '13${800_000_000 + i}', '选手${i}', '${DISTRICTS[i % DISTRICTS.length]}');`,
      `INSERT INTO logins (token_hash, person_id, expires_at)
       VALUES ('${sha256(playerToken(i))}', 'player-${i}', ${expires});`,
    );
  }
  return lines.join('\n');
}

async function startServer(state: string) {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
  const sqlFile = join(state, 'people.sql');
  writeFileSync(sqlFile, await startingData());
  wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', sqlFile]);
  // Served from a bundle made first, as `wrangler deploy` would make it: wrangler dev reloads the
  // Worker when a source file changes, which would drop requests in flight mid-run.
  if (!existsSync('dist/web/index.html'))
    spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { stdio: 'ignore' });
  const bundle = join(state, 'bundle');
  wrangler(['deploy', '--dry-run', '--outdir', bundle]);
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      join(bundle, 'index.js'),
      '--config',
      'wrangler.toml',
      '--no-bundle',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      state,
      '--env-file',
      'local.env',
      '--log-level',
      'warn',
      '--show-interactive-dev-session=false',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  // Keep only the end of the server's output, for when it fails.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    for (const line of chunk.toString().split('\n'))
      if (line.includes('"event":"error"') && errorLogs.length < 5) errorLogs.push(line.trim());
  };
  server.stdout.on('data', keep);
  server.stderr.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      if (server.exitCode === null) process.kill(-server.pid!, 'SIGTERM');
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    process.kill(-server.pid!, 'SIGTERM');
    await exited;
  };
  return { baseUrl, stop, output: () => output };
}

// ── Requests and their figures ────────────────────────────────────────────────────────────────

interface Sample {
  label: string;
  status: number;
  ms: number;
}

const samples: Sample[] = [];
/** The first few 5xx bodies, and the Worker's first error logs, to show what went wrong. */
const serverErrors: string[] = [];
const errorLogs: string[] = [];
let baseUrl = '';

interface Call {
  body?: unknown;
  method?: string;
  cookie?: string;
  address: string;
  headers?: Record<string, string>;
}

/** One request; a failed connection counts as status 0. */
async function call(label: string, path: string, options: Call) {
  const headers: Record<string, string> = { 'cf-connecting-ip': options.address, ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const started = performance.now();
  try {
    const response = await fetch(baseUrl + path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    samples.push({ label, status: response.status, ms: performance.now() - started });
    if (response.status >= 500 && serverErrors.length < 5)
      serverErrors.push(`${label} ${response.status}: ${text.slice(0, 300)}`);
    let body: any = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { text };
    }
    return { status: response.status, body, headers: response.headers };
  } catch (error) {
    samples.push({ label, status: 0, ms: performance.now() - started });
    return { status: 0, body: { error: { code: String(error) } }, headers: new Headers() };
  }
}

/** Runs `task` for every item, at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function report(title: string, phase: Sample[], seconds: number) {
  const byLabel = new Map<string, Sample[]>();
  for (const sample of phase) byLabel.set(sample.label, [...(byLabel.get(sample.label) ?? []), sample]);
  const all = phase.map((s) => s.ms).sort((a, b) => a - b);
  console.log(
    `\n${title}: ${phase.length} requests in ${seconds.toFixed(1)} s = ` +
      `${(phase.length / seconds).toFixed(0)} requests/s, ` +
      `p50 ${percentile(all, 0.5).toFixed(0)} ms, p99 ${percentile(all, 0.99).toFixed(0)} ms`,
  );
  console.log('| request | count | p50 ms | p99 ms | answers by status |');
  console.log('|---|---|---|---|---|');
  for (const [label, list] of byLabel) {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    const statuses = new Map<number, number>();
    for (const s of list) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    const answers = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}: ${n}`)
      .join(', ');
    const [p50, p99] = [percentile(sorted, 0.5).toFixed(0), percentile(sorted, 0.99).toFixed(0)];
    console.log(`| ${label} | ${list.length} | ${p50} | ${p99} | ${answers} |`);
  }
  const failures = phase.filter((s) => s.status === 0 || s.status >= 500).length;
  console.log(`5xx and failed connections: ${failures}`);
  for (const line of [...serverErrors.splice(0), ...errorLogs.splice(0)]) console.log(`  ${line}`);
  return failures;
}

// ── People ────────────────────────────────────────────────────────────────────────────────────

const phoneOf = (i: number) => `13${900_000_000 + i}`;
const addressOf = (i: number) => `10.${(i % ADDRESSES) >> 8}.${(i % ADDRESSES) & 255}.1`;
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

/** A valid resident ID number (GB 11643 check character) of someone aged 20 to 50. */
function idNumber(i: number) {
  const year = 1977 + (i % 30);
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  const body = `371502${year}${twoDigits(1 + (i % 12))}${twoDigits(1 + (i % 28))}${String(i % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, k) => total + Number(digit) * weights[k]!, 0);
  return body + '10X98765432'[sum % 11];
}

/** Signs a phone in through the real SMS-code flow (the code comes back with EXPOSE_DEV_OTP). */
async function signIn(i: number): Promise<string | undefined> {
  const address = addressOf(i);
  const sent = await call('POST /api/auth/otp', '/api/auth/otp', { body: { phone: phoneOf(i) }, address });
  if (sent.status !== 202) return undefined;
  const verified = await call('POST /api/auth/verify', '/api/auth/verify', {
    body: { phone: phoneOf(i), code: sent.body.devCode },
    address,
  });
  if (verified.status !== 200) return undefined;
  return verified.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

// ── Setting up, as an organizer would ─────────────────────────────────────────────────────────

async function setUp() {
  const address = '192.0.2.1';
  const login = await call('setup', '/api/admin/auth/login', { body: ADMIN, address });
  const cookie = login.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const organization = await call('setup', '/api/admin/organizations', {
    body: { name: '聊城市中心血站', kind: 'blood_centre' },
    cookie,
    address,
  });
  const organizationId = organization.body.organization.id as string;

  const year = new Date().getUTCFullYear() + 1;
  const day = `${year}-06-14`; // World Blood Donor Day
  const drive = await call('setup', '/api/admin/campaigns', {
    cookie,
    address,
    body: {
      kind: 'blood_drive',
      title: '世界献血者日 · 热血聊城',
      description: '6 月 14 日全城献血。',
      startsOn: `${year}-06-01`,
      endsOn: `${year}-06-30`,
      organizationId,
      status: 'published',
    },
  });
  const campaignId = drive.body.campaign.id as string;
  const slotIds: string[] = [];
  for (const slot of SLOTS) {
    const session = await call('setup', `/api/admin/campaigns/${campaignId}/sessions`, {
      cookie,
      address,
      body: {
        startsAt: day + slot.startsAt,
        endsAt: day + slot.endsAt,
        venue: '东昌府区献血屋',
        address: '东昌东路 1 号',
        slots: [{ role: '献血者', capacity: slot.capacity, waitlist: slot.waitlist }],
      },
    });
    slotIds.push(session.body.session.slots[0].id);
  }

  const today = chinaDay(Date.now());
  const quiz = await call('setup', '/api/admin/campaigns', {
    cookie,
    address,
    body: {
      kind: 'quiz',
      title: '健康达人',
      description: '每日一答。',
      startsOn: today,
      endsOn: today,
      organizationId,
      status: 'published',
    },
  });
  const season = await call('setup', '/api/admin/quiz/seasons', {
    cookie,
    address,
    body: { campaignId: quiz.body.campaign.id, startsOn: today, endsOn: today, questionsPerDay: 5, timeLimitSec: 120 },
  });
  const seasonId = season.body.season.id as string;
  await call('setup', `/api/admin/quiz/seasons/${seasonId}/questions`, { cookie, address, body: quizQuestions });
  if (samples.some((s) => s.label === 'setup' && s.status >= 300)) throw new Error('setting up the campaigns failed');
  return { campaignId, slotIds, seasonId };
}

// ── World Blood Donor Day ─────────────────────────────────────────────────────────────────────

/** What the phones were told: every registration id a 201 named, and the ones a cancel confirmed. */
const booked = new Map<string, { slotId: string; status: string }>();
const cancelled = new Set<string>();
const problems: string[] = [];

async function donorDay(i: number, slotIds: string[]) {
  const address = addressOf(i);
  const cookie = await signIn(i);
  if (!cookie) return;
  // Most want the morning; the evening's two slots take the rest.
  const slotId = slotIds[Math.random() < 0.6 ? Math.floor(Math.random() * 2) : 2 + Math.floor(Math.random() * 2)]!;
  const path = `/api/slots/${slotId}/registrations`;
  const body = { name: `献血者${i}`, idNumber: idNumber(i), weightKg: 55 + (i % 25) };
  const headers = { 'idempotency-key': crypto.randomUUID() };
  const label = 'POST /api/slots/:id/registrations';
  // One in ten presses twice: both copies must get the same answer.
  const copies = await Promise.all(
    Array.from({ length: Math.random() < 0.1 ? 2 : 1 }, () => call(label, path, { body, cookie, address, headers })),
  );
  const [first] = copies;
  if (
    copies.some((copy) => JSON.stringify(copy.body) !== JSON.stringify(first!.body) || copy.status !== first!.status)
  ) {
    problems.push(`phone ${i}: two copies of one Idempotency-Key got different answers`);
  }
  if (first!.status !== 201) return;
  const registration = first!.body.registration as { id: string; status: string };
  booked.set(registration.id, { slotId, status: registration.status });

  // Some try again without a key: one active sign-up per person and slot.
  if (Math.random() < 0.15) await call(label, path, { body, cookie, address });
  // A third cancel while the crowd is still signing up; some tap cancel twice at once.
  if (Math.random() < 0.33) {
    const cancels = await Promise.all(
      Array.from({ length: Math.random() < 0.2 ? 2 : 1 }, () =>
        call('POST /api/registrations/:id/cancel', `/api/registrations/${registration.id}/cancel`, {
          method: 'POST',
          cookie,
          address,
        }),
      ),
    );
    if (cancels.filter((answer) => answer.status === 200).length > 1) problems.push(`phone ${i}: cancelled twice`);
    if (cancels.some((answer) => answer.status === 200)) cancelled.add(registration.id);
  }
}

// ── A quiz evening ────────────────────────────────────────────────────────────────────────────

let submitted = 0;

async function quizEvening(i: number, seasonId: string) {
  const address = addressOf(PHONES + i);
  const cookie = `lifeline_session=${playerToken(i)}`;
  const startLabel = 'POST /api/quiz/seasons/:id/attempts';
  const starts = await Promise.all(
    Array.from({ length: Math.random() < 0.05 ? 2 : 1 }, () =>
      call(startLabel, `/api/quiz/seasons/${seasonId}/attempts`, { method: 'POST', cookie, address }),
    ),
  );
  const started = starts.find((answer) => answer.status === 201 || answer.status === 200);
  if (!started) return;
  if (new Set(starts.map((answer) => answer.body.attempt?.id)).size !== 1)
    problems.push(`player ${i}: two attempts for one day`);
  const attempt = started.body.attempt as {
    id: string;
    questions: { id: string; type: string; options: { id: string }[] }[];
  };
  const answers = attempt.questions.map((question) => ({
    questionId: question.id,
    optionIds:
      question.type === 'multiple'
        ? question.options
            .filter(() => Math.random() < 0.5)
            .map((o) => o.id)
            .slice(0, 3)
        : [pick(question.options).id],
  }));
  const submits = await Promise.all(
    Array.from({ length: Math.random() < 0.05 ? 2 : 1 }, () =>
      call('POST /api/quiz/attempts/:id/submit', `/api/quiz/attempts/${attempt.id}/submit`, {
        body: { answers },
        cookie,
        address,
      }),
    ),
  );
  const counted = submits.filter((answer) => answer.status === 200).length;
  if (counted > 1) problems.push(`player ${i}: one attempt scored twice`);
  submitted += counted;
}

// ── The integrity check ───────────────────────────────────────────────────────────────────────

function query<T>(state: string, sql: string): T[] {
  const out = wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', sql]);
  return (JSON.parse(out) as { results: T[] }[])[0]!.results;
}

function integrity(state: string, slotIds: string[], seasonId: string) {
  const inSlots = `(${slotIds.map((id) => `'${id}'`).join(', ')})`;
  const checks: [string, boolean, string][] = [];
  const check = (name: string, ok: boolean, detail = '') => checks.push([name, ok, detail]);

  const slots = query<{
    id: string;
    capacity: number;
    waitlist: number;
    taken: number;
    waiting: number;
    registrations: number;
    arrivals: number;
    maxArrival: number;
  }>(
    state,
    `SELECT s.id, s.capacity, s.waitlist,
            (SELECT count(*) FROM registrations r
             WHERE r.slot_id = s.id AND r.status IN ('confirmed', 'checked_in')) AS taken,
            (SELECT count(*) FROM registrations r WHERE r.slot_id = s.id AND r.status = 'waitlisted') AS waiting,
            (SELECT count(*) FROM registrations r WHERE r.slot_id = s.id) AS registrations,
            (SELECT count(DISTINCT arrival) FROM registrations r WHERE r.slot_id = s.id) AS arrivals,
            (SELECT coalesce(max(arrival), 0) FROM registrations r WHERE r.slot_id = s.id) AS maxArrival
     FROM slots s WHERE s.id IN ${inSlots}`,
  );
  slots.sort((a, b) => slotIds.indexOf(a.id) - slotIds.indexOf(b.id));
  for (const [n, slot] of slots.entries()) {
    console.log(
      `  slot ${n + 1}: capacity ${slot.capacity}, taken ${slot.taken}, waiting ${slot.waiting}` +
        `${slot.waitlist ? '' : ' (no waiting list)'}, ${slot.registrations} sign-ups in all`,
    );
  }
  check(
    'taken ≤ capacity in every slot',
    slots.every((s) => s.taken <= s.capacity),
  );
  check(
    'nobody waits while a seat is free',
    slots.every((s) => s.waiting === 0 || s.taken === s.capacity),
  );
  check(
    'arrival numbers 1…n without gaps or repeats (the waiting list has one order)',
    slots.every((s) => s.arrivals === s.registrations && s.maxArrival === s.registrations),
  );

  const doubles = query<{ n: number }>(
    state,
    `SELECT count(*) AS n FROM (
       SELECT 1 FROM registrations
       WHERE slot_id IN ${inSlots} AND status IN ('confirmed', 'waitlisted', 'checked_in')
       GROUP BY slot_id, person_id HAVING count(*) > 1)`,
  )[0]!.n;
  check('one active sign-up per person and slot', doubles === 0, `${doubles} people with two`);

  const rows = query<{ id: string; status: string }>(
    state,
    `SELECT id, status FROM registrations WHERE slot_id IN ${inSlots}`,
  );
  const inDatabase = new Map(rows.map((row) => [row.id, row.status]));
  const lost = [...booked.keys()].filter((id) => !inDatabase.has(id)).length;
  const unannounced = rows.filter((row) => !booked.has(row.id)).length;
  check(
    'every 201 is in the database, and nothing else is (no lost or duplicated sign-ups)',
    lost === 0 && unannounced === 0,
    `${lost} lost, ${unannounced} never answered`,
  );
  const wrongStatus = [...booked.keys()].filter(
    (id) => (inDatabase.get(id) === 'cancelled') !== cancelled.has(id),
  ).length;
  check('cancelled exactly when a cancel answered 200', wrongStatus === 0, `${wrongStatus} differ`);

  const attempts = query<{ doubles: number; submitted: number }>(
    state,
    `SELECT (SELECT count(*) FROM (
              SELECT 1 FROM quiz_attempts WHERE season_id = '${seasonId}'
              GROUP BY person_id, day HAVING count(*) > 1)) AS doubles,
            (SELECT count(*) FROM quiz_attempts
             WHERE season_id = '${seasonId}' AND submitted_at IS NOT NULL) AS submitted`,
  )[0]!;
  check('one quiz attempt per player and day', attempts.doubles === 0, `${attempts.doubles} players with two`);
  check(
    'every submit answered 200 is recorded, once',
    attempts.submitted === submitted,
    `${attempts.submitted} recorded, ${submitted} answered 200`,
  );
  const drift = query<{ n: number }>(
    state,
    `WITH sums AS (SELECT person_id, sum(score) AS score, sum(CASE WHEN late THEN 0 ELSE duration_ms END) AS time_ms,
                          count(*) AS days
                   FROM quiz_attempts WHERE season_id = '${seasonId}' AND submitted_at IS NOT NULL
                   GROUP BY person_id),
          players AS (SELECT * FROM quiz_players WHERE season_id = '${seasonId}')
     SELECT count(*) AS n FROM players p FULL JOIN sums s ON s.person_id = p.person_id
     WHERE p.person_id IS NULL OR s.person_id IS NULL
        OR p.score <> s.score OR p.time_ms <> s.time_ms OR p.days_played <> s.days`,
  )[0]!.n;
  check('quiz_players totals equal the sums over the attempts', drift === 0, `${drift} players differ`);
  check('no two answers to one request disagreed', problems.length === 0, problems.slice(0, 3).join('; '));

  console.log('\nIntegrity:');
  for (const [name, ok, detail] of checks)
    console.log(`  ${ok ? '✓' : '✗'} ${name}${ok || !detail ? '' : ` — ${detail}`}`);
  return checks.every(([, ok]) => ok);
}

// ── Run ───────────────────────────────────────────────────────────────────────────────────────

const state = mkdtempSync(join(tmpdir(), 'lifeline-load-'));
const server = await startServer(state);
baseUrl = server.baseUrl;
let ok = false;
try {
  const { slotIds, seasonId } = await setUp();
  console.log(
    `Load on wrangler dev, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, ` +
      `load average ${loadavg()[0]!.toFixed(1)} before: ` +
      `${PHONES} phones on World Blood Donor Day (${BURST} at once), ` +
      `then ${PLAYERS} quiz players (${QUIZ_CONCURRENCY} at once), from ${ADDRESSES} client addresses.`,
  );

  let mark = samples.length;
  let started = performance.now();
  await pool(
    Array.from({ length: PHONES }, (_, i) => i),
    BURST,
    (i) => donorDay(i, slotIds),
  );
  let failures = report('World Blood Donor Day', samples.slice(mark), (performance.now() - started) / 1000);

  mark = samples.length;
  started = performance.now();
  await pool(
    Array.from({ length: PLAYERS }, (_, i) => i),
    QUIZ_CONCURRENCY,
    (i) => quizEvening(i, seasonId),
  );
  failures += report('Quiz evening', samples.slice(mark), (performance.now() - started) / 1000);

  await server.stop();
  ok = integrity(state, slotIds, seasonId) && failures === 0;
} catch (error) {
  console.error(error, '\n--- wrangler dev, last output ---\n', server.output());
  await server.stop();
} finally {
  rmSync(state, { recursive: true, force: true });
}
console.log(ok ? '\nNo 5xx, every invariant holds.' : '\nPROBLEMS: see above.');
process.exit(ok ? 0 : 1);
