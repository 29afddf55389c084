#!/bin/sh
# rel-goal: add (goals and supports), progress, close, import (goals and
# progress checks), list, due; every bad input with its message, status
# and an unchanged database; the round trip of list through import; who
# sees which goals, and the audit row.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# No adult's login names whoever runs the tests: the acting adult comes
# only from --as or $REL_AS. Reads that check what was recorded run as
# A901, the counselor, who sees every goal.
USER=nobody.rel-goal-tests
export USER

# The fixture school: adults A901 (counselor), A902 (teacher: leads
# BIO9-P2, member of CLUB-ROBOT), A903 (advisor: leads ADV-204), A904
# (coach: leads CLUB-ROBOT), A905 (teacher, in BIO9-P2); students
# 100201-100212 (100212 deactivated).
school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv "$DATA"/goals.csv "$DATA"/goal-progress.csv . ||
		fail_ "cannot copy the fixtures"
	roster_db
}

# The goals of tests/data/goals.csv and their checks:
#   ADV-1 100201 goal, checks every 7d, last 2026-11-16, due 2026-11-23
#   ADV-2 100202 support tier 2 (A903), ended 2026-11-16, still open
#   ADV-3 100204 goal, met 2026-10-30
#   ADV-4 100209 goal, every 14d from 2026-11-02, no check yet
#   ADV-5 100211 support tier 3 (A901), private, last check 2026-11-10
goaled() {
	school
	rel-goal import goals.csv 2>/dev/null || fail_ "goals import failed"
	rel-goal import --progress goal-progress.csv 2>/dev/null ||
		fail_ "progress import failed"
}

HEAD=goal_id,student_id,kind,area,text,set_by,champion_adult_id,tier,strategies,start,due,check_every,status,outcome,closed_at,at,adult_id,visibility
ADV1='ADV-1,100201,goal,academic,Turn in every biology lab on time for four weeks,student,,,,2026-10-26,2026-11-23,7d,open,,,2026-10-26T08:30:00,A903,team'
ADV2='ADV-2,100202,support,behaviour,Check-in/check-out mentoring,team,A903,2,daily point sheet; Friday debrief,2026-10-05,2026-11-16,7d,open,,,2026-10-05T09:00:00,A901,team'
ADV3='ADV-3,100204,goal,social,Join the robotics club and go to three meetings,student,,,,2026-09-14,2026-10-30,,met,Went to four meetings and helped build the arm,2026-10-30T15:00:00,2026-09-14T10:00:00,A903,team'
ADV4='ADV-4,100209,goal,attendance,Be in first period on time four days out of five,family,,,,2026-11-02,2026-12-18,14d,open,,,2026-11-02T08:00:00,A903,team'
ADV5='ADV-5,100211,support,emotional,Weekly counseling sessions,team,A901,3,Tuesdays at 10:15; a calm-down plan with the biology teacher,2026-10-12,2026-12-21,7d,open,,,2026-10-12T11:00:00,A901,private'
DUE=student_id,given_name,family_name,goal_id,kind,reason,due_on,days_overdue,last_progress_on,champion_adult_id,text

case_ "add a goal: its id on stdout, a confirmation on stderr"
school
run rel-goal add --as A903 100201 --area academic --text "Turn in every math assignment for 3 weeks" --set-by student --due 2026-12-18
status_is 0
out_is <<'X'
G1
X
err_is <<'X'
rel-goal: goal added for 100201
X
run rel-goal list --as A901
out_is <<X
$HEAD
G1,100201,goal,academic,Turn in every math assignment for 3 weeks,student,,,,2026-11-20,2026-12-18,,open,,,2026-11-20T10:00:00,A903,team
X

case_ "add a support: tier, champion, strategies, a duration from the start, a cadence"
school
run rel-goal add --as A901 100202 --kind support --text "Check-in/check-out mentoring" --tier 2 --champion A903 --strategies "daily point sheet; Friday debrief" --start 2026-11-02 --duration 6w --check-every 7d
status_is 0
out_is <<'X'
G1
X
err_is <<'X'
rel-goal: support added for 100202
X
run rel-goal add --as A901 100204 --kind support --text "Lunch bunch" --duration 30d --area social
status_is 0
out_is <<'X'
G2
X
run rel-goal list --as A901
out_is <<X
$HEAD
G1,100202,support,other,Check-in/check-out mentoring,adult,A903,2,daily point sheet; Friday debrief,2026-11-02,2026-12-14,7d,open,,,2026-11-20T10:00:00,A901,team
G2,100204,support,social,Lunch bunch,adult,A901,2,,2026-11-20,2026-12-20,,open,,,2026-11-20T10:00:00,A901,team
X

