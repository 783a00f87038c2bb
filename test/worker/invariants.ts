// What must hold of the data whatever requests arrived, in whatever order, and whatever failed:
// each check is one SQL query that lists the rows breaking its rule (none when all is well).
import { env } from 'cloudflare:workers';

const TAKEN = `status IN ('confirmed', 'checked_in')`;
/** Seats open teams hold that no member claimed: taken for everyone else. */
const HELD = (slot: string) => `(
  SELECT coalesce(sum(max(0, g.seats - (SELECT count(*) FROM registrations m WHERE m.group_id = g.id AND m.${TAKEN}))), 0)
  FROM registration_groups g WHERE g.slot_id = ${slot} AND g.status = 'open')`;

const CHECKS: Record<string, string> = {
  "taken ≤ capacity per slot (teams' held seats count as taken)": `
    SELECT s.id, s.capacity, count(r.id) AS taken, ${HELD('s.id')} AS held FROM slots s
    LEFT JOIN registrations r ON r.slot_id = s.id AND r.${TAKEN}
    GROUP BY s.id HAVING count(r.id) + held > s.capacity`,

  'nobody waits while a seat is free': `
    SELECT s.id FROM slots s
    WHERE (SELECT count(*) FROM registrations WHERE slot_id = s.id AND status = 'waitlisted') > 0
      AND (SELECT count(*) FROM registrations WHERE slot_id = s.id AND ${TAKEN}) + ${HELD('s.id')} < s.capacity`,

  // Positions are counted along `arrival`, so they are contiguous when arrivals are unique within
  // a slot, and fair when everyone still waiting arrived after everyone who got a seat (but team
  // members, whose seats were held for them before).
  'arrivals unique within a slot': `
    SELECT slot_id, arrival FROM registrations GROUP BY slot_id, arrival HAVING count(*) > 1`,
  'the waiting list keeps arrival order': `
    SELECT w.id FROM registrations w
    JOIN registrations r ON r.slot_id = w.slot_id AND r.arrival > w.arrival
      AND r.status IN ('confirmed', 'checked_in', 'no_show') AND r.group_id IS NULL
    WHERE w.status = 'waitlisted'`,

  'one active sign-up per person and slot': `
    SELECT slot_id, person_id FROM registrations
    WHERE status IN ('confirmed', 'waitlisted', 'checked_in')
    GROUP BY slot_id, person_id HAVING count(*) > 1`,

  "a team's members fit its seats": `
    SELECT g.id, g.seats FROM registration_groups g
    WHERE (SELECT count(*) FROM registrations m WHERE m.group_id = g.id AND m.${TAKEN}) > g.seats`,

  'a donation belongs to a checked-in sign-up': `
    SELECT d.id FROM donations d LEFT JOIN registrations r ON r.id = d.registration_id
    WHERE d.registration_id IS NOT NULL AND (r.id IS NULL OR r.status <> 'checked_in')`,

  'a stored sign-up answer names a sign-up that exists': `
    SELECT i.key FROM idempotent_responses i
    WHERE i.status = 201 AND NOT EXISTS (
      SELECT 1 FROM registrations WHERE id = json_extract(i.body, '$.registration.id') AND person_id = i.person_id)`,

  'one quiz attempt per player and day': `
    SELECT season_id, person_id, day FROM quiz_attempts GROUP BY season_id, person_id, day HAVING count(*) > 1`,
};

/**
 * The season totals equal the sums of the submitted attempts. Kept apart because the quiz's
 * aggregate tables are being redesigned: this is the one place to update when they change.
 */
const QUIZ_AGGREGATES = `
  WITH sums AS (
    SELECT season_id, person_id, sum(score) AS score, count(*) AS days,
      sum(duration_ms) AS time_ms
    FROM quiz_attempts WHERE submitted_at IS NOT NULL GROUP BY season_id, person_id)
  SELECT coalesce(p.season_id, s.season_id) AS season_id, coalesce(p.person_id, s.person_id) AS person_id
  FROM quiz_players p FULL OUTER JOIN sums s ON s.season_id = p.season_id AND s.person_id = p.person_id
  WHERE p.person_id IS NULL OR s.person_id IS NULL
    OR p.score <> s.score OR p.days_played <> s.days OR p.time_ms <> s.time_ms`;

/** Every broken rule with up to three offending rows; empty when the data is sound. */
export async function invariantViolations(db: D1Database = env.DB): Promise<string[]> {
  const checks = { ...CHECKS, 'quiz totals equal the sums of their attempts': QUIZ_AGGREGATES };
  const results = await db.batch(Object.values(checks).map((query) => db.prepare(`${query} LIMIT 3`)));
  return Object.keys(checks).flatMap((name, index) => {
    const rows = results[index]!.results;
    return rows.length === 0 ? [] : [`${name}: ${JSON.stringify(rows)}`];
  });
}
