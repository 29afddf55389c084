/*
 * csv.c: the one streaming CSV reader, over libcsv in strict mode.
 *
 * libcsv reports fields and record ends through callbacks and keeps no
 * positions, so the reader feeds it one line at a time: a segment ends at
 * LF, CRLF or a lone CR. An unquoted line end is where libcsv ends a
 * record, so at most one record ends per segment and the line count is
 * exact. A record's first line is the line of the first segment that
 * carried any byte of it.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include <csv.h>

#include "internal.h"

#define BUFSZ 65536
#define GROW_MAX ((size_t)4 << 20)	/* largest step of a field's buffer */

struct rel_csv {
	FILE *fp;
	int ownfp;
	char name[256];
	iconv_t cd;			/* (iconv_t)-1 when input is UTF-8 */
	char *raw;			/* unconverted input, when converting */
	size_t rawlen;
	char *buf;			/* UTF-8 input not yet parsed */
	size_t bpos, blen;
	int eof;			/* no more input bytes */
	int started;			/* the BOM check is done */
	int finished;			/* csv_fini has run */
	int prev_cr;			/* the last segment ended with CR */
	int skip_line;			/* resynchronising after a quote error */
	long line;			/* line of the next byte to parse */

	struct csv_parser p;
	int in_record;			/* a record has begun and not ended */
	int done;			/* the record has ended */
	long rec_line;

	/* The record being built: NUL-terminated fields in one arena. */
	char *data;
	size_t dlen, dcap;
	size_t *off;
	size_t *flen;
	char **fptr;
	size_t nf, fcap;
	int bad;			/* 0, or why the record is bad */
	size_t bad_field;
	size_t bad_at;

	size_t ncols;			/* fields in the header, 0 before it */
	char **hdr;
	struct rel_csv_row row;
	int have_header;
};

enum { BAD_NONE, BAD_UTF8, BAD_NUL, BAD_LONG };

