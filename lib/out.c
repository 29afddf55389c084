/*
 * out.c: rows out as CSV, TSV, JSON, an aligned table, a Markdown table or
 * an HTML table.
 *
 * The streaming formats write each cell as it comes and keep nothing per
 * row. The table must know every width before its first line, so it keeps
 * its cells, already flattened and shortened for display, in one arena.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define TABLE_MAX	60	/* widest cell shown whole, in columns */
#define ELLIPSIS	"\xE2\x80\xA6"	/* U+2026 */
#define REPLACEMENT	"\xEF\xBF\xBD"	/* U+FFFD */

struct cell {
	size_t off;		/* into the arena */
	size_t len;
	size_t width;		/* terminal columns */
};

struct rel_out {
	FILE *fp;		/* where rows go: the stream, or the hold file */
	FILE *out;		/* the stream, while rows are held (else NULL) */
	int werr;		/* errno of a failed copy to the stream */
	enum rel_fmt fmt;
	unsigned flags;
	size_t ncols;
	char **cols;		/* copies of the names, in one block */
	size_t nc;		/* cells given for the current row */
	size_t nrows;		/* rows ended, header not counted */
	int started;		/* the header (or JSON's "[") is out */
	int header;		/* the header row is being written */
	int colour;		/* a table's header in bold */
	struct rel_csv_writer w;

	/* REL_FMT_TABLE: the header is row 0 of cells. */
	char *arena;
	size_t alen, acap;
	struct cell *cells;
	size_t ncells, ccap;
	size_t *width;		/* per column */
};

static const struct {
	const char *name;
	enum rel_fmt fmt;
} fmts[] = {
	{ "csv", REL_FMT_CSV },
	{ "tsv", REL_FMT_TSV },
	{ "table", REL_FMT_TABLE },
	{ "json", REL_FMT_JSON },
	{ "md", REL_FMT_MD },
	{ "html", REL_FMT_HTML },
};

int
rel_fmt_parse(const char *s, enum rel_fmt *f, struct rel_err *e)
{
	size_t i;

	if (s == NULL)
		s = "";
	for (i = 0; i < NELEM(fmts); i++)
		if (strcmp(s, fmts[i].name) == 0) {
			*f = fmts[i].fmt;
			return 0;
		}
	return rel_err_value(e, REL_EUSAGE, NULL, 0, "--format", s, strlen(s),
	    "is not one of csv, tsv, table, json, md, html");
}

/* A cell a spreadsheet would evaluate as a formula. */
static int
risky(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';
}

static void
tsv_put(struct rel_out *o, const char *s, size_t len)
{
	FILE *fp = o->fp;
	size_t i, run = 0;

	if (o->nc > 0)
		putc_unlocked('\t', fp);
	if ((o->flags & REL_CSV_EXCEL_SAFE) && risky(s, len))
		putc_unlocked('\'', fp);
	for (i = 0; i < len; i++) {
		const char *esc;

		switch (s[i]) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		default:
			continue;
		}
		fwrite(s + run, 1, i - run, fp);
		fputs(esc, fp);
		run = i + 1;
	}
	if (len > run)
		fwrite(s + run, 1, len - run, fp);
}

/* A JSON string. Bytes that are not UTF-8 would make the whole document
 * invalid, so each becomes U+FFFD rather than passing through. */
static void
json_str(FILE *fp, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run, valid;

	putc_unlocked('"', fp);
	while (i < len) {
		valid = i + rel_utf8_valid(s + i, len - i);
		for (run = i; i < valid; i++) {
			const char *esc;
			char hex[8];

			switch (u[i]) {
			case '"': esc = "\\\""; break;
			case '\\': esc = "\\\\"; break;
			case '\n': esc = "\\n"; break;
			case '\t': esc = "\\t"; break;
			case '\r': esc = "\\r"; break;
			case '\b': esc = "\\b"; break;
			case '\f': esc = "\\f"; break;
			default:
				if (u[i] >= 0x20)
					continue;
				snprintf(hex, sizeof(hex), "\\u%04x", u[i]);
				esc = hex;
			}
			fwrite(s + run, 1, i - run, fp);
			fputs(esc, fp);
			run = i + 1;
		}
		if (valid > run)
			fwrite(s + run, 1, valid - run, fp);
		if (i < len) {
			fputs(u[i] == 0 ? "\\u0000" : "\\ufffd", fp);
			i++;
		}
	}
	putc_unlocked('"', fp);
}

