/*
 * cli.c: the start and end every command shares.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The verb being parsed: usage() then shows only its forms. */
static const char *usage_verb;

static int
usage_match(const struct rel_usage *u, const char *verb)
{
	size_t n = strlen(verb);

	return u->verb != NULL && strncmp(u->verb, verb, n) == 0 &&
	    (u->verb[n] == '\0' || u->verb[n] == ' ');
}

void
rel_cli_usage(FILE *fp, int status, const struct rel_usage *u, size_t n,
    const char *more)
{
	const char *p, *nl;
	size_t i;
	int all = 1, first = 1;

	if (usage_verb != NULL)
		for (i = 0; i < n && all; i++)
			if (usage_match(&u[i], usage_verb))
				all = 0;
	for (i = 0; i < n; i++) {
		if (u[i].verb == NULL || (!all && !usage_match(&u[i],
		    usage_verb)))
			continue;
		for (p = u[i].text; *p != '\0'; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				nl = p + strlen(p);
			fprintf(fp, "%s%.*s\n", first ? "usage: " : "       ",
			    (int)(nl - p), p);
			first = 0;
			if (*nl == '\0')
				break;
		}
	}
	for (i = 0; i < n; i++)
		if (u[i].verb == NULL)
			fputs(u[i].text, fp);
	if (all && more != NULL)
		fputs(more, fp);
	exit(fp == stdout ? rel_cli_finish(status) : status);
}

size_t
rel_cli_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, w = lb + 1, d, *m;

	/* m[i][j]: the distance between the first i of a and j of b. */
	m = rel_xcalloc((la + 1) * w, sizeof(*m));
	for (i = 0; i <= la; i++)
		m[i * w] = i;
	for (j = 0; j <= lb; j++)
		m[j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			d = m[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1]);
			if (m[(i - 1) * w + j] + 1 < d)
				d = m[(i - 1) * w + j] + 1;
			if (m[i * w + j - 1] + 1 < d)
				d = m[i * w + j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && m[(i - 2) * w + j - 2] + 1 < d)
				d = m[(i - 2) * w + j - 2] + 1;
			m[i * w + j] = d;
		}
	d = m[la * w + lb];
	free(m);
	return d;
}

const char *
rel_cli_suggest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL, *prefix = NULL;
	size_t i, d, len = strlen(word), bestd = (size_t)-1, nprefix = 0;
	int tie = 0;

	if (len == 0)
		return NULL;
	for (i = 0; i < n; i++) {
		if (strncmp(cands[i], word, len) == 0) {
			prefix = cands[i];
			nprefix++;
		}
		d = rel_cli_distance(word, cands[i]);
		if (d < bestd) {
			best = cands[i];
			bestd = d;
			tie = 0;
		} else if (d == bestd)
			tie = 1;
	}
	/* A word cut short ("hist") means the one it begins, before any
	 * that is an edit away ("list"). */
	if (nprefix == 1)
		return prefix;
	/* Like git: a few edits for a long word, one for a short one. */
	if (best != NULL && !tie && bestd <= (len / 3 > 1 ? len / 3 : 1))
		return best;
	return NULL;
}

void
rel_cli_unknown_verb(const char *verb, const void *verbs, size_t n,
    size_t size)
{
	const char **names = rel_xcalloc(n + 1, sizeof(*names));
	const char *s;
	size_t i;

	for (i = 0; i < n; i++)
		memcpy(&names[i], (const char *)verbs + i * size,
		    sizeof(names[i]));
	s = rel_cli_suggest(verb, names, n);
	free(names);
	if (s != NULL)
		rel_warn("unknown verb \"%s\"; did you mean \"%s\"?", verb, s);
	else
		rel_warn("unknown verb \"%s\"", verb);
}

void
rel_cli_start(int argc, char **argv)
{
	rel_setprogname(argc > 0 ? argv[0] : "rel");
	rel_audit_command(argc, argv);
}

