#!/bin/sh
# lint.sh: cppcheck on the C sources, shellcheck on the scripts, and
# mandoc -Tlint on the man pages. Any finding fails.
set -u
cd "$(dirname "$0")/.." || exit 1
rc=0
cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
    --std=c11 --inline-suppr -Iinclude -Ilib \
    --suppress=missingIncludeSystem lib cmd tests/shim tests/fuzz bench || rc=1
shellcheck -s sh tools/*.sh tests/env.sh tests/run.sh tests/cli/*.sh bench/*.sh .ci/run \
    tests/data/bad/*.gen || rc=1
shellcheck -s bash completions/rel.bash || rc=1
mandoc -Tlint -Wwarning man/man*/* || rc=1
[ "$rc" -eq 0 ] && echo "lint: clean"
exit "$rc"
