/*
 * test_access.c: the shared helpers of the record kinds: visibility and
 * the acting adult (access.c), the list filter (record.c), whole numbers
 * and times in records (rel_rec_int, rel_rec_time), time options
 * (rel_time_opt), and the add and read verbs (rel_cli_add,
 * rel_cli_query) run as a command runs them, in a child process; the
 * team of an acting adult, and the audit log: what a flush writes, the
 * command line it names, and that the library cannot change it.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <unistd.h>

#include "unit.h"
#include "tmpdb.h"

/* Students S1-S3 (S3 deactivated); adults A1 (login asilva), A2, and A3
 * (login old, deactivated). */
static void
school(struct tmpdb *t)
{
	struct rel_err e;

	tmpdb_open(t);
	assert_int_equal(rel_db_exec(t->db,
	    "INSERT INTO student (student_id, given_name, family_name, "
	    " updated_at) VALUES ('S1', 'Zoë', 'Ñuñez', 'x'), "
	    " ('S2', 'Liam', 'O''Connor', 'x'), ('S3', 'Mei', 'King', 'x');"
	    "UPDATE student SET active = 0 WHERE student_id = 'S3';"
	    "INSERT INTO adult (adult_id, given_name, family_name, login, "
	    " updated_at) VALUES ('A1', 'Ana', 'Silva', 'asilva', 'x'), "
	    " ('A2', 'Bo', 'Chen', NULL, 'x'), ('A3', 'Cy', 'Diaz', 'old', 'x');"
	    "UPDATE adult SET active = 0 WHERE adult_id = 'A3'", &e), 0);
}

/* A record of one field. */
struct one {
	const char *v[1];
	size_t len[1];
	struct rel_rec r;
};

static const struct rel_rec *
one(struct one *o, const char *s)
{
	o->v[0] = s;
	o->len[0] = s != NULL ? strlen(s) : 0;
	o->r.n = 1;
	o->r.v = o->v;
	o->r.len = o->len;
	o->r.file = "f.csv";
	o->r.line = 3;
	return &o->r;
}

static void
has(const struct rel_err *e, const char *want)
{
	char buf[1400];

	rel_err_format(e, buf, sizeof(buf));
	if (strstr(buf, want) == NULL)
		fail_msg("\"%s\" lacks \"%s\"", buf, want);
}

static void
test_visibility(void **state)
{
	enum rel_vis v = REL_VIS_STAFF;
	struct rel_err e;
	struct one o;

	(void)state;
	assert_int_equal(rel_vis_parse("staff", 5, &v), 0);
	assert_int_equal(v, REL_VIS_STAFF);
	assert_int_equal(rel_vis_parse("Team", 4, &v), 0);
	assert_int_equal(v, REL_VIS_TEAM);
	assert_int_equal(rel_vis_parse("PRIVATE", 7, &v), 0);
	assert_int_equal(v, REL_VIS_PRIVATE);
	assert_int_equal(rel_vis_parse("privat", 6, &v), -1);
	assert_int_equal(rel_vis_parse("teams", 5, &v), -1);
	assert_int_equal(rel_vis_parse("", 0, &v), -1);
	assert_int_equal(rel_vis_parse("team, more", 4, &v), 0);
	assert_string_equal(rel_vis_name(REL_VIS_STAFF), "staff");
	assert_string_equal(rel_vis_name(REL_VIS_TEAM), "team");
	assert_string_equal(rel_vis_name(REL_VIS_PRIVATE), "private");
	assert_string_equal(rel_vis_name((enum rel_vis)7), "");

	assert_int_equal(rel_vis_opt("private", &v, &e), 0);
	assert_int_equal(v, REL_VIS_PRIVATE);
	assert_int_equal(rel_vis_opt("public", &v, &e), REL_EUSAGE);
	assert_string_equal(e.column, "--visibility");
	has(&e, "--visibility: \"public\" is not staff, team or private");

	assert_int_equal(rel_rec_vis(one(&o, ""), 0, REL_VIS_PRIVATE, &v, &e),
	    0);
	assert_int_equal(v, REL_VIS_PRIVATE);
	assert_int_equal(rel_rec_vis(one(&o, NULL), 0, REL_VIS_TEAM, &v, &e), 0);
	assert_int_equal(v, REL_VIS_TEAM);
	/* a column past the record's end is absent too */
	assert_int_equal(rel_rec_vis(one(&o, "staff"), 1, REL_VIS_TEAM, &v, &e),
	    0);
	assert_int_equal(v, REL_VIS_TEAM);
	assert_int_equal(rel_rec_vis(one(&o, "Staff"), 0, REL_VIS_TEAM, &v, &e),
	    0);
	assert_int_equal(v, REL_VIS_STAFF);
	assert_int_equal(rel_rec_vis(one(&o, "everyone"), 0, REL_VIS_TEAM, &v,
	    &e), REL_EDATA);
	has(&e, "f.csv:3: visibility: \"everyone\" is not staff, team or "
	    "private");
}

