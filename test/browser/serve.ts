// Starts the whole product as `npm start` does (migrated, seeded local D1 + wrangler dev),
// on a free port with its own database, for the browser tests. The city-from-zero test starts
// a second one of its own, on an empty database (startProduct(migrated, 'empty')); both copy one
// migrated database, so the migrations are applied once.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CHROMIUM } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** A local D1 with every migration applied and nothing in it, for a test's own product (startProduct). */
    migratedDatabase: string;
  }
}

const wranglerBin = 'node_modules/wrangler/bin/wrangler.js';

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: 'pipe',
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
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

/** An account of the empty database's first admin, made as `npm run create-admin` makes it. */
export const FIRST_ADMIN = { email: 'first-admin@city.example', password: 'first-admin-password' };

/**
 * A local D1 with every migration applied: each product starts from a copy of it. The migrations
 * go in as one file, in one `wrangler d1 execute` (`migrations apply`, as `npm start` runs it,
 * starts a local D1 per migration: most of a minute here). The worker tests apply them one by one.
 */
function migrate(): string {
  const state = mkdtempSync(join(tmpdir(), 'lifeline-migrated-'));
  const migrations = readdirSync('migrations')
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => readFileSync(join('migrations', name), 'utf8'));
  const file = join(state, 'migrations.sql');
  writeFileSync(file, migrations.join('\n'));
  run([wranglerBin, 'd1', 'execute', 'DB', '--local', '--persist-to', state, '--file', file]);
  rmSync(file);
  return state;
}

/**
 * The product on a free port with its own local D1, a copy of the `migrated` one: seeded with the
 * demo data as `npm start` does, or empty but for the first admin (a city set up from zero).
 */
export async function startProduct(
  migrated: string,
  database: 'seeded' | 'empty',
): Promise<{ baseUrl: string; stop(): void }> {
  const state = mkdtempSync(join(tmpdir(), 'lifeline-browser-'));
  cpSync(migrated, state, { recursive: true });
  if (database === 'seeded') run(['scripts/seed.ts', '--persist-to', state]);
  else
    run(['scripts/create-admin.ts', FIRST_ADMIN.email, '--local', '--persist-to', state], {
      ADMIN_PASSWORD: FIRST_ADMIN.password,
    });

  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      wranglerBin,
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      state,
      '--env-file',
      'local.env',
      '--show-interactive-dev-session=false',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  const stop = () => {
    if (server.exitCode === null) process.kill(-server.pid!, 'SIGTERM');
    rmSync(state, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || server.exitCode !== null) {
      stop();
      throw new Error(`wrangler dev did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, stop };
}

export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium-headless-shell.`);
    console.warn(
      `\n[browser tests] skipped: ${CHROMIUM} is not installed (apt-get install chromium-headless-shell fonts-wqy-microhei).\n`,
    );
    project.provide('baseUrl', '');
    project.provide('migratedDatabase', '');
    return;
  }
  const migrated = migrate();
  const { baseUrl, stop } = await startProduct(migrated, 'seeded');
  project.provide('baseUrl', baseUrl);
  project.provide('migratedDatabase', migrated);
  return () => {
    stop();
    rmSync(migrated, { recursive: true, force: true });
  };
}
