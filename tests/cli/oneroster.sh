#!/bin/sh
# rel-roster import --oneroster: the hand-written OneRoster 1.1 export in
# tests/data/oneroster (a bulk export and the next night's delta).
# shellcheck disable=SC1091,SC2034 # lib.sh reads STDIN
. "$REL_ROOT/tests/cli/lib.sh"

OR="$DATA/oneroster"

fresh() {
	rel-init create 2>/dev/null || fail_ "create failed"
}

case_ "a bulk export: people, guardians, classes and enrollments"
fresh
run rel-roster import --oneroster "$OR/bulk"
status_is 0
err_is <<'X'
rel-roster: students: 5 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: adults: 4 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: guardians: 3 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: groups: 3 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: memberships: 10 added, 0 updated, 0 unchanged, 0 deactivated
X
run rel-roster list --all
out_is <<'X'
student_id,given_name,family_name,preferred_name,pronouns,grade,home_language,active,email,login
u-s1,Amira,Haddad,,,9,,1,ahaddad@students.hv.example,ahaddad
u-s2,Tomasz,Kowalczyk,,,9,,1,tkowalczyk@students.hv.example,tkowalczyk
u-s3,Nalani,Akana,,,10,,1,nakana@students.hv.example,nakana
u-s4,Obinna,Chukwu,,,11,,0,ochukwu@students.hv.example,ochukwu
u-s5,Lucía,Rossi,,,7,,1,lrossi@students.kf.example,lrossi
X
run rel-roster list adults
out_is <<'X'
adult_id,given_name,family_name,email,role,login,active
u-a1,Dede,Mensah,dmensah@hv.example,staff,dmensah,1
u-ad1,Paola,Quispe,pquispe@hv.example,admin,pquispe,1
u-t1,Rangi,Fonoti,rfonoti@hv.example,teacher,rfonoti,1
u-t2,Ingrid,Bergström,ibergstrom@hv.example,teacher,ibergstrom,1
X
run rel-roster list groups
out_is <<'X'
group_id,name,kind,lead_adult_id,active
c-adv7,Grade 7 Advisory,advisory,u-t2,1
c-bio,"Biology 9, period 2",class,u-t2,1
c-hr9,Homeroom 9A,advisory,u-t1,1
X
run rel-roster list members --all --group c-bio
out_is <<'X'
group_id,student_id,adult_id,active
c-bio,u-s1,,1
c-bio,u-s3,,1
c-bio,u-s4,,0
c-bio,,u-a1,1
c-bio,,u-t2,1
X
check_eq "$(sql "SELECT s.student_id, g.guardian_id, g.name, g.relationship, ifnull(g.phone, '-') FROM guardian g JOIN student s ON s.id = g.student ORDER BY 1, 2")" \
"u-s1|u-p1|Samir Haddad|parent|+1 555 0101
u-s1|u-p2|Leila Haddad-Nour|guardian|+1 555 0102
u-s2|u-p3|Ewa Kowalczyk|relative|-" "guardians, linked from either side"
# The password column is never stored, anywhere in the file.
grep -q 's3cret-never-stored' "$REL_DB" && fail_ "a password reached the database"
check_eq "$(sql 'PRAGMA quick_check')" ok "quick_check"

case_ "guardian links by sourcedIds of every length, from either side"
fresh
cp -R "$OR/bulk" b
# u-s3 names u-p10 (whose id begins with u-p1's); u-p10 names nobody.
sed -i 's/^\(u-s3,.*,nakana@students.hv.example,,,\),10,$/\1u-p10,10,/' b/users.csv
printf 'u-p10,active,2026-08-01T08:00:00.000Z,true,org-hv,guardian,,,Moana,Akana,,,,,,,,\n' >>b/users.csv
run rel-roster import --oneroster b
status_is 0
err_has 'rel-roster: guardians: 4 added'
check_eq "$(sql "SELECT s.student_id, g.guardian_id FROM guardian g JOIN student s ON s.id = g.student ORDER BY 1, 2")" \
"u-s1|u-p1
u-s1|u-p2
u-s2|u-p3
u-s3|u-p10" "one link each"

case_ "the same export again changes nothing"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
db_save
run rel-roster import --oneroster "$OR/bulk"
status_is 0
err_is <<'X'
rel-roster: students: 0 added, 0 updated, 5 unchanged, 0 deactivated
rel-roster: adults: 0 added, 0 updated, 4 unchanged, 0 deactivated
rel-roster: guardians: 0 added, 0 updated, 3 unchanged, 0 deactivated
rel-roster: groups: 0 added, 0 updated, 3 unchanged, 0 deactivated
rel-roster: memberships: 0 added, 0 updated, 10 unchanged, 0 deactivated
X

