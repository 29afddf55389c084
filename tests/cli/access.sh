#!/bin/sh
# Privacy across commands: need-to-know visibility for every record kind
# through every command that reads it; the acting adult and the one-line
# notice without one; --visibility on add and import; the audit log rows
# of lists, shows and its append-only rule; and the database file refused
# when others may read it or its path is a symbolic link.
# STDIN and REL_DB are read by lib.sh's run and sql.
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

USER=nobody.rel-access-tests
export USER

# The fixture school (tests/data): A901 counselor, A902 and A905 teachers,
# A903 advisor, A904 coach. Student 100205 is in no group and has no
# adult, so nobody but counselors and admins is on their team until a
# connection is marked. A903 writes one record of each visibility, of each
# kind, about 100205; each text names its kind and visibility.
private_school() {
	cp "$DATA"/adults.csv "$DATA"/students.csv "$DATA"/groups.csv \
	    "$DATA"/members.csv . || fail_ "cannot copy the fixtures"
	roster_db
	for v in staff team private; do
		rel-checkin add --as A903 100205 --mood 3 --at "2026-11-1${#v}" \
		    --note "ck-$v-205" --visibility "$v" 2>/dev/null ||
			fail_ "check-in $v"
		rel-profile add --as A903 100205 interest "pf-$v-205" \
		    --at 2026-11-10 --visibility "$v" 2>/dev/null ||
			fail_ "profile $v"
		rel-note add --as A903 100205 observation "nt-$v-205" \
		    --at 2026-11-12 --visibility "$v" 2>/dev/null ||
			fail_ "note $v"
	done
	# And one concern (private by default) about a student of A902's.
	rel-note add --as A903 100201 concern "nt-private-201" \
	    --at 2026-11-12 2>/dev/null || fail_ "concern"
}

# sees WHO VISIBILITIES HIDDEN: every read of every kind, as WHO, shows
# the markers of the visibilities named and none of those hidden.
sees() {
	who=$1
	shift
	for cmd in "rel-checkin list" "rel-checkin list --student 100205" \
	    "rel-checkin list --last 5" "rel-profile list" \
	    "rel-profile list --student 100205 --history" "rel-note list" \
	    "rel-note list --student 100205 --last 9" \
	    "rel-profile show 100205 --checkins 9"; do
		# shellcheck disable=SC2086
		run $cmd $who
		[ "$status" -eq 0 ] || fail_ "$cmd $who: exit $status"
		case $cmd in
		rel-checkin*) k=ck ;;
		rel-profile\ list*) k=pf ;;
		rel-note*) k=nt ;;
		*) k="" ;;
		esac
		for v in $1; do
			for kk in ${k:-ck pf}; do
				grep -q "$kk-$v-205" "$T/out" ||
					fail_ "$cmd $who: no $kk-$v-205"
			done
		done
		for v in $2; do
			! grep -q -- "-$v-205" "$T/out" ||
				fail_ "$cmd $who: shows a $v row"
		done
	done
}

case_ "a teacher not connected to a student sees none of their team or private rows, through any command"
private_school
sees "--as A905" "staff" "team private"
run rel-note list --as A905
out_lacks "nt-private-201"

case_ "with no acting adult, staff rows only, and one line on stderr saying how to name one"
private_school
sees "" "staff" "team private"
run rel-checkin list --student 100205
err_is <<'X'
rel-checkin: no acting adult, so only staff records are shown: give --as ADULT_ID, set $REL_AS, or set your login on your adult record (rel-roster set adult ID --login nobody.rel-access-tests)
X
run rel-checkin list --as A905 --student 100205
err_empty

case_ "a connection of any strength puts an adult on the student's team: team rows, not private ones"
private_school
rel-map mark --adult A904 --strength 1 100205 2>/dev/null || fail_ "mark"
sees "--as A904" "staff team" "private"

case_ "leading or belonging to a student's group as an adult puts an adult on the team"
private_school
rel-note add --as A901 100203 observation "nt-team-203" --visibility team \
    2>/dev/null || fail_ "note"
rel-note add --as A901 100201 observation "nt-team-201" --visibility team \
    2>/dev/null || fail_ "note"
# A904 leads CLUB-ROBOT (100203); A905 is an adult member of BIO9-P2
# (100201); neither is in the other's group.
run rel-note list --as A904
out_has "nt-team-203"
out_lacks "nt-team-201"
run rel-note list --as A905
out_has "nt-team-201"
out_lacks "nt-team-203"
# A deactivated group no longer counts.
rel-roster deactivate group BIO9-P2 2>/dev/null || fail_ "deactivate"
run rel-note list --as A905
out_lacks "nt-team-201"

