CREATE TABLE `quiz_score_moves` (
	`season_id` text NOT NULL,
	`from_score` integer NOT NULL,
	`to_score` integer NOT NULL,
	`moves` integer NOT NULL,
	`arrivals` text NOT NULL,
	`departures` text NOT NULL,
	PRIMARY KEY(`season_id`, `from_score`, `to_score`),
	FOREIGN KEY (`season_id`) REFERENCES `quiz_seasons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- The moves of the season totals, replayed from the submitted attempts in the order they were
-- submitted (as worker/db/quiz-moves.ts movesFromAttempts): one per first submit and per submit
-- that changed a player's total or its whole second, with its Fenwick trees by second.
INSERT INTO `quiz_score_moves` (`season_id`, `from_score`, `to_score`, `moves`, `arrivals`, `departures`)
WITH RECURSIVE bits(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM bits WHERE b < 21),
steps AS (
  SELECT season_id, person_id, row_number() OVER w AS n, sum(score) OVER w AS total,
    sum(CASE WHEN late THEN 0 ELSE duration_ms END) OVER w AS time_ms
  FROM quiz_attempts WHERE submitted_at IS NOT NULL
  WINDOW w AS (PARTITION BY season_id, person_id ORDER BY submitted_at, id)),
moved AS (
  SELECT season_id, coalesce(lag(total) OVER w, -1) AS from_score, total AS to_score,
    min(coalesce(lag(time_ms) OVER w, 0) / 1000, 2097151) AS from_second, min(time_ms / 1000, 2097151) AS to_second
  FROM steps WINDOW w AS (PARTITION BY season_id, person_id ORDER BY n)),
kept AS (SELECT * FROM moved WHERE from_score < 0 OR to_score <> from_score OR to_second <> from_second),
arrival_seconds AS (SELECT season_id, from_score, to_score, to_second AS second, count(*) AS events FROM kept GROUP BY 1, 2, 3, 4),
departure_seconds AS (SELECT season_id, from_score, to_score, from_second AS second, count(*) AS events FROM kept WHERE from_score >= 0 GROUP BY 1, 2, 3, 4),
arrived AS (SELECT season_id, from_score, to_score, json_group_object(node, events) AS tree FROM (
    SELECT season_id, from_score, to_score, ((second >> b) + 1) << b AS node, sum(events) AS events
    FROM arrival_seconds, bits WHERE (second >> b) & 1 = 0 GROUP BY 1, 2, 3, 4)
  GROUP BY 1, 2, 3),
departed AS (SELECT season_id, from_score, to_score, json_group_object(node, events) AS tree FROM (
    SELECT season_id, from_score, to_score, ((second >> b) + 1) << b AS node, sum(events) AS events
    FROM departure_seconds, bits WHERE (second >> b) & 1 = 0 GROUP BY 1, 2, 3, 4)
  GROUP BY 1, 2, 3)
SELECT k.season_id, k.from_score, k.to_score, k.moves, a.tree AS arrivals, coalesce(d.tree, '{}') AS departures
FROM (SELECT season_id, from_score, to_score, sum(events) AS moves FROM arrival_seconds GROUP BY 1, 2, 3) k
JOIN arrived a ON a.season_id = k.season_id AND a.from_score = k.from_score AND a.to_score = k.to_score
LEFT JOIN departed d ON d.season_id = k.season_id AND d.from_score = k.from_score AND d.to_score = k.to_score
ORDER BY k.from_score, k.to_score;
--> statement-breakpoint
DROP TABLE `quiz_score_counts`;--> statement-breakpoint
DROP TABLE `quiz_time_counts`;--> statement-breakpoint
DROP INDEX `quiz_players_by_person`;--> statement-breakpoint
ALTER TABLE `quiz_seasons` DROP COLUMN `players`;