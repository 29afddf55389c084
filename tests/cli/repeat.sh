#!/bin/sh
# A key that comes twice in one import: the later record is a bad one,
# naming the earlier line (and its file, when another), for every
# importer; the import exits 65 and changes nothing, or with --rejects
# keeps the first and rejects the later verbatim. A record already in
# the database from an earlier import is not a repeat.
# shellcheck disable=SC1090,SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"
trap 'script_end $?' EXIT

USER=nobody-here
export USER

# bad_import WANT_STDERR CMD...: CMD exits 65 with exactly these
# messages (the here-document), and the database is as it was.
bad_import() {
	db_save
	run "$@"
	status_is 65
	err_is
	db_unchanged
}

case_ "roster: a student twice in one file, on an empty database"
rel-init create >/dev/null 2>&1
cat >students.csv <<'X'
student_id,given_name,family_name
S1,Ana,Ames
S2,Bo,Bell
S1,Ann,Ames
X
bad_import rel-roster import students.csv <<'X'
rel-roster: students.csv:4: student_id: "S1" repeats line 2; each student appears once in an import
rel-roster: 1 bad record; nothing was imported
X
check_eq "$(sql 'select count(*) from student')" 0 "students"

case_ "roster: --rejects keeps the first and rejects the later, verbatim"
rel-init create >/dev/null 2>&1
cat >students.csv <<'X'
student_id,given_name,family_name
S1,Ana,Ames
S2,Bo,Bell
S1,"Ann, again",Ames
X
run rel-roster import --rejects rejects.csv students.csv
status_is 65
err_is <<'X'
rel-roster: students.csv:4: student_id: "S1" repeats line 2; each student appears once in an import
rel-roster: 3 students: 2 added, 0 updated, 0 unchanged, 1 bad
rel-roster: 1 record rejected to rejects.csv; the rest were imported
X
check_eq "$(sql 'select given_name from student where student_id = '"'S1'"'')" Ana \
    "the first kept"
check_eq "$(cat rejects.csv)" 'student_id,given_name,family_name,reason
S1,"Ann, again",Ames,"line 4: student_id: ""S1"" repeats line 2; each student appears once in an import"' \
    "the rejects file"

case_ "roster: --dry-run reports a repeat and writes nothing"
rel-init create >/dev/null 2>&1
printf 'student_id,given_name,family_name\nS1,Ana,Ames\nS1,Ann,Ames\n' >s.csv
bad_import rel-roster import --dry-run s.csv <<'X'
rel-roster: s.csv:3: student_id: "S1" repeats line 2; each student appears once in an import
rel-roster: dry run, nothing written: 2 students: 1 added, 0 updated, 0 unchanged, 1 bad
rel-roster: 1 bad record; nothing was imported
X

case_ "roster: a repeat in another file of the import names that file"
rel-init create >/dev/null 2>&1
printf 'student_id,given_name,family_name\nS1,Ana,Ames\n' >a.csv
printf 'student_id,given_name,family_name\nS2,Bo,Bell\nS1,Ann,Ames\n' >b.csv
bad_import rel-roster import a.csv b.csv <<'X'
rel-roster: b.csv:3: student_id: "S1" repeats line 2 of a.csv; each student appears once in an import
rel-roster: 1 bad record; nothing was imported
X

case_ "roster: a rejected row makes no later row a repeat"
rel-init create >/dev/null 2>&1
printf 'student_id,given_name,family_name\nS1,,Ames\nS1,Ann,Ames\n' >s.csv
run rel-roster import --rejects r.csv s.csv
status_is 65
err_is <<'X'
rel-roster: s.csv:2: given_name: is empty; a name is required
rel-roster: 2 students: 1 added, 0 updated, 0 unchanged, 1 bad
rel-roster: 1 record rejected to r.csv; the rest were imported
X
check_eq "$(sql 'select given_name from student')" Ann "the later row kept"

case_ "roster: the same file again is unchanged, not a repeat"
loaded
db_save
run rel-roster import students.csv
status_is 0
err_is <<'X'
rel-roster: 12 students: 0 added, 0 updated, 12 unchanged
X
db_unchanged

case_ "roster: adults, groups and memberships repeat too"
loaded
printf 'adult_id,given_name,family_name\nA950,Ola,Oyelaran\nA950,Ola,Oye\n' >a.csv
printf 'group_id,name\nG1,Chess club\nG1,Chess\n' >g.csv
printf 'group_id,student_id,adult_id\nADV-204,100203,\nBIO9-P2,,A901\nADV-204,100203,\n' >m.csv
bad_import rel-roster import a.csv g.csv m.csv <<'X'
rel-roster: a.csv:3: adult_id: "A950" repeats line 2; each adult appears once in an import
rel-roster: g.csv:3: group_id: "G1" repeats line 2; each group appears once in an import
rel-roster: m.csv:4: student_id: "100203" repeats line 2; each membership (group_id with student_id or adult_id) appears once in an import
rel-roster: 3 bad records; nothing was imported
X

