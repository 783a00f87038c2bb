// The blood centre sets each type's stock level (critical/low/normal/full); audited.
import { Hono } from 'hono';
import * as v from 'valibot';
import { byStaff } from '../../db/audit.ts';
import { setBloodStock } from '../../db/blood-stock.ts';
import { stockLevels } from '../../domain/blood-stock.ts';
import { bloodTypes, rhDs } from '../../domain/profile.ts';
import type { AppEnv } from '../../env.ts';
import { json } from '../../lib/validation.ts';
import { bloodStockView } from '../blood-stock.ts';
import { requireBloodCentre } from './blood-centre.ts';

const stockChange = v.object({
  levels: v.pipe(
    v.array(v.object({ bloodType: v.picklist(bloodTypes), rhD: v.picklist(rhDs), level: v.picklist(stockLevels) })),
    v.minLength(1),
    v.maxLength(bloodTypes.length * rhDs.length),
    v.check(
      (levels) => new Set(levels.map((row) => `${row.bloodType}${row.rhD}`)).size === levels.length,
      'blood_stock_twice',
    ),
  ),
});

export const adminBloodStockRoutes = new Hono<AppEnv>().put(
  '/',
  ...requireBloodCentre,
  ...json(stockChange),
  async (c) => {
    const { levels } = c.req.valid('json');
    const me = c.var.staff;
    const db = c.var.db;
    // The detail says what changed in a few characters each ("O-": "critical"), nothing personal.
    const detail = Object.fromEntries(
      levels.map((row) => [`${row.bloodType}${row.rhD === 'negative' ? '-' : '+'}`, row.level]),
    );
    await setBloodStock(db, levels, me.id, byStaff(me, me.organizationId, 'blood_stock.update', undefined, detail));
    return c.json(await bloodStockView(db), 200);
  },
);
