import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import { batch, type Database } from './client.ts';
import { organizations, staff } from './schema.ts';

export type StaffMember = typeof staff.$inferSelect;

export async function findStaffByEmail(db: Database, email: string) {
  return db.select().from(staff).where(eq(staff.email, email)).get();
}

/** Adds a staff member with the audit entry of who did it, in one batch; undefined when the email is taken. */
export async function createStaff(
  db: Database,
  member: Omit<typeof staff.$inferInsert, 'id' | 'createdAt'>,
  audit: AuditEntry,
) {
  const id = crypto.randomUUID();
  const [inserted] = await batch<[{ id: string }[], []]>(db, [
    db
      .insert(staff)
      .values({ id, ...member })
      .onConflictDoNothing({ target: staff.email })
      .returning({ id: staff.id })
      .getSQL(),
    auditStatement({ ...audit, targetType: 'staff', targetId: id }, Date.now(), sql`changes() = 1`),
  ]);
  return inserted.length === 1
    ? { id, email: member.email, role: member.role, organizationId: member.organizationId ?? null }
    : undefined;
}

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

/** The organization a staff member belongs to, as the organizer pages show it; null for a platform admin. */
export async function findStaffOrganization(db: Database, id: string | null) {
  if (!id) return null;
  const found = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      reminderHour: organizations.reminderHour,
    })
    .from(organizations)
    .where(eq(organizations.id, id))
    .get();
  return found ?? null;
}

export async function organizationExists(db: Database, id: string) {
  return !!(await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).get());
}

export const staffView = (member: Pick<StaffMember, 'id' | 'email' | 'role' | 'organizationId'>) => ({
  id: member.id,
  email: member.email,
  role: member.role,
  organizationId: member.organizationId,
});

/** Sets when the organization's reminders go out; the change and its audit entry in one batch. */
export async function setReminderHour(db: Database, id: string, reminderHour: number, audit: AuditEntry) {
  const [updated] = await batch<[{ id: string; name: string; kind: string; reminderHour: number }[], []]>(db, [
    sql`UPDATE organizations SET reminder_hour = ${reminderHour} WHERE id = ${id} RETURNING id, name, kind, reminder_hour AS reminderHour`,
    auditStatement(audit, Date.now(), sql`changes() = 1`),
  ]);
  return updated[0];
}
