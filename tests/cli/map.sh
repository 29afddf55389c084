#!/bin/sh
# rel-map: mark, import, assign, unassign, gaps, suggest, caseload, list,
# history; every bad input with its message, status and an unchanged
# database; the pipes from rel-roster through gaps to suggest.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# A small school: S4 and S5 are in no group, A4 leads none. Lists and
# caseloads run as A1, the counselor, who sees every note and check-in (as
# A001 on a sample school); these cases are not about who may see what.
school() {
	cat >adults.csv <<'X'
adult_id,given_name,family_name,email,role,login,active
A1,Amara,Osei,a1@school.example,counselor,aosei,1
A2,Jonas,Lindqvist,a2@school.example,teacher,jlindqvist,1
A3,Rosa,Díaz,a3@school.example,coach,rdiaz,1
A4,Ben,Ito,a4@school.example,teacher,bito,1
X
	cat >students.csv <<'X'
student_id,given_name,family_name,preferred_name,pronouns,grade,home_language,active
S1,Thandiwe,Müller-Okafor,Thandi,she/her,9,isiZulu,1
S2,Liam,O'Connor,,he/him,9,English,1
S3,Mei,"King, Jr.",,,10,Mandarin,1
S4,Kaito,Watanabe,,he/him,10,Japanese,1
S5,Zeynep,Yıldız,,she/her,9,Turkish,1
X
	cat >groups.csv <<'X'
group_id,name,kind,lead_adult_id,active
ADV-1,Advisory 1,advisory,A1,1
C-1,Biology — period 2,class,A2,1
T-1,Football,team,A3,1
X
	cat >members.csv <<'X'
group_id,student_id,adult_id,active
ADV-1,S1,,1
ADV-1,S2,,1
ADV-1,,A2,1
C-1,S2,,1
C-1,S3,,1
T-1,S1,,1
T-1,S3,,1
X
}

loaded() {
	school
	roster_db
}

# The map that most cases start from:
#   S1: A1 at 3 (primary), A2 at 1     S2: A2 at 2
#   S3: A3 at 1                        S4: nobody
#   S5: A4 at 1 (primary, through assign)
mapped() {
	loaded
	cat >session.csv <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,3,1,2026-09-15,
S1,A2,1,0,2026-09-15,
S2,A2,2,0,2026-09-15,plays bass
S3,A3,1,0,2026-09-15,
X
	rel-map import session.csv 2>/dev/null || fail_ "session import failed"
	rel-map assign --adult A4 --at 2026-10-01 S5 </dev/null 2>/dev/null ||
		fail_ "assign failed"
}

case_ "mark adds connections, raises them, and never lowers them"
loaded
run rel-map mark --adult A1 --strength 2 S1 S2
status_is 0
out_is </dev/null
err_is <<'X'
rel-map: 2 connections: 2 added, 0 raised, 0 unchanged
X
run rel-map mark --adult A1 --strength 3 S1 S2 S3
status_is 0
err_is <<'X'
rel-map: 3 connections: 1 added, 2 raised, 0 unchanged
X
run rel-map mark --adult A1 --strength 1 S1 S3
status_is 0
err_is <<'X'
rel-map: 2 connections: 0 added, 0 raised, 2 unchanged
X
run rel-map list --as A1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,3,0,2026-11-20T10:00:00,
S2,A1,3,0,2026-11-20T10:00:00,
S3,A1,3,0,2026-11-20T10:00:00,
X

case_ "mark --at takes a date, a date-time or a span; the default is now"
loaded
run rel-map mark --adult A1 --strength 1 --at 2026-09-15 S1
status_is 0
run rel-map mark --adult A1 --strength 1 --at '2026-09-16 14:30' S2
status_is 0
run rel-map mark --adult A1 --strength 1 --at 14d S3
status_is 0
run rel-map mark --adult A1 --strength 1 S4
status_is 0
run rel-map list --as A1 --adult A1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,1,0,2026-09-15T00:00:00,
S2,A1,1,0,2026-09-16T14:30:00,
S3,A1,1,0,2026-11-06T00:00:00,
S4,A1,1,0,2026-11-20T10:00:00,
X

case_ "mark --note is kept with the connection, quoted when it must be"
loaded
run rel-map mark --adult A2 --strength 2 --note "knows her brother, a graduate" S1
status_is 0
run rel-map mark --adult A2 --strength 3 S1
status_is 0
run rel-map list --as A1 --student S1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A2,3,0,2026-11-20T10:00:00,"knows her brother, a graduate"
X

case_ "mark reads a student set from stdin"
loaded
run_sh 'rel-roster list --grade 9 | rel-map mark --adult A2 --strength 1'
status_is 0
err_is <<'X'
rel-map: 3 connections: 3 added, 0 raised, 0 unchanged
X
run rel-map list --as A1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A2,1,0,2026-11-20T10:00:00,
S2,A2,1,0,2026-11-20T10:00:00,
S5,A2,1,0,2026-11-20T10:00:00,
X

