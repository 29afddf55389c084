#!/bin/sh
# rel-flag: a small school built by hand through the commands, with known
# flags, checked exactly; --summary, --rule, a student set, --as-of,
# --exit-status; who sees which flags, and the audit row of a run drawn
# from private records; the thresholds (list, set, reset, who may); bad
# options; the crontab line of rel-flag(1), run as cron would run it.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody.rel-flag-tests
export USER

# The fixture school (adults A901-A905, A901 the counselor; students
# 100201-100212, 100212 deactivated) and, as of 2026-11-20:
# - A903 has marked every student at strength 2 but 100203 (A902, at 1)
#   and 100206 (no one): no_adult for those two;
# - a check-in yesterday for every student but 100205 (last seen
#   2026-10-31), 100207 (a call home three days ago instead) and 100210
#   (never): not_seen for 100205 and 100210;
# - 100208's last three moods are 1, 2, 2: mood_drop;
# - three concern notes on 100211 in two weeks, for the team: concerns;
# - a call to 100204's home with a follow-up due 2026-11-15, private to
#   A902, and nothing since; a goal of 100209 checked every week with no
#   check since it started on 2026-11-01: follow_up_overdue;
# - attendance: 100201 8 of 10 days (80%); 100202 all 10 days before
#   2026-10-22, then 9 of 10 (down 10 points; 90% is not below 90);
#   belonging: 100204 a 2.
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv . || fail_ "cannot copy the fixtures"
	roster_db
	{
		rel-map mark --as A903 --adult A903 --strength 2 --at 2026-09-15 \
		    100201 100202 100204 100205 100207 100208 100209 100210 \
		    100211 &&
		rel-map mark --as A902 --adult A902 --strength 1 --at 2026-09-15 \
		    100203 &&
		rel-checkin add --as A903 --mood 4 --at 2026-11-19T08:30 \
		    100201 100202 100203 100204 100206 100209 100211 &&
		rel-checkin add --as A903 --mood 4 --at 2026-10-31T08:30 100205 &&
		rel-checkin add --as A903 --mood 1 --at 2026-11-17T08:30 100208 &&
		rel-checkin add --as A903 --mood 2 --at 2026-11-18T08:30 100208 &&
		rel-checkin add --as A903 --mood 2 --at 2026-11-19T08:30 100208 &&
		rel-family add --as A903 --at 2026-11-17T16:00 --channel call \
		    --direction to_home --tone positive 100207 &&
		rel-family add --as A902 --at 2026-11-10T16:00 --channel call \
		    --direction to_home --tone concern --follow-up 2026-11-15 \
		    100204 &&
		rel-note add --as A905 --at 2026-11-09T10:00 --visibility team \
		    100211 concern "Left class in tears" &&
		rel-note add --as A905 --at 2026-11-13T10:00 --visibility team \
		    100211 concern "Did not hand in the lab" &&
		rel-note add --as A903 --at 2026-11-18T10:00 --visibility team \
		    100211 concern "Alone at lunch all week" &&
		rel-profile add --as A903 100211 strength "Draws detailed diagrams" \
		    --at 2026-10-01 &&
		rel-goal add --as A903 100209 --text "Read one chapter a week" \
		    --start 2026-11-01 --check-every 1w --at 2026-11-01T09:00 &&
		rel-indicator import indicators.csv
	} >/dev/null 2>"$T/setup.err" || fail_ "setup failed: $(cat "$T/setup.err")"
}

# The indicators of the school.
indicators() {
	{
		echo student_id,date,name,value,source
		for d in 09 10 11 12 13 16 17 18 19 20; do
			v=1
			[ "$d" = 12 ] || [ "$d" = 18 ] && v=0
			echo "100201,2026-11-$d,attendance,$v,sis"
		done
		for d in 08 09 12 13 14 15 16 19 20 21; do
			echo "100202,2026-10-$d,attendance,1,sis"
		done
		for d in 23 26 27 28 29 30; do
			echo "100202,2026-10-$d,attendance,1,sis"
		done
		for d in 02 03 04; do
			echo "100202,2026-11-$d,attendance,1,sis"
		done
		echo "100202,2026-11-05,attendance,0,sis"
		echo "100204,2026-11-10,belonging,2,survey"
		echo "100205,2026-11-10,belonging,4,survey"
	} >indicators.csv
}

built() {
	indicators
	school
}

HEAD=student_id,rule,value,threshold,since,detail

