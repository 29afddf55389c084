-- gaps.sql: the peer of `rel-map gaps` in bench/run.sh: the same join,
-- hand-written for the sqlite3 shell over rel's own database. The active
-- students with no active adult at strength 2 or more, or with no current
-- primary adult (an active adult), with the columns and reasons rel-map
-- gaps writes (see rel-map(1), gaps), ordered by student_id.
.headers on
.mode csv
SELECT s.student_id, s.given_name, s.family_name, s.grade,
    count(c.id) AS connections,
    coalesce(max(c.strength), 0) AS best_strength,
    pa.adult_id AS primary_adult_id,
    CASE WHEN count(CASE WHEN c.strength >= 2 THEN 1 END) = 0
    THEN 'no adult at strength 2 or more' ELSE '' END ||
    CASE WHEN count(CASE WHEN c.strength >= 2 THEN 1 END) = 0
    AND pa.adult_id IS NULL THEN '; ' ELSE '' END ||
    CASE WHEN pa.adult_id IS NULL THEN 'no primary adult' ELSE '' END
    AS reason
FROM student s
LEFT JOIN (connection c JOIN adult ca ON ca.id = c.adult AND ca.active = 1)
    ON c.student = s.id
LEFT JOIN (SELECT p.student, a.adult_id FROM primary_adult p
    JOIN adult a ON a.id = p.adult AND a.active = 1
    WHERE p.end_at IS NULL) pa ON pa.student = s.id
WHERE s.active = 1
GROUP BY s.id
HAVING count(CASE WHEN c.strength >= 2 THEN 1 END) = 0
    OR pa.adult_id IS NULL
ORDER BY s.student_id;
