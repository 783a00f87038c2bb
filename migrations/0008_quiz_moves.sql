CREATE TABLE `quiz_moves` (
	`season_id` text NOT NULL,
	`from_score` integer NOT NULL,
	`jumps` text NOT NULL,
	`arrivals` text NOT NULL,
	`departures` text NOT NULL,
	PRIMARY KEY(`season_id`, `from_score`),
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Where the season totals moved from, replayed from the submitted attempts in the order they were
-- submitted (as worker/db/quiz-moves.ts movesFromAttempts): each first submit, and each submit
-- that changed a player's total or the whole second of its time, in the row of the total it left.
INSERT INTO `quiz_moves` (`season_id`, `from_score`, `jumps`, `arrivals`, `departures`)
WITH RECURSIVE bits(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM bits WHERE b < 21),
steps(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM steps WHERE j < 50),
totals AS (
  SELECT a.season_id, a.person_id, row_number() OVER w AS n, sum(a.score) OVER w AS total,
    sum(CASE WHEN a.late THEN 0 ELSE a.duration_ms END) OVER w AS time_ms, s.points_per_correct AS points
  FROM quiz_attempts a JOIN quiz_seasons s ON s.id = a.season_id
  WHERE a.submitted_at IS NOT NULL
  WINDOW w AS (PARTITION BY a.season_id, a.person_id ORDER BY a.submitted_at, a.id)),
moved AS (
  SELECT season_id, coalesce(lag(total) OVER w, -1) AS from_score, total AS to_score, points,
    min(coalesce(lag(time_ms) OVER w, 0) / 1000, 2097151) AS from_second, min(time_ms / 1000, 2097151) AS to_second
  FROM totals WINDOW w AS (PARTITION BY season_id, person_id ORDER BY n)),
kept AS (SELECT *, (to_score - max(from_score, 0)) / points AS steps FROM moved
  WHERE from_score < 0 OR to_score <> from_score OR to_second <> from_second),
arrival_seconds AS (SELECT season_id, from_score, to_score, to_second AS second, count(*) AS events FROM kept GROUP BY 1, 2, 3, 4),
departure_seconds AS (SELECT season_id, from_score, from_second AS second, count(*) AS events FROM kept WHERE from_score >= 0 GROUP BY 1, 2, 3),
arrival_trees AS (SELECT season_id, from_score, to_score, json_group_object(node, events) AS tree FROM (
    SELECT season_id, from_score, to_score, ((second >> b) + 1) << b AS node, sum(events) AS events
    FROM arrival_seconds, bits WHERE (second >> b) & 1 = 0 GROUP BY season_id, from_score, to_score, node)
  GROUP BY season_id, from_score, to_score),
arrived AS (SELECT season_id, from_score, json_group_object(to_score, json(tree)) AS arrivals FROM arrival_trees GROUP BY 1, 2),
departed AS (SELECT season_id, from_score, json_group_object(node, events) AS tree FROM (
    SELECT season_id, from_score, ((second >> b) + 1) << b AS node, sum(events) AS events
    FROM departure_seconds, bits WHERE (second >> b) & 1 = 0 GROUP BY season_id, from_score, node)
  GROUP BY season_id, from_score),
jumped AS (
  SELECT season_id, from_score, json_group_object(j, moves) AS jumps FROM (
    SELECT k.season_id, k.from_score, steps.j, count(*) AS moves FROM kept k JOIN steps ON steps.j <= k.steps GROUP BY 1, 2, 3)
  GROUP BY 1, 2)
SELECT a.season_id, a.from_score, coalesce(j.jumps, '{}') AS jumps, a.arrivals, coalesce(d.tree, '{}') AS departures
FROM arrived a
LEFT JOIN jumped j ON j.season_id = a.season_id AND j.from_score = a.from_score
LEFT JOIN departed d ON d.season_id = a.season_id AND d.from_score = a.from_score
ORDER BY a.from_score;
--> statement-breakpoint
DROP TABLE `quiz_score_moves`;
