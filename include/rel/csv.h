/*
 * csv.h: the one CSV reader (streaming, strict, over libcsv) and writer.
 *
 * The reader yields one record at a time with the line it started on.
 * It strips a UTF-8 BOM; reads LF, CRLF and CR line endings alike; keeps
 * leading and trailing spaces; and rejects invalid UTF-8, NUL bytes, bare
 * quotes in unquoted fields, junk after a closing quote, unterminated
 * quotes, rows whose field count differs from the header, and empty or
 * duplicate header names. Blank lines between records are skipped.
 *
 * Empty input (no bytes, or only a BOM) has no header: rel_csv_header()
 * returns REL_CSV_END. Header-only input is a valid stream of no records.
 */
#ifndef REL_CSV_H
#define REL_CSV_H

#include <stdio.h>
#include "rel/base.h"
#include "rel/err.h"

/* A record: fields are NUL-terminated and also carry their length. The
 * pointers stay valid until the next call on the reader. */
struct rel_csv_row {
	size_t n;		/* number of fields */
	char **f;		/* field bytes */
	size_t *len;		/* field lengths */
	long line;		/* line the record starts on */
};

/* What rel_csv_header() and rel_csv_next() return. */
enum rel_csv_result {
	REL_CSV_FATAL = -1,	/* I/O or parse state lost; e is set; stop */
	REL_CSV_END = 0,	/* no more records */
	REL_CSV_ROW = 1,	/* *row is a good record */
	REL_CSV_BAD = 2		/* *row is a bad record, e says why; reading
				   may continue with the next record */
};

/* Largest field accepted. A longer one is REL_CSV_FATAL: it is almost
 * always a quote never closed, and reading on would take the rest of the
 * input as that field. */
#define REL_CSV_FIELD_MAX ((size_t)16 << 20)

struct rel_csv;

/* Open path for reading ("-" or NULL: standard input). encoding NULL means
 * UTF-8; otherwise input is converted from that iconv encoding (cp1252,
 * latin1, ...). Returns 0, or an exit status with e set. */
REL_API int rel_csv_open(struct rel_csv **r, const char *path,
    const char *encoding, struct rel_err *e);
/* Read from an open stream; name is used in messages. The stream is not
 * closed by rel_csv_close(). */
REL_API int rel_csv_open_fp(struct rel_csv **r, FILE *fp, const char *name,
    const char *encoding, struct rel_err *e);
REL_API void rel_csv_close(struct rel_csv *r);
/* The name used in messages: the path, or "stdin". */
REL_API const char *rel_csv_name(const struct rel_csv *r);

/* Read the header row (call once, first). Checks empty and duplicate
 * names. Returns REL_CSV_ROW, REL_CSV_END (empty input) or REL_CSV_FATAL. */
REL_API int rel_csv_header(struct rel_csv *r, const struct rel_csv_row **hdr,
    struct rel_err *e);
/* Read the next record; see enum rel_csv_result. */
REL_API int rel_csv_next(struct rel_csv *r, const struct rel_csv_row **row,
    struct rel_err *e);

/* Binding a header to a record kind's fixed list of columns. */
#define REL_COL_REQUIRED 1u
/* A date-time (REL_COL_TIME) or date (REL_COL_DATE) column: --date-format
 * reads it. */
#define REL_COL_TIME 2u
#define REL_COL_DATE 4u
struct rel_csv_col {
	const char *name;
	unsigned flags;
};

/* Column renames from --map new=old,... (new: rel's name; old: the
 * file's). An old name holding a comma is quoted as in CSV:
 * mood="How are you, today?" (a quote inside doubled). */
struct rel_csv_renames;
REL_API int rel_csv_renames_parse(struct rel_csv_renames **m,
    const char *spec, struct rel_err *e);
REL_API void rel_csv_renames_free(struct rel_csv_renames *m);

/* Replace each name that --map renames by rel's name for it. */
REL_API void rel_csv_renamed_names(const struct rel_csv_renames *m,
    char **names, size_t *len, size_t n);
/* Fill idx[i] with the field index of cols[i] in hdr, or -1 if absent.
 * Errors (65): a required column missing, an unknown column (unless
 * ignore_unknown), a --map entry naming a column not in the header or not
 * one of cols. file names the input in messages. */
REL_API int rel_csv_bind(const struct rel_csv_row *hdr, const char *file,
    const struct rel_csv_col *cols, size_t ncols,
    const struct rel_csv_renames *m, int ignore_unknown, int *idx,
    struct rel_err *e);

/* The writer: RFC 4180, LF line ends, quotes only when needed (a comma,
 * quote, CR or LF, or an empty sole field, which would read back as a
 * blank line). In EXCEL_SAFE mode a cell starting with = + - @ TAB or CR
 * gets a leading ' so spreadsheets do not run it as a formula. */
#define REL_CSV_EXCEL_SAFE 1u
struct rel_csv_writer {
	FILE *fp;
	unsigned flags;
	size_t nf;		/* fields written in the current row */
	int last_empty;		/* the last field written was empty */
};
REL_API void rel_csv_writer_init(struct rel_csv_writer *w, FILE *fp,
    unsigned flags);
REL_API void rel_csv_put(struct rel_csv_writer *w, const char *s, size_t len);
REL_API void rel_csv_endrow(struct rel_csv_writer *w);
/* Write a whole row. */
REL_API void rel_csv_put_row(struct rel_csv_writer *w, const struct rel_csv_row *row);

/* UTF-8 helpers shared by the reader and the table writer. */
/* Length of the valid UTF-8 prefix of s (== len when all valid, no NUL). */
REL_API size_t rel_utf8_valid(const char *s, size_t len);
/* Terminal columns s occupies (East Asian wide = 2, combining = 0). */
REL_API size_t rel_utf8_width(const char *s, size_t len);

#endif