case_ "every rule, as the counselor: one row per student and rule, sorted"
built
run rel-flag --as A901
status_is 0
err_empty
out_is <<'EOF'
student_id,rule,value,threshold,since,detail
100201,attendance,80.0,90,2026-11-12,attendance 80.0% over the last 30 days (10 school days recorded; threshold 90%)
100202,attendance_slide,10.0,5,2026-10-22,"attendance 90.0% over the last 30 days, down 10.0 points from 100.0% over the 30 days before (threshold 5 points)"
100203,no_adult,1,2,,no connection of strength 2 or more (the strongest is 1) and no primary adult
100204,belonging_low,2,2,2026-11-10,belonging 2 on the survey of 2026-11-10 (bottom band: 2 or lower)
100204,follow_up_overdue,1,0,2026-11-15,1 follow-up past due: a family follow-up due 2026-11-15
100205,not_seen,20,14,2026-10-31,"no check-in, note or family contact by any adult for 20 days (threshold 14)"
100206,no_adult,0,2,,no adult has marked a connection and no primary adult
100208,mood_drop,1.67,2,2026-11-17,mean mood 1.67 over the last 3 check-ins (threshold 2 or lower)
100209,follow_up_overdue,1,0,2026-11-08,1 follow-up past due: a check of goal G1 due 2026-11-08
100210,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100211,concerns,3,3,2026-11-09,3 concern notes in the last 60 days (threshold 3)
EOF

case_ "--summary: one row per student, the reasons joined, beside a strength"
built
run rel-flag --as A901 --summary --rule concerns,not_seen,belonging_low,follow_up_overdue
status_is 0
out_is <<'EOF'
student_id,given_name,family_name,grade,flags,rules,reasons,strength
100204,Oluwaseun,Adeyemi,9,2,belonging_low follow_up_overdue,belonging 2 on the survey of 2026-11-10 (bottom band: 2 or lower); 1 follow-up past due: a family follow-up due 2026-11-15,
100205,Ana Sofía,García-Ramos,11,1,not_seen,"no check-in, note or family contact by any adult for 20 days (threshold 14)",
100209,Aroha,Ngata,10,1,follow_up_overdue,1 follow-up past due: a check of goal G1 due 2026-11-08,
100210,Dmitri,Volkov-Sato,12,1,not_seen,"no check-in, note or family contact by any adult on record (threshold 14 days)",
100211,Fatima Zahra,El Amrani,9,1,concerns,3 concern notes in the last 60 days (threshold 3),Draws detailed diagrams
EOF

case_ "a student set on standard input narrows the run"
built
rel-roster list --group CLUB-ROBOT >set.csv 2>/dev/null
STDIN=set.csv
run rel-flag --as A901
status_is 0
out_is <<'EOF'
student_id,rule,value,threshold,since,detail
100203,no_adult,1,2,,no connection of strength 2 or more (the strongest is 1) and no primary adult
100209,follow_up_overdue,1,0,2026-11-08,1 follow-up past due: a check of goal G1 due 2026-11-08
EOF

case_ "--as-of reproduces a past run: what was true on 2026-11-10"
built
run rel-flag --as A901 --as-of 2026-11-10 --rule not_seen,follow_up_overdue,concerns
status_is 0
out_is <<'EOF'
student_id,rule,value,threshold,since,detail
100201,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100202,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100203,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100206,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100207,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100208,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100209,follow_up_overdue,1,0,2026-11-08,1 follow-up past due: a check of goal G1 due 2026-11-08
100209,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100210,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF
# A week ago, 100204's follow-up was not yet due.
run rel-flag --as A901 --as-of 7d --rule follow_up_overdue
out_is <<'EOF'
student_id,rule,value,threshold,since,detail
100209,follow_up_overdue,1,0,2026-11-08,1 follow-up past due: a check of goal G1 due 2026-11-08
EOF

case_ "--exit-status: 1 when anything is flagged, 0 when nothing is, for cron"
built
run rel-flag --as A901 --rule mood_drop --exit-status
status_is 1
out_lines 2
echo student_id >set.csv
echo 100201 >>set.csv
STDIN=set.csv
run rel-flag --as A901 --rule mood_drop --exit-status
status_is 0
out_is <<EOF
$HEAD
EOF
run rel-flag --as A901 --rule mood_drop
status_is 0

