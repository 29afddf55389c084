# rel: a plain Makefile. `make`, `make check`, `make demo`, `make install`.
.SUFFIXES:

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# Where bash-completion and zsh look for completions; a packager may move them.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions

# The release version lives in include/rel/base.h; the ABI version is kept
# apart from it and changes only when librel's interface does.
VERSION := $(shell sed -n 's/^\#define REL_VERSION "\(.*\)"/\1/p' include/rel/base.h)
ABI_MAJOR = 0
ABI_MINOR = 1
ABI_PATCH = 0
SONAME = librel.so.$(ABI_MAJOR)

CC ?= cc
FUZZ_TIME ?= 60
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wpedantic -Werror
CPPFLAGS_REL = -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PKG_CONFIG ?= pkg-config
SQLITE_CFLAGS = $$($(PKG_CONFIG) --cflags sqlite3 2>/dev/null)
SQLITE_LIBS = $$($(PKG_CONFIG) --libs sqlite3 2>/dev/null || echo -lsqlite3)
CMOCKA_LIBS = $$($(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
# libsodium: the keyed HMAC of de-identified exports and its random key.
SODIUM_CFLAGS = $$($(PKG_CONFIG) --cflags libsodium 2>/dev/null)
SODIUM_LIBS = $$($(PKG_CONFIG) --libs libsodium 2>/dev/null || echo -lsodium)
# -pthread: an export reads a list back through a pipe from a second thread.
# -lm: the rules of rel-flag round means and rates.
LIBS_REL = $(SQLITE_LIBS) $(SODIUM_LIBS) -lcsv -pthread -lm

# SANITIZE=1 builds everything apart, under ASan and UBSan. SANITIZE=fuzz
# is the library as tools/fuzz.sh builds it (CC=clang, for libFuzzer).
SANITIZE ?= 0
B_0 = build
B_1 = build-san
B_fuzz = build-fuzz
B = $(B_$(SANITIZE))
SAN_0 =
SAN_1 = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_fuzz = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN = $(SAN_$(SANITIZE))

ALL_CFLAGS = $(WARN) $(CPPFLAGS_REL) $(SQLITE_CFLAGS) $(SODIUM_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(SAN)
ALL_LDFLAGS = $(LDFLAGS) $(SAN)

LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:lib/%.c=$(B)/lib/%.o) $(B)/lib/schema.o
HDRS = $(wildcard include/rel/*.h) lib/internal.h
CMDS = $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
BINS = $(CMDS:%=$(B)/bin/%)
UNIT = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
SHIMS = $(patsubst tests/shim/%.c,$(B)/tests/shim/%.so,$(wildcard tests/shim/*.c))
# The fuzz targets, built here with replay.c's main() so that make check
# replays their corpora without clang (tests/cli/fuzz-replay.sh).
FUZZ = $(patsubst tests/fuzz/%.c,$(B)/tests/fuzz/%,$(filter-out tests/fuzz/replay.c,$(wildcard tests/fuzz/*.c)))
MAN1 = $(wildcard man/man1/*.1)
MAN5 = $(wildcard man/man5/*.5)
MAN7 = $(wildcard man/man7/*.7)

all: $(B)/librel.a $(B)/$(SONAME) $(BINS) $(B)/rel.pc man

$(B)/lib/%.o: lib/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

# The schema is one SQL file compiled into the library.
$(B)/lib/schema.c: lib/schema.sql tools/sql2c.awk
	@mkdir -p $(@D)
	awk -f tools/sql2c.awk lib/schema.sql > $@.tmp && mv $@.tmp $@

$(B)/lib/schema.o: $(B)/lib/schema.c
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

$(B)/librel.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(B)/$(SONAME): $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $(B)/librel.so.$(ABI_MAJOR).$(ABI_MINOR).$(ABI_PATCH) $(LIB_OBJ) $(LIBS_REL)
	ln -sf librel.so.$(ABI_MAJOR).$(ABI_MINOR).$(ABI_PATCH) $@
	ln -sf $(SONAME) $(B)/librel.so

# A command's usage is its man page's SYNOPSIS, made into C by
# tools/usage.awk; a temporary file and a rename, so that a stopped make
# leaves no half header. The headers are kept, not deleted as make
# deletes intermediate files, so that a second make has nothing to do.
USAGE_H = $(CMDS:%=$(B)/gen/usage-%.h)
.SECONDARY: $(USAGE_H)
$(B)/gen/usage-%.h: man/man1/%.1 tools/usage.awk
	@mkdir -p $(@D)
	awk -f tools/usage.awk man/man1/$*.1 > $@.tmp && mv $@.tmp $@

# Commands link librel statically: each is one self-contained binary.
$(B)/bin/%: cmd/%.c $(B)/gen/usage-%.h $(B)/librel.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -I$(B)/gen $(ALL_LDFLAGS) -o $@ $< $(B)/librel.a $(LIBS_REL)

$(B)/tests/%: tests/unit/%.c tests/unit/unit.h tests/unit/tmpdb.h tests/unit/card.h $(B)/librel.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ilib $(ALL_LDFLAGS) -o $@ $< $(B)/librel.a $(LIBS_REL) $(CMOCKA_LIBS)

# The fault tests' LD_PRELOAD shims (tests/shim): never sanitized, since
# they stand between the commands and libc.
$(B)/tests/shim/%.so: tests/shim/%.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -fPIC -shared -o $@ $< -ldl

$(B)/tests/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(B)/librel.a $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ilib $(ALL_LDFLAGS) -o $@ $< tests/fuzz/replay.c $(B)/librel.a $(LIBS_REL)

$(B)/rel.pc: rel.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    rel.pc.in > $@

# Man pages are mdoc sources; building them means checking they format.
man: $(B)/man.ok
$(B)/man.ok: $(MAN1) $(MAN5) $(MAN7)
	@mkdir -p $(B)
	@if [ -z "$(MAN1)$(MAN5)$(MAN7)" ]; then touch $@; \
	elif command -v mandoc >/dev/null 2>&1; then \
	    mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN7) && touch $@; \
	else echo "note: mandoc not installed; man pages not checked (make deps)"; fi

deps:
	@sh tools/deps.sh

tests: $(UNIT) $(BINS) $(SHIMS) $(FUZZ)

# VALGRIND=1: every unit test and every rel command the CLI tests run goes
# through memcheck; any error or definite or indirect leak fails the test.
VALGRIND ?= 0
MEMCHECK = valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
WRAP_0 =
WRAP_1 = $(MEMCHECK)

check: deps
	@$(MAKE) --no-print-directory all tests
	@REL_WRAP="$(WRAP_$(VALGRIND))" sh tests/run.sh $(B)

# The older name of `make check VALGRIND=1`.
check-valgrind:
	@$(MAKE) --no-print-directory check VALGRIND=1

# make bench [SCALE=small]: the district-scale benchmark (bench/README.md):
# each target against its peer, appended to bench/results.csv. Not part
# of all or check. SCALE=full is 100,000 students with 1M and 10M
# check-ins; SCALE=small 10,000 with 100k and 1M, in a few minutes.
SCALE ?= full
bench:
	@REL_DEPS_EXTRA="hyperfine miller" sh tools/deps.sh
	@$(MAKE) --no-print-directory all $(B)/bench/gen
	@sh bench/run.sh $(B) $(SCALE)

$(B)/bench/gen: bench/gen.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CPPFLAGS_REL) $(CPPFLAGS) $(CFLAGS) $(SAN) $(ALL_LDFLAGS) -o $@ bench/gen.c

# FUZZ_TIME=N make fuzz: build the libFuzzer targets with clang, replay
# their corpora, then fuzz each for N seconds (default 60).
fuzz:
	@FUZZ_TIME=$(FUZZ_TIME) sh tools/fuzz.sh

lint: deps
	@sh tools/lint.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(B)

install: all install-completions
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/rel \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(PKGCONFIGDIR)
	cp $(BINS) $(DESTDIR)$(BINDIR)/
	cp $(B)/librel.a $(DESTDIR)$(LIBDIR)/
	cp $(B)/librel.so.$(ABI_MAJOR).$(ABI_MINOR).$(ABI_PATCH) $(DESTDIR)$(LIBDIR)/
	ln -sf librel.so.$(ABI_MAJOR).$(ABI_MINOR).$(ABI_PATCH) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/librel.so
	cp include/rel/*.h $(DESTDIR)$(INCLUDEDIR)/rel/
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    rel.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/rel.pc

# bash-completion loads a command's completion from a file named after the
# command: one copy of rel.bash under each name. zsh's _rel stands alone:
# rel.bash's text goes in at its @REL_BASH@ line, and #compdef names every
# command built here.
install-completions:
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp completions/rel.bash $(DESTDIR)$(BASHCOMPDIR)/rel
	for c in $(filter-out rel,$(CMDS)); do \
	    ln -sf rel $(DESTDIR)$(BASHCOMPDIR)/$$c || exit 1; done
	sed -e '/^# @REL_BASH@$$/r completions/rel.bash' \
	    -e 's|^#compdef .*|#compdef $(sort $(CMDS))|' \
	    completions/_rel > $(DESTDIR)$(ZSHCOMPDIR)/_rel

uninstall:
	for c in $(CMDS); do rm -f $(DESTDIR)$(BINDIR)/$$c; done
	rm -f $(DESTDIR)$(LIBDIR)/librel.a $(DESTDIR)$(LIBDIR)/librel.so*
	rm -rf $(DESTDIR)$(INCLUDEDIR)/rel
	for m in $(MAN1) $(MAN5) $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/$${m#man/}; done
	rm -f $(DESTDIR)$(PKGCONFIGDIR)/rel.pc
	for c in $(CMDS); do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$c; done
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_rel

clean:
	rm -rf build build-san build-fuzz demo

.PHONY: all man deps tests check check-valgrind bench fuzz lint demo install install-completions uninstall clean