case_ "every mark is kept for history, not only the highest"
loaded
rel-map mark --adult A1 --strength 1 --at 2026-09-15 S1 2>/dev/null
rel-map mark --adult A1 --strength 2 --at 2026-10-15 S1 2>/dev/null
check_eq "$(sql 'select count(*) from connection_event')" 2 "marks kept"
run rel-map history 2026-09-15 2026-10-15 --min-strength 1
out_is <<'X'
date,students,connected,connected_pct,primary,primary_pct
2026-09-15,5,1,20.0,0,0.0
2026-10-15,5,1,20.0,0,0.0
X
run rel-map history 2026-09-15 2026-10-15
out_is <<'X'
date,students,connected,connected_pct,primary,primary_pct
2026-09-15,5,0,0.0,0,0.0
2026-10-15,5,1,20.0,0,0.0
X

case_ "mark: unknown and deactivated students; every one reported, nothing changed"
mapped
rel-roster deactivate student S5 2>/dev/null
db_save
run rel-map mark --adult A1 --strength 2 S1 S999 S5 S998
status_is 65
out_is </dev/null
err_is <<'X'
rel-map: student_id: "S999" is not a known student
rel-map: student_id: "S5" is deactivated (rel-roster set student S5 --active 1 brings them back)
rel-map: student_id: "S998" is not a known student
rel-map: 3 bad students; nothing was changed
X
db_unchanged

case_ "mark: one bad student is enough to change nothing"
mapped
db_save
run rel-map mark --adult A2 --strength 3 S1 S2 S999
status_is 65
err_is <<'X'
rel-map: student_id: "S999" is not a known student
rel-map: 1 bad student; nothing was changed
X
db_unchanged

case_ "mark: an unknown adult"
mapped
db_save
run rel-map mark --adult A99 --strength 2 S1
status_is 65
err_is <<'X'
rel-map: --adult: "A99" is not a known adult
X
db_unchanged

case_ "mark: a deactivated adult"
mapped
rel-roster deactivate adult A4 2>/dev/null
db_save
run rel-map mark --adult A4 --strength 2 S1
status_is 65
err_is <<'X'
rel-map: --adult: "A4" is deactivated (rel-roster set adult A4 --active 1 brings them back)
X
db_unchanged

case_ "mark: a deactivated student in the set on stdin"
mapped
rel-roster deactivate student S5 2>/dev/null
db_save
printf 'student_id\nS4\nS5\n' >set.csv
STDIN=set.csv
run rel-map mark --adult A1 --strength 1
status_is 65
err_is <<'X'
rel-map: student_id: "S5" is deactivated (rel-roster set student S5 --active 1 brings them back)
rel-map: 1 bad student; nothing was changed
X
db_unchanged

case_ "mark: an unknown student in the set on stdin"
mapped
db_save
printf 'student_id\nS4\nS77\n' >set.csv
STDIN=set.csv
run rel-map mark --adult A1 --strength 1
status_is 65
err_has 'rel-map: stdin:3: student_id: "S77" is not a known student'
db_unchanged

case_ "mark: a strength other than 1, 2 or 3 is a usage error"
mapped
db_save
for s in 4 0 two 22; do
	run rel-map mark --adult A1 --strength "$s" S4
	status_is 64
	err_has "rel-map: --strength: \"$s\" is not 1, 2 or 3"
	err_has 'usage: rel-map mark'
done
db_unchanged

case_ "mark: --strength and --adult are required"
mapped
db_save
run rel-map mark --adult A1 S4
status_is 64
run rel-map mark --strength 2 S4
status_is 64
err_has 'rel-map: --adult is required'
db_unchanged

case_ "mark: a --note with control characters other than TAB and line breaks"
mapped
db_save
run rel-map mark --adult A1 --strength 2 --note "$(printf 'bell\007')" S4
status_is 64
err_has 'rel-map: --note: '
db_unchanged

case_ "mark: a bad --at is a usage error"
mapped
db_save
run rel-map mark --adult A1 --strength 2 --at 2026-02-30 S4
status_is 64
err_has 'rel-map: --at: "2026-02-30" is not a date (YYYY-MM-DD), a date-time (YYYY-MM-DDTHH:MM) or a span (14d, 6w, today)'
db_unchanged

case_ "mark, assign, unassign: no students named and no set on stdin"
mapped
db_save
run rel-map mark --adult A1 --strength 2
status_is 64
err_has 'rel-map: mark: name the students, or pipe a student set in'
run rel-map assign --adult A1
status_is 64
err_has 'rel-map: assign: name the students, or pipe a student set in'
run rel-map unassign
status_is 64
err_has 'rel-map: unassign: name the students, or pipe a student set in'
db_unchanged