case_ "roster: an email in any case, and a login; an empty one is no key"
rel-init create >/dev/null 2>&1
cat >s.csv <<'X'
student_id,given_name,family_name,email,login
S1,Ana,Ames,ana@school.example,ana
S2,Bo,Bell,,
S3,Cy,Cole,ANA@School.Example,
S4,Di,Dunn,,ana
S5,Ed,Eng,,
X
printf 'adult_id,given_name,family_name,login\nA1,Al,Ash,al\nA2,Bea,Ash,al\n' >a.csv
bad_import rel-roster import s.csv a.csv <<'X'
rel-roster: s.csv:4: email: "ANA@School.Example" repeats line 2; each student's email appears once in an import
rel-roster: s.csv:5: login: "ana" repeats line 2; each student's login appears once in an import
rel-roster: a.csv:3: login: "al" repeats line 2; each adult's login appears once in an import
rel-roster: 3 bad records; nothing was imported
X

case_ "oneroster: a sourcedId twice in users.csv"
rel-init create >/dev/null 2>&1
cp -R "$DATA/oneroster/bulk" bulk
first=$(sed -n 2p bulk/users.csv)
printf '%s\n' "$first" >>bulk/users.csv
n=$(wc -l <bulk/users.csv | tr -d ' ')
bad_import rel-roster import --oneroster bulk <<X
rel-roster: users.csv:$n: sourcedId: "u-t1" repeats line 2; each user appears once in an import
rel-roster: 1 bad record; nothing was imported
X

case_ "connections: a student and adult twice in one session"
loaded
printf 'student_id,adult_id,strength\n100201,A902,2\n100202,A902,1\n100201,A902,3\n' >map.csv
bad_import rel-map import --as A901 map.csv <<'X'
rel-map: map.csv:4: adult_id: "A902" repeats line 2; each connection (student_id and adult_id) appears once in an import
rel-map: 1 bad record; nothing was imported
X

case_ "check-ins: the same minute written two ways, and a kind in capitals"
loaded
cat >c.csv <<'X'
student_id,at,adult_id,kind,mood
100201,2026-03-02T10:00,A902,checkin,3
100202,2026-03-02T10:00,A902,checkin,3
100201,2026-03-02 10:00:59,A902,CHECKIN,4
100201,2026-03-02T10:01,A902,checkin,4
X
bad_import rel-checkin import c.csv <<'X'
rel-checkin: c.csv:4: at: "2026-03-02T10:00" repeats line 2; each check-in (student, minute, kind and adult) appears once in an import
rel-checkin: 1 bad record; nothing was imported
X
run rel-checkin import --rejects r.csv c.csv
status_is 65
err_is <<'X'
rel-checkin: c.csv:4: at: "2026-03-02T10:00" repeats line 2; each check-in (student, minute, kind and adult) appears once in an import
rel-checkin: 4 check-ins: 3 added, 0 updated, 0 unchanged, 1 bad
rel-checkin: 1 record rejected to r.csv; the rest were imported
X
check_eq "$(cat r.csv)" 'student_id,at,adult_id,kind,mood,reason
100201,2026-03-02 10:00:59,A902,CHECKIN,4,"line 4: at: ""2026-03-02T10:00"" repeats line 2; each check-in (student, minute, kind and adult) appears once in an import"' \
    "the rejects file"
check_eq "$(sql 'select mood from checkin where student = 1')" "3
4" "the first kept"
# Imported again, they are held already: duplicates, as before.
db_save
run rel-checkin import --rejects r2.csv c.csv
status_is 65
err_is <<'X'
rel-checkin: c.csv:4: at: "2026-03-02T10:00" repeats line 2; each check-in (student, minute, kind and adult) appears once in an import
rel-checkin: 4 check-ins: 0 added, 0 updated, 0 unchanged, 3 duplicates ignored, 1 bad
rel-checkin: 1 record rejected to r2.csv; the rest were imported
X
db_unchanged

case_ "check-ins: a repeat in another input (stdin), and with no adult"
loaded
printf 'student_id,at,adult_id\n100201,2026-03-02T10:00,A902\n' >a.csv
printf 'student_id,at,adult_id\n100202,2026-03-02T10:00,A902\n100201,2026-03-02T10:00:30,A902\n' >b.csv
STDIN=b.csv
bad_import rel-checkin import a.csv - <<'X'
rel-checkin: stdin:3: at: "2026-03-02T10:00" repeats line 2 of a.csv; each check-in (student, minute, kind and adult) appears once in an import
rel-checkin: 1 bad record; nothing was imported
X
STDIN=/dev/null
# A student with no adult or --as: the actor is none, the key still one.
printf 'student_id,at\n100203,2026-03-03T08:00\n100203,2026-03-03T08:00\n' >c.csv
bad_import rel-checkin import c.csv <<'X'
rel-checkin: c.csv:3: at: "2026-03-03T08:00" repeats line 2; each check-in (student, minute, kind and adult) appears once in an import
rel-checkin: 1 bad record; nothing was imported
X

