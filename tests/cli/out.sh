#!/bin/sh
# The files rel writes: every one that may hold records is mode 0600
# whatever the umask, also when it replaces a file of another mode
# (rel-report --out, rel-init backup, --rejects, rel-export's files);
# none is written over the database, its -wal or -shm, by any name; and
# rel-report --out writes nothing into the database's directory. Then
# --excel-safe on every command that writes CSV (rel(7)).
# shellcheck disable=SC1091,SC2034
. "$REL_ROOT/tests/cli/lib.sh"

# refused WHAT: the last run was refused with status 64, the first line
# of stderr is WHAT exactly, and the database is as db_save left it.
refused() {
	status_is 64
	check_eq "$(sed -n 1p "$T/err")" "$1" "the message"
	db_unchanged
}

case_ "rel-report --out: a card is 0600 under umask 022, and stays 0600 when replaced"
sample_db 20
umask 022
mkdir reports
run rel-report student S0001 --as A001 --out reports/card.html
status_is 0
check_eq "$(stat -c %a reports/card.html)" 600 "a new card's mode"
check_eq "$(head -n 1 reports/card.html)" "<!DOCTYPE html>" "the card"
chmod 600 reports/card.html
run rel-report student S0002 --as A001 --out reports/card.html
status_is 0
check_eq "$(stat -c %a reports/card.html)" 600 "a replaced 0600 card's mode"
grep -q S0002 reports/card.html || fail_ "the card was not replaced"
# A file another program left readable is made private as it is replaced.
printf 'old\n' >reports/digest.csv
chmod 644 reports/digest.csv
run rel-report weekly --as A001 --all --out reports/digest.csv
status_is 0
check_eq "$(stat -c %a reports/digest.csv)" 600 "a replaced 0644 file's mode"
# Even a umask that takes the owner's own bits.
umask 0277
run rel-report coverage --as A001 --out reports/coverage.md
umask 022
status_is 0
check_eq "$(stat -c %a reports/coverage.md)" 600 "mode under umask 0277"
check_eq "$(find reports -mindepth 1 | sort | tr '\n' ' ')" \
    "reports/card.html reports/coverage.md reports/digest.csv " "files left"

case_ "rel-report --out refuses the database, its -wal and -shm, and its directory: 64, nothing written"
sample_db 20
umask 022
dbdir=$(cd db && pwd -P)
mkdir x
ln -s db dblink
ln -s db/rel.db card-link.html
ln db/rel.db hard.html
db_save
find db -mindepth 1 | sort >db.files
run rel-report student S0001 --as A001 --out db/rel.db
refused "rel-report: --out: \"db/rel.db\" is the database (in $dbdir): rel never writes over it"
run rel-report student S0001 --as A001 --out "$REL_DB-wal"
refused "rel-report: --out: \"$REL_DB-wal\" is the database's write-ahead log (in $dbdir): rel never writes over it"
run rel-report student S0001 --as A001 --out db/rel.db-shm
refused "rel-report: --out: \"db/rel.db-shm\" is the database's shared-memory index (in $dbdir): rel never writes over it"
run rel-report student S0001 --as A001 --out db/card.html
refused "rel-report: --out: \"db/card.html\" is in the database's directory ($dbdir), which is the database's alone: write it somewhere else"
# Other names for the same files, compared by device and inode.
run rel-report weekly --as A001 --all --out ./x/../db/rel.db
refused "rel-report: --out: \"./x/../db/rel.db\" is the database (in $dbdir): rel never writes over it"
run rel-report weekly --as A001 --all --out dblink/rel.db-wal
refused "rel-report: --out: \"dblink/rel.db-wal\" is the database's write-ahead log (in $dbdir): rel never writes over it"
run rel-report coverage --as A001 --out dblink/weekly.html
refused "rel-report: --out: \"dblink/weekly.html\" is in the database's directory ($dbdir), which is the database's alone: write it somewhere else"
run rel-report coverage --as A001 --out card-link.html
refused "rel-report: --out: \"card-link.html\" is the database (in $dbdir): rel never writes over it"
run rel-report coverage --as A001 --out hard.html
refused "rel-report: --out: \"hard.html\" is the database (in $dbdir): rel never writes over it"
check_eq "$(find db -mindepth 1 | sort)" "$(cat db.files)" "the database's directory"
[ -L card-link.html ] || fail_ "the symbolic link was replaced"
check_ok

case_ "rel-init backup: 0600 under umask 022, replacing a 0644 file; never over the database"
sample_db 20
umask 022
run rel-init backup nightly.db
status_is 0
check_eq "$(stat -c %a nightly.db)" 600 "a new backup's mode"
chmod 644 nightly.db
run rel-init backup nightly.db
status_is 0
check_eq "$(stat -c %a nightly.db)" 600 "a replaced backup's mode"
check_ok nightly.db
dbdir=$(cd db && pwd -P)
db_save
run rel-init backup db/rel.db
refused "rel-init: \"db/rel.db\" is the database (in $dbdir): rel never writes over it"
run rel-init backup db/rel.db-wal
refused "rel-init: \"db/rel.db-wal\" is the database's write-ahead log (in $dbdir): rel never writes over it"
run rel-init backup ./db/../db/rel.db-shm
refused "rel-init: \"./db/../db/rel.db-shm\" is the database's shared-memory index (in $dbdir): rel never writes over it"
# Beside the database, under another name, is where a backup may go.
run rel-init backup db/before-migrate.db
status_is 0
check_eq "$(stat -c %a db/before-migrate.db)" 600 "a backup beside the database"
check_ok

