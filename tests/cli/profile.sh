#!/bin/sh
# rel-profile: add, import, list, show, retire; every bad input with its
# message, status and an unchanged database; the round trip of list into
# import; the profile card, exactly.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# The fixture school of tests/data: adults A901-A905, students
# 100201-100212 (100212 deactivated), three groups. Reads that check what
# was recorded run as A901, the counselor, who sees every item; these cases
# are not about who may see what.
loaded() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv "$DATA"/mapping-session.csv . ||
		fail_ "cannot copy the fixtures"
	roster_db
}

# A few items for 100201 and 100204, as two adults recorded them.
profiled() {
	loaded
	cat >items.csv <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,strength,patient with younger students,family,2026-10-02,A903,team,
100201,interest,drawing manga,student,2026-09-20T13:05,A903,,
100201,interest,chess,student,2026-09-01,A903,,
100201,worry,timed math tests,student,2026-10-10,A905,private,
100201,support,"a quiet room for tests, with extra time",assessment,2026-10-12,A905,,
100204,strength,"fixes bikes, anyone's",adult,2026-10-05,A901,staff,
X
	rel-profile import items.csv 2>/dev/null || fail_ "items import failed"
}

case_ "add: one item, then the same again is unchanged, a new source updates it"
loaded
run rel-profile add 100201 strength "patient with younger students" --source family --as A903
status_is 0
out_is </dev/null
err_is <<'X'
rel-profile: profile item added for 100201
X
run rel-profile add 100201 strength "patient with younger students" --as A905
status_is 0
err_is <<'X'
rel-profile: profile item unchanged for 100201
X
run rel-profile add 100201 strength "patient with younger students" --source student --visibility private --as A905
status_is 0
err_is <<'X'
rel-profile: profile item updated for 100201
X
run rel-profile list --as A901
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,strength,patient with younger students,student,2026-11-20T10:00:00,A903,private,
X

case_ "add: --at takes a date, a date-time or a span; kinds in any case; spaces trimmed"
loaded
run rel-profile add 100202 interest "jazz band" --at 2026-09-15 --as A905
status_is 0
run rel-profile add 100202 Motivation "  wants to teach music one day " --at '2026-09-16 14:30' --as A905
status_is 0
run rel-profile add 100202 learns_best "by playing it first" --at 14d --as A905 --visibility staff
status_is 0
run rel-profile list --as A901 --student 100202
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100202,interest,jazz band,adult,2026-09-15T00:00:00,A905,team,
100202,motivation,wants to teach music one day,adult,2026-09-16T14:30:00,A905,team,
100202,learns_best,by playing it first,adult,2026-11-06T00:00:00,A905,staff,
X

case_ "add: the acting adult comes from --as, \$REL_AS or the login"
loaded
REL_AS=A902
export REL_AS
run rel-profile add 100203 identity "first in her family to study science"
status_is 0
unset REL_AS
USER=isolberg run rel-profile add 100203 language "Mandarin with her grandmother"
status_is 0
run rel-profile list --as A901 --student 100203
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100203,identity,first in her family to study science,adult,2026-11-20T10:00:00,A902,team,
100203,language,Mandarin with her grandmother,adult,2026-11-20T10:00:00,A903,team,
X

case_ "add: no acting adult is a usage error; nothing added"
loaded
db_save
USER=nobody run rel-profile add 100201 strength "kind"
status_is 64
# shellcheck disable=SC2016 # $REL_AS is the message's own text
err_has 'rel-profile: who is writing this? Give --as ADULT_ID, set $REL_AS, or set your login on your adult record (rel-roster set adult ID --login nobody)'
err_has 'usage: rel-profile add'
run rel-profile add 100201 strength "kind" --as A999
status_is 64
err_has 'rel-profile: --as: "A999" is not an active adult'
db_unchanged