static void
test_actor(void **state)
{
	struct rel_actor a;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	unsetenv("REL_AS");
	unsetenv("USER");
	/* nobody: 0, and nothing kept */
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_int_equal(a.id, 0);
	assert_null(a.from);
	assert_int_equal(rel_actor(t.db)->id, 0);
	assert_int_equal(rel_actor_need(t.db, NULL, &a, &e), REL_EUSAGE);
	has(&e, "who is writing this? Give --as ADULT_ID, set $REL_AS, or set "
	    "your login on your adult record (rel-roster set adult ID --login "
	    "NAME)");

	/* the login of $USER, an active adult's only */
	setenv("USER", "asilva", 1);
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_int_equal(a.id, 1);
	assert_string_equal(a.adult_id, "A1");
	assert_string_equal(a.from, "login");
	assert_string_equal(rel_actor(t.db)->adult_id, "A1");
	setenv("USER", "old", 1);
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_int_equal(a.id, 0);
	assert_int_equal(rel_actor(t.db)->id, 0);
	assert_int_equal(rel_actor_need(t.db, NULL, &a, &e), REL_EUSAGE);
	has(&e, "--login old)");

	/* $REL_AS before the login; --as before both */
	setenv("USER", "asilva", 1);
	setenv("REL_AS", "A2", 1);
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_string_equal(a.adult_id, "A2");
	assert_string_equal(a.from, "$REL_AS");
	assert_int_equal(rel_actor_need(t.db, "A1", &a, &e), 0);
	assert_string_equal(a.adult_id, "A1");
	assert_string_equal(a.from, "--as");
	assert_int_equal(rel_actor(t.db)->id, 1);
	/* an empty $REL_AS is unset */
	setenv("REL_AS", "", 1);
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_string_equal(a.from, "login");

	/* naming nobody active: --as is a usage error, $REL_AS a setting */
	assert_int_equal(rel_actor_find(t.db, "A9", &a, &e), REL_EUSAGE);
	has(&e, "--as: \"A9\" is not an active adult");
	assert_int_equal(rel_actor_find(t.db, "A3", &a, &e), REL_EUSAGE);
	setenv("REL_AS", "A3", 1);
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), REL_ECONFIG);
	has(&e, "$REL_AS: \"A3\" is not an active adult");
	/* an --as that is fine wins over a bad $REL_AS */
	assert_int_equal(rel_actor_find(t.db, "A2", &a, &e), 0);
	assert_string_equal(a.adult_id, "A2");
	/* logins are not ids, and ids are not logins */
	assert_int_equal(rel_actor_find(t.db, "asilva", &a, &e), REL_EUSAGE);
	unsetenv("REL_AS");
	setenv("USER", "A1", 1);
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_int_equal(a.id, 0);
	unsetenv("USER");
	tmpdb_close(&t);
}