case_ "import a mapping session; primary 1 also assigns"
loaded
cat >session.csv <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,3,1,2026-09-15,talks about her grandmother's garden
S1,A2,1,0,2026-09-15,
S2,A2,2,,2026-09-15 13:05,"plays bass, jazz band"
S3,A3,1,0,,
X
run rel-map import session.csv
status_is 0
out_is </dev/null
err_is <<'X'
rel-map: 4 connections: 4 added, 0 raised, 0 unchanged
X
run rel-map list --as A1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,3,1,2026-09-15T00:00:00,talks about her grandmother's garden
S1,A2,1,0,2026-09-15T00:00:00,
S2,A2,2,0,2026-09-15T13:05:00,"plays bass, jazz band"
S3,A3,1,0,2026-11-20T10:00:00,
X

case_ "import again: unchanged; higher raises; lower changes nothing"
mapped
run rel-map import session.csv
status_is 0
err_is <<'X'
rel-map: 4 connections: 0 added, 0 raised, 4 unchanged
X
printf 'student_id,adult_id,strength\nS1,A2,2\nS2,A2,1\nS4,A1,2\n' >more.csv
run rel-map import more.csv
status_is 0
err_is <<'X'
rel-map: 3 connections: 1 added, 1 raised, 1 unchanged
X
run rel-map list --as A1 --adult A2
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A2,2,0,2026-11-20T10:00:00,
S2,A2,2,0,2026-09-15T00:00:00,plays bass
X

case_ "import reads stdin, and several files as one transaction"
loaded
printf 'student_id,adult_id,strength\nS1,A1,2\n' >a.csv
printf 'adult_id,student_id,strength\nA2,S2,3\n' >b.csv
STDIN=b.csv
run rel-map import a.csv -
status_is 0
err_is <<'X'
rel-map: 2 connections: 2 added, 0 raised, 0 unchanged
X
STDIN=a.csv
run rel-map import
status_is 0
err_is <<'X'
rel-map: 1 connection: 0 added, 0 raised, 1 unchanged
X

case_ "import: bad records are all reported with file:line; nothing imported"
mapped
rel-roster deactivate student S5 2>/dev/null
rel-roster deactivate adult A4 2>/dev/null
db_save
cat >map.csv <<'X'
student_id,adult_id,strength,primary,at,note
S4,A1,2,0,2026-09-15,
S999,A1,2,0,2026-09-15,
S4,A99,2,0,2026-09-15,
S4,A2,4,0,2026-09-15,
S5,A1,2,0,2026-09-15,
S4,A4,2,0,2026-09-15,
S4,A3,2,maybe,2026-09-15,
S4,A3,2,0,2026-13-01,
X
run rel-map import map.csv
status_is 65
out_is </dev/null
err_is <<'X'
rel-map: map.csv:3: student_id: "S999" is not a known student
rel-map: map.csv:4: adult_id: "A99" is not a known adult
rel-map: map.csv:5: strength: "4" is not 1, 2 or 3
rel-map: map.csv:6: student_id: "S5" is deactivated (rel-roster set student S5 --active 1 brings them back)
rel-map: map.csv:7: adult_id: "A4" is deactivated (rel-roster set adult A4 --active 1 brings them back)
rel-map: map.csv:8: primary: "maybe" is not 1 or 0 (true/false, yes/no)
rel-map: map.csv:9: at: "2026-13-01" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SS)
rel-map: 7 bad records; nothing was imported
X
db_unchanged

case_ "import: a missing required column, an unknown one, --ignore-unknown"
mapped
db_save
printf 'student_id,adult_id\nS4,A1\n' >f.csv
run rel-map import f.csv
status_is 65
err_is <<'X'
rel-map: f.csv:1: "strength" is a required column and is missing from the header
X
db_unchanged
printf 'student_id,adult_id,strength,room\nS4,A1,2,304\n' >g.csv
run rel-map import g.csv
status_is 65
err_has 'rel-map: g.csv:1: "room" is not a known column (expected student_id, adult_id, strength, primary, at, note; --ignore-unknown skips it, --map renames it)'
db_unchanged
run rel-map import --ignore-unknown g.csv
status_is 0
err_is <<'X'
rel-map: 1 connection: 1 added, 0 raised, 0 unchanged
X

case_ "import --map renames a spreadsheet's headings"
mapped
printf 'Student,Staff,Level\nS4,A1,2\n' >sheet.csv
run rel-map import --map student_id=Student,adult_id=Staff,strength=Level sheet.csv
status_is 0
err_is <<'X'
rel-map: 1 connection: 1 added, 0 raised, 0 unchanged
X
check_eq "$(sql "select count(*) from connection")" 6 "connections"

