import { drizzle } from 'drizzle-orm/d1';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

export type Database = ReturnType<typeof database>;

/** One drizzle handle per binding and isolate: it holds no state of a request, so requests share it. */
const handles = new WeakMap<D1Database, ReturnType<typeof drizzle<Record<string, never>, D1Database>>>();

/**
 * Reads and writes at D1's primary: what a person reads after their own write includes it.
 * D1 itself tries a read-only query up to twice more on a transient error (changelog of
 * 2025-09-11, "D1 automatically retries read-only queries"), so the Worker adds no retries of its
 * own; writes are not retried, and the routes that need it take an Idempotency-Key instead.
 */
export function database(d1: D1Database) {
  let db = handles.get(d1);
  if (!db) {
    // No schema: the queries are built with the query builder, never drizzle's relational API, and
    // a schema makes drizzle() map every table's relations again, on each call (7% of a sign-up's CPU).
    db = drizzle(d1);
    handles.set(d1, db);
  }
  return db;
}

/** One database handle per request, `c.var.db`, at the primary: for every route of the API. */
export const withDatabase = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', database(c.env.DB));
  await next();
});

/**
 * For public reads that may be a moment behind (the campaign list and page, anonymous
 * leaderboards): with read replication on, `c.var.db` answers from the nearest read replica
 * (`withSession`). A person's own data and every write stay at the primary, so they read their
 * own writes without carrying a bookmark: a route that `loadPerson`s before this keeps a signed-in
 * person there. (drizzle's types name D1Database only; a replica has the `prepare` and `batch` it uses.)
 */
export const publicRead = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.var.person) c.set('db', drizzle(c.env.DB.withSession('first-unconstrained') as unknown as D1Database));
  await next();
});

/** Renders `sql` templates to D1's SQL and params (worker/db/prepared.ts renders with it too). */
export const dialect = new SQLiteAsyncDialect();

/**
 * A D1 statement from an `sql` template. drizzle's own batch cannot bind raw SQL, and the
 * check-and-write statements here are raw SQL, so batches of them go to D1 directly (prepared.ts).
 */
export function statement(db: Database, query: SQL): D1PreparedStatement {
  const { sql, params } = dialect.sqlToQuery(query);
  return db.$client.prepare(sql).bind(...params);
}
