// The moves of the season totals (quiz_moves) as SQL, without I/O: the statements of a submit
// that record its move, the Fenwick trees by second inside each row, and the rows rebuilt from
// the attempts. How a rank reads them is db/quiz-ranks.ts.
import { sql, type SQL } from 'drizzle-orm';

/** The trees tell seconds apart up to 2^21 s of total time (24 days of play); later seconds count as the last. */
const TREE_BITS = 21;
const LAST_SECOND = 2 ** TREE_BITS - 1;
/** questionsPerDay is at most 50: no day gains more than 50 × pointsPerCorrect. */
const MAX_STEPS = 50;
// Literals, not bound parameters: D1 binds numbers as REAL, which would make `/` divide exactly.
const literal = (n: number) => sql.raw(String(n));

/** The whole second of a total time in milliseconds, as the trees count it. */
export const secondOf = (timeMs: SQL) => sql`min((${timeMs}) / 1000, ${literal(LAST_SECOND)})`;

/** A JSON path of object keys, e.g. $."60"."1024". */
export const path = (...keys: SQL[]) =>
  sql`('$' || ${sql.join(
    keys.map((key) => sql`'."' || (${key}) || '"'`),
    sql` || `,
  )})`;
const bits = Array.from({ length: TREE_BITS }, (_, b) => b);

/** SQL columns `<prefix>0`, `<prefix>1`, …: computed once per statement, used by every row it reads or writes. */
const columns = (prefix: string, values: SQL[]) =>
  sql.join(
    values.map((value, i) => sql`${value} AS ${sql.raw(`${prefix}${i}`)}`),
    sql`, `,
  );
const named = (from: string, prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => sql.raw(`${from}.${prefix}${i}`));

/**
 * The paths of the tree nodes (under `under`) to add an event in `second` to. Second x is entry
 * x + 1 of a Fenwick tree of 2^21 entries; the nodes covering it are ((x >> b) + 1) << b for each
 * bit b that is 0 in x, and the root 2^21. For the bits that are 1 the root stands in: json_set
 * then writes it again with the same value.
 */
function addPaths(prefix: string, under: SQL[], second: SQL): SQL {
  const root = path(...under, literal(2 ** TREE_BITS));
  const nodes = bits.map((b) => {
    const node = path(...under, sql`((${second} >> ${literal(b)}) + 1) << ${literal(b)}`);
    return sql`CASE WHEN (${second} >> ${literal(b)}) & 1 THEN ${root} ELSE ${node} END`;
  });
  return columns(prefix, [...nodes, root]);
}

/** The JSON with one more at each of `paths` (repeated paths get the same value). */
const plusOne = (json: SQL, paths: SQL[]) =>
  sql`json_set(${json}, ${sql.join(
    paths.flatMap((p) => [p, sql`coalesce(${json} ->> ${p}, 0) + 1`]),
    sql`, `,
  )})`;

/**
 * The paths of the nodes (under `under`) that add up the events before `second`: (second >> b) << b
 * for each bit b set in it, else NULL.
 */
export function countPaths(prefix: string, under: SQL[], second: SQL): SQL {
  return columns(
    prefix,
    bits.map((b) => {
      const node = path(...under, sql`(${second} >> ${literal(b)}) << ${literal(b)}`);
      return sql`CASE WHEN (${second} >> ${literal(b)}) & 1 THEN ${node} END`;
    }),
  );
}

/** Events of a tree before the second whose `countPaths` are columns of `from`. */
export function eventsBefore(json: SQL, from: string, prefix: string): SQL {
  return sql`(${sql.join(
    named(from, prefix, TREE_BITS).map((p) => sql`coalesce(${json} ->> ${p}, 0)`),
    sql` + `,
  )})`;
}

/**
 * The statements of a submit that record its move: they read the player's totals as they are
 * before the batch updates them, so they go first. The first adds the move to the row of the
 * total left, the second creates that row when no one left that total yet: one row changes. A
 * submit that changes neither the total nor the whole second of the time moves
 * nothing. `steps` is the points in units of pointsPerCorrect: the right answers that counted.
 */