case_ "import --rejects keeps the good records and each bad one with a reason"
mapped
cat >mixed.csv <<'X'
student_id,adult_id,strength
S4,A1,2
S999,A1,2
S4,A2,4
X
run rel-map import --rejects rj.csv mixed.csv
status_is 65
err_is <<'X'
rel-map: mixed.csv:3: student_id: "S999" is not a known student
rel-map: mixed.csv:4: strength: "4" is not 1, 2 or 3
rel-map: 3 connections: 1 added, 0 raised, 0 unchanged, 2 bad
rel-map: 2 records rejected to rj.csv; the rest were imported
X
cat rj.csv >"$T/out"
out_is <<'X'
student_id,adult_id,strength,reason
S999,A1,2,"line 3: student_id: ""S999"" is not a known student"
S4,A2,4,"line 4: strength: ""4"" is not 1, 2 or 3"
X
check_eq "$(sql "select count(*) from connection")" 6 "the good one kept"

case_ "import --dry-run checks and writes nothing"
mapped
db_save
printf 'student_id,adult_id,strength\nS4,A1,2\nS1,A2,3\n' >f.csv
run rel-map import --dry-run f.csv
status_is 0
err_is <<'X'
rel-map: dry run, nothing written: 2 connections: 1 added, 1 raised, 0 unchanged
X
db_unchanged

case_ "list imports back unchanged, into this database and a fresh one"
mapped
rel-map mark --adult A3 --strength 2 --note "=1+1, they said" S4 2>/dev/null
run rel-map list --as A1
status_is 0
cp "$T/out" map.csv
run rel-map import map.csv
status_is 0
err_is <<'X'
rel-map: 6 connections: 0 added, 0 raised, 6 unchanged
X
REL_DB="$T/fresh.db"
rel-init create 2>/dev/null
rel-roster import adults.csv students.csv groups.csv members.csv 2>/dev/null
run rel-map import map.csv
status_is 0
err_is <<'X'
rel-map: 6 connections: 6 added, 0 raised, 0 unchanged
X
run rel-map list --as A1
out_file_is map.csv

case_ "assign: assigned, reassigned and unchanged; the old one is kept with its end"
mapped
run rel-map assign --adult A2 --at 2026-10-20 S1 S2 S5
status_is 0
out_is </dev/null
err_is <<'X'
rel-map: 3 students: 1 assigned, 2 reassigned, 0 unchanged
X
run rel-map assign --adult A2 S1
err_is <<'X'
rel-map: 1 student: 0 assigned, 0 reassigned, 1 unchanged
X
check_eq "$(sql "select group_concat(x, ' ') from (select a.adult_id || ':' ||
    p.start_at || ':' || coalesce(p.end_at, '') as x from primary_adult p
    join adult a on a.id = p.adult join student s on s.id = p.student
    where s.student_id = 'S1' order by p.id)")" \
    "A1:2026-09-15T00:00:00:2026-10-20T00:00:00 A2:2026-10-20T00:00:00:" \
    "S1's primary adults"
run rel-map list --as A1 --student S1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,3,0,2026-09-15T00:00:00,
S1,A2,1,1,2026-09-15T00:00:00,
X

case_ "assign records a strength 1 connection when there is none"
mapped
run rel-map assign --adult A3 --at 2026-11-02 S4
status_is 0
err_is <<'X'
rel-map: 1 student: 1 assigned, 0 reassigned, 0 unchanged
X
run rel-map list --as A1 --student S4
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S4,A3,1,1,2026-11-02T00:00:00,
X

case_ "assign reads a student set: gaps --no-primary into assign"
mapped
run_sh 'rel-map gaps --no-primary | rel-map assign --adult A2'
status_is 0
err_is <<'X'
rel-map: 3 students: 3 assigned, 0 reassigned, 0 unchanged
X
run rel-map gaps --no-primary
out_lines 1

case_ "assign: bad students, an unknown or deactivated adult; nothing changed"
mapped
db_save
run rel-map assign --adult A2 S1 S999
status_is 65
err_is <<'X'
rel-map: student_id: "S999" is not a known student
rel-map: 1 bad student; nothing was changed
X
run rel-map assign --adult A99 S1
status_is 65
err_is <<'X'
rel-map: --adult: "A99" is not a known adult
X
rel-roster deactivate adult A3 2>/dev/null
db_save
run rel-map assign --adult A3 S4
status_is 65
err_is <<'X'
rel-map: --adult: "A3" is deactivated (rel-roster set adult A3 --active 1 brings them back)
X
run rel-map assign S4
status_is 64
err_has 'rel-map: --adult is required'
db_unchanged

case_ "unassign ends the primary adult and keeps the connection"
mapped
run rel-map unassign --at 2026-11-01 S1 S2
status_is 0
err_is <<'X'
rel-map: 2 students: 1 unassigned, 1 unchanged
X
run rel-map list --as A1 --student S1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,3,0,2026-09-15T00:00:00,
S1,A2,1,0,2026-09-15T00:00:00,
X
check_eq "$(sql "select end_at from primary_adult where end_at is not null")" \
    2026-11-01T00:00:00 "end date"