case_ "what rel keeps of its own is not overwritten: pronouns, a counselor's role"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
rel-roster set student u-s1 --pronouns she/her --preferred-name Mira 2>/dev/null
rel-roster set adult u-t1 --role counselor 2>/dev/null
run rel-roster import --oneroster "$OR/bulk"
status_is 0
check_eq "$(sql "SELECT pronouns, preferred_name FROM student WHERE student_id = 'u-s1'")" "she/her|Mira" "pronouns kept"
check_eq "$(sql "SELECT role FROM adult WHERE adult_id = 'u-t1'")" counselor "role kept"

case_ "a delta: tobedeleted deactivates, new rows add, changed rows update"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
run rel-roster import --oneroster "$OR/delta"
status_is 0
err_is <<'X'
rel-roster: students: 1 added, 1 updated, 0 unchanged, 1 deactivated
rel-roster: adults: 0 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: guardians: 0 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: groups: 0 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: memberships: 1 added, 0 updated, 0 unchanged, 1 deactivated
X
check_eq "$(sql "SELECT student_id, grade, active FROM student WHERE student_id IN ('u-s2', 'u-s3', 'u-s6') ORDER BY 1")" \
"u-s2|10|1
u-s3|10|0
u-s6|9|1" "students after the delta"
# Deactivated, never deleted: the row and its history stay.
check_eq "$(sql "SELECT count(*) FROM student")" 6 "no student deleted"
run rel-roster list members --all --group c-bio
out_has 'c-bio,u-s1,,0'
out_has 'c-bio,u-s6,,1'

case_ "a bulk export is the whole truth: who it no longer lists is deactivated"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
cp -R "$OR/bulk" next
grep -v '^u-s3,' "$OR/bulk/users.csv" >next/users.csv
grep -v ',u-s3,' "$OR/bulk/enrollments.csv" >next/enrollments.csv
run rel-roster import --oneroster next
status_is 0
err_has 'rel-roster: students: 0 added, 0 updated, 4 unchanged, 1 deactivated'
err_has 'rel-roster: memberships: 0 added, 0 updated, 9 unchanged, 1 deactivated'
check_eq "$(sql "SELECT active FROM student WHERE student_id = 'u-s3'")" 0 "u-s3 deactivated"
# A record rel made itself is not the export's to deactivate.
rel-roster add student S-LOCAL --given-name Ana --family-name Silva 2>/dev/null
run rel-roster import --oneroster next
status_is 0
check_eq "$(sql "SELECT active FROM student WHERE student_id = 'S-LOCAL'")" 1 "rel's own student kept"

case_ "--school limits the import to one org; --id-from identifier"
fresh
run rel-roster import --oneroster "$OR/bulk" --school org-hv --id-from identifier
status_is 0
err_is <<'X'
rel-roster: students: 4 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: adults: 4 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: guardians: 3 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: groups: 2 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: memberships: 8 added, 0 updated, 0 unchanged, 0 deactivated
rel-roster: 4 rows of other schools passed over (--school org-hv)
X
run rel-roster list --all
out_is <<'X'
student_id,given_name,family_name,preferred_name,pronouns,grade,home_language,active,email,login
400101,Amira,Haddad,,,9,,1,ahaddad@students.hv.example,ahaddad
400102,Tomasz,Kowalczyk,,,9,,1,tkowalczyk@students.hv.example,tkowalczyk
400103,Nalani,Akana,,,10,,1,nakana@students.hv.example,nakana
400104,Obinna,Chukwu,,,11,,0,ochukwu@students.hv.example,ochukwu
X
run rel-roster list members --group c-hr9
out_is <<'X'
group_id,student_id,adult_id,active
c-hr9,400101,,1
c-hr9,400102,,1
c-hr9,,T-5001,1
X
# The delta finds its students through what the bulk import remembered.
run rel-roster import --oneroster "$OR/delta" --school org-hv --id-from identifier
status_is 0
check_eq "$(sql "SELECT active FROM student WHERE student_id = '400103'")" 0 "delta by identifier"