case_ "add: bad students, kinds, values and sources are 65; nothing added"
loaded
db_save
run rel-profile add 999999 strength "kind" --as A901
status_is 65
err_is <<'X'
rel-profile: student_id: "999999" is not a known student
X
run rel-profile add 100212 strength "kind" --as A901
status_is 65
err_is <<'X'
rel-profile: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
X
run rel-profile add 100201 talent "kind" --as A901
status_is 65
err_is <<'X'
rel-profile: kind: "talent" is not strength, interest, motivation, identity, language, learns_best, worry or support
X
run rel-profile add 100201 strength "  " --as A901
status_is 65
err_is <<'X'
rel-profile: value: is empty; say what the strength is
X
run rel-profile add 100201 strength "$(printf 'two\nlines')" --as A901
status_is 65
err_is <<'X'
rel-profile: value: "two\nlines" has a control character (line breaks and tabs are not allowed here)
X
run rel-profile add 100201 strength "$(printf '%501s' x)" --as A901
status_is 65
err_has 'is longer than 500 bytes'
run rel-profile add 100201 strength "kind" --source teacher --as A901
status_is 65
err_is <<'X'
rel-profile: source: "teacher" is not student, family, adult or assessment
X
db_unchanged

case_ "add: bad options and operands are usage errors; nothing added"
loaded
db_save
run rel-profile add 100201 strength "kind" --at 2026-02-30 --as A901
status_is 64
err_has 'rel-profile: --at: "2026-02-30" is not a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)'
run rel-profile add 100201 strength "kind" --visibility secret --as A901
status_is 64
err_has 'rel-profile: --visibility: "secret" is not staff, team or private'
run rel-profile add 100201 strength --as A901
status_is 64
err_has 'rel-profile: add: give STUDENT_ID, KIND and VALUE'
run rel-profile add 100201 strength kind extra --as A901
status_is 64
run rel-profile add 100201 strength kind --kind strength --as A901
status_is 64
err_has 'rel-profile: add: --kind does not apply here'
db_unchanged

case_ "import a strengths survey; again is unchanged"
loaded
cat >survey.csv <<'X'
student_id,kind,value,source,at
100201,strength,patient with younger students,student,2026-10-02
100202,strength,keeps the beat for everyone,student,2026-10-02
100202,interest,jazz band,student,2026-10-02
100204,motivation,his little sister,student,2026-10-02 09:15
X
run rel-profile import --as A901 survey.csv
status_is 0
out_is </dev/null
err_is <<'X'
rel-profile: 4 profile items: 4 added, 0 updated, 0 unchanged
X
run rel-profile import --as A901 survey.csv
status_is 0
err_is <<'X'
rel-profile: 4 profile items: 0 added, 0 updated, 4 unchanged
X
run rel-profile list --as A901 --kind strength
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,strength,patient with younger students,student,2026-10-02T00:00:00,A901,team,
100202,strength,keeps the beat for everyone,student,2026-10-02T00:00:00,A901,team,
X

case_ "import: without an acting adult, items have no adult_id"
loaded
printf 'student_id,kind,value\n100201,interest,origami\n' >f.csv
USER=nobody run rel-profile import f.csv
status_is 0
run rel-profile list --as A901
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,interest,origami,adult,2026-11-20T10:00:00,,team,
X

# The bad-input catalogue: each alone, with its message, 65 and an
# unchanged database.
bad_one() {
	printf 'student_id,kind,value,source,at,adult_id\n%s\n' "$1" >bad.csv
	run rel-profile import --as A901 bad.csv
	status_is 65
	out_is </dev/null
}

case_ "import: an unknown student"
profiled
db_save
bad_one '100299,strength,kind,student,2026-10-02,A901'
err_is <<'X'
rel-profile: bad.csv:2: student_id: "100299" is not a known student
rel-profile: 1 bad record; nothing was imported
X
db_unchanged

case_ "import: an unknown adult"
profiled
db_save
bad_one '100201,strength,kind,student,2026-10-02,A999'
err_is <<'X'
rel-profile: bad.csv:2: adult_id: "A999" is not a known adult
rel-profile: 1 bad record; nothing was imported
X
db_unchanged

case_ "import: an unknown kind"
profiled
db_save
bad_one '100201,talents,kind,student,2026-10-02,A901'
err_is <<'X'
rel-profile: bad.csv:2: kind: "talents" is not strength, interest, motivation, identity, language, learns_best, worry or support
rel-profile: 1 bad record; nothing was imported
X
db_unchanged