/* libcsv trims spaces and tabs around unquoted fields by default; the
 * protocol keeps a field's bytes exactly. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void
parser_init(struct rel_csv *r)
{
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_space_func(&r->p, no_space);
	csv_set_blk_size(&r->p, 4096);
}

static void
record_reset(struct rel_csv *r)
{
	r->dlen = 0;
	r->nf = 0;
	r->bad = BAD_NONE;
	r->done = 0;
}

static void
on_field(void *s, size_t len, void *ctx)
{
	struct rel_csv *r = ctx;
	size_t ok;

	if (r->nf == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 16;
		r->off = rel_xrealloc(r->off, r->fcap * sizeof(*r->off));
		r->flen = rel_xrealloc(r->flen, r->fcap * sizeof(*r->flen));
		r->fptr = rel_xrealloc(r->fptr, r->fcap * sizeof(*r->fptr));
	}
	if (r->dlen + len + 1 > r->dcap) {
		while (r->dlen + len + 1 > r->dcap)
			r->dcap = r->dcap ? r->dcap * 2 : 4096;
		r->data = rel_xrealloc(r->data, r->dcap);
	}
	if (len > 0)
		memcpy(r->data + r->dlen, s, len);
	r->data[r->dlen + len] = '\0';
	r->off[r->nf] = r->dlen;
	r->flen[r->nf] = len;
	r->dlen += len + 1;
	if (r->bad == BAD_NONE) {
		ok = rel_utf8_valid(r->data + r->off[r->nf], len);
		if (ok != len) {
			r->bad = r->data[r->off[r->nf] + ok] == '\0' ?
			    BAD_NUL : BAD_UTF8;
			r->bad_field = r->nf;
			r->bad_at = ok;
		}
	}
	r->nf++;
}

static void
on_record(int c, void *ctx)
{
	struct rel_csv *r = ctx;

	(void)c;
	r->done = 1;
	r->in_record = 0;
}

int
rel_csv_open_fp(struct rel_csv **rp, FILE *fp, const char *name,
    const char *encoding, struct rel_err *e)
{
	struct rel_csv *r;

	r = rel_xcalloc(1, sizeof(*r));
	r->fp = fp;
	rel_strlcpy(r->name, name, sizeof(r->name));
	r->cd = (iconv_t)-1;
	if (encoding != NULL && *encoding != '\0') {
		r->cd = iconv_open("UTF-8", encoding);
		if (r->cd == (iconv_t)-1) {
			rel_err_value(e, REL_EUSAGE, NULL, 0, "--from", encoding,
			    strlen(encoding), "is not an encoding iconv knows "
			    "(try cp1252, latin1 or utf-16; iconv -l lists them)");
			free(r);
			return REL_EUSAGE;
		}
		r->raw = rel_xmalloc(BUFSZ);
	}
	r->buf = rel_xmalloc(BUFSZ * 4);
	r->line = 1;
	parser_init(r);
	*rp = r;
	return 0;
}

int
rel_csv_open(struct rel_csv **rp, const char *path, const char *encoding,
    struct rel_err *e)
{
	FILE *fp;
	int rc;

	if (path == NULL || strcmp(path, "-") == 0)
		return rel_csv_open_fp(rp, stdin, "stdin", encoding, e);
	fp = fopen(path, "rb");
	if (fp == NULL)
		return errno == ENOMEM ? rel_err_at(e, REL_ESOFTWARE, path, 0,
		    NULL, "out of memory") : rel_err_at(e,
		    rel_status_errno(errno, REL_ENOINPUT), path, 0, NULL, "%s",
		    strerror(errno));
	rc = rel_csv_open_fp(rp, fp, path, encoding, e);
	if (rc != 0) {
		fclose(fp);
		return rc;
	}
	(*rp)->ownfp = 1;
	return 0;
}

void
rel_csv_close(struct rel_csv *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->ownfp)
		fclose(r->fp);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	csv_free(&r->p);
	for (i = 0; i < r->ncols; i++)
		free(r->hdr[i]);
	free(r->hdr);
	free(r->raw);
	free(r->buf);
	free(r->data);
	free(r->off);
	free(r->flen);
	free(r->fptr);
	free(r);
}

const char *
rel_csv_name(const struct rel_csv *r)
{
	return r->name;
}

int
rel_csv_regular(const struct rel_csv *r)
{
	struct stat sb;

	return r->ownfp && fstat(fileno(r->fp), &sb) == 0 &&
	    S_ISREG(sb.st_mode);
}

/* Refill buf with more UTF-8 input, converting if asked. The caller
 * leaves at least BUFSZ bytes of room after compaction. */
static int
fill(struct rel_csv *r, struct rel_err *e)
{
	const size_t cap = BUFSZ * 4;
	size_t n;

	if (r->bpos > 0) {
		memmove(r->buf, r->buf + r->bpos, r->blen - r->bpos);
		r->blen -= r->bpos;
		r->bpos = 0;
	}
	if (r->cd == (iconv_t)-1) {
		n = fread(r->buf + r->blen, 1, BUFSZ, r->fp);
		if (ferror(r->fp))
			return rel_err_at(e, REL_EIO, r->name, 0, NULL,
			    "read error: %s", strerror(errno));
		r->blen += n;
		if (n == 0)
			r->eof = 1;
	} else {
		char *in, *out;
		size_t inleft, outleft, made;

		if (!feof(r->fp)) {
			n = fread(r->raw + r->rawlen, 1, BUFSZ - r->rawlen,
			    r->fp);
			if (ferror(r->fp))
				return rel_err_at(e, REL_EIO, r->name, 0, NULL,
				    "read error: %s", strerror(errno));
			r->rawlen += n;
		}
		in = r->raw;
		inleft = r->rawlen;
		out = r->buf + r->blen;
		outleft = cap - r->blen;
		if (iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1 &&
		    errno == EILSEQ)
			return rel_err_at(e, REL_EDATA, r->name, r->line, NULL,
			    "a byte sequence that is not valid in the --from "
			    "encoding");
		made = (size_t)(out - (r->buf + r->blen));
		r->blen += made;
		memmove(r->raw, in, inleft);
		r->rawlen = inleft;
		if (made == 0 && feof(r->fp)) {
			if (r->rawlen > 0)
				return rel_err_at(e, REL_EDATA, r->name, r->line,
				    NULL, "input ends inside a character of "
				    "the --from encoding");
			r->eof = 1;
		}
	}
	if (!r->started && (r->blen >= 3 || r->eof)) {
		r->started = 1;
		if (r->blen >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->bpos = 3;
		/* Spreadsheets save "Unicode text" as UTF-16 with a BOM; say
		 * so rather than point at the first of its many bad bytes. */
		if (r->cd == (iconv_t)-1 && r->blen >= 2 &&
		    (memcmp(r->buf, "\xFF\xFE", 2) == 0 ||
		    memcmp(r->buf, "\xFE\xFF", 2) == 0))
			return rel_err_at(e, REL_EDATA, r->name, 1, NULL,
			    "the file is UTF-16 (it starts with a UTF-16 byte "
			    "order mark); convert it with rel-csv clean --from "
			    "UTF-16");
	}
	return 0;
}

static const char *
colname(const struct rel_csv *r, size_t i, char *buf, size_t n)
{
	if (i < r->ncols)
		return r->hdr[i];
	snprintf(buf, n, "field %zu", i + 1);
	return buf;
}

/* Point row at the record just finished. */
static void
expose(struct rel_csv *r)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		r->fptr[i] = r->data + r->off[i];
	r->row.n = r->nf;
	r->row.f = r->fptr;
	r->row.len = r->flen;
	r->row.line = r->rec_line;
}

