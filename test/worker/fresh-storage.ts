import { listDurableObjectIds, reset, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

/** Quiz finals' objects already wiped in this workerd: each final's object is named by its final's random id, used by one file. */
const wiped = new Set<string>();

/**
 * Empties every D1 database and Durable Object of this workerd, as a workerd of its own would start.
 * reset() (workerd's deleteAllDurableObjects; in workerd a D1 database is a Durable Object too) wipes
 * only the objects in memory: one left idle for ~10 s has been evicted and keeps its storage
 * (measured: a table made before a 15 s pause outlived reset(), one touched just before did not).
 * So each database, and each final's object made since the last wipe, is woken first.
 */
export async function wipeStorage() {
  const databases = [env.DB, env.DB_JINAN!, env.MIGRATION_TEST_DB];
  const finals = (await listDurableObjectIds(env.QUIZ_FINAL)).filter((id) => !wiped.has(id.toString()));
  await Promise.all([
    ...databases.map((db) => db.prepare('SELECT 1').run()),
    ...finals.map((id) => runInDurableObject(env.QUIZ_FINAL.get(id), () => {})),
  ]);
  await reset();
  for (const id of finals) wiped.add(id.toString());
  const left = await Promise.all(
    databases.map((db) =>
      db
        .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\'")
        .first<{ n: number }>(),
    ),
  );
  if (left.some((row) => row!.n > 0)) throw new Error('a database kept its tables through reset()');
}
