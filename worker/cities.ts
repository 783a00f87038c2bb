// Which city a request is for. One Worker may serve several cities, each from its own D1 database
// (docs/scale.md, "One step simulated"): the request's host picks the city, and that city's env —
// the Worker's bindings with the city's database, name and districts in place of the default
// city's — is the `c.env` every route reads. The crons and the queue consumer run per city's env.
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Bindings } from './env.ts';

/** A city besides the default one (the top-level DB, CITY_NAME, DISTRICTS): wrangler.toml's CITIES. */
export interface City {
  /** Short and stable: a notification message carries it, so the consumer opens this city's database. */
  id: string;
  /** The hosts its people and staff use, e.g. a custom domain per city. */
  hosts: string[];
  /** Its D1 binding in wrangler.toml. */
  database: `DB_${string}`;
  name: string;
  districts: string[];
}

function envOf(env: Bindings, city: City): Bindings {
  const db = env[city.database];
  // A city listed without its binding is a deploy's mistake: refuse rather than serve the default city's data.
  if (!db) throw new Error(`wrangler.toml: city ${city.id} names the D1 binding ${city.database}, which is missing`);
  return { ...env, DB: db, CITY: city.id, CITY_NAME: city.name, DISTRICTS: city.districts };
}

/** The env of the city whose hosts include `host`; any other host (localhost too) is the default city. */
export function envOfHost(env: Bindings, host: string): Bindings {
  const city = env.CITIES?.find((candidate) => candidate.hosts.includes(host));
  return city ? envOf(env, city) : env;
}

/** The env of the city with this id, as a queue message names it; no id is the default city. */
export function envOfCity(env: Bindings, id: string | undefined): Bindings {
  if (id === undefined) return env;
  const city = env.CITIES?.find((candidate) => candidate.id === id);
  if (!city) throw new Error(`wrangler.toml: no city ${id} in CITIES`);
  return envOf(env, city);
}

/** Runs `work` for every city's env, each to its end whatever another's does; fails after if any failed. */
export async function forEveryCity(env: Bindings, work: (cityEnv: Bindings) => Promise<void>) {
  const ids = [undefined, ...(env.CITIES ?? []).map((city) => city.id)];
  const outcomes = await Promise.allSettled(ids.map(async (id) => work(envOfCity(env, id))));
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
}

/** Puts the request in its host's city: everything after it reads that city's `c.env`. */
export const cityOfHost = createMiddleware<AppEnv>(async (c, next) => {
  c.env = envOfHost(c.env, new URL(c.req.url).hostname);
  await next();
});