case_ "import: an unknown source"
profiled
db_save
bad_one '100201,strength,kind,counselor,2026-10-02,A901'
err_is <<'X'
rel-profile: bad.csv:2: source: "counselor" is not student, family, adult or assessment
rel-profile: 1 bad record; nothing was imported
X
db_unchanged

case_ "import: a bad date"
profiled
db_save
bad_one '100201,strength,kind,student,2026-10-32,A901'
err_is <<'X'
rel-profile: bad.csv:2: at: "2026-10-32" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)
rel-profile: 1 bad record; nothing was imported
X
db_unchanged

case_ "import: an empty value"
profiled
db_save
bad_one '100201,worry,,student,2026-10-02,A901'
err_is <<'X'
rel-profile: bad.csv:2: value: is empty; say what the worry is
rel-profile: 1 bad record; nothing was imported
X
db_unchanged

case_ "import: every bad record reported with file:line; nothing imported"
profiled
rel-roster deactivate adult A904 2>/dev/null
db_save
cat >bad.csv <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100202,strength,a good record,student,2026-10-02,A901,,
100212,strength,kind,student,2026-10-02,A901,,
100202,strength,kind,student,2026-10-02,A904,,
100202,strength,kind,student,2026-10-02,A901,secret,
100202,strength,kind,student,2026-10-02,A901,,2026-09-01
100202,strength,kind,student,2026-10-02,A901,,someday
,strength,kind,student,2026-10-02,A901,,
X
run rel-profile import --as A901 bad.csv
status_is 65
err_is <<'X'
rel-profile: bad.csv:3: student_id: "100212" is deactivated (rel-roster set student 100212 --active 1 brings them back)
rel-profile: bad.csv:4: adult_id: "A904" is deactivated (rel-roster set adult A904 --active 1 brings them back)
rel-profile: bad.csv:5: visibility: "secret" is not staff, team or private
rel-profile: bad.csv:6: retired_at: "2026-09-01" is before the item's at (2026-10-02T00:00:00)
rel-profile: bad.csv:7: retired_at: "someday" is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)
rel-profile: bad.csv:8: student_id: is empty; an id is required
rel-profile: 6 bad records; nothing was imported
X
db_unchanged

case_ "import: a missing required column, an unknown one, --ignore-unknown"
profiled
db_save
printf 'student_id,kind\n100201,strength\n' >f.csv
run rel-profile import --as A901 f.csv
status_is 65
err_is <<'X'
rel-profile: f.csv:1: "value" is a required column and is missing from the header
X
db_unchanged
printf 'student_id,kind,value,room\n100201,strength,kind,304\n' >g.csv
run rel-profile import --as A901 g.csv
status_is 65
err_has 'rel-profile: g.csv:1: "room" is not a known column (expected student_id, kind, value, source, at, adult_id, visibility, retired_at; --ignore-unknown skips it, --map renames it)'
db_unchanged
run rel-profile import --as A901 --ignore-unknown g.csv
status_is 0
err_is <<'X'
rel-profile: 1 profile item: 1 added, 0 updated, 0 unchanged
X

case_ "import --rejects keeps the good records and each bad one with a reason"
profiled
cat >mixed.csv <<'X'
student_id,kind,value,source
100202,interest,skateboarding,student
100299,interest,skateboarding,student
100202,hobby,skateboarding,student
X
run rel-profile import --as A901 --rejects rj.csv mixed.csv
status_is 65
err_is <<'X'
rel-profile: mixed.csv:3: student_id: "100299" is not a known student
rel-profile: mixed.csv:4: kind: "hobby" is not strength, interest, motivation, identity, language, learns_best, worry or support
rel-profile: 3 profile items: 1 added, 0 updated, 0 unchanged, 2 bad
rel-profile: 2 records rejected to rj.csv; the rest were imported
X
cat rj.csv >"$T/out"
out_is <<'X'
student_id,kind,value,source,reason
100299,interest,skateboarding,student,"line 3: student_id: ""100299"" is not a known student"
100202,hobby,skateboarding,student,"line 4: kind: ""hobby"" is not strength, interest, motivation, identity, language, learns_best, worry or support"
X
check_eq "$(sql "select count(*) from profile_item p join student s on s.id = p.student where s.student_id = '100202'")" 1 "the good one kept"

