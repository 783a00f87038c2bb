// Team sign-ups (团体献血): all members are placed or none, in one D1 batch.
import { sql } from 'drizzle-orm';
import { batch, type Database } from './client.ts';
import { isUniqueViolation } from './registrations.ts';

export interface NewGroup {
  id: string;
  code: string;
  slotId: string;
  contactPersonId: string;
  organization: string;
  contactName: string;
  contactPhone: string;
  members: { name: string; phone: string; registrationId: string; code: string; newPersonId: string }[];
}

export type GroupResult =
  | { outcome: 'booked'; confirmed: number; waitlisted: number }
  | { outcome: 'slot_full' }
  | { outcome: 'member_already_registered' }
  | { outcome: 'code_taken' };

export async function signUpGroup(db: Database, group: NewGroup): Promise<GroupResult> {
  // The member list travels as one JSON parameter (D1 allows 100 bound values a statement).
  const members = JSON.stringify(group.members.map((member, index) => ({ ord: index + 1, ...member })));
  const free = sql`(SELECT CASE WHEN
      (SELECT count(*) FROM registrations WHERE slot_id = ${group.slotId} AND status = 'waitlisted') > 0 THEN 0
      ELSE max(0, s.capacity - (SELECT count(*) FROM registrations WHERE slot_id = ${group.slotId} AND status IN ('confirmed', 'checked_in')))
    END FROM slots s WHERE s.id = ${group.slotId})`;
  try {
    const [placed, , booked] = await batch<[{ id: string }[], [], { status: string }[]]>(db, [
      // The group exists only if every member fits, or the slot has a waiting list;
      // the statements after it write nothing when it does not.
      sql`
        INSERT INTO registration_groups (id, code, slot_id, contact_person_id, organization, contact_name, contact_phone)
        SELECT ${group.id}, ${group.code}, s.id, ${group.contactPersonId}, ${group.organization}, ${group.contactName}, ${group.contactPhone}
        FROM slots s WHERE s.id = ${group.slotId} AND (s.waitlist = 1 OR ${free} >= ${group.members.length})
          AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = s.session_id AND cancelled_at IS NOT NULL)
        RETURNING id`,
      sql`
        INSERT INTO people (id, phone)
        SELECT json_extract(value, '$.newPersonId'), json_extract(value, '$.phone') FROM json_each(${members})
        WHERE EXISTS (SELECT 1 FROM registration_groups WHERE id = ${group.id})
        ON CONFLICT (phone) DO NOTHING`,
      sql`
        WITH queue AS MATERIALIZED (
          SELECT ${free} AS seats,
            (SELECT coalesce(max(arrival), 0) FROM registrations WHERE slot_id = ${group.slotId}) AS last)
        INSERT INTO registrations (id, slot_id, person_id, code, status, name, group_id, arrival)
        SELECT json_extract(m.value, '$.registrationId'), ${group.slotId}, p.id, json_extract(m.value, '$.code'),
          CASE WHEN json_extract(m.value, '$.ord') <= (SELECT seats FROM queue) THEN 'confirmed' ELSE 'waitlisted' END,
          json_extract(m.value, '$.name'), ${group.id}, (SELECT last FROM queue) + json_extract(m.value, '$.ord')
        FROM json_each(${members}) m JOIN people p ON p.phone = json_extract(m.value, '$.phone')
        WHERE EXISTS (SELECT 1 FROM registration_groups WHERE id = ${group.id})
        ORDER BY json_extract(m.value, '$.ord')
        RETURNING status`,
    ]);
    if (placed.length === 0) return { outcome: 'slot_full' };
    const confirmed = booked.filter((row) => row.status === 'confirmed').length;
    return { outcome: 'booked', confirmed, waitlisted: booked.length - confirmed };
  } catch (error) {
    if (isUniqueViolation(error, 'registrations.slot_id')) return { outcome: 'member_already_registered' };
    if (isUniqueViolation(error, 'registrations.code') || isUniqueViolation(error, 'registration_groups.code')) {
      return { outcome: 'code_taken' };
    }
    throw error;
  }
}