static void
test_filter(void **state)
{
	struct rel_filter f;
	struct rel_err e;

	(void)state;
	rel_filter_init(&f);
	assert_null(f.student);
	assert_null(f.adult);
	assert_null(f.kind);
	assert_null(f.source);
	assert_true(f.since == INT64_MIN);
	assert_true(f.until == INT64_MAX);
	assert_int_equal(f.last, 0);
	assert_int_equal(f.history, 0);
	assert_int_equal(f.set, 0);

	assert_int_equal(rel_filter_times(&f, NULL, NULL, &e), 0);
	assert_true(f.since == INT64_MIN);
	/* a date is its day: since its midnight, until the next one */
	assert_int_equal(rel_filter_times(&f, "2026-11-01", "2026-11-20", &e),
	    0);
	assert_int_equal(f.since, 1793491200LL);
	assert_int_equal(f.until, 1793491200LL + 20 * 86400LL);
	/* a date-time is that instant */
	assert_int_equal(rel_filter_times(&f, "2026-11-01T08:30",
	    "2026-11-01 09:00:30", &e), 0);
	assert_int_equal(f.since, 1793491200LL + 8 * 3600 + 30 * 60);
	assert_int_equal(f.until, 1793491200LL + 9 * 3600 + 30);
	/* spans count back from today (REL_NOW 2026-11-20T10:00) */
	rel_filter_init(&f);
	assert_int_equal(rel_filter_times(&f, "19d", "today", &e), 0);
	assert_int_equal(f.since, 1793491200LL);
	assert_int_equal(f.until, 1793491200LL + 20 * 86400LL);
	assert_int_equal(rel_filter_times(&f, NULL, "yesterday", &e), 0);
	assert_int_equal(f.until, 1793491200LL + 19 * 86400LL);

	/* bad values name their option */
	assert_int_equal(rel_filter_times(&f, "2026-13-01", NULL, &e),
	    REL_EUSAGE);
	assert_string_equal(e.column, "--since");
	assert_int_equal(rel_filter_times(&f, NULL, "soon", &e), REL_EUSAGE);
	assert_string_equal(e.column, "--until");
	has(&e, "--until: \"soon\" is not a date (YYYY-MM-DD), a date-time "
	    "(YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)");
	/* until must come after since; the same day is a whole day */
	assert_int_equal(rel_filter_times(&f, "2026-11-02", "2026-11-01", &e),
	    REL_EUSAGE);
	has(&e, "--until: \"2026-11-01\" is not after --since 2026-11-02");
	assert_int_equal(rel_filter_times(&f, "2026-11-02T10:00",
	    "2026-11-02T10:00", &e), REL_EUSAGE);
	assert_int_equal(rel_filter_times(&f, "2026-11-02", "2026-11-02", &e),
	    0);
	assert_int_equal(f.until - f.since, 86400);
}

static void
test_rec_int(void **state)
{
	struct rel_err e;
	struct one o;
	long v;

	(void)state;
	v = 42;
	assert_int_equal(rel_rec_int(one(&o, ""), 0, "mood", 1, 5, &v, &e), 0);
	assert_int_equal(v, 42);
	assert_int_equal(rel_rec_int(one(&o, NULL), 0, "mood", 1, 5, &v, &e), 0);
	assert_int_equal(v, 42);
	assert_int_equal(rel_rec_int(one(&o, "1"), 0, "mood", 1, 5, &v, &e), 0);
	assert_int_equal(v, 1);
	assert_int_equal(rel_rec_int(one(&o, "5"), 0, "mood", 1, 5, &v, &e), 0);
	assert_int_equal(v, 5);
	assert_int_equal(rel_rec_int(one(&o, "005"), 0, "mood", 1, 5, &v, &e),
	    0);
	assert_int_equal(v, 5);
	assert_int_equal(rel_rec_int(one(&o, "-7"), 0, "delta", -10, 10, &v,
	    &e), 0);
	assert_int_equal(v, -7);
	assert_int_equal(rel_rec_int(one(&o, "99999999999"), 0, "n", 0,
	    100000000000L, &v, &e), 0);
	assert_true(v == 99999999999L);

	v = 42;
	{
		static const char *const bad[] = { "6", "0", "x", "-1", "3.0",
			" 3", "3 ", "+3", "-", "1e1", "0x3", "3x",
			"99999999999999999999", "--3" };
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(rel_rec_int(one(&o, bad[i]), 0, "mood",
			    1, 5, &v, &e), REL_EDATA);
			assert_string_equal(e.column, "mood");
			assert_string_equal(e.file, "f.csv");
			assert_int_equal(e.line, 3);
			assert_non_null(strstr(e.msg, "is not a whole number "
			    "from 1 to 5"));
		}
	}
	assert_int_equal(v, 42);
	assert_int_equal(rel_rec_int(one(&o, "6"), 0, "mood", 1, 5, &v, &e),
	    REL_EDATA);
	has(&e, "f.csv:3: mood: \"6\" is not a whole number from 1 to 5");
	assert_int_equal(rel_rec_int(one(&o, "-11"), 0, "delta", -10, 10, &v,
	    &e), REL_EDATA);
	has(&e, "\"-11\" is not a whole number from -10 to 10");
}

