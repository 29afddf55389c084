/*
 * util.c: allocation and string helpers used across librel.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static void
oom(size_t n)
{
	fprintf(stderr, "%s: out of memory (%zu bytes)\n", rel_getprogname(), n);
	exit(REL_ESOFTWARE);
}

void *
rel_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
rel_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom(n * size);
	return p;
}

void *
rel_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

char *
rel_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = rel_xmalloc(n);

	memcpy(p, s, n);
	return p;
}

void
rel_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n == 0)
		return;
	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/*
 * The whole of an output file, atomically: a temporary file beside it
 * (so that rename stays within one file system), written, synced and
 * renamed over path. A reader sees the old file or the new one, never
 * half of one, and a failure leaves the old file as it was.
 */
int
rel_file_replace(const char *path, const void *buf, size_t len,
    struct rel_err *e)
{
	const char *base = strrchr(path, '/');
	size_t dlen = base == NULL ? 0 : (size_t)(base - path) + 1;
	mode_t mask;
	size_t off = 0;
	ssize_t n;
	char *tmp;
	int fd, rc = 0;

	base = base == NULL ? path : base + 1;
	if (*base == '\0')
		return rel_err_set(e, REL_EUSAGE, "--out: %s: a file name was "
		    "expected, not a directory", path);
	tmp = rel_xmalloc(dlen + strlen(base) + 10);
	memcpy(tmp, path, dlen);
	sprintf(tmp + dlen, ".%s.XXXXXX", base);
	if ((fd = mkstemp(tmp)) == -1) {
		rc = rel_err_set(e, REL_ECANTCREAT, "%s: cannot create a file "
		    "there: %s", path, strerror(errno));
		free(tmp);
		return rc;
	}
	/* mkstemp makes 0600; the file gets what a redirection would. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) == -1)
		goto fail;
	while (off < len) {
		if ((n = write(fd, (const char *)buf + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		rc = rel_err_set(e, REL_ECANTCREAT, "%s: cannot replace it: %s",
		    path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return rc;
	}
	free(tmp);
	return 0;
fail:
	rc = rel_err_set(e, REL_EIO, "%s: writing: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return rc;
}

uint64_t
rel_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

FILE *
rel_tmpfile(void)
{
	const char *dir = rel_tmpdir();
	char *path;
	FILE *fp;
	int fd, saved;

	path = rel_xmalloc(strlen(dir) + 16);
	sprintf(path, "%s/rel.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd == -1) {
		free(path);
		return NULL;
	}
	/* Nameless from here: nothing is left behind, whatever happens. */
	unlink(path);
	free(path);
	if ((fp = fdopen(fd, "w+")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return fp;
}

const char *
rel_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir != NULL && *dir != '\0' ? dir : "/tmp";
}