const char *
rel_cli_verb(int argc, char **argv, rel_usage_fn usage)
{
	rel_cli_start(argc, argv);
	if (argc < 2)
		usage(stderr, REL_EUSAGE);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)
		usage(stdout, 0);
	if (strcmp(argv[1], "--version") == 0) {
		rel_cli_version();
		exit(rel_cli_finish(0));
	}
	return argv[1];
}

int
rel_cli_fail(const struct rel_err *e, rel_usage_fn usage)
{
	rel_err_print(e);
	if (e->code == REL_EUSAGE && usage != NULL)
		usage(stderr, REL_EUSAGE);
	return e->code;
}

void
rel_cli_version(void)
{
	printf("%s (rel) %s\n", rel_getprogname(), REL_VERSION);
}

/* SIGPIPE keeps its default action, so `| head` ends a command quietly;
 * any other write error surfaces here. */
int
rel_cli_finish(int status)
{
	int err = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) != 0 && err == 0)
		err = errno ? errno : EIO;
	/* A command that already failed with 74 has said why. */
	if (err != 0 && status != REL_EIO) {
		rel_warn("standard output: write error: %s", strerror(err));
		return status != 0 ? status : REL_EIO;
	}
	return status;
}

int
rel_cli_db(const char *opt, unsigned flags, struct rel_db **db)
{
	char path[PATH_MAX];
	struct rel_err e;
	int rc;

	rel_err_clear(&e);
	if ((rc = rel_db_path(opt, path, sizeof(path), &e)) != 0 ||
	    (rc = rel_db_open(db, path, flags, &e)) != 0) {
		rel_err_print(&e);
		return rc;
	}
	return 0;
}

void
rel_cli_report(void *ctx, const struct rel_err *e)
{
	(void)ctx;
	rel_err_print(e);
}

static const struct option shared_opts[] = {
	{ "db", required_argument, NULL, REL_O_DB },
	{ "as", required_argument, NULL, REL_O_AS },
	{ "format", required_argument, NULL, REL_O_FORMAT },
	{ "excel-safe", no_argument, NULL, REL_O_EXCEL },
	{ "visibility", required_argument, NULL, REL_O_VIS },
	{ "map", required_argument, NULL, REL_O_MAP },
	{ "ignore-unknown", no_argument, NULL, REL_O_IGNORE },
	{ "rejects", required_argument, NULL, REL_O_REJECTS },
	{ "dry-run", no_argument, NULL, REL_O_DRYRUN },
	{ "student-from", required_argument, NULL, REL_O_STUDENTFROM },
	{ "date-format", required_argument, NULL, REL_O_DATEFMT },
	{ "help", no_argument, NULL, REL_O_HELP },
	{ "version", no_argument, NULL, REL_O_VERSION },
};

/* An unknown option, with the closest of those the verb takes. */
static void
unknown_opt(const char *verb, const char *arg, const struct option *lo,
    size_t n, const int *allowed)
{
	const char *names[NELEM(shared_opts) + REL_OPT_MAX + 1] = { NULL };
	char word[64];
	const char *s = NULL;
	const int *p;
	size_t i, k = 0;

	if (strncmp(arg, "--", 2) == 0) {
		rel_strlcpy(word, arg + 2, sizeof(word));
		word[strcspn(word, "=")] = '\0';
		for (i = 0; i < n; i++) {
			for (p = allowed; *p != 0 && *p != lo[i].val; p++)
				;
			if (*p != 0 || lo[i].val == REL_O_HELP)
				names[k++] = lo[i].name;
		}
		/* getopt also says '?' of --flag=value and of a prefix of
		 * several names: then the name is no misspelling. */
		for (i = 0; i < k && strcmp(names[i], word) != 0; i++)
			;
		if (i == k)
			s = rel_cli_suggest(word, names, k);
	}
	if (s != NULL)
		rel_warn("%s: unknown option %s; did you mean --%s?", verb, arg,
		    s);
	else
		rel_warn("%s: unknown option %s", verb, arg);
}

/* For tests/cli/help.sh: the options the verb takes, on stderr, so
 * that a test can hold its usage to them in one run. */
