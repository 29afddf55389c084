/*
 * cli.h: what every command does the same way at its start and end.
 */
#ifndef REL_CLI_H
#define REL_CLI_H

#include "rel/base.h"
#include "rel/err.h"
#include "rel/db.h"

#include <stdio.h>

/* A command's usage(): prints the synopsis on fp and exits with status. */
typedef void (*rel_usage_fn)(FILE *fp, int status);

/* One form of a command's usage, as tools/usage.awk makes them from the
 * SYNOPSIS of its man page: the verb ("" for a form with none) and the
 * lines, each ending in a newline; verb NULL is a note of the SYNOPSIS
 * that goes with every form. */
struct rel_usage {
	const char *verb;
	const char *text;
};
/* Print "usage: " and the forms on fp and exit with status. Once
 * rel_cli_parse has a verb, only its forms (and those of its sub-verbs,
 * "rules set" for "rules") are printed; otherwise all of them, then
 * more (NULL for none). The notes follow either way. (The attribute as
 * well as _Noreturn: cppcheck knows only the attribute.) */
REL_API _Noreturn void rel_cli_usage(FILE *fp, int status,
    const struct rel_usage *u, size_t n, const char *more)
    __attribute__((noreturn));

/* Mistakes: the optimal string alignment distance between a and b (the
 * edits of one character, and swaps of two neighbours). */
REL_API size_t rel_cli_distance(const char *a, const char *b);
/* The candidate that word most likely meant: the only one that word
 * begins; or else the one closest to it, when no other is as close and it
 * is at most max(1, length / 3) edits away. NULL if none. */
REL_API const char *rel_cli_suggest(const char *word,
    const char *const *cands, size_t n);
/* Warn of an unknown verb, with the closest of the n verbs if there is
 * one: 'unknown verb "gap"; did you mean "gaps"?'. The verbs are a table
 * of n elements of size bytes, each starting with its name (a const char
 * *), as struct rel_cli_verb does. */
REL_API void rel_cli_unknown_verb(const char *verb, const void *verbs,
    size_t n, size_t size);

/* Set the program name for messages. */
REL_API void rel_cli_start(int argc, char **argv);
/* Start a verb-first command: set the program name; handle -h/--help and
 * --version (these exit) and a missing verb (usage, 64). Returns the verb;
 * the verb's own options start at argv[2]. */
REL_API const char *rel_cli_verb(int argc, char **argv, rel_usage_fn usage);
/* Options of verb-first commands: each long option's val is
 * REL_OPT + its index in the command's own enum, so values fit in val[].
 * The options every command means the same way have fixed vals, so that
 * the library can read them; they need no entry in a command's own
 * longopts, and a command's own options start at REL_O_OWN. */
#define REL_OPT 256
#define REL_OPT_MAX 64
enum rel_cli_opt {
	REL_O_DB = REL_OPT,		/* --db PATH */
	REL_O_AS,			/* --as ADULT_ID */
	REL_O_FORMAT,			/* --format FMT */
	REL_O_EXCEL,			/* --excel-safe */
	REL_O_MAP,			/* --map NEW=OLD,... */
	REL_O_IGNORE,			/* --ignore-unknown */
	REL_O_REJECTS,			/* --rejects FILE */
	REL_O_DRYRUN,			/* --dry-run */
	REL_O_VIS,			/* --visibility V */
	REL_O_STUDENTFROM,		/* --student-from id|email */
	REL_O_DATEFMT,			/* --date-format FMT */
	REL_O_HELP,			/* --help */
	REL_O_VERSION,			/* --version */
	REL_O_OWN
};
struct option;
struct rel_cli_args {
	const char *val[REL_OPT_MAX];	/* option argument ("" for flags),
					   or NULL when not given */
	const char *name[REL_OPT_MAX];	/* its long name, when given */
	int nargs;			/* operands after the options */
	char **args;
};
/* The value of option o (a REL_O_* or a command's own), or NULL. */
#define REL_CLI_VAL(a, o) ((a)->val[(o) - REL_OPT])
/* getopt_long over argv (argv[0] is the verb), with the shared options
 * and the command's own longopts (NULL-terminated). --help and -h print
 * the usage and exit 0 (with $REL_HELP_OPTIONS set, after a line
 * "options: --db ..." on stderr: the options the verb takes, for tests); --version prints the version; an option not in
 * allowed (a 0-terminated list of vals) or unknown is a usage error. */
REL_API void rel_cli_parse(int argc, char **argv, const char *verb,
    const struct option *longopts, const int *allowed,
    struct rel_cli_args *a, rel_usage_fn usage);

/* A verb of a verb-first command: its name, its allowed options (as for
 * rel_cli_parse) and what runs it, returning the exit status. */
struct rel_cli_verb {
	const char *name;
	const int *opts;
	int (*run)(struct rel_cli_args *a);
};
/* The whole of a verb-first command's main(): the verb found among verbs
 * (an unknown one is a usage error), its options parsed, run, and the
 * output finished. Returns the exit status. */