case_ "import --dry-run checks and writes nothing"
profiled
db_save
printf 'student_id,kind,value,source\n100202,interest,skateboarding,student\n100201,interest,chess,family\n100201,strength,patient with younger students,family\n' >f.csv
run rel-profile import --as A901 --dry-run f.csv
status_is 0
err_is <<'X'
rel-profile: dry run, nothing written: 3 profile items: 1 added, 1 updated, 1 unchanged
X
db_unchanged

case_ "import --map reads a student voice form with its own headings"
loaded
cat >form.csv <<'X'
Timestamp,Student Number,Question,Answer,Shared with
2026-10-06 09:12,100209,interest,robotics and 3D printing,team
2026-10-06 09:14,100209,worry,speaking in front of the class,private
2026-10-06 09:20,100211,learns_best,when I can see an example first,team
X
run rel-profile import --as A903 --map 'at=Timestamp,student_id=Student Number,kind=Question,value=Answer,visibility=Shared with' form.csv
status_is 0
err_is <<'X'
rel-profile: 3 profile items: 3 added, 0 updated, 0 unchanged
X
run rel-profile list --as A901
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100209,interest,robotics and 3D printing,adult,2026-10-06T09:12:00,A903,team,
100209,worry,speaking in front of the class,adult,2026-10-06T09:14:00,A903,private,
100211,learns_best,when I can see an example first,adult,2026-10-06T09:20:00,A903,team,
X

case_ "retire: gone from list, kept in list --history"
profiled
run rel-profile retire 100201 interest chess --at 2026-11-01 --as A905
status_is 0
out_is </dev/null
err_is <<'X'
rel-profile: profile item retired for 100201
X
run rel-profile list --as A901 --student 100201 --kind interest
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,interest,drawing manga,student,2026-09-20T13:05:00,A903,team,
X
run rel-profile list --as A901 --student 100201 --kind interest --history
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,interest,chess,student,2026-09-01T00:00:00,A903,team,2026-11-01T00:00:00
100201,interest,drawing manga,student,2026-09-20T13:05:00,A903,team,
X
check_eq "$(sql "select a.adult_id from profile_item p join adult a on a.id = p.retired_by")" A905 "retired_by"
# The same item may be recorded again, and retired again: nothing is lost.
run rel-profile add 100201 interest chess --as A903
status_is 0
run rel-profile retire 100201 interest chess --as A903
status_is 0
check_eq "$(sql "select count(*) from profile_item where value = 'chess'")" 2 "both kept"

case_ "retire: no such current item, an unknown student, no acting adult"
profiled
rel-profile retire 100201 interest chess --at 2026-11-01 --as A905 2>/dev/null
db_save
run rel-profile retire 100201 interest chess --as A905
status_is 65
err_is <<'X'
rel-profile: value: "chess" is not a current interest of student 100201 (rel-profile list --student 100201 shows them)
X
run rel-profile retire 100201 strength "drawing manga" --as A905
status_is 65
err_has 'rel-profile: value: "drawing manga" is not a current strength of student 100201'
run rel-profile retire 100299 interest chess --as A905
status_is 65
err_is <<'X'
rel-profile: student_id: "100299" is not a known student
X
run rel-profile retire 100201 hobby chess --as A905
status_is 65
err_has 'rel-profile: kind: "hobby" is not strength'
run rel-profile retire 100201 interest "drawing manga" --at 2026-09-01 --as A905
status_is 65
err_is <<'X'
rel-profile: --at: "2026-09-01T00:00:00" is before the item was recorded
X
USER=nobody run rel-profile retire 100201 interest "drawing manga"
status_is 64
err_has 'rel-profile: who is writing this?'
run rel-profile retire 100201 interest --as A905
status_is 64
err_has 'rel-profile: retire: give STUDENT_ID, KIND and VALUE'
run rel-profile retire 100201 interest "drawing manga" --at never --as A905
status_is 64
err_has 'rel-profile: --at: "never" is not a date'
db_unchanged

