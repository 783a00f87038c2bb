-- A late attempt used to score nothing and count no time; now it counts the answers saved before
-- its deadline and the whole time limit, and the counted time is simply duration_ms. Earlier late
-- attempts get the 0 ms they counted, so the totals still equal the sums over the attempts.
UPDATE quiz_attempts SET duration_ms = 0 WHERE late = 1 AND submitted_at IS NOT NULL;