case_ "unassign: bad students change nothing"
mapped
rel-roster deactivate student S5 2>/dev/null
db_save
run rel-map unassign S1 S999 S5
status_is 65
err_is <<'X'
rel-map: student_id: "S999" is not a known student
rel-map: student_id: "S5" is deactivated (rel-roster set student S5 --active 1 brings them back)
rel-map: 2 bad students; nothing was changed
X
db_unchanged

case_ "gaps: fewer than one adult at strength 2, or no primary adult"
mapped
run rel-map gaps
status_is 0
err_is </dev/null
out_is <<'X'
student_id,given_name,family_name,grade,connections,best_strength,primary_adult_id,reason
S2,Liam,O'Connor,9,1,2,,no primary adult
S3,Mei,"King, Jr.",10,1,1,,no adult at strength 2 or more; no primary adult
S4,Kaito,Watanabe,10,0,0,,no adult at strength 2 or more; no primary adult
S5,Zeynep,Yıldız,9,1,1,A4,no adult at strength 2 or more
X

case_ "gaps: --min-strength, --min-adults, --no-primary, --ignore-primary"
mapped
run rel-map gaps --min-strength 1 --ignore-primary
out_is <<'X'
student_id,given_name,family_name,grade,connections,best_strength,primary_adult_id,reason
S4,Kaito,Watanabe,10,0,0,,no adult at strength 1 or more
X
run rel-map gaps --min-strength 3 --ignore-primary
out_is <<'X'
student_id,given_name,family_name,grade,connections,best_strength,primary_adult_id,reason
S2,Liam,O'Connor,9,1,2,,no adult at strength 3
S3,Mei,"King, Jr.",10,1,1,,no adult at strength 3
S4,Kaito,Watanabe,10,0,0,,no adult at strength 3
S5,Zeynep,Yıldız,9,1,1,A4,no adult at strength 3
X
run rel-map gaps --min-strength 1 --min-adults 2 --ignore-primary
out_is <<'X'
student_id,given_name,family_name,grade,connections,best_strength,primary_adult_id,reason
S2,Liam,O'Connor,9,1,2,,"1 adult at strength 1 or more, 2 wanted"
S3,Mei,"King, Jr.",10,1,1,,"1 adult at strength 1 or more, 2 wanted"
S4,Kaito,Watanabe,10,0,0,,no adult at strength 1 or more
S5,Zeynep,Yıldız,9,1,1,A4,"1 adult at strength 1 or more, 2 wanted"
X
run rel-map gaps --no-primary
out_is <<'X'
student_id,given_name,family_name,grade,connections,best_strength,primary_adult_id,reason
S2,Liam,O'Connor,9,1,2,,no primary adult
S3,Mei,"King, Jr.",10,1,1,,no primary adult
S4,Kaito,Watanabe,10,0,0,,no primary adult
X

case_ "gaps: bad options are usage errors"
mapped
run rel-map gaps --no-primary --ignore-primary
status_is 64
err_has 'rel-map: --no-primary and --ignore-primary exclude each other'
run rel-map gaps --min-strength 4
status_is 64
err_has 'rel-map: --min-strength: "4" is not'
run rel-map gaps --min-adults 0
status_is 64
err_has 'rel-map: --min-adults: "0" is not'
run rel-map gaps --format xml
status_is 64
err_has 'rel-map: --format: "xml" is not one of csv, tsv, table, json'
run rel-map gaps S1
status_is 64
run rel-map gaps --adult A1
status_is 64

case_ "gaps: a deactivated adult no longer counts, and nor do inactive students"
mapped
rel-roster deactivate adult A4 2>/dev/null
rel-roster deactivate student S4 2>/dev/null
run rel-map gaps --no-primary
out_is <<'X'
student_id,given_name,family_name,grade,connections,best_strength,primary_adult_id,reason
S2,Liam,O'Connor,9,1,2,,no primary adult
S3,Mei,"King, Jr.",10,1,1,,no primary adult
S5,Zeynep,Yıldız,9,0,0,,no primary adult
X

case_ "gaps: rel-roster list --grade 9 | rel-map gaps narrows to a cohort"
mapped
run_sh 'rel-roster list --grade 9 | rel-map gaps'
status_is 0
out_is <<'X'
student_id,given_name,family_name,grade,connections,best_strength,primary_adult_id,reason
S2,Liam,O'Connor,9,1,2,,no primary adult
S5,Zeynep,Yıldız,9,1,1,A4,no adult at strength 2 or more
X

case_ "gaps: an empty set finds nobody; formats"
mapped
: >empty.csv
STDIN=empty.csv
run rel-map gaps
out_lines 1
STDIN=/dev/null
run rel-map gaps --no-primary --format table
out_is <<'X'
student_id  given_name  family_name  grade  connections  best_strength  primary_adult_id  reason
----------  ----------  -----------  -----  -----------  -------------  ----------------  ----------------
S2          Liam        O'Connor     9      1            2                                no primary adult
S3          Mei         King, Jr.    10     1            1                                no primary adult
S4          Kaito       Watanabe     10     0            0                                no primary adult
X
run rel-map gaps --min-strength 1 --ignore-primary --format json
out_is <<'X'
[
{"student_id":"S4","given_name":"Kaito","family_name":"Watanabe","grade":"10","connections":"0","best_strength":"0","primary_adult_id":"","reason":"no adult at strength 1 or more"}
]
X