static void
help_options(const struct option *lo, size_t n, const int *allowed)
{
	const int *p;
	size_t i;

	fputs("options:", stderr);
	for (p = allowed; *p != 0; p++)
		for (i = 0; i < n; i++)
			if (lo[i].val == *p) {
				fprintf(stderr, " --%s", lo[i].name);
				break;
			}
	fputc('\n', stderr);
}

void
rel_cli_parse(int argc, char **argv, const char *verb,
    const struct option *own, const int *allowed,
    struct rel_cli_args *a, rel_usage_fn usage)
{
	struct option longopts[NELEM(shared_opts) + REL_OPT_MAX + 1];
	const int *p;
	size_t n = 0;
	int c, li;

	usage_verb = verb;
	memset(a, 0, sizeof(*a));
	memset(longopts, 0, sizeof(longopts));
	for (n = 0; n < NELEM(shared_opts); n++)
		longopts[n] = shared_opts[n];
	for (; own != NULL && own->name != NULL; own++) {
		if (n == NELEM(longopts) - 1 || own->val < REL_O_OWN ||
		    own->val >= REL_OPT + REL_OPT_MAX) {
			rel_warn("%s: option --%s is out of range", verb,
			    own->name);
			exit(REL_ESOFTWARE);
		}
		longopts[n++] = *own;
	}
	optind = 1;
	opterr = 0;	/* getopt would name the verb as the program */
	while ((li = -1, c = getopt_long(argc, argv, ":h", longopts, &li)) != -1) {
		const char *name = li >= 0 ? longopts[li].name : "";

		if (c == ':') {
			rel_warn("%s: a value is needed after %s", verb,
			    argv[optind - 1]);
			usage(stderr, REL_EUSAGE);
		}
		if (c == '?') {
			unknown_opt(verb, argv[optind - 1], longopts, n,
			    allowed);
			usage(stderr, REL_EUSAGE);
		}
		if (c == 'h' || strcmp(name, "help") == 0) {
			if (getenv("REL_HELP_OPTIONS") != NULL)
				help_options(longopts, n, allowed);
			usage(stdout, 0);
		}
		if (strcmp(name, "version") == 0) {
			rel_cli_version();
			exit(rel_cli_finish(0));
		}
		if (c == '?' || c < REL_OPT || c >= REL_OPT + REL_OPT_MAX)
			usage(stderr, REL_EUSAGE);
		for (p = allowed; *p != 0 && *p != c; p++)
			;
		if (*p == 0) {
			rel_warn("%s: --%s does not apply here", verb, name);
			usage(stderr, REL_EUSAGE);
		}
		a->val[c - REL_OPT] = optarg ? optarg : "";
		a->name[c - REL_OPT] = name;
	}
	a->nargs = argc - optind;
	a->args = argv + optind;
}

int
rel_cli_num(const struct rel_cli_args *a, int o, long lo, long hi, long *out,
    struct rel_err *e)
{
	char opt[64];

	if (REL_CLI_VAL(a, o) == NULL)
		return 0;
	snprintf(opt, sizeof(opt), "--%s", a->name[o - REL_OPT]);
	return rel_cli_int(opt, REL_CLI_VAL(a, o), lo, hi, out, e);
}

int
rel_cli_main(int argc, char **argv, const struct rel_cli_verb *verbs,
    size_t nverbs, const struct option *longopts, rel_usage_fn usage)
{
	struct rel_cli_args a;
	const char *verb;
	size_t i;

	verb = rel_cli_verb(argc, argv, usage);
	for (i = 0; i < nverbs && strcmp(verb, verbs[i].name) != 0; i++)
		;
	if (i == nverbs) {
		rel_cli_unknown_verb(verb, verbs, nverbs, sizeof(*verbs));
		usage(stderr, REL_EUSAGE);
	}
	rel_cli_parse(argc - 1, argv + 1, verb, longopts, verbs[i].opts, &a,
	    usage);
	return rel_cli_finish(verbs[i].run(&a));
}

