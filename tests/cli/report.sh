#!/bin/sh
# rel-report: a small school built by hand through the commands, with
# known coverage, caseloads and a known week, checked exactly: coverage
# school-wide, by a roster column, by a kind of group (with the students
# in none), as of a past day, narrowed by a student set; the equity view;
# caseloads with an outlier; the weekly digest for the whole school and
# for a teacher's students, its CSV, its audit row; the formats (md, html,
# from --out's name); --out replacing a file atomically and leaving it be
# on failure; bad options; the crontab line of rel-report(1), run as cron
# runs it. The student card and trends are in report-card.sh.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody.rel-report-tests
export USER

# The fixture school (adults A901-A905, A901 the counselor, A902 a
# teacher who leads BIO9-P2 and CLUB-ROBOT; 11 active students) and, as of
# 2026-11-20 (the week: 2026-11-14 to 2026-11-20):
# - A903 marked 100201 100202 100204 100209 at strength 2 in September;
#   A902 marked 100203 at 3 on 2026-11-18 (new this week); A905 marked
#   100211 at 1;
# - primary adults: A903 for 100201 100202 100204 100209 100211, A902
#   for 100203 (from 2026-11-18), A905 for 100205;
# - check-ins: 100201 and 100202 yesterday, 100209 on 2026-11-10, 100211
#   on 2026-10-01;
# - affirmations: two this week, one last week; a positive call home
#   (100207) this week; a concern call about 100204 with a follow-up due
#   2026-11-15, private to A902, and nothing since; three concern notes
#   on 100209 this week, for the team (a new flag).
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv . || fail_ "cannot copy the fixtures"
	roster_db
	{
		rel-map mark --as A903 --adult A903 --strength 2 --at 2026-09-15 \
		    100201 100202 100204 100209 &&
		rel-map mark --as A902 --adult A902 --strength 3 --at 2026-11-18 \
		    100203 &&
		rel-map mark --as A905 --adult A905 --strength 1 --at 2026-09-15 \
		    100211 &&
		rel-map assign --as A903 --adult A903 --at 2026-09-15 \
		    100201 100202 100204 100209 100211 &&
		rel-map assign --as A902 --adult A902 --at 2026-11-18 100203 &&
		rel-map assign --as A905 --adult A905 --at 2026-10-01 100205 &&
		rel-checkin add --as A903 --mood 4 --at 2026-11-19T08:30 \
		    100201 100202 &&
		rel-checkin add --as A903 --mood 3 --at 2026-11-10T08:30 100209 &&
		rel-checkin add --as A905 --mood 2 --at 2026-10-01T08:30 100211 &&
		rel-note add --as A903 --at 2026-11-17T10:00 100201 affirmation \
		    "Led the group project" &&
		rel-note add --as A903 --at 2026-11-19T10:00 100209 affirmation \
		    "Helped a new student find the library" &&
		rel-note add --as A903 --at 2026-11-10T10:00 100202 affirmation \
		    "Kept at the hard problem" &&
		rel-note add --as A903 --at 2026-11-16T10:00 --visibility team \
		    100209 concern "Quiet in advisory" &&
		rel-note add --as A903 --at 2026-11-17T10:00 --visibility team \
		    100209 concern "Skipped lunch" &&
		rel-note add --as A903 --at 2026-11-18T10:00 --visibility team \
		    100209 concern "Said they feel left out" &&
		rel-family add --as A904 --at 2026-11-17T16:00 --channel call \
		    --direction to_home --tone positive 100207 &&
		rel-family add --as A902 --at 2026-11-10T16:00 --channel call \
		    --direction to_home --tone concern --follow-up 2026-11-15 \
		    100204
	} >/dev/null 2>"$T/setup.err" || fail_ "setup failed: $(cat "$T/setup.err")"
}

COV=by,group,students,connected,connected_pct,primary,primary_pct,seen,seen_pct

case_ "coverage: the school, then each grade (connected, primary, seen)"
school
run rel-report coverage --as A901 --by grade
status_is 0
err_empty
out_is <<'EOF'
by,group,students,connected,connected_pct,primary,primary_pct,seen,seen_pct
all,,11,5,45.5,7,63.6,3,27.3
grade,9,4,3,75.0,4,100.0,2,50.0
grade,10,3,2,66.7,2,66.7,1,33.3
grade,11,2,0,0.0,1,50.0,0,0.0
grade,12,2,0,0.0,0,0.0,0,0.0
EOF

