/*
 * import.c: the import loop shared by every importer, and the field
 * checks their write functions use.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"

/* The rejects file: written beside its final name, renamed at the end. */
struct rejects {
	const char *path;
	char tmp[PATH_MAX];
	FILE *fp;
	struct rel_csv_writer w;
	char **hdr;
	size_t ncols;
};

static int
rejects_open(struct rejects *rj, const char *path, const struct rel_csv_row *hdr,
    struct rel_err *e)
{
	const char *slash = strrchr(path, '/');
	int fd;
	size_t i;

	if (slash == NULL)
		snprintf(rj->tmp, sizeof(rj->tmp), ".rel-rejects.XXXXXX");
	else
		snprintf(rj->tmp, sizeof(rj->tmp), "%.*s/.rel-rejects.XXXXXX",
		    (int)(slash - path), path);
	fd = mkstemp(rj->tmp);
	if (fd < 0 || rel_file_private(fd) != 0 ||
	    (rj->fp = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		return rel_err_at(e, REL_ECANTCREAT, path, 0, "--rejects",
		    "cannot create: %s", strerror(errno));
	}
	rj->path = path;
	rel_csv_writer_init(&rj->w, rj->fp, 0);
	rj->ncols = hdr->n;
	rj->hdr = rel_xcalloc(hdr->n, sizeof(char *));
	for (i = 0; i < hdr->n; i++) {
		rj->hdr[i] = rel_xstrdup(hdr->f[i]);
		rel_csv_put(&rj->w, hdr->f[i], hdr->len[i]);
	}
	rel_csv_put(&rj->w, "reason", 6);
	rel_csv_endrow(&rj->w);
	return 0;
}

static int
rejects_same_header(const struct rejects *rj, const struct rel_csv_row *hdr)
{
	size_t i;

	if (hdr->n != rj->ncols)
		return 0;
	for (i = 0; i < hdr->n; i++)
		if (strcmp(hdr->f[i], rj->hdr[i]) != 0)
			return 0;
	return 1;
}

static void
rejects_put_reason(struct rejects *rj, const struct rel_csv_row *row,
    const char *reason)
{
	size_t i;

	for (i = 0; i < row->n; i++)
		rel_csv_put(&rj->w, row->f[i], row->len[i]);
	/* A short row is padded so that reason stays the last column. */
	for (; i < rj->ncols; i++)
		rel_csv_put(&rj->w, "", 0);
	rel_csv_put(&rj->w, reason, strlen(reason));
	rel_csv_endrow(&rj->w);
}

static void
reason_of(const struct rel_err *why, char *reason, size_t n)
{
	if (why->line > 0)
		snprintf(reason, n, "line %ld: %s%s%s", why->line,
		    why->column, why->column[0] ? ": " : "", why->msg);
	else
		snprintf(reason, n, "%s%s%s", why->column,
		    why->column[0] ? ": " : "", why->msg);
}

static void
rejects_put(struct rejects *rj, const struct rel_csv_row *row,
    const struct rel_err *why)
{
	char reason[1200];

	reason_of(why, reason, sizeof(reason));
	rejects_put_reason(rj, row, reason);
}

/* Finish the rejects file: keep it (rename into place) or drop it. */
static int
rejects_close(struct rejects *rj, int keep, struct rel_err *e)
{
	size_t i;
	int rc = 0;

	if (rj->fp == NULL)
		return 0;
	if (keep) {
		if (fflush(rj->fp) != 0 || ferror(rj->fp) ||
		    fsync(fileno(rj->fp)) != 0)
			rc = rel_err_at(e, REL_EIO, rj->path, 0, "--rejects",
			    "write error: %s", strerror(errno));
	}
	fclose(rj->fp);
	rj->fp = NULL;
	if (keep && rc == 0 && rename(rj->tmp, rj->path) != 0)
		rc = rel_err_at(e, REL_ECANTCREAT, rj->path, 0, "--rejects",
		    "cannot create: %s", strerror(errno));
	if (!keep || rc != 0)
		unlink(rj->tmp);
	for (i = 0; i < rj->ncols; i++)
		free(rj->hdr[i]);
	free(rj->hdr);
	rj->hdr = NULL;
	return rc;
}

/*
 * The keys of one import: an open-addressed table of those kept, and the
 * pending ones of the record being written. A key is its namespace (what
 * it is the key of), a NUL, and the bytes its write function made.
 */
struct kent {
	uint64_t h;
	char *key;		/* NULL: an empty slot */
	size_t klen;
	size_t file;		/* index into files */
	long line;
};

struct rel_keys {
	struct kent *tab;
	size_t cap, n;
	struct kent *pend;
	size_t npend, pcap;
	char **files;
	size_t nfiles;
};

struct rel_keys *
rel_keys_new(void)
{
	return rel_xcalloc(1, sizeof(struct rel_keys));
}

void
rel_keys_free(struct rel_keys *k)
{
	size_t i;

	if (k == NULL)
		return;
	rel_keys_commit(k, 0);
	for (i = 0; i < k->cap; i++)
		free(k->tab[i].key);
	for (i = 0; i < k->nfiles; i++)
		free(k->files[i]);
	free(k->tab);
	free(k->pend);
	free(k->files);
	free(k);
}

void
rel_keys_file(struct rel_keys *k, const char *name)
{
	k->files = rel_xrealloc(k->files, (k->nfiles + 1) * sizeof(char *));
	k->files[k->nfiles++] = rel_xstrdup(name != NULL ? name : "");
}

size_t
rel_keys_nfile(const struct rel_keys *k)
{
	return k->nfiles > 0 ? k->nfiles - 1 : 0;
}

const char *
rel_keys_name(const struct rel_keys *k, size_t i)
{
	return i < k->nfiles ? k->files[i] : "";
}

static struct kent *
keys_find(struct kent *tab, size_t cap, uint64_t h, const char *key,
    size_t klen)
{
	size_t i;

	if (cap == 0)
		return NULL;
	for (i = (size_t)h & (cap - 1);; i = (i + 1) & (cap - 1)) {
		if (tab[i].key == NULL)
			return &tab[i];
		if (tab[i].h == h && tab[i].klen == klen &&
		    memcmp(tab[i].key, key, klen) == 0)
			return &tab[i];
	}
}

static void
keys_put(struct rel_keys *k, const struct kent *en)
{
	struct kent *slot;

	if (2 * (k->n + 1) > k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 256, i;
		struct kent *tab = rel_xcalloc(cap, sizeof(*tab));

		for (i = 0; i < k->cap; i++)
			if (k->tab[i].key != NULL)
				*keys_find(tab, cap, k->tab[i].h, k->tab[i].key,
				    k->tab[i].klen) = k->tab[i];
		free(k->tab);
		k->tab = tab;
		k->cap = cap;
	}
	slot = keys_find(k->tab, k->cap, en->h, en->key, en->klen);
	if (slot->key != NULL) {
		/* Offered twice by one record: the first stands. */
		free(en->key);
		return;
	}
	*slot = *en;
	k->n++;
}

void
rel_keys_commit(struct rel_keys *k, int keep)
{
	size_t i;

	for (i = 0; i < k->npend; i++) {
		if (keep)
			keys_put(k, &k->pend[i]);
		else
			free(k->pend[i].key);
	}
	k->npend = 0;
}

int
rel_repeat_err(struct rel_err *e, const char *file, long line,
    const char *col, const char *v, size_t len, const char *efile,
    long eline, const char *what)
{
	int other = efile != NULL && file != NULL && strcmp(efile, file) != 0;
	const char *shown = other && strcmp(efile, "-") == 0 ? "stdin" : efile;

	if (v == NULL || len == 0)
		return rel_err_at(e, REL_EDATA, file, line, col, "repeats line "
		    "%ld%s%s; each %s appears once in an import", eline,
		    other ? " of " : "", other ? shown : "", what);
	return rel_err_value(e, REL_EDATA, file, line, col, v, len, "repeats "
	    "line %ld%s%s; each %s appears once in an import", eline,
	    other ? " of " : "", other ? shown : "", what);
}

int
rel_rec_key(const struct rel_rec *r, size_t i, const char *col,
    const char *what, struct rel_err *e, const char *fmt, ...)
{
	struct rel_keys *k = r->keys;
	struct kent en, *old;
	size_t wlen, n;
	va_list ap;
	int m;

	if (k == NULL)
		return 0;
	wlen = strlen(what) + 1;
	va_start(ap, fmt);
	m = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	n = wlen + (m > 0 ? (size_t)m : 0);
	en.key = rel_xmalloc(n + 1);
	memcpy(en.key, what, wlen);
	va_start(ap, fmt);
	vsnprintf(en.key + wlen, n + 1 - wlen, fmt, ap);
	va_end(ap);
	en.klen = n;
	en.h = rel_hash(en.key, n);
	en.file = rel_keys_nfile(k);
	en.line = r->line;
	old = keys_find(k->tab, k->cap, en.h, en.key, en.klen);
	if (old == NULL || old->key == NULL) {
		size_t j;

		old = NULL;
		for (j = 0; j < k->npend; j++)
			if (k->pend[j].h == en.h && k->pend[j].klen == n &&
			    memcmp(k->pend[j].key, en.key, n) == 0)
				old = &k->pend[j];
	}
	if (old != NULL) {
		free(en.key);
		return rel_repeat_err(e, r->file, r->line, col,
		    i < r->n ? r->v[i] : NULL, i < r->n ? r->len[i] : 0,
		    rel_keys_name(k, old->file), old->line, what);
	}
	if (k->npend == k->pcap) {
		k->pcap = k->pcap ? 2 * k->pcap : 8;
		k->pend = rel_xrealloc(k->pend, k->pcap * sizeof(*k->pend));
	}
	k->pend[k->npend++] = en;
	return 0;
}

/* A record of a buffered kind found to repeat an earlier one when the
 * buffer is written: where it is, and why it is bad. */
struct late {
	size_t file;
	long line;
	char *reason;
};

struct run {
	struct rel_db *db;
	const struct rel_import_opts *o;
	struct rejects rj;
	long bad;
	long max;
	struct rel_keys *keys;
	/* A buffered kind (check-ins) is buffered across every input of
	 * the import, and written once at its end, so that a repeat is
	 * found in another input too. */
	const struct rel_import_batch *bt;
	size_t bki;		/* its kind */
	struct rel_import_count *bcount;
	/* With a rejects file, the buffered kind's rows as read, so that a
	 * repeat found at the end is written there verbatim like any other
	 * bad record; and those repeats. */
	FILE *raw;
	struct late *late;
	size_t nlate, clate;
};

static void
bad_record(struct run *u, const struct rel_csv_row *row, struct rel_err *e)
{
	u->bad++;
	if (u->bad <= u->max && u->o->report != NULL)
		u->o->report(u->o->ctx, e);
	if (u->rj.fp != NULL)
		rejects_put(&u->rj, row, e);
}

/* Where a record's error is: its input and line unless the write
 * function said otherwise. */
static void
place(struct rel_err *e, const struct rel_rec *rec)
{
	if (e->file[0] == '\0')
		rel_strlcpy(e->file, rec->file, sizeof(e->file));
	if (e->line == 0)
		e->line = rec->line;
}

/* A wide input's binding (struct rel_import_wide): the header columns
 * that stand for values of the name column. */
struct wide {
	size_t n;
	int *field;		/* the header field of each */
	char **name;		/* its name after --map */
	char **orig;		/* its name in the file, for messages */
};

static void
wide_free(struct wide *w)
{
	size_t j;

	for (j = 0; j < w->n; j++) {
		free(w->name[j]);
		free(w->orig[j]);
	}
	free(w->field);
	free(w->name);
	free(w->orig);
	memset(w, 0, sizeof(*w));
}

/* Bind a wide input: idx for the kind's columns (-1 for the name and
 * value columns), and w for the rest of the header. Every header column
 * is one of the kind's others or a value column, so none is unknown;
 * --map renames either kind, and its mistakes are found as usual. */
static int
wide_bind(const struct rel_import_kind *k, const struct rel_import_wide *wd,
    const struct rel_csv_row *hdr, const char *file,
    const struct rel_csv_renames *map, int *idx, struct wide *w,
    struct rel_err *e)
{
	struct rel_csv_col *cols;
	char **names;
	size_t *nlen, i, j, nfixed = 0, n;
	int *idx2 = NULL, rc = 0;

