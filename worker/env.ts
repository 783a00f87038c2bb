import type { City } from './cities.ts';
import type { Database } from './db/client.ts';
import type { Person } from './db/people.ts';
import type { Language } from './lib/messages.ts';
import type { NotificationMessage } from './notifications/deliver.ts';

/** Bindings and variables from wrangler.toml, secrets and `wrangler dev --var`. */
export interface Bindings {
  /** The city's database: in a city's env (worker/cities.ts), that city's. */
  DB: D1Database;
  ASSETS: Fetcher;
  CITY_NAME: string;
  DISTRICTS: string[];
  /** Other cities served by this Worker, each from its own database, chosen by host (worker/cities.ts). */
  CITIES?: City[];
  /** Their databases, bound as DB_<CITY> in wrangler.toml. */
  [cityDatabase: `DB_${string}`]: D1Database | undefined;
  /** In the env of one of CITIES, its id (set by worker/cities.ts); unset for the default city. */
  CITY?: string;
  /** "true" only in local development and tests: OTP responses then carry the code. */
  EXPOSE_DEV_OTP?: string;
  /**
   * Where the webhook SMS sender posts (with SMS_WEBHOOK_SECRET). Without them texts go to the
   * console only where EXPOSE_DEV_OTP is "true"; anywhere else every text is refused (lib/sms.ts).
   */
  SMS_WEBHOOK_URL?: string;
  SMS_WEBHOOK_SECRET?: string;
  /** 32 random bytes, base64url: encrypts ID numbers and birth dates at rest (a secret in production). */
  ID_NUMBER_KEY?: string;
  /** Keys of later versions, after rotations (lib/crypto.ts): the highest one encrypts. */
  [rotatedKey: `ID_NUMBER_KEY_${number}`]: string | undefined;
  /**
   * Keys the digests of sign-in codes and rate-limit keys (lib/keyed-hash.ts), so a copy of the
   * database cannot be checked against guesses. Required: nothing falls back to plain SHA-256.
   */
  HASH_KEY?: string;
  /** "true" in the deployed environments: one JSON log line per request (lib/request-log.ts). */
  LOG_REQUESTS?: string;
  /** The outbox's queue (notifications to people); without it they stay queued in D1. */
  NOTIFICATIONS?: Queue<NotificationMessage>;
  /** One Durable Object per live quiz final (worker/quiz-final/game.ts; quiz-final/sockets.ts types its stub). */
  QUIZ_FINAL: DurableObjectNamespace;
}

/** The signed-in citizen's whole profile: loaded with the login, in the same query. */
export type SignedInPerson = Person;

export interface SignedInStaff {
  id: string;
  email: string;
  role: 'admin' | 'organizer' | 'checkin';
  organizationId: string | null;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    language: Language;
    /** The request's database handle (db/client.ts): the primary, or a replica for public reads. */
    db: Database;
    person?: SignedInPerson;
    staff?: SignedInStaff;
  };
}
