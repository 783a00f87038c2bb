import { env } from 'cloudflare:workers';
import { vi } from 'vitest';
import { wipeStorage } from './fresh-storage.ts';
import { restartCounters } from './helpers.ts';

// Setup files run before each test file. The files of the worker project share a workerd and the
// Worker's modules (`isolate: false` in vitest.config.ts: starting a workerd and importing the app
// per file was most of the project's time), so each file starts here from what a workerd of its own
// gave it: empty storage, freshly migrated databases, real timers, the helpers' first phone and address.
vi.useRealTimers();
restartCounters();
await wipeStorage();
// All migrations go in as one batch (one round trip, one transaction): applying them one by one
// (applyD1Migrations) cost each file seconds. migrations.test.ts applies them step by step.
// The second city's database (wrangler.toml's DB_JINAN) is migrated too, for test/worker/cities.test.ts.
const statements = env.TEST_MIGRATIONS.flatMap((migration) => migration.queries);
await Promise.all([env.DB, env.DB_JINAN!].map((db) => db.batch(statements.map((statement) => db.prepare(statement)))));
