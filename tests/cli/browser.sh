#!/bin/sh
# The HTML reports in a real browser: Debian's chromium, headless, renders
# the weekly digest and a student card of the sample school. The page
# loads, the DOM it built holds the SVG charts with their titles, and the
# screenshot is not blank: it differs from a screenshot of an empty page of
# the same size, and holds far more picture than one.
#
# Chromium is kept off the network: every host name resolves to nothing,
# a proxy that does not exist takes any request that gets that far, and
# the background services (updates, sync, metrics) are off. The pages
# have no external asset, so nothing is lost. It runs outside $REL_WRAP:
# valgrind checks rel, not the browser.
# shellcheck disable=SC1091
. "$REL_ROOT/tests/cli/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)

# browse ARGS... FILE: chromium on a file of the case, its own profile.
browse() {
	f=$1
	shift
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$T/profile" --no-first-run \
	    --no-default-browser-check --disable-background-networking \
	    --disable-component-update --disable-sync --disable-extensions \
	    --disable-default-apps --metrics-recording-only --no-pings \
	    --host-resolver-rules='MAP * ~NOTFOUND' \
	    --proxy-server='127.0.0.1:9' --hide-scrollbars \
	    --window-size=1000,1400 "$@" "file://$T/$f" 2>"$T/chromium.err"
}

# page FILE WHAT: the page loads and holds its charts, and its screenshot
# is not blank.
page() {
	if [ -z "$CHROMIUM" ]; then
		fail_ "chromium is not installed (make deps installs it)"
		return
	fi
	browse "$1" --dump-dom >"$T/dom.html" ||
		fail_ "chromium --dump-dom failed on $1: $(tail -n 3 "$T/chromium.err")"
	grep -q '<h1>' "$T/dom.html" || fail_ "$2: no <h1> in the DOM"
	n=$(grep -o '<svg' "$T/dom.html" | wc -l)
	[ "$n" -ge "$3" ] || fail_ "$2: $n <svg> in the DOM, expected $3 or more"
	grep -q '<svg[^>]*role="img"' "$T/dom.html" ||
		fail_ "$2: no chart (an <svg role=\"img\">) in the DOM"
	grep -q '<title>' "$T/dom.html" || fail_ "$2: no <title> in the DOM"
	browse "$1" --screenshot="$T/page.png" >/dev/null ||
		fail_ "chromium --screenshot failed on $1"
	printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>blank</title></head><body></body></html>\n' >"$T/blank.html"
	browse blank.html --screenshot="$T/blank.png" >/dev/null ||
		fail_ "chromium --screenshot failed on an empty page"
	[ -s "$T/page.png" ] || fail_ "$2: no screenshot"
	if cmp -s "$T/page.png" "$T/blank.png"; then
		fail_ "$2: the screenshot is the same as an empty page's"
	fi
	p=$(wc -c <"$T/page.png")
	b=$(wc -c <"$T/blank.png")
	[ "$p" -gt $((b * 4)) ] ||
		fail_ "$2: the screenshot ($p bytes) holds hardly more than an empty page's ($b bytes)"
}

case_ "the weekly digest renders in chromium, with its charts"
sample_db 60 1
run rel-report weekly --all --as A001 --out weekly.html
status_is 0
page weekly.html "weekly digest" 1
case_ "a student card renders in chromium, with its mood chart"
sample_db 60 1
run rel-report student S0003 --as A001 --out card.html
status_is 0
page card.html "student card" 1
