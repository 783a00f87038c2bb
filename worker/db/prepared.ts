// Statements rendered to SQL once per isolate and only bound per request. drizzle renders a query
// by walking its chunks on every call; on the sign-up, the busiest route, that walk was the largest
// share of the Worker's CPU (a quarter, in a profile of `npm run bench`'s load), more than D1's
// own calls. A prepared statement is written like any other query, with named placeholders for
// its values; binding them is a copy.
import { fillPlaceholders, sql, type Placeholder, type Query, type SQL } from 'drizzle-orm';
import { dialect, statement, type Database } from './client.ts';

type D1Result = Awaited<ReturnType<D1PreparedStatement['all']>>;

/** One statement of a D1 batch, and how to read its rows. */
export interface Statement<Rows> {
  statement: D1PreparedStatement;
  rows(result: D1Result): Rows;
}

/** A statement's values, each as the placeholder of its name while the statement is rendered. */
export type Placeholders<Values> = { readonly [K in keyof Values]: Placeholder<K & string, Values[K]> };

const placeholders = <Values>() =>
  new Proxy({}, { get: (_, name) => sql.placeholder(String(name)) }) as Placeholders<Values>;

/** A rendered query bound to its values: placeholders filled from `values`, or its own params as rendered. */
const bound = (db: Database, query: Query, values?: object) =>
  db.$client
    .prepare(query.sql)
    .bind(...(values ? fillPlaceholders(query.params, values as Record<string, unknown>) : query.params));

/** A drizzle query built from named values (its rows mapped by drizzle, as when awaited), rendered once. */
export function preparedQuery<Values extends object, Q extends PromiseLike<unknown> & DrizzlePreparable>(
  build: (db: Database, values: Placeholders<Values>) => Q,
) {
  let prepared: ReturnType<Q['prepare']> | undefined;
  return (db: Database, values: Values): Statement<Awaited<Q>> => {
    prepared ??= build(db, placeholders<Values>()).prepare() as ReturnType<Q['prepare']>;
    return {
      statement: bound(db, prepared.getQuery(), values),
      rows: (result) => prepared!.mapResult(result, true) as Awaited<Q>,
    };
  };
}

/** An `sql` statement built from named values, rendered once; its rows as D1 gives them. */
export function preparedSql<Values extends object, Row = never>(build: (values: Placeholders<Values>) => SQL) {
  let query: Query | undefined;
  return (db: Database, values: Values): Statement<Row[]> => {
    query ??= dialect.sqlToQuery(build(placeholders<Values>()));
    return { statement: bound(db, query, values), rows: (result) => result.results as Row[] };
  };
}

/** A drizzle query rendered now, for one whose shape changes per request, to join a batch of prepared ones. */
export function queryStatement<Q extends PromiseLike<unknown> & DrizzlePreparable>(db: Database, query: Q) {
  const prepared = query.prepare();
  return {
    statement: bound(db, prepared.getQuery()),
    rows: (result) => prepared.mapResult(result, true) as Awaited<Q>,
  } satisfies Statement<Awaited<Q>>;
}

/** An `sql` statement rendered now, to join a batch of prepared ones. */
export function sqlStatement<Row = never>(db: Database, query: SQL): Statement<Row[]> {
  return { statement: statement(db, query), rows: (result) => result.results as Row[] };
}

/** What `preparedQuery` needs of a drizzle query: its `prepare()`, whose SQL and row mapping are kept. */
interface DrizzlePreparable {
  prepare(): { getQuery(): Query; mapResult(response: unknown, isFromBatch?: boolean): unknown };
}

/** The rows of each statement of a batch. */
export type BatchRows<T> = { [K in keyof T]: T[K] extends Statement<infer R> ? R : never };

/** The rows a statement-maker's statements read. */
export type Rows<F extends (...args: never[]) => Statement<unknown>> =
  ReturnType<F> extends Statement<infer R> ? R : never;

/** Runs statements as one D1 batch (one round trip, one transaction) and reads each one's rows. */
export async function runBatch<const T extends readonly Statement<unknown>[]>(db: Database, statements: T) {
  const results = await db.$client.batch(statements.map((item) => item.statement));
  return statements.map((item, i) => item.rows(results[i]!)) as BatchRows<T>;
}

/** Runs `sql` statements rendered now as one D1 batch (one transaction) and returns each one's rows. */
export function batch<T extends unknown[][]>(db: Database, queries: SQL[]): Promise<T> {
  return runBatch(
    db,
    queries.map((query) => sqlStatement(db, query)),
  ) as Promise<unknown[][]> as Promise<T>;
}

/** Runs one statement (one round trip) and reads its rows. */
export async function runOne<R>(item: Statement<R>): Promise<R> {
  return item.rows(await item.statement.all());
}