case_ "a teacher is flagged only their team's students, from what they may see"
built
# A902 leads BIO9-P2 (100201, 100202, 100204, 100211) and is an adult of
# CLUB-ROBOT (100203, 100207, 100209). The overdue follow-up of 100204 is
# A902's own; the call to 100207's home was A903's, private, so for A902
# 100207 has not been seen; 100205, 100206, 100208 and 100210 are not
# A902's students.
run rel-flag --as A902
status_is 0
out_is <<'EOF'
student_id,rule,value,threshold,since,detail
100201,attendance,80.0,90,2026-11-12,attendance 80.0% over the last 30 days (10 school days recorded; threshold 90%)
100202,attendance_slide,10.0,5,2026-10-22,"attendance 90.0% over the last 30 days, down 10.0 points from 100.0% over the 30 days before (threshold 5 points)"
100203,no_adult,1,2,,no connection of strength 2 or more (the strongest is 1) and no primary adult
100204,belonging_low,2,2,2026-11-10,belonging 2 on the survey of 2026-11-10 (bottom band: 2 or lower)
100204,follow_up_overdue,1,0,2026-11-15,1 follow-up past due: a family follow-up due 2026-11-15
100207,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100209,follow_up_overdue,1,0,2026-11-08,1 follow-up past due: a check of goal G1 due 2026-11-08
100211,concerns,3,3,2026-11-09,3 concern notes in the last 60 days (threshold 3)
EOF
# A905 teaches the same class but the call was A902's, private.
run rel-flag --as A905 --rule follow_up_overdue,concerns
out_is <<'EOF'
student_id,rule,value,threshold,since,detail
100211,concerns,3,3,2026-11-09,3 concern notes in the last 60 days (threshold 3)
EOF

case_ "no acting adult: nothing is flagged, and stderr says how to name one"
built
run rel-flag
status_is 0
out_is <<EOF
$HEAD
EOF
err_has "no acting adult"
err_has "--as ADULT_ID"

case_ "a run drawn from private records is audited; one from team records is not"
built
before=$(sql 'SELECT count(*) FROM audit')
run rel-flag --as A901 --rule concerns
check_eq "$(sql 'SELECT count(*) FROM audit')" "$before" "audit rows after a team-only run"
run rel-flag --as A901 --rule follow_up_overdue
status_is 0
check_eq "$(sql "SELECT a.adult_id, u.command, u.students FROM audit u JOIN adult a ON a.id = u.adult ORDER BY u.id DESC LIMIT 1")" \
    "A901|rel-flag run|1" "audit row"
check_eq "$(sql "SELECT s.student_id FROM audit_student x JOIN student s ON s.id = x.student WHERE x.audit = (SELECT max(id) FROM audit)")" \
    100204 "the student of the private row"

case_ "rules: the thresholds; set and reset by a counselor, with the run following"
built
run rel-flag rules --as A901
status_is 0
out_is <<'EOF'
rule,setting,value,default,description
no_adult,no_adult.strength,2,2,fires when no adult has a connection of this strength or more with the student and there is no primary adult
not_seen,not_seen.days,14,14,"fires after this many days with no check-in, note or family contact by any adult"
mood_drop,mood_drop.count,3,3,reads the student's last this many check-ins with a mood
mood_drop,mood_drop.low,2,2,fires when their mean mood (1-5) is this or lower
mood_drop,mood_drop.drop,1,1,or when it is this much below the student's own mean over the days before them
mood_drop,mood_drop.days,30,30,how many days before them make the student's own mean
attendance,attendance.rate,90,90,"fires when the attendance rate is below this percent (90: the chronic-absence line, missing 10% of days)"
attendance,attendance.days,30,30,over the last this many days
attendance_slide,attendance_slide.points,5,5,fires when the attendance rate fell this many points or more
attendance_slide,attendance_slide.days,30,30,comparing the last this many days with as many days before them
concerns,concerns.count,3,3,fires at this many concern notes or more
concerns,concerns.days,60,60,in the last this many days
follow_up_overdue,follow_up_overdue.days,0,0,"fires when a family follow-up, goal check or restorative follow-up is more than this many days past due"
belonging_low,belonging_low.max,2,2,fires when the latest belonging survey value is this or lower (the bottom band of a 1-5 scale)
EOF
run rel-flag rules set not_seen.days 1 --as A901
status_is 0
err_is <<'EOF'
rel-flag: not_seen.days set to 1
EOF
run rel-flag rules set mood_drop.low 1.5 --as A901
status_is 0
run rel-flag --as A901 --rule not_seen,mood_drop
out_is <<'EOF'
student_id,rule,value,threshold,since,detail
100201,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
100202,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
100203,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
100204,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
100205,not_seen,20,1,2026-10-31,"no check-in, note or family contact by any adult for 20 days (threshold 1)"
100206,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
100207,not_seen,3,1,2026-11-17,"no check-in, note or family contact by any adult for 3 days (threshold 1)"
100208,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
100209,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
100210,not_seen,,1,,"no check-in, note or family contact by any adult on record (threshold 1 day)"
100211,not_seen,1,1,2026-11-19,"no check-in, note or family contact by any adult for 1 day (threshold 1)"
EOF
run rel-flag rules --as A901
out_has "not_seen,not_seen.days,1,14,"
out_has "mood_drop,mood_drop.low,1.5,2,"
run rel-flag rules reset not_seen.days --as A901
status_is 0
err_is <<'EOF'
rel-flag: 1 threshold back to its default
EOF
run rel-flag rules reset --as A901
status_is 0
err_is <<'EOF'
rel-flag: every threshold back to its default
EOF
check_eq "$(sql "SELECT count(*) FROM setting WHERE key LIKE 'flag.%'")" 0 "thresholds stored"

