// The audit log: who did what to whose data. Entries go into the batch of the change they
// record, so a change is never logged without happening, nor happens without being logged.
import { type AnyColumn, and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { SignedInStaff } from '../env.ts';
import type { Database } from './client.ts';
import { auditLog, campaigns, organizations, registrations, sessions, staff } from './schema.ts';

export type AuditDetail = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  staffId: string | null;
  organizationId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  detail?: AuditDetail;
}

/** The campaign an entry's target belongs to, found in the database: the log's campaign filter. */
function campaignOf(type: string | null, id: string | null): SQL {
  return sql`CASE ${type}
    WHEN 'campaign' THEN (SELECT id FROM campaigns WHERE id = ${id})
    WHEN 'session' THEN (SELECT campaign_id FROM sessions WHERE id = ${id})
    WHEN 'slot' THEN (SELECT se.campaign_id FROM slots s JOIN sessions se ON se.id = s.session_id WHERE s.id = ${id})
    WHEN 'group' THEN (
      SELECT se.campaign_id FROM registration_groups g JOIN slots s ON s.id = g.slot_id
      JOIN sessions se ON se.id = s.session_id WHERE g.id = ${id})
    WHEN 'registration' THEN (
      SELECT se.campaign_id FROM registrations r JOIN slots s ON s.id = r.slot_id
      JOIN sessions se ON se.id = s.session_id WHERE r.id = ${id})
    END`;
}

/** The entry as a statement for a change's batch; with `onlyIf`, written only when that holds then. */
export function auditStatement(entry: AuditEntry, at = Date.now(), onlyIf: SQL = sql`1`): SQL {
  const type = entry.targetType ?? null;
  const id = entry.targetId ?? null;
  return sql`INSERT INTO audit_log
      (id, at, staff_id, organization_id, campaign_id, action, target_type, target_id, detail)
    SELECT ${crypto.randomUUID()}, ${at}, ${entry.staffId}, ${entry.organizationId}, ${campaignOf(type, id)},
           ${entry.action}, ${type}, ${id}, ${JSON.stringify(entry.detail ?? {})}
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

/** An audit detail that says only what changes: the new value of each field that differs from now. */
export function changedValues<T extends Record<string, string | number | boolean | null | undefined>>(
  current: Partial<Record<keyof T, unknown>>,
  change: T,
) {
  const detail: AuditDetail = {};
  for (const [field, value] of Object.entries(change)) {
    if (value !== undefined && current[field] !== value) detail[field] = value;
  }
  return detail;
}

export interface AuditCursor {
  at: number;
  id: string;
}

export interface AuditFilter {
  organizationId?: string;
  campaignId?: string;
  /** The staff member who acted. */
  staffId?: string;
  action?: string;
  /** Milliseconds: entries at or after `from` and before `until`. */
  from?: number;
  until?: number;
  before?: AuditCursor;
}

const actor = alias(staff, 'actor');
const targetStaff = alias(staff, 'target_staff');

/**
 * A page of the log, newest first, filtered, with names instead of ids: who acted, the
 * organization and campaign, and what was acted on (the name and booking code of a registration,
 * a staff member's email, a session's time and place).
 */
export async function listAudit(db: Database, filter: AuditFilter, limit: number) {
  const conditions = [
    filter.organizationId === undefined ? undefined : eq(auditLog.organizationId, filter.organizationId),
    filter.campaignId === undefined ? undefined : eq(auditLog.campaignId, filter.campaignId),
    filter.staffId === undefined ? undefined : eq(auditLog.staffId, filter.staffId),
    filter.action === undefined ? undefined : eq(auditLog.action, filter.action),
    filter.from === undefined ? undefined : gte(auditLog.at, new Date(filter.from)),
    filter.until === undefined ? undefined : lt(auditLog.at, new Date(filter.until)),
    filter.before === undefined
      ? undefined
      : or(
          lt(auditLog.at, new Date(filter.before.at)),
          and(eq(auditLog.at, new Date(filter.before.at)), lt(auditLog.id, filter.before.id)),
        ),
  ];
  const targets = (type: string, id: AnyColumn) => and(eq(auditLog.targetType, type), eq(auditLog.targetId, id));
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      staffId: auditLog.staffId,
      staffEmail: actor.email,
      organizationId: auditLog.organizationId,
      organizationName: organizations.name,
      campaignId: auditLog.campaignId,
      campaignTitle: campaigns.title,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      registrationName: registrations.name,
      registrationCode: registrations.code,
      staffTargetEmail: targetStaff.email,
      sessionStartsAt: sessions.startsAt,
      sessionVenue: sessions.venue,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.staffId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .leftJoin(campaigns, eq(campaigns.id, auditLog.campaignId))
    .leftJoin(registrations, targets('registration', registrations.id))
    .leftJoin(targetStaff, targets('staff', targetStaff.id))
    .leftJoin(sessions, targets('session', sessions.id))
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