static void
reserve(struct rel_out *o, size_t n)
{
	if (o->acap - o->alen >= n)
		return;
	if (o->acap == 0)
		o->acap = 4096;
	while (o->acap - o->alen < n)
		o->acap *= 2;
	o->arena = rel_xrealloc(o->arena, o->acap);
}

static void
append(struct rel_out *o, const char *s, size_t n)
{
	reserve(o, n);
	memcpy(o->arena + o->alen, s, n);
	o->alen += n;
}

/*
 * The length of the piece of s (len > 0) to show for its first character,
 * and the bytes to show in *out (*outlen). A control character (C0, DEL or
 * C1, CR LF as one) is a space, so the row stays on its line and nothing
 * reaches the terminal that it would act on; a byte that is not UTF-8 is
 * U+FFFD, which is what rel_utf8_width counts it as.
 */
static size_t
display_char(const char *s, size_t len, const char **out, size_t *outlen)
{
	unsigned char c = (unsigned char)s[0];
	size_t k;

	if (c < 0x20 || c == 0x7F) {
		*out = " ";
		*outlen = 1;
		return c == '\r' && len > 1 && s[1] == '\n' ? 2 : 1;
	}
	if (c < 0x80) {
		*out = s;
		*outlen = 1;
		return 1;
	}
	k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (k > len || rel_utf8_valid(s, k) != k) {
		*out = REPLACEMENT;
		*outlen = sizeof(REPLACEMENT) - 1;
		return 1;
	}
	if (c == 0xC2 && (unsigned char)s[1] <= 0x9F) {
		*out = " ";
		*outlen = 1;
		return 2;
	}
	*out = s;
	*outlen = k;
	return k;
}

/* Store a cell as it will be shown: flattened, and if wider than
 * TABLE_MAX, cut to TABLE_MAX - 1 columns and an ellipsis. */
static void
table_put(struct rel_out *o, const char *s, size_t len)
{
	struct cell *c;
	size_t start = o->alen, i = 0, w = 0, cutlen = 0, cutw = 0;
	size_t col;

	while (i < len) {
		const char *p;
		size_t plen, pw;

		i += display_char(s + i, len - i, &p, &plen);
		pw = rel_utf8_width(p, plen);
		append(o, p, plen);
		w += pw;
		if (w <= TABLE_MAX - 1) {
			cutlen = o->alen - start;
			cutw = w;
		} else if (w > TABLE_MAX) {
			o->alen = start + cutlen;
			append(o, ELLIPSIS, sizeof(ELLIPSIS) - 1);
			w = cutw + 1;
			break;
		}
	}
	if (o->ncells == o->ccap) {
		o->ccap = o->ccap ? o->ccap * 2 : 256;
		o->cells = rel_xrealloc(o->cells, o->ccap * sizeof(*o->cells));
	}
	c = &o->cells[o->ncells++];
	c->off = start;
	c->len = o->alen - start;
	c->width = w;
	col = o->nc;
	if (w > o->width[col])
		o->width[col] = w;
}

/* A Markdown table cell: on one line, with what would end the cell or
 * change its meaning escaped. */
static void
md_put(struct rel_out *o, const char *s, size_t len)
{
	size_t i;

	fputs(o->nc == 0 ? "| " : " | ", o->fp);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7F)
			putc_unlocked(' ', o->fp);
		else {
			if (strchr("\\|`*_[]<>", c) != NULL)
				putc_unlocked('\\', o->fp);
			putc_unlocked(c, o->fp);
		}
	}
}

