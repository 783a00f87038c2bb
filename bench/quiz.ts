// `npm run bench`, quiz part: a season of 100,000 players and 120 days of history generated in a
// local D1 (recursive CTEs through `wrangler d1 execute`), then, through `wrangler dev`, the time
// and D1 rows of a submit, of the top-50 season board and of `me` for players ranked about 10
// and about 90,000 — beside the naive COUNT(*) rank; then the evening burst (BURST_PLAYERS who
// started their attempts submit within one minute) with D1's own time per submit. Prints figures only.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movesFromAttempts } from '../worker/db/quiz-moves.ts';
import { addDays, chinaDay } from '../worker/domain/china-time.ts';
import { startWranglerDev, tableRow, wrangler } from './wrangler-dev.ts';

/** One D1 query of a request, as bench/quiz-worker.ts reports it. */
interface MeteredQuery {
  sql: string;
  read: number;
  written: number;
  ms: number;
}

const PORT = 8793;
const PLAYERS = Number(process.env.BENCH_QUIZ_PLAYERS ?? 100_000);
const DAYS = 120;
const RUNS = 30;
/** The evening burst: this many players, who have started their attempts, submit within BURST_SECONDS. */
const BURST_PLAYERS = Number(process.env.BENCH_QUIZ_BURST ?? 2_000);
const BURST_SECONDS = 60;
const SEASON = 'bench-season';
const DISTRICTS = [
  '东昌府区',
  '茌平区',
  '临清市',
  '阳谷县',
  '莘县',
  '东阿县',
  '冠县',
  '高唐县',
  '经济技术开发区',
  '高新技术产业开发区',
  '江北水城旅游度假区',
];

const today = chinaDay(Date.now());
const season = {
  startsOn: addDays(today, -DAYS),
  endsOn: today,
  questionsPerDay: 5,
  timeLimitSec: 120,
  pointsPerCorrect: 10,
};
const token = (personId: string) => `bench-quiz-${personId}`;
const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
const sqlText = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * The season as it stands this evening: every player played on some of the 120 days before
 * today (each at their own rate, at least once), scoring by skill and luck; the totals and move
 * rows are built from those attempts once, as the submits would have built them.
 */
function seasonData(): string {
  const players = `p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < ${PLAYERS - 1})`;
  const days = `d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < ${DAYS - 1})`;
  const roll = (salt: number) => `((p.n * 2654435761 + d.n * 40503 + ${salt}) % 1000003)`;
  const questions = Array.from({ length: 100 }, (_, i) => {
    const options = ['A', 'B', 'C', 'D'].map((letter) => ({ id: `q${i}-${letter}`, text: `选项${letter}` }));
    const answer = JSON.stringify([options[i % 4]!.id]);
    const values = [`'${SEASON}'`, "'single'", sqlText(`压测题目 ${i}`), sqlText(JSON.stringify(options))];
    return `(${sqlText(`q${i}`)}, ${values.join(', ')}, ${sqlText(answer)}, '解析', ${sqlText(`类别${i % 5}`)})`;
  });
  return [
    "INSERT INTO organizations (id, name, kind) VALUES ('bench-org', '压测疾控中心', 'cdc');",
    `INSERT INTO campaigns (id, organization_id, kind, title, starts_on, ends_on, status)
     VALUES ('bench-quiz', 'bench-org', 'quiz', '压测健康达人', '${season.startsOn}', '${addDays(today, 30)}', 'published');`,
    `INSERT INTO quiz_seasons (id, campaign_id, starts_on, ends_on, questions_per_day, time_limit_sec,
       points_per_correct)
     VALUES ('${SEASON}', 'bench-quiz', '${season.startsOn}', '${season.endsOn}', 5, 120, 10);`,
    `INSERT INTO quiz_questions (id, season_id, type, stem, options, answer_ids, explanation, category)
     VALUES ${questions.join(', ')};`,
    `WITH RECURSIVE ${players}
     INSERT INTO people (id, phone, name, district)
     SELECT 'p' || n, '1' || printf('%010d', n), '选手' || n,
       ${sqlText(JSON.stringify(DISTRICTS))} ->> (n % ${DISTRICTS.length})
     FROM p;`,
    // Activity 2–14 % of days; skill 0–100; right answers 0–5; 20–120 s; submitted in the evening.
    `WITH RECURSIVE ${players}, ${days}, plays AS (
       SELECT p.n AS player, d.n AS day,
         (unixepoch(date('${season.startsOn}', '+' || d.n || ' days')) - 8 * 3600 + 19 * 3600 + (p.n % 7200))
           * 1000 AS started,
         20000 + ${roll(1)} % 100000 AS duration,
         ((p.n * 31 % 101) * 4 + ${roll(2)} % 200) / 100 AS correct
       FROM p, d WHERE ${roll(3)} % 100 < 2 + (p.n * 7) % 13 OR d.n = p.n % ${DAYS})
     INSERT INTO quiz_attempts (id, season_id, person_id, day, question_ids, started_at, deadline, submitted_at,
       score, correct, duration_ms, late, district)
     SELECT 'a' || player || '-' || day, '${SEASON}', 'p' || player,
       date('${season.startsOn}', '+' || day || ' days'), '[]',
       started, started + 120000, started + duration, correct * 10, correct, duration, 0,
       ${sqlText(JSON.stringify(DISTRICTS))} ->> (player % ${DISTRICTS.length})
     FROM plays;`,
    `INSERT INTO quiz_players (season_id, person_id, name, district, score, time_ms, days_played, finished_at)
     SELECT a.season_id, a.person_id, people.name, people.district,
       sum(a.score), sum(a.duration_ms), count(*), max(a.submitted_at)
     FROM quiz_attempts a JOIN people ON people.id = a.person_id GROUP BY a.person_id;`,
    `INSERT INTO quiz_moves (season_id, from_score, jumps, arrivals, departures) ${movesFromAttempts(`'${SEASON}'`)};`,
  ].join('\n');
}

