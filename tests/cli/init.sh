#!/bin/sh
# rel-init: create, the sample school, migrate, check, backup; and the
# database's location and permissions.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

case_ "create makes the file 0600 in a 0700 directory"
run rel-init create --db "$T/deep/er/rel.db"
status_is 0
err_is <<EOF2
rel-init: created $T/deep/er/rel.db (schema version 14)
EOF2
check_eq "$(stat -c %a "$T/deep/er/rel.db")" 600 "file mode"
check_eq "$(stat -c %a "$T/deep/er")" 700 "directory mode"
check_eq "$(sqlite3 "$T/deep/er/rel.db" 'pragma journal_mode')" wal "WAL"

case_ "create refuses to overwrite"
rel-init create 2>/dev/null
db_save
run rel-init create
status_is 73
err_is <<EOF2
rel-init: $T/db/rel.db: a database already exists here
EOF2
db_unchanged

case_ "the database is found through XDG_DATA_HOME and HOME"
unset REL_DB
XDG_DATA_HOME="$T/xdg" run rel-init create
status_is 0
[ -f "$T/xdg/rel/rel.db" ] || fail_ "no database under XDG_DATA_HOME"
HOME="$T/home" run rel-init create
status_is 0
[ -f "$T/home/.local/share/rel/rel.db" ] || fail_ "no database under HOME"

case_ "--sample makes a reproducible school"
run rel-init create --db a.db --sample 80 --seed 3
status_is 0
rel-init create --db b.db --sample 80 --seed 3 2>/dev/null
rel-init create --db c.db --sample 80 --seed 4 2>/dev/null
for k in students adults groups members; do
	rel-roster list "$k" --db a.db >"a.$k"
	rel-roster list "$k" --db b.db >"b.$k"
	cmp -s "a.$k" "b.$k" || fail_ "same seed, different $k"
done
rel-roster list --db c.db >c.students
cmp -s a.students c.students && fail_ "a different seed gave the same students"
check_eq "$(($(wc -l <a.students) - 1))" 80 "80 students"

case_ "--sample out of range is a usage error"
run rel-init create --sample 0
status_is 64
err_has 'rel-init: --sample: "0" is not a number from 1 to 1000000'
[ ! -e "$REL_DB" ] || fail_ "a database was created"

case_ "check says ok, and finds a broken reference"
sample_db 30
run rel-init check
status_is 0
out_is <<'X'
ok
X
sqlite3 "$REL_DB" 'PRAGMA foreign_keys=OFF; UPDATE member SET student = 99999 WHERE id = 1'
run rel-init check
status_is 65
out_is <<'X'
table member row 1 refers to a missing row of student
X

case_ "an older database is refused, then migrated in place with no data lost"
sample_db 30
before=$(rel-roster list --all --db "$REL_DB" 2>&1)
# What version 1 had: the roster tables only.
sqlite3 "$REL_DB" 'DROP TABLE setting; DROP TABLE connection_event;
    DROP TABLE primary_adult; DROP TABLE connection; DROP TABLE checkin;
    DROP TABLE profile_item; DROP TABLE note; DROP TABLE audit_hash;
    DROP TABLE audit_student;
    DROP TABLE audit; DROP TABLE family_contact; DROP TABLE progress;
    DROP TABLE goal; DROP TABLE party; DROP TABLE restorative_case;
    DROP TABLE indicator; DROP TABLE guardian; DROP TABLE oneroster;
    DROP INDEX student_email; DROP INDEX student_login;
    ALTER TABLE student DROP COLUMN email;
    ALTER TABLE student DROP COLUMN login;
    PRAGMA user_version = 1'
run rel-roster list
status_is 78
err_is <<EOF2
rel-roster: $T/db/rel.db: the database is at schema version 1 and this rel needs 14: run rel-init backup FILE, then rel-init migrate
EOF2
run rel-init backup before-migrate.db
status_is 0
check_eq "$(sqlite3 before-migrate.db 'pragma user_version')" 1 "backup keeps the old version"
run rel-init migrate
status_is 0
err_is <<EOF2
rel-init: $T/db/rel.db: schema version 1 -> 14
EOF2
run rel-roster list --all
status_is 0
check_eq "$(cat "$T/out")" "$before" "students after migration"
run rel-init migrate
err_is <<EOF2
rel-init: $T/db/rel.db: already at schema version 14
EOF2

case_ "migrating from schema 13 seals the audit rows already there, as rel would have"
sample_db 20
for s in S0001 S0002 S0003; do
	rel-profile show "$s" --as A001 >/dev/null 2>&1 || fail_ "show $s"
done
seals=$(sql "SELECT group_concat(audit || ':' || hex(hash)) FROM audit_hash")
# What version 13 had: no seals, and none of the insert triggers.
sqlite3 "$REL_DB" 'DROP TABLE audit_hash; DROP TRIGGER audit_no_reuse;
    DROP TRIGGER audit_newest; DROP TRIGGER audit_student_newest;
    PRAGMA user_version = 13'
run rel-init migrate
status_is 0
err_is <<EOF2
rel-init: $T/db/rel.db: schema version 13 -> 14
EOF2
check_eq "$(sql "SELECT group_concat(audit || ':' || hex(hash)) FROM audit_hash")" \
    "$seals" "the seals the migration made"
check_ok "$REL_DB"
rel-profile show S0004 --as A001 >/dev/null 2>&1 || fail_ "show S0004"
check_eq "$(sql 'SELECT count(*) FROM audit_hash')" 4 "seals after a new row"
check_ok "$REL_DB"

case_ "a newer database is refused"
rel-init create 2>/dev/null
sqlite3 "$REL_DB" 'PRAGMA user_version = 99'
run rel-roster list
status_is 78
err_has 'newer than this rel (14): upgrade rel'

case_ "a file that is not a database"
printf 'hello\n' >"$REL_DB"
chmod 600 "$REL_DB"
run rel-roster list
status_is 65
err_has 'file is not a database'

case_ "backup makes a consistent copy, replacing the old one atomically"
sample_db 40
printf 'old\n' >nightly.db
run rel-init backup nightly.db
status_is 0
check_eq "$(sqlite3 nightly.db 'select count(*) from student')" 40 "students in backup"
run rel-init check --db nightly.db
out_is <<'X'
ok
X
ls -A >files.txt
grep -q '^\.' files.txt && fail_ "a temporary file was left: $(grep '^\.' files.txt)"

case_ "backup into a missing directory exits 73"
sample_db 10
run rel-init backup nowhere/x.db
status_is 73
err_has 'rel-init: nowhere/x.db: cannot create a file there: No such file or directory'

case_ "usage"
run rel-init
status_is 64
err_has 'usage: rel-init create'
run rel-init migrate extra
status_is 64
run rel-init --version
out_is <<'X'
rel-init (rel) 0.1.0
X
