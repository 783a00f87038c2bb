// The blood stock by type: read by everyone, set by the blood centre with its audit entry.
import { asc, sql } from 'drizzle-orm';
import type { TypeLevel } from '../domain/blood-stock.ts';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { bloodStock } from './schema.ts';

export const readBloodStock = (db: Database) =>
  db
    .select({
      bloodType: bloodStock.bloodType,
      rhD: bloodStock.rhD,
      level: bloodStock.level,
      updatedAt: bloodStock.updatedAt,
    })
    .from(bloodStock)
    .orderBy(asc(bloodStock.bloodType), asc(bloodStock.rhD))
    .all();

/** Sets the levels given (others keep theirs), with the audit entry, in one batch. */
export async function setBloodStock(
  db: Database,
  levels: TypeLevel[],
  staffId: string,
  audit: AuditEntry,
  now = Date.now(),
) {
  await batch(db, [
    ...levels.map(
      (row) => sql`INSERT INTO blood_stock (blood_type, rh_d, level, updated_at, updated_by)
        VALUES (${row.bloodType}, ${row.rhD}, ${row.level}, ${now}, ${staffId})
        ON CONFLICT (blood_type, rh_d) DO UPDATE SET level = excluded.level, updated_at = excluded.updated_at,
          updated_by = excluded.updated_by`,
    ),
    auditStatement(audit, now),
  ]);
}