static void
test_rec_time(void **state)
{
	struct rel_err e;
	struct one o;
	int64_t s = 7;

	(void)state;
	setenv("TZ", "UTC", 1);
	/* empty: now, unless required */
	assert_int_equal(rel_rec_time(one(&o, ""), 0, "at", 0, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 19 * 86400LL + 10 * 3600);
	s = 7;
	assert_int_equal(rel_rec_time(one(&o, NULL), 0, "at", 1, &s, &e),
	    REL_EDATA);
	has(&e, "f.csv:3: at: is empty; expected a date-time "
	    "(YYYY-MM-DDTHH:MM)");
	assert_int_equal(s, 7);
	/* a date is its midnight; date-times with T or a space, seconds,
	 * fractions and offsets */
	assert_int_equal(rel_rec_time(one(&o, "2026-11-01"), 0, "at", 1, &s,
	    &e), 0);
	assert_int_equal(s, 1793491200LL);
	assert_int_equal(rel_rec_time(one(&o, "2026-11-01T08:30"), 0, "at", 1,
	    &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 8 * 3600 + 30 * 60);
	assert_int_equal(rel_rec_time(one(&o, "2026-11-01 08:30:15.25"), 0,
	    "at", 1, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 8 * 3600 + 30 * 60 + 15);
	assert_int_equal(rel_rec_time(one(&o, "2026-11-01T08:30:00-05:00"), 0,
	    "at", 1, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 13 * 3600 + 30 * 60);
	assert_int_equal(rel_rec_time(one(&o, "2026-11-01T08:30Z"), 0, "at", 1,
	    &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 8 * 3600 + 30 * 60);
	{
		static const char *const bad[] = { "2026-13-01", "2026-02-29",
			"2026-11-01T24:00", "2026-11-01T08", "2026-11-01Z",
			"14d", "today", "11/01/2026", "2026-11-01T08:30 ",
			"1899-12-31" };
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(rel_rec_time(one(&o, bad[i]), 0, "at", 0,
			    &s, &e), REL_EDATA);
			assert_string_equal(e.column, "at");
			assert_non_null(strstr(e.msg, "is not a date-time "
			    "(YYYY-MM-DDTHH:MM[:SS]) or a date (YYYY-MM-DD)"));
		}
	}
}

static void
test_time_opt(void **state)
{
	struct rel_err e;
	int64_t s;

	(void)state;
	assert_int_equal(rel_time_opt("--at", "2026-11-01", 0, &s, &e), 0);
	assert_int_equal(s, 1793491200LL);
	assert_int_equal(rel_time_opt("--until", "2026-11-01", 1, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 86400);
	/* a date-time is itself, end or not */
	assert_int_equal(rel_time_opt("--until", "2026-11-01T12:00", 1, &s, &e),
	    0);
	assert_int_equal(s, 1793491200LL + 12 * 3600);
	assert_int_equal(rel_time_opt("--at", "2026-11-01 12:00:59", 0, &s, &e),
	    0);
	assert_int_equal(s, 1793491200LL + 12 * 3600 + 59);
	/* spans and words, from today 2026-11-20 */
	assert_int_equal(rel_time_opt("--since", "19d", 0, &s, &e), 0);
	assert_int_equal(s, 1793491200LL);
	assert_int_equal(rel_time_opt("--since", "1w", 0, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 12 * 86400LL);
	assert_int_equal(rel_time_opt("--since", "0d", 1, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 20 * 86400LL);
	assert_int_equal(rel_time_opt("--since", "today", 0, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 19 * 86400LL);
	assert_int_equal(rel_time_opt("--since", "yesterday", 1, &s, &e), 0);
	assert_int_equal(s, 1793491200LL + 19 * 86400LL);
	assert_int_equal(rel_time_opt("--since", "1m", 0, &s, &e), 0);
	assert_int_equal(s, 1793491200LL - 12 * 86400LL);
	{
		static const char *const bad[] = { "", "2026-13-01", "d", "14",
			"14x", "-3d", "Today", "2026-11-01T25:00", "now" };
		size_t i;

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			assert_int_equal(rel_time_opt("--at", bad[i], 0, &s, &e),
			    REL_EUSAGE);
			assert_string_equal(e.column, "--at");
			assert_int_equal(e.line, 0);
		}
	}
	has(&e, "--at: \"now\" is not a date (YYYY-MM-DD), a date-time "
	    "(YYYY-MM-DDTHH:MM) or a span (14d, 6w, 3m, today)");
}

/*
 * rel_cli_add and rel_cli_query print, read standard input and may exit,
 * so each runs in a child with its standard streams on files.
 */
struct child {
	char out[PATH_MAX + 8];
	char err[PATH_MAX + 8];
	char outtext[4096];
	char errtext[4096];
	int status;
};

static _Noreturn void
test_usage(FILE *fp, int status)
{
	fprintf(fp, "usage: test\n");
	exit(status);
}

static void
slurp(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "r");
	size_t got = 0;

	buf[0] = '\0';
	if (fp == NULL)
		return;
	got = fread(buf, 1, n - 1, fp);
	buf[got] = '\0';
	fclose(fp);
}

enum verb { ADD, QUERY };

static const struct rel_cli_add *add_args;
static char **add_ids;
static size_t add_nids;
static const struct rel_cli_query *query_args;

static void
in_child(struct tmpdb *t, enum verb verb, const char *in, struct child *c)
{
	pid_t pid;
	int ws, rc;

	snprintf(c->out, sizeof(c->out), "%s/out", t->dir);
	snprintf(c->err, sizeof(c->err), "%s/err", t->dir);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (freopen(in, "r", stdin) == NULL ||
		    freopen(c->out, "w", stdout) == NULL ||
		    freopen(c->err, "w", stderr) == NULL)
			_exit(99);
		rel_setprogname("test");
		rc = rel_cli_finish(verb == ADD ? rel_cli_add(add_args, add_ids,
		    add_nids) : rel_cli_query(query_args));
		fflush(stderr);	/* a file now, so fully buffered */
		_exit(rc);
	}
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws));
	c->status = WEXITSTATUS(ws);
	slurp(c->out, c->outtext, sizeof(c->outtext));
	slurp(c->err, c->errtext, sizeof(c->errtext));
}

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_cli_add(void **state)
{
	const char *v[9] = { NULL, "2026-11-19T08:00", NULL, "greeting", NULL,
		NULL, NULL, NULL, NULL };
	char *ids[3] = { "S1", "S2", NULL };
	char set[PATH_MAX + 8];
	struct rel_cli_add a;
	struct child c;
	struct tmpdb t;

	(void)state;
	school(&t);
	unsetenv("REL_AS");
	unsetenv("USER");
	memset(&a, 0, sizeof(a));
	a.db = t.path;
	a.need_actor = 1;
	a.kind = rel_checkin_kind();
	a.v = v;
	a.usage = test_usage;
	add_args = &a;

	/* no acting adult: 64, the hint, the usage, nothing added */
	add_ids = ids;
	add_nids = 2;
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, REL_EUSAGE);
	assert_non_null(strstr(c.errtext, "test: who is writing this?"));
	assert_non_null(strstr(c.errtext, "usage: test\n"));
	assert_string_equal(c.outtext, "");

	/* operands: one record each, by the acting adult */
	a.as = "A2";
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.errtext,
	    "test: 2 check-ins: 2 added, 0 duplicates ignored\n");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin WHERE "
	    "adult = 2 AND kind = 2"), 2);
	/* again: duplicates */
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.errtext,
	    "test: 2 check-ins: 0 added, 2 duplicates ignored\n");
	add_nids = 1;
	in_child(&t, ADD, "/dev/null", &c);
	assert_string_equal(c.errtext,
	    "test: check-in already recorded; nothing added for S1\n");

	/* a bad student among them: every one named, nothing added */
	v[1] = "2026-11-19T09:00";
	ids[1] = "S9";
	ids[2] = "S3";
	add_nids = 3;
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, REL_EDATA);
	assert_string_equal(c.errtext,
	    "test: student_id: \"S9\" is not a known student\n"
	    "test: student_id: \"S3\" is deactivated (rel-roster set student "
	    "S3 --active 1 brings them back)\n"
	    "test: 2 bad records; nothing was added\n");
	add_nids = 1;
	ids[0] = "S9";
	in_child(&t, ADD, "/dev/null", &c);
	assert_string_equal(c.errtext,
	    "test: student_id: \"S9\" is not a known student\n");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 2);

	/* the student set on standard input, read when there are no
	 * operands */
	add_nids = 0;
	snprintf(set, sizeof(set), "%s/set.csv", t.dir);
	write_file(set, "given_name,student_id\nx,S2\ny,S1\nz,S2\n");
	in_child(&t, ADD, set, &c);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.errtext,
	    "test: 2 check-ins: 2 added, 0 duplicates ignored\n");
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 4);
	write_file(set, "student_id\n");
	in_child(&t, ADD, set, &c);
	assert_int_equal(c.status, REL_EUSAGE);
	assert_non_null(strstr(c.errtext, "test: the student set on standard "
	    "input is empty\nusage: test\n"));
	write_file(set, "student_id\nS1\nS7\n");
	in_child(&t, ADD, set, &c);
	assert_int_equal(c.status, REL_EDATA);
	assert_string_equal(c.errtext,
	    "test: stdin:3: student_id: \"S7\" is not a known student\n");

	/* with neither, one record as given */
	v[0] = "S1";
	v[1] = "2026-11-19T10:00";
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.errtext, "test: check-in added for S1\n");
	/* a bad value is a bad record */
	v[4] = "9";
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, REL_EDATA);
	assert_string_equal(c.errtext, "test: mood: \"9\" is not a whole number "
	    "from 1 to 5\n");
	v[4] = NULL;
	/* a --as naming nobody */
	a.as = "A9";
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, REL_EUSAGE);
	assert_non_null(strstr(c.errtext, "test: --as: \"A9\" is not an "
	    "active adult\nusage: test\n"));
	/* a missing database */
	a.as = "A2";
	a.db = "/tmp/rel-no-such-dir/rel.db";
	in_child(&t, ADD, "/dev/null", &c);
	assert_int_equal(c.status, REL_ENOINPUT);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM checkin"), 5);
	tmpdb_close(&t);
}