case_ "coverage by a kind of group: each advisory, and the students in none"
school
run rel-report coverage --as A901 --by advisory
status_is 0
out_is <<'EOF'
by,group,students,connected,connected_pct,primary,primary_pct,seen,seen_pct
all,,11,5,45.5,7,63.6,3,27.3
advisory,,6,1,16.7,2,33.3,0,0.0
advisory,ADV-204,5,4,80.0,5,100.0,3,60.0
EOF

case_ "coverage as of last week: connections and primary adults as they stood"
school
run rel-report coverage --as A901 --as-of 2026-11-13
status_is 0
out_is <<'EOF'
by,group,students,connected,connected_pct,primary,primary_pct,seen,seen_pct
all,,11,4,36.4,6,54.5,1,9.1
EOF

case_ "a student set narrows coverage; --min-strength and --days change its tests"
school
printf 'student_id\n100203\n100209\n100211\n' >set.csv
STDIN=set.csv
run rel-report coverage --as A901 --min-strength 1 --days 30
status_is 0
out_is <<'EOF'
by,group,students,connected,connected_pct,primary,primary_pct,seen,seen_pct
all,,3,3,100.0,3,100.0,1,33.3
EOF

case_ "equity: the groups reached least first, with their gaps in points"
school
run rel-report equity --as A901 --by grade
status_is 0
out_is <<'EOF'
by,group,students,connected,connected_pct,primary,primary_pct,seen,seen_pct,connected_gap,primary_gap,seen_gap
all,,11,5,45.5,7,63.6,3,27.3,0.0,0.0,0.0
grade,11,2,0,0.0,1,50.0,0,0.0,-45.5,-13.6,-27.3
grade,12,2,0,0.0,0,0.0,0,0.0,-45.5,-63.6,-27.3
grade,10,3,2,66.7,2,66.7,1,33.3,21.2,3.0,6.1
grade,9,4,3,75.0,4,100.0,2,50.0,29.5,36.4,22.7
EOF

case_ "coverage for people: the sentence, text bars with small groups marked, the table"
school
run rel-report coverage --as A901 --by club --format table
status_is 0
out_is <<'EOF'
Coverage: does every student have an adult?
Coverage as of 2026-11-20; read by A901

Of 11 active students, 5 (45.5%) have an adult at strength 2 or more, 7
(63.6%) have a primary adult, and 3 (27.3%) checked in within 14 days.

Coverage by club
  (in none)   an adult at strength 2+    ███████████████ 38%
              a primary adult            █████████████████████████ 62%
              checked in within 14 days  ██████████ 25%  <- fewer than 10 students: read with care
  CLUB-ROBOT  an adult at strength 2+    ██████████████████████████▋ 67%
              a primary adult            ██████████████████████████▋ 67%
              checked in within 14 days  █████████████▍ 33%  <- fewer than 10 students: read with care
  school: 45% with an adult

by    group       students  connected  connected_pct  primary  primary_pct  seen  seen_pct
----  ----------  --------  ---------  -------------  -------  -----------  ----  --------
all               11        5          45.5           7        63.6         3     27.3
club              8         3          37.5           5        62.5         2     25.0
club  CLUB-ROBOT  3         2          66.7           2        66.7         1     33.3
EOF

case_ "caseload: each adult's students, who is not seen, what is due, the outlier"
school
run rel-report caseload --as A901
status_is 0
out_is <<'EOF'
adult_id,given_name,family_name,role,primary,strength_1,strength_2,strength_3,not_seen,follow_ups_due,outlier
A901,Hana,Nakamura-Reyes,counselor,0,0,0,0,0,0,
A902,Kwame,Asante,teacher,1,0,0,1,1,1,
A903,Ingrid,Solberg,advisor,5,1,4,0,2,0,yes
A904,Rafael,Mendoza,coach,0,0,0,0,0,0,
A905,Priya,Raghunathan,teacher,1,2,0,0,1,0,
EOF

case_ "caseload: with fewer than three adults holding primary students, no one stands out"
school
rel-map unassign --as A901 100205 >/dev/null 2>&1 || fail_ "unassign failed"
run rel-report caseload --as A901 --format table
status_is 0
out_has '2 adults have primary students; the median caseload is 3.0. 0 adults carry'
run rel-report caseload --as A901
status_is 0
out_has 'A903,Ingrid,Solberg,advisor,5,1,4,0,2,0,'
check_eq "$(grep -c ',yes$' "$T/out")" 0 "outliers"