case_ "--school must be a school of orgs.csv; the options need --oneroster"
fresh
db_save
run rel-roster import --oneroster "$OR/bulk" --school org-nope
status_is 64
err_is <<'X'
rel-roster: --school: "org-nope" is not the sourcedId of an org in orgs.csv
X
run rel-roster import --oneroster "$OR/bulk" --school org-d1
status_is 65
err_has 'rel-roster: orgs.csv:2: type: "district" is the type of --school org-d1; expected school'
run rel-roster import --school org-hv students.csv
status_is 64
err_has 'rel-roster: --school needs --oneroster DIR'
run rel-roster import --oneroster "$OR/bulk" --id-from email
status_is 64
err_has 'rel-roster: --id-from: "email" is not sourcedId or identifier'
run rel-roster import --oneroster "$OR/bulk" users.csv
status_is 64
err_has 'it takes no FILE'
db_unchanged

case_ "files that break the spec: every bad row with file:line, nothing imported"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
db_save
cp -R "$OR/bulk" bad
sed -e 's/^u-t1,active,/u-t1,activ,/' -e 's/,org-hv,aide,/,org-hv,janitor,/' \
    -e 's/,Nalani,Akana,/,Nalani,,/' -e 's/,400104,\(.*\),11,$/,400104,\1,14,/' \
    -e 's/^u-s5,active,2026-08-01T08:00:00.000Z,/u-s5,active,yesterday,/' \
    -e 's/^u-ad1,active,\([^,]*\),true,/u-ad1,active,\1,maybe,/' \
    "$OR/bulk/users.csv" >bad/users.csv
sed 's/,homeroom,Room 12,/,hallway,Room 12,/' "$OR/bulk/classes.csv" >bad/classes.csv
sed -e 's/^e9,\([^,]*\),\([^,]*\),c-adv7,/e9,\1,\2,c-nope,/' \
    -e 's/^e5,\(.*\),aide,false,/e5,\1,aide,maybe,/' \
    -e 's/^e2,\(.*\),2026-08-20,2027-06-15$/e2,\1,2026-08-20,June/' \
    -e 's/^e10,\(.*\),u-t2,teacher,/e10,\1,u-p1,teacher,/' \
    "$OR/bulk/enrollments.csv" >bad/enrollments.csv
run rel-roster import --oneroster bad
status_is 65
err_is <<'X'
rel-roster: users.csv:2: status: "activ" is not active or tobedeleted
rel-roster: users.csv:4: role: "janitor" is not one of administrator, aide, guardian, parent, proctor, relative, student or teacher
rel-roster: users.csv:5: enabledUser: "maybe" is not true or false
rel-roster: users.csv:8: familyName: is empty; a name is required
rel-roster: users.csv:9: grades: "14" is not a grade (PK, TK, KG, 1 to 13, or IT, PR, PS, UG, Other)
rel-roster: users.csv:10: dateLastModified: "yesterday" is not an ISO 8601 date-time (2025-09-01T12:00:00.000Z)
rel-roster: classes.csv:2: classType: "hallway" is not homeroom or scheduled
rel-roster: enrollments.csv:3: endDate: "June" is not a date (YYYY-MM-DD)
rel-roster: enrollments.csv:6: primary: "maybe" is not true or false
rel-roster: enrollments.csv:10: classSourcedId: "c-nope" is not a class of classes.csv or of an earlier import
rel-roster: enrollments.csv:11: userSourcedId: "u-p1" is a guardian, who is not enrolled in classes
rel-roster: 11 bad records; nothing was imported
X
db_unchanged

case_ "the manifest: its version, its modes, and the files it names"
fresh
db_save
mkdir m
printf 'propertyName,value\noneroster.version,1.0\nfile.users,bulk\n' >m/manifest.csv
run rel-roster import --oneroster m
status_is 65
err_is <<'X'
rel-roster: manifest.csv:2: value: "1.0" is not a OneRoster version rel reads (1.1)
X
printf 'propertyName,value\noneroster.version,1.1\nfile.users,sometimes\n' >m/manifest.csv
run rel-roster import --oneroster m
status_is 65
err_is <<'X'
rel-roster: manifest.csv:3: value: "sometimes" is not bulk, delta or absent
X
printf 'propertyName,value\noneroster.version,1.1\nfile.users,bulk\n' >m/manifest.csv
run rel-roster import --oneroster m
status_is 66
err_is <<'X'
rel-roster: manifest.csv: says file.users is bulk, but users.csv is missing
X
run rel-roster import --oneroster nowhere
status_is 66
err_has 'rel-roster: nowhere: is not a directory holding a OneRoster export'
mkdir empty
run rel-roster import --oneroster empty
status_is 66
err_has 'manifest.csv'
printf 'sourcedId,status\n' >m/users.csv
run rel-roster import --oneroster m
status_is 65
err_has 'rel-roster: users.csv:1: '
db_unchanged