case_ "rules set: only a counselor or an admin, only a known threshold, only in range"
built
sql "INSERT INTO setting VALUES ('flag.concerns.count', '4')"
db_save
run rel-flag rules set not_seen.days 10 --as A902
status_is 77
err_is <<'EOF'
rel-flag: only a counselor or an admin may set the school's thresholds, and A902 is neither
EOF
run rel-flag rules set not_seen.days 10
status_is 64
err_has "give --as ADULT_ID or set \$REL_AS"
run rel-flag rules set not_seen.weeks 2 --as A901
status_is 64
err_has 'rel-flag: "not_seen.weeks" is not a threshold: rel-flag rules lists them'
run rel-flag rules set not_seen.days 2.5 --as A901
status_is 64
err_has 'rel-flag: not_seen.days: "2.5" is not a whole number from 1 to 365'
run rel-flag rules set attendance.rate 101 --as A901
status_is 64
err_has 'rel-flag: attendance.rate: "101" is not a number from 1 to 100'
run rel-flag rules set not_seen.days --as A901
status_is 64
err_has "rules set: give RULE.NAME VALUE"
run rel-flag rules reset concerns.count nope.days --as A901
status_is 64
db_unchanged

case_ "a stored threshold that no longer reads stops the run with 78"
built
sql "INSERT INTO setting VALUES ('flag.not_seen.days', 'two weeks')"
run rel-flag --as A901
status_is 78
out_is <<'EOF'
EOF
err_is <<'EOF'
rel-flag: setting flag.not_seen.days: "two weeks" is not a valid threshold: run rel-flag rules set not_seen.days VALUE, or rel-flag rules reset not_seen.days
EOF

case_ "bad options: an unknown rule, a bad or future --as-of, operands"
built
db_save
run rel-flag --as A901 --rule not_seen,moody
status_is 64
err_has 'rel-flag: --rule: "moody" is not a rule: expected no_adult, not_seen,'
run rel-flag --as A901 --as-of 2026-02-30
status_is 64
err_has 'rel-flag: --as-of: "2026-02-30" is not a date (YYYY-MM-DD) or a span back from today'
run rel-flag --as A901 --as-of 2026-11-21
status_is 64
err_has 'rel-flag: --as-of: "2026-11-21" is after today'
run rel-flag --as A901 100201
status_is 64
err_has "takes no operands"
run rel-flag rules frobnicate
status_is 64
err_has 'rules: unknown verb "frobnicate"'
run rel-flag rules set not_seen.days 3 --format csv --as A901
status_is 64
run rel-flag --as A909
status_is 64
db_unchanged
run rel-flag --help
status_is 0
out_has "usage: rel-flag [run] [--db PATH] [--as ADULT_ID] [--rule RULE,...]"
run rel-flag rules --help
status_is 0
out_has "usage: rel-flag rules [--db PATH]"
out_has "rel-flag rules set [--db PATH]"
out_lacks "[run]"

case_ "the crontab line of rel-flag(1) runs as cron runs it, and mails only when flagged"
built
mkdir -p srv/rel/flags bin
mv "$REL_DB" srv/rel/rel.db
# cron runs the line with sh, % written as \%, and an empty pipe on
# standard input (which alone would be an empty student set); mail is a
# stand-in that keeps what it was given.
cat >bin/mail <<EOF2
#!/bin/sh
printf '%s\n' "\$*" >"$T/mail.args"
cat >"$T/mail.body"
EOF2
chmod +x bin/mail
line=$(sed -n 's/^0 7 \* \* 1\\-5  //p' "$REL_ROOT/man/man1/rel-flag.1" |
    sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\%/%/g' -e "s|/srv/rel|$T/srv/rel|g")
[ -n "$line" ] || fail_ "no crontab line in rel-flag.1"
: | env -i PATH="$T/bin:$PATH" HOME="$T" REL_DB="$T/srv/rel/rel.db" \
    REL_AS=A901 REL_NOW="$REL_NOW" sh -c "$line" >"$T/out" 2>"$T/err"
f="$T/srv/rel/flags/flags-$(date +%F).csv"
[ -s "$f" ] || fail_ "no dated CSV $f"
check_eq "$(head -n 1 "$f")" "student_id,given_name,family_name,grade,flags,rules,reasons,strength" "the CSV's header"
check_eq "$(cat "$T/mail.args" 2>/dev/null)" "-s rel: students to reach this week counselors@school.example" "mail's arguments"
cmp -s "$f" "$T/mail.body" || fail_ "the mail is not the CSV"
err_empty
