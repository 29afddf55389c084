/*
 * failmalloc.c: an LD_PRELOAD shim for the out-of-memory tests
 * (tests/cli/oom.sh). It counts the calls of malloc, calloc, realloc,
 * posix_memalign, aligned_alloc and memalign made after it loads, and
 * fails the Nth, with N from $REL_FAILMALLOC_N, as an exhausted heap does
 * (NULL and ENOMEM); the calls after it succeed again, so that each N
 * tests one recovery path. It counts only in programs whose name starts
 * with "rel" (so not in a shell or in valgrind's launcher script that runs
 * one). $REL_FAILMALLOC_COUNT names a file that
 * receives, at exit, the number of calls counted: a test runs once with
 * it to know the range of N worth trying.
 *
 * It allocates through glibc's __libc_* entry points rather than
 * dlsym(RTLD_NEXT), which itself allocates. Under valgrind, memcheck
 * replaces those too, so its leak check still sees every block. It cannot
 * work under AddressSanitizer, whose allocator must own every block.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static long fail_at = -1;
static long calls;
static int ready;
static const char *count_file;

__attribute__((constructor)) static void
setup(void)
{
	const char *v = getenv("REL_FAILMALLOC_N");

	if (v != NULL && *v != '\0')
		fail_at = strtol(v, NULL, 10);
	count_file = getenv("REL_FAILMALLOC_COUNT");
	ready = strncmp(program_invocation_short_name, "rel", 3) == 0;
}

__attribute__((destructor)) static void
report(void)
{
	FILE *f;

	if (!ready || count_file == NULL || *count_file == '\0')
		return;
	ready = 0;	/* fopen allocates: not counted, never failed */
	if ((f = fopen(count_file, "w")) != NULL) {
		fprintf(f, "%ld\n", calls);
		fclose(f);
	}
}

/* 1 when this call is to fail. */
static int
fail(void)
{
	if (!ready)
		return 0;
	if (++calls == fail_at) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *
malloc(size_t n)
{
	return fail() ? NULL : __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	return fail() ? NULL : __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
	/* realloc(p, 0) frees: it cannot fail. */
	if (p != NULL && n == 0)
		return __libc_realloc(p, n);
	return fail() ? NULL : __libc_realloc(p, n);
}

void *
memalign(size_t align, size_t n)
{
	return fail() ? NULL : __libc_memalign(align, n);
}

void *
aligned_alloc(size_t align, size_t n)
{
	return fail() ? NULL : __libc_memalign(align, n);
}

int
posix_memalign(void **p, size_t align, size_t n)
{
	void *q;

	if (fail())
		return ENOMEM;
	if ((q = __libc_memalign(align, n)) == NULL)
		return ENOMEM;
	*p = q;
	return 0;
}