/* The record just finished is good (ROW), or bad with e set (BAD). */
static int
judge(struct rel_csv *r, struct rel_err *e)
{
	char nb[32];

	expose(r);
	if (r->bad != BAD_NONE) {
		const char *col = colname(r, r->bad_field, nb, sizeof(nb));

		if (r->bad == BAD_NUL)
			return rel_err_at(e, REL_EDATA, r->name, r->rec_line, col,
			    "a NUL byte at byte %zu of the field",
			    r->bad_at + 1), REL_CSV_BAD;
		return rel_err_at(e, REL_EDATA, r->name, r->rec_line, col,
		    "invalid UTF-8 at byte %zu of the field (convert the file "
		    "with rel-csv clean --from ENCODING)", r->bad_at + 1),
		    REL_CSV_BAD;
	}
	if (r->ncols > 0 && r->nf != r->ncols)
		return rel_err_at(e, REL_EDATA, r->name, r->rec_line, NULL,
		    "%zu field%s, expected %zu as in the header", r->nf,
		    r->nf == 1 ? "" : "s", r->ncols), REL_CSV_BAD;
	return REL_CSV_ROW;
}

/* After a quote error: forget the record and restart at the next line. */
static void
resync(struct rel_csv *r)
{
	csv_free(&r->p);
	parser_init(r);
	r->in_record = 0;
	r->skip_line = 1;
}