int
rel_cli_int(const char *opt, const char *s, long lo, long hi, long *out,
    struct rel_err *e)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
		    "is not a number from %ld to %ld", lo, hi);
	*out = v;
	return 0;
}

void
rel_cli_import_init(struct rel_cli_import *ci, const struct rel_cli_args *a)
{
	memset(ci, 0, sizeof(*ci));
	ci->db = REL_CLI_VAL(a, REL_O_DB);
	ci->as = REL_CLI_VAL(a, REL_O_AS);
	ci->map = REL_CLI_VAL(a, REL_O_MAP);
	ci->rejects = REL_CLI_VAL(a, REL_O_REJECTS);
	ci->ignore_unknown = REL_CLI_VAL(a, REL_O_IGNORE) != NULL;
	ci->dry_run = REL_CLI_VAL(a, REL_O_DRYRUN) != NULL;
	ci->visibility = REL_CLI_VAL(a, REL_O_VIS);
	ci->student_from = REL_CLI_VAL(a, REL_O_STUDENTFROM);
	ci->date_format = REL_CLI_VAL(a, REL_O_DATEFMT);
	ci->files = a->args;
	ci->nfiles = (size_t)a->nargs;
}

void
rel_cli_add_init(struct rel_cli_add *ca, const struct rel_cli_args *a)
{
	memset(ca, 0, sizeof(*ca));
	ca->db = REL_CLI_VAL(a, REL_O_DB);
	ca->as = REL_CLI_VAL(a, REL_O_AS);
}

void
rel_cli_query_init(struct rel_cli_query *q, const struct rel_cli_args *a)
{
	memset(q, 0, sizeof(*q));
	q->db = REL_CLI_VAL(a, REL_O_DB);
	q->as = REL_CLI_VAL(a, REL_O_AS);
	q->format = REL_CLI_VAL(a, REL_O_FORMAT);
	q->excel_safe = REL_CLI_VAL(a, REL_O_EXCEL) != NULL;
}

int
rel_cli_import(const struct rel_cli_import *ci)
{
	struct rel_import_count *counts;
	struct rel_csv_renames *map = NULL;
	struct rel_import_opts o;
	struct rel_db *db;
	struct rel_err e;
	char line[256];
	size_t k;
	int rc;

	rel_err_clear(&e);
	if (ci->visibility != NULL) {
		enum rel_vis vis;

		if (rel_vis_opt(ci->visibility, &vis, &e) != 0) {
			rel_err_print(&e);
			return e.code;
		}
	}
	if (ci->student_from != NULL && strcmp(ci->student_from, "id") != 0 &&
	    strcmp(ci->student_from, "email") != 0) {
		rel_err_value(&e, REL_EUSAGE, NULL, 0, "--student-from",
		    ci->student_from, strlen(ci->student_from), "is not id or "
		    "email");
		rel_err_print(&e);
		return e.code;
	}
	if (ci->date_format != NULL &&
	    rel_datefmt_check(ci->date_format, &e) != 0) {
		rel_err_print(&e);
		return e.code;
	}
	if (ci->map != NULL && rel_csv_renames_parse(&map, ci->map, &e) != 0) {
		rel_err_print(&e);
		return e.code;
	}
	if ((rc = rel_cli_db(ci->db, 0, &db)) != 0) {
		rel_csv_renames_free(map);
		return rc;
	}
	/* An import writes one transaction of rows in file order, which is
	 * not the order of the indexes: with SQLite's default 2 MiB page
	 * cache, pages spill to the WAL and are read back row after row.
	 * 64 MiB keeps the index pages of a large import in memory; it is
	 * allocated only as pages are used. */
	if ((rc = rel_db_exec(db, "PRAGMA cache_size=-65536", &e)) != 0) {
		rel_err_print(&e);
		rel_db_close(db);
		rel_csv_renames_free(map);
		return rc;
	}
	if ((rc = rel_db_out_check(db, "--rejects", ci->rejects, 0,
	    &e)) != 0) {
		rel_err_print(&e);
		rel_db_close(db);
		rel_csv_renames_free(map);
		return rc;
	}
	if (!ci->no_author) {
		struct rel_actor who;

		if ((rc = rel_actor_find(db, ci->as, &who, &e)) != 0) {
			rel_err_print(&e);
			rel_db_close(db);
			rel_csv_renames_free(map);
			return rc;
		}
	}
	memset(&o, 0, sizeof(o));
	o.map = map;
	o.ignore_unknown = ci->ignore_unknown;
	o.rejects = ci->rejects;
	o.dry_run = ci->dry_run;
	o.visibility = ci->visibility;
	o.date_format = ci->date_format;
	o.student_from_email = ci->student_from != NULL &&
	    strcmp(ci->student_from, "email") == 0;
	o.wide = ci->wide;
	o.choose = ci->choose;
	o.report = rel_cli_report;
	o.ctx = ci->ctx;
	counts = rel_xcalloc(ci->nkinds, sizeof(*counts));
	rc = rel_import(db, (const char *const *)ci->files, ci->nfiles,
	    ci->kinds, ci->nkinds, &o, counts, &e);
	/* Summaries say what was written, so only when it was (or would
	 * have been, in a dry run). */
	for (k = 0; k < ci->nkinds; k++) {
		if (counts[k].files == 0 || !(counts[0].committed || o.dry_run))
			continue;
		rel_import_summary(&ci->kinds[k], &counts[k], line, sizeof(line));
		rel_warn("%s%s", o.dry_run ? "dry run, nothing written: " : "",
		    line);
	}
	if (rc != 0)
		rel_err_print(&e);
	free(counts);
	rel_db_close(db);
	rel_csv_renames_free(map);
	return rc;
}


