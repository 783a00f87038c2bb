// The blood stock by type, public: the home page shows it to everyone.
import { Hono } from 'hono';
import { readBloodStock } from '../db/blood-stock.ts';
import type { Database } from '../db/client.ts';
import { toChinaIso } from '../domain/china-time.ts';
import { bloodTypes, rhDs } from '../domain/profile.ts';
import type { AppEnv } from '../env.ts';

/** A, B, O, AB as donors know them; RhD-positive first. */
const order = (row: { bloodType: (typeof bloodTypes)[number]; rhD: (typeof rhDs)[number] }) =>
  bloodTypes.indexOf(row.bloodType) * rhDs.length + rhDs.indexOf(row.rhD);

export async function bloodStockView(db: Database) {
  const rows = (await readBloodStock(db)).sort((a, b) => order(a) - order(b));
  const latest = Math.max(0, ...rows.map((row) => row.updatedAt.getTime()));
  return {
    updatedAt: latest ? toChinaIso(latest) : null,
    levels: rows.map(({ bloodType, rhD, level }) => ({ bloodType, rhD, level })),
  };
}

export const bloodStockRoutes = new Hono<AppEnv>().get('/', async (c) => {
  c.header('cache-control', 'public, max-age=60');
  return c.json(await bloodStockView(c.var.db), 200);
});