case_ "list | import round trips with --history, into this database and a fresh one"
profiled
rel-profile retire 100201 interest chess --at 2026-11-01 --as A905 2>/dev/null
rel-profile add 100204 identity "=1+1, he jokes" --as A901 2>/dev/null
run rel-profile list --as A901 --history
status_is 0
cp "$T/out" items.csv
run rel-profile import items.csv
status_is 0
err_is <<'X'
rel-profile: 7 profile items: 0 added, 0 updated, 7 unchanged
X
REL_DB="$T/fresh.db"
roster_db
run rel-profile import items.csv
status_is 0
err_is <<'X'
rel-profile: 7 profile items: 7 added, 0 updated, 0 unchanged
X
run rel-profile list --as A901 --history
out_file_is items.csv
run rel-profile import items.csv
err_is <<'X'
rel-profile: 7 profile items: 0 added, 0 updated, 7 unchanged
X

case_ "import of a retired item retires the current one with that date"
profiled
rel-profile list --as A901 --history >before.csv
rel-profile retire 100201 interest chess --at 2026-11-01 --as A905 2>/dev/null
rel-profile list --as A901 --history >after.csv
REL_DB="$T/copy.db"
roster_db
rel-profile import before.csv 2>/dev/null
run rel-profile import after.csv
status_is 0
err_is <<'X'
rel-profile: 6 profile items: 0 added, 1 updated, 5 unchanged
X
run rel-profile list --as A901 --history
out_file_is after.csv

case_ "list: filters by student, kind, source, adult, dates and a student set"
profiled
run rel-profile list --as A901 --source student
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,interest,chess,student,2026-09-01T00:00:00,A903,team,
100201,interest,drawing manga,student,2026-09-20T13:05:00,A903,team,
100201,worry,timed math tests,student,2026-10-10T00:00:00,A905,private,
X
run rel-profile list --as A901 --adult A905 --kind Support
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,support,"a quiet room for tests, with extra time",assessment,2026-10-12T00:00:00,A905,team,
X
run rel-profile list --as A901 --since 2026-10-02 --until 2026-10-05
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,strength,patient with younger students,family,2026-10-02T00:00:00,A903,team,
100204,strength,"fixes bikes, anyone's",adult,2026-10-05T00:00:00,A901,staff,
X
run_sh 'rel-roster list --group CLUB-ROBOT | rel-profile list --as A901'
out_lines 1
run_sh 'rel-roster list --group BIO9-P2 | rel-profile list --as A901 --kind strength'
out_is <<'X'
student_id,kind,value,source,at,adult_id,visibility,retired_at
100201,strength,patient with younger students,family,2026-10-02T00:00:00,A903,team,
100204,strength,"fixes bikes, anyone's",adult,2026-10-05T00:00:00,A901,staff,
X
run rel-profile list --as A901 --student 100204 --format table
out_is <<'X'
student_id  kind      value                  source  at                   adult_id  visibility  retired_at
----------  --------  ---------------------  ------  -------------------  --------  ----------  ----------
100204      strength  fixes bikes, anyone's  adult   2026-10-05T00:00:00  A901      staff
X

case_ "list: bad filters"
profiled
run rel-profile list --kind hobby
status_is 64
err_has 'rel-profile: --kind: "hobby" is not strength, interest, motivation, identity, language, learns_best, worry or support'
err_has 'usage: rel-profile list'
run rel-profile list --source teacher
status_is 64
err_has 'rel-profile: --source: "teacher" is not student, family, adult or assessment'
run rel-profile list --as A901 --student 100299
status_is 65
err_is <<'X'
rel-profile: --student: "100299" is not a known student
X
run rel-profile list --as A901 --adult A999
status_is 65
err_is <<'X'
rel-profile: --adult: "A999" is not a known adult
X
run rel-profile list --since 2026-10-05 --until 2026-10-01
status_is 64
err_has 'rel-profile: --until: "2026-10-01" is not after --since 2026-10-05'
run rel-profile list --format xml
status_is 64
run rel-profile list 100201
status_is 64
out_is </dev/null

