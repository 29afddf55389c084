#!/bin/sh
# After make install into a DESTDIR: man finds the pages, the bash and zsh
# completions load and complete, and pkg-config links a program against
# the installed librel. Installs from the build this run uses ($REL_B), so
# the plain and the SANITIZE=1 runs each check their own, with nothing to
# rebuild.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

case $REL_B in
build-san) san=1 ;;
*) san=0 ;;
esac
dest=$(mktemp -d "${TMPDIR:-/tmp}/relinst.XXXXXX") || exit 1
trap 'script_end $?; rm -rf "$dest"' EXIT
root=$dest/usr/local
bcomp=$root/share/bash-completion/completions

case_ "make install puts the completions where bash and zsh look"
# The make running this test passes its jobserver along: not wanted here.
run_sh "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -j1 -C '$REL_ROOT' \
    install B='$REL_B' SANITIZE=$san PREFIX=/usr/local DESTDIR='$dest'"
status_is 0
for c in "$REL_ROOT"/cmd/*.c; do
	c=$(basename "$c" .c)
	[ -r "$bcomp/$c" ] || fail_ "no bash completion for $c"
done
[ -r "$root/share/zsh/site-functions/_rel" ] || fail_ "no zsh _rel"
head -n 1 "$root/share/zsh/site-functions/_rel" >compdef.txt
grep -q '^#compdef rel .*rel-map' compdef.txt || fail_ "#compdef: $(cat compdef.txt)"

case_ "man finds the installed pages"
if command -v man >/dev/null 2>&1; then
	run_sh "MANPATH='$root/share/man' man -w rel-map"
	status_is 0
	out_is <<X
$root/share/man/man1/rel-map.1
X
	run_sh "MANPATH='$root/share/man' man -w 7 rel"
	out_is <<X
$root/share/man/man7/rel.7
X
else
	fail_ "man is not installed (make deps)"
fi

case_ "the installed bash completion completes verbs, options and ids"
sample_db 12
cat >t.bash <<'X'
. "$1/rel-map"
c() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_rel_complete
	printf '%s|' "$*"
	[ ${#COMPREPLY[@]} -eq 0 ] || printf ' %s' "${COMPREPLY[@]}"
	printf '\n'
}
c rel-map ga
c rel-map gaps --min-
c rel-map mark --strength ''
c rel-report student S000
c rel-map mark --adult A00
c rel ro
c rel help ma
c rel map gaps --format=j
c rel-flag rules ''
# The ids come from the --db on the line.
REL_DB=$PWD/nowhere.db
c rel-report student --db db/rel.db S001
c rel-report student S001
X
run_sh "PATH='$root/bin:/usr/bin:/bin' bash t.bash '$bcomp'"
status_is 0
out_is <<'X'
rel-map ga| gaps
rel-map gaps --min-| --min-strength --min-adults
rel-map mark --strength | 1 2 3
rel-report student S000| S0001 S0002 S0003 S0004 S0005 S0006 S0007 S0008 S0009
rel-map mark --adult A00| A001 A002 A003 A004 A005 A006
rel ro| roster
rel help ma| map
rel map gaps --format=j| json
rel-flag rules | set reset
rel-report student --db db/rel.db S001| S0010 S0011 S0012
rel-report student S001|
X
err_empty

case_ "zsh loads _rel and registers it for every command"
if command -v zsh >/dev/null 2>&1; then
	sample_db 12
	# A whole completion needs a terminal; without one, zsh still shows
	# that compinit registers _rel, and what _rel would add.
	cat >t.zsh <<'X'
fpath=("$1" $fpath)
autoload -Uz compinit && compinit -u -d "$PWD/zcompdump"
print -r -- "$_comps[rel-map] $_comps[rel] $_comps[rel-roster]"
compadd() { [[ $1 == -a ]] && print -r -- "${(P)2}"; }
compset() { return 1; }
words=(rel-map ga) CURRENT=2 PREFIX=ga _rel
words=(rel-report student S000) CURRENT=3 PREFIX=S000 _rel
X
	run_sh "PATH='$root/bin:/usr/bin:/bin' zsh -f t.zsh '$root/share/zsh/site-functions'"
	status_is 0
	out_is <<'X'
_rel _rel _rel
mark import assign unassign gaps suggest caseload list history
S0001 S0002 S0003 S0004 S0005 S0006 S0007 S0008 S0009
X
else
	fail_ "zsh is not installed (make deps)"
fi

case_ "pkg-config links a program against the installed librel"
cat >p.c <<'X'
#include <stdio.h>
#include <rel/rel.h>

int
main(void)
{
	char buf[REL_DATE_LEN];

	rel_date_format(rel_days_from_civil(2026, 11, 20), buf);
	printf("%s %s\n", REL_VERSION, buf);
	return 0;
}
X
# rel.pc names /usr/local: the sysroot puts its paths under the DESTDIR.
# The sanitizer build's librel needs the sanitizer runtime to link.
flags=""
[ "$san" = 1 ] && flags="-fsanitize=address,undefined"
pc="PKG_CONFIG_SYSROOT_DIR='$dest' PKG_CONFIG_PATH='$root/lib/pkgconfig'"
run_sh "$pc pkg-config --libs rel"
status_is 0
case $(cat "$T/out") in
"-L$root/lib -lrel"*) ;;
*) fail_ "pkg-config --libs rel: $(cat "$T/out")" ;;
esac
run_sh "cc $flags -o p p.c \$($pc pkg-config --cflags --libs rel) &&
    LD_LIBRARY_PATH='$root/lib' ./p"
status_is 0
out_is <<'X'
0.1.0 2026-11-20
X