case_ "caseload: a follow-up private to its author counts only for those who may see it"
school
run rel-report caseload --as A905
status_is 0
out_has 'A902,Kwame,Asante,teacher,1,0,0,1,1,0,'

case_ "weekly: the whole school's digest, for people"
school
run rel-report weekly --as A901 --all --format table
status_is 0
err_empty
out_is <<'EOF'
The week to Friday 2026-11-20
Weekly digest as of 2026-11-20 for A901: the whole school, 11 students

Celebrate
  - 2 affirmations written (1 last week)
  - 1 positive family contact (0 last week)
  - 1 new connection at strength 2 or more (0 last week)

Coverage against last week

measure                    last_week  this_week  change
-------------------------  ---------  ---------  ------
an adult at strength 2+    36.4       45.5       +9.1
a primary adult            54.5       63.6       +9.1
checked in within 14 days  9.1        27.3       +18.2

New flags this week
  - Aroha Ngata (100209, grade 10): concerns: 3 concern notes in the last 60 days (threshold 3)

Cleared since last week
  - Thandiwe Müller-Okafor (100201, grade 9): not_seen: no check-in, note or family contact by any adult on record (threshold 14 days)
  - Mei King, Jr. (100203, grade 10): no_adult: no adult has marked a connection and no primary adult
  - Kaito Watanabe (100207, grade 12): not_seen: no check-in, note or family contact by any adult on record (threshold 14 days)

Students who still have no adult
  - Minh Anh Nguyễn (100206, grade 10): no adult has marked a connection and no primary adult
  - Kaito Watanabe (100207, grade 12): no adult has marked a connection and no primary adult
  - Zeynep Yıldız (100208, grade 11): no adult has marked a connection and no primary adult
  - Dmitri Volkov-Sato (100210, grade 12): no adult has marked a connection and no primary adult

Overdue follow-ups
  - Oluwaseun Adeyemi (100204, grade 9): 1 follow-up past due: a family follow-up due 2026-11-15
EOF

case_ "weekly for a script: the students who need someone, one row each"
school
run rel-report weekly --as A901 --all
status_is 0
out_is <<'EOF'
section,student_id,given_name,family_name,grade,detail
new_flag,100209,Aroha,Ngata,10,concerns: 3 concern notes in the last 60 days (threshold 3)
cleared,100201,Thandiwe,Müller-Okafor,9,"not_seen: no check-in, note or family contact by any adult on record (threshold 14 days)"
cleared,100203,Mei,"King, Jr.",10,no_adult: no adult has marked a connection and no primary adult
cleared,100207,Kaito,Watanabe,12,"not_seen: no check-in, note or family contact by any adult on record (threshold 14 days)"
no_adult,100206,Minh Anh,Nguyễn,10,no adult has marked a connection and no primary adult
no_adult,100207,Kaito,Watanabe,12,no adult has marked a connection and no primary adult
no_adult,100208,Zeynep,Yıldız,11,no adult has marked a connection and no primary adult
no_adult,100210,Dmitri,Volkov-Sato,12,no adult has marked a connection and no primary adult
follow_up,100204,Oluwaseun,Adeyemi,9,1 follow-up past due: a family follow-up due 2026-11-15
EOF

case_ "weekly as of a past day: its week, against the week before it"
school
run rel-report weekly --as A901 --all --as-of 2026-11-13
status_is 0
out_has 'cleared,100202,Liam,O'"'"'Connor,9,"not_seen: no check-in, note or family contact by any adult on record (threshold 14 days)"'
out_has 'no_adult,100203,Mei,"King, Jr.",10,no adult has marked a connection and no primary adult'
out_lacks 'new_flag,100209'

case_ "weekly for a teacher: only the students they know, and what they may see"
school
run rel-report weekly --as A905
status_is 0
out_is <<'EOF'
section,student_id,given_name,family_name,grade,detail
cleared,100201,Thandiwe,Müller-Okafor,9,"not_seen: no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF

case_ "weekly: a digest drawn from a private record is in the audit log"
school
run rel-report weekly --as A901 --all
status_is 0
check_eq "$(sql "SELECT count(*) FROM audit a JOIN adult ad ON ad.id = a.adult WHERE ad.adult_id = 'A901' AND a.command = 'rel-report weekly'")" 1 "audit rows"
check_eq "$(sql "SELECT s.student_id FROM audit_student x JOIN student s ON s.id = x.student")" 100204 "the student audited"

