/*
 * out.h: tabular output in the format the reader wants.
 *
 * CSV for pipes and files, an aligned table for terminals (widths counted
 * in terminal columns), or TSV / JSON when asked. Table output is held
 * until rel_out_close() to measure widths; the others stream.
 */
#ifndef REL_OUT_H
#define REL_OUT_H

#include <stdio.h>
#include <sqlite3.h>
#include "rel/base.h"
#include "rel/err.h"

enum rel_fmt {
	REL_FMT_AUTO,		/* table on a terminal, CSV otherwise */
	REL_FMT_CSV,
	REL_FMT_TSV,		/* tab, newline, CR and \ escaped as \t \n \r \\ */
	REL_FMT_TABLE,
	REL_FMT_JSON,		/* an array of objects, values as strings */
	REL_FMT_MD,		/* a Markdown pipe table */
	REL_FMT_HTML,		/* an HTML <table> element (escaped) */
	REL_FMT_NONE		/* nothing: cells are taken and dropped */
};

/* Parse --format (csv, tsv, table, json, md, html). Returns 0 or 64
 * with e set. */
REL_API int rel_fmt_parse(const char *s, enum rel_fmt *f, struct rel_err *e);

struct rel_out;

/* Start output on fp with these column names (copied); nothing is
 * written until the first row or rel_out_close(). flags:
 * REL_CSV_EXCEL_SAFE. Returns 0, or 70 for no columns or a bad format. */
REL_API int rel_out_open(struct rel_out **o, FILE *fp, enum rel_fmt fmt,
    unsigned flags, const char *const *cols, size_t ncols, struct rel_err *e);
/* One cell of the current row; s NULL means empty. */
REL_API void rel_out_cell(struct rel_out *o, const char *s, size_t len);
REL_API void rel_out_endrow(struct rel_out *o);
/* Every row of a statement, cells from its columns in order. Returns 0,
 * 75 when the database is busy, or 70; the statement is not reset. */
REL_API int rel_out_stmt(struct rel_out *o, sqlite3_stmt *st,
    struct rel_err *e);
/* Hold every row from now on (in a temporary file) until rel_out_close():
 * a list whose rows must be audited shows them only once the audit row is
 * written (rel_access_out calls it at the first such row). What was
 * written before is shown now. A table is held anyway. 0, or 73. */
REL_API int rel_out_hold(struct rel_out *o, struct rel_err *e);
/* Finish (write the header if no row did, flush a table, end an open row)
 * and free. Does not close fp. Returns 0 or 74 (e may be NULL). o may be
 * NULL. */
REL_API int rel_out_close(struct rel_out *o, struct rel_err *e);
/* Free without finishing: after an error. The header of a streaming
 * format is written with the first row, so an error before any row
 * leaves standard output empty. */
REL_API void rel_out_abort(struct rel_out *o);

/* Write len bytes of buf as the file path, atomically: into a temporary
 * file in the same directory, synced, then renamed over path, so that
 * path is never seen half-written and a failure leaves it as it was.
 * The file's mode is what a shell redirection would give. Returns 0, 73
 * when the file cannot be created or replaced, or 74 when writing fails
 * (a full disk). */
REL_API int rel_file_replace(const char *path, const void *buf, size_t len,
    struct rel_err *e);

#endif