case_ "add: a script keeps the id, and adds a check to it"
school
# shellcheck disable=SC2016 # expanded by the shell that run_sh starts
run_sh 'g=$(rel-goal add --as A903 100209 --text "Be on time" 2>/dev/null) && rel-goal progress --as A903 "$g" --rating 3 --at 2026-11-20T11:00 && rel-goal list --progress --as A901'
status_is 0
out_is <<'X'
goal_id,at,adult_id,rating,note
G1,2026-11-20T11:00:00,A903,3,
X
err_is <<'X'
rel-goal: progress check added for G1
X

case_ "add --due takes a date or a span ahead of today; --start too"
school
rel-goal add --as A903 100201 --text "One" --due 3w >/dev/null 2>&1 || fail_ "add 1"
rel-goal add --as A903 100201 --text "Two" --start tomorrow --due 2027-01-15 >/dev/null 2>&1 || fail_ "add 2"
rel-goal add --as A903 100201 --text "Three" --start 2026-11-02 --duration 1m >/dev/null 2>&1 || fail_ "add 3"
check_eq "$(sql "select goal_id || ' ' || start || ' ' || due from goal order by id" | tr '\n' '/')" \
    "G1 2026-11-20 2026-12-11/G2 2026-11-21 2027-01-15/G3 2026-11-02 2026-12-02/" "dates"

case_ "add: usage errors are 64 and change nothing"
school
db_save
run rel-goal add --as A903 100201 --text "x" --due 2026-12-01 --duration 2w
status_is 64
err_has 'rel-goal: add: give --due or --duration, not both'
err_has 'usage: rel-goal add'
run rel-goal add --as A903 100201 --area academic
status_is 64
err_has 'rel-goal: add: --text is needed: the goal, or the kind of support'
run rel-goal add --as A903 --text "x"
status_is 64
err_has 'rel-goal: add: give one STUDENT_ID'
run rel-goal add --as A903 100201 100202 --text "x"
status_is 64
run rel-goal add --as A903 100201 --text "x" --due 2026-02-30
status_is 64
err_has 'rel-goal: --due: "2026-02-30" is not a date (YYYY-MM-DD), today, tomorrow, or a span ahead of today (7d, 6w, 3m)'
run rel-goal add --as A903 100201 --text "x" --start soon
status_is 64
err_has 'rel-goal: --start: "soon" is not a date'
run rel-goal add --as A903 100201 --text "x" --duration 6
status_is 64
err_has 'rel-goal: --duration: "6" is not a span (30d, 6w, 3m)'
run rel-goal add --as A903 100201 --text "x" --at never
status_is 64
run rel-goal add --as A903 100201 --text "x" --visibility secret
status_is 64
err_has 'rel-goal: --visibility: "secret" is not staff, team or private'
run rel-goal add --as A903 100201 --text "x" --mine
status_is 64
err_has 'rel-goal: add: --mine does not apply here'
run rel-goal add 100201 --text "x"
status_is 64
err_has "rel-goal: who is writing this? Give --as ADULT_ID, set \$REL_AS, or set your login on your adult record (rel-roster set adult ID --login $USER)"
run rel-goal add --as A999 100201 --text "x"
status_is 64
err_has 'rel-goal: --as: "A999" is not an active adult'
db_unchanged

case_ "add: bad values are data (65), named by their column, and change nothing"
school
db_save
run rel-goal add --as A903 999999 --text "x"
status_is 65
out_is </dev/null
err_is <<'X'
rel-goal: student_id: "999999" is not a known student
X
run rel-goal add --as A903 100212 --text "x"
status_is 65
err_is <<'X'
rel-goal: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
X
run rel-goal add --as A903 100201 --text "x" --kind plan
status_is 65
err_is <<'X'
rel-goal: kind: "plan" is not one of goal or support
X
run rel-goal add --as A903 100201 --text "x" --area maths
status_is 65
err_is <<'X'
rel-goal: area: "maths" is not one of academic, attendance, social, emotional, behaviour, family or other
X
run rel-goal add --as A903 100201 --text "x" --set-by parent
status_is 65
err_is <<'X'
rel-goal: set_by: "parent" is not one of student, family, adult or team
X
run rel-goal add --as A903 100201 --text "x" --kind support --tier 4
status_is 65
err_is <<'X'
rel-goal: tier: "4" is not a whole number from 1 to 3
X
run rel-goal add --as A903 100201 --text "x" --tier 2
status_is 65
err_is <<'X'
rel-goal: tier: "2" is for a support; a goal has no tier (kind support makes a support)
X
run rel-goal add --as A903 100201 --text "x" --kind support --champion A999
status_is 65
err_is <<'X'
rel-goal: champion_adult_id: "A999" is not a known adult
X
run rel-goal add --as A903 100201 --text "x" --check-every 1m
status_is 65
err_is <<'X'
rel-goal: check_every: "1m" is not a span of days (7d, 2w, or a number of days) from 1 to 365 days
X
run rel-goal add --as A903 100201 --text "x" --start 2026-12-01 --due 2026-11-30
status_is 65
err_is <<'X'
rel-goal: due: "2026-11-30" is before the start (2026-12-01)
X
run rel-goal add --as A903 100201 --text " "
status_is 65
err_is <<'X'
rel-goal: text: is empty; a goal needs its text
X
run rel-goal add --as A903 100201 --text "$(printf 'bell\007')"
status_is 65
err_is <<'X'
rel-goal: text: "bell\x07" has a control character
X
db_unchanged

