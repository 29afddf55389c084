/*
 * util.c: allocation and string helpers used across librel.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
 * Files that may hold records. A report, a card, a backup, a rejects file
 * or an export is as private as the database it came from, so every file
 * rel makes is its owner's alone, mode 0600, whatever the umask: the
 * mode is set here and nowhere else.
 */
int
rel_file_private(int fd)
{
	return fchmod(fd, 0600);
}

/* An empty, private temporary file beside path (so that rename stays
 * within one file system): w->tmp and w->fd. */
int
rel_wfile_open(struct rel_wfile *w, const char *path, struct rel_err *e)
{
	const char *base = strrchr(path, '/');
	size_t dlen = base == NULL ? 0 : (size_t)(base - path) + 1;
	int rc;

	memset(w, 0, sizeof(*w));
	w->fd = -1;
	base = base == NULL ? path : base + 1;
	if (*base == '\0')
		return rel_err_set(e, REL_EUSAGE, "%s: a file name was "
		    "expected, not a directory", path);
	w->path = path;
	w->tmp = rel_xmalloc(dlen + strlen(base) + 10);
	memcpy(w->tmp, path, dlen);
	sprintf(w->tmp + dlen, ".%s.XXXXXX", base);
	if ((w->fd = mkstemp(w->tmp)) == -1) {
		rc = rel_err_set(e, REL_ECANTCREAT, "%s: cannot create a "
		    "file there: %s", path, strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		return rc;
	}
	if (rel_file_private(w->fd) == -1) {
		rc = rel_err_set(e, REL_ECANTCREAT, "%s: cannot make it "
		    "private: %s", path, strerror(errno));
		rel_wfile_abort(w);
		return rc;
	}
	return 0;
}

int
rel_wfile_write(struct rel_wfile *w, const void *buf, size_t len,
    struct rel_err *e)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		if ((n = write(w->fd, (const char *)buf + off, len - off)) ==
		    -1) {
			if (errno == EINTR)
				continue;
			return rel_err_set(e, REL_EIO, "%s: writing: %s",
			    w->path, strerror(errno));
		}
		off += (size_t)n;
	}
	return 0;
}

/* Synced, then renamed over the final name, then the directory synced:
 * after a crash the name holds the old file or the whole new one. On
 * failure the temporary file is removed and the old file left as it
 * was. */
int
rel_wfile_commit(struct rel_wfile *w, struct rel_err *e)
{
	char *dir;
	int rc, fd = w->fd;

	w->fd = -1;
	if (fsync(fd) == -1) {
		rc = rel_err_set(e, REL_EIO, "%s: writing: %s", w->path,
		    strerror(errno));
		close(fd);
		rel_wfile_abort(w);
		return rc;
	}
	if (close(fd) == -1) {
		rc = rel_err_set(e, REL_EIO, "%s: writing: %s", w->path,
		    strerror(errno));
		rel_wfile_abort(w);
		return rc;
	}
	if (rename(w->tmp, w->path) == -1) {
		rc = rel_err_set(e, REL_ECANTCREAT, "%s: cannot replace it: %s",
		    w->path, strerror(errno));
		rel_wfile_abort(w);
		return rc;
	}
	/* The rename itself is durable once the directory is synced. */
	dir = rel_xstrdup(w->tmp);
	if (strrchr(dir, '/') != NULL) {
		*strrchr(dir, '/') = '\0';
		if (*dir == '\0')
			strcpy(dir, "/");
	} else
		strcpy(dir, ".");
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	free(w->tmp);
	w->tmp = NULL;
	return 0;
}

void
rel_wfile_abort(struct rel_wfile *w)
{
	if (w->fd != -1)
		close(w->fd);
	w->fd = -1;
	if (w->tmp != NULL)
		unlink(w->tmp);
	free(w->tmp);
	w->tmp = NULL;
}

/*
 * The whole of an output file, atomically: written beside it, synced
 * and renamed over path. A reader sees the old file or the new one, never
 * half of one, and a failure leaves the old file as it was.
 */
int
rel_file_replace(const char *path, const void *buf, size_t len,
    struct rel_err *e)
{
	struct rel_wfile w;
	int rc;

	if ((rc = rel_wfile_open(&w, path, e)) != 0)
		return rc;
	if ((rc = rel_wfile_write(&w, buf, len, e)) != 0) {
		rel_wfile_abort(&w);
		return rc;
	}
	return rel_wfile_commit(&w, e);
}

/* The directory of path (trailing slashes ignored) and its last name. */
static void
split_path(const char *path, char *dir, size_t n, const char **base)
{
	size_t len = strlen(path);
	char *slash;

	while (len > 1 && path[len - 1] == '/')
		len--;
	if (len >= n)
		len = n - 1;
	memcpy(dir, path, len);
	dir[len] = '\0';
	slash = strrchr(dir, '/');
	if (slash == NULL) {
		*base = path;
		rel_strlcpy(dir, ".", n);
	} else {
		*base = path + (slash - dir) + 1;
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int
rel_db_out_check(struct rel_db *db, const char *opt, const char *path,
    unsigned flags, struct rel_err *e)
{
	static const struct {
		const char *suffix, *what;
	} files[] = {
		{ "", "the database" },
		{ "-wal", "the database's write-ahead log" },
		{ "-shm", "the database's shared-memory index" },
		{ "-journal", "the database's rollback journal" },
	};
	const char *dbpath = rel_db_filename(db), *dbase, *base;
	char dbdir[PATH_MAX], dir[PATH_MAX], name[PATH_MAX], real[PATH_MAX];
	struct stat dsb, psb, sb;
	size_t i, blen, dlen;
	int same_dir, have_path;

	if (dbpath == NULL || *dbpath == '\0' || path == NULL)
		return 0;
	split_path(dbpath, dbdir, sizeof(dbdir), &dbase);
	split_path(path, dir, sizeof(dir), &base);
	same_dir = stat(dbdir, &dsb) == 0 && stat(dir, &psb) == 0 &&
	    same_file(&dsb, &psb);
	have_path = stat(path, &psb) == 0;
	if (realpath(dbdir, real) == NULL)
		rel_strlcpy(real, dbdir, sizeof(real));
	blen = strcspn(base, "/");
	dlen = strlen(dbase);
	for (i = 0; i < NELEM(files); i++) {
		int named = same_dir && blen == dlen + strlen(files[i].suffix) &&
		    strncmp(base, dbase, dlen) == 0 &&
		    strncmp(base + dlen, files[i].suffix, blen - dlen) == 0;

		snprintf(name, sizeof(name), "%s%s", dbpath, files[i].suffix);
		if (named || (have_path && stat(name, &sb) == 0 &&
		    same_file(&sb, &psb)))
			return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, path,
			    strlen(path), "is %s (in %s): rel never writes "
			    "over it", files[i].what, real);
	}
	if ((flags & REL_DB_OUT_AWAY) && same_dir)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, path,
		    strlen(path), "is in the database's directory (%s), which "
		    "is the database's alone: write it somewhere else", real);
	return 0;
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
	if (rel_file_private(fd) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
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
