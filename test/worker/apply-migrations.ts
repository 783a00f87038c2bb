import { env } from 'cloudflare:workers';

// Setup files run before each test file, and storage is per file: every file starts from empty
// databases. All migrations go in as one batch (one round trip, one transaction): applying them one
// by one (applyD1Migrations) cost each file seconds. migrations.test.ts applies them step by step.
// The second city's database (wrangler.toml's DB_JINAN) is migrated too, for test/worker/cities.test.ts.
const statements = env.TEST_MIGRATIONS.flatMap((migration) => migration.queries);
await Promise.all([env.DB, env.DB_JINAN!].map((db) => db.batch(statements.map((statement) => db.prepare(statement)))));