case_ "suggest: known adults first, then shared groups, then light caseloads"
mapped
run rel-map suggest
status_is 0
err_is </dev/null
out_is <<'X'
student_id,given_name,family_name,rank,adult_id,adult_given_name,adult_family_name,strength,shared_groups,caseload,reason
S2,Liam,O'Connor,1,A2,Jonas,Lindqvist,2,2,0,"knows the student (strength 2); shares 2 groups: Advisory 1, Biology — period 2; primary for 0 students"
S2,Liam,O'Connor,2,A1,Amara,Osei,0,1,1,shares 1 group: Advisory 1; primary for 1 student
S2,Liam,O'Connor,3,A3,Rosa,Díaz,0,0,0,primary for 0 students
S3,Mei,"King, Jr.",1,A3,Rosa,Díaz,1,1,0,knows the student (strength 1); shares 1 group: Football; primary for 0 students
S3,Mei,"King, Jr.",2,A2,Jonas,Lindqvist,0,1,0,shares 1 group: Biology — period 2; primary for 0 students
S3,Mei,"King, Jr.",3,A1,Amara,Osei,0,0,1,primary for 1 student
S4,Kaito,Watanabe,1,A2,Jonas,Lindqvist,0,0,0,primary for 0 students
S4,Kaito,Watanabe,2,A3,Rosa,Díaz,0,0,0,primary for 0 students
S4,Kaito,Watanabe,3,A1,Amara,Osei,0,0,1,primary for 1 student
S5,Zeynep,Yıldız,1,A2,Jonas,Lindqvist,0,0,0,primary for 0 students
S5,Zeynep,Yıldız,2,A3,Rosa,Díaz,0,0,0,primary for 0 students
S5,Zeynep,Yıldız,3,A1,Amara,Osei,0,0,1,primary for 1 student
X

case_ "suggest never suggests the current primary adult, nor a deactivated adult"
mapped
rel-roster deactivate adult A3 2>/dev/null
printf 'student_id\nS1\n' >set.csv
STDIN=set.csv
run rel-map suggest --top 5
status_is 0
out_is <<'X'
student_id,given_name,family_name,rank,adult_id,adult_given_name,adult_family_name,strength,shared_groups,caseload,reason
S1,Thandiwe,Müller-Okafor,1,A2,Jonas,Lindqvist,1,1,0,knows the student (strength 1); shares 1 group: Advisory 1; primary for 0 students
S1,Thandiwe,Müller-Okafor,2,A4,Ben,Ito,0,0,1,primary for 1 student
X

case_ "suggest fills --top even when the primary adult has a light caseload"
mapped
# S4, in no group, has A2 as primary adult; A2, A1 and A4 are primary
# for one student each and A3 for none: A3, A1 and A4 are the three.
rel-map assign --adult A2 S4 2>/dev/null
printf 'student_id\nS4\n' >set.csv
STDIN=set.csv
run rel-map suggest
status_is 0
out_is <<'X'
student_id,given_name,family_name,rank,adult_id,adult_given_name,adult_family_name,strength,shared_groups,caseload,reason
S4,Kaito,Watanabe,1,A3,Rosa,Díaz,0,0,0,primary for 0 students
S4,Kaito,Watanabe,2,A1,Amara,Osei,0,0,1,primary for 1 student
S4,Kaito,Watanabe,3,A4,Ben,Ito,0,0,1,primary for 1 student
X

case_ "suggest --top and the gap options"
mapped
run rel-map suggest --top 1 --min-strength 1 --ignore-primary
status_is 0
out_is <<'X'
student_id,given_name,family_name,rank,adult_id,adult_given_name,adult_family_name,strength,shared_groups,caseload,reason
S4,Kaito,Watanabe,1,A2,Jonas,Lindqvist,0,0,0,primary for 0 students
X
run rel-map suggest --top 0
status_is 64
err_has 'rel-map: --top: "0" is not'
run rel-map suggest --top 21
status_is 64

case_ "rel-roster list --grade 9 | rel-map gaps | rel-map suggest"
mapped
run_sh 'rel-roster list --grade 9 | rel-map gaps | rel-map suggest --top 2'
status_is 0
err_is </dev/null
out_is <<'X'
student_id,given_name,family_name,rank,adult_id,adult_given_name,adult_family_name,strength,shared_groups,caseload,reason
S2,Liam,O'Connor,1,A2,Jonas,Lindqvist,2,2,0,"knows the student (strength 2); shares 2 groups: Advisory 1, Biology — period 2; primary for 0 students"
S2,Liam,O'Connor,2,A1,Amara,Osei,0,1,1,shares 1 group: Advisory 1; primary for 1 student
S5,Zeynep,Yıldız,1,A2,Jonas,Lindqvist,0,0,0,primary for 0 students
S5,Zeynep,Yıldız,2,A3,Rosa,Díaz,0,0,0,primary for 0 students
X