case_ "--rejects: 0600 under umask 022, replacing a 0644 file; never the database: 64, nothing imported"
sample_db 20
umask 022
cat >bad.csv <<'X'
student_id,at,mood
S0001,2026-11-19T08:00,3
S0002,2026-11-19T08:05,9
X
printf 'old\n' >rejects.csv
chmod 644 rejects.csv
run rel-checkin import --as A001 --rejects rejects.csv bad.csv
status_is 65
check_eq "$(stat -c %a rejects.csv)" 600 "the rejects file's mode"
check_eq "$(sed -n 2p rejects.csv | cut -d, -f1)" S0002 "the rejected row"
dbdir=$(cd db && pwd -P)
db_save
run rel-checkin import --as A001 --rejects "$REL_DB" bad.csv
refused "rel-checkin: --rejects: \"$REL_DB\" is the database (in $dbdir): rel never writes over it"
run rel-roster import --rejects db/rel.db-wal bad.csv
refused "rel-roster: --rejects: \"db/rel.db-wal\" is the database's write-ahead log (in $dbdir): rel never writes over it"
run rel-note import --as A001 --rejects db/rel.db-shm bad.csv
refused "rel-note: --rejects: \"db/rel.db-shm\" is the database's shared-memory index (in $dbdir): rel never writes over it"
check_ok

case_ "rel-export: files 0600 under umask 022; --out never names a file of the database"
sample_db 20
umask 022
run rel-export export --as A001 --purpose test --out ex --kind student,note
status_is 0
check_eq "$(stat -c %a ex)" 700 "the directory's mode"
check_eq "$(stat -c %a ex/*.csv | sort -u)" 600 "the files' mode"
dbdir=$(cd db && pwd -P)
db_save
run rel-export export --as A001 --purpose test --out db/rel.db-wal
refused "rel-export: --out: \"db/rel.db-wal\" is the database's write-ahead log (in $dbdir): rel never writes over it"
run rel-export export --as A001 --purpose test --out db/rel.db-shm
refused "rel-export: --out: \"db/rel.db-shm\" is the database's shared-memory index (in $dbdir): rel never writes over it"
if [ -e db/rel.db-wal ] || [ -e db/rel.db-shm ]; then
	fail_ "a directory was made"
fi
check_ok

case_ "rel-report weekly --format csv --excel-safe neutralises a formula in a name"
sample_db 40
rel-roster set student S0001 --given-name "=cmd|'/C calc'!A0" >/dev/null 2>&1 ||
	fail_ "rel-roster set failed"
run rel-report weekly --as A001 --all --format csv
status_is 0
out_has ",S0001,=cmd|'/C calc'!A0,"
run rel-report weekly --as A001 --all --format csv --excel-safe
status_is 0
out_has ",S0001,\"'=cmd|'/C calc'!A0\","
out_lacks ",=cmd"
run rel-report weekly --as A001 --all --format tsv --excel-safe
status_is 0
out_has "	S0001	'=cmd|'/C calc'!A0	"
# The formats for people are not changed.
run rel-report student S0001 --as A001 --format md --excel-safe
status_is 0
out_has "=cmd|'/C calc'!A0"
out_lacks "'=cmd"

case_ "every command that writes CSV takes --excel-safe"
sample_db 40
rel-roster set student S0001 --given-name "=cmd|'/C calc'!A0" >/dev/null 2>&1 ||
	fail_ "rel-roster set failed"
# Every verb that takes --format writes CSV, and so takes --excel-safe;
# rel-profile show alone writes a card for people (text or md).
for c in "$REL_BIN"/rel-*; do
	c=${c##*/}
	for v in $("$c" --help | sed -n "s/^\(usage:\|      \) $c \[*\([a-z]*\)\]* *.*/\2/p" | sort -u); do
		opts=$(REL_HELP_OPTIONS=1 "$c" "$v" --help 2>&1 >/dev/null | sed -n 1p)
		case " $opts " in
		*" --format "*) ;;
		*) continue ;;
		esac
		[ "$c $v" = "rel-profile show" ] && continue
		case " $opts " in
		*" --excel-safe "*) echo "$c $v" ;;
		*) fail_ "$c $v takes --format but not --excel-safe" ;;
		esac
	done
done >csv-verbs
[ "$(wc -l <csv-verbs)" -ge 30 ] || fail_ "only $(wc -l <csv-verbs) CSV verbs found"
# And each of them runs with it (REL_AS for the verbs that take --as).
rel-roster list >roster.csv
while read -r c v; do
	case "$c $v" in
	"rel-report equity") set -- --by grade ;;
	"rel-report student") set -- S0001 ;;
	"rel-map history") set -- 2026-11-01 ;;
	*) set -- ;;
	esac
	REL_AS=A001 "$c" "$v" "$@" --excel-safe --format csv </dev/null \
	    >"$T/out" 2>"$T/err"
	s=$?
	[ "$s" -eq 0 ] || fail_ "$c $v --excel-safe: exit $s: $(head -n 1 "$T/err")"
	! grep -q ',=cmd' "$T/out" || fail_ "$c $v --excel-safe: a raw formula"
done <csv-verbs
run rel-csv clean --excel-safe roster.csv
status_is 0
out_has "\"'=cmd|'/C calc'!A0\""
