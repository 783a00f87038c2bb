// Fixed-window counters in D1: they hold across isolates and machines, under wrangler dev,
// in tests and in production alike. Keys are stored as HMACs under HASH_KEY, so no address or
// email is stored, nor can one be found again by hashing guesses.
import { and, eq, lt, sql } from 'drizzle-orm';
import { keyedHash } from '../lib/keyed-hash.ts';
import { liveCitizenLogin, loginPersonId } from './logins.ts';
import type { Database } from './client.ts';
import { preparedQuery, preparedSql, runOne, type Placeholders, type Statement } from './prepared.ts';
import { logins, rateLimits } from './schema.ts';

export interface Limit {
  /** What is counted, e.g. `otp-ip:203.0.113.7`. */
  key: string;
  max: number;
  windowSec: number;
}

/** A limit per signed-in person, counted by their login: `name` says what is counted, e.g. `signup-person`. */
export interface PersonLimit {
  name: string;
  max: number;
  windowSec: number;
}

/**
 * The start of a person limit's key: the person's id follows, a random UUID that tells nothing
 * about them, so SQL can build the key unhashed from the login it reads.
 */
const personKeyPrefix = (limit: Pick<PersonLimit, 'name'>) => `${limit.name}:`;

export interface LimitState {
  count: number;
  allowed: boolean;
  retryAfterSec: number;
}

function window(limit: Pick<Limit, 'windowSec'>, now: number) {
  const windowMs = limit.windowSec * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, retryAfterSec: Math.ceil((start + windowMs - now) / 1000) };
}

const countOneMore = { target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } };

/** What a counting statement's row says: the count with this event, and whether it is within the limit. */
function verdict(rows: { count: number }[], limit: Pick<Limit, 'max' | 'windowSec'>, now: number): LimitState {
  const count = rows[0]?.count ?? 1;
  return { count, allowed: count <= limit.max, retryAfterSec: window(limit, now).retryAfterSec };
}

/** Counting one more event as a statement that can join a D1 batch, and how to read what it returned. */
function counter(query: Statement<{ count: number }[]>, limit: Pick<Limit, 'max' | 'windowSec'>, now: number) {
  return { query, verdict: (rows: { count: number }[]) => verdict(rows, limit, now) };
}

const countOneMoreOf = preparedQuery((db, key: Placeholders<{ key: string; windowStart: number }>) =>
  db
    .insert(rateLimits)
    .values({ key: key.key, windowStart: key.windowStart, count: 1 })
    .onConflictDoUpdate(countOneMore)
    .returning({ count: rateLimits.count }),
);

/** `hashKey` is the HASH_KEY secret (lib/keyed-hash.ts). */
export async function eventCounter(db: Database, hashKey: string, limit: Limit, now = Date.now()) {
  const key = await keyedHash(hashKey, limit.key);
  return counter(countOneMoreOf(db, { key, windowStart: window(limit, now).start }), limit, now);
}

const countOneMoreForLogin = preparedQuery(
  (db, login: Placeholders<{ prefix: string; windowStart: number; tokenHash: string; now: number }>) =>
    db
      .insert(rateLimits)
      .select(
        db
          .select({
            key: sql<string>`${login.prefix} || ${logins.personId}`.as('key'),
            windowStart: sql<number>`${login.windowStart}`.as('window_start'),
            count: sql<number>`1`.as('count'),
          })
          .from(logins)
          .where(liveCitizenLogin(login.tokenHash, login.now)),
      )
      .onConflictDoUpdate(countOneMore)
      .returning({ count: rateLimits.count }),
);

/**
 * Counts one more event for the person holding a live login, in the batch that reads the
 * login (no extra round trip). No row comes back when the login is not live.
 */
export function personEventCounter(db: Database, limit: PersonLimit, loginHash: string, now = Date.now()) {
  const query = countOneMoreForLogin(db, {
    prefix: personKeyPrefix(limit),
    windowStart: window(limit, now).start,
    tokenHash: loginHash,
    now,
  });
  return counter(query, limit, now);
}

const countOneMoreOfBoth = preparedSql<
  { key: string; windowStart: number; prefix: string; personWindowStart: number; tokenHash: string; now: number },
  { key: string; count: number }
>(
  (both) => sql`
  INSERT INTO ${rateLimits} (key, window_start, count)
  SELECT ${both.key}, ${both.windowStart}, 1
  UNION ALL
  SELECT ${both.prefix} || ${logins.personId}, ${both.personWindowStart}, 1 FROM ${logins}
  WHERE ${liveCitizenLogin(both.tokenHash, both.now)}
  ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
  RETURNING key, count`,
);

/**
 * `eventCounter` and `personEventCounter` in ONE statement: each statement of a D1 batch costs D1
 * and the Worker time of their own, and the sign-up, the busiest route, counts both. The rows
 * come back told apart by their keys.
 */
export async function addressAndPersonCounter(
  db: Database,
  hashKey: string,
  byAddress: Limit,
  byPerson: PersonLimit,
  loginHash: string,
  now = Date.now(),
) {
  const key = await keyedHash(hashKey, byAddress.key);
  const query = countOneMoreOfBoth(db, {
    key,
    windowStart: window(byAddress, now).start,
    prefix: personKeyPrefix(byPerson),
    personWindowStart: window(byPerson, now).start,
    tokenHash: loginHash,
    now,
  });
  return {
    query,
    /** The address's state, then the person's. */
    verdicts(rows: { key: string; count: number }[]) {
      const ofAddress = rows.filter((row) => row.key === key);
      const ofPerson = rows.filter((row) => row.key !== key);
      return [verdict(ofAddress, byAddress, now), verdict(ofPerson, byPerson, now)] as const;
    },
  };
}

/** Reads, without adding to it, what `personEventCounter` counts; a query that can join a D1 batch. */
export function personLimitPeek(db: Database, limit: PersonLimit, loginHash: string, now = Date.now()) {
  const { start, retryAfterSec } = window(limit, now);
  const query = db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(
      and(
        eq(rateLimits.key, sql`${personKeyPrefix(limit)} || (${loginPersonId(db, loginHash, now)})`),
        eq(rateLimits.windowStart, start),
      ),
    );
  return {
    query,
    verdict(rows: { count: number }[]): LimitState {
      const count = rows[0]?.count ?? 0;
      return { count, allowed: count < limit.max, retryAfterSec };
    },
  };
}

/** Counts one more event and says whether it is still within the limit (one statement). */
export async function consume(db: Database, hashKey: string, limit: Limit, now = Date.now()): Promise<LimitState> {
  const { query, verdict } = await eventCounter(db, hashKey, limit, now);
  return verdict(await runOne(query));
}

/** Reads the current count without adding to it. */
export async function peek(db: Database, hashKey: string, limit: Limit, now = Date.now()): Promise<LimitState> {
  const { start, retryAfterSec } = window(limit, now);
  const row = await db
    .select({ count: rateLimits.count })
    .from(rateLimits)
    .where(and(eq(rateLimits.key, await keyedHash(hashKey, limit.key)), eq(rateLimits.windowStart, start)))
    .get();
  const count = row?.count ?? 0;
  return { count, allowed: count < limit.max, retryAfterSec };
}

export async function deleteExpiredWindows(db: Database, now = Date.now()) {
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, now - 24 * 60 * 60 * 1000));
}