/* The students of an add: the operands, or the set on standard input. */
static int
add_ids(struct rel_db *db, char **args, size_t nargs, int no_set,
    char ***ids, size_t *nids, struct rel_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0, i;
	int rc, set;

	*ids = NULL;
	*nids = 0;
	if (nargs > 0) {
		*ids = rel_xcalloc(nargs, sizeof(char *));
		for (i = 0; i < nargs; i++)
			(*ids)[i] = rel_xstrdup(args[i]);
		*nids = nargs;
		return 0;
	}
	if (no_set)
		return 0;
	if ((rc = rel_set_stdin(db, &set, e)) != 0 || !set)
		return rc;
	if ((rc = rel_db_stmt(db, "SELECT s.student_id FROM temp.rel_set r "
	    "JOIN student s ON s.id = r.id ORDER BY s.student_id", &st, e)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*nids == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = rel_xrealloc(*ids, cap * sizeof(char *));
		}
		(*ids)[(*nids)++] = rel_xstrdup((const char *)
		    sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading the student set", e);
	if (*nids == 0)
		return rel_err_set(e, REL_EUSAGE, "the student set on standard "
		    "input is empty");
	return 0;
}

int
rel_cli_add(const struct rel_cli_add *a, char **args, size_t nargs)
{
	const struct rel_import_kind *k = a->kind;
	struct rel_import_count c;
	struct rel_actor who;
	enum rel_outcome out;
	struct rel_rec rec;
	struct rel_db *db;
	struct rel_err e;
	const char **v;
	size_t *len, i, j, nids = 0;
	char **ids = NULL;
	long nbad = 0;
	int rc;

	rel_err_clear(&e);
	memset(&c, 0, sizeof(c));
	memset(&who, 0, sizeof(who));
	if ((rc = rel_cli_db(a->db, 0, &db)) != 0)
		return rc;
	v = rel_xcalloc(k->ncols, sizeof(char *));
	len = rel_xcalloc(k->ncols, sizeof(size_t));
	for (i = 0; i < k->ncols; i++) {
		v[i] = a->v[i];
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	}
	rec.n = k->ncols;
	rec.v = v;
	rec.len = len;
	rec.keys = NULL;
	rec.file = NULL;
	rec.line = 0;
	if ((rc = (a->need_actor ? rel_actor_need : rel_actor_find)(db, a->as,
	    &who, &e)) != 0 ||
	    (rc = add_ids(db, args, nargs, a->no_set, &ids, &nids,
	    &e)) != 0 ||
	    (rc = rel_db_begin(db, &e)) != 0)
		goto out;
	for (j = 0; j < (nids > 0 ? nids : 1); j++) {
		struct rel_err bad;

		if (nids > 0) {
			v[0] = ids[j];
			len[0] = strlen(ids[j]);
		}
		rel_err_clear(&bad);
		c.rows++;
		rc = k->write(db, &rec, &out, &bad);
		if (rc == REL_EDATA) {
			/* Every bad student is named; nothing is kept. */
			rel_err_print(&bad);
			nbad++;
			continue;
		}
		if (rc != 0) {
			e = bad;
			goto out;
		}
		c.n[out]++;
	}
	if (nbad > 0) {
		rc = rel_err_set(&e, REL_EDATA, "%ld bad record%s; nothing was "
		    "added", nbad, nbad == 1 ? "" : "s");
		goto out;
	}
	if ((rc = rel_db_commit(db, &e)) != 0)
		goto out;
	if (c.rows == 1)
		rel_warn("%s %s%s%s", k->one, out == REL_ADDED ? "added" :
		    out == REL_DUPLICATE ? "already recorded; nothing added" :
		    out == REL_UPDATED ? "updated" : "unchanged",
		    v[0] != NULL && v[0][0] != '\0' ? " for " : "",
		    v[0] != NULL ? v[0] : "");
	else
		rel_warn("%ld %s: %ld added, %ld duplicate%s ignored", c.rows,
		    k->name, c.n[REL_ADDED] + c.n[REL_UPDATED],
		    c.n[REL_DUPLICATE] + c.n[REL_UNCHANGED],
		    c.n[REL_DUPLICATE] + c.n[REL_UNCHANGED] == 1 ? "" : "s");
out:
	if (rc != 0) {
		rel_db_rollback(db);
		if (e.code != 0 && !(rc == REL_EDATA && nbad > 0 && c.rows == 1))
			rel_err_print(&e);
	}
	rel_db_close(db);
	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(v);
	free(len);
	if (rc == REL_EUSAGE && a->usage != NULL)
		a->usage(stderr, rc);
	return rc;
}

int
rel_cli_query(const struct rel_cli_query *q)
{
	enum rel_fmt fmt = REL_FMT_AUTO;
	struct rel_actor who;
	struct rel_out *o = NULL;
	struct rel_db *db = NULL;
	struct rel_err e;
	int rc, set = 0;

	rel_err_clear(&e);
	if (q->format != NULL && (rc = rel_fmt_parse(q->format, &fmt, &e)) != 0)
		goto out;
	/* Read-write: a list that returns private rows is audited. */
	if ((rc = rel_cli_db(q->db, 0, &db)) != 0)
		return rc;
	if ((rc = rel_actor_reader(db, q->as, &who, &e)) != 0 ||
	    (q->want_set && (rc = rel_set_stdin(db, &set, &e)) != 0) ||
	    (rc = rel_out_open(&o, stdout, fmt, q->excel_safe ?
	    REL_CSV_EXCEL_SAFE : 0, q->cols, q->ncols, &e)) != 0)
		goto out;
	/* The audit row is written before a table (held until the end) is
	 * shown: what cannot be recorded is not shown. */
	if ((rc = q->run(db, q->ctx, set, o, &e)) == 0 &&
	    (rc = rel_audit_flush(db, 0, NULL, NULL, &e)) == 0)
		rc = rel_out_close(o, &e);
	else
		rel_out_abort(o);
out:
	rel_db_close(db);
	if (rc != 0) {
		rel_err_print(&e);
		if (rc == REL_EUSAGE && q->usage != NULL)
			q->usage(stderr, rc);
	}
	return rc;
}