/* A read verb's run(): the students of the set, or everyone. */
static int
run_students(struct rel_db *db, void *ctx, int set, struct rel_out *o,
    struct rel_err *e)
{
	const int *fail = ctx;
	sqlite3_stmt *st;
	int rc;

	if (*fail)
		return rel_err_set(e, *fail, "run failed with %d", *fail);
	if ((rc = rel_db_stmt(db, "SELECT student_id, ?1, ?2 FROM student "
	    "WHERE ?1 = 0 OR id IN (SELECT id FROM temp.rel_set) "
	    "ORDER BY student_id", &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, set);
	sqlite3_bind_text(st, 2, rel_actor(db)->adult_id, -1, SQLITE_STATIC);
	rc = rel_out_stmt(o, st, e);
	sqlite3_reset(st);
	return rc;
}

static void
test_cli_query(void **state)
{
	static const char *const cols[] = { "student_id", "set", "actor" };
	char set[PATH_MAX + 8];
	struct rel_cli_query q;
	struct child c;
	struct tmpdb t;
	int fail = 0;

	(void)state;
	school(&t);
	unsetenv("REL_AS");
	setenv("USER", "asilva", 1);
	memset(&q, 0, sizeof(q));
	q.db = t.path;
	q.want_set = 1;
	q.cols = cols;
	q.ncols = 3;
	q.run = run_students;
	q.ctx = &fail;
	q.usage = test_usage;
	query_args = &q;

	/* everyone, as CSV to a file; the acting adult from the login */
	in_child(&t, QUERY, "/dev/null", &c);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.outtext, "student_id,set,actor\n"
	    "S1,0,A1\nS2,0,A1\nS3,0,A1\n");
	assert_string_equal(c.errtext, "");
	/* a set on standard input; --as; --format; --excel-safe */
	snprintf(set, sizeof(set), "%s/set.csv", t.dir);
	write_file(set, "student_id\nS2\n");
	q.as = "A2";
	q.format = "tsv";
	in_child(&t, QUERY, set, &c);
	assert_int_equal(c.status, 0);
	assert_string_equal(c.outtext, "student_id\tset\tactor\nS2\t1\tA2\n");
	q.format = NULL;
	q.want_set = 0;
	in_child(&t, QUERY, set, &c);
	assert_string_equal(c.outtext, "student_id,set,actor\n"
	    "S1,0,A2\nS2,0,A2\nS3,0,A2\n");
	q.want_set = 1;
	/* usage errors print the usage; other errors do not, and leave
	 * standard output empty */
	q.format = "xml";
	in_child(&t, QUERY, "/dev/null", &c);
	assert_int_equal(c.status, REL_EUSAGE);
	assert_non_null(strstr(c.errtext, "usage: test\n"));
	q.format = NULL;
	fail = REL_EUSAGE;
	in_child(&t, QUERY, "/dev/null", &c);
	assert_int_equal(c.status, REL_EUSAGE);
	assert_string_equal(c.errtext, "test: run failed with 64\n"
	    "usage: test\n");
	assert_string_equal(c.outtext, "");
	fail = REL_EDATA;
	in_child(&t, QUERY, "/dev/null", &c);
	assert_int_equal(c.status, REL_EDATA);
	assert_string_equal(c.errtext, "test: run failed with 65\n");
	assert_string_equal(c.outtext, "");
	fail = 0;
	/* a bad set, a bad --as, no database */
	write_file(set, "student_id\nS8\n");
	in_child(&t, QUERY, set, &c);
	assert_int_equal(c.status, REL_EDATA);
	assert_string_equal(c.errtext, "test: stdin:2: student_id: \"S8\" is "
	    "not a known student\n");
	q.as = "A3";
	in_child(&t, QUERY, "/dev/null", &c);
	assert_int_equal(c.status, REL_EUSAGE);
	q.as = NULL;
	q.db = "/tmp/rel-no-such-dir/rel.db";
	in_child(&t, QUERY, "/dev/null", &c);
	assert_int_equal(c.status, REL_ENOINPUT);
	unsetenv("USER");
	tmpdb_close(&t);
}

/* The students of the acting adult's team (temp.rel_team). */
static long long
team_of(struct tmpdb *t, const char *adult)
{
	struct rel_actor a;
	struct rel_err e;

	assert_int_equal(rel_actor_find(t->db, adult, &a, &e), 0);
	return tmpdb_int(t, "SELECT coalesce(sum(1 << id), 0) FROM temp.rel_team");
}

static void
test_team(void **state)
{
	struct rel_actor a;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	assert_int_equal(rel_db_exec(t.db,
	    "INSERT INTO student (student_id, given_name, family_name, "
	    " updated_at) VALUES ('S4', 'Ada', 'Oyelaran', 'x'), "
	    " ('S5', 'Ben', 'Ruiz', 'x');"
	    "INSERT INTO connection (student, adult, strength, at, updated_at) "
	    " VALUES (1, 1, 1, 'x', 'x');"
	    "INSERT INTO primary_adult (student, adult, start_at) "
	    " VALUES (2, 1, 'x'), (4, 2, 'x');"
	    "UPDATE primary_adult SET end_at = 'y' WHERE student = 4;"
	    "INSERT INTO grp (group_id, name, lead_adult, updated_at) "
	    " VALUES ('G1', 'Art', 2, 'x'), ('G2', 'Old', 2, 'x');"
	    "UPDATE grp SET active = 0 WHERE group_id = 'G2';"
	    "INSERT INTO member (grp, student, adult, updated_at) VALUES "
	    " (1, 4, NULL, 'x'), (1, NULL, 1, 'x'), (2, 5, NULL, 'x')", &e), 0);
	/* A1: connected to S1, primary of S2, adult member of G1 (S4) */
	assert_int_equal(team_of(&t, "A1"), (1 << 1) | (1 << 2) | (1 << 4));
	/* A2: leads G1 (S4); G2 is deactivated and the S4 primary ended */
	assert_int_equal(team_of(&t, "A2"), 1 << 4);
	/* the membership ends: A1 loses S4 */
	assert_int_equal(rel_db_exec(t.db, "UPDATE member SET active = 0 "
	    "WHERE student = 4", &e), 0);
	assert_int_equal(team_of(&t, "A1"), (1 << 1) | (1 << 2));
	/* nobody acting: no team */
	unsetenv("REL_AS");
	unsetenv("USER");
	assert_int_equal(rel_actor_find(t.db, NULL, &a, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM temp.rel_team"),
	    0);
	tmpdb_close(&t);
}

static void
test_audit(void **state)
{
	static char *argv[] = { "rel-note", "list", "--as", "A1", "--kind",
		"it's here", "--since=2026-01-01", NULL };
	struct rel_actor a;
	struct rel_err e;
	struct tmpdb t;
	sqlite3_stmt *st;

	(void)state;
	school(&t);
	rel_setprogname("rel-note");
	rel_audit_command(7, argv);
	assert_int_equal(rel_actor_find(t.db, "A1", &a, &e), 0);
	/* nothing private went out: no row */
	rel_access_touch(t.db, 1, REL_VIS_TEAM);
	rel_access_touch(t.db, 2, REL_VIS_STAFF);
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 0);
	/* private rows of S2, S1, S2: one row, two students, three rows */
	rel_access_touch(t.db, 2, REL_VIS_PRIVATE);
	rel_access_touch(t.db, 1, REL_VIS_PRIVATE);
	rel_access_touch(t.db, 1, REL_VIS_TEAM);
	rel_access_touch(t.db, 2, REL_VIS_PRIVATE);
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(sqlite3_prepare_v2(rel_db_handle(t.db),
	    "SELECT at, adult, command, args, purpose, students, detail, "
	    "(SELECT group_concat(student) FROM (SELECT student FROM "
	    " audit_student WHERE audit = audit.id ORDER BY student)) "
	    "FROM audit", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(st, 0), rel_now_text());
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	assert_string_equal(sqlite3_column_text(st, 2), "rel-note list");
	assert_string_equal(sqlite3_column_text(st, 3),
	    "--as A1 --kind 'it'\\''s here' --since=2026-01-01");
	assert_int_equal(sqlite3_column_type(st, 4), SQLITE_NULL);
	assert_int_equal(sqlite3_column_int(st, 5), 2);
	assert_string_equal(sqlite3_column_text(st, 6), "3 private rows");
	assert_string_equal(sqlite3_column_text(st, 7), "1,2");
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	/* the ledger is empty again; a forced row (a show, an export) is
	 * written with its purpose and every student touched */
	assert_int_equal(rel_audit_flush(t.db, 0, NULL, NULL, &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 1);
	rel_access_all(t.db);
	rel_access_touch(t.db, 3, REL_VIS_STAFF);
	assert_int_equal(rel_audit_flush(t.db, 1, "records request", "checkin 4",
	    &e), 0);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit WHERE "
	    "purpose = 'records request' AND detail = 'checkin 4' AND "
	    "students = 1"), 1);

	/* append-only, in the library: every way to change it is refused */
	assert_int_equal(rel_db_exec(t.db, "DELETE FROM audit", &e), REL_EPERM);
	assert_int_equal(rel_db_exec(t.db, "UPDATE audit SET purpose = 'x'",
	    &e), REL_EPERM);
	assert_int_equal(rel_db_exec(t.db, "DELETE FROM audit_student", &e),
	    REL_EPERM);
	assert_int_equal(rel_db_exec(t.db, "DROP TRIGGER audit_no_delete", &e),
	    REL_EPERM);
	assert_int_equal(rel_db_exec(t.db, "DROP TABLE audit_student", &e),
	    REL_EPERM);
	assert_int_equal(rel_db_exec(t.db, "ALTER TABLE audit RENAME TO x", &e),
	    REL_EPERM);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit"), 2);
	assert_int_equal(tmpdb_int(&t, "SELECT count(*) FROM audit_student"),
	    3);
	/* and other tables are not */
	assert_int_equal(rel_db_exec(t.db, "DELETE FROM setting WHERE key = "
	    "'none'", &e), 0);
	tmpdb_close(&t);
}

static void
test_file_check(void **state)
{
	char path[PATH_MAX + 8];
	struct rel_db *db;
	struct rel_err e;
	struct tmpdb t;

	(void)state;
	school(&t);
	assert_int_equal(rel_db_file_check(t.path, &e), 0);
	assert_int_equal(chmod(t.path, 0640), 0);
	assert_int_equal(rel_db_file_check(t.path, &e), REL_EPERM);
	has(&e, "the database is open to its group (mode 0640)");
	has(&e, "chmod 600 ");
	assert_int_equal(rel_db_open(&db, t.path, 0, &e), REL_EPERM);
	assert_null(db);
	assert_int_equal(rel_db_open(&db, t.path, REL_DB_ANYMODE, &e), 0);
	rel_db_close(db);
	assert_int_equal(chmod(t.path, 0600), 0);
	snprintf(path, sizeof(path), "%s/l.db", t.dir);
	assert_int_equal(symlink(t.path, path), 0);
	assert_int_equal(rel_db_open(&db, path, 0, &e), REL_EPERM);
	has(&e, "is a symbolic link");
	/* missing is for opening to say */
	snprintf(path, sizeof(path), "%s/none.db", t.dir);
	assert_int_equal(rel_db_file_check(path, &e), 0);
	tmpdb_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visibility),
		cmocka_unit_test(test_actor),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_rec_int),
		cmocka_unit_test(test_rec_time),
		cmocka_unit_test(test_time_opt),
		cmocka_unit_test(test_cli_add),
		cmocka_unit_test(test_cli_query),
		cmocka_unit_test(test_team),
		cmocka_unit_test(test_audit),
		cmocka_unit_test(test_file_check),
	};

	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