/* Parse until one record ends or input does. */
static int
advance(struct rel_csv *r, const struct rel_csv_row **row, struct rel_err *e)
{
	int rc;

	record_reset(r);
	for (;;) {
		char *s, *end, *nl, *cr, *seg_end;
		int newline = 0, skipcount = 0;
		size_t len, used;

		if (r->bpos == r->blen) {
			if (r->eof) {
				if (r->finished)
					return REL_CSV_END;
				r->finished = 1;
				if (csv_fini(&r->p, on_field, on_record, r) != 0) {
					expose(r);
					*row = &r->row;
					return rel_err_at(e, REL_EDATA, r->name,
					    r->rec_line, NULL, "a quoted field "
					    "is never closed (it starts on line "
					    "%ld)", r->rec_line), REL_CSV_BAD;
				}
				if (r->done) {
					*row = &r->row;
					return judge(r, e);
				}
				return REL_CSV_END;
			}
			if ((rc = fill(r, e)) != 0)
				return REL_CSV_FATAL;
			continue;
		}
		s = r->buf + r->bpos;
		end = r->buf + r->blen;
		if (r->prev_cr && *s == '\n')
			skipcount = 1;	/* the LF of a CRLF split by the buffer */
		r->prev_cr = 0;
		nl = memchr(s, '\n', (size_t)(end - s));
		cr = memchr(s, '\r', (size_t)((nl ? nl : end) - s));
		if (skipcount)
			seg_end = s + 1;
		else if (cr != NULL && cr + 1 < end && cr[1] == '\n')
			seg_end = cr + 2, newline = 1;
		else if (cr != NULL)
			seg_end = cr + 1, newline = 1, r->prev_cr = 1;
		else if (nl != NULL)
			seg_end = nl + 1, newline = 1;
		else if (!r->eof && r->blen - r->bpos < BUFSZ * 3) {
			/* No line end yet: read more and look again. */
			if ((rc = fill(r, e)) != 0)
				return REL_CSV_FATAL;
			continue;
		} else
			seg_end = end;	/* a very long line, or the last */
		len = (size_t)(seg_end - s);
		if (r->skip_line) {
			r->bpos += len;
			if (newline && !skipcount) {
				r->line++;
				r->skip_line = 0;
			}
			continue;
		}
		if (!r->in_record && !skipcount && *s != '\n' && *s != '\r') {
			r->in_record = 1;
			r->rec_line = r->line;
			/* A whole line with no quote in it is its fields, split
			 * at the commas: what libcsv would make of it, without
			 * its byte-at-a-time state machine (most lines of a big
			 * file are like this). */
			if (newline && memchr(s, '"', len) == NULL) {
				char *t = s, *le = seg_end - 1, *c;

				if (le > s && le[0] == '\n' && le[-1] == '\r')
					le--;
				for (;;) {
					c = memchr(t, ',', (size_t)(le - t));
					on_field(t, (size_t)((c ? c : le) - t), r);
					if (c == NULL)
						break;
					t = c + 1;
				}
				on_record(0, r);
				r->bpos += len;
				r->line++;
				*row = &r->row;
				return judge(r, e);
			}
		}
		used = csv_parse(&r->p, s, len, on_field, on_record, r);
		if (used < len) {
			int quote = s[used] == '"';
			long at = r->line;

			if (csv_error(&r->p) == CSV_EPARSE) {
				r->bpos += used + 1;
				expose(r);
				*row = &r->row;
				resync(r);	/* skips the rest of the line */
				return rel_err_at(e, REL_EDATA, r->name, at, NULL,
				    quote ? "a quote inside an unquoted field "
				    "(quote the whole field and double the quote)" :
				    "text after the closing quote of a field "
				    "(expected a comma or the end of the line)"),
				    REL_CSV_BAD;
			}
			return rel_err_at(e, REL_ESOFTWARE, r->name, at, NULL,
			    "CSV parser: %s", csv_strerror(csv_error(&r->p))),
			    REL_CSV_FATAL;
		}
		r->bpos += len;
		if (newline && !skipcount)
			r->line++;
		/* libcsv grows a field's buffer blk_size bytes at a time: a
		 * long field cost thousands of reallocs, each copying it
		 * (minutes under valgrind). Grow it geometrically instead,
		 * by at most 4 MiB a step so the buffer stays near the
		 * field limit. */
		if (r->p.entry_size > r->p.blk_size && r->p.blk_size < GROW_MAX)
			csv_set_blk_size(&r->p, r->p.entry_size < GROW_MAX ?
			    r->p.entry_size : GROW_MAX);
		if (r->p.entry_pos > REL_CSV_FIELD_MAX)
			return rel_err_at(e, REL_EDATA, r->name, r->rec_line, NULL,
			    "a field longer than 16 MiB (is a quote never "
			    "closed?)"), REL_CSV_FATAL;
		if (r->done) {
			*row = &r->row;
			return judge(r, e);
		}
	}
}

/*
 * The first header name that repeats an earlier one: the 1-based column
 * of the earlier, and *at the later's index; 0 when none does. A hash
 * table of column numbers keeps it linear, so that a header of a million
 * columns is refused as fast as it is read.
 */