	names = rel_xcalloc(hdr->n, sizeof(char *));
	nlen = rel_xcalloc(hdr->n, sizeof(size_t));
	for (j = 0; j < hdr->n; j++) {
		names[j] = hdr->f[j];
		nlen[j] = hdr->len[j];
	}
	rel_csv_renamed_names(map, names, nlen, hdr->n);
	cols = rel_xcalloc(k->ncols + hdr->n, sizeof(*cols));
	for (i = 0; i < k->ncols; i++)
		if (i != wd->name && i != wd->value)
			cols[nfixed++] = k->cols[i];
	n = nfixed;
	for (j = 0; j < hdr->n; j++) {
		for (i = 0; i < nfixed; i++)
			if (strcmp(cols[i].name, names[j]) == 0)
				break;
		if (i < nfixed)
			continue;
		if (strcmp(names[j], k->cols[wd->name].name) == 0 ||
		    strcmp(names[j], k->cols[wd->value].name) == 0) {
			rc = rel_err_value(e, REL_EDATA, file, hdr->line, NULL,
			    names[j], nlen[j], "is a column of the long form "
			    "(%s, %s), not of a wide one: import it without "
			    "--wide", k->cols[wd->name].name,
			    k->cols[wd->value].name);
			goto out;
		}
		if (wd->check != NULL && (rc = wd->check(names[j], nlen[j],
		    file, hdr->line, e)) != 0)
			goto out;
		cols[n].name = names[j];
		cols[n++].flags = 0;
	}
	idx2 = rel_xcalloc(n, sizeof(int));
	if ((rc = rel_csv_bind(hdr, file, cols, n, map, 0, idx2, e)) != 0)
		goto out;
	for (i = 0, j = 0; i < k->ncols; i++)
		idx[i] = i == wd->name || i == wd->value ? -1 : idx2[j++];
	w->field = rel_xcalloc(n - nfixed, sizeof(int));
	w->name = rel_xcalloc(n - nfixed, sizeof(char *));
	w->orig = rel_xcalloc(n - nfixed, sizeof(char *));
	/* The header's bytes last only until the next row is read. */
	for (j = nfixed; j < n; j++, w->n++) {
		w->field[w->n] = idx2[j];
		w->name[w->n] = rel_xstrdup(cols[j].name);
		w->orig[w->n] = rel_xstrdup(hdr->f[idx2[j]]);
	}
out:
	free(idx2);
	free(cols);
	free(names);
	free(nlen);
	return rc;
}

/* The records of one wide row: one per non-empty value cell, kept or
 * rejected together. */
static int
wide_row(struct run *u, const struct rel_import_kind *k, struct rel_rec *rec,
    const char **v, size_t *len, const struct rel_csv_row *row,
    const struct wide *w, struct rel_import_count *c, struct rel_err *e)
{
	const struct rel_import_wide *wd = u->o->wide;
	long n[REL_NOUTCOMES] = { 0 }, nrec = 0;
	enum rel_outcome out;
	struct rel_err e2;
	size_t j, f;
	int rc = 0, sp = 0, i;

	for (j = 0; j < w->n; j++)
		nrec += row->len[w->field[j]] > 0;
	if (nrec == 0)
		return 0;
	c->rows += nrec;
	/* With a rejects file the good rows are committed, so a bad cell
	 * takes back the cells of its row already written. Without one, a
	 * bad row means nothing is committed at all. */
	if (u->o->rejects != NULL && nrec > 1) {
		if ((rc = rel_db_savepoint(u->db, e)) != 0)
			return rc;
		sp = 1;
	}
	for (j = 0; j < w->n && rc == 0; j++) {
		f = (size_t)w->field[j];
		if (row->len[f] == 0)
			continue;
		v[wd->name] = w->name[j];
		len[wd->name] = strlen(w->name[j]);
		v[wd->value] = row->f[f];
		len[wd->value] = row->len[f];
		rel_err_clear(e);
		if ((rc = k->write(u->db, rec, &out, e)) == 0)
			n[out]++;
	}
	/* The row's keys count only when all of it was written. */
	rel_keys_commit(u->keys, rc == 0);
	if (rc == REL_EDATA) {
		place(e, rec);
		/* The value's column is named as the file names it. */
		if (strcmp(e->column, k->cols[wd->value].name) == 0)
			rel_escape(e->column, sizeof(e->column), w->orig[j - 1],
			    strlen(w->orig[j - 1]));
		if (sp && (rc = rel_db_release(u->db, 1, &e2)) != 0) {
			*e = e2;
			return rc;
		}
		c->rejected += nrec;
		bad_record(u, row, e);
		return 0;
	}
	if (rc != 0 || (sp && (rc = rel_db_release(u->db, 0, e)) != 0))
		return rc;
	for (i = 0; i < REL_NOUTCOMES; i++)
		c->n[i] += n[i];
	return 0;
}

/* What --date-format and --student-from make of a record's values, read
 * before its kind's write function sees them: the same checks then
 * apply as to values given in rel's own forms. */
struct convert {
	char (*when)[REL_DATETIME_LEN];	/* a converted time, per column */
	char sid[72];			/* the resolved student id */
	int student;			/* the student_id column, or -1 */
};

static int
convert(struct run *u, const struct rel_import_kind *k, struct rel_rec *rec,
    const char **v, size_t *len, struct convert *cv, struct rel_err *e)
{
	const struct rel_import_opts *o = u->o;
	size_t i;
	int rc;

	for (i = 0; o->date_format != NULL && i < k->ncols; i++) {
		if (!(k->cols[i].flags & (REL_COL_TIME | REL_COL_DATE)) ||
		    v[i] == NULL || len[i] == 0)
			continue;
		if (rel_datefmt_parse(o->date_format, v[i], len[i],
		    cv->when[i]) != 0)
			return rel_err_value(e, REL_EDATA, rec->file, rec->line,
			    k->cols[i].name, v[i], len[i], "does not match "
			    "--date-format \"%s\" (or is no real date)",
			    o->date_format);
		/* A date column takes the day of a date-time. */
		if (k->cols[i].flags & REL_COL_DATE)
			cv->when[i][10] = '\0';
		v[i] = cv->when[i];
		len[i] = strlen(cv->when[i]);
	}
	if (o->student_from_email && cv->student >= 0 &&
	    len[cv->student] > 0) {
		sqlite3_stmt *st;
		size_t n = 0;

		i = (size_t)cv->student;
		if ((rc = rel_db_stmt(u->db, "SELECT student_id FROM student "
		    "WHERE email = ?1 COLLATE NOCASE OR login = ?1", &st,
		    e)) != 0)
			return rc;
		sqlite3_bind_text(st, 1, v[i], (int)len[i], SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (n++ == 0)
				rel_strlcpy(cv->sid, (const char *)
				    sqlite3_column_text(st, 0), sizeof(cv->sid));
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return rel_db_fail(u->db, rc, "looking up a student's "
			    "email", e);
		if (n != 1)
			return rel_err_value(e, REL_EDATA, rec->file, rec->line,
			    k->cols[i].name, v[i], len[i], n == 0 ? "is not the "
			    "email or login of a known student "
			    "(--student-from email)" : "is the email of one "
			    "student and the login of another");
		v[i] = cv->sid;
		len[i] = strlen(cv->sid);
	}
	return 0;
}

/* How k buffers its writes (internal.h), or NULL: it writes each record
 * as it comes. */
static const struct rel_import_batch *
batch_of(const struct rel_import_kind *k)
{
	return k == rel_checkin_kind() ? rel_checkin_batch() : NULL;
}

/* Keep a row of the buffered kind as read: its input, line and fields. */
static int
raw_put(struct run *u, size_t file, const struct rel_csv_row *row,
    struct rel_err *e)
{
	size_t i;
	int ok;

	ok = fwrite(&file, sizeof(file), 1, u->raw) == 1 &&
	    fwrite(&row->line, sizeof(row->line), 1, u->raw) == 1 &&
	    fwrite(&row->n, sizeof(row->n), 1, u->raw) == 1;
	for (i = 0; ok && i < row->n; i++)
		ok = fwrite(&row->len[i], sizeof(row->len[i]), 1, u->raw) == 1 &&
		    (row->len[i] == 0 ||
		    fwrite(row->f[i], row->len[i], 1, u->raw) == 1);
	if (!ok)
		return rel_err_set(e, REL_EIO, "cannot write a temporary file "
		    "(TMPDIR=%s): %s", rel_tmpdir(), strerror(errno));
	return 0;
}

/* A repeat the buffered kind found as it wrote: reported and counted at
 * once, and kept for the rejects file. */
static void
late_bad(void *ctx, size_t file, long line, struct rel_err *e)
{
	struct run *u = ctx;
	char reason[1200];

	u->bad++;
	u->bcount->rejected++;
	if (u->bad <= u->max && u->o->report != NULL)
		u->o->report(u->o->ctx, e);
	if (u->raw == NULL)
		return;
	if (u->nlate == u->clate) {
		u->clate = u->clate ? 2 * u->clate : 16;
		u->late = rel_xrealloc(u->late, u->clate * sizeof(*u->late));
	}
	reason_of(e, reason, sizeof(reason));
	u->late[u->nlate].file = file;
	u->late[u->nlate].line = line;
	u->late[u->nlate++].reason = rel_xstrdup(reason);
}

static int
late_cmp(const void *a, const void *b)
{
	const struct late *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* Write the late repeats to the rejects file, in the inputs' order,
 * from the rows kept as read. */
static int
late_rejects(struct run *u, struct rel_err *e)
{
	struct rel_csv_row row;
	size_t i = 0, j, cap = 0, file, n;
	char **f = NULL;
	size_t *len = NULL;
	long line;
	int rc = 0;

	if (u->nlate == 0 || u->rj.fp == NULL)
		return 0;
	qsort(u->late, u->nlate, sizeof(*u->late), late_cmp);
	rewind(u->raw);
	while (i < u->nlate && fread(&file, sizeof(file), 1, u->raw) == 1 &&
	    fread(&line, sizeof(line), 1, u->raw) == 1 &&
	    fread(&n, sizeof(n), 1, u->raw) == 1) {
		if (n > cap) {
			f = rel_xrealloc(f, n * sizeof(*f));
			len = rel_xrealloc(len, n * sizeof(*len));
			for (j = cap; j < n; j++)
				f[j] = NULL;
			cap = n;
		}
		for (j = 0; j < n; j++) {
			if (fread(&len[j], sizeof(len[j]), 1, u->raw) != 1)
				goto fail;
			f[j] = rel_xrealloc(f[j], len[j] + 1);
			if (len[j] > 0 && fread(f[j], len[j], 1, u->raw) != 1)
				goto fail;
			f[j][len[j]] = '\0';
		}
		if (file != u->late[i].file || line != u->late[i].line)
			continue;
		memset(&row, 0, sizeof(row));
		row.f = f;
		row.len = len;
		row.n = n;
		row.line = line;
		rejects_put_reason(&u->rj, &row, u->late[i].reason);
		i++;
	}
	if (i < u->nlate)
fail:
		rc = rel_err_set(e, REL_EIO, "cannot read a temporary file "
		    "(TMPDIR=%s): %s", rel_tmpdir(), ferror(u->raw) ?
		    strerror(errno) : "it is short");
	for (j = 0; j < cap; j++)
		free(f[j]);
	free(f);
	free(len);
	return rc;
}

/* Write what the buffered kind holds, at the end of the import. */
static int
batch_finish(struct run *u, struct rel_err *e)
{
	struct rel_import_count *c = u->bcount;
	long dups, repeats;
	int rc;

	if (u->bt == NULL)
		return 0;
	if ((rc = u->bt->flush(u->db, u->keys, &dups, &repeats, late_bad, u,
	    e)) != 0)
		return rc;
	c->n[REL_ADDED] -= dups + repeats;
	c->n[REL_DUPLICATE] += dups;
	return late_rejects(u, e);
}

static void
batch_free(struct run *u)
{
	size_t i;

	if (u->bt != NULL)
		u->bt->end();
	u->bt = NULL;
	if (u->raw != NULL)
		fclose(u->raw);
	u->raw = NULL;
	for (i = 0; i < u->nlate; i++)
		free(u->late[i].reason);
	free(u->late);
	u->late = NULL;
	u->nlate = u->clate = 0;
}

/*
 * One input, as its header was checked: the kind it is read as and its
 * binding. Every header is checked before the import takes the write
 * lock, so that a slow or huge header never holds up other writers. A
 * regular file is closed after its check (an import may name many) and
 * opened again for its records, its header read again and compared with
 * the one checked; any other input (standard input, a pipe) stays open.
 */
struct input {
	const char *file;
	struct rel_csv *r;		/* open, its header read; or NULL */
	const struct rel_csv_row *hdr;	/* r's header, while r is open */
	size_t ki;			/* its kind */
	int *idx;			/* the kind's columns in the header */
	struct wide w;
	int vis;			/* the visibility column, or -1 */
	char *names;			/* a closed file's header, each name
					   NUL-ended */
	size_t nlen;
};

static void
input_free(struct input *in)
{
	rel_csv_close(in->r);
	wide_free(&in->w);
	free(in->idx);
	free(in->names);
	memset(in, 0, sizeof(*in));
}

static void
header_names(const struct rel_csv_row *hdr, char **names, size_t *n)
{
	size_t i, o = 0;

	for (i = 0, *n = 0; i < hdr->n; i++)
		*n += hdr->len[i] + 1;
	*names = rel_xmalloc(*n + 1);
	for (i = 0; i < hdr->n; i++) {
		memcpy(*names + o, hdr->f[i], hdr->len[i]);
		o += hdr->len[i];
		(*names)[o++] = '\0';
	}
}

/* Open an input and check its header: the kind it is read as, its
 * binding, --rejects and --visibility. */
static int
input_check(struct run *u, const char *file, const struct rel_import_kind *kinds,
    size_t nkinds, struct input *in, struct rel_err *e)
{
	const struct rel_import_opts *o = u->o;
	const struct rel_csv_row *hdr;
	const struct rel_import_kind *k;
	size_t i;
	int rc;

	memset(in, 0, sizeof(*in));
	in->file = file;
	if ((rc = rel_csv_open(&in->r, file, NULL, e)) != 0)
		return rc;
	rc = rel_csv_header(in->r, &hdr, e);
	if (rc != REL_CSV_ROW)
		return e->code;
	if (o->choose != NULL) {
		/* The kind is judged on the names after --map. */
		struct rel_csv_row named = *hdr;
		char **names = rel_xcalloc(hdr->n, sizeof(char *));
		size_t *nlen = rel_xcalloc(hdr->n, sizeof(size_t));

		for (i = 0; i < hdr->n; i++) {
			names[i] = hdr->f[i];
			nlen[i] = hdr->len[i];
		}
		rel_csv_renamed_names(o->map, names, nlen, hdr->n);
		named.f = names;
		named.len = nlen;
		rc = o->choose(o->ctx, &named, rel_csv_name(in->r), &in->ki, e);
		free(names);
		free(nlen);
		if (rc != 0)
			return rc;
	}
	k = &kinds[in->ki < nkinds ? in->ki : 0];
	in->idx = rel_xcalloc(k->ncols, sizeof(int));
	if (o->wide != NULL)
		rc = wide_bind(k, o->wide, hdr, rel_csv_name(in->r), o->map,
		    in->idx, &in->w, e);
	else
		rc = rel_csv_bind(hdr, rel_csv_name(in->r), k->cols, k->ncols,
		    o->map, o->ignore_unknown, in->idx, e);
	if (rc != 0)
		return rc;
	if (o->rejects != NULL) {
		if (u->rj.fp == NULL) {
			if ((rc = rejects_open(&u->rj, o->rejects, hdr, e)) != 0)
				return rc;
		} else if (!rejects_same_header(&u->rj, hdr))
			return rel_err_at(e, REL_EUSAGE, rel_csv_name(in->r),
			    hdr->line, "--rejects", "needs every input to have "
			    "the same header as the first");
	}
	/* --visibility stands in for the visibility column where a row
	 * leaves it empty; a kind without one cannot take it. */
	in->vis = -1;
	for (i = 0; o->visibility != NULL && i < k->ncols; i++)
		if (strcmp(k->cols[i].name, "visibility") == 0)
			in->vis = (int)i;
	if (o->visibility != NULL && in->vis < 0)
		return rel_err_set(e, REL_EUSAGE, "--visibility does not apply "
		    "to %s", k->name);
	if (rel_csv_regular(in->r)) {
		header_names(hdr, &in->names, &in->nlen);
		rel_csv_close(in->r);
		in->r = NULL;
	} else
		in->hdr = hdr;
	return 0;
}

/* Open a checked file again, under the lock: its header must be the one
 * checked. */
static int
input_reopen(struct input *in, struct rel_err *e)
{
	const struct rel_csv_row *hdr;
	char *names;
	size_t n;
	int rc, same;

	if (in->r != NULL)
		return 0;
	if ((rc = rel_csv_open(&in->r, in->file, NULL, e)) != 0)
		return rc;
	rc = rel_csv_header(in->r, &hdr, e);
	if (rc != REL_CSV_ROW)
		return e->code;
	header_names(hdr, &names, &n);
	same = n == in->nlen && memcmp(names, in->names, n) == 0;
	free(names);
	if (!same)
		return rel_err_at(e, REL_EDATA, rel_csv_name(in->r), hdr->line,
		    NULL, "changed while it was being imported: its header "
		    "is not the one checked");
	in->hdr = hdr;
	return 0;
}

static void
inputs_free(struct input *in, size_t n)
{
	size_t i;

	for (i = 0; in != NULL && i < n; i++)
		input_free(&in[i]);
	free(in);
}

/* The records of one checked input. */
static int
import_rows(struct run *u, struct input *in, const struct rel_import_kind *kinds,
    size_t nkinds, struct rel_import_count *counts, struct rel_err *e)
{
	const struct rel_import_opts *o = u->o;
	const struct rel_csv_row *row;
	const struct rel_import_kind *k;
	struct rel_csv *r;
	struct rel_rec rec;
	const char **v = NULL;
	size_t *len = NULL, ki = in->ki, i;
	int *idx = in->idx, rc, vis = in->vis;
	const struct rel_import_batch *bt = NULL;
	struct convert cv;
	size_t fi;

	memset(&cv, 0, sizeof(cv));
	if ((rc = input_reopen(in, e)) != 0)
		return rc;
	r = in->r;
	k = &kinds[ki < nkinds ? ki : 0];
	counts[ki].files++;
	v = rel_xcalloc(k->ncols, sizeof(char *));
	len = rel_xcalloc(k->ncols, sizeof(size_t));
	rec.n = k->ncols;
	rec.v = v;
	rec.len = len;
	rec.file = rel_csv_name(r);
	rel_keys_file(u->keys, rec.file);
	fi = rel_keys_nfile(u->keys);
	rec.keys = u->keys;
	cv.when = rel_xcalloc(k->ncols, sizeof(*cv.when));
	cv.student = -1;
	for (i = 0; i < k->ncols; i++)
		if (strcmp(k->cols[i].name, "student_id") == 0)
			cv.student = (int)i;
	/* A wide row's cells are kept or taken back together, under a
	 * savepoint, so they are written as they come. */
	bt = o->wide == NULL ? batch_of(k) : NULL;
	if (bt != NULL && u->bt == NULL) {
		if ((rc = bt->begin(u->db, e)) != 0) {
			bt->end();
			goto out;
		}
		u->bt = bt;
		u->bki = ki;
		u->bcount = &counts[ki];
		if (o->rejects != NULL && (u->raw = rel_tmpfile()) == NULL) {
			rc = rel_err_set(e, REL_ECANTCREAT, "cannot make a "
			    "temporary file (TMPDIR=%s): %s", rel_tmpdir(),
			    strerror(errno));
			goto out;
		}
	}
	for (;;) {
		enum rel_outcome out;

		rc = rel_csv_next(r, &row, e);
		if (rc == REL_CSV_END)
			break;
		if (rc == REL_CSV_FATAL) {
			rc = e->code;
			goto out;
		}
		if (rc == REL_CSV_BAD) {
			counts[ki].rows++;
			counts[ki].rejected++;
			bad_record(u, row, e);
			continue;
		}
		for (i = 0; i < k->ncols; i++) {
			v[i] = idx[i] >= 0 ? row->f[idx[i]] : NULL;
			len[i] = idx[i] >= 0 ? row->len[idx[i]] : 0;
		}
		if (vis >= 0 && len[vis] == 0) {
			v[vis] = o->visibility;
			len[vis] = strlen(o->visibility);
		}
		rec.line = row->line;
		rel_err_clear(e);
		if ((rc = convert(u, k, &rec, v, len, &cv, e)) != 0) {
			if (rc != REL_EDATA)
				goto out;
			counts[ki].rows++;
			counts[ki].rejected++;
			bad_record(u, row, e);
			continue;
		}
		if (o->wide != NULL) {
			if ((rc = wide_row(u, k, &rec, v, len, row, &in->w,
			    &counts[ki], e)) != 0)
				goto out;
			continue;
		}
		counts[ki].rows++;
		rel_err_clear(e);
		rc = k->write(u->db, &rec, &out, e);
		rel_keys_commit(u->keys, rc == 0);
		if (rc == 0 && bt != NULL && u->raw != NULL &&
		    out == REL_ADDED && (rc = raw_put(u, fi, row, e)) != 0)
			goto out;
		if (rc == REL_EDATA) {
			place(e, &rec);
			counts[ki].rejected++;
			bad_record(u, row, e);
			continue;
		}
		if (rc != 0)
			goto out;
		counts[ki].n[out]++;
	}
	rc = 0;
out:
	free(cv.when);
	free(v);
	free(len);
	rel_csv_close(in->r);
	in->r = NULL;
	return rc;
}

int
rel_import(struct rel_db *db, const char *const *files, size_t nfiles,
    const struct rel_import_kind *kinds, size_t nkinds,
    const struct rel_import_opts *o, struct rel_import_count *counts,
    struct rel_err *e)
{
	static const char *const stdin_only[] = { "-" };
	struct input *in = NULL;
	struct run u;
	size_t f, nstdin = 0;
	int rc;

	memset(&u, 0, sizeof(u));
	u.db = db;
	u.o = o;
	u.keys = rel_keys_new();
	u.max = o->max_messages > 0 ? o->max_messages : 50;
	memset(counts, 0, nkinds * sizeof(*counts));
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (f = 0; f < nfiles; f++)
		if (strcmp(files[f], "-") == 0 && nstdin++ > 0) {
			rel_keys_free(u.keys);
			return rel_err_set(e, REL_EUSAGE, "standard input (-) "
			    "can be read only once");
		}
	in = rel_xcalloc(nfiles, sizeof(*in));
	for (f = 0; f < nfiles; f++)
		if ((rc = input_check(&u, files[f], kinds, nkinds, &in[f],
		    e)) != 0)
			goto fail;
	if ((rc = rel_db_begin(db, e)) != 0)
		goto fail;
	for (f = 0; f < nfiles; f++)
		if ((rc = import_rows(&u, &in[f], kinds, nkinds, counts,
		    e)) != 0)
			goto fail;
	inputs_free(in, nfiles);
	in = NULL;
	if ((rc = batch_finish(&u, e)) != 0)
		goto fail;
	batch_free(&u);
	rel_keys_free(u.keys);
	u.keys = NULL;
	if (u.bad > u.max && o->report != NULL) {
		struct rel_err more;

		rel_err_set(&more, REL_EDATA, "... and %ld more bad record%s",
		    u.bad - u.max, u.bad - u.max == 1 ? "" : "s");
		o->report(o->ctx, &more);
	}
	if (o->dry_run || (u.bad > 0 && o->rejects == NULL)) {
		rel_db_rollback(db);
		rejects_close(&u.rj, 0, e);
		if (u.bad == 0)
			return 0;
		return rel_err_set(e, REL_EDATA, "%ld bad record%s; nothing was "
		    "imported", u.bad, u.bad == 1 ? "" : "s");
	}
	if ((rc = rel_db_commit(db, e)) != 0) {
		rejects_close(&u.rj, 0, e);
		return rc;
	}
	for (f = 0; f < nkinds; f++)
		counts[f].committed = 1;
	if ((rc = rejects_close(&u.rj, 1, e)) != 0)
		return rc;
	if (u.bad > 0)
		return rel_err_set(e, REL_EDATA, "%ld record%s rejected to %s; "
		    "the rest were imported", u.bad, u.bad == 1 ? "" : "s",
		    o->rejects);
	return 0;
fail:
	inputs_free(in, nfiles);
	batch_free(&u);
	rel_keys_free(u.keys);
	rel_db_rollback(db);
	{
		struct rel_err ignore;

		rejects_close(&u.rj, 0, &ignore);
	}
	return rc;
}

void
rel_import_summary(const struct rel_import_kind *k,
    const struct rel_import_count *c, char *buf, size_t n)
{
	int o = snprintf(buf, n, "%ld %s: %ld added, %ld %s, %ld unchanged",
	    c->rows, c->rows == 1 && k->one != NULL ? k->one : k->name,
	    c->n[REL_ADDED], c->n[REL_UPDATED],
	    k->updated ? k->updated : "updated", c->n[REL_UNCHANGED]);

	if (o > 0 && (size_t)o < n && c->n[REL_DUPLICATE] > 0)
		o += snprintf(buf + o, n - (size_t)o, ", %ld duplicate%s ignored",
		    c->n[REL_DUPLICATE], c->n[REL_DUPLICATE] == 1 ? "" : "s");
	if (o > 0 && (size_t)o < n && c->rejected > 0)
		snprintf(buf + o, n - (size_t)o, ", %ld bad", c->rejected);
}

int
rel_rec_has(const struct rel_rec *r, size_t i)
{
	return i < r->n && r->v[i] != NULL && r->len[i] > 0;
}

static int
has_control(const char *s, size_t len, int multiline)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F) {
			if (multiline && (c == '\t' || c == '\n' || c == '\r'))
				continue;
			return 1;
		}
	}
	return 0;
}