case_ "the author and counselors see private rows; a primary adult sees team rows"
private_school
sees "--as A903" "staff team private" ""
sees "--as A901" "staff team private" ""
rel-map assign --adult A902 100205 2>/dev/null || fail_ "assign"
sees "--as A902" "staff team" "private"

case_ "an admin sees every row; \$REL_AS and a login name the acting adult as --as does"
private_school
rel-roster set adult A904 --role admin 2>/dev/null || fail_ "set role"
sees "--as A904" "staff team private" ""
REL_AS=A904
export REL_AS
sees "" "staff team private" ""
unset REL_AS
rel-roster set adult A905 --login "$USER" 2>/dev/null || fail_ "set login"
sees "" "staff" "team private"

case_ "missing, balance, caseload and the map's notes count only what the adult may see"
private_school
rel-note add --as A903 100205 affirmation "nt-staff-aff" --visibility staff \
    --at 2026-11-13 2>/dev/null || fail_ "affirmation"
rel-note add --as A903 100205 concern "nt-private-c2" --at 2026-11-13 \
    2>/dev/null || fail_ "concern"
rel-map mark --adult A903 --strength 2 --note "cm-205" 100205 2>/dev/null ||
	fail_ "mark"
rel-map assign --adult A903 100205 2>/dev/null || fail_ "assign"
# The newest check-in A905 may see is the staff one of 2026-11-15.
run rel-checkin missing --as A905 --since 1d
out_has "100205,Ana Sofía"
run rel-checkin missing --as A905 --since 2026-11-16
out_has "2026-11-15"
run rel-checkin missing --as A901 --since 2026-11-16
out_lacks "100205"
printf 'student_id\n100205\n' >one.csv
STDIN=one.csv
run rel-note balance --as A905
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100205,Ana Sofía,García-Ramos,1,0,1,,positive
X
run rel-note balance --as A901
out_is <<'X'
student_id,given_name,family_name,positive,concerns,other,ratio,lean
100205,Ana Sofía,García-Ramos,1,1,3,1.0,mixed
X
STDIN=/dev/null
# A903's one primary student was last seen, as A905 may see it, on
# 2026-11-15; as A903 sees it on 2026-11-17.
run rel-map caseload --as A905 --not-seen 2026-11-16
out_has "A903,Ingrid,Solberg,advisor,1,0,1,0,1"
run rel-map caseload --as A903 --not-seen 2026-11-16
out_has "A903,Ingrid,Solberg,advisor,1,0,1,0,0"
run rel-map list --as A905 --student 100205
out_lacks "cm-205"
run rel-map list --as A903 --student 100205
out_has "cm-205"

case_ "--visibility on add and import overrides the default; a bad one is a usage error that writes nothing"
private_school
cat >n.csv <<'X'
student_id,at,kind,text
100206,2026-11-02T08:00:00,concern,imported-concern
100206,2026-11-02T08:05:00,affirmation,imported-affirmation
X
run rel-note import --as A903 --visibility staff n.csv
status_is 0
check_eq "$(sql "SELECT group_concat(visibility) FROM note WHERE text LIKE 'imported-%'")" "0,0" "stored visibilities"
check_eq "$(sql "SELECT count(*) FROM note WHERE text LIKE 'imported-%' AND adult = (SELECT id FROM adult WHERE adult_id = 'A903')")" "2" "the author of every imported row"
db_save
run rel-checkin import --as A903 --visibility secret n.csv
status_is 64
err_has 'rel-checkin: --visibility: "secret" is not staff, team or private'
db_unchanged
run rel-note add --as A903 100206 concern "x" --visibility everyone
status_is 64
err_has 'rel-note: --visibility: "everyone" is not staff, team or private'
db_unchanged
# A visibility cell in the file wins over the option.
cat >p.csv <<'X'
student_id,kind,value,visibility
100206,strength,pf-cell-private,private
100206,strength,pf-option-staff,
X
run rel-profile import --as A903 --visibility staff p.csv
status_is 0
run rel-profile list --as A905 --student 100206
out_has "pf-option-staff"
out_lacks "pf-cell-private"

