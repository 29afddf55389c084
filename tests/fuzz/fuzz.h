/*
 * fuzz.h: what the fuzz targets share. Each tests/fuzz/TARGET.c defines
 * LLVMFuzzerTestOneInput. `make fuzz` (tools/fuzz.sh) links it with
 * libFuzzer's main(); `make check` links it with replay.c's, which runs
 * each file of the corpus and regress folders once.
 *
 * A target checks invariants, not only that nothing crashes: a broken one
 * is FUZZ_CHECK's message and abort(), which libFuzzer keeps as a crash.
 */
#ifndef REL_FUZZ_H
#define REL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

/* n bytes as a NUL-terminated string (a NUL inside ends it early). */
static inline char *
fuzz_str(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);

	FUZZ_CHECK(s != NULL);
	if (n > 0)
		memcpy(s, d, n);
	s[n] = '\0';
	return s;
}

/* The bytes as a stream to read. An empty input reads from a one-byte
 * buffer limited to nothing, as fmemopen may refuse size 0. */
static inline FILE *
fuzz_fp(const uint8_t *d, size_t n)
{
	static char none[1];
	FILE *fp;

	if (n == 0) {
		fp = fmemopen(none, 1, "r");
		if (fp != NULL)
			fseek(fp, 1, SEEK_SET);
		return fp;
	}
	return fmemopen((void *)(uintptr_t)d, n, "r");
}

#endif
