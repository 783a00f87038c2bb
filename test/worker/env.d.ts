import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** Replays a fuzz run (test/worker/fuzz.test.ts); empty for the default seed. */
      FUZZ_SEED: string;
      FUZZ_RUNS: string;
      /** Left unmigrated by the setup file: test/worker/migrations.test.ts migrates it step by step. */
      MIGRATION_TEST_DB: D1Database;
    }
  }
}