/* A number, a percentage or a signed change: right-aligned in HTML. */
static int
numeric(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (len > 0 && (s[0] == '-' || s[0] == '+'))
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (i < len && s[i] == '%')
		i++;
	return digits > 0 && i == len;
}

static void
html_cell(struct rel_out *o, const char *s, size_t len)
{
	if (o->header) {
		fputs("<th>", o->fp);
		rel_html_put(o->fp, s, len);
		fputs("</th>", o->fp);
		return;
	}
	fputs(numeric(s, len) ? "<td class=\"num\">" : "<td>", o->fp);
	rel_html_put(o->fp, s, len);
	fputs("</td>", o->fp);
}

static void
put(struct rel_out *o, const char *s, size_t len)
{
	if (s == NULL)
		len = 0;
	switch (o->fmt) {
	case REL_FMT_TSV:
		tsv_put(o, s, len);
		break;
	case REL_FMT_JSON:
		if (o->nc > 0)
			putc_unlocked(',', o->fp);
		json_str(o->fp, o->cols[o->nc], strlen(o->cols[o->nc]));
		putc_unlocked(':', o->fp);
		json_str(o->fp, s, len);
		break;
	case REL_FMT_TABLE:
		table_put(o, s, len);
		break;
	case REL_FMT_MD:
		md_put(o, s == NULL ? "" : s, len);
		break;
	case REL_FMT_HTML:
		html_cell(o, s == NULL ? "" : s, len);
		break;
	case REL_FMT_NONE:
		break;
	default:
		rel_csv_put(&o->w, s, len);
		break;
	}
	o->nc++;
}

static void
begin_row(struct rel_out *o)
{
	if (o->fmt == REL_FMT_JSON)
		fputs(o->nrows > 0 ? ",\n{" : "\n{", o->fp);
	else if (o->fmt == REL_FMT_HTML)
		fputs("<tr>", o->fp);
}

static void
end_row(struct rel_out *o)
{
	switch (o->fmt) {
	case REL_FMT_TSV:
		putc_unlocked('\n', o->fp);
		break;
	case REL_FMT_JSON:
		putc_unlocked('}', o->fp);
		break;
	case REL_FMT_TABLE:
	case REL_FMT_NONE:
		break;
	case REL_FMT_MD:
		fputs(" |\n", o->fp);
		break;
	case REL_FMT_HTML:
		fputs("</tr>\n", o->fp);
		break;
	default:
		rel_csv_endrow(&o->w);
		break;
	}
	o->nc = 0;
}

/* Colour only for a person at a terminal that can show it, who has not
 * asked for none: any non-empty NO_COLOR says so (no-color.org). An
 * explicit --format table to a pipe stays plain. */