case_ "profile items, notes and family contacts repeat"
loaded
printf 'student_id,kind,value\n100201,strength,drawing\n100201,Strength,drawing\n' >p.csv
bad_import rel-profile import --as A901 p.csv <<'X'
rel-profile: p.csv:3: value: "drawing" repeats line 2; each profile item (student_id, kind and value) appears once in an import
rel-profile: 1 bad record; nothing was imported
X
printf 'student_id,at,kind,text\n100201,2026-03-02T10:00,affirmation,Kind to a new classmate\n100201,2026-03-02T10:00:00,Affirmation,Kind to a new classmate\n' >n.csv
bad_import rel-note import --as A901 n.csv <<'X'
rel-note: n.csv:3: text: "Kind to a new classmate" repeats line 2; each note (student_id, at, adult_id, kind and text) appears once in an import
rel-note: 1 bad record; nothing was imported
X
printf 'student_id,at,channel,direction,summary\n100201,2026-03-02T10:00,call,to_home,First\n100201,2026-03-02 10:00:40,CALL,to_home,Second\n' >f.csv
bad_import rel-family import --as A901 f.csv <<'X'
rel-family: f.csv:3: at: "2026-03-02 10:00:40" repeats line 2; each family contact (student_id, minute, channel, direction and adult_id) appears once in an import
rel-family: 1 bad record; nothing was imported
X

case_ "goals, progress checks, cases and parties repeat"
loaded
printf 'goal_id,student_id,text,start\nG1,100201,Read 20 minutes a day,2026-03-01\nG1,100201,Read 20 minutes a day,2026-03-01\n' >g.csv
bad_import rel-goal import --as A901 g.csv <<'X'
rel-goal: g.csv:3: goal_id: "G1" repeats line 2; each goal appears once in an import
rel-goal: 1 bad record; nothing was imported
X
printf 'student_id,text,start\n100201,Read 20 minutes a day,2026-03-01\n100201,Read 20 minutes a day,2026-03-01\n' >g2.csv
bad_import rel-goal import --as A901 g2.csv <<'X'
rel-goal: g2.csv:3: text: "Read 20 minutes a day" repeats line 2; each goal without a goal_id (student_id, kind, text and start) appears once in an import
rel-goal: 1 bad record; nothing was imported
X
printf 'goal_id,student_id,text,start\nG1,100201,Read 20 minutes a day,2026-03-01\n' >g1.csv
rel-goal import --as A901 g1.csv 2>/dev/null || fail_ "goal import failed"
printf 'goal_id,at,rating\nG1,2026-03-08T09:00,3\nG1,2026-03-08T09:00:00,3\n' >pr.csv
bad_import rel-goal import --progress --as A901 pr.csv <<'X'
rel-goal: pr.csv:3: at: "2026-03-08T09:00:00" repeats line 2; each progress check (goal_id, at, adult_id, rating and note) appears once in an import
rel-goal: 1 bad record; nothing was imported
X
printf 'case_id,opened_at,kind\nR1,2026-03-02T10:00,circle\nR1,2026-03-02T10:00,circle\n' >rc.csv
bad_import rel-restore import --as A901 rc.csv <<'X'
rel-restore: rc.csv:3: case_id: "R1" repeats line 2; each restorative case appears once in an import
rel-restore: 1 bad record; nothing was imported
X
printf 'case_id,opened_at,kind\nR1,2026-03-02T10:00,circle\n' >r1.csv
rel-restore import --as A901 r1.csv 2>/dev/null || fail_ "case import failed"
printf 'case_id,student_id,adult_id,role\nR1,100201,,affected\nR1,100201,,Affected\n' >pa.csv
bad_import rel-restore import --parties --as A901 pa.csv <<'X'
rel-restore: pa.csv:3: student_id: "100201" repeats line 2; each party (case_id with student_id or adult_id) appears once in an import
rel-restore: 1 bad record; nothing was imported
X

case_ "indicators repeat, long and wide"
loaded
printf 'student_id,date,name,value\n100201,2026-03-02,attendance,1\n100201,2026-03-02,attendance,0\n' >i.csv
bad_import rel-indicator import i.csv <<'X'
rel-indicator: i.csv:3: name: "attendance" repeats line 2; each indicator (student_id, date and name) appears once in an import
rel-indicator: 1 bad record; nothing was imported
X
printf 'student_id,date,attendance,belonging\n100201,2026-03-02,1,4\n100201,2026-03-02,,3\n' >w.csv
bad_import rel-indicator import --wide w.csv <<'X'
rel-indicator: w.csv:3: name: "belonging" repeats line 2; each indicator (student_id, date and name) appears once in an import
rel-indicator: 1 bad record; nothing was imported
X