int
rel_rec_id(const struct rel_rec *r, size_t i, const char *col,
    struct rel_err *e)
{
	const char *s = r->v[i];
	size_t len = r->len[i];

	if (!rel_rec_has(r, i))
		return rel_err_at(e, REL_EDATA, r->file, r->line, col,
		    "is empty; an id is required");
	if (len > 64)
		return rel_err_value(e, REL_EDATA, r->file, r->line, col, s, len,
		    "is longer than 64 bytes");
	if (has_control(s, len, 0))
		return rel_err_value(e, REL_EDATA, r->file, r->line, col, s, len,
		    "has a control character; expected a plain id");
	if (s[0] == ' ' || s[len - 1] == ' ')
		return rel_err_value(e, REL_EDATA, r->file, r->line, col, s, len,
		    "has spaces around it; expected a plain id");
	return 0;
}

int
rel_rec_enum(const struct rel_rec *r, size_t i, const char *col,
    const char *const *allowed, char *buf, size_t n, struct rel_err *e)
{
	char list[256];
	size_t k, o = 0;

	buf[0] = '\0';
	if (!rel_rec_has(r, i))
		return 0;
	for (k = 0; allowed[k] != NULL; k++)
		if (strlen(allowed[k]) == r->len[i] &&
		    strncasecmp(allowed[k], r->v[i], r->len[i]) == 0) {
			rel_strlcpy(buf, allowed[k], n);
			return 0;
		}
	list[0] = '\0';
	for (k = 0; allowed[k] != NULL && o < sizeof(list); k++)
		o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s",
		    k == 0 ? "" : allowed[k + 1] == NULL ? " or " : ", ",
		    allowed[k]);
	return rel_err_value(e, REL_EDATA, r->file, r->line, col, r->v[i],
	    r->len[i], "is not one of %s", list);
}