case_ "weekly needs an acting adult"
school
db_save
run rel-report weekly --all
status_is 64
# shellcheck disable=SC2016 # $REL_AS is the message's own text
err_has 'rel-report: weekly: no acting adult: the digest is for an adult (--as ADULT_ID, or $REL_AS in a crontab)'
db_unchanged

case_ "md: headings, bullets and pipe tables, Markdown's own characters escaped"
school
run rel-report weekly --as A901 --all --format md
status_is 0
out_has '# The week to Friday 2026-11-20'
out_has '## Overdue follow-ups'
out_has '- **Oluwaseun Adeyemi** (100204, grade 9): 1 follow-up past due: a family follow-up due 2026-11-15'
out_has '| measure | last\_week | this\_week | change |'
out_has '| --- | --- | --- | --- |'
out_has '- **Thandiwe Müller-Okafor** (100201, grade 9): not\_seen: no check-in'

case_ "html: one page, no script and no outside address, charts with titles"
school
run rel-report coverage --as A901 --by grade --format html
status_is 0
check_eq "$(head -n 1 "$T/out")" "<!DOCTYPE html>" "the first line"
check_eq "$(tail -n 1 "$T/out")" "</html>" "the last line"
out_has '<title>Coverage: does every student have an adult?</title>'
out_has '<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img"'
out_has '<title>Coverage by grade</title>'
out_has '<td class="num">45.5</td>'
out_lacks '<script'
# The SVG namespace is the page's only address; nothing is fetched.
check_eq "$(grep -o 'https\{0,1\}://[^" ]*' "$T/out" | sort -u)" "http://www.w3.org/2000/svg" "the addresses in the page"
check_eq "$(grep -c 'src=\|href=\|url(http\|@import' "$T/out")" 0 "references to anything outside"

case_ "html escapes what the records hold"
school
printf 'student_id,given_name,family_name,grade\n100299,"<b>Ana</b> & ""Bo""",O'"'"'Neil <script>,9\n' >x.csv
rel-roster import x.csv >/dev/null 2>&1 || fail_ "cannot import x.csv"
run rel-report weekly --as A901 --all --format html
status_is 0
out_has '&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Bo&quot; O&#39;Neil &lt;script&gt;'
out_lacks '<b>Ana'
out_lacks '<script'

case_ "--out: the format from the name, the file replaced whole"
school
echo "last week's page" >weekly.html
run rel-report weekly --as A901 --all --out weekly.html
status_is 0
err_empty
check_eq "$(wc -c <"$T/out" | tr -d ' ')" 0 "standard output"
check_eq "$(head -n 1 weekly.html)" "<!DOCTYPE html>" "weekly.html's first line"
run rel-report coverage --as A901 --out coverage.md
status_is 0
check_eq "$(head -n 1 coverage.md)" "# Coverage: does every student have an adult?" "coverage.md's first line"
run rel-report coverage --as A901 --out coverage.csv --format table
status_is 0
check_eq "$(head -n 1 coverage.csv)" "Coverage: does every student have an adult?" "--format wins over the name"
ls -a >files
check_eq "$(grep -c '^\.weekly\|^\.coverage' files)" 0 "temporary files left"

case_ "--out: a failed report leaves the old file as it was"
school
echo "last week's page" >weekly.html
run rel-report weekly --out weekly.html --all
status_is 64
check_eq "$(cat weekly.html)" "last week's page" "weekly.html"
ls -a >files
check_eq "$(grep -c '^\.weekly' files)" 0 "temporary files left"

case_ "--out into a directory that does not exist: 73"
school
run rel-report coverage --as A901 --out no/such/dir/coverage.html
status_is 73
err_has 'rel-report: no/such/dir/coverage.html: cannot create a file there: No such file or directory'

case_ "bad options: 64 with the value and what was expected; nothing written"
school
db_save
run rel-report coverage --as A901 --by shoe_size
status_is 64
err_has 'rel-report: --by: "shoe_size" is not grade, home_language, pronouns, group, advisory, class, team or club'
run rel-report coverage --as A901 --as-of 2026-11-21
status_is 64
err_has 'rel-report: --as-of: "2026-11-21" is after today: a report reads what has happened'
run rel-report coverage --as A901 --as-of 2026-13-01
status_is 64
err_has 'rel-report: --as-of: "2026-13-01" is not a date (YYYY-MM-DD) or a span back from today (7d, 2w, yesterday)'
run rel-report coverage --as A901 --min-strength 4
status_is 64
err_has '--min-strength'
run rel-report caseload --as A901 --format pdf
status_is 64
err_has 'rel-report: --format: "pdf" is not one of csv, tsv, table, json, md, html'
run rel-report equity --as A901
status_is 64
err_has 'rel-report: equity: give --by COLUMN'
run rel-report coverage --as A901 extra
status_is 64
run rel-report coverage --as A901 --all
status_is 64
run rel-report covrage --as A901
status_is 64
db_unchanged

