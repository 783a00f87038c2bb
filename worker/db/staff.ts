import { eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { organizations, staff } from './schema.ts';

export type StaffMember = typeof staff.$inferSelect;

export async function findStaffByEmail(db: Database, email: string) {
  return db.select().from(staff).where(eq(staff.email, email)).get();
}

/** Adds a staff member; undefined when the email is already in use (UNIQUE index). */
export async function createStaff(db: Database, member: Omit<typeof staff.$inferInsert, 'id' | 'createdAt'>) {
  const [created] = await db
    .insert(staff)
    .values({ id: crypto.randomUUID(), ...member })
    .onConflictDoNothing({ target: staff.email })
    .returning();
  return created;
}

/** Adds an organization; undefined when the name is taken. */
export async function createOrganization(db: Database, organization: { name: string; kind?: typeof organizations.$inferInsert['kind'] }) {
  const [created] = await db
    .insert(organizations)
    .values({ id: crypto.randomUUID(), ...organization })
    .onConflictDoNothing({ target: organizations.name })
    .returning();
  return created;
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
