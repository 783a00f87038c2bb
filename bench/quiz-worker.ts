// Only for `npm run bench`: Lifeline's own app, with D1's meta for every query of a request
// (rows read and written) returned in an `x-d1-queries` header, and one extra route that
// ranks a player the naive way (COUNT(*) of everyone ahead) to compare with.
import { app } from '../worker/app.ts';
import type { Bindings } from '../worker/env.ts';

// wrangler.toml binds QUIZ_FINAL to this class: without it in the module, wrangler dev starts but
// answers nothing.
export { QuizFinal } from '../worker/quiz-final/game.ts';

export interface MeteredQuery {
  sql: string;
  read: number;
  written: number;
  /** D1's own time for the query (meta.duration), without the Worker's and the proxy's. */
  ms: number;
}

type Statement = D1PreparedStatement & { statement: string; params: unknown[]; dbSession: InternalSession };
interface InternalSession {
  _sendOrThrow(
    endpoint: string,
    sql: string,
    params: unknown[],
    format: string,
    span: unknown,
  ): Promise<D1Result | D1Result[]>;
}

// The span argument the binding's internal call expects; nothing is traced here.
const noSpan = { setAttribute() {}, setAttributes() {} };

function metered(db: D1Database, log: MeteredQuery[]): D1Database {
  const record = (sql: string, meta: D1Meta) =>
    log.push({
      sql: sql.replace(/\s+/g, ' ').trim().slice(0, 70),
      read: meta.rows_read,
      written: meta.rows_written,
      ms: meta.duration,
    });
  const wrap = (stmt: Statement): D1PreparedStatement =>
    Object.assign(Object.create(stmt) as Statement, {
      inner: stmt,
      bind: (...values: unknown[]) => wrap(stmt.bind(...values) as Statement),
      all: async () => {
        const result = await stmt.all();
        record(stmt.statement, result.meta);
        return result;
      },
      run: async () => {
        const result = await stmt.run();
        record(stmt.statement, result.meta);
        return result;
      },
      first: async (column?: string) => {
        const result = await stmt.all<Record<string, unknown>>();
        record(stmt.statement, result.meta);
        const row = result.results[0];
        return row === undefined ? null : column === undefined ? row : row[column];
      },
      // raw() drops D1's meta, so ask the binding the way raw() itself does and keep it.
      raw: async () => {
        const answer = await stmt.dbSession._sendOrThrow(
          '/query',
          stmt.statement,
          stmt.params,
          'ROWS_AND_COLUMNS',
          noSpan,
        );
        const result = (Array.isArray(answer) ? answer[0]! : answer) as unknown as {
          meta: D1Meta;
          results?: { rows: unknown[][] };
        };
        record(stmt.statement, result.meta);
        return result.results?.rows ?? [];
      },
    });
  return Object.assign(Object.create(db) as D1Database, {
    prepare: (sql: string) => wrap(db.prepare(sql) as Statement),
    batch: async (statements: (D1PreparedStatement & { inner?: D1PreparedStatement })[]) => {
      const results = await db.batch(statements.map((s) => s.inner ?? s));
      results.forEach((result, i) => {
        record((statements[i]!.inner as Statement | undefined)?.statement ?? '?', result.meta);
      });
      return results;
    },
    // Public reads go through a read replica (`withSession`): metered the same way.
    withSession: (constraint?: string) => metered(db.withSession(constraint) as unknown as D1Database, log),
  });
}

/** The naive rank: every player ahead of this one counted through the board index. */
async function countRank(db: D1Database, seasonId: string, personId: string) {
  const started = Date.now();
  const result = await db
    .prepare(
      `SELECT 1 + (SELECT count(*) FROM quiz_players p WHERE p.season_id = me.season_id AND p.score > me.score)
         + (SELECT count(*) FROM quiz_players p WHERE p.season_id = me.season_id AND p.score = me.score
             AND (p.time_ms, p.finished_at, p.person_id) < (me.time_ms, me.finished_at, me.person_id)) AS rank
       FROM quiz_players me WHERE me.season_id = ?1 AND me.person_id = ?2`,
    )
    .bind(seasonId, personId)
    .all<{ rank: number }>();
  return Response.json(
    { rank: result.results[0]?.rank },
    {
      headers: {
        'x-d1-queries': JSON.stringify([
          { sql: 'naive rank', read: result.meta.rows_read, written: 0, ms: result.meta.duration },
        ]),
        'x-worker-ms': String(Date.now() - started),
      },
    },
  );
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/api/_bench/count-rank')
      return countRank(env.DB, url.searchParams.get('season')!, url.searchParams.get('person')!);
    const log: MeteredQuery[] = [];
    // Workers clocks move only across I/O, so this is the request's D1 time at 1 ms resolution.
    const started = Date.now();
    const response = await app.fetch(request, { ...env, DB: metered(env.DB, log) }, ctx);
    const headers = new Headers(response.headers);
    headers.set('x-d1-queries', JSON.stringify(log));
    headers.set('x-worker-ms', String(Date.now() - started));
    return new Response(response.body, { status: response.status, headers });
  },
} satisfies ExportedHandler<Bindings>;
