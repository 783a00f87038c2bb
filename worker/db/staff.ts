import { eq, sql } from 'drizzle-orm';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { staff } from './schema.ts';

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

export const staffView = (member: Pick<StaffMember, 'id' | 'email' | 'role' | 'organizationId'>) => ({
  id: member.id,
  email: member.email,
  role: member.role,
  organizationId: member.organizationId,
});

const staffColumns = {
  id: staff.id,
  email: staff.email,
  role: staff.role,
  organizationId: staff.organizationId,
  active: staff.active,
  lastSignInAt: staff.lastSignInAt,
};

export type StaffListing = Pick<StaffMember, keyof typeof staffColumns>;

/** The staff of one organization, or everyone's (null) for a platform admin, by email. */
export async function listStaff(db: Database, organizationId: string | null) {
  return db
    .select(staffColumns)
    .from(staff)
    .where(organizationId === null ? undefined : eq(staff.organizationId, organizationId))
    .orderBy(staff.email)
    .limit(1000);
}

export async function findStaffById(db: Database, id: string) {
  return db.select(staffColumns).from(staff).where(eq(staff.id, id)).get();
}

/**
 * Changes a staff member's role or active flag, with its audit entry, in one batch. Deactivating
 * also ends every sign-in of the account in the same step, so its next request is a 401.
 */
export async function updateStaff(
  db: Database,
  id: string,
  change: { role?: StaffMember['role']; active?: boolean },
  audit: AuditEntry,
) {
  const [updated] = await batch<[RawListing[], ...[][]]>(db, [
    sql`UPDATE staff
        SET role = coalesce(${change.role ?? null}, role), active = coalesce(${change.active ?? null}, active)
        WHERE id = ${id}
        RETURNING id, email, role, organization_id AS organizationId, active, last_sign_in_at AS lastSignInAt`,
    auditStatement(audit, Date.now(), sql`changes() = 1`),
    ...(change.active === false ? [sql`DELETE FROM logins WHERE staff_id = ${id}`] : []),
  ]);
  const row = updated[0];
  return (
    row && {
      ...row,
      active: row.active === 1,
      lastSignInAt: row.lastSignInAt === null ? null : new Date(row.lastSignInAt),
    }
  );
}

/** A staff row as a batch returns it: D1's integers, not drizzle's booleans and dates. */
type RawListing = Omit<StaffListing, 'active' | 'lastSignInAt'> & { active: number; lastSignInAt: number | null };

/**
 * Sets a new password and ends the account's sign-ins but the one to keep (the caller's own, when
 * they change their own password), with the audit entry, in one batch.
 */
export async function setStaffPassword(
  db: Database,
  id: string,
  passwordHash: string,
  audit: AuditEntry,
  keepLoginHash: string | null = null,
) {
  const [updated] = await batch<[{ id: string }[], ...[][]]>(db, [
    sql`UPDATE staff SET password_hash = ${passwordHash} WHERE id = ${id} RETURNING id`,
    auditStatement(audit, Date.now(), sql`changes() = 1`),
    sql`DELETE FROM logins WHERE staff_id = ${id} AND token_hash IS NOT ${keepLoginHash}`,
  ]);
  return updated.length === 1;
}
