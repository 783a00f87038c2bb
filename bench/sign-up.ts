// `npm run bench`: sign-up throughput and latency of Lifeline (its queue consumer elsewhere, as
// deployed, and in the same process), of its guarantees' statements alone and of a bare Worker,
// all under `wrangler dev` on this machine, in rounds that take turns between them, and a
// 1,000-request race for 100 seats. Prints figures only.
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runtimeCpuMs, startWranglerDev, tableRow, wrangler } from './wrangler-dev.ts';

// Many short rounds rather than a few long ones: the machine's speed drifts within a sitting, and the
// median of eight turns of each Worker follows it more steadily than that of four, in the same time.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = 200;
const RACE = 1000;
const RACE_SEATS = 100;

const people = WARMUP + ROUNDS * REQUESTS + RACE;
const token = (i: number) => `bench-token-${i}`;
const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const hash = (text: string) => createHash('sha256').update(text).digest('base64url');

// A slot of its own for the warm-up and for each round: the bare Worker counts a slot's sign-ups
// on every insert, so in one slot for all it would slow down round by round as the slot fills.
const openSlots = ['warm-up', ...Array.from({ length: ROUNDS }, (_, round) => `round-${round + 1}`)];

function benchData(): string {
  const lines = [
    "INSERT INTO organizations (id, name, kind) VALUES ('bench-org', '压测血站', 'blood_centre');",
    `INSERT INTO campaigns (id, organization_id, kind, title, starts_on, ends_on, status)
     VALUES ('bench', 'bench-org', 'cpr_training', '压测', '2099-01-01', '2099-12-31', 'published');`,
    `INSERT INTO sessions (id, campaign_id, starts_at, ends_at, venue, address)
     VALUES ('bench-s', 'bench', ${Date.parse('2099-06-14T01:00:00Z')}, ${Date.parse('2099-06-14T08:00:00Z')},
       '血站', '地址');`,
    `INSERT INTO slots (id, session_id, role, capacity, waitlist)
     VALUES ${openSlots.map((slot) => `('${slot}', 'bench-s', '献血者', 1000000, 0)`).join(', ')},
       ('race', 'bench-s', '献血者', ${RACE_SEATS}, 0);`,
  ];
  const expires = Date.now() + 86_400_000;
  for (let i = 0; i < people; i++) {
    lines.push(`INSERT INTO people (id, phone) VALUES ('p${i}', '139${String(i).padStart(8, '0')}');`);
    lines.push(
      `INSERT INTO logins (token_hash, person_id, expires_at)
       VALUES ('${hash(token(i))}', 'p${i}', ${expires});`,
    );
  }
  return lines.join('\n');
}

// The SMS gateway, as deployed: the queue's consumer POSTs each text to it (worker/lib/sms.ts's
// webhook). Locally the texts would otherwise be printed, one log line each through wrangler dev's
// log relay, a cost no deployment has. It answers 200 and counts the texts by their key: a text
// sent again (its first answer lost, say) carries the same key, so that a gateway can drop it.
const textKeys = new Set<string>();
let textsReceived = 0;
const gateway = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    textsReceived++;
    textKeys.add((JSON.parse(body) as { key: string }).key);
    response.end();
  });
}).listen(0, '127.0.0.1');
await new Promise((resolve) => gateway.once('listening', resolve));
const gatewayUrl = `http://127.0.0.1:${(gateway.address() as { port: number }).port}/sms`;

/**
 * A fresh local D1 for `config` with the bench's people. Every database is seeded before any Worker
 * serves: wrangler runs synchronously here, and while it runs this process's gateway stand-in cannot
 * answer, so Lifeline's texts of the warm-up timed out after 10 s and went again (20 – 140 a run).
 */
function seeded(config: string, sqlFile: string) {
  const state = mkdtempSync(join(tmpdir(), 'lifeline-bench-'));
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--config', config, '--persist-to', state]);
  wrangler(['d1', 'execute', 'DB', '--local', '--config', config, '--persist-to', state, '--file', sqlFile]);
  return state;
}

