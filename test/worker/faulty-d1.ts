// A D1 binding that fails on purpose: the real local D1 behind a proxy that counts every round
// trip (a statement's run/all/first/raw, or a batch) and makes one of them fail the way D1 does
// when it is overloaded, restarting or out of reach. A read that fails here is one that D1's own
// retries (of read-only queries) could not save either.

const WRITE = /\b(insert|update|delete|replace|create|drop|alter|pragma)\b/i;

/** A SELECT (or WITH … SELECT) that writes nothing; anything else counts as a write. */
const isRead = (query: string) => /^\s*(select|with)\b/i.test(query) && !WRITE.test(query);

/** D1's own messages for transient failures, from its documented list of D1_ERRORs. */
export const D1_OUTAGES = [
  'D1_ERROR: D1 DB is overloaded. Too many requests queued.',
  'D1_ERROR: D1 DB is overloaded. Requests queued for too long.',
  'D1_ERROR: Network connection lost.',
  'D1_ERROR: D1 DB storage operation exceeded timeout which caused object to be reset.',
  'D1_ERROR: Internal error while starting up D1 DB storage caused object to be reset.',
  'D1_ERROR: D1 DB reset because its code was updated.',
  'D1_ERROR: Cannot resolve D1 DB due to transient issue on remote node.',
];

/**
 * How the chosen round trip fails: before reaching D1 (`fail`), after D1 did the work but before
 * the answer came back (`lose-answer`, a write that happened though the Worker saw an error), or
 * after the request's other round trips are done (`hang`, as a query stuck until D1's own timeout).
 */
export type FaultMode = 'fail' | 'lose-answer' | 'hang';

export interface Fault {
  /** Index of the round trip that fails, counted from 0 over the whole request. */
  at: number;
  mode: FaultMode;
  message: string;
  /** D1 stays down: every round trip from `at` on fails (else only that one). */
  lasting?: boolean;
}

/** A round trip as the proxy saw it: a short form of its SQL, and whether it only reads. */
export interface Step {
  label: string;
  read: boolean;
}

export interface FaultyD1 {
  db: D1Database;
  steps: Step[];
}

type Queryable = Pick<D1Database, 'prepare' | 'batch'>;

export function faultyD1(real: D1Database, fault: Fault | null = null): FaultyD1 {
  const steps: Step[] = [];
  const realStatement = new WeakMap<object, { statement: D1PreparedStatement; read: boolean }>();
  const inFlight = new Set<Promise<unknown>>();

  async function roundTrip<T>(step: Step, run: () => Promise<T>): Promise<T> {
    const index = steps.push(step) - 1;
    if (!fault || index < fault.at || (index > fault.at && !fault.lasting)) {
      const answer = run();
      inFlight.add(answer);
      return answer.finally(() => inFlight.delete(answer));
    }
    // A stuck query fails only after every other round trip of the request has had its answer:
    // waited for as that condition, not for a time.
    if (fault.mode === 'hang') while (inFlight.size > 0) await Promise.allSettled(inFlight);
    if (fault.mode === 'lose-answer') await run();
    throw new Error(fault.message);
  }

  const wrapStatement = (statement: D1PreparedStatement, step: Step): D1PreparedStatement => {
    const proxy = {
      bind: (...values: unknown[]) => wrapStatement(statement.bind(...values), step),
      run: () => roundTrip(step, () => statement.run()),
      all: () => roundTrip(step, () => statement.all()),
      first: (column?: string) =>
        roundTrip(step, () => (column === undefined ? statement.first() : statement.first(column))),
      raw: (options?: { columnNames?: boolean }) =>
        roundTrip(step, () => statement.raw(options as { columnNames: true })),
    };
    realStatement.set(proxy, { statement, read: step.read });
    return proxy as unknown as D1PreparedStatement;
  };

  const wrap = (target: Queryable) => ({
    prepare: (query: string) =>
      wrapStatement(target.prepare(query), {
        label: query.replace(/\s+/g, ' ').trim().slice(0, 60),
        read: isRead(query),
      }),
    batch: (statements: D1PreparedStatement[]) => {
      const entries = statements.map((statement) => realStatement.get(statement) ?? { statement, read: false });
      const step = { label: `batch of ${statements.length}`, read: entries.every((entry) => entry.read) };
      return roundTrip(step, () => target.batch(entries.map((entry) => entry.statement)));
    },
  });

  const db = {
    ...wrap(real),
    exec: (query: string) => roundTrip({ label: 'exec', read: false }, () => real.exec(query)),
    dump: () => real.dump(),
    // Read replicas (`withSession`) go through the same proxy.
    withSession: (constraint?: string) => {
      const replica = real.withSession(constraint as D1SessionConstraint);
      return { ...wrap(replica), getBookmark: () => replica.getBookmark() };
    },
  };
  return { db: db as unknown as D1Database, steps };
}