case_ "caseload: one row per active adult; a set narrows the students counted"
mapped
run rel-map caseload --as A1
status_is 0
out_is <<'X'
adult_id,given_name,family_name,role,primary,strength_1,strength_2,strength_3,not_seen
A1,Amara,Osei,counselor,1,0,0,1,1
A2,Jonas,Lindqvist,teacher,0,1,1,0,0
A3,Rosa,Díaz,coach,0,1,0,0,0
A4,Ben,Ito,teacher,1,1,0,0,1
X
run_sh 'rel-roster list --grade 10 | rel-map caseload --as A1'
out_is <<'X'
adult_id,given_name,family_name,role,primary,strength_1,strength_2,strength_3,not_seen
A1,Amara,Osei,counselor,0,0,0,0,0
A2,Jonas,Lindqvist,teacher,0,0,0,0,0
A3,Rosa,Díaz,coach,0,1,0,0,0
A4,Ben,Ito,teacher,0,0,0,0,0
X
rel-roster deactivate adult A3 2>/dev/null
rel-roster deactivate student S1 2>/dev/null
run rel-map caseload --as A1
out_is <<'X'
adult_id,given_name,family_name,role,primary,strength_1,strength_2,strength_3,not_seen
A1,Amara,Osei,counselor,0,0,0,0,0
A2,Jonas,Lindqvist,teacher,0,0,1,0,0
A4,Ben,Ito,teacher,1,1,0,0,1
X

case_ "caseload: not_seen counts primary students with no recent check-in"
mapped
# S1's primary adult is A1; a check-in 2 days ago by anyone counts.
sql "INSERT INTO checkin (student, at, adult, kind, adult_key) SELECT s.id,
    strftime('%s', '2026-11-18 09:00'), a.id, 0, a.id FROM student s, adult a
    WHERE s.student_id = 'S1' AND a.adult_id = 'A2'"
run rel-map caseload --as A1
status_is 0
out_has 'A1,Amara,Osei,counselor,1,0,0,1,0'
out_has 'A4,Ben,Ito,teacher,1,1,0,0,1'
run rel-map caseload --as A1 --not-seen 1d
out_has 'A1,Amara,Osei,counselor,1,0,0,1,1'
run rel-map caseload --as A1 --not-seen 2026-11-18
out_has 'A1,Amara,Osei,counselor,1,0,0,1,0'
run rel-map caseload --not-seen soon
status_is 64
err_has 'rel-map: --not-seen: "soon" is not a date'

case_ "list: filters by adult, student, strength and set"
mapped
run rel-map list --as A1 --adult A2
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A2,1,0,2026-09-15T00:00:00,
S2,A2,2,0,2026-09-15T00:00:00,plays bass
X
run rel-map list --as A1 --strength 1
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A2,1,0,2026-09-15T00:00:00,
S3,A3,1,0,2026-09-15T00:00:00,
S5,A4,1,1,2026-10-01T00:00:00,
X
run rel-map list --as A1 --min-strength 2
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S1,A1,3,1,2026-09-15T00:00:00,
S2,A2,2,0,2026-09-15T00:00:00,plays bass
X
run rel-map list --as A1 --student S1 --adult A1
out_lines 2
run_sh 'rel-roster list --grade 10 | rel-map list --as A1'
out_is <<'X'
student_id,adult_id,strength,primary,at,note
S3,A3,1,0,2026-09-15T00:00:00,
X

case_ "list: bad options"
mapped
run rel-map list --strength 2 --min-strength 1
status_is 64
err_has 'rel-map: --strength and --min-strength exclude each other'
run rel-map list --strength 4
status_is 64
err_has 'rel-map: --strength: "4" is not'
run rel-map list --top 2
status_is 64

case_ "list --excel-safe neutralises formulas; plain CSV keeps them"
mapped
rel-map mark --adult A1 --strength 1 --note '=HYPERLINK("x")' S4 2>/dev/null
run rel-map list --as A1 --student S4 --excel-safe
out_has "S4,A1,1,0,2026-11-20T10:00:00,\"'=HYPERLINK(\"\"x\"\")\""
run rel-map list --as A1 --student S4
out_has 'S4,A1,1,0,2026-11-20T10:00:00,"=HYPERLINK(""x"")"'

