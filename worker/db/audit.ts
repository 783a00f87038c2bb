// The audit log: who did what to whose data. Entries go into the batch of the change they
// record, so a change is never logged without happening, nor happens without being logged.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { SignedInStaff } from '../env.ts';
import type { Database } from './client.ts';
import { auditLog, staff } from './schema.ts';

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  staffId: string | null;
  organizationId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  detail?: AuditDetail;
}

/** The entry as a statement for a change's batch; with `onlyIf`, written only when that holds then. */
export function auditStatement(entry: AuditEntry, at = Date.now(), onlyIf: SQL = sql`1`): SQL {
  return sql`INSERT INTO audit_log (id, at, staff_id, organization_id, action, target_type, target_id, detail)
    SELECT ${crypto.randomUUID()}, ${at}, ${entry.staffId}, ${entry.organizationId}, ${entry.action},
           ${entry.targetType ?? null}, ${entry.targetId ?? null}, ${JSON.stringify(entry.detail ?? {})}
    WHERE ${onlyIf}`;
}

/** Records an action that has no write of its own to share a batch with (a sign-in, an export). */
export async function recordAudit(db: Database, entry: AuditEntry, at = Date.now()) {
  await db.run(auditStatement(entry, at));
}

/** An entry for an action by a signed-in staff member on their organization's data. */
export const byStaff = (
  staff: SignedInStaff,
  organizationId: string | null,
  action: string,
  target?: { type: string; id: string },
  detail?: AuditDetail,
): AuditEntry => ({
  staffId: staff.id,
  organizationId,
  action,
  ...(target && { targetType: target.type, targetId: target.id }),
  ...(detail && { detail }),
});

export interface AuditCursor {
  at: number;
  id: string;
}

/** A page of the log, newest first, optionally one organization's or one action's. */
export async function listAudit(
  db: Database,
  filter: { organizationId?: string; action?: string; before?: AuditCursor },
  limit: number,
) {
  const conditions = [
    filter.organizationId === undefined ? undefined : eq(auditLog.organizationId, filter.organizationId),
    filter.action === undefined ? undefined : eq(auditLog.action, filter.action),
    filter.before === undefined
      ? undefined
      : or(
          lt(auditLog.at, new Date(filter.before.at)),
          and(eq(auditLog.at, new Date(filter.before.at)), lt(auditLog.id, filter.before.id)),
        ),
  ];
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      staffId: auditLog.staffId,
      staffEmail: staff.email,
      organizationId: auditLog.organizationId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