static size_t
repeated(const struct rel_csv_row *row, size_t *at)
{
	size_t cap = 16, mask, i, h, found = 0;
	size_t *slot;

	while (cap < 2 * row->n)
		cap *= 2;
	mask = cap - 1;
	slot = rel_xcalloc(cap, sizeof(*slot));	/* column + 1; 0: empty */
	for (i = 0; i < row->n && found == 0; i++) {
		for (h = (size_t)rel_hash(row->f[i], row->len[i]) & mask;
		    slot[h] != 0; h = (h + 1) & mask) {
			size_t j = slot[h] - 1;

			if (row->len[j] == row->len[i] &&
			    memcmp(row->f[j], row->f[i], row->len[i]) == 0) {
				found = j + 1;
				*at = i;
				break;
			}
		}
		if (found == 0)
			slot[h] = i + 1;
	}
	free(slot);
	return found;
}

int
rel_csv_header(struct rel_csv *r, const struct rel_csv_row **hdr,
    struct rel_err *e)
{
	const struct rel_csv_row *row = NULL;
	size_t i, j;
	int rc;

	rc = advance(r, &row, e);
	if (rc == REL_CSV_END) {
		rel_err_at(e, REL_EDATA, r->name, 0, NULL,
		    "empty input: expected a header row");
		return REL_CSV_END;
	}
	if (rc == REL_CSV_BAD) {
		e->column[0] = '\0';
		return REL_CSV_FATAL;
	}
	if (rc != REL_CSV_ROW)
		return rc;
	for (i = 0; i < row->n; i++)
		if (row->len[i] == 0)
			return rel_err_at(e, REL_EDATA, r->name, row->line,
			    NULL, "header: column %zu has no name", i + 1),
			    REL_CSV_FATAL;
	if ((j = repeated(row, &i)) > 0)
		return rel_err_value(e, REL_EDATA, r->name, row->line, NULL,
		    row->f[i], row->len[i], "is in the header twice (columns "
		    "%zu and %zu)", j, i + 1), REL_CSV_FATAL;
	r->hdr = rel_xcalloc(row->n, sizeof(*r->hdr));
	for (i = 0; i < row->n; i++)
		r->hdr[i] = rel_xstrdup(row->f[i]);
	r->ncols = row->n;
	r->have_header = 1;
	*hdr = row;
	return REL_CSV_ROW;
}

int
rel_csv_next(struct rel_csv *r, const struct rel_csv_row **row,
    struct rel_err *e)
{
	*row = NULL;
	return advance(r, row, e);
}

/* --map renames. */
struct rel_csv_renames {
	size_t n;
	char **new;
	char **old;
};

int
rel_csv_renames_parse(struct rel_csv_renames **mp, const char *spec,
    struct rel_err *e)
{
	struct rel_csv_renames *m;
	const char *p = spec;

	m = rel_xcalloc(1, sizeof(*m));
	while (*p != '\0') {
		const char *eq = NULL, *q;
		char *old;
		size_t len, k = 0;

		for (q = p; *q != '\0' && *q != ',' && *q != '='; q++)
			;
		if (*q == '=')
			eq = q;
		if (eq == NULL || eq == p || eq[1] == '\0' || eq[1] == ',')
			goto bad;
		/* The old name: plain up to the next comma, or quoted. */
		old = rel_xmalloc(strlen(eq + 1) + 1);
		if (eq[1] == '"') {
			for (q = eq + 2; *q != '\0'; q++) {
				if (*q == '"' && q[1] == '"')
					q++;
				else if (*q == '"')
					break;
				old[k++] = *q;
			}
			if (*q != '"' || (q[1] != '\0' && q[1] != ',') || k == 0) {
				free(old);
				goto bad;
			}
			q++;
		} else {
			for (q = eq + 1; *q != '\0' && *q != ','; q++)
				old[k++] = *q;
		}
		old[k] = '\0';
		m->new = rel_xrealloc(m->new, (m->n + 1) * sizeof(char *));
		m->old = rel_xrealloc(m->old, (m->n + 1) * sizeof(char *));
		m->new[m->n] = rel_xmalloc((size_t)(eq - p) + 1);
		memcpy(m->new[m->n], p, (size_t)(eq - p));
		m->new[m->n][eq - p] = '\0';
		m->old[m->n] = old;
		m->n++;
		p = *q == ',' ? q + 1 : q;
		continue;
bad:
		len = strcspn(p, ",");
		rel_err_value(e, REL_EUSAGE, NULL, 0, "--map", p, len,
		    "is not NEW=OLD (rel's column name = the file's; quote an "
		    "old name that holds a comma: NEW=\"OLD, ...\")");
		rel_csv_renames_free(m);
		return REL_EUSAGE;
	}
	if (m->n == 0) {
		rel_csv_renames_free(m);
		return rel_err_set(e, REL_EUSAGE, "--map: expected NEW=OLD,...");
	}
	*mp = m;
	return 0;
}

