import { availableParallelism } from 'node:os';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { smsGateway } from './test/sms-gateway.ts';

// The fuzz tests' seed: fixed in CI, so a red build is the code's doing and replays as it was;
// a new one each local run, so the inputs differ over time. A failure prints it.
const FUZZ_SEED = process.env.FUZZ_SEED ?? (process.env.CI ? '20261206' : String(Math.floor(Math.random() * 2 ** 31)));

export default defineConfig({
  test: {
    // Request logs are useful when a test fails and noise when it passes.
    silent: 'passed-only',
    // vitest's own teardown race (vitest-dev/vitest#11153, open): a test file's worker can close
    // while one of its console lines is still on its way to the reporter, and the run then exits 1
    // with every test passed. That one error is let through (it costs a log line of a passed file);
    // every other unhandled error still fails the run.
    onUnhandledError: ({ name, message }) =>
      !/EnvironmentTeardownError.*"onUserConsoleLog" was pending/s.test(`${name}: ${message}`),
    // One test file per core (Vitest's default leaves one core idle: a single file at a time on the
    // 2-core machines here). A file mostly waits on workerd, wrangler dev or Chromium.
    maxWorkers: availableParallelism(),
    projects: [
      {
        // Worker tests run inside workerd with the real wrangler.toml and local D1 databases, emptied per test file.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                EXPOSE_DEV_OTP: 'true',
                ID_NUMBER_KEY: 'dGVzdC1rZXktZm9yLWlkLW51bWJlcnMtMzItYnl0ZXM',
                HASH_KEY: 'test-key-for-code-and-rate-limit-hashes',
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
                FUZZ_SEED: FUZZ_SEED,
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? '',
              },
              // An empty database of its own, for the tests that migrate a populated database step by step.
              d1Databases: { MIGRATION_TEST_DB: 'migration-test' },
              // The Worker's outbound requests: only the SMS gateway's stand-in answers.
              outboundService: smsGateway,
            },
          })),
        ],
        test: {
          name: 'worker',
          // One workerd and one import of the Worker for the files a pool worker runs in turn, instead
          // of a workerd and an import per file, which were most of this project's time. The setup file
          // gives each file what a workerd of its own did: empty, freshly migrated storage (fresh-storage.ts).
          isolate: false,
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['./test/worker/apply-migrations.ts'],
        },
      },
      {
        // Browser tests drive Debian's headless Chromium against `wrangler dev`.
        test: {
          name: 'browser',
          // Each file launches its own Chromium and names its records after its own start, so the
          // files need no fresh module state: one import of Playwright per pool worker, not per file.
          isolate: false,
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/browser/serve.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