case_ "history: coverage at the end of each day, in the order given"
mapped
rel-map mark --adult A3 --strength 2 --at 2026-11-10 S3 2>/dev/null
rel-map assign --adult A3 --at 2026-11-10 S3 2>/dev/null
rel-map unassign --at 2026-11-15 S5 2>/dev/null
run rel-map history 2026-09-14 2026-09-15 2026-10-01 2026-11-10 today 2026-09-15
status_is 0
err_is </dev/null
out_is <<'X'
date,students,connected,connected_pct,primary,primary_pct
2026-09-14,5,0,0.0,0,0.0
2026-09-15,5,2,40.0,1,20.0
2026-10-01,5,2,40.0,2,40.0
2026-11-10,5,3,60.0,3,60.0
2026-11-20,5,3,60.0,2,40.0
2026-09-15,5,2,40.0,1,20.0
X
run rel-map history --min-strength 1 2026-09-15 10d 3d
out_is <<'X'
date,students,connected,connected_pct,primary,primary_pct
2026-09-15,5,3,60.0,1,20.0
2026-11-10,5,4,80.0,3,60.0
2026-11-17,5,4,80.0,2,40.0
X
run_sh 'rel-roster list --grade 9 | rel-map history 2026-09-15 today'
out_is <<'X'
date,students,connected,connected_pct,primary,primary_pct
2026-09-15,3,2,66.7,1,33.3
2026-11-20,3,2,66.7,1,33.3
X
: >empty.csv
STDIN=empty.csv
run rel-map history today
out_is <<'X'
date,students,connected,connected_pct,primary,primary_pct
2026-11-20,0,0,0.0,0,0.0
X

case_ "history: no date, or a bad one, is a usage error"
mapped
run rel-map history
status_is 64
out_is </dev/null
err_has 'rel-map: history: give one or more dates'
run rel-map history 2026-02-30
status_is 64
out_is </dev/null
err_has 'rel-map: history: "2026-02-30" is not a date (YYYY-MM-DD) or a span (30d, 6w, 1y)'
run rel-map history --min-strength 0 today
status_is 64

case_ "unknown verbs and options that do not apply are usage errors"
mapped
db_save
run rel-map frob
status_is 64
err_has 'rel-map: unknown verb "frob"'
run rel-map
status_is 64
run rel-map caseload --top 3
status_is 64
run rel-map unassign --adult A1 S1
status_is 64
run rel-map mark --adult A1 --strength 2 --format csv S1
status_is 64
db_unchanged

case_ "--help, --version"
run rel-map --help
status_is 0
out_has 'usage: rel-map mark [--db PATH] [--as ADULT_ID] --adult ID --strength 1|2|3'
out_has 'rel-map history'
run rel-map --version
status_is 0
out_is <<'X'
rel-map (rel) 0.1.0
X

case_ "no database: 66 with a hint"
run rel-map gaps
status_is 66
err_is <<EOF2
rel-map: $T/db/rel.db: no database here (create one with: rel-init create)
EOF2
run rel-map mark --adult A1 --strength 1 S1
status_is 66

case_ "a closed pipe ends quietly; a full disk fails with 74"
sample_db 300
run_sh 'rel-map list --as A001 | head -n 1'
status_is 0
err_empty
run_sh 'rel-map suggest >/dev/full'
status_is 74
err_is <<'X'
rel-map: standard output: write error: No space left on device
X

case_ "the sample school has a map: some students with nobody, many with a primary adult"
sample_db 300
run rel-map gaps --min-strength 1 --ignore-primary
status_is 0
n=$(($(wc -l <"$T/out") - 1))
if [ "$n" -lt 15 ] || [ "$n" -gt 75 ]; then
	fail_ "$n of 300 students without any connection, expected about 15%"
fi
run rel-map gaps --no-primary
n=$(($(wc -l <"$T/out") - 1))
if [ "$n" -lt 30 ] || [ "$n" -gt 240 ]; then
	fail_ "$n of 300 students without a primary adult"
fi
run rel-map history 71d 69d 11d 9d
out_lines 5
run rel-map list --as A001
out_has '2026-09-11T'
out_has '2026-11-10T'

case_ "a whole mapping cycle for a school of 3,000 students"
sample_db 3000
# Who has no primary adult; the best suggestion for each; assign them.
run_sh 'rel-map gaps --no-primary | rel-map suggest --top 1 --format tsv'
status_is 0
tail -n +2 "$T/out" | cut -f 1,5 >pairs.tsv
[ -s pairs.tsv ] || fail_ "no suggestions"
awk -F '\t' '{ ids[$2] = ids[$2] " " $1 } END { for (a in ids) print a ids[a] }' \
    pairs.tsv >by-adult.txt
while read -r adult students; do
	# shellcheck disable=SC2086 # one argument per student id
	rel-map assign --adult "$adult" $students 2>>assign.err ||
		fail_ "assign --adult $adult failed"
done <by-adult.txt
run rel-map gaps --no-primary
status_is 0
out_lines 1
run rel-map caseload --as A001
check_eq "$(($(wc -l <"$T/out") - 1))" "$(($(rel-roster list adults | wc -l) - 1))" "a row per adult"
run rel-map history 30d today
status_is 0
out_has ',3000,'
out_has ',100.0'