case_ "add: the same goal again is a duplicate; its id is printed again"
school
rel-goal add --as A903 100201 --text "Read daily" >/dev/null 2>&1
run rel-goal add --as A905 100201 --text "Read daily"
status_is 0
out_is <<'X'
G1
X
err_is <<'X'
rel-goal: goal already recorded; nothing added for 100201
X
run rel-goal add --as A903 100201 --text "Read daily" --start tomorrow
out_is <<'X'
G2
X
run rel-goal add --as A903 100201 --id MATH-7 --text "Math" --start 2026-11-02
out_is <<'X'
MATH-7
X
run rel-goal add --as A903 100201 --id MATH-7 --text "Math" --start 2026-11-02
status_is 0
err_has 'already recorded'
db_save
run rel-goal add --as A903 100201 --id MATH-7 --text "Math" --start 2026-11-03
status_is 65
err_is <<'X'
rel-goal: goal_id: "MATH-7" is already a goal, with another start; a goal_id names one goal
X
db_unchanged

case_ "progress: a rating, a note, or both, by the acting adult"
goaled
run rel-goal progress --as A903 ADV-4 --rating 4 --note "On time all week" --at 2026-11-19T08:05
status_is 0
out_is </dev/null
err_is <<'X'
rel-goal: progress check added for ADV-4
X
REL_AS=A902
export REL_AS
run rel-goal progress ADV-4 --note "Asked about the late bus"
status_is 0
unset REL_AS
run rel-goal list --progress --student 100209 --as A901
out_is <<'X'
goal_id,at,adult_id,rating,note
ADV-4,2026-11-19T08:05:00,A903,4,On time all week
ADV-4,2026-11-20T10:00:00,A902,,Asked about the late bus
X

case_ "progress: bad input"
goaled
db_save
run rel-goal progress --as A903 ADV-4 --rating 7
status_is 65
err_is <<'X'
rel-goal: rating: "7" is not a whole number from 1 to 5
X
run rel-goal progress --as A903 ADV-4 --rating 0 --note "x"
status_is 65
err_has 'rel-goal: rating: "0" is not a whole number from 1 to 5'
run rel-goal progress --as A903 NOPE --rating 3
status_is 65
err_is <<'X'
rel-goal: goal_id: "NOPE" is not a known goal
X
run rel-goal progress --as A903 ADV-3 --rating 3
status_is 65
err_is <<'X'
rel-goal: goal_id: "ADV-3" is met since 2026-10-30; a closed goal takes no more progress checks
X
run rel-goal progress --as A903 ADV-4 --rating 3 --at 2026-11-01
status_is 65
err_is <<'X'
rel-goal: at: "2026-11-01T00:00:00" is before the goal's start (2026-11-02)
X
run rel-goal progress --as A903 ADV-4
status_is 64
err_has 'rel-goal: progress: give --rating N (1 to 5), --note TEXT, or both'
run rel-goal progress --as A903 --rating 3
status_is 64
err_has 'rel-goal: progress: give one GOAL_ID'
run rel-goal progress ADV-4 --rating 3
status_is 64
err_has 'rel-goal: who is writing this?'
run rel-goal progress --as A903 ADV-4 --rating 3 --at yesterday-ish
status_is 64
db_unchanged

case_ "close: with an outcome; closed by default, or met or dropped; once"
goaled
run rel-goal close --as A901 ADV-2 --outcome "Point sheet at 90% for two weeks; back to a weekly check-in"
status_is 0
out_is </dev/null
err_is <<'X'
rel-goal: ADV-2 closed: closed
X
run rel-goal close --as A903 ADV-1 --status Met --outcome "Every lab in" --at 2026-11-19T15:00
status_is 0
err_is <<'X'
rel-goal: ADV-1 closed: met
X
check_eq "$(sql "select goal_id || ' ' || status || ' ' || closed_at || ' ' || outcome from goal where status <> 'open' order by id" | tr '\n' '/')" \
    "ADV-1 met 2026-11-19T15:00:00 Every lab in/ADV-2 closed 2026-11-20T10:00:00 Point sheet at 90% for two weeks; back to a weekly check-in/ADV-3 met 2026-10-30T15:00:00 Went to four meetings and helped build the arm/" \
    "closed goals"