void
rel_csv_renames_free(struct rel_csv_renames *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->new[i]);
		free(m->old[i]);
	}
	free(m->new);
	free(m->old);
	free(m);
}

/* The name rel uses for a header name, after --map. */
static const char *
renamed(const struct rel_csv_renames *m, const char *name)
{
	size_t i;

	if (m != NULL)
		for (i = 0; i < m->n; i++)
			if (strcmp(m->old[i], name) == 0)
				return m->new[i];
	return name;
}

void
rel_csv_renamed_names(const struct rel_csv_renames *m, char **names,
    size_t *len, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *to = renamed(m, names[i]);

		if (to != names[i]) {
			names[i] = (char *)(uintptr_t)to;
			len[i] = strlen(to);
		}
	}
}

static void
list_cols(const struct rel_csv_col *cols, size_t ncols, char *buf, size_t n)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < ncols && o < n; i++)
		o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? ", " : "",
		    cols[i].name);
}

int
rel_csv_bind(const struct rel_csv_row *hdr, const char *file,
    const struct rel_csv_col *cols, size_t ncols,
    const struct rel_csv_renames *m, int ignore_unknown, int *idx,
    struct rel_err *e)
{
	char known[512];
	size_t i, j;
	long line = hdr->line;

	list_cols(cols, ncols, known, sizeof(known));
	for (i = 0; m != NULL && i < m->n; i++) {
		for (j = 0; j < ncols; j++)
			if (strcmp(cols[j].name, m->new[i]) == 0)
				break;
		if (j == ncols)
			return rel_err_value(e, REL_EUSAGE, NULL, 0, "--map",
			    m->new[i], strlen(m->new[i]), "is not a column "
			    "here (expected one of %s)", known);
		for (j = 0; j < hdr->n; j++)
			if (strcmp(hdr->f[j], m->old[i]) == 0)
				break;
		if (j == hdr->n)
			return rel_err_value(e, REL_EDATA, file, line, "--map",
			    m->old[i], strlen(m->old[i]),
			    "is not a column in the header");
	}
	for (i = 0; i < ncols; i++)
		idx[i] = -1;
	for (j = 0; j < hdr->n; j++) {
		const char *name = renamed(m, hdr->f[j]);

		for (i = 0; i < ncols; i++)
			if (strcmp(cols[i].name, name) == 0)
				break;
		if (i == ncols) {
			if (ignore_unknown)
				continue;
			return rel_err_value(e, REL_EDATA, file, line, NULL,
			    hdr->f[j], hdr->len[j], "is not a known column "
			    "(expected %s; --ignore-unknown skips it, --map "
			    "renames it)", known);
		}
		if (idx[i] >= 0)
			return rel_err_value(e, REL_EDATA, file, line, NULL,
			    name, strlen(name), "appears twice after --map "
			    "(columns %d and %zu)", idx[i] + 1, j + 1);
		idx[i] = (int)j;
	}
	for (i = 0; i < ncols; i++)
		if ((cols[i].flags & REL_COL_REQUIRED) && idx[i] < 0)
			return rel_err_value(e, REL_EDATA, file, line, NULL,
			    cols[i].name, strlen(cols[i].name), "is a required "
			    "column and is missing from the header");
	return 0;
}
