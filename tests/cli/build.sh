#!/bin/sh
# make install: PREFIX and DESTDIR, the shared library's soname and its
# exported symbols, headers, man pages and rel.pc.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

case_ "make install honours DESTDIR and PREFIX"
run_sh "env -u MAKEFLAGS -u MFLAGS make -s -C '$REL_ROOT' install B='$REL_B' DESTDIR='$T/root' PREFIX=/opt/rel"
status_is 0
for f in bin/rel bin/rel-init bin/rel-csv bin/rel-roster lib/librel.a \
    lib/librel.so.0 lib/librel.so include/rel/rel.h include/rel/csv.h \
    share/man/man1/rel-roster.1 share/man/man5/rel-records.5 \
    share/man/man7/rel.7 lib/pkgconfig/rel.pc; do
	[ -e "$T/root/opt/rel/$f" ] || fail_ "not installed: $f"
done
grep -q '^prefix=/opt/rel$' "$T/root/opt/rel/lib/pkgconfig/rel.pc" ||
	fail_ "rel.pc does not name the prefix"

case_ "librel.so has its soname and exports only rel_ names"
lib="$REL_ROOT/$REL_B/librel.so.0"
check_eq "$(readelf -d "$lib" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')" librel.so.0 "soname"
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ { print $3 }' >syms.txt
grep -v '^rel_' syms.txt >other.txt
[ -s syms.txt ] || fail_ "no exported symbols"
[ ! -s other.txt ] || fail_ "exports names without rel_: $(head -n 3 other.txt | tr '\n' ' ')"

# The sanitizer build's library needs the sanitizer runtime to link.
if [ "$REL_B" = build ]; then
	case_ "a program builds against the installed library with pkg-config"
	env -u MAKEFLAGS -u MFLAGS make -s -C "$REL_ROOT" install B="$REL_B" DESTDIR="$T/root" PREFIX=/usr >/dev/null
	cat >p.c <<'X'
#include <stdio.h>
#include <rel/rel.h>

int
main(void)
{
	char buf[REL_DATE_LEN];

	rel_date_format(rel_days_from_civil(2026, 11, 22), buf);
	printf("%s %s\n", REL_VERSION, buf);
	return 0;
}
X
	run_sh "PKG_CONFIG_SYSROOT_DIR='$T/root' PKG_CONFIG_PATH='$T/root/usr/lib/pkgconfig' \
	    cc -o p p.c \$(PKG_CONFIG_SYSROOT_DIR='$T/root' PKG_CONFIG_PATH='$T/root/usr/lib/pkgconfig' pkg-config --cflags --libs rel) && \
	    LD_LIBRARY_PATH='$T/root/usr/lib' ./p"
	status_is 0
	out_is <<'X'
0.1.0 2026-11-22
X
fi

case_ "make deps, not as root, says exactly what to install"
run_sh "REL_DEPS_EXTRA=rel-no-such-package setpriv --reuid=65534 --regid=65534 --clear-groups sh '$REL_ROOT/tools/deps.sh'"
status_is 1
err_is <<'X'
deps: missing packages: rel-no-such-package
deps: run: sudo apt-get install rel-no-such-package
X
