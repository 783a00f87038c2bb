// The nightly cron's own queries: no-shows for campaigns whose organizer chose so, and the quiz's
// season totals checked against the sums over the attempts, and repaired where they drifted.
import { sql } from 'drizzle-orm';
import { auditStatement } from './audit.ts';
import type { Database } from './client.ts';
import { batch } from './prepared.ts';
import { movesFromAttempts } from './quiz-moves.ts';

/** Check-in desks close a while after a session ends: late check-ins still count until then. */
export const NO_SHOW_AFTER_MS = 2 * 60 * 60 * 1000;
/** Sessions per D1 batch, well inside D1's limits on statements per batch. */
const SESSIONS_PER_BATCH = 50;

/**
 * Confirmed registrations of sessions that ended more than two hours before `now` become `no_show`,
 * for campaigns with `auto_no_show` on. Each session's change and its audit entry (staff: none)
 * land in one batch; the UPDATE re-checks the campaign's choice, so turning it off just before
 * the run still holds. Returns the number of registrations marked.
 */
export async function markNoShows(db: Database, now: number): Promise<number> {
  const endedBefore = now - NO_SHOW_AFTER_MS;
  const due = await db.all<{ sessionId: string; organizationId: string }>(
    sql`SELECT se.id AS sessionId, c.organization_id AS organizationId
        FROM sessions se JOIN campaigns c ON c.id = se.campaign_id
        WHERE c.auto_no_show = 1 AND se.ends_at <= ${endedBefore}
          AND EXISTS (SELECT 1 FROM slots s JOIN registrations r ON r.slot_id = s.id
                      WHERE s.session_id = se.id AND r.status = 'confirmed')`,
  );
  let marked = 0;
  for (let i = 0; i < due.length; i += SESSIONS_PER_BATCH) {
    const results = await batch<unknown[][]>(
      db,
      due.slice(i, i + SESSIONS_PER_BATCH).flatMap(({ sessionId, organizationId }) => [
        sql`UPDATE registrations SET status = 'no_show'
            WHERE status = 'confirmed'
              AND slot_id IN (SELECT id FROM slots WHERE session_id = ${sessionId})
              AND EXISTS (SELECT 1 FROM sessions se JOIN campaigns c ON c.id = se.campaign_id
                          WHERE se.id = ${sessionId} AND c.auto_no_show = 1 AND se.ends_at <= ${endedBefore})
            RETURNING id`,
        // Right after the UPDATE, changes() says whether it marked anyone.
        auditStatement(
          { staffId: null, organizationId, action: 'session.auto_no_show', targetType: 'session', targetId: sessionId },
          now,
          sql`changes() > 0`,
        ),
      ]),
    );
    marked += results.filter((_, index) => index % 2 === 0).reduce((sum, rows) => sum + rows.length, 0);
  }
  return marked;
}

export interface QuizTotalsDrift {
  seasonId: string;
  /** Players whose season totals differ from their submitted attempts, or who have one without the other. */
  players: number;
}

/**
 * Seasons where `quiz_players` (score, time, days played) no longer equals the sums over the
 * submitted attempts (repairQuizTotals puts them right).
 * An attempt's counted time is its duration_ms (to the deadline at most: db/quiz-attempts.ts).
 */
export async function quizTotalsDrift(db: Database): Promise<QuizTotalsDrift[]> {
  return db.all<QuizTotalsDrift>(
    sql`WITH sums AS (
          SELECT season_id, person_id, sum(score) AS score,
                 sum(duration_ms) AS time_ms, count(*) AS days
          FROM quiz_attempts WHERE submitted_at IS NOT NULL
          GROUP BY season_id, person_id)
        SELECT season_id AS seasonId, count(*) AS players FROM (
          SELECT p.season_id FROM quiz_players p
          LEFT JOIN sums s ON s.season_id = p.season_id AND s.person_id = p.person_id
          WHERE s.person_id IS NULL OR p.score <> s.score OR p.time_ms <> s.time_ms OR p.days_played <> s.days
          UNION ALL
          SELECT s.season_id FROM sums s
          LEFT JOIN quiz_players p ON p.season_id = s.season_id AND p.person_id = s.person_id
          WHERE p.person_id IS NULL)
        GROUP BY season_id ORDER BY season_id`,
  );
}

/**
 * Puts a drifted season's aggregates back to what its submitted attempts say, in one batch: each
 * player's totals (a player's name and district stay as the season fixed them; one missing from
 * the board joins it with their profile's name and the district of their attempts), players
 * without a submitted attempt leave the board, and the season's rank moves are rebuilt.
 */
export async function repairQuizTotals(db: Database, seasonId: string) {
  const sums = sql`SELECT person_id, sum(score) AS score, sum(duration_ms) AS time_ms,
      count(*) AS days, max(submitted_at) AS last_submit, max(district) AS district
    FROM quiz_attempts WHERE season_id = ${seasonId} AND submitted_at IS NOT NULL GROUP BY person_id`;
  const seasonLiteral = `'${seasonId.replace(/'/g, "''")}'`;
  await batch(db, [
    sql`UPDATE quiz_players SET score = s.score, time_ms = s.time_ms, days_played = s.days
        FROM (${sums}) AS s
        WHERE quiz_players.season_id = ${seasonId} AND quiz_players.person_id = s.person_id
          AND (quiz_players.score <> s.score OR quiz_players.time_ms <> s.time_ms
            OR quiz_players.days_played <> s.days)`,
    sql`INSERT INTO quiz_players (season_id, person_id, name, district, score, time_ms, days_played, finished_at)
        SELECT ${seasonId}, s.person_id, coalesce(p.name, ''), coalesce(s.district, p.district, ''),
          s.score, s.time_ms, s.days, s.last_submit
        FROM (${sums}) AS s JOIN people p ON p.id = s.person_id
        WHERE NOT EXISTS (SELECT 1 FROM quiz_players q WHERE q.season_id = ${seasonId} AND q.person_id = s.person_id)`,
    sql`DELETE FROM quiz_players WHERE season_id = ${seasonId}
        AND NOT EXISTS (SELECT 1 FROM quiz_attempts a
          WHERE a.season_id = ${seasonId} AND a.person_id = quiz_players.person_id AND a.submitted_at IS NOT NULL)`,
    sql`DELETE FROM quiz_moves WHERE season_id = ${seasonId}`,
    sql`INSERT INTO quiz_moves (season_id, from_score, jumps, arrivals, departures)
        SELECT season_id, from_score, jumps, arrivals, departures FROM (${sql.raw(movesFromAttempts(seasonLiteral))})`,
  ]);
}
