// Organizations: the blood centre, the CDC, hospitals, schools, communities; staff and campaigns belong to one.
import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { organizations } from './schema.ts';

/** Adds an organization with its audit entry, in one batch; undefined when the name is taken. */
export async function createOrganization(
  db: Database,
  organization: { name: string; kind?: (typeof organizations.$inferInsert)['kind'] },
  audit: AuditEntry,
) {
  const id = crypto.randomUUID();
  const [inserted] = await batch<[{ kind: (typeof organizations.$inferSelect)['kind'] }[], []]>(db, [
    db
      .insert(organizations)
      .values({ id, ...organization })
      .onConflictDoNothing({ target: organizations.name })
      .returning({ kind: organizations.kind })
      .getSQL(),
    auditStatement(
      { ...audit, organizationId: id, targetType: 'organization', targetId: id },
      Date.now(),
      sql`changes() = 1`,
    ),
  ]);
  return inserted[0] && { id, name: organization.name, kind: inserted[0].kind };
}

export type OrganizationListing = {
  id: string;
  name: string;
  kind: (typeof organizations.$inferSelect)['kind'];
  reminderHour: number;
};

/** Every organization (null) or one, by name, as the organizer pages list them. */
export async function listOrganizations(db: Database, onlyId: string | null) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      reminderHour: organizations.reminderHour,
    })
    .from(organizations)
    .where(onlyId === null ? undefined : eq(organizations.id, onlyId))
    .orderBy(organizations.name);
}

/** The organization a staff member belongs to, as the organizer pages show it; null for a platform admin. */
export async function findStaffOrganization(db: Database, id: string | null) {
  if (!id) return null;
  const [found] = await listOrganizations(db, id);
  return found ?? null;
}

export async function organizationExists(db: Database, id: string) {
  return !!(await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).get());
}

/**
 * Renames an organization or changes its kind or reminder hour, with the audit entry, in one batch;
 * undefined when another organization has the name (or the id is unknown).
 */
export async function updateOrganization(
  db: Database,
  id: string,
  change: { name?: string; kind?: (typeof organizations.$inferSelect)['kind']; reminderHour?: number },
  audit: AuditEntry,
) {
  const [updated] = await batch<[OrganizationListing[], []]>(db, [
    sql`UPDATE OR IGNORE organizations SET
          name = coalesce(${change.name ?? null}, name),
          kind = coalesce(${change.kind ?? null}, kind),
          reminder_hour = coalesce(${change.reminderHour ?? null}, reminder_hour)
        WHERE id = ${id}
        RETURNING id, name, kind, reminder_hour AS reminderHour`,
    auditStatement(audit, Date.now(), sql`changes() = 1`),
  ]);
  return updated[0];
}