REL_API int rel_cli_main(int argc, char **argv,
    const struct rel_cli_verb *verbs, size_t nverbs,
    const struct option *longopts, rel_usage_fn usage);
/* A whole number option in [lo, hi]; 64 with the message in e if not. */
REL_API int rel_cli_int(const char *opt, const char *s, long lo, long hi,
    long *out, struct rel_err *e);
/* The same for option o of a, if it was given; *out is left alone if not. */
REL_API int rel_cli_num(const struct rel_cli_args *a, int o, long lo,
    long hi, long *out, struct rel_err *e);

/* An import verb as every importer runs it: --map parsed, the database
 * opened, rel_import run, each bad record and a summary per kind printed.
 * Returns the exit status. */
struct rel_import_kind;
struct rel_csv_row;
struct rel_cli_import {
	const char *db;			/* --db */
	const char *as;			/* --as: the default author */
	const char *map;		/* --map */
	const char *rejects;		/* --rejects */
	int ignore_unknown;		/* --ignore-unknown */
	int dry_run;			/* --dry-run */
	const char *visibility;		/* --visibility: for rows that
					   leave it empty (64 if not one) */
	const char *student_from;	/* --student-from: id or email */
	const char *date_format;	/* --date-format */
	const struct rel_import_wide *wide;	/* --wide: how (NULL: not) */
	int no_author;			/* the records carry no author (the
					   roster): no acting adult is looked
					   up, so a $REL_AS naming an adult
					   the import brings is no error */
	char **files;
	size_t nfiles;
	const struct rel_import_kind *kinds;
	size_t nkinds;
	int (*choose)(void *ctx, const struct rel_csv_row *hdr,
	    const char *file, size_t *kind, struct rel_err *e);
	void *ctx;
};
REL_API int rel_cli_import(const struct rel_cli_import *ci);
/* ci cleared and filled from the shared options of a and its operands
 * (the files); kinds and the rest are the caller's. */
REL_API void rel_cli_import_init(struct rel_cli_import *ci,
    const struct rel_cli_args *a);

/* An add verb: a record of kind from values in kind->cols order (NULL:
 * not given), written exactly as an import of one row would be, in one
 * transaction, with the acting adult (--as) as the default author. With
 * student operands (args), one record for each, the first column set to
 * the operand; with none, one for each student of the set on standard
 * input; with neither, one record as given. Any bad record means nothing
 * is added (65). Prints "check-in added for S001" (kind->one and the
 * first value), or a count for several. A usage error prints the usage.
 * Returns the exit status. */
struct rel_cli_add {
	const char *db;			/* --db */
	const char *as;			/* --as */
	int need_actor;			/* no acting adult is 64 */
	int no_set;			/* no operand: one record, never a set */
	const struct rel_import_kind *kind;
	const char *const *v;		/* kind->ncols values */
	rel_usage_fn usage;
};
REL_API int rel_cli_add(const struct rel_cli_add *a, char **args,
    size_t nargs);
/* ca cleared, and --db and --as taken from args. */
REL_API void rel_cli_add_init(struct rel_cli_add *ca,
    const struct rel_cli_args *args);

/* A read verb: the database opened read-only, the acting adult found
 * (--as), the student set loaded from standard input when want_set, the
 * output opened in --format, run() called, the output finished. Errors
 * are printed (a usage error with the usage). Returns the exit status. */
struct rel_out;
struct rel_cli_query {
	const char *db;			/* --db */
	const char *as;			/* --as */
	const char *format;		/* --format, or NULL */
	int excel_safe;			/* --excel-safe */
	int want_set;
	const char *const *cols;
	size_t ncols;
	int (*run)(struct rel_db *db, void *ctx, int set, struct rel_out *o,
	    struct rel_err *e);
	void *ctx;
	rel_usage_fn usage;
};
REL_API int rel_cli_query(const struct rel_cli_query *q);
/* q cleared, and --db, --as, --format and --excel-safe taken from a. */
REL_API void rel_cli_query_init(struct rel_cli_query *q,
    const struct rel_cli_args *a);

/* Print e's message; for a usage error (64) print the usage too (which
 * exits). Returns e's status. */
REL_API int rel_cli_fail(const struct rel_err *e, rel_usage_fn usage);

/* Print "prog (rel) VERSION" on stdout. */
REL_API void rel_cli_version(void);
/* Flush and close stdout; a failed write is reported and turns status
 * into 74. Returns the status to exit with. */
REL_API int rel_cli_finish(int status);
/* Resolve --db and open; on failure prints and returns the status. */
REL_API int rel_cli_db(const char *opt, unsigned flags, struct rel_db **db);
/* A report callback for rel_import: prints each error. */
REL_API void rel_cli_report(void *ctx, const struct rel_err *e);

#endif
