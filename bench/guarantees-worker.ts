// For `npm run bench`: the sign-up's guarantees and nothing else — Lifeline's own statements
// (worker/db), in its two round trips: the address and person rate-limit counts, the login's person
// with donor history and the stored answer to an Idempotency-Key, the slot; then the booking with its
// outbox row and profile facts. None of Lifeline's routing, middleware, validation, rules or queue.
// Between the bare Worker and Lifeline it tells what the guarantees' SQL costs from what the rest does.
import { database } from '../worker/db/client.ts';
import { runBatch } from '../worker/db/prepared.ts';
import { addressAndPersonCounter } from '../worker/db/rate-limits.ts';
import { signUp, signUpFacts } from '../worker/db/registrations.ts';
import { sha256 } from '../worker/lib/tokens.ts';

interface Env {
  DB: D1Database;
  HASH_KEY: string;
}

const refused = (error: string, status: number) => Response.json({ error }, { status });

export default {
  async fetch(request: Request, env: Env) {
    const slotId = new URL(request.url).pathname.split('/')[3]!;
    const token = /lifeline_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    if (!token) return refused('unauthenticated', 401);
    const { name } = (await request.json()) as { name: string };
    const db = database(env.DB);
    const now = Date.now();
    const tokenHash = await sha256(token);
    // The sign-up route's limits (worker/routes/sign-ups.ts); they are never reached here.
    const counts = await addressAndPersonCounter(
      db,
      env.HASH_KEY,
      { key: `signup-ip:${request.headers.get('cf-connecting-ip')}`, max: 3000, windowSec: 600 },
      { name: 'signup-person', max: 20, windowSec: 600 },
      tokenHash,
      now,
    );
    const [counted, [facts]] = await runBatch(db, [
      counts.query,
      signUpFacts(db, { tokenHash, now, idempotencyKey: null, savedIdNumber: 0, slotId }),
    ]);
    if (!facts) return refused('unauthenticated', 401);
    if (counts.verdicts(counted).some((state) => !state.allowed)) return refused('rate_limited', 429);
    if (!facts.session) return refused('not_found', 404);
    const id = crypto.randomUUID();
    const code = id.slice(0, 8).toUpperCase();
    const result = await signUp(db, {
      id,
      code,
      slotId,
      personId: facts.person.id,
      name,
      answers: {},
      idNumberEncrypted: null,
      windowIndex: null,
      windowStartsAt: null,
      profile: { name: facts.person.name ? null : name, gender: null, birthDateEncrypted: null, birthYear: null },
    });
    return result.outcome === 'booked'
      ? Response.json({ registration: { id, code, status: result.status, slotId } }, { status: 201 })
      : refused(result.outcome, 409);
  },
};
