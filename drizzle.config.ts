import { defineConfig } from 'drizzle-kit';

// drizzle-kit only generates SQL here; `wrangler d1 migrations apply` is what applies it.
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/schema.ts',
  out: './migrations',
  migrations: { prefix: 'index' },
});
