// Reads that D1 refused for a passing reason (overloaded, restarting, connection lost) are tried
// again: a read changes nothing, so a second try is safe. Writes are not tried again here, since
// "Network connection lost" can arrive after a write committed; clients retry those, and the
// routes that need it make the retry safe with an Idempotency-Key.
import { isDatabaseUnavailable } from '../lib/errors.ts';

/** Waits before the second and the third try: short, since a person is waiting for the page. */
const RETRY_DELAYS_MS = [25, 100];

const WRITE = /\b(insert|update|delete|replace|create|drop|alter|pragma)\b/i;

/** A SELECT (or WITH … SELECT) that writes nothing; anything else counts as a write. */
export const isRead = (query: string) => /^\s*(select|with)\b/i.test(query) && !WRITE.test(query);

async function tryReading<T>(read: boolean, run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!read || attempt >= RETRY_DELAYS_MS.length || !isDatabaseUnavailable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

class RetryingStatement {
  constructor(
    readonly statement: D1PreparedStatement,
    readonly read: boolean,
  ) {}

  bind(...values: unknown[]) {
    return new RetryingStatement(this.statement.bind(...values), this.read);
  }

  first(column?: string) {
    return tryReading(this.read, () => (column === undefined ? this.statement.first() : this.statement.first(column)));
  }

  run() {
    return tryReading(this.read, () => this.statement.run());
  }

  all() {
    return tryReading(this.read, () => this.statement.all());
  }

  raw(options?: { columnNames?: boolean }) {
    return tryReading(this.read, () => this.statement.raw(options as { columnNames: true }));
  }
}

type Queryable = Pick<D1Database, 'prepare' | 'batch'>;

const unwrap = (statement: D1PreparedStatement) =>
  statement instanceof RetryingStatement ? statement.statement : statement;

function retrying(target: Queryable) {
  return {
    prepare: (query: string) =>
      new RetryingStatement(target.prepare(query), isRead(query)) as unknown as D1PreparedStatement,
    batch: (statements: D1PreparedStatement[]) => {
      // A batch is one transaction: it may be tried again only when none of its statements writes.
      const read = statements.every((statement) => statement instanceof RetryingStatement && statement.read);
      return tryReading(read, () => target.batch(statements.map(unwrap)));
    },
  };
}

/** The binding with its reads retried on D1's transient errors; everything else passes through. */
export function retryReads(d1: D1Database): D1Database {
  return {
    ...retrying(d1),
    exec: (query: string) => d1.exec(query),
    dump: () => d1.dump(),
    withSession: (constraint?: D1SessionConstraint) => {
      const session = d1.withSession(constraint);
      return { ...retrying(session), getBookmark: () => session.getBookmark() };
    },
  } as unknown as D1Database;
}