function query<T>(state: string, sql: string): T[] {
  const out = wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--json', '--command', sql]);
  return JSON.parse(out)[0].results as T[];
}

function executeFile(state: string, sql: string) {
  const folder = mkdtempSync(join(tmpdir(), 'lifeline-bench-quiz-sql-'));
  try {
    writeFileSync(join(folder, 'data.sql'), sql);
    wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', join(folder, 'data.sql')]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

interface Measured {
  ms: number;
  workerMs: number;
  status: number;
  queries: MeteredQuery[];
  body: unknown;
}

async function request(path: string, options: { personId?: string; body?: unknown } = {}): Promise<Measured> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${PORT}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.personId && { cookie: `lifeline_session=${token(options.personId)}` }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const body = await response.json();
  return {
    ms: performance.now() - started,
    workerMs: Number(response.headers.get('x-worker-ms')),
    status: response.status,
    queries: JSON.parse(response.headers.get('x-d1-queries') ?? '[]') as MeteredQuery[],
    body,
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const total = (queries: MeteredQuery[], field: 'read' | 'written' | 'ms') =>
  queries.reduce((sum, q) => sum + q[field], 0);

interface Figure {
  what: string;
  ms: number;
  workerMs: number;
  /** D1's own time for the request's queries (meta.duration, summed). */
  d1Ms: number;
  read: number;
  written: number;
  note: string;
}

/** `RUNS` requests: median times and rows, the note from the runs' queries. */
async function measure(
  what: string,
  send: (run: number) => Promise<Measured>,
  note: (runs: MeteredQuery[][]) => string = () => '',
): Promise<Figure> {
  await send(-1); // warm the isolate and SQLite's page cache
  const runs: Measured[] = [];
  for (let run = 0; run < RUNS; run++) {
    const measured = await send(run);
    if (measured.status >= 300) throw new Error(`${what}: ${measured.status} ${JSON.stringify(measured.body)}`);
    runs.push(measured);
  }
  const queries = runs.map((r) => r.queries);
  return {
    what,
    ms: median(runs.map((r) => r.ms)),
    workerMs: median(runs.map((r) => r.workerMs)),
    d1Ms: median(queries.map((q) => total(q, 'ms'))),
    read: median(queries.map((q) => total(q, 'read'))),
    written: median(queries.map((q) => total(q, 'written'))),
    note: note(queries),
  };
}

type StartedAttempt = { attempt: { id: string; questions: { id: string; options: { id: string }[] }[] } };

/** Runs `work` over `items`, `concurrency` at a time. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

interface Burst {
  players: number;
  seconds: number;
  statuses: Map<number, number>;
  ms: number[];
  /** D1's own time per submit: all its queries, and the submit's batch alone. */
  d1Ms: number[];
  batchMs: number[];
  written: number[];
  maxInFlight: number;
}

/**
 * The evening burst: the players start their attempts (not timed), then each submits at a set
 * moment, evenly over BURST_SECONDS whatever the answers before (an open loop, as phones arrive).
 */
async function eveningBurst(players: string[]): Promise<Burst> {
  const attempts = new Map<string, StartedAttempt['attempt']>();
  await pool(players, 32, async (personId) => {
    const started = await request(`/api/quiz/seasons/${SEASON}/attempts`, { personId, body: {} });
    if (started.status !== 201) throw new Error(`burst start: ${started.status} ${JSON.stringify(started.body)}`);
    attempts.set(personId, (started.body as StartedAttempt).attempt);
  });
  const burst: Burst = {
    players: players.length,
    seconds: 0,
    statuses: new Map(),
    ms: [],
    d1Ms: [],
    batchMs: [],
    written: [],
    maxInFlight: 0,
  };
  const gapMs = (BURST_SECONDS * 1000) / players.length;
  const began = performance.now();
  let inFlight = 0;
  await Promise.all(
    players.map(async (personId, i) => {
      await new Promise((resolve) => setTimeout(resolve, i * gapMs));
      const attempt = attempts.get(personId)!;
      const answers = attempt.questions.map((q) => ({ questionId: q.id, optionIds: [q.options[0]!.id] }));
      inFlight++;
      burst.maxInFlight = Math.max(burst.maxInFlight, inFlight);
      try {
        const submitted = await request(`/api/quiz/attempts/${attempt.id}/submit`, { personId, body: { answers } });
        burst.statuses.set(submitted.status, (burst.statuses.get(submitted.status) ?? 0) + 1);
        burst.ms.push(submitted.ms);
        burst.d1Ms.push(total(submitted.queries, 'ms'));
        burst.batchMs.push(total(submitBatch(submitted.queries), 'ms'));
        burst.written.push(total(submitted.queries, 'written'));
      } catch {
        burst.statuses.set(0, (burst.statuses.get(0) ?? 0) + 1);
      } finally {
        inFlight--;
      }
    }),
  );
  burst.seconds = (performance.now() - began) / 1000;
  return burst;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function printBurst(b: Burst) {
  const errors = [...b.statuses].filter(([status]) => status !== 200).reduce((sum, [, n]) => sum + n, 0);
  const perSubmit = mean(b.d1Ms);
  console.log(
    `\nEvening burst: ${b.players.toLocaleString('en')} players who had started their attempts submitted, ` +
      `evenly spread over ${BURST_SECONDS} s; the last answer came after ${b.seconds.toFixed(1)} s.`,
  );
  const header = [
    'submits',
    'answered 200',
    'errors',
    'p50 ms',
    'p99 ms',
    'max in flight',
    'D1 ms per submit (mean)',
    'of which the batch',
    'rows written (median)',
  ];
  console.log(`\n${tableRow(header)}`);
  console.log('|---|---|---|---|---|---|---|---|---|');
  console.log(
    tableRow([
      b.players,
      b.statuses.get(200) ?? 0,
      errors,
      percentile(b.ms, 0.5).toFixed(1),
      percentile(b.ms, 0.99).toFixed(1),
      b.maxInFlight,
      perSubmit.toFixed(2),
      mean(b.batchMs).toFixed(2),
      median(b.written),
    ]),
  );
  console.log(
    `\nOne D1 database runs one query at a time: at ${perSubmit.toFixed(2)} ms of D1 time per submit ` +
      `it carries at most about ${Math.floor(1000 / perSubmit).toLocaleString('en')} submits a second ` +
      `(1000 / ${perSubmit.toFixed(2)}), before the time of everything else it serves.`,
  );
  console.log(
    "D1 time is meta.duration summed over the submit's queries " +
      '(1 ms resolution per query, so the mean over many submits).',
  );
}

const submitBatch = (queries: MeteredQuery[]) =>
  queries.filter((q) => /^(WITH move AS|(UPDATE|INSERT INTO) quiz_(players|attempts))/.test(q.sql));

const state = mkdtempSync(join(tmpdir(), 'lifeline-bench-quiz-'));
let server: ChildProcess | undefined;
try {
  console.log(
    `\nQuiz benchmark: ${PLAYERS.toLocaleString('en')} players, ${DAYS} days of history, ` +
      `${RUNS} runs each (median), local D1 under wrangler dev.`,
  );
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
  const started = performance.now();
  executeFile(state, seasonData());
  const [counts] = query<{ attempts: number; players: number }>(
    state,
    `SELECT (SELECT count(*) FROM quiz_attempts) AS attempts, (SELECT count(*) FROM quiz_players) AS players`,
  );
  console.log(
    `Generated ${counts!.players.toLocaleString('en')} players and ${counts!.attempts.toLocaleString('en')} ` +
      `attempts in ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );

  const board = `FROM quiz_players WHERE season_id = '${SEASON}' ORDER BY score DESC, time_ms, finished_at, person_id`;
  const [rank10] = query<{ person_id: string }>(state, `SELECT person_id ${board} LIMIT 1 OFFSET 9`);
  const [rank90k] = query<{ person_id: string }>(
    state,
    `SELECT person_id ${board} LIMIT 1 OFFSET ${Math.min(89_999, PLAYERS - 1)}`,
  );
  // Submitters spread over the board, none of whom has played today, and not the two measured for `me`.
  const submitters = Array.from({ length: RUNS + 3 }, (_, i) => `p${Math.floor(((i + 0.5) * PLAYERS) / (RUNS + 3))}`)
    .filter((id) => id !== rank10!.person_id && id !== rank90k!.person_id)
    .slice(0, RUNS + 1);
  // Newcomers who join the board tonight, with their first submit.
  const newcomers = Array.from({ length: RUNS + 1 }, (_, i) => `new${i}`);
  const expires = Date.now() + 86_400_000;
  // The burst's players: spread over the board, none of those measured one by one.
  const alreadyUsed = new Set([rank10!.person_id, rank90k!.person_id, ...submitters]);
  const burstPlayers = Array.from(
    { length: BURST_PLAYERS + alreadyUsed.size },
    (_, i) => `p${Math.floor(((i + 0.25) * PLAYERS) / (BURST_PLAYERS + alreadyUsed.size))}`,
  )
    .filter((id) => !alreadyUsed.has(id))
    .slice(0, BURST_PLAYERS);
  const signedIn = [...alreadyUsed, ...newcomers, ...burstPlayers];
  executeFile(
    state,
    [
      ...newcomers.map(
        (id, i) =>
          `INSERT INTO people (id, phone, name, district)
           VALUES ('${id}', '19${String(i).padStart(9, '0')}', '新人${i}',
             ${sqlText(DISTRICTS[i % DISTRICTS.length]!)});`,
      ),
      ...signedIn.map(
        (id) =>
          `INSERT INTO logins (token_hash, person_id, expires_at)
           VALUES ('${hash(token(id))}', '${id}', ${expires});`,
      ),
    ].join('\n'),
  );
  const districtOf = new Map(
    query<{ id: string; district: string }>(
      state,
      `SELECT id, district FROM people WHERE id IN ('${rank10!.person_id}', '${rank90k!.person_id}')`,
    ).map((row) => [row.id, row.district]),
  );

  server = await startWranglerDev(['bench/quiz-worker.ts', '--persist-to', state, '--env-file', 'local.env'], PORT);
  const rankQuery = (queries: MeteredQuery[]) => queries.filter((q) => q.sql.startsWith('SELECT me.score'));
  const leaderboard = `/api/quiz/seasons/${SEASON}/leaderboard`;

  const figures = [await measure('baseline: GET /api/health (one D1 query)', () => request('/api/health'))];
  const play = (players: string[]) => async (run: number) => {
    const personId = players[run + 1]!;
    const started = await request(`/api/quiz/seasons/${SEASON}/attempts`, { personId, body: {} });
    if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
    const attempt = started.body as StartedAttempt;
    const answers = attempt.attempt.questions.map((q) => ({ questionId: q.id, optionIds: [q.options[0]!.id] }));
    return request(`/api/quiz/attempts/${attempt.attempt.id}/submit`, { personId, body: { answers } });
  };
  const submitNote = (runs: MeteredQuery[][]) => {
    if (process.env.BENCH_QUIZ_DETAIL)
      for (const q of runs.at(-1)!) console.log(`  ${q.written} written, ${q.read} read: ${q.sql}`);
    const batches = runs.map(submitBatch);
    const written = batches.map((batch) => total(batch, 'written'));
    const read = batches.map((batch) => total(batch, 'read'));
    return (
      `of which the submit batch: ${median(written)} written (at most ${Math.max(...written)}), ` +
      `${median(read)} read`
    );
  };
  const rankNote = (runs: MeteredQuery[][]) =>
    `the rank query alone: ${median(runs.map((q) => total(rankQuery(q), 'read')))} rows read, ` +
    `${median(runs.map((q) => total(rankQuery(q), 'ms')))} ms in D1`;
  figures.push(await measure('submit (POST /api/quiz/attempts/:id/submit)', play(submitters), submitNote));
  figures.push(await measure("submit, a newcomer's first", play(newcomers), submitNote));
  figures.push(
    await measure(
      'season board, top 50 (anonymous)',
      () => request(`${leaderboard}?limit=50`),
      () => 'read through the board index',
    ),
  );
  for (const [what, personId] of [
    ['`me` ranked 10', rank10!.person_id],
    ['`me` ranked 90,000', rank90k!.person_id],
  ] as const) {
    figures.push(
      await measure(
        `${what} (leaderboard?limit=1, signed in)`,
        () => request(`${leaderboard}?limit=1`, { personId }),
        rankNote,
      ),
    );
  }
  for (const [what, personId] of [
    ['ranked 10', rank10!.person_id],
    ['ranked 90,000', rank90k!.person_id],
  ] as const) {
    const district = districtOf.get(personId)!;
    figures.push(
      await measure(
        `\`me\` on their district's board, ${what} in the city`,
        () => request(`${leaderboard}?limit=1&district=${encodeURIComponent(district)}`, { personId }),
        (runs) => `${rankNote(runs)} (counted by index in the district)`,
      ),
    );
  }
  for (const [what, personId] of [
    ['ranked 10', rank10!.person_id],
    ['ranked 90,000', rank90k!.person_id],
  ] as const) {
    figures.push(
      await measure(
        `for comparison: COUNT(*) of everyone ahead, ${what}`,
        () => request(`/api/_bench/count-rank?season=${SEASON}&person=${personId}`),
        () => 'grows with the rank',
      ),
    );
  }

  const burst = await eveningBurst(burstPlayers);

  console.log(
    '\n| What | median ms, HTTP | median ms, in the Worker | median ms, in D1 | D1 rows read | D1 rows written | |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const f of figures)
    console.log(tableRow([f.what, f.ms.toFixed(1), f.workerMs, f.d1Ms, f.read, f.written, f.note]));
  const [me10, me90k] = [figures[4]!, figures[5]!];
  console.log(
    `\n\`me\` at rank 90,000 takes ${(me90k.ms / me10.ms).toFixed(2)}× the time of rank 10 over HTTP ` +
      `and reads ${(me90k.read / me10.read).toFixed(2)}× the rows (target ≤ 2×).`,
  );
  console.log(
    "HTTP times include wrangler dev's local proxy; Worker times have 1 ms resolution " +
      '(Workers clocks move only across I/O), D1 times (meta.duration) too.',
  );
  console.log(
    'Rows read include the session lookup; a submit also reads its attempt and questions ' +
      'and looks at its rate-limit window (only refused submits are counted).',
  );
  printBurst(burst);
} finally {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(state, { recursive: true, force: true });
}
