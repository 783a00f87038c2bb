import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Setup files run before each test file; applying is idempotent, and storage is per file. The second
// city's database (wrangler.toml's DB_JINAN) is migrated too, for test/worker/cities.test.ts.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await applyD1Migrations(env.DB_JINAN!, env.TEST_MIGRATIONS);
