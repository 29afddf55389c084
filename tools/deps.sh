#!/bin/sh
# deps.sh: install the Debian packages rel needs to build, test and lint.
# As root it runs apt-get; otherwise it says exactly what to install.
set -u
# chromium and fonts-dejavu-core: tests/cli/browser.sh renders the HTML
# reports in a real (headless) browser, with a font to draw their text.
# man-db and zsh: tests/cli/install.sh checks that man finds the installed
# pages and that zsh loads the installed completion.
# REL_DEPS_EXTRA adds package names (the tests use it to see the message).
pkgs="${REL_DEPS_EXTRA:-} gcc make libsqlite3-dev libcsv-dev libsodium-dev libcmocka-dev pkg-config mandoc sqlite3 time cppcheck shellcheck valgrind chromium fonts-dejavu-core man-db zsh"
missing=""
for p in $pkgs; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case $st in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	# shellcheck disable=SC2086
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >/dev/null ||
		{ echo "deps: apt-get failed for:$missing" >&2; exit 1; }
else
	echo "deps: missing packages:$missing" >&2
	echo "deps: run: sudo apt-get install$missing" >&2
	exit 1
fi