db_save
run rel-goal close --as A901 ADV-2 --status met --outcome "again"
status_is 65
err_is <<'X'
rel-goal: goal_id: "ADV-2" is already closed (since 2026-11-20); a goal is closed once
X
run rel-goal close --as A901 NOPE --outcome "x"
status_is 65
err_is <<'X'
rel-goal: goal_id: "NOPE" is not a known goal
X
run rel-goal close --as A901 ADV-4 --outcome "x" --at 2026-11-01
status_is 65
err_is <<'X'
rel-goal: --at: "2026-11-01T00:00:00" is before the goal's start (2026-11-02)
X
run rel-goal close --as A901 ADV-5 --outcome "x" --at 2026-11-09
status_is 65
err_is <<'X'
rel-goal: --at: "2026-11-09T00:00:00" is before the goal's last progress check (2026-11-10T10:15:00)
X
run rel-goal close --as A901 ADV-4
status_is 64
err_has 'rel-goal: --outcome is needed: say what came of the goal'
err_has 'usage: rel-goal close'
run rel-goal close --as A901 ADV-4 --outcome "x" --status open
status_is 64
err_has 'rel-goal: --status: "open" is not met, closed or dropped'
run rel-goal close --as A901 --outcome "x"
status_is 64
run rel-goal close --as A999 ADV-4 --outcome "x"
status_is 64
db_unchanged

case_ "import goals; list --status all; again, every goal is a duplicate"
goaled
run rel-goal list --status all --as A901
status_is 0
out_is <<X
$HEAD
$ADV1
$ADV2
$ADV3
$ADV4
$ADV5
X
run rel-goal import goals.csv
status_is 0
err_is <<'X'
rel-goal: 5 goals: 0 added, 0 updated, 0 unchanged, 5 duplicates ignored
X
run rel-goal import --progress goal-progress.csv
status_is 0
err_is <<'X'
rel-goal: 9 progress checks: 0 added, 0 updated, 0 unchanged, 9 duplicates ignored
X

case_ "import: goals without ids get made ones; empty columns take their defaults"
school
cat >g.csv <<'X'
student_id,text,kind,area,start
100201,Read every night,,,2026-11-02
100202,Tutoring,Support,BEHAVIOR,2026-11-02
X
run rel-goal import --as A903 g.csv
status_is 0
run rel-goal list --as A901
out_is <<X
$HEAD
G1,100201,goal,other,Read every night,adult,,,,2026-11-02,,,open,,,2026-11-20T10:00:00,A903,team
G2,100202,support,behaviour,Tutoring,adult,A903,2,,2026-11-02,,,open,,,2026-11-20T10:00:00,A903,team
X
run rel-goal import --as A903 g.csv
status_is 0
err_is <<'X'
rel-goal: 2 goals: 0 added, 0 updated, 0 unchanged, 2 duplicates ignored
X

case_ "import: the bad-input catalogue, each with file:line, column and value"
goaled
rel-roster deactivate student 100212 2>/dev/null
db_save
cat >bad.csv <<X
$HEAD
,100203,goal,,Fine,,,,,,,,,,,,A903,
,999999,goal,,Who?,,,,,,,,,,,,A903,
,100203,goal,,Who wrote?,,,,,,,,,,,,A999,
,100203,support,,Who leads?,,A999,,,,,,,,,,A903,
,100203,plan,,A plan,,,,,,,,,,,,A903,
,100203,goal,maths,Math,,,,,,,,,,,,A903,
,100203,goal,,Set,parent,,,,,,,,,,,A903,
,100203,goal,,Done,,,,,,,,done,,,,A903,
,100203,support,,Tier,,,4,,,,,,,,,A903,
,100203,goal,,Bad start,,,,,2026-13-01,,,,,,,A903,
,100203,goal,,Bad due,,,,,,2026-11-31,,,,,,A903,
,100203,goal,,Early,,,,,2026-11-10,2026-11-09,,,,,,A903,
,100203,goal,,Every,,,,,,,monthly,,,,,A903,
,100203,goal,,Met,,,,,,,,met,,,,A903,
,100212,goal,,Gone,,,,,,,,,,,,A903,
,100203,goal,,,,,,,,,,,,,,A903,
ADV-1,100201,goal,academic,Another text,student,,,,2026-10-26,2026-11-23,7d,open,,,2026-10-26T08:30:00,A903,
X
run rel-goal import bad.csv
status_is 65
out_is </dev/null
err_is <<'X'
rel-goal: bad.csv:3: student_id: "999999" is not a known student
rel-goal: bad.csv:4: adult_id: "A999" is not a known adult
rel-goal: bad.csv:5: champion_adult_id: "A999" is not a known adult
rel-goal: bad.csv:6: kind: "plan" is not one of goal or support
rel-goal: bad.csv:7: area: "maths" is not one of academic, attendance, social, emotional, behaviour, family or other
rel-goal: bad.csv:8: set_by: "parent" is not one of student, family, adult or team
rel-goal: bad.csv:9: status: "done" is not one of open, met, closed or dropped
rel-goal: bad.csv:10: tier: "4" is not a whole number from 1 to 3
rel-goal: bad.csv:11: start: "2026-13-01" is not a date (YYYY-MM-DD)
rel-goal: bad.csv:12: due: "2026-11-31" is not a date (YYYY-MM-DD)
rel-goal: bad.csv:13: due: "2026-11-09" is before the start (2026-11-10)
rel-goal: bad.csv:14: check_every: "monthly" is not a span of days (7d, 2w, or a number of days) from 1 to 365 days
rel-goal: bad.csv:15: outcome: is empty; a goal that is met needs its outcome
rel-goal: bad.csv:16: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
rel-goal: bad.csv:17: text: is empty; a goal needs its text
rel-goal: bad.csv:18: goal_id: "ADV-1" is already a goal, with another text; a goal_id names one goal
rel-goal: 16 bad records; nothing was imported
X
db_unchanged