function signUp(port: number, slot: string, person: number) {
  const started = performance.now();
  return fetch(`http://127.0.0.1:${port}/api/slots/${slot}/registrations`, {
    method: 'POST',
    // Each phone from its own address, as in a crowd: one address for all would meet the per-address limit.
    headers: {
      'content-type': 'application/json',
      cookie: `lifeline_session=${token(person)}`,
      'cf-connecting-ip': address(person),
    },
    body: JSON.stringify({ name: `压测${person}` }),
  }).then(async (response) => {
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started };
  });
}

/** `count` sign-ups to `slot` for people from `first`, `concurrency` at a time. */
async function load(port: number, slot: string, first: number, count: number) {
  const results: { status: number; ms: number }[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) results.push(await signUp(port, slot, first + next++));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    throughput: count / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors: results.filter((r) => r.status !== 201).length,
  };
}

/** Until the runtime uses less than a twentieth of a core: nothing is left of what was sent to it. */
async function quiet(server: ChildProcess) {
  for (;;) {
    const before = runtimeCpuMs(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (runtimeCpuMs(server) - before < 25) return;
  }
}

/** Stops each `wrangler dev` started so far, and removes each database made. */
const stops: (() => void)[] = [];

/** A Worker under `wrangler dev` on its seeded database, and the figures of its loads. */
async function start(config: string, port: number, state: string) {
  const sms = ['--var', `SMS_WEBHOOK_URL:${gatewayUrl}`, '--var', 'SMS_WEBHOOK_SECRET:bench'];
  // The env file by its full path: a config in bench/ would look for it there.
  const args = ['--config', config, '--persist-to', state, '--env-file', resolve('local.env'), ...sms];
  const server = await startWranglerDev(args, port, '/');
  stops.push(() => process.kill(-server.pid!, 'SIGTERM'));
  await load(port, 'warm-up', 0, WARMUP);
  return {
    /** `REQUESTS` sign-ups of round `round`'s people, with the CPU the runtime spent per sign-up. */
    async round(round: number) {
      const cpuBefore = runtimeCpuMs(server);
      const figures = await load(port, `round-${round + 1}`, WARMUP + round * REQUESTS, REQUESTS);
      // Lifeline's queue consumer is still posting the round's texts when the last answer comes:
      // that work is the round's too, and left running it would slow the other Worker's next round.
      await quiet(server);
      return { ...figures, cpuMs: (runtimeCpuMs(server) - cpuBefore) / REQUESTS };
    },
    /** `RACE` sign-ups at once for `RACE_SEATS` seats. */
    async race() {
      const first = WARMUP + ROUNDS * REQUESTS;
      const results = await Promise.all(Array.from({ length: RACE }, (_, i) => signUp(port, 'race', first + i)));
      return {
        booked: results.filter((r) => r.status === 201).length,
        errors: results.filter((r) => r.status >= 500 || r.status < 200).length,
      };
    },
  };
}

const dataFolder = mkdtempSync(join(tmpdir(), 'lifeline-bench-data-'));
const sqlFile = join(dataFolder, 'bench.sql');
writeFileSync(sqlFile, benchData());

console.log(
  `Sign-up benchmark: ${ROUNDS} rounds of ${REQUESTS} requests per Worker, ${CONCURRENCY} at a time, ` +
    `after ${WARMUP} to warm up; then ${RACE} at once for ${RACE_SEATS} seats.`,
);
console.log(
  `Load average before: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')} (${availableParallelism()} cores).`,
);
// Lifeline as deployed, its queue's consumer elsewhere: a deployment runs the consumer in
// invocations of its own, while `wrangler dev` runs it in the same process, on the same thread as
// the sign-ups. So this copy hands each confirmation to the queue, as deployed, and consumes none.
const CONSUMER_ELSEWHERE = 'wrangler.bench-consumer-elsewhere.toml';
const workers = [
  { name: 'bare (login read + capacity-checked insert)', config: 'bench/wrangler.bare.toml' },
  { name: "the guarantees alone (Lifeline's statements, no app)", config: 'bench/wrangler.guarantees.toml' },
  { name: 'Lifeline POST /api/slots/:id/registrations', config: CONSUMER_ELSEWHERE },
  // And with the consumer in the same process, posting each text to the gateway above.
  { name: 'Lifeline, its queue consumer in the same process', config: 'wrangler.toml' },
];
const GUARANTEES = 1;
const LIFELINE = 2;
const WITH_CONSUMER = 3;
try {
  writeFileSync(
    CONSUMER_ELSEWHERE,
    readFileSync('wrangler.toml', 'utf8').replace(/^\[\[queues\.consumers\]\]\n(?:[^\n]+\n)+/gm, ''),
  );
  const states = workers.map((worker) => seeded(worker.config, sqlFile));
  stops.push(() => {
    for (const state of states) rmSync(state, { recursive: true, force: true });
  });
  const served = [];
  for (const [i, worker] of workers.entries()) served.push(await start(worker.config, 8790 + i, states[i]!));
  type Figures = Awaited<ReturnType<(typeof served)[number]['round']>>;
  // Each round's figures, by worker.
  const rounds: Figures[][] = [];
  // All serve side by side and take turns, bare first in one round and last in the next: what the
  // shared machine does meanwhile falls on them alike. One sitting on this machine measured the
  // same Worker at 0.61 × and another at 0.78 ×; several rounds show the spread.
  for (let round = 0; round < ROUNDS; round++) {
    const figures: Figures[] = [];
    const order = [...served.keys()];
    for (const i of round % 2 === 0 ? order : order.reverse()) figures[i] = await served[i]!.round(round);
    rounds.push(figures);
  }
  const race = await served[WITH_CONSUMER]!.race();
  // Every booking's confirmation reaches the gateway: until none has come for 2 s.
  for (let last = -1; last !== textsReceived; ) {
    last = textsReceived;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }

  const row = (name: string, round: number, r: Figures) =>
    tableRow([
      name,
      round + 1,
      r.throughput.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
      r.cpuMs.toFixed(2),
      r.errors,
    ]);
  console.log('\n| Worker | round | sign-ups/s | p50 ms | p99 ms | CPU ms / sign-up | errors |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [round, figures] of rounds.entries()) {
    for (const [i, r] of figures.entries()) console.log(row(workers[i]!.name, round, r));
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  /** Worker `i`'s figure over the bare Worker's, median of the rounds, and each round's. */
  const spread = (i: number, pick: (r: Figures) => number) => {
    const values = rounds.map((figures) => pick(figures[i]!) / pick(figures[0]!));
    return `${median(values).toFixed(2)} × bare (rounds ${values.map((v) => v.toFixed(2)).join(', ')})`;
  };
  const ratios = (i: number, targets = ['', '']) =>
    `throughput = ${spread(i, (r) => r.throughput)}${targets[0]};\n  p50 = ${spread(i, (r) => r.p50)}${targets[1]};\n` +
    `  CPU per sign-up (the workerd running the Worker and local D1) = ${spread(i, (r) => r.cpuMs)}.`;
  console.log(`\nLifeline: ${ratios(LIFELINE, [', target ≥ 0.8', ', target ≤ 1.25'])}`);
  console.log(`With the queue consumer in the same process: ${ratios(WITH_CONSUMER)}`);
  console.log(`The guarantees alone: ${ratios(GUARANTEES)}`);
  const errors = rounds.reduce((n, figures) => n + figures.slice(1).reduce((m, r) => m + r.errors, 0), 0) + race.errors;
  console.log(
    race.booked === RACE_SEATS && errors === 0
      ? `No overbooking: exactly ${RACE_SEATS} of ${RACE} booked, no errors.`
      : `PROBLEM: ${race.booked} booked for ${RACE_SEATS} seats, ${errors} errors.`,
  );
  // Only the copy with the consumer sends texts: every one at the gateway is its.
  const booked = WARMUP + ROUNDS * REQUESTS + race.booked;
  const repeats = textsReceived - textKeys.size;
  console.log(
    textKeys.size === booked
      ? `The SMS gateway received one confirmation per booking (${booked}), through the queue` +
          (repeats ? `, and ${repeats} of them a second time, with their key.` : '.')
      : `PROBLEM: ${textKeys.size} texts reached the SMS gateway for ${booked} bookings.`,
  );
} finally {
  for (const stop of stops) stop();
  rmSync(CONSUMER_ELSEWHERE, { force: true });
  rmSync(dataFolder, { recursive: true, force: true });
  gateway.close();
}