export function moveStatements(p: {
  seasonId: string;
  personId: string;
  points: number;
  steps: number;
  countedMs: number;
  open: SQL;
}): SQL[] {
  const before = sql`coalesce(p.time_ms, 0)`;
  const after = sql`coalesce(p.time_ms, 0) + CAST(${p.countedMs} AS INTEGER)`;
  const steps = literal(p.steps);
  // Jumps of at least 1, 2, … steps: a move of n steps adds to the first n ("1" stands in for the others).
  const jumps = Array.from({ length: MAX_STEPS }, (_, i) => i + 1).map((j) => path(literal(j <= p.steps ? j : 1)));
  // MATERIALIZED: flattened into the UPDATE, SQLite (3.51, and workerd's) mixed up the CASE paths
  // of the two trees; the tests compare the rows kept with a replay of the attempts.
  const arrivedAt = addPaths('a', [sql`coalesce(p.score, 0) + CAST(${p.points} AS INTEGER)`], secondOf(after));
  const move = sql`WITH move AS MATERIALIZED (SELECT coalesce(p.score, -1) AS from_score,
        ${arrivedAt}, ${addPaths('d', [], secondOf(before))}
      FROM (SELECT 1) LEFT JOIN quiz_players p ON p.season_id = ${p.seasonId} AND p.person_id = ${p.personId}
      WHERE ${p.open} AND (p.score IS NULL OR ${steps} > 0 OR ${secondOf(before)} <> ${secondOf(after)}))`;
  const arrivals = (json: SQL) => plusOne(json, named('move', 'a', TREE_BITS + 1));
  const departures = (json: SQL) =>
    sql`CASE WHEN move.from_score < 0 THEN ${json} ELSE ${plusOne(json, named('move', 'd', TREE_BITS + 1))} END`;
  const jumped = (json: SQL) => (p.steps > 0 ? plusOne(json, jumps) : json);
  return [
    // The row is found by its key from the move (a constant), not by a join the planner would scan.
    sql`${move} UPDATE quiz_moves
        SET jumps = ${jumped(sql`jumps`)}, arrivals = ${arrivals(sql`arrivals`)},
          departures = ${departures(sql`departures`)}
        FROM move
        WHERE (quiz_moves.season_id, quiz_moves.from_score) = (SELECT ${p.seasonId}, from_score FROM move)`,
    sql`${move} INSERT INTO quiz_moves (season_id, from_score, jumps, arrivals, departures)
        SELECT ${p.seasonId}, move.from_score, ${jumped(sql`'{}'`)}, ${arrivals(sql`'{}'`)}, ${departures(sql`'{}'`)}
        FROM move
        WHERE NOT EXISTS (
          SELECT 1 FROM quiz_moves m WHERE m.season_id = ${p.seasonId} AND m.from_score = move.from_score)`,
  ];
}

/**
 * The quiz_moves rows of a season as its submitted attempts make them, replayed in the order
 * they were submitted: what the submits keep up, for checking them, or for building them at once
 * (the bench). `season` is SQL text: a parameter (`?1`) or a quoted literal. Migration 0008 holds
 * a copy for all seasons.
 */
export function movesFromAttempts(season: string): string {
  const tree = (keys: string, seconds: string) => `SELECT ${keys}, json_group_object(node, events) AS tree FROM (
        SELECT ${keys}, ((second >> b) + 1) << b AS node, sum(events) AS events
        FROM ${seconds}, bits WHERE (second >> b) & 1 = 0 GROUP BY ${keys}, node)
      GROUP BY ${keys}`;
  return `WITH RECURSIVE bits(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM bits WHERE b < ${TREE_BITS}),
    steps(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM steps WHERE j < ${MAX_STEPS}),
    totals AS (
      SELECT a.season_id, a.person_id, row_number() OVER w AS n, sum(a.score) OVER w AS total,
        sum(a.duration_ms) OVER w AS time_ms, s.points_per_correct AS points
      FROM quiz_attempts a JOIN quiz_seasons s ON s.id = a.season_id
      WHERE a.season_id = ${season} AND a.submitted_at IS NOT NULL
      WINDOW w AS (PARTITION BY a.season_id, a.person_id ORDER BY a.submitted_at, a.id)),
    moved AS (
      SELECT season_id, coalesce(lag(total) OVER w, -1) AS from_score, total AS to_score, points,
        min(coalesce(lag(time_ms) OVER w, 0) / 1000, ${LAST_SECOND}) AS from_second,
        min(time_ms / 1000, ${LAST_SECOND}) AS to_second
      FROM totals WINDOW w AS (PARTITION BY season_id, person_id ORDER BY n)),
    kept AS (SELECT *, (to_score - max(from_score, 0)) / points AS steps FROM moved
      WHERE from_score < 0 OR to_score <> from_score OR to_second <> from_second),
    arrival_seconds AS (SELECT season_id, from_score, to_score, to_second AS second, count(*) AS events
      FROM kept GROUP BY 1, 2, 3, 4),
    departure_seconds AS (SELECT season_id, from_score, from_second AS second, count(*) AS events
      FROM kept WHERE from_score >= 0 GROUP BY 1, 2, 3),
    arrival_trees AS (${tree('season_id, from_score, to_score', 'arrival_seconds')}),
    arrived AS (SELECT season_id, from_score, json_group_object(to_score, json(tree)) AS arrivals
      FROM arrival_trees GROUP BY 1, 2),
    departed AS (${tree('season_id, from_score', 'departure_seconds')}),
    jumped AS (
      SELECT season_id, from_score, json_group_object(j, moves) AS jumps FROM (
        SELECT k.season_id, k.from_score, steps.j, count(*) AS moves
        FROM kept k JOIN steps ON steps.j <= k.steps GROUP BY 1, 2, 3)
      GROUP BY 1, 2)
    SELECT a.season_id, a.from_score, coalesce(j.jumps, '{}') AS jumps, a.arrivals, coalesce(d.tree, '{}') AS departures
    FROM arrived a
    LEFT JOIN jumped j ON j.season_id = a.season_id AND j.from_score = a.from_score
    LEFT JOIN departed d ON d.season_id = a.season_id AND d.from_score = a.from_score
    ORDER BY a.from_score`;
}
