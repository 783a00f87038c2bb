// The move rows of the season totals (quiz_score_moves) as SQL, without I/O: the statements of a
// submit that record its move, the Fenwick trees by second inside each row, and the rows rebuilt
// from the attempts. How a rank reads them is db/quiz-ranks.ts.
import { sql, type SQL } from 'drizzle-orm';

/** The trees tell seconds apart up to 2^21 s of total time (24 days of play); later seconds count as the last. */
const TREE_BITS = 21;
const LAST_SECOND = 2 ** TREE_BITS - 1;
// Literals, not bound parameters: D1 binds numbers as REAL, which would make `/` divide exactly.
const literal = (n: number) => sql.raw(String(n));

/** The whole second of a total time in milliseconds, as the trees count it. */
export const secondOf = (timeMs: SQL) => sql`min((${timeMs}) / 1000, ${literal(LAST_SECOND)})`;

/** The JSON path of a tree node. */
const node = (index: SQL) => sql`('$."' || (${index}) || '"')`;
const bits = Array.from({ length: TREE_BITS }, (_, b) => b);

/** SQL columns `<prefix>0`, `<prefix>1`, …: computed once per statement, used by every row it reads or writes. */
const columns = (prefix: string, paths: SQL[]) => sql.join(paths.map((path, i) => sql`${path} AS ${sql.raw(`${prefix}${i}`)}`), sql`, `);
const named = (from: string, prefix: string) => bits.map((b) => sql.raw(`${from}.${prefix}${b}`));

/**
 * The paths of the nodes to add an event in `second` to. Second x is entry x + 1 of a Fenwick
 * tree of 2^21 entries; the nodes covering it are ((x >> b) + 1) << b for each bit b that is 0 in
 * x, and the root 2^21. For the bits that are 1 the root stands in: json_set then writes it again
 * with the same value.
 */
export function addPaths(prefix: string, second: SQL): SQL {
  const root = node(literal(2 ** TREE_BITS));
  const paths = bits.map((b) => sql`CASE WHEN (${second} >> ${literal(b)}) & 1 THEN ${root} ELSE ${node(sql`((${second} >> ${literal(b)}) + 1) << ${literal(b)}`)} END`);
  return columns(prefix, [...paths, root]);
}

/** The tree with one more event at the paths `addPaths` gave as columns of `from`. */
export function withEvent(tree: SQL, from: string, prefix: string): SQL {
  const paths = [...named(from, prefix), sql.raw(`${from}.${prefix}${TREE_BITS}`)];
  return sql`json_set(${tree}, ${sql.join(paths.flatMap((path) => [path, sql`coalesce(${tree} ->> ${path}, 0) + 1`]), sql`, `)})`;
}

/** The paths of the nodes that add up the events before `second`: (second >> b) << b for each bit b set in it, else NULL. */
export function countPaths(prefix: string, second: SQL): SQL {
  return columns(prefix, bits.map((b) => sql`CASE WHEN (${second} >> ${literal(b)}) & 1 THEN ${node(sql`(${second} >> ${literal(b)}) << ${literal(b)}`)} END`));
}

/** Events of the tree before the second whose `countPaths` are columns of `from`. */
export function eventsBefore(tree: SQL, from: string, prefix: string): SQL {
  return sql`(${sql.join(named(from, prefix).map((path) => sql`coalesce(${tree} ->> ${path}, 0)`), sql` + `)})`;
}

/**
 * The statements of a submit that record its move: they read the player's totals as they are
 * before the batch updates them, so they go first. The first adds to the move's row, the second
 * creates the row when no one made that move yet; one row changes. A submit that leaves the
 * totals in the same second (a late one) moves nothing.
 */
