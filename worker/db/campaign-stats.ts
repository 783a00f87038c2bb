// Counts for a campaign's organizers: by status, session, day, and for blood drives blood type
// and donations. Organizer reads over one campaign's registrations, in one round trip.
import { sql } from 'drizzle-orm';
import { CHINA_OFFSET_MS } from '../domain/china-time.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import type { RegistrationStatus } from './registrations.ts';
import { heldSeats } from './seats.ts';

// The campaign's registrations, by way of its sessions and slots.
const ofCampaign = (campaignId: string) => sql`registrations.slot_id IN (
  SELECT slots.id FROM slots JOIN sessions ON sessions.id = slots.session_id
  WHERE sessions.campaign_id = ${campaignId})`;

/** A China calendar day of a millisecond column, as SQLite computes it. */
const chinaDayOf = (column: string) => sql.raw(`date((${column} + ${CHINA_OFFSET_MS}) / 1000, 'unixepoch')`);

export async function campaignStats(db: Database, campaignId: string, now = Date.now()) {
  // A D1 batch maps columns by name: every column here has a name of its own.
  const [bySlot, signUpDays, cancelDays, bloodTypes, donationKinds] = await batch<
    [
      {
        slot_id: string;
        session_id: string;
        starts_at: number;
        ends_at: number;
        venue: string;
        role: string;
        capacity: number;
        held: number;
        status: RegistrationStatus | null;
        slot_count: number;
      }[],
      { sign_up_day: string; sign_ups: number }[],
      { cancel_day: string; cancellations: number }[],
      { blood_type: string | null; donors: number }[],
      { donation_kind: string; donations: number }[],
    ]
  >(db, [
    sql`SELECT slots.id AS slot_id, sessions.id AS session_id, sessions.starts_at, sessions.ends_at, sessions.venue,
               slots.role, slots.capacity,
               ${heldSeats(sql`slots.id`)} AS held, registrations.status, count(registrations.id) AS slot_count
        FROM sessions JOIN slots ON slots.session_id = sessions.id
        LEFT JOIN registrations ON registrations.slot_id = slots.id
        WHERE sessions.campaign_id = ${campaignId}
        GROUP BY slots.id, registrations.status
        ORDER BY sessions.starts_at, sessions.id, slots.sort_order, slots.id`,
    sql`SELECT ${chinaDayOf('created_at')} AS sign_up_day, count(*) AS sign_ups
        FROM registrations WHERE ${ofCampaign(campaignId)} GROUP BY sign_up_day ORDER BY sign_up_day`,
    sql`SELECT ${chinaDayOf('cancelled_at')} AS cancel_day, count(*) AS cancellations
        FROM registrations WHERE ${ofCampaign(campaignId)} AND cancelled_at IS NOT NULL
        GROUP BY cancel_day ORDER BY cancel_day`,
    sql`SELECT people.blood_type, count(*) AS donors
        FROM registrations JOIN people ON people.id = registrations.person_id
        WHERE ${ofCampaign(campaignId)} AND registrations.status IN ('confirmed', 'waitlisted', 'checked_in')
        GROUP BY people.blood_type`,
    sql`SELECT donations.kind AS donation_kind, count(*) AS donations
        FROM donations JOIN registrations ON registrations.id = donations.registration_id
        WHERE ${ofCampaign(campaignId)} GROUP BY donations.kind`,
  ]);

  const emptyCounts = (): Record<RegistrationStatus, number> => ({
    confirmed: 0,
    waitlisted: 0,
    cancelled: 0,
    checked_in: 0,
    no_show: 0,
  });
  const byStatus = emptyCounts();
  const sessions = new Map<
    string,
    {
      id: string;
      startsAt: Date;
      venue: string;
      ended: boolean;
      capacity: number;
      /** Seats open groups hold that no member claimed yet. */
      held: number;
      slotIds: Set<string>;
      byStatus: Record<RegistrationStatus, number>;
    }
  >();
  for (const row of bySlot) {
    let session = sessions.get(row.session_id);
    if (!session) {
      session = {
        id: row.session_id,
        startsAt: new Date(row.starts_at),
        venue: row.venue,
        ended: row.ends_at <= now,
        capacity: 0,
        held: 0,
        slotIds: new Set(),
        byStatus: emptyCounts(),
      };
      sessions.set(row.session_id, session);
    }
    if (!session.slotIds.has(row.slot_id)) {
      session.slotIds.add(row.slot_id);
      session.capacity += row.capacity;
      session.held += row.held;
    }
    if (row.status) {
      session.byStatus[row.status] += row.slot_count;
      byStatus[row.status] += row.slot_count;
    }
  }
  // Attendance counts only sessions that are over: who came of those who were expected.
  let came = 0;
  let expected = 0;
  for (const session of sessions.values()) {
    if (!session.ended) continue;
    came += session.byStatus.checked_in;
    expected += session.byStatus.checked_in + session.byStatus.no_show + session.byStatus.confirmed;
  }
  const days = new Map<string, { day: string; signUps: number; cancellations: number }>();
  const dayOf = (day: string) => days.get(day) ?? days.set(day, { day, signUps: 0, cancellations: 0 }).get(day)!;
  for (const row of signUpDays) dayOf(row.sign_up_day).signUps = row.sign_ups;
  for (const row of cancelDays) dayOf(row.cancel_day).cancellations = row.cancellations;

  return {
    byStatus,
    held: [...sessions.values()].reduce((sum, session) => sum + session.held, 0),
    attendanceRate: expected === 0 ? null : came / expected,
    bySession: [...sessions.values()].map(({ slotIds: _slotIds, ended: _ended, ...session }) => session),
    byDay: [...days.values()].sort((a, b) => a.day.localeCompare(b.day)),
    bloodTypes: Object.fromEntries(bloodTypes.map((row) => [row.blood_type ?? 'unknown', row.donors])),
    donations: Object.fromEntries(donationKinds.map((row) => [row.donation_kind, row.donations])),
  };
}