case_ "import: each bad goal alone is 65 and changes nothing"
goaled
db_save
for row in \
    ',999999,goal,,Who?,,,,,,,,,,,,A903,' \
    ',100203,goal,,Who wrote?,,,,,,,,,,,,A999,' \
    ',100203,support,,Who leads?,,A999,,,,,,,,,,A903,' \
    ',100203,plan,,A plan,,,,,,,,,,,,A903,' \
    ',100203,goal,nope,Area,,,,,,,,,,,,A903,' \
    ',100203,goal,,Set,someone,,,,,,,,,,,A903,' \
    ',100203,goal,,Status,,,,,,,,finished,,,,A903,' \
    ',100203,support,,Tier,,,0,,,,,,,,,A903,' \
    ',100203,goal,,Date,,,,,11/02/2026,,,,,,,A903,' \
    ',100203,goal,,Early,,,,,2026-11-10,2026-11-09,,,,,,A903,' \
    ',100203,goal,,Every,,,,,,,0d,,,,,A903,' \
    ',100203,goal,,Vis,,,,,,,,,,,,A903,secret'; do
	printf '%s\n%s\n' "$HEAD" "$row" >one.csv
	run rel-goal import one.csv
	status_is 65
	err_has 'rel-goal: one.csv:2: '
	err_has 'rel-goal: 1 bad record; nothing was imported'
	db_unchanged
done

case_ "import --progress: the bad-input catalogue"
goaled
db_save
cat >bad.csv <<'X'
goal_id,at,adult_id,rating,note
ADV-4,2026-11-16T08:00,A903,3,fine
NOPE,2026-11-16T08:00,A903,3,
ADV-4,2026-11-16T08:00,A999,3,
ADV-4,2026-11-16T08:00,A903,6,
ADV-4,2026-11-16T08:00,A903,three,
ADV-4,2026-11-31,A903,3,
ADV-4,,A903,3,
ADV-4,2026-11-01T08:00,A903,3,
ADV-3,2026-11-02T08:00,A904,3,
ADV-4,2026-11-16T09:00,A903,,
,2026-11-16T08:00,A903,3,
X
run rel-goal import --progress bad.csv
status_is 65
err_is <<'X'
rel-goal: bad.csv:3: goal_id: "NOPE" is not a known goal
rel-goal: bad.csv:4: adult_id: "A999" is not a known adult
rel-goal: bad.csv:5: rating: "6" is not a whole number from 1 to 5
rel-goal: bad.csv:6: rating: "three" is not a whole number from 1 to 5
rel-goal: bad.csv:7: at: "2026-11-31" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)
rel-goal: bad.csv:8: at: is empty; expected a date-time (YYYY-MM-DDTHH:MM)
rel-goal: bad.csv:9: at: "2026-11-01T08:00:00" is before the goal's start (2026-11-02)
rel-goal: bad.csv:10: goal_id: "ADV-3" is met since 2026-10-30; a closed goal takes no more progress checks
rel-goal: bad.csv:11: rating: is empty, and so is note; a progress check needs a rating (1 to 5), a note, or both
rel-goal: bad.csv:12: goal_id: is empty; an id is required
rel-goal: 10 bad records; nothing was imported
X
db_unchanged
for row in 'NOPE,2026-11-16T08:00,A903,3,' 'ADV-4,2026-11-16T08:00,A903,9,' \
    'ADV-4,2026-02-30T08:00,A903,3,' 'ADV-4,2026-11-16T08:00,A999,3,'; do
	printf 'goal_id,at,adult_id,rating,note\n%s\n' "$row" >one.csv
	run rel-goal import --progress one.csv
	status_is 65
	err_has 'rel-goal: one.csv:2: '
	db_unchanged