static int
colour_ok(FILE *fp)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return isatty(fileno(fp)) && (nc == NULL || nc[0] == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

int
rel_out_open(struct rel_out **op, FILE *fp, enum rel_fmt fmt, unsigned flags,
    const char *const *cols, size_t ncols, struct rel_err *e)
{
	struct rel_out *o;
	size_t i, n, len;
	char *p;

	*op = NULL;
	switch (fmt) {
	case REL_FMT_AUTO:
		fmt = isatty(fileno(fp)) ? REL_FMT_TABLE : REL_FMT_CSV;
		break;
	case REL_FMT_CSV:
	case REL_FMT_TSV:
	case REL_FMT_TABLE:
	case REL_FMT_JSON:
	case REL_FMT_MD:
	case REL_FMT_HTML:
	case REL_FMT_NONE:
		break;
	default:
		return rel_err_set(e, REL_ESOFTWARE,
		    "output format %d is not known", (int)fmt);
	}
	if (ncols == 0)
		return rel_err_set(e, REL_ESOFTWARE, "output with no columns");
	o = rel_xcalloc(1, sizeof(*o));
	o->fp = fp;
	o->fmt = fmt;
	o->flags = flags;
	o->ncols = ncols;
	rel_csv_writer_init(&o->w, fp, flags);

	/* The names may be temporary: one block holds the pointers and
	 * then the strings. */
	n = ncols * sizeof(char *);
	for (i = 0; i < ncols; i++)
		n += strlen(cols[i]) + 1;
	o->cols = rel_xmalloc(n);
	p = (char *)(o->cols + ncols);
	for (i = 0; i < ncols; i++) {
		len = strlen(cols[i]) + 1;
		memcpy(p, cols[i], len);
		o->cols[i] = p;
		p += len;
	}

	if (fmt == REL_FMT_TABLE) {
		/* A table is held in memory: its header is row 0. */
		o->colour = colour_ok(fp);
		o->width = rel_xcalloc(ncols, sizeof(*o->width));
		for (i = 0; i < ncols; i++)
			put(o, o->cols[i], strlen(o->cols[i]));
		end_row(o);
		o->started = 1;
	}
	*op = o;
	return 0;
}

/* The streaming formats write their header with the first row (or at
 * close), so a command that fails before any row writes nothing. */
static void
start(struct rel_out *o)
{
	size_t i;

	if (o->started)
		return;
	o->started = 1;
	if (o->fmt == REL_FMT_JSON) {
		putc_unlocked('[', o->fp);
		return;
	}
	if (o->fmt == REL_FMT_HTML)
		fputs("<table>\n<thead><tr>", o->fp);
	o->header = 1;
	for (i = 0; i < o->ncols; i++)
		put(o, o->cols[i], strlen(o->cols[i]));
	o->header = 0;
	if (o->fmt == REL_FMT_HTML) {
		fputs("</tr></thead>\n<tbody>\n", o->fp);
		o->nc = 0;
		return;
	}
	end_row(o);
	if (o->fmt == REL_FMT_MD) {
		for (i = 0; i < o->ncols; i++)
			fputs(i == 0 ? "| --- |" : " --- |", o->fp);
		putc_unlocked('\n', o->fp);
	}
}

void
rel_out_cell(struct rel_out *o, const char *s, size_t len)
{
	if (o->nc >= o->ncols)
		return;
	if (o->nc == 0) {
		start(o);
		begin_row(o);
	}
	put(o, s, len);
}

void
rel_out_endrow(struct rel_out *o)
{
	if (o->nc == 0) {
		start(o);
		begin_row(o);
	}
	while (o->nc < o->ncols)
		put(o, NULL, 0);
	end_row(o);
	o->nrows++;
}

int
rel_out_stmt(struct rel_out *o, sqlite3_stmt *st, struct rel_err *e)
{
	const unsigned char *t;
	int rc, i, n;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = sqlite3_column_count(st);
		for (i = 0; i < n; i++) {
			/* text before bytes: bytes then counts the UTF-8 form */
			t = sqlite3_column_text(st, i);
			rel_out_cell(o, (const char *)t,
			    t ? (size_t)sqlite3_column_bytes(st, i) : 0);
		}
		rel_out_endrow(o);
	}
	if (rc == SQLITE_DONE)
		return 0;
	rc &= 0xFF;		/* extended codes carry the primary one */
	return rel_err_set(e, rc == SQLITE_BUSY || rc == SQLITE_LOCKED ?
	    REL_EBUSY : REL_ESOFTWARE, "%s",
	    sqlite3_errmsg(sqlite3_db_handle(st)));
}

static void
spaces(FILE *fp, size_t n)
{
	while (n-- > 0)
		putc_unlocked(' ', fp);
}

/* One line of the table, or with row NULL the underline. Spaces, the
 * padding and any that end a cell alike, are held back until something
 * visible follows them, so no line ends in spaces. */
static void
table_line(struct rel_out *o, const struct cell *row, int bold)
{
	size_t i, j, len, shown, pad = 0;
	const char *s;

	if (bold)
		fputs("\033[1m", o->fp);
	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			pad += 2;
		shown = 0;
		if (row == NULL && o->width[i] > 0) {
			spaces(o->fp, pad);
			pad = 0;
			for (j = 0; j < o->width[i]; j++)
				putc_unlocked('-', o->fp);
			shown = o->width[i];
		} else if (row != NULL) {
			s = o->arena + row[i].off;
			for (len = row[i].len; len > 0 && s[len - 1] == ' ';
			    len--)
				;
			if (len > 0) {
				spaces(o->fp, pad);
				pad = 0;
				fwrite(s, 1, len, o->fp);
				shown = row[i].width - (row[i].len - len);
			}
		}
		pad += o->width[i] - shown;
	}
	if (bold)
		fputs("\033[0m", o->fp);
	putc_unlocked('\n', o->fp);
}

