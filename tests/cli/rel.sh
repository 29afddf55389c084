#!/bin/sh
# rel, the front door.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

case_ "rel runs rel-COMMAND with the same arguments and status"
sample_db 20
run rel roster list --grade 9
status_is 0
rel-roster list --grade 9 >direct.csv
out_file_is direct.csv
run rel roster list --format xml
status_is 64

case_ "rel help lists the installed commands"
run rel help
status_is 0
out_has '  roster     students, adults, groups and memberships'
out_has '  init       create, migrate, check and back up the database'
out_has '  csv        check and clean CSV files from other systems'

case_ "rel finds its commands beside itself, without PATH"
run_sh "PATH=/usr/bin:/bin '$REL_BIN/rel' init --version"
status_is 0
out_is <<'X'
rel-init (rel) 0.1.0
X

case_ "an unknown command is a usage error"
run rel frobnicate
status_is 64
err_is <<'X'
rel: unknown command "frobnicate" (rel help lists them)
X
run rel ../../bin/sh
status_is 64

case_ "no arguments: usage on stderr, 64"
run rel
status_is 64
err_has 'usage: rel COMMAND [ARG ...]'
run rel --version
status_is 0
out_is <<'X'
rel (rel) 0.1.0
X

case_ "rel help COMMAND: an unknown one is a usage error"
run rel help frobnicate
status_is 64
err_is <<'X'
rel: help: unknown command "frobnicate" (rel help lists them)
X

if command -v man >/dev/null 2>&1; then
	case_ "rel help COMMAND shows its manual, from the build tree too"
	MANPAGER=cat MANWIDTH=80 run rel help roster
	status_is 0
	out_has 'REL-ROSTER(1)'
	out_has 'students, adults, groups and memberships'
fi