done
run rel-goal import --progress --visibility private goal-progress.csv
status_is 64
err_has 'rel-goal: --visibility does not apply to progress checks'
db_unchanged

case_ "import: a missing or unknown column; --ignore-unknown; --map"
school
db_save
printf 'student_id,area\n100201,academic\n' >f.csv
run rel-goal import f.csv
status_is 65
err_is <<'X'
rel-goal: f.csv:1: "text" is a required column and is missing from the header
X
printf 'student_id,text,room\n100201,Read,304\n' >u.csv
run rel-goal import --as A903 u.csv
status_is 65
err_has 'rel-goal: u.csv:1: "room" is not a known column'
db_unchanged
run rel-goal import --as A903 --ignore-unknown u.csv
status_is 0
cat >sis.csv <<'X'
StudentNumber,Goal,Domain,Target
100210,Finish the college essay,academic,2026-12-04
X
run rel-goal import --as A903 --map student_id=StudentNumber,text=Goal,area=Domain,due=Target sis.csv
status_is 0
err_is <<'X'
rel-goal: 1 goal: 1 added, 0 updated, 0 unchanged
X
check_eq "$(sql "select goal_id || ' ' || area || ' ' || due from goal where student = 10")" \
    "G2 academic 2026-12-04" "mapped"

case_ "import --rejects keeps the good goals; --dry-run writes nothing"
school
cat >mixed.csv <<'X'
student_id,text,adult_id,tier,kind
100208,Homework club,A905,2,support
999999,Who?,A905,,
100209,Tutoring,A905,5,support
100209,Chess club,A905,,
X
run rel-goal import --rejects rejects.csv mixed.csv
status_is 65
err_is <<'X'
rel-goal: mixed.csv:3: student_id: "999999" is not a known student
rel-goal: mixed.csv:4: tier: "5" is not a whole number from 1 to 3
rel-goal: 4 goals: 2 added, 0 updated, 0 unchanged, 2 bad
rel-goal: 2 records rejected to rejects.csv; the rest were imported
X
check_eq "$(sql "select group_concat(goal_id, ' ') from goal")" "G1 G2" "goals"
check_eq "$(cat rejects.csv)" 'student_id,text,adult_id,tier,kind,reason
999999,Who?,A905,,,"line 3: student_id: ""999999"" is not a known student"
100209,Tutoring,A905,5,support,"line 4: tier: ""5"" is not a whole number from 1 to 3"' \
    "rejects.csv"
db_save
run rel-goal import --dry-run goals.csv
status_is 0
err_is <<'X'
rel-goal: dry run, nothing written: 5 goals: 5 added, 0 updated, 0 unchanged
X
db_unchanged

case_ "list: open goals by default; --status, --kind, --area, --champion, --student"
goaled
run rel-goal list --as A901
out_is <<X
$HEAD
$ADV1
$ADV2
$ADV4
$ADV5
X
run rel-goal list --as A901 --status met
out_is <<X
$HEAD
$ADV3
X
run rel-goal list --as A901 --kind support --status ALL
out_is <<X
$HEAD
$ADV2
$ADV5
X
run rel-goal list --as A901 --area attendance
out_is <<X
$HEAD
$ADV4
X
run rel-goal list --as A901 --champion A903
out_is <<X
$HEAD
$ADV2
X
run rel-goal list --as A901 --student 100204 --status all
out_is <<X
$HEAD
$ADV3
X
run rel-goal list --as A901 --student 100203
status_is 0
out_is <<X
$HEAD
X
run rel-goal list --as A901 --since 2026-10-12 --until 2026-10-26
out_is <<X
$HEAD
$ADV1
$ADV5
X
run rel-goal list --as A901 --since 3w
out_is <<X
$HEAD
$ADV4
X

case_ "list: bad filters"
goaled
run rel-goal list --as A901 --status finished
status_is 64
err_has 'rel-goal: --status: "finished" is not open, met, closed, dropped or all'
err_has 'usage: rel-goal list'
run rel-goal list --as A901 --kind plan
status_is 64
err_has 'rel-goal: --kind: "plan" is not goal or support'
run rel-goal list --as A901 --area maths
status_is 64
run rel-goal list --as A901 --since someday
status_is 64
run rel-goal list --as A901 --student 999999
status_is 65
err_has 'rel-goal: --student: "999999" is not a known student'
run rel-goal list --as A901 --champion A999
status_is 65
err_has 'rel-goal: --champion: "A999" is not a known adult'
run rel-goal list --as A901 100201
status_is 64
err_has 'rel-goal: list: takes no operands'

