/*
 * failwrite.c: an LD_PRELOAD shim for the fault tests (tests/cli/fault.sh)
 * that makes a disk look full. It counts the calls of write, pwrite,
 * pwrite64, fsync and fdatasync on regular files (never on standard
 * input, output or error, so that messages still get out), and from the
 * Nth call on, with N from $REL_FAILWRITE_N, fails each with ENOSPC, as a
 * full disk does. $REL_FAILWRITE_COUNT names a file that receives, at
 * exit, the number of calls counted: a test runs once with it to know the
 * range of N worth trying.
 */
#define _GNU_SOURCE
#include <sys/stat.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long fail_at = -1;	/* the first call that fails; -1: never */
static long calls;
static const char *count_file;

__attribute__((constructor)) static void
setup(void)
{
	const char *v = getenv("REL_FAILWRITE_N");

	if (v != NULL && *v != '\0')
		fail_at = strtol(v, NULL, 10);
	count_file = getenv("REL_FAILWRITE_COUNT");
}

__attribute__((destructor)) static void
report(void)
{
	FILE *f;

	if (count_file == NULL || *count_file == '\0')
		return;
	if ((f = fopen(count_file, "w")) != NULL) {
		fprintf(f, "%ld\n", calls);
		fclose(f);
	}
}

/* 1 when this call on fd is to fail. */
static int
full(int fd)
{
	struct stat sb;

	if (fd <= 2 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	calls++;
	if (fail_at > 0 && calls >= fail_at) {
		errno = ENOSPC;
		return 1;
	}
	return 0;
}

static void *
next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (f == NULL)
		abort();
	return f;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (real == NULL)
		*(void **)&real = next("write");
	return full(fd) ? -1 : real(fd, buf, n);
}

ssize_t
pwrite(int fd, const void *buf, size_t n, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (real == NULL)
		*(void **)&real = next("pwrite");
	return full(fd) ? -1 : real(fd, buf, n, off);
}

ssize_t
pwrite64(int fd, const void *buf, size_t n, off64_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off64_t);

	if (real == NULL)
		*(void **)&real = next("pwrite64");
	return full(fd) ? -1 : real(fd, buf, n, off);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		*(void **)&real = next("fsync");
	return full(fd) ? -1 : real(fd);
}

int
fdatasync(int fd)
{
	static int (*real)(int);

	if (real == NULL)
		*(void **)&real = next("fdatasync");
	return full(fd) ? -1 : real(fd);
}