case_ "list --excel-safe neutralises a formula; the pipe stays exact"
loaded
rel-profile add 100202 interest "=HYPERLINK(1)" --as A901 2>/dev/null
run rel-profile list --as A901 --excel-safe
out_has "'=HYPERLINK(1)"
run rel-profile list --as A901
out_has ",=HYPERLINK(1),"

# The card: items in several kinds (one retired, one written by the
# student's family), two adults (one primary), and check-ins.
carded() {
	profiled
	rel-map import mapping-session.csv 2>/dev/null || fail_ "map import failed"
	rel-profile retire 100201 interest chess --at 2026-11-01 --as A903 2>/dev/null
	rel-profile add 100201 language "isiZulu at home, English at school" \
	    --source family --at 2026-10-02 --as A903 2>/dev/null
	sql "insert into checkin (student, at, adult, kind, mood, understanding,
	    workload, note, adult_key) values
	    (1, strftime('%s', '2026-11-10 08:00'), null, 3, 5, null, null,
	     'family conference: proud of her art', 0),
	    (1, strftime('%s', '2026-11-17 08:00'), 2, 2, null, null, null, null,
	     2),
	    (1, strftime('%s', '2026-11-18 08:05'), 3, 0, 4, 3, 2,
	     'tired after the game
	      but smiling', 3),
	    (1, strftime('%s', '2026-11-19 15:00'), 5, 1, null, 2, null, null, 5)" ||
		fail_ "check-ins insert failed"
}

case_ "show: the profile card"
carded
run rel-profile show 100201 --as A901
status_is 0
err_is </dev/null
out_is <<'X'
Thandi Müller-Okafor (given name Thandiwe)
Student 100201, grade 9, she/her, home language isiZulu

Strengths
  - patient with younger students (family, 2026-10-02)

Interests
  - drawing manga (student, 2026-09-20)

Motivations
  (none recorded yet)

Identity and culture
  (none recorded yet)

Languages
  - isiZulu at home, English at school (family, 2026-10-02)

How they learn best
  (none recorded yet)

Worries
  - timed math tests (student, 2026-10-10)

Supports that help
  - a quiet room for tests, with extra time (assessment, 2026-10-12)

Adults who know them
  - Ingrid Solberg, advisor (A903): trusted adult; primary adult
  - Priya Raghunathan, teacher (A905): knows something personal

Goals and supports
  (none recorded yet)

Family contacts
  (none recorded yet)

Restorative cases
  (none recorded yet)

Last check-ins
  - 2026-11-19 exit ticket with Priya Raghunathan: understanding 2
  - 2026-11-18 check-in with Ingrid Solberg: mood 4, understanding 3, workload 2; tired after the game but smiling
  - 2026-11-17 greeting with Kwame Asante
X

case_ "show --history --checkins 4 --format md"
carded
run rel-profile show 100201 --as A901 --history --checkins 4 --format md
status_is 0
out_is <<'X'
# Thandi Müller-Okafor (given name Thandiwe)

Student 100201, grade 9, she/her, home language isiZulu

## Strengths

- patient with younger students (family, 2026-10-02)

## Interests

- drawing manga (student, 2026-09-20)
- chess (student, 2026-09-01) (retired 2026-11-01)

## Motivations

(none recorded yet)

## Identity and culture

(none recorded yet)

## Languages

- isiZulu at home, English at school (family, 2026-10-02)

## How they learn best

(none recorded yet)

## Worries

- timed math tests (student, 2026-10-10)

## Supports that help

- a quiet room for tests, with extra time (assessment, 2026-10-12)

## Adults who know them

- Ingrid Solberg, advisor (A903): trusted adult; **primary adult**
- Priya Raghunathan, teacher (A905): knows something personal

## Goals and supports

(none recorded yet)

## Family contacts

(none recorded yet)

## Restorative cases

(none recorded yet)

## Last check-ins