case_ "list: a student set on stdin; a deactivated student's goals only when named"
goaled
printf 'student_id\n100209\n100204\n' >set.csv
STDIN=set.csv
run rel-goal list --as A901 --status all
out_is <<X
$HEAD
$ADV3
$ADV4
X
STDIN=/dev/null
rel-roster deactivate student 100209 2>/dev/null
run rel-goal list --as A901
out_is <<X
$HEAD
$ADV1
$ADV2
$ADV5
X
run rel-goal list --as A901 --student 100209
out_is <<X
$HEAD
$ADV4
X

case_ "list --progress: the checks of the goals that match"
goaled
run rel-goal list --progress --as A901 --kind support
status_is 0
out_is <<'X'
goal_id,at,adult_id,rating,note
ADV-2,2026-10-12T14:00:00,A903,2,
ADV-2,2026-10-19T14:00:00,A903,3,Point sheet at 70%
ADV-2,2026-10-26T14:00:00,A903,3,
ADV-2,2026-11-02T14:00:00,A903,4,Point sheet at 85%; proud of it
ADV-5,2026-11-10T10:15:00,A901,3,Calmer in biology; using the plan
X
run rel-goal list --progress --as A901 --status met
out_is <<'X'
goal_id,at,adult_id,rating,note
ADV-3,2026-10-05T12:00:00,A904,4,Went to two meetings
X

case_ "list | import into a fresh database: goals, then checks, byte for byte"
goaled
rel-goal close --as A901 ADV-1 --status met --outcome "$(printf 'Every lab in, "on time"\nand proud')" --at 2026-11-19T15:00 2>/dev/null ||
	fail_ "close"
rel-goal list --status all --as A901 >goals-out.csv || fail_ "list"
rel-goal list --progress --status all --as A901 >progress-out.csv || fail_ "list --progress"
REL_DB="$T/copy.db"
roster_db
STDIN=goals-out.csv
run rel-goal import
status_is 0
err_is <<'X'
rel-goal: 5 goals: 5 added, 0 updated, 0 unchanged
X
STDIN=progress-out.csv
run rel-goal import --progress
status_is 0
err_is <<'X'
rel-goal: 9 progress checks: 9 added, 0 updated, 0 unchanged
X
STDIN=/dev/null
run rel-goal list --status all --as A901
out_file_is goals-out.csv
run rel-goal list --progress --status all --as A901
out_file_is progress-out.csv
# Straight into import: goals that are not private, since listing a
# private one writes an audit row while the import holds the lock.
run_sh 'rel-goal list --status all --as A901 --kind goal | rel-goal import'
status_is 0
err_is <<'X'
rel-goal: 3 goals: 0 added, 0 updated, 0 unchanged, 3 duplicates ignored
X

case_ "due: overdue checks and plans past their end, by due date"
goaled
run rel-goal due --as A901
status_is 0
out_is <<X
$DUE
100202,Liam,O'Connor,ADV-2,support,past_end,2026-11-16,4,2026-11-02,A903,Check-in/check-out mentoring
100209,Aroha,Ngata,ADV-4,goal,check_due,2026-11-16,4,,,Be in first period on time four days out of five
100211,Fatima Zahra,El Amrani,ADV-5,support,check_due,2026-11-17,3,2026-11-10,A901,Weekly counseling sessions
X
run rel-goal due --as A901 --on 2026-11-23
out_has '100201,Thandiwe,Müller-Okafor,ADV-1,goal,past_end,2026-11-23,-3,2026-11-16,,Turn in every biology lab on time for four weeks'
out_lines 5
run rel-goal due --as A901 --on 1w
out_lines 5
run rel-goal due --as A901 --on 2026-11-16
out_lines 3
# A check moves the next one on.
rel-goal progress --as A903 ADV-4 --rating 4 2>/dev/null || fail_ "progress"
run rel-goal due --as A901
out_lacks 'ADV-4'
# Closing a plan takes it off.
rel-goal close --as A903 ADV-2 --status met --outcome "Done" 2>/dev/null || fail_ "close"
run rel-goal due --as A901
out_is <<X
$DUE
100211,Fatima Zahra,El Amrani,ADV-5,support,check_due,2026-11-17,3,2026-11-10,A901,Weekly counseling sessions
X