case_ "--dry-run reads and checks everything and writes nothing"
fresh
db_save
run rel-roster import --oneroster "$OR/bulk" --dry-run
status_is 0
err_has 'rel-roster: dry run, nothing written: students: 5 added, 0 updated, 0 unchanged, 0 deactivated'
db_unchanged

case_ "a family contact with no name given takes the student's one guardian"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
run rel-family add u-s2 --as u-t1 --channel call --direction to_home --at 2026-11-19T15:00
status_is 0
# u-s1 has two guardians: a relationship picks one, none picks neither.
run rel-family add u-s1 --as u-t1 --channel call --direction to_home --relationship parent --at 2026-11-19T15:10
status_is 0
run rel-family add u-s1 --as u-t1 --channel email --direction to_home --at 2026-11-19T15:20
status_is 0
run rel-family add u-s1 --as u-t1 --channel text --direction to_home --contact "Aunt Noor" --at 2026-11-19T15:30
status_is 0
check_eq "$(sql "SELECT s.student_id, f.channel, ifnull(f.contact_name, '-'), ifnull(f.relationship, '-') FROM family_contact f JOIN student s ON s.id = f.student ORDER BY f.at")" \
"u-s2|call|Ewa Kowalczyk|relative
u-s1|call|Samir Haddad|parent
u-s1|email|-|-
u-s1|text|Aunt Noor|-" "contact names"

case_ "the card shows who the family is"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
run rel-profile show u-s1 --as u-ad1
status_is 0
out_has '  - Family: Leila Haddad-Nour (guardian, +1 555 0102)'
out_has '  - Family: Samir Haddad (parent, +1 555 0101)'
run rel-profile show u-s3 --as u-ad1
out_lacks 'Family:'

case_ "rel-family guardians: the families of the students an adult works with"
fresh
rel-roster import --oneroster "$OR/bulk" 2>/dev/null
run rel-family guardians --as u-ad1
status_is 0
out_is <<'X'
student_id,guardian_id,name,relationship,email,phone,sms,active
u-s1,u-p2,Leila Haddad-Nour,guardian,,+1 555 0102,,1
u-s1,u-p1,Samir Haddad,parent,samir.haddad@home.example,+1 555 0101,+1 555 0100,1
u-s2,u-p3,Ewa Kowalczyk,relative,,,,1
X
# The aide works in biology with u-s1, u-s3 and u-s4; not with u-s2.
run rel-family guardians --as u-a1
out_lacks 'u-s2,'
out_has 'u-s1,u-p1,Samir Haddad'
# A student set narrows it; --all keeps the ones the export dropped.
STDIN=set.csv
printf 'student_id\nu-s2\n' >set.csv
run rel-family guardians --as u-ad1
out_lines 2
STDIN=/dev/null
grep -v '^u-p2,' "$OR/bulk/users.csv" >users.csv
cp -R "$OR/bulk" next && cp users.csv next/users.csv
sed -i 's/"u-p1, u-p2"/u-p1/' next/users.csv
rel-roster import --oneroster next 2>/dev/null || fail_ "the next import"
run rel-family guardians --as u-ad1
out_lacks 'u-p2'
run rel-family guardians --as u-ad1 --all
out_has 'u-s1,u-p2,Leila Haddad-Nour,guardian,,+1 555 0102,,0'
run rel-family guardians --as u-ad1 S1
status_is 64

case_ "--oneroster takes the write lock only after every file's header is checked"
fresh
cp -R "$OR/bulk" slow
rm slow/users.csv
mkfifo slow/users.csv
( rel-roster import --oneroster slow >imp.out 2>imp.err; echo $? >imp.st ) &
imp=$!
writer_not_locked_out
# The FIFO gives the file once to each opening: the check of its header,
# then each pass that reads it. timeout ends a writer left waiting.
n=0
while [ ! -s imp.st ] && [ $n -lt 10 ]; do
	timeout 2 sh -c "cat '$OR/bulk/users.csv' >slow/users.csv" 2>/dev/null
	n=$((n + 1))
done
wait "$imp"
check_eq "$(cat imp.st)" 0 "the import's status"
check_eq "$(sql 'SELECT count(*) FROM student')" 5 "students imported"

case_end