- 2026-11-19 exit ticket with Priya Raghunathan: understanding 2
- 2026-11-18 check-in with Ingrid Solberg: mood 4, understanding 3, workload 2; tired after the game but smiling
- 2026-11-17 greeting with Kwame Asante
- 2026-11-10 conference: mood 5; family conference: proud of her art
X

case_ "show: a student with nothing yet; --checkins 0 hides check-ins"
carded
run rel-profile show 100206 --as A901 --checkins 0
status_is 0
out_is <<'X'
Minh Anh Nguyễn
Student 100206, grade 10, home language Vietnamese

Strengths
  (none recorded yet)

Interests
  (none recorded yet)

Motivations
  (none recorded yet)

Identity and culture
  (none recorded yet)

Languages
  (none recorded yet)

How they learn best
  (none recorded yet)

Worries
  (none recorded yet)

Supports that help
  (none recorded yet)

Adults who know them
  (none recorded yet)

Goals and supports
  (none recorded yet)

Family contacts
  (none recorded yet)

Restorative cases
  (none recorded yet)
X

case_ "show: Markdown escapes; a deactivated student's card still shows"
carded
rel-profile add 100204 interest "C++ and *bold* ideas" --at 2026-10-01 --as A901 2>/dev/null
run rel-profile show 100204 --as A901 --format md --checkins 0
out_has '# Seun Adeyemi (given name Oluwaseun)'
out_has '- C++ and \*bold\* ideas (adult, 2026-10-01)'
out_has '- fixes bikes, anyone'"'"'s (adult, 2026-10-05)'
run rel-profile show 100212 --as A901 --checkins 0
status_is 0
out_has 'Student 100212, grade 12, he/him, home language Danish (deactivated)'

case_ "show: an unknown student, bad options"
carded
run rel-profile show 100299 --as A901
status_is 65
out_is </dev/null
err_is <<'X'
rel-profile: student_id: "100299" is not a known student
X
run rel-profile show 100201 --format html
status_is 64
err_has 'rel-profile: --format: "html" is not text or md'
run rel-profile show 100201 --checkins -1
status_is 64
err_has 'rel-profile: --checkins: "-1" is not a number from 0 to 1000'
run rel-profile show
status_is 64
err_has 'rel-profile: show: give one STUDENT_ID'
run rel-profile show 100201 100202
status_is 64

case_ "a closed pipe ends quietly; a full disk fails with 74"
carded
run_sh 'rel-profile show 100201 --as A901 | head -n 1'
status_is 0
err_empty
run_sh 'rel-profile show 100201 --as A901 >/dev/full'
status_is 74
err_is <<'X'
rel-profile: standard output: write error: No space left on device
X
run_sh 'rel-profile list --as A901 >/dev/full'
status_is 74

case_ "every verb: --help, --version, --db, an unknown verb or option"
profiled
for v in add import list show retire; do
	run rel-profile "$v" --help
	status_is 0
	out_has "usage: rel-profile $v [--db PATH] [--as ADULT_ID]"
	[ "$v" = retire ] || out_lacks 'rel-profile retire'
done
run rel-profile --version
status_is 0
out_is <<'X'
rel-profile (rel) 0.1.0
X
run rel-profile show --version
out_is <<'X'
rel-profile (rel) 0.1.0
X
mv "$REL_DB" other.db
run rel-profile list --as A901 --db other.db --student 100204
status_is 0
out_lines 2
run rel-profile show 100204 --as A901 --db other.db --checkins 0
status_is 0
run rel-profile retire 100204 strength "fixes bikes, anyone's" --db other.db --as A901
status_is 0
run rel-profile list --db other.db --as A901 --student 100204
out_lines 1
run rel-profile delete 100201
status_is 64
err_has 'rel-profile: unknown verb "delete"'
run rel-profile list --strength 2
status_is 64
run rel-profile
status_is 64

case_ "no database: 66"
run rel-profile list
status_is 66
err_is <<EOF2
rel-profile: $T/db/rel.db: no database here (create one with: rel-init create)
EOF2
run rel-profile add 100201 strength kind --as A901
status_is 66
run rel-profile show 100201
status_is 66