export function moveStatements(p: { seasonId: string; personId: string; points: number; countedMs: number; open: SQL }): SQL[] {
  const before = sql`coalesce(p.time_ms, 0)`;
  const after = sql`coalesce(p.time_ms, 0) + CAST(${p.countedMs} AS INTEGER)`;
  const move = sql`(SELECT coalesce(p.score, -1) AS from_score, coalesce(p.score, 0) + CAST(${p.points} AS INTEGER) AS to_score,
        ${secondOf(before)} AS from_second, ${secondOf(after)} AS to_second,
        ${addPaths('a', secondOf(after))}, ${addPaths('d', secondOf(before))}
      FROM (SELECT 1) LEFT JOIN quiz_players p ON p.season_id = ${p.seasonId} AND p.person_id = ${p.personId}
      WHERE ${p.open}) AS move`;
  const moves = sql`(move.from_score < 0 OR move.to_score <> move.from_score OR move.to_second <> move.from_second)`;
  const departures = (tree: SQL) => sql`CASE WHEN move.from_score < 0 THEN ${tree} ELSE ${withEvent(tree, 'move', 'd')} END`;
  return [
    sql`UPDATE quiz_score_moves SET moves = moves + 1,
          arrivals = ${withEvent(sql`arrivals`, 'move', 'a')},
          departures = ${departures(sql`departures`)}
        FROM ${move}
        WHERE quiz_score_moves.season_id = ${p.seasonId} AND quiz_score_moves.from_score = move.from_score
          AND quiz_score_moves.to_score = move.to_score AND ${moves}`,
    sql`INSERT INTO quiz_score_moves (season_id, from_score, to_score, moves, arrivals, departures)
        SELECT ${p.seasonId}, move.from_score, move.to_score, 1, ${withEvent(sql`'{}'`, 'move', 'a')}, ${departures(sql`'{}'`)}
        FROM ${move}
        WHERE ${moves} AND NOT EXISTS (SELECT 1 FROM quiz_score_moves m
          WHERE m.season_id = ${p.seasonId} AND m.from_score = move.from_score AND m.to_score = move.to_score)`,
  ];
}

/**
 * The move rows a season's submitted attempts make, replayed in the order they were submitted:
 * what the submits keep up, for checking them, or for building them at once (the bench).
 * `season` is SQL text: a parameter (`?1`) or a quoted literal. Migration 0005 holds a copy for
 * all seasons.
 */
export function movesFromAttempts(season: string): string {
  const tree = (seconds: string) => `SELECT season_id, from_score, to_score, json_group_object(node, events) AS tree FROM (
        SELECT season_id, from_score, to_score, ((second >> b) + 1) << b AS node, sum(events) AS events
        FROM ${seconds}, bits WHERE (second >> b) & 1 = 0 GROUP BY 1, 2, 3, 4)
      GROUP BY 1, 2, 3`;
  return `WITH RECURSIVE bits(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM bits WHERE b < ${TREE_BITS}),
    steps AS (
      SELECT season_id, person_id, row_number() OVER w AS n, sum(score) OVER w AS total,
        sum(CASE WHEN late THEN 0 ELSE duration_ms END) OVER w AS time_ms
      FROM quiz_attempts WHERE season_id = ${season} AND submitted_at IS NOT NULL
      WINDOW w AS (PARTITION BY season_id, person_id ORDER BY submitted_at, id)),
    moved AS (
      SELECT season_id, coalesce(lag(total) OVER w, -1) AS from_score, total AS to_score,
        min(coalesce(lag(time_ms) OVER w, 0) / 1000, ${LAST_SECOND}) AS from_second, min(time_ms / 1000, ${LAST_SECOND}) AS to_second
      FROM steps WINDOW w AS (PARTITION BY season_id, person_id ORDER BY n)),
    kept AS (SELECT * FROM moved WHERE from_score < 0 OR to_score <> from_score OR to_second <> from_second),
    arrival_seconds AS (SELECT season_id, from_score, to_score, to_second AS second, count(*) AS events FROM kept GROUP BY 1, 2, 3, 4),
    departure_seconds AS (SELECT season_id, from_score, to_score, from_second AS second, count(*) AS events FROM kept WHERE from_score >= 0 GROUP BY 1, 2, 3, 4),
    arrived AS (${tree('arrival_seconds')}),
    departed AS (${tree('departure_seconds')})
    SELECT k.season_id, k.from_score, k.to_score, k.moves, a.tree AS arrivals, coalesce(d.tree, '{}') AS departures
    FROM (SELECT season_id, from_score, to_score, sum(events) AS moves FROM arrival_seconds GROUP BY 1, 2, 3) k
    JOIN arrived a ON a.season_id = k.season_id AND a.from_score = k.from_score AND a.to_score = k.to_score
    LEFT JOIN departed d ON d.season_id = k.season_id AND d.from_score = k.from_score AND d.to_score = k.to_score
    ORDER BY k.from_score, k.to_score`;
}