case_ "a list that returned private rows writes one audit row naming the students; one that did not writes none"
private_school
run rel-note list --as A905
check_eq "$(sql "SELECT count(*) FROM audit")" "0" "audit rows after a list without private rows"
run rel-note list --as A901 --kind observation
status_is 0
check_eq "$(sql "SELECT a.adult_id, u.command, u.args, u.students, u.detail, u.at FROM audit u JOIN adult a ON a.id = u.adult")" \
    "A901|rel-note list|--as A901 --kind observation|1|1 private row|2026-11-20T10:00:00" "the audit row"
check_eq "$(sql "SELECT s.student_id FROM audit_student x JOIN student s ON s.id = x.student")" "100205" "the student touched"
run rel-note list --as A901
check_eq "$(sql "SELECT students, detail FROM audit ORDER BY id DESC LIMIT 1")" "2|2 private rows" "the second audit row"
run rel-checkin list --as A903 --student 100205
check_eq "$(sql "SELECT count(*) FROM audit")" "3" "audit rows"

case_ "every show of a student is audited, whatever it showed"
private_school
run rel-profile show 100205 --as A905
status_is 0
run rel-profile show 100201
status_is 0
check_eq "$(sql "SELECT ifnull(a.adult_id, '-'), u.command, u.args, u.students, u.detail FROM audit u LEFT JOIN adult a ON a.id = u.adult ORDER BY u.id")" \
    "A905|rel-profile show|100205 --as A905|1|profile card
-|rel-profile show|100201|1|profile card" "the audit rows"

case_ "the audit log is append-only: no program can change or delete its rows"
private_school
run rel-profile show 100205 --as A901
db_save
for q in "DELETE FROM audit" "UPDATE audit SET purpose = 'x'" \
    "DELETE FROM audit_student" "UPDATE audit_student SET student = 1"; do
	sqlite3 "$REL_DB" "$q" 2>"$T/err" && fail_ "$q was allowed"
	err_has "the audit log is append-only"
done
db_unchanged

# audited_school: the sample school with three audit rows (three shows).
audited_school() {
	sample_db 20
	for s in S0001 S0002 S0003; do
		rel-profile show "$s" --as A001 >/dev/null 2>&1 ||
			fail_ "rel-profile show $s"
	done
	check_eq "$(sql 'SELECT count(*) FROM audit')" 3 "audit rows"
}

case_ "the audit log is append-only against INSERT OR REPLACE too: no insert rewrites or reuses a row"
audited_school
db_save
# recursive_triggers stays off (the default): the BEFORE INSERT triggers
# fire before REPLACE deletes the old row, so no DELETE trigger is needed.
for q in "INSERT OR REPLACE INTO audit (id, at, adult, command, args, students) VALUES (2, '2026-01-01T00:00:00', NULL, 'rel-profile show', 'S0009', 1)" \
    "REPLACE INTO audit (id, at, command, args) VALUES (3, 'x', 'x', 'x')" \
    "INSERT INTO audit (id, at, command, args) VALUES (1, 'x', 'x', 'x') ON CONFLICT DO NOTHING" \
    "INSERT INTO audit (id, at, command, args) VALUES (0, 'x', 'x', 'x')" \
    "INSERT OR REPLACE INTO audit_student (audit, student) VALUES (2, 2)" \
    "INSERT INTO audit_student (audit, student) VALUES (1, 5)" \
    "INSERT INTO audit_student (audit, student) VALUES (3, 5)" \
    "INSERT OR REPLACE INTO audit_hash (audit, hash) VALUES (3, zeroblob(32))"; do
	sqlite3 "$REL_DB" "PRAGMA recursive_triggers = OFF; $q" 2>"$T/err" &&
		fail_ "$q was allowed"
	err_has "the audit log is append-only"
done
db_unchanged
run rel-init check
status_is 0
out_is <<'X'
ok
X