case_ "due --champion, --mine, --student, a set; the output is a student set"
goaled
run rel-goal due --as A901 --champion A903
out_is <<X
$DUE
100202,Liam,O'Connor,ADV-2,support,past_end,2026-11-16,4,2026-11-02,A903,Check-in/check-out mentoring
X
# A903's: ADV-2 as champion, ADV-4 as the author of a goal with none.
run rel-goal due --as A903 --mine
out_is <<X
$DUE
100202,Liam,O'Connor,ADV-2,support,past_end,2026-11-16,4,2026-11-02,A903,Check-in/check-out mentoring
100209,Aroha,Ngata,ADV-4,goal,check_due,2026-11-16,4,,,Be in first period on time four days out of five
X
run rel-goal due --as A901 --student 100211
out_lines 2
out_has 'ADV-5'
printf 'student_id\n100209\n100211\n' >set.csv
STDIN=set.csv
run rel-goal due --as A901 --kind support
out_is <<X
$DUE
100211,Fatima Zahra,El Amrani,ADV-5,support,check_due,2026-11-17,3,2026-11-10,A901,Weekly counseling sessions
X
STDIN=/dev/null
run_sh 'rel-goal due --as A901 | rel-goal list --as A901 --status all'
status_is 0
out_is <<X
$HEAD
$ADV2
$ADV4
$ADV5
X

case_ "due: usage errors"
goaled
run rel-goal due --as A901 --on someday
status_is 64
err_has 'rel-goal: --on: "someday" is not a date (YYYY-MM-DD), today, tomorrow, or a span ahead of today (7d, 6w, 3m)'
run rel-goal due --as A901 --mine --champion A903
status_is 64
err_has 'rel-goal: due: give --mine or --champion, not both'
run rel-goal due --mine
status_is 64
err_has 'rel-goal: --mine: who is asking?'
run rel-goal due --as A901 --status open
status_is 64
err_has 'rel-goal: due: --status does not apply here'
run rel-goal due --as A901 --champion A999
status_is 65

case_ "visibility: a teacher sees the team goals of their students; private ones stay private"
goaled
# A904 coaches CLUB-ROBOT (100203, 100207, 100209).
run rel-goal list --as A904
status_is 0
out_is <<X
$HEAD
$ADV4
X
# A902 leads BIO9-P2 (100201, 100202, 100204, 100211) and is in
# CLUB-ROBOT; ADV-5 is private.
run rel-goal list --as A902 --status all
out_is <<X
$HEAD
$ADV1
$ADV2
$ADV3
$ADV4
X
run rel-goal list --progress --as A904
out_is <<'X'
goal_id,at,adult_id,rating,note
X
run rel-goal due --as A902
out_lacks 'ADV-5'
out_has 'ADV-4'
check_eq "$(sql "select count(*) from audit")" 0 "no audit row yet"
# No acting adult: staff goals only, and a note saying so.
run rel-goal list
status_is 0
out_is <<X
$HEAD
X
err_has 'staff'

case_ "visibility: a counselor sees private goals, and the read is audited"
goaled
run rel-goal list --as A901 --kind support
status_is 0
out_has 'ADV-5'
check_eq "$(sql "select a.adult_id || ' ' || u.command || ' ' || u.students from audit u join adult a on a.id = u.adult")" \
    "A901 rel-goal list 1" "audit row"
check_eq "$(sql "select s.student_id from audit_student x join student s on s.id = x.student")" \
    "100211" "audited student"
run rel-goal list --progress --as A901 --student 100211
status_is 0
check_eq "$(sql "select count(*) from audit")" 2 "audit rows"
run rel-goal due --as A901
check_eq "$(sql "select count(*) from audit")" 3 "audit rows"
# A goal made private by its author is seen by its author.
rel-goal add --as A905 100206 --text "Talk with the nurse" --visibility private >/dev/null 2>&1 || fail_ "add"
run rel-goal list --as A905 --student 100206
out_has 'Talk with the nurse'
run rel-goal list --as A902 --student 100206
out_lacks 'Talk with the nurse'

case_ "list --format table and json"
goaled
run rel-goal list --as A901 --student 100209 --format json
status_is 0
out_has '"goal_id":"ADV-4"'
run rel-goal due --as A901 --format table
out_has 'student_id  given_name'

case_ "help, version, unknown verbs and options"
school
run rel-goal --help
status_is 0
out_has 'usage: rel-goal add [--db PATH] [--as ADULT_ID] --text TEXT'
run rel-goal due --help
status_is 0
out_has 'usage: rel-goal due [--db PATH] [--as ADULT_ID] [--on DATE]'
out_lacks 'rel-goal add'
run rel-goal --version
status_is 0
out_has 'rel-goal (rel) '
run rel-goal
status_is 64
run rel-goal finish G1
status_is 64
err_has 'rel-goal: unknown verb "finish"'
run rel-goal list --rating 3
status_is 64
err_has 'rel-goal: list: --rating does not apply here'

case_ "a write error on standard output fails the command"
goaled
run_sh 'rel-goal list --as A901 >/dev/full'
status_is 74
err_has 'rel-goal: standard output: write error'
run_sh 'rel-goal add --as A903 100203 --text "Chess club" >/dev/full'
status_is 74