int
rel_rec_bool(const struct rel_rec *r, size_t i, const char *col, int dflt,
    int *out, struct rel_err *e)
{
	static const char *const yes[] = { "1", "true", "yes", "y" };
	static const char *const no[] = { "0", "false", "no", "n" };
	size_t k;

	*out = dflt;
	if (!rel_rec_has(r, i))
		return 0;
	for (k = 0; k < NELEM(yes); k++) {
		if (strlen(yes[k]) == r->len[i] &&
		    strncasecmp(yes[k], r->v[i], r->len[i]) == 0)
			return *out = 1, 0;
		if (strlen(no[k]) == r->len[i] &&
		    strncasecmp(no[k], r->v[i], r->len[i]) == 0)
			return *out = 0, 0;
	}
	return rel_err_value(e, REL_EDATA, r->file, r->line, col, r->v[i],
	    r->len[i], "is not 1 or 0 (true/false, yes/no)");
}

void
rel_rec_bind(sqlite3_stmt *st, int p, const struct rel_rec *r, size_t i)
{
	if (rel_rec_has(r, i))
		sqlite3_bind_text(st, p, r->v[i], (int)r->len[i],
		    SQLITE_STATIC);
}

int
rel_rec_text(const struct rel_rec *r, size_t i, const char *col, size_t max,
    int multiline, struct rel_err *e)
{
	if (!rel_rec_has(r, i))
		return 0;
	if (r->len[i] > max)
		return rel_err_value(e, REL_EDATA, r->file, r->line, col, r->v[i],
		    r->len[i], "is longer than %zu bytes", max);
	if (has_control(r->v[i], r->len[i], multiline))
		return rel_err_value(e, REL_EDATA, r->file, r->line, col, r->v[i],
		    r->len[i], "has a control character%s", multiline ? "" :
		    " (line breaks and tabs are not allowed here)");
	return 0;
}