case_ "the crontab line of rel-report(1) mails the digest as HTML, as cron runs it"
school
mkdir -p srv/rel bin
mv "$REL_DB" srv/rel/rel.db
# cron runs the line with sh, % written as \%, and an empty pipe on
# standard input; mail is a stand-in that keeps what it was given.
cat >bin/mail <<EOF2
#!/bin/sh
printf '%s\n' "\$@" >"$T/mail.args"
cat >"$T/mail.body"
EOF2
chmod +x bin/mail
line=$(sed -n 's/^30 6 \* \* 1  //p' "$REL_ROOT/man/man1/rel-report.1" | head -n 1 |
    sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\%/%/g' -e "s|/srv/rel|$T/srv/rel|g")
[ -n "$line" ] || fail_ "no crontab line in rel-report.1"
: | env -i PATH="$T/bin:$PATH" HOME="$T" REL_DB="$T/srv/rel/rel.db" \
    REL_AS=A901 REL_NOW="$REL_NOW" sh -c "$line" >"$T/out" 2>"$T/err"
check_eq "$(sed -n 1,2p "$T/mail.args" | tr '\n' '|')" "-a|Content-Type: text/html; charset=utf-8|" "mail's header"
check_eq "$(sed -n 4p "$T/mail.args")" "rel: the week of $(date +%F)" "mail's subject"
check_eq "$(head -n 1 "$T/mail.body")" "<!DOCTYPE html>" "the mail's first line"
grep -q '<h2>Overdue follow-ups</h2>' "$T/mail.body" || fail_ "the mail lacks the follow-ups"
err_empty

case_ "student: the one-page card, strengths first, the week's trend, flags with reasons"
school
run rel-report student 100209 --as A901 --format table
status_is 0
err_empty
out_is <<'EOF'
Aroha Ngata
Student 100209, grade 10, they/them, home language te reo Māori

Strengths
  (none recorded yet)

Interests
  (none recorded yet)

Adults who know them
  - Ingrid Solberg, advisor (A903): knows something personal; primary adult

How they are doing
  - mood           ▅  3.00 in the week of 2026-11-09 (12 weeks from 2026-08-31)
  - understanding: none in 12 weeks

Recent check-ins and notes
  - 2026-11-19 affirmation by Ingrid Solberg: Helped a new student find the library
  - 2026-11-18 concern by Ingrid Solberg: Said they feel left out
  - 2026-11-17 concern by Ingrid Solberg: Skipped lunch
  - 2026-11-16 concern by Ingrid Solberg: Quiet in advisory
  - 2026-11-10 check-in with Ingrid Solberg: mood 3

Family contacts
  (none recorded yet)

Goals and supports
  (none recorded yet)

Restorative cases
  (none recorded yet)

Current flags
  - concerns: 3 concern notes in the last 60 days (threshold 3) (since 2026-11-16)
EOF
check_eq "$(sql "SELECT count(*) FROM audit WHERE command = 'rel-report student' AND detail = 'student card' AND students = 1")" 1 "the card's audit row"

case_ "student for a script: one row per line of the card; --checkins"
school
run rel-report student 100209 --as A901 --checkins 2
status_is 0
out_is <<'EOF'
student_id,section,text
100209,student,"Aroha Ngata; Student 100209, grade 10, they/them, home language te reo Māori"
100209,Adults who know them,"Ingrid Solberg, advisor (A903): knows something personal; primary adult"
100209,How they are doing,mood           ▅  3.00 in the week of 2026-11-09 (12 weeks from 2026-08-31)
100209,How they are doing,understanding: none in 12 weeks
100209,Recent check-ins and notes,2026-11-19 affirmation by Ingrid Solberg: Helped a new student find the library
100209,Recent check-ins and notes,2026-11-18 concern by Ingrid Solberg: Said they feel left out
100209,Current flags,concerns: 3 concern notes in the last 60 days (threshold 3) (since 2026-11-16)
EOF

case_ "student: a teacher off the student's team sees no team notes, check-ins or flags"
school
run rel-report student 100209 --as A905 --format table
status_is 0
out_lacks 'Said they feel left out'
out_lacks 'mood 3'
out_has '  - none: no rule fires on the records you may see'
run rel-report student 100209 --as A902 --format table
status_is 0
out_has '  - 2026-11-18 concern by Ingrid Solberg: Said they feel left out'

case_ "student in md and html: bold, headings, the mood chart"
school
run rel-report student 100209 --as A901 --format md
status_is 0
out_has '# Aroha Ngata'
out_has '- Ingrid Solberg, advisor (A903): knows something personal; **primary adult**'
out_has '## Current flags'
out_has '- **concerns**: 3 concern notes in the last 60 days (threshold 3) (since 2026-11-16)'
run rel-report student 100209 --as A901 --format html
status_is 0
out_has '<title>Mood and understanding, weekly means</title>'
out_has '<li><strong>concerns</strong>: 3 concern notes in the last 60 days (threshold 3) (since 2026-11-16)</li>'

case_ "student: an unknown student is 65, and nothing is written"
school
db_save
run rel-report student 100299 --as A901
status_is 65
out_is </dev/null
err_is <<'EOF'
rel-report: student_id: "100299" is not a known student
EOF
db_unchanged
run rel-report student --as A901
status_is 64
err_has 'rel-report: name one student'

case_ "trend: a group's weekly means, every week of the range for every scale"
school
run rel-report trend --as A901 --group ADV-204 --since 2026-11-02
status_is 0
out_is <<'EOF'
week,measure,n,mean
2026-11-02,mood,0,
2026-11-09,mood,1,3.00
2026-11-16,mood,2,4.00
2026-11-02,understanding,0,
2026-11-09,understanding,0,
2026-11-16,understanding,0,
2026-11-02,workload,0,
2026-11-09,workload,0,
2026-11-16,workload,0,
EOF

case_ "trend: an indicator by name, one student, weeks from Monday to Sunday"
school
{
	echo student_id,date,name,value,source
	for d in 09 10 11 12 13 15 16 17 18 19 20; do
		v=1
		[ "$d" = 12 ] && v=0
		echo "100201,2026-11-$d,attendance,$v,sis"
	done
} >att.csv
rel-indicator import att.csv >/dev/null 2>&1 || fail_ "cannot import att.csv"
run rel-report trend --as A901 --student 100201 --measure attendance,mood --since 2026-11-09
status_is 0
out_is <<'EOF'
week,measure,n,mean
2026-11-09,attendance,6,0.83
2026-11-16,attendance,5,1.00
2026-11-09,mood,0,
2026-11-16,mood,1,4.00
EOF
run rel-report trend --as A901 --student 100201 --measure attendance --since 2026-11-09 --format table
status_is 0
out_is <<'EOF'
Trend: student 100201
2026-11-09 to 2026-11-20, weekly means (weeks start on Monday)

attendance: weekly rate
  attendance  ▇█  first 83.3%, last 100.0%, low 83.3%, high 100.0%
              11-09 to 11-16
EOF

case_ "trend: a student set on standard input narrows the school"
school
printf 'student_id\n100202\n' >set.csv
STDIN=set.csv
run rel-report trend --as A901 --measure mood --since 2026-11-16
status_is 0
out_is <<'EOF'
week,measure,n,mean
2026-11-16,mood,1,4.00
EOF

case_ "trend: an unknown measure is 64, naming what is known; an unknown group 65"
school
run rel-report trend --as A901 --measure belonging
status_is 64
err_has 'rel-report: --measure: "belonging" is not a check-in scale or an indicator on record (mood, understanding, workload)'
run rel-report trend --as A901 --group NOPE
status_is 65
err_has 'rel-report: --group: "NOPE" is not a known group'
run rel-report trend --as A901 --student 100201 --group ADV-204
status_is 64
run rel-report trend --as A901 --since 2026-11-21
status_is 64

case_ "weekly for people shows 50 students a section and says how many more"
sample_db 400 1
run rel-report weekly --as A001 --all --format table
status_is 0
out_has '... and 11 more: the digest in CSV (--format csv) lists every one.'
check_eq "$(sed -n '/^Students who still have no adult$/,/^$/p' "$T/out" | grep -c '^  - ')" 50 "students shown under no adult"
run rel-report weekly --as A001 --all
check_eq "$(grep -c '^no_adult,' "$T/out")" 61 "no_adult rows for a script"