static void
table_flush(struct rel_out *o)
{
	size_t r;

	table_line(o, o->cells, o->colour);
	table_line(o, NULL, 0);
	for (r = 1; r <= o->nrows; r++)
		table_line(o, o->cells + r * o->ncols, 0);
}

int
rel_out_hold(struct rel_out *o, struct rel_err *e)
{
	FILE *tmp;

	/* A table is held in memory already; NONE shows nothing. */
	if (o->out != NULL || o->fmt == REL_FMT_TABLE || o->fmt == REL_FMT_NONE)
		return 0;
	/* What went before is shown: it needed no audit row. */
	fflush(o->fp);
	if ((tmp = rel_tmpfile()) == NULL)
		return rel_err_set(e, REL_ECANTCREAT, "cannot make a temporary "
		    "file to hold the output until its audit row is written "
		    "(TMPDIR=%s): %s", rel_tmpdir(), strerror(errno));
	o->out = o->fp;
	o->fp = tmp;
	o->w.fp = tmp;
	return 0;
}

/* Copy the held rows to the stream; 0, or 74 with e set. */
static int
release(struct rel_out *o, struct rel_err *e)
{
	char buf[65536];
	size_t n;
	int err = 0;

	errno = 0;
	if (fflush(o->fp) == EOF || ferror(o->fp) || fseek(o->fp, 0,
	    SEEK_SET) != 0)
		err = errno != 0 ? errno : EIO;
	while (err == 0 && (n = fread(buf, 1, sizeof(buf), o->fp)) > 0)
		if (fwrite(buf, 1, n, o->out) != n) {
			/* reported with the stream's flush, in close */
			o->werr = errno;
			break;
		}
	if (err == 0 && ferror(o->fp))
		err = errno != 0 ? errno : EIO;
	fclose(o->fp);
	o->fp = o->out;
	o->out = NULL;
	if (err != 0 && e != NULL)
		rel_err_set(e, REL_EIO, "the temporary file holding the output: "
		    "%s", strerror(err));
	return err != 0 ? REL_EIO : 0;
}

int
rel_out_close(struct rel_out *o, struct rel_err *e)
{
	int rc = 0, r, err;

	if (o == NULL)
		return 0;
	start(o);
	/* A row left open is finished rather than left malformed. */
	if (o->nc > 0)
		rel_out_endrow(o);
	if (o->fmt == REL_FMT_TABLE)
		table_flush(o);
	else if (o->fmt == REL_FMT_JSON)
		fputs(o->nrows > 0 ? "\n]\n" : "]\n", o->fp);
	else if (o->fmt == REL_FMT_HTML)
		fputs("</tbody>\n</table>\n", o->fp);
	if (o->out != NULL && (rc = release(o, e)) != 0) {
		rel_out_abort(o);
		return rc;
	}
	errno = 0;
	r = fflush(o->fp);
	err = errno;
	if (r == EOF || ferror(o->fp)) {
		/* A write that failed before this flush left the error flag
		 * set but its errno may be long gone. */
		if (err == 0)
			err = o->werr != 0 ? o->werr : EIO;
		rc = REL_EIO;
		if (e != NULL)
			rel_err_set(e, rc, "%swrite error: %s", o->fp == stdout ?
			    "standard output: " : "", strerror(err));
	}
	rel_out_abort(o);
	return rc;
}

void
rel_out_abort(struct rel_out *o)
{
	if (o == NULL)
		return;
	/* Held rows are never shown. */
	if (o->out != NULL)
		fclose(o->fp);
	free(o->cols);
	free(o->arena);
	free(o->cells);
	free(o->width);
	free(o);
}