int
rel_rec_int(const struct rel_rec *r, size_t i, const char *col, long lo,
    long hi, long *out, struct rel_err *e)
{
	const char *s;
	long v = 0;
	size_t k, len;
	int neg;

	if (!rel_rec_has(r, i))
		return 0;
	s = r->v[i];
	len = r->len[i];
	neg = s[0] == '-';
	for (k = neg; k < len && k < 12; k++) {
		if (s[k] < '0' || s[k] > '9')
			break;
		v = v * 10 + (s[k] - '0');
	}
	if (k != len || len == (size_t)neg || (neg ? -v : v) < lo ||
	    (neg ? -v : v) > hi)
		return rel_err_value(e, REL_EDATA, r->file, r->line, col, s, len,
		    "is not a whole number from %ld to %ld", lo, hi);
	*out = neg ? -v : v;
	return 0;
}

int
rel_rec_time(const struct rel_rec *r, size_t i, const char *col, int required,
    int64_t *secs, struct rel_err *e)
{
	if (!rel_rec_has(r, i)) {
		if (required)
			return rel_err_at(e, REL_EDATA, r->file, r->line, col,
			    "is empty; expected a date-time (YYYY-MM-DDTHH:MM)");
		*secs = rel_now();
		return 0;
	}
	if (rel_datetime_parse(r->v[i], r->len[i], secs) != 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, col, r->v[i],
		    r->len[i], "is not a date-time (YYYY-MM-DDTHH:MM[:SS]) or a "
		    "date (YYYY-MM-DD)");
	return 0;
}
