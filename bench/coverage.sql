-- coverage.sql: the peer of `rel-report coverage --by grade` in
-- bench/run.sh: the same join, hand-written for the sqlite3 shell over
-- rel's own database. The day is the parameter @day (YYYY-MM-DD), set
-- with: sqlite3 -cmd ".parameter set @day \"'2026-01-16'\"" DB < coverage.sql
-- Each active student is connected (an active adult marked them at
-- strength 2 or more by the end of the day), has a primary adult on the
-- day (an active adult), and was seen (a check-in in the 14 days ending
-- with the day; check-in times are seconds in school-local time); then
-- the school and each grade, as rel-report(1) writes them (OUTPUT).
.headers on
.mode csv
WITH cov AS (
  SELECT s.grade,
    EXISTS (SELECT 1 FROM connection_event ev
      JOIN adult a ON a.id = ev.adult AND a.active = 1
      WHERE ev.student = s.id AND ev.strength >= 2
      AND ev.at <= @day || 'T23:59:59') AS connected,
    EXISTS (SELECT 1 FROM primary_adult p
      JOIN adult a ON a.id = p.adult AND a.active = 1
      WHERE p.student = s.id AND p.start_at <= @day || 'T23:59:59'
      AND (p.end_at IS NULL OR p.end_at > @day || 'T23:59:59')) AS prim,
    EXISTS (SELECT 1 FROM checkin k WHERE k.student = s.id
      AND k.at >= strftime('%s', @day) - 13 * 86400
      AND k.at < strftime('%s', @day) + 86400) AS seen
  FROM student s WHERE s.active = 1
), rows AS (
  SELECT 0 AS k, 'all' AS "by", '' AS "group", count(*) AS students,
    ifnull(sum(connected), 0) AS connected, ifnull(sum(prim), 0) AS "primary",
    ifnull(sum(seen), 0) AS seen FROM cov
  UNION ALL
  SELECT 1, 'grade', ifnull(grade, ''), count(*), sum(connected), sum(prim),
    sum(seen) FROM cov GROUP BY ifnull(grade, '')
)
SELECT "by", "group", students, connected,
  printf('%.1f', 100.0 * connected / students) AS connected_pct,
  "primary", printf('%.1f', 100.0 * "primary" / students) AS primary_pct,
  seen, printf('%.1f', 100.0 * seen / students) AS seen_pct
FROM rows
ORDER BY k, "group" GLOB '[0-9]*', CAST("group" AS INTEGER), "group";
