import { drizzle } from 'drizzle-orm/d1';
import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { retryReads } from './read-retries.ts';
import * as schema from './schema.ts';

export type Database = ReturnType<typeof database>;

export function database(d1: D1Database) {
  return drizzle(retryReads(d1), { schema });
}

const dialect = new SQLiteAsyncDialect();

/**
 * A D1 statement from an `sql` template. drizzle's own batch cannot bind raw SQL, and the
 * check-and-write statements here are raw SQL, so batches of them go to D1 directly.
 */
export function statement(db: Database, query: SQL): D1PreparedStatement {
  const { sql, params } = dialect.sqlToQuery(query);
  return db.$client.prepare(sql).bind(...params);
}

/** Runs statements as one D1 batch (one transaction) and returns each one's rows. */
export async function batch<T extends unknown[][]>(db: Database, queries: SQL[]): Promise<T> {
  const results = await db.$client.batch(queries.map((query) => statement(db, query)));
  return results.map((result) => result.results) as T;
}
