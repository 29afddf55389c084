#!/bin/sh
# rel-flag not_seen at the edge of its window, and the three ways a run
# picks its students: every student (a counselor), a student set on
# standard input, and the team of an adult who does not see every
# student. lib/flag.c answers "seen in the window?" with one seek per
# kind of contact, and only then looks for the latest contact; these
# cases pin the first minute of the window's first day, each kind of
# contact, visibility, and a threshold that moves the window.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody.rel-flag-window-tests
export USER

# As of 2026-11-20 with the default threshold (14 days) the window starts
# on 2026-11-07: a contact at 00:00 that day is seen, one at 23:59 the
# day before is 14 days old. Each pair of students takes one kind of
# contact: 100201/100202 a check-in, 100203/100204 a note,
# 100205/100206 a family contact. 100209 has only a private note by
# A905 from yesterday, which the counselor may see and A903 may not.
# A903 has marked 100201-100210, and leads the advisory ADV-204, which
# holds 100211 (no contact at all).
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv . || fail_ "cannot copy the fixtures"
	roster_db
	{
		rel-map mark --as A903 --adult A903 --strength 2 --at 2026-09-15 \
		    100201 100202 100203 100204 100205 100206 100207 100208 \
		    100209 100210 &&
		rel-checkin add --as A903 --mood 4 --at 2026-11-07T00:00 100201 &&
		rel-checkin add --as A903 --mood 4 --at 2026-11-06T23:59 100202 &&
		rel-note add --as A903 --at 2026-11-07T00:00 --visibility team \
		    100203 affirmation "Led the lab group" &&
		rel-note add --as A903 --at 2026-11-06T23:59 --visibility team \
		    100204 affirmation "Helped a classmate" &&
		rel-family add --as A903 --at 2026-11-07T00:00 --channel call \
		    --direction to_home --tone positive --visibility team 100205 &&
		rel-family add --as A903 --at 2026-11-06T23:59 --channel call \
		    --direction to_home --tone positive --visibility team 100206 &&
		rel-checkin add --as A903 --mood 3 --at 2026-11-19T08:30 \
		    100207 100208 100210 &&
		rel-note add --as A905 --at 2026-11-19T10:00 \
		    --visibility private 100209 observation "Quiet all day"
	} >/dev/null 2>"$T/setup.err" || fail_ "setup failed: $(cat "$T/setup.err")"
}

HEAD=student_id,rule,value,threshold,since,detail

case_ "not_seen, as the counselor: the window's first minute is seen, the minute before is 14 days"
school
run rel-flag --as A901 --rule not_seen
status_is 0
out_is <<EOF
$HEAD
100202,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100204,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100206,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100211,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF
err_empty

case_ "not_seen, as an advisor: a private note of another adult does not count"
school
run rel-flag --as A903 --rule not_seen
status_is 0
out_is <<EOF
$HEAD
100202,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100204,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100206,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100209,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100211,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF

case_ "not_seen, for a student set: only the students given, the same answers"
school
STDIN=set.csv
printf 'student_id\n100202\n100203\n100209\n100211\n' >set.csv
run rel-flag --as A901 --rule not_seen
status_is 0
out_is <<EOF
$HEAD
100202,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100211,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF
run rel-flag --as A903 --rule not_seen
status_is 0
out_is <<EOF
$HEAD
100202,not_seen,14,14,2026-11-06,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100209,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
100211,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF
STDIN=

case_ "a threshold of 15 days moves the window back a day: 14 days is not flagged"
school
rel-flag rules set not_seen.days 15 --as A901 2>/dev/null ||
	fail_ "rules set failed"
run rel-flag --as A901 --rule not_seen
status_is 0
out_is <<EOF
$HEAD
100211,not_seen,,15,,"no check-in, note or family contact by any adult on record (threshold 15 days)"
EOF

case_ "--as-of moves the window: a day earlier the 23:59s are seen, a day later the 00:00s are 14 days old"
school
run rel-flag --as A901 --rule not_seen --as-of 2026-11-19
status_is 0
out_is <<EOF
$HEAD
100211,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF
REL_NOW=2026-11-21T10:00:00
run rel-flag --as A901 --rule not_seen --as-of 2026-11-21
status_is 0
out_is <<EOF
$HEAD
100201,not_seen,14,14,2026-11-07,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100202,not_seen,15,14,2026-11-06,"no check-in, note or family contact by any adult for 15 days (threshold 14)"
100203,not_seen,14,14,2026-11-07,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100204,not_seen,15,14,2026-11-06,"no check-in, note or family contact by any adult for 15 days (threshold 14)"
100205,not_seen,14,14,2026-11-07,"no check-in, note or family contact by any adult for 14 days (threshold 14)"
100206,not_seen,15,14,2026-11-06,"no check-in, note or family contact by any adult for 15 days (threshold 14)"
100211,not_seen,,14,,"no check-in, note or family contact by any adult on record (threshold 14 days)"
EOF