case_ "rel-init check finds an audit row rewritten past the triggers, even with the triggers put back as they were (65)"
audited_school
triggers=$(sql "SELECT group_concat(sql, ';') FROM sqlite_schema
    WHERE name IN ('audit_no_reuse', 'audit_newest')")
sqlite3 "$REL_DB" "DROP TRIGGER audit_no_reuse; DROP TRIGGER audit_newest;
    INSERT OR REPLACE INTO audit (id, at, adult, command, args, purpose,
    students, detail) SELECT id, at, adult, command, 'S0009 --as A001',
    purpose, students, detail FROM audit WHERE id = 2; $triggers" ||
	fail_ "the tamperer's rewrite failed"
check_eq "$(sql 'SELECT args FROM audit WHERE id = 2')" "S0009 --as A001" "the rewritten row"
run rel-init check
status_is 65
out_is <<'X'
audit row 2 does not match its hash: it, or the audit row before it, was changed or removed
X
err_is <<EOF2
rel-init: $T/db/rel.db: the database has problems (listed on standard output)
EOF2

case_ "rel-init check names a dropped or altered audit trigger, a deleted audit row and an unsealed one (65)"
audited_school
sqlite3 "$REL_DB" "DROP TRIGGER audit_newest; DROP TRIGGER audit_no_delete;
    DROP TRIGGER audit_hash_no_delete; DROP TRIGGER audit_student_no_delete;
    CREATE TRIGGER audit_student_no_delete BEFORE DELETE ON audit_student
    WHEN 0 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    PRAGMA foreign_keys = ON;
    DELETE FROM audit_student WHERE audit = 2;
    DELETE FROM audit_hash WHERE audit = 2;
    DELETE FROM audit WHERE id = 2;
    INSERT INTO audit (at, command, args) VALUES ('2026-11-20T11:00:00',
    'rel-profile show', 'S0004')" 2>"$T/err" || fail_ "the tamperer failed: $(cat "$T/err")"
run rel-init check
status_is 65
out_is <<'X'
the audit log's trigger audit_student_no_delete is not as rel made it
the audit log's trigger audit_hash_no_delete is missing
the audit log's trigger audit_newest is missing
the audit log's trigger audit_no_delete is missing
audit row 2 is missing
audit row 3 does not match its hash: it, or the audit row before it, was changed or removed
audit row 4 has no hash: rel did not write it
X

case_ "a database file others may read, or a symlinked path, is refused by every command (77) and reported by rel-init check"
private_school
db_save
chmod 640 "$REL_DB"
for cmd in "rel-roster list" "rel-checkin list --as A901" \
    "rel-note add --as A901 100201 affirmation x" "rel-profile show 100201" \
    "rel-map gaps"; do
	# shellcheck disable=SC2086
	run $cmd
	[ "$status" -eq 77 ] || fail_ "$cmd: exit $status, expected 77"
	err_has "rel.db: the database is open to its group (mode 0640) and holds student records; make it yours alone: chmod 600 $REL_DB"
done
run rel-init check
status_is 77
out_is <<X
$REL_DB: the database is open to its group (mode 0640) and holds student records; make it yours alone: chmod 600 $REL_DB
X
chmod 604 "$REL_DB"
run rel-note list --as A901
status_is 77
err_has "open to others (mode 0604)"
chmod 600 "$REL_DB"
ln -s "$REL_DB" link.db
run rel-note list --as A901 --db link.db
status_is 77
err_is <<'X'
rel-note: link.db: the database path is a symbolic link, so its own permissions do not protect it; give the real file with --db or $REL_DB
X
run rel-init check --db link.db
status_is 77
db_unchanged
run rel-init check
status_is 0
out_is <<'X'
ok
X

case_ "every record written carries its author: check-ins, profile items, notes, marks and assignments"
private_school
rel-map mark --as A901 --adult A904 --strength 2 100206 2>/dev/null || fail_ "mark"
rel-map assign --as A901 --adult A904 100206 2>/dev/null || fail_ "assign"
rel-map mark --adult A902 --strength 1 100206 2>/dev/null || fail_ "mark"
check_eq "$(sql "SELECT group_concat(ifnull(a.adult_id, '-'), ' ') FROM (SELECT * FROM connection_event ORDER BY id) e LEFT JOIN adult a ON a.id = e.by_adult WHERE e.student = (SELECT id FROM student WHERE student_id = '100206')")" "A901 -" "authors of the marks"
check_eq "$(sql "SELECT a.adult_id FROM primary_adult p JOIN adult a ON a.id = p.by_adult")" "A901" "author of the assignment"
check_eq "$(sql "SELECT count(*) FROM checkin WHERE adult IS NULL UNION ALL SELECT count(*) FROM profile_item WHERE adult IS NULL UNION ALL SELECT count(*) FROM note WHERE adult IS NULL")" "0
0
0" "records without an author"

case_ "a \$REL_AS naming an adult a roster import brings is no error: the roster carries no author"
rel-init create 2>/dev/null || fail_ "create"
cp "$DATA"/adults.csv "$DATA"/students.csv .
REL_AS=A901
export REL_AS
run rel-roster import adults.csv students.csv
status_is 0
run rel-note add 100201 affirmation "Welcomed the new student"
status_is 0
check_eq "$(sql "SELECT a.adult_id FROM note n JOIN adult a ON a.id = n.adult")" "A901" "the author"
unset REL_AS
