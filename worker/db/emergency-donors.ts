// The emergency donor list (应急献血志愿者): people who opted in, by blood type and district,
// who may give whole blood today under the interval rule; and the call-outs sent to them.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { nextDonationDay, type Donation } from '../domain/eligibility.ts';
import { auditStatement, type AuditEntry } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { people } from './schema.ts';

export interface DonorFilter {
  bloodType: 'A' | 'B' | 'O' | 'AB';
  /** Rh-negative donors are the classic call-out; left out, donors of either RhD. */
  rhD?: 'positive' | 'negative';
  district?: string;
}

// The latest donation of each kind decides the wait: an older one never waits longer.
// Written out in full: drizzle would render the outer `people.id` unqualified inside a subquery.
const lastDonation = (kind: Donation['kind']) =>
  sql<
    string | null
  >`(SELECT max(day) FROM donations WHERE donations.person_id = "people"."id" AND donations.kind = ${kind})`;

function willingDonors(db: Database, filter: DonorFilter, afterId: string | undefined, limit: number) {
  return db
    .select({
      id: people.id,
      name: people.name,
      phone: people.phone,
      bloodType: people.bloodType,
      rhD: people.rhD,
      district: people.district,
      lastWholeBlood: lastDonation('whole_blood'),
      lastPlatelets: lastDonation('platelets'),
    })
    .from(people)
    .where(
      and(
        eq(people.emergencyDonor, true),
        eq(people.bloodType, filter.bloodType),
        filter.rhD === undefined ? undefined : eq(people.rhD, filter.rhD),
        filter.district === undefined ? undefined : eq(people.district, filter.district),
        afterId === undefined ? undefined : gt(people.id, afterId),
      ),
    )
    .orderBy(asc(people.id))
    .limit(limit);
}

type DonorRow = Awaited<ReturnType<typeof willingDonors>>[number];

/** The donor with the donations that decide their wait, latest first. */
function withHistory(row: DonorRow) {
  const history: Donation[] = [
    ...(row.lastWholeBlood ? [{ day: row.lastWholeBlood, kind: 'whole_blood' as const, adverseReaction: false }] : []),
    ...(row.lastPlatelets ? [{ day: row.lastPlatelets, kind: 'platelets' as const, adverseReaction: false }] : []),
  ].sort((a, b) => b.day.localeCompare(a.day));
  return { ...row, history };
}

export type EmergencyDonor = ReturnType<typeof withHistory>;

const mayGiveWholeBloodOn = (today: string, donor: EmergencyDonor) => {
  const next = nextDonationDay('whole_blood', donor.history);
  return next === null || next <= today;
};

/** Up to `limit` eligible donors after `afterId`, and the id the next page starts after. */
export async function emergencyDonorPage(
  db: Database,
  filter: DonorFilter,
  today: string,
  afterId: string | undefined,
  limit: number,
) {
  const found: EmergencyDonor[] = [];
  let cursor = afterId;
  const chunk = Math.max(limit + 1, 200);
  // Ineligible donors are skipped after reading, so a page may take more than one read.
  for (;;) {
    const rows = await willingDonors(db, filter, cursor, chunk);
    for (const row of rows) {
      const donor = withHistory(row);
      if (mayGiveWholeBloodOn(today, donor)) found.push(donor);
      if (found.length > limit) return { donors: found.slice(0, limit), next: found[limit - 1]!.id };
    }
    if (rows.length < chunk) return { donors: found, next: null };
    cursor = rows.at(-1)!.id;
  }
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

// Donors who had no call-out in the last seven days: each donor receives at most one a week.
const notCalledThisWeek = (now: number) =>
  sql`NOT EXISTS (SELECT 1 FROM notifications n
    WHERE n.person_id = p.id AND n.kind = 'callout' AND n.created_at > ${now - WEEK_MS})`;

/** Of these donors, how many a call-out would reach now. */
export async function reachableDonors(db: Database, donorIds: string[], now = Date.now()) {
  const row = await db.get<{
    reachable: number;
  }>(sql`SELECT count(*) AS reachable FROM json_each(${JSON.stringify(donorIds)}) j
    JOIN people p ON p.id = j.value WHERE p.emergency_donor = 1 AND ${notCalledThisWeek(now)}`);
  return row.reachable;
}

export interface NewCallout {
  organizationId: string | null;
  staffId: string;
  bloodType: DonorFilter['bloodType'];
  rhD: DonorFilter['rhD'] | null;
  district: string | null;
  message: string;
}

/**
 * Records the call-out and queues its notification to each donor not called this week, with the audit
 * entry, in one batch: D1 runs batches one at a time, so two call-outs at once cannot both
 * reach the same donor.
 */
export async function sendCallout(
  db: Database,
  callout: NewCallout,
  donorIds: string[],
  audit: AuditEntry,
  now = Date.now(),
) {
  const id = crypto.randomUUID();
  const [, , counted] = await batch<[[], [], { recipients: number }[], []]>(db, [
    sql`INSERT INTO callouts (id, organization_id, staff_id, blood_type, rh_d, district, message, recipients)
        VALUES (${id}, ${callout.organizationId}, ${callout.staffId}, ${callout.bloodType}, ${callout.rhD},
          ${callout.district}, ${callout.message}, 0)`,
    sql`INSERT OR IGNORE INTO notifications (id, person_id, kind, organization_id, callout_id, dedupe_key)
        SELECT lower(hex(randomblob(16))), p.id, 'callout', ${callout.organizationId}, ${id},
          'callout:' || ${id} || ':' || p.id
        FROM json_each(${JSON.stringify(donorIds)}) j JOIN people p ON p.id = j.value
        WHERE p.emergency_donor = 1 AND ${notCalledThisWeek(now)}`,
    sql`UPDATE callouts SET recipients = (SELECT count(*) FROM notifications WHERE callout_id = ${id})
        WHERE id = ${id} RETURNING recipients`,
    auditStatement({ ...audit, targetType: 'callout', targetId: id }, now),
  ]);
  return { id, recipients: counted[0]?.recipients ?? 0 };
}
