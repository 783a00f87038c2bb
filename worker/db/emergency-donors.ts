// The emergency donor list (应急献血志愿者): people who opted in, by blood type and district,
// who may give whole blood today under the interval rule.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { nextDonationDay, type Donation } from '../domain/eligibility.ts';
import type { Database } from './client.ts';
import { people } from './schema.ts';

export interface DonorFilter {
  bloodType: 'A' | 'B' | 'O' | 'AB';
  district?: string;
}

// The latest donation of each kind decides the wait: an older one never waits longer.
// Written out in full: drizzle would render the outer `people.id` unqualified inside a subquery.
const lastDonation = (kind: Donation['kind']) =>
  sql<string | null>`(SELECT max(day) FROM donations WHERE donations.person_id = "people"."id" AND donations.kind = ${kind})`;

function willingDonors(db: Database, filter: DonorFilter, afterId: string | undefined, limit: number) {
  return db
    .select({
      id: people.id,
      name: people.name,
      phone: people.phone,
      bloodType: people.bloodType,
      district: people.district,
      lastWholeBlood: lastDonation('whole_blood'),
      lastPlatelets: lastDonation('platelets'),
    })
    .from(people)
    .where(
      and(
        eq(people.emergencyDonor, true),
        eq(people.bloodType, filter.bloodType),
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
export async function emergencyDonorPage(db: Database, filter: DonorFilter, today: string, afterId: string | undefined, limit: number) {
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
