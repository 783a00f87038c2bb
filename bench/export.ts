// `npm run bench` (export section): a roster of 5,000 and one of 50,000 rows exported as CSV and
// XLSX through `wrangler dev`, with the time to the last byte and workerd's peak memory while
// it streams. Prints figures only: memory should stay flat as the rows grow tenfold.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWranglerDev, wrangler } from './wrangler-dev.ts';

const PORT = 8795;
const STAFF_TOKEN = 'bench-export-admin';
const SIZES = [5_000, 50_000];

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');

/** The ID number as the Worker stores it (lib/crypto.ts: v1.<iv>.<ciphertext>), with the local key. */
async function sealedIdNumber(): Promise<string> {
  const secret = /^ID_NUMBER_KEY=(.+)$/m.exec(readFileSync('local.env', 'utf8'))![1]!.trim();
  const key = await webcrypto.subtle.importKey('raw', Buffer.from(secret, 'base64url'), 'AES-GCM', false, ['encrypt']);
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const sealed = await webcrypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    new TextEncoder().encode('371502199003071230'),
  );
  return `v1.${Buffer.from(iv).toString('base64url')}.${Buffer.from(sealed).toString('base64url')}`;
}

/**
 * A blood drive per size: four slots over two sessions, every row with a phone, an ID number and
 * an answer.
 */
function benchData(sealed: string): string {
  const lines = [
    "INSERT INTO organizations (id, name, kind) VALUES ('bench-org', '压测血站', 'blood_centre');",
    `INSERT INTO staff (id, email, password_hash, role) VALUES ('bench-admin', 'bench@lifeline.local', 'x', 'admin');`,
    `INSERT INTO logins (token_hash, staff_id, expires_at)
     VALUES ('${hash(STAFF_TOKEN)}', 'bench-admin', ${Date.now() + 86_400_000});`,
  ];
  let offset = 0;
  for (const size of SIZES) {
    const c = `roster-${size}`;
    lines.push(
      `INSERT INTO campaigns (id, organization_id, kind, title, starts_on, ends_on, status, questions)
         VALUES ('${c}', 'bench-org', 'blood_drive', '压测献血 ${size}', '2099-01-01', '2099-12-31', 'published',
           '[{"key":"firstTime","label":"首次献血","type":"boolean","required":false}]');`,
      `INSERT INTO sessions (id, campaign_id, starts_at, ends_at, venue, address) VALUES
         ('${c}-s1', '${c}', ${Date.parse('2099-06-14T01:00:00Z')}, ${Date.parse('2099-06-14T08:00:00Z')}, '市血站', '地址'),
         ('${c}-s2', '${c}', ${Date.parse('2099-06-15T01:00:00Z')}, ${Date.parse('2099-06-15T08:00:00Z')},
           '人民广场', '地址');`,
      `INSERT INTO slots (id, session_id, role, capacity, waitlist) VALUES
         ('${c}-0', '${c}-s1', '献血者', 100000, 1), ('${c}-1', '${c}-s1', '志愿者', 100000, 0),
         ('${c}-2', '${c}-s2', '献血者', 100000, 1), ('${c}-3', '${c}-s2', '志愿者', 100000, 0);`,
      `INSERT INTO people (id, phone, name, blood_type)
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size})
         SELECT 'p' || (i + ${offset}), '139' || printf('%08d', i + ${offset}), '张' || i, substr('ABOA', 1 + i % 4, 1)
         FROM n;`,
      `INSERT INTO registrations (id, slot_id, person_id, code, status, name, answers, id_number_encrypted, arrival)
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${size - 1})
         SELECT 'r' || (i + ${offset}), '${c}-' || (i % 4), 'p' || (i + 1 + ${offset}),
                'C' || printf('%09d', i + ${offset}),
                CASE WHEN i % 10 = 0 THEN 'waitlisted' WHEN i % 10 = 1 THEN 'cancelled' ELSE 'confirmed' END,
                CASE WHEN i % 1000 = 0 THEN '=HYPERLINK("x")' ELSE '献血者' || i END,
                '{"firstTime":true}', '${sealed}', i / 4 + 1 FROM n;`,
    );
    offset += size;
  }
  return lines.join('\n');
}

/** Resident memory of the workerd processes in the server's process group, in MiB. */
function workerdMemory(group: number): number {
  const listing = spawnSync('ps', ['-o', 'rss=,comm=', '-g', String(group)], { encoding: 'utf8' }).stdout;
  let kib = 0;
  for (const line of listing.trim().split('\n')) {
    const [rss, command] = line.trim().split(/\s+/);
    if (command?.startsWith('workerd')) kib += Number(rss);
  }
  return kib / 1024;
}

async function exportOnce(group: number, size: number, format: 'csv' | 'xlsx') {
  const before = workerdMemory(group);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, workerdMemory(group))), 25);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${PORT}/api/admin/campaigns/roster-${size}/registrations.${format}`, {
    headers: { cookie: `lifeline_staff=${STAFF_TOKEN}`, 'accept-language': 'zh-CN' },
  });
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, workerdMemory(group));
  if (response.status !== 200) throw new Error(`export ${size} ${format}: ${response.status}`);
  return { rows: size, format, seconds, mib: bytes / 1024 / 1024, before, peak };
}

const state = mkdtempSync(join(tmpdir(), 'lifeline-bench-export-'));
const sqlFile = join(state, 'data.sql');
let server: ChildProcess | undefined;
try {
  writeFileSync(sqlFile, benchData(await sealedIdNumber()));
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
  wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--file', sqlFile]);
  server = await startWranglerDev(['--persist-to', state, '--env-file', 'local.env'], PORT);
  // Warm-up: a fresh workerd compiles the Worker, and V8 grows its heap to a working size on
  // the first large exports (resident memory that stays with the process). After that, a
  // rise in memory during an export is what the export itself holds.
  for (const format of ['csv', 'xlsx', 'csv', 'xlsx'] as const) await exportOnce(server.pid!, SIZES.at(-1)!, format);
  console.log(
    '\nRoster export through wrangler dev, after a warm-up ' +
      '(rows, format, time to last byte, file size, workerd memory before → peak)',
  );
  for (const size of SIZES) {
    for (const format of ['csv', 'xlsx'] as const) {
      const r = await exportOnce(server.pid!, size, format);
      console.log(
        `  ${String(r.rows).padStart(6)} rows  ${r.format.padEnd(4)}  ` +
          `${r.seconds.toFixed(2)} s  ${r.mib.toFixed(1)} MiB  ` +
          `memory ${r.before.toFixed(0)} → ${r.peak.toFixed(0)} MiB (+${(r.peak - r.before).toFixed(0)})`,
      );
    }
  }
} finally {
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
  rmSync(state, { recursive: true, force: true });
}
