// The time count rows of the season rank (db/quiz-ranks.ts) as SQL text, without I/O: what the
// submits keep up, rebuilt from the totals, for the tests and for the bench's generated season.

/** Seconds per time count row: each row has a running count of its players by second. */
export const SECONDS_PER_ROW = 100;

/**
 * The time count rows of a season as its totals make them: what the submits keep up, for
 * checking them, or for building them at once (the bench). `season` is SQL text: a parameter
 * (`?1`) or a quoted literal.
 */
export function timeCountRows(season: string): string {
  return `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${SECONDS_PER_ROW - 1}),
      s AS (SELECT season_id, score, time_ms / ${SECONDS_PER_ROW * 1000} AS time_bucket, time_ms / 1000 % ${SECONDS_PER_ROW} AS second, count(*) AS n
            FROM quiz_players WHERE season_id = ${season} GROUP BY 2, 3, 4),
      g AS (SELECT season_id, score, time_bucket, sum(n) AS players FROM s GROUP BY 2, 3),
      c AS (SELECT g.season_id, g.score, g.time_bucket, g.players, k.i,
              sum(coalesce(s.n, 0)) OVER (PARTITION BY g.score, g.time_bucket ORDER BY k.i) AS upto
            FROM g CROSS JOIN k LEFT JOIN s ON s.score = g.score AND s.time_bucket = g.time_bucket AND s.second = k.i)
    SELECT season_id, score, time_bucket, players, json_group_array(upto ORDER BY i) AS upto
    FROM c GROUP BY score, time_bucket ORDER BY score, time_bucket`;
}

