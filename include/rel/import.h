/*
 * import.h: the one import loop every importer runs.
 *
 * All files of one command are read in one transaction. Each record is
 * bound to its kind's columns by header name (with --map renames) and
 * handed to the kind's write function. Any bad record means nothing is
 * committed, and every bad record is reported (messages capped). With a
 * rejects file the good records are committed and each bad one is written
 * there, fields as read, with a reason column. A record whose key (its
 * kind's id or natural key) an earlier good record of the same import
 * had is bad: each record appears once per import.
 */
#ifndef REL_IMPORT_H
#define REL_IMPORT_H

#include "rel/base.h"
#include "rel/err.h"
#include "rel/csv.h"
#include "rel/db.h"

#include <stdint.h>

/* One input record in a kind's column order. */
struct rel_rec {
	size_t n;
	const char *const *v;	/* v[i] == NULL: column absent from input */
	const size_t *len;
	const char *file;	/* for messages: input name, or NULL */
	long line;		/* for messages: 0 for options */
	/* The keys this import has written (a key appears once per
	 * import); NULL outside an import. */
	struct rel_keys *keys;
};

/* What writing a record did. */
enum rel_outcome {
	REL_ADDED,
	REL_UPDATED,
	REL_UNCHANGED,
	REL_DUPLICATE,
	REL_NOUTCOMES
};

/*
 * Wide input: one input row makes several records. Every header column
 * that is not one of the kind's other columns (after --map) stands for a
 * value of column name: each non-empty cell of it is one record, with the
 * header in column name and the cell in column value, and the row's other
 * columns as they are. A bad record rejects its whole input row (nothing
 * of the row is kept, even with a rejects file), and counts each of the
 * row's records as bad. The header of the name or value column itself is
 * refused: that is the long form.
 */
struct rel_import_wide {
	size_t name;		/* the column that takes the header */
	size_t value;		/* the column that takes the cell */
	/* Check a header (after --map) as a value of column name: 0, or
	 * 65 with e set naming it (at file:line). NULL: any will do. */
	int (*check)(const char *s, size_t len, const char *file, long line,
	    struct rel_err *e);
};

/* A record kind that can be imported. */
struct rel_import_kind {
	const char *name;		/* plural noun for summaries: "students" */
	const char *updated;		/* word for REL_UPDATED; NULL: "updated" */
	const struct rel_csv_col *cols;
	size_t ncols;
	/* Validate and write one record; 0 and *outcome, or a status with
	 * e set (at rec->file:rec->line). It must change nothing when it
	 * fails: validate first, then write with one statement. */
	int (*write)(struct rel_db *db, const struct rel_rec *rec,
	    enum rel_outcome *outcome, struct rel_err *e);
	const char *one;		/* singular noun for add: "check-in";
					   NULL: not added one at a time */
};

struct rel_import_count {
	long files;			/* inputs of this kind */
	long rows;			/* records read */
	long n[REL_NOUTCOMES];		/* by outcome */
	long rejected;			/* bad records */
	int committed;			/* the import's transaction committed */
};

struct rel_import_opts {
	const struct rel_csv_renames *map;	/* --map, or NULL */
	int ignore_unknown;			/* --ignore-unknown */
	const char *rejects;			/* --rejects FILE, or NULL */
	int dry_run;				/* --dry-run: commit nothing */
	const char *visibility;			/* --visibility: the value of
						   an empty or absent
						   visibility column */
	long max_messages;			/* 0: 50 */
	/* --date-format: every date-time and date column (REL_COL_TIME,
	 * REL_COL_DATE) is read by this pattern; NULL: ISO 8601 only. */
	const char *date_format;
	/* --student-from email: the student_id column holds a student's
	 * email or login, resolved to their id. */
	int student_from_email;
	/* Wide input (--wide): every input is wide, its columns those of
	 * the kind it is read as; NULL: one record a row. */
	const struct rel_import_wide *wide;
	/* Pick the kind (index into kinds) for a file from its header
	 * (names after --map); NULL picks kinds[0]. */
	int (*choose)(void *ctx, const struct rel_csv_row *hdr,
	    const char *file, size_t *kind, struct rel_err *e);
	/* Called for each bad record (up to max_messages). */
	void (*report)(void *ctx, const struct rel_err *e);
	void *ctx;				/* for choose and report */
};

/* Import files (nfiles == 0: standard input; "-" also means it) as one
 * transaction. counts has nkinds entries. Returns 0; 65 when bad records
 * were found (nothing committed, or with rejects the good ones committed);
 * or another status with e set. */
REL_API int rel_import(struct rel_db *db, const char *const *files,
    size_t nfiles, const struct rel_import_kind *kinds, size_t nkinds,
    const struct rel_import_opts *o, struct rel_import_count *counts,
    struct rel_err *e);

/* "1200 students: 1150 added, 50 updated, 0 unchanged" into buf. */
REL_API void rel_import_summary(const struct rel_import_kind *k,
    const struct rel_import_count *c, char *buf, size_t n);

/* Field helpers for write functions. */
/* Is v[i] present and non-empty? */
REL_API int rel_rec_has(const struct rel_rec *r, size_t i);
/* A required id (1-64 bytes, no control bytes, no surrounding spaces). */
REL_API int rel_rec_id(const struct rel_rec *r, size_t i, const char *col,
    struct rel_err *e);
/* An optional value from a fixed list; accepts any case, stored lower. */
REL_API int rel_rec_enum(const struct rel_rec *r, size_t i, const char *col,
    const char *const *allowed, char *buf, size_t n, struct rel_err *e);
/* A boolean: 1/0, true/false, yes/no, y/n (any case); empty is dflt. */
REL_API int rel_rec_bool(const struct rel_rec *r, size_t i, const char *col,
    int dflt, int *out, struct rel_err *e);
/* A text value of at most max bytes without control bytes (multiline:
 * TAB, LF and CR allowed). */
REL_API int rel_rec_text(const struct rel_rec *r, size_t i, const char *col,
    size_t max, int multiline, struct rel_err *e);

/* An optional whole number in [lo, hi]; empty leaves *out as it is. */
REL_API int rel_rec_int(const struct rel_rec *r, size_t i, const char *col,
    long lo, long hi, long *out, struct rel_err *e);
/* A date-time (YYYY-MM-DDTHH:MM[:SS], a T or one space, an optional
 * offset) or a date (its midnight) into seconds; empty is now when
 * required is 0, else 65. */
REL_API int rel_rec_time(const struct rel_rec *r, size_t i, const char *col,
    int required, int64_t *secs, struct rel_err *e);

#endif
