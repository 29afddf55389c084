/*
 * goal.c: goals and support plans with their progress checks: the write
 * functions of the importers (and of add and progress), close, the
 * lists, what is due, and the student card's section.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED
#define EVERY_MAX 365		/* check_every, in days */
#define NO_DAY INT32_MIN

static const struct rel_csv_col goal_cols[] = {
	{ "goal_id", 0 }, { "student_id", R }, { "kind", 0 }, { "area", 0 },
	{ "text", R }, { "set_by", 0 }, { "champion_adult_id", 0 },
	{ "tier", 0 }, { "strategies", 0 }, { "start", REL_COL_DATE }, { "due", REL_COL_DATE },
	{ "check_every", 0 }, { "status", 0 }, { "outcome", 0 },
	{ "closed_at", REL_COL_TIME }, { "at", REL_COL_TIME }, { "adult_id", 0 },
	{ "visibility", 0 }
};
enum {
	C_ID, C_STUDENT, C_KIND, C_AREA, C_TEXT, C_SETBY, C_CHAMP, C_TIER,
	C_STRAT, C_START, C_DUE, C_EVERY, C_STATUS, C_OUTCOME, C_CLOSED,
	C_AT, C_ADULT, C_VIS, NCOLS
};

static const struct rel_csv_col progress_cols[] = {
	{ "goal_id", R }, { "at", R | REL_COL_TIME }, { "adult_id", 0 }, { "rating", 0 },
	{ "note", 0 }
};
enum { P_GOAL, P_AT, P_ADULT, P_RATING, P_NOTE };

static const char *const kinds[] = { "goal", "support", NULL };
static const char *const areas[] = { "academic", "attendance", "social",
	"emotional", "behaviour", "family", "other", NULL };
static const char *const setters[] = { "student", "family", "adult", "team",
	NULL };
static const char *const statuses[] = { "open", "met", "closed", "dropped",
	NULL };

static int write_goal(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);
static int write_progress(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind goal_kind = {
	"goals", NULL, goal_cols, NELEM(goal_cols), write_goal, "goal"
};
static const struct rel_import_kind progress_kind = {
	"progress checks", NULL, progress_cols, NELEM(progress_cols),
	write_progress, "progress check"
};

const struct rel_import_kind *
rel_goal_kind(void)
{
	return &goal_kind;
}

const struct rel_import_kind *
rel_progress_kind(void)
{
	return &progress_kind;
}

const char *const *
rel_goal_cols(size_t *n)
{
	static const char *const names[] = { "goal_id", "student_id", "kind",
		"area", "text", "set_by", "champion_adult_id", "tier",
		"strategies", "start", "due", "check_every", "status",
		"outcome", "closed_at", "at", "adult_id", "visibility" };

	*n = NELEM(names);
	return names;
}

const char *const *
rel_progress_cols(size_t *n)
{
	static const char *const names[] = { "goal_id", "at", "adult_id",
		"rating", "note" };

	*n = NELEM(names);
	return names;
}

void
rel_goal_filter_init(struct rel_goal_filter *gf)
{
	memset(gf, 0, sizeof(*gf));
	rel_filter_init(&gf->f);
}

/* Is the text nothing but spaces, tabs and line breaks? */
static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strchr(" \t\r\n", s[i]) == NULL)
			return 0;
	return 1;
}

/* "behavior", as American schools write it, is the area "behaviour". */
static int
is_behavior(const char *s, size_t len)
{
	return len == 8 && strncasecmp(s, "behavior", 8) == 0;
}

/* A whole number of 1 to 6 digits at s (len bytes); -1 if not. */
static long
number(const char *s, size_t len)
{
	long n = 0;
	size_t i;

	if (len == 0 || len > 6)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n;
}

/* days plus n months, the day kept where the month has it: a month from
 * 31 January is the last day of February. */
static int32_t
add_months(int32_t days, long n)
{
	int y;
	unsigned m, d, mdays;
	long mon;

	rel_civil_from_days(days, &y, &m, &d);
	mon = (long)y * 12 + (long)(m - 1) + n;
	y = (int)(mon / 12);
	m = (unsigned)(mon % 12) + 1;
	mdays = (unsigned)(rel_days_from_civil(m == 12 ? y + 1 : y, m % 12 + 1,
	    1) - rel_days_from_civil(y, m, 1));
	return rel_days_from_civil(y, m, d < mdays ? d : mdays);
}

/* A span Nd, Nw or Nm (N from 0 to 100000) added to from; -1 if s is not
 * one. */
static int
span_add(const char *s, size_t len, int32_t from, int32_t *to)
{
	long n;

	if (len < 2 || (n = number(s, len - 1)) < 0 || n > 100000)
		return -1;
	switch (s[len - 1]) {
	case 'd':
		*to = from + (int32_t)n;
		break;
	case 'w':
		*to = from + 7 * (int32_t)n;
		break;
	case 'm':
		*to = add_months(from, n);
		break;
	default:
		return -1;
	}
	/* 100000m is 8333 years: past 9999 is no date. */
	return rel_date_in_range(*to) ? 0 : -1;
}

int
rel_goal_span_add(const char *opt, const char *s, int32_t from, int32_t *to,
    struct rel_err *e)
{
	if (span_add(s, strlen(s), from, to) != 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, strlen(s),
		    "is not a span (30d, 6w, 3m)");
	return 0;
}

int
rel_goal_date_opt(const char *opt, const char *s, int32_t *days,
    struct rel_err *e)
{
	size_t len = strlen(s);
	int32_t today = rel_today();

	if (len == 10 && s[4] == '-' && rel_date_parse(s, len, days) == 0)
		return 0;
	if (strcmp(s, "today") == 0 || strcmp(s, "tomorrow") == 0) {
		*days = today + (strcmp(s, "tomorrow") == 0);
		return 0;
	}
	if (len < 10 && span_add(s, len, today, days) == 0)
		return 0;
	return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, s, len, "is not a "
	    "date (YYYY-MM-DD), today, tomorrow, or a span ahead of today "
	    "(7d, 6w, 3m)");
}

/* A cadence: 7d, 2w, or a bare number of days, from 1 to EVERY_MAX. */
static int
every_parse(const char *s, size_t len, long *days)
{
	long n;

	if (len == 0)
		return -1;
	if (s[len - 1] == 'd' || s[len - 1] == 'w') {
		n = number(s, len - 1);
		if (n > 0 && s[len - 1] == 'w')
			n *= 7;
	} else
		n = number(s, len);
	if (n < 1 || n > EVERY_MAX)
		return -1;
	*days = n;
	return 0;
}

/* A required date column, or today when empty. */
static int
rec_date(const struct rel_rec *r, size_t i, const char *col, int32_t dflt,
    int32_t *days, struct rel_err *e)
{
	*days = dflt;
	if (!rel_rec_has(r, i))
		return 0;
	if (rel_date_parse(r->v[i], r->len[i], days) != 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, col,
		    r->v[i], r->len[i], "is not a date (YYYY-MM-DD)");
	return 0;
}

/* An enum column: its stored name in buf (dflt when empty). */
static int
rec_enum(const struct rel_rec *r, size_t i, const char *col,
    const char *const *allowed, const char *dflt, char *buf, size_t n,
    struct rel_err *e)
{
	int rc;

	if ((rc = rel_rec_enum(r, i, col, allowed, buf, n, e)) != 0)
		return rc;
	if (buf[0] == '\0')
		rel_strlcpy(buf, dflt, n);
	return 0;
}

/* A goal as a row says it, checked. */
struct goal {
	char kind[8], area[12], set_by[8], status[8];
	long tier;		/* 0: none */
	long every;		/* 0: none */
	int32_t start, due;	/* due NO_DAY: none */
	char start_s[REL_DATE_LEN], due_s[REL_DATE_LEN];
	char closed_at[REL_DATETIME_LEN], at[REL_DATETIME_LEN];
	enum rel_vis vis;
	sqlite3_int64 student, champion, adult;
};

/* Every check that needs no lookup. */
static int
goal_check(const struct rel_rec *r, struct goal *g, struct rel_err *e)
{
	int64_t secs;
	int open, rc;

	if (rel_rec_has(r, C_ID) && (rc = rel_rec_id(r, C_ID, "goal_id",
	    e)) != 0)
		return rc;
	if ((rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0 ||
	    (rc = rec_enum(r, C_KIND, "kind", kinds, "goal", g->kind,
	    sizeof(g->kind), e)) != 0)
		return rc;
	if (rel_rec_has(r, C_AREA) && is_behavior(r->v[C_AREA], r->len[C_AREA]))
		rel_strlcpy(g->area, "behaviour", sizeof(g->area));
	else if ((rc = rec_enum(r, C_AREA, "area", areas, "other", g->area,
	    sizeof(g->area), e)) != 0)
		return rc;
	if (!rel_rec_has(r, C_TEXT) || blank(r->v[C_TEXT], r->len[C_TEXT]))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "text",
		    "is empty; %s", strcmp(g->kind, "goal") == 0 ?
		    "a goal needs its text" : "a support's text is the kind of "
		    "support");
	if ((rc = rel_rec_text(r, C_TEXT, "text", REL_TEXT_MAX, 1, e)) != 0 ||
	    (rc = rec_enum(r, C_SETBY, "set_by", setters, "adult", g->set_by,
	    sizeof(g->set_by), e)) != 0)
		return rc;
	if (rel_rec_has(r, C_CHAMP) && (rc = rel_rec_id(r, C_CHAMP,
	    "champion_adult_id", e)) != 0)
		return rc;
	g->tier = 0;
	if ((rc = rel_rec_int(r, C_TIER, "tier", 1, 3, &g->tier, e)) != 0)
		return rc;
	if (strcmp(g->kind, "goal") == 0 && g->tier != 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "tier",
		    r->v[C_TIER], r->len[C_TIER], "is for a support; a goal "
		    "has no tier (kind support makes a support)");
	if (strcmp(g->kind, "support") == 0 && g->tier == 0)
		g->tier = 2;
	if ((rc = rel_rec_text(r, C_STRAT, "strategies", REL_TEXT_MAX, 1,
	    e)) != 0 ||
	    (rc = rec_date(r, C_START, "start", rel_today(), &g->start,
	    e)) != 0 ||
	    (rc = rec_date(r, C_DUE, "due", NO_DAY, &g->due, e)) != 0)
		return rc;
	rel_date_format(g->start, g->start_s);
	if (g->due != NO_DAY) {
		rel_date_format(g->due, g->due_s);
		if (g->due < g->start)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "due", r->v[C_DUE], r->len[C_DUE], "is before the "
			    "start (%s)", g->start_s);
	}
	g->every = 0;
	if (rel_rec_has(r, C_EVERY) && every_parse(r->v[C_EVERY],
	    r->len[C_EVERY], &g->every) != 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line,
		    "check_every", r->v[C_EVERY], r->len[C_EVERY], "is not a "
		    "span of days (7d, 2w, or a number of days) from 1 to %d "
		    "days", EVERY_MAX);
	if ((rc = rec_enum(r, C_STATUS, "status", statuses, "open", g->status,
	    sizeof(g->status), e)) != 0 ||
	    (rc = rel_rec_text(r, C_OUTCOME, "outcome", REL_TEXT_MAX, 1, e)) != 0)
		return rc;
	/* A goal is closed once, with what came of it: an open goal has no
	 * outcome yet, and a closed one cannot be without. */
	open = strcmp(g->status, "open") == 0;
	if (open && rel_rec_has(r, C_OUTCOME))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "outcome",
		    "is given, but the status is open; a goal has an outcome "
		    "once it is met, closed or dropped");
	if (!open && (!rel_rec_has(r, C_OUTCOME) ||
	    blank(r->v[C_OUTCOME], r->len[C_OUTCOME])))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "outcome",
		    "is empty; a goal that is %s needs its outcome", g->status);
	if (open && rel_rec_has(r, C_CLOSED))
		return rel_err_value(e, REL_EDATA, r->file, r->line,
		    "closed_at", r->v[C_CLOSED], r->len[C_CLOSED], "is given, "
		    "but the status is open");
	g->closed_at[0] = '\0';
	if (!open) {
		if ((rc = rel_rec_time(r, C_CLOSED, "closed_at", 0, &secs,
		    e)) != 0)
			return rc;
		rel_datetime_format(secs, g->closed_at);
		if (memcmp(g->closed_at, g->start_s, 10) < 0)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "closed_at", g->closed_at, strlen(g->closed_at),
			    "is before the start (%s)", g->start_s);
	}
	if ((rc = rel_rec_time(r, C_AT, "at", 0, &secs, e)) != 0)
		return rc;
	rel_datetime_format(secs, g->at);
	if (rel_rec_has(r, C_ADULT) && (rc = rel_rec_id(r, C_ADULT, "adult_id",
	    e)) != 0)
		return rc;
	return rel_rec_vis(r, C_VIS, REL_VIS_TEAM, &g->vis, e);
}

/* The people a goal names, looked up; a support's champion defaults to
 * its author. */
static int
goal_people(struct rel_db *db, const struct rel_rec *r, struct goal *g,
    struct rel_err *e)
{
	int rc;

	if ((rc = rel_person(db, 0, r->v[C_STUDENT], r->len[C_STUDENT],
	    "student_id", r->file, r->line, &g->student, e)) != 0)
		return rc;
	g->champion = 0;
	if (rel_rec_has(r, C_CHAMP) && (rc = rel_person(db, 1, r->v[C_CHAMP],
	    r->len[C_CHAMP], "champion_adult_id", r->file, r->line,
	    &g->champion, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT)) {
		if ((rc = rel_person(db, 1, r->v[C_ADULT], r->len[C_ADULT],
		    "adult_id", r->file, r->line, &g->adult, e)) != 0)
			return rc;
	} else
		g->adult = rel_actor(db)->id;
	if (g->champion == 0 && strcmp(g->kind, "support") == 0)
		g->champion = g->adult;
	return 0;
}

/* Is stored text column i of st the same as column c of r (empty and
 * NULL alike)? */
static int
same_text(sqlite3_stmt *st, int i, const struct rel_rec *r, size_t c)
{
	const void *s = sqlite3_column_blob(st, i);
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	size_t len = rel_rec_has(r, c) ? r->len[c] : 0;

	return n == len && (n == 0 || memcmp(s, r->v[c], n) == 0);
}

static int
same_int(sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return v == 0;
	return sqlite3_column_int64(st, i) == v;
}

static int
same_str(sqlite3_stmt *st, int i, const char *s)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	if (t == NULL)
		return s == NULL || s[0] == '\0';
	return s != NULL && strcmp((const char *)t, s) == 0;
}

/* The first column in which the goal already recorded in st differs
 * from the row, or NULL. at, closed_at and adult_id are compared only
 * when the row gives them: empty, they would be now and the acting
 * adult. */
static const char *
goal_differs(sqlite3_stmt *st, const struct rel_rec *r, const struct goal *g)
{
	if (!same_int(st, 0, g->student))
		return "student_id";
	if (!same_str(st, 1, g->kind))
		return "kind";
	if (!same_str(st, 2, g->area))
		return "area";
	if (!same_text(st, 3, r, C_TEXT))
		return "text";
	if (!same_str(st, 4, g->set_by))
		return "set_by";
	if (!same_int(st, 5, g->champion))
		return "champion_adult_id";
	if (!same_int(st, 6, g->tier))
		return "tier";
	if (!same_text(st, 7, r, C_STRAT))
		return "strategies";
	if (!same_str(st, 8, g->start_s))
		return "start";
	if (!same_str(st, 9, g->due != NO_DAY ? g->due_s : NULL))
		return "due";
	if (!same_int(st, 10, g->every))
		return "check_every";
	if (!same_str(st, 11, g->status))
		return "status";
	if (!same_text(st, 12, r, C_OUTCOME))
		return "outcome";
	if (rel_rec_has(r, C_CLOSED) && !same_str(st, 13, g->closed_at))
		return "closed_at";
	if (rel_rec_has(r, C_AT) && !same_str(st, 14, g->at))
		return "at";
	if (rel_rec_has(r, C_ADULT) && !same_int(st, 15, g->adult))
		return "adult_id";
	if (!same_int(st, 16, (sqlite3_int64)g->vis))
		return "visibility";
	return NULL;
}

/* Is there a goal with this goal_id? */
static int
id_taken(struct rel_db *db, const char *id, size_t len, int *taken,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT 1 FROM goal WHERE goal_id = ?1", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, id, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*taken = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a goal", e);
	return 0;
}

/* A new goal_id, G and a number not taken. The number after the last
 * goal's row is tried first, which is free whenever the ids were all
 * made here, at the cost of one lookup; when it is taken, one more than
 * the highest G number, which costs a scan of the G ids. */
static int
made_id(struct rel_db *db, char *id, struct rel_err *e)
{
	sqlite3_int64 n;
	int rc, taken;

	if ((rc = rel_db_int64(db, "SELECT coalesce(max(id), 0) + 1 FROM goal",
	    &n, "numbering a goal", e)) != 0)
		return rc;
	snprintf(id, REL_GOAL_ID_LEN, "G%lld", (long long)n);
	if ((rc = id_taken(db, id, strlen(id), &taken, e)) != 0 || !taken)
		return rc;
	if ((rc = rel_db_int64(db, "SELECT coalesce(max(CAST(substr(goal_id, "
	    "2) AS INTEGER)), 0) + 1 FROM goal WHERE goal_id GLOB 'G[0-9]*' "
	    "AND length(goal_id) <= 19 AND substr(goal_id, 2) NOT GLOB "
	    "'*[^0-9]*'", &n, "numbering a goal", e)) != 0)
		return rc;
	snprintf(id, REL_GOAL_ID_LEN, "G%lld", (long long)n);
	return 0;
}

/* The goal the row's goal_id names, if any, compared with the row. */
static int
goal_known(struct rel_db *db, const struct rel_rec *r, const struct goal *g,
    int *found, struct rel_err *e)
{
	const char *col = NULL;
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT student, kind, area, text, set_by, "
	    "champion, tier, strategies, start, due, check_every, status, "
	    "outcome, closed_at, at, adult, visibility FROM goal "
	    "WHERE goal_id = ?1", &st, e)) != 0)
		return rc;
	rel_rec_bind(st, 1, r, C_ID);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		col = goal_differs(st, r, g);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a goal", e);
	if (col != NULL)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "goal_id",
		    r->v[C_ID], r->len[C_ID], "is already a goal, with another "
		    "%s; a goal_id names one goal", col);
	return 0;
}

/* The goal of the same student, kind, text and start, if any, into id. */
static int
goal_same(struct rel_db *db, const struct rel_rec *r, const struct goal *g,
    char *id, int *found, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT goal_id FROM goal WHERE student = ?1 "
	    "AND kind = ?2 AND text = ?3 AND start = ?4 ORDER BY id LIMIT 1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, g->student);
	sqlite3_bind_text(st, 2, g->kind, -1, SQLITE_STATIC);
	rel_rec_bind(st, 3, r, C_TEXT);
	sqlite3_bind_text(st, 4, g->start_s, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		rel_strlcpy(id, (const char *)sqlite3_column_text(st, 0),
		    REL_GOAL_ID_LEN);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a goal", e);
	return 0;
}

/* Write one goal; its goal_id into id. */
static int
goal_write(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    char *id, struct rel_err *e)
{
	struct goal g;
	sqlite3_stmt *st;
	int rc, found;

	/* Everything is checked before anything is looked up or written,
	 * so that a bad record changes nothing. */
	memset(&g, 0, sizeof(g));
	if ((rc = goal_check(r, &g, e)) != 0 ||
	    (rc = goal_people(db, r, &g, e)) != 0)
		return rc;
	/* A goal is one per goal_id, or one per student, kind, text and
	 * start when it has none. */
	if (rel_rec_has(r, C_ID))
		rc = rel_rec_key(r, C_ID, "goal_id", "goal", e, "%.*s",
		    (int)r->len[C_ID], r->v[C_ID]);
	else
		rc = rel_rec_key(r, C_TEXT, "text", "goal without a goal_id "
		    "(student_id, kind, text and start)", e,
		    "%lld\037%s\037%s\037%.*s", (long long)g.student, g.kind,
		    g.start_s, (int)r->len[C_TEXT], r->v[C_TEXT]);
	if (rc != 0)
		return rc;
	if (rel_rec_has(r, C_ID)) {
		snprintf(id, REL_GOAL_ID_LEN, "%.*s", (int)r->len[C_ID],
		    r->v[C_ID]);
		if ((rc = goal_known(db, r, &g, &found, e)) != 0)
			return rc;
	} else if ((rc = goal_same(db, r, &g, id, &found, e)) != 0 ||
	    (!found && (rc = made_id(db, id, e)) != 0))
		return rc;
	if (found) {
		*out = REL_DUPLICATE;
		return 0;
	}

	if ((rc = rel_db_stmt(db, "INSERT INTO goal (goal_id, student, kind, "
	    "area, text, set_by, champion, tier, strategies, start, due, "
	    "check_every, status, outcome, closed_at, at, adult, visibility) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16, ?17, ?18)", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, g.student);
	sqlite3_bind_text(st, 3, g.kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, g.area, -1, SQLITE_STATIC);
	rel_rec_bind(st, 5, r, C_TEXT);
	sqlite3_bind_text(st, 6, g.set_by, -1, SQLITE_STATIC);
	if (g.champion != 0)
		sqlite3_bind_int64(st, 7, g.champion);
	if (g.tier != 0)
		sqlite3_bind_int64(st, 8, g.tier);
	rel_rec_bind(st, 9, r, C_STRAT);
	sqlite3_bind_text(st, 10, g.start_s, -1, SQLITE_STATIC);
	if (g.due != NO_DAY)
		sqlite3_bind_text(st, 11, g.due_s, -1, SQLITE_STATIC);
	if (g.every != 0)
		sqlite3_bind_int64(st, 12, g.every);
	sqlite3_bind_text(st, 13, g.status, -1, SQLITE_STATIC);
	rel_rec_bind(st, 14, r, C_OUTCOME);
	if (g.closed_at[0] != '\0')
		sqlite3_bind_text(st, 15, g.closed_at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 16, g.at, -1, SQLITE_STATIC);
	if (g.adult != 0)
		sqlite3_bind_int64(st, 17, g.adult);
	sqlite3_bind_int(st, 18, (int)g.vis);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a goal", e);
	*out = REL_ADDED;
	return 0;
}

static int
write_goal(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	char id[REL_GOAL_ID_LEN];

	return goal_write(db, r, out, id, e);
}

int
rel_goal_add(struct rel_db *db, const char *const *v, char *id,
    enum rel_outcome *out, struct rel_err *e)
{
	size_t len[NCOLS], i;
	struct rel_rec r;
	int rc;

	for (i = 0; i < NCOLS; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	r.n = NCOLS;
	r.v = v;
	r.len = len;
	r.keys = NULL;
	r.file = NULL;
	r.line = 0;
	id[0] = '\0';
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = goal_write(db, &r, out, id, e)) == 0 &&
	    (rc = rel_db_commit(db, e)) == 0)
		return 0;
	rel_db_rollback(db);
	id[0] = '\0';
	return rc;
}

/* A goal by goal_id, as progress and close need it. */
struct known {
	sqlite3_int64 id;
	int open, active;
	char status[8], start[REL_DATE_LEN], closed_at[REL_DATETIME_LEN];
	char last[REL_DATETIME_LEN];	/* last progress check, or "" */
	char student_id[65];
};

static int
goal_find(struct rel_db *db, const char *gid, size_t len, struct known *k,
    int *found, struct rel_err *e)
{
	sqlite3_stmt *st;
	const unsigned char *t;
	int rc;

	memset(k, 0, sizeof(*k));
	if ((rc = rel_db_stmt(db, "SELECT g.id, g.status, g.start, "
	    "g.closed_at, s.active, s.student_id, (SELECT max(p.at) "
	    "FROM progress p WHERE p.goal = g.id) FROM goal g "
	    "JOIN student s ON s.id = g.student WHERE g.goal_id = ?1", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, gid, (int)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if ((*found = rc == SQLITE_ROW)) {
		k->id = sqlite3_column_int64(st, 0);
		rel_strlcpy(k->status, (const char *)sqlite3_column_text(st, 1),
		    sizeof(k->status));
		k->open = strcmp(k->status, "open") == 0;
		rel_strlcpy(k->start, (const char *)sqlite3_column_text(st, 2),
		    sizeof(k->start));
		if ((t = sqlite3_column_text(st, 3)) != NULL)
			rel_strlcpy(k->closed_at, (const char *)t,
			    sizeof(k->closed_at));
		k->active = sqlite3_column_int(st, 4);
		rel_strlcpy(k->student_id, (const char *)sqlite3_column_text(st,
		    5), sizeof(k->student_id));
		if ((t = sqlite3_column_text(st, 6)) != NULL)
			rel_strlcpy(k->last, (const char *)t, sizeof(k->last));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading a goal", e);
	return 0;
}

static int
write_progress(struct rel_db *db, const struct rel_rec *r,
    enum rel_outcome *out, struct rel_err *e)
{
	char at[REL_DATETIME_LEN];
	sqlite3_int64 adult = 0;
	struct known k;
	sqlite3_stmt *st;
	int64_t secs;
	long rating = 0;
	int rc, found;

	if ((rc = rel_rec_id(r, P_GOAL, "goal_id", e)) != 0 ||
	    (rc = rel_rec_time(r, P_AT, "at", 1, &secs, e)) != 0 ||
	    (rc = rel_rec_int(r, P_RATING, "rating", 1, 5, &rating, e)) != 0 ||
	    (rc = rel_rec_text(r, P_NOTE, "note", REL_TEXT_MAX, 1, e)) != 0)
		return rc;
	if (rating == 0 && (!rel_rec_has(r, P_NOTE) ||
	    blank(r->v[P_NOTE], r->len[P_NOTE])))
		return rel_err_at(e, REL_EDATA, r->file, r->line, "rating",
		    "is empty, and so is note; a progress check needs a rating "
		    "(1 to 5), a note, or both");
	if (rel_rec_has(r, P_ADULT) && (rc = rel_rec_id(r, P_ADULT, "adult_id",
	    e)) != 0)
		return rc;
	rel_datetime_format(secs, at);
	if ((rc = goal_find(db, r->v[P_GOAL], r->len[P_GOAL], &k, &found,
	    e)) != 0)
		return rc;
	if (!found)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "goal_id",
		    r->v[P_GOAL], r->len[P_GOAL], "is not a known goal");
	if (!k.active)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "goal_id",
		    r->v[P_GOAL], r->len[P_GOAL], "is a goal of %s, who is "
		    "deactivated (rel-roster set student %s --active 1 brings "
		    "them back)", k.student_id, k.student_id);
	if (memcmp(at, k.start, 10) < 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "at", at,
		    strlen(at), "is before the goal's start (%s)", k.start);
	/* A check written before the goal was closed (an export imported
	 * again) still belongs to it; none can come after. */
	if (!k.open && strcmp(at, k.closed_at) > 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "goal_id",
		    r->v[P_GOAL], r->len[P_GOAL], "is %s since %.10s; a closed "
		    "goal takes no more progress checks", k.status,
		    k.closed_at);
	if (rel_rec_has(r, P_ADULT)) {
		if ((rc = rel_person(db, 1, r->v[P_ADULT], r->len[P_ADULT],
		    "adult_id", r->file, r->line, &adult, e)) != 0)
			return rc;
	} else
		adult = rel_actor(db)->id;
	if ((rc = rel_rec_key(r, P_AT, "at", "progress check (goal_id, at, "
	    "adult_id, rating and note)", e, "%lld\037%s\037%lld\037%ld\037%.*s",
	    (long long)k.id, at, (long long)adult, rating,
	    rel_rec_has(r, P_NOTE) ? (int)r->len[P_NOTE] : 0,
	    rel_rec_has(r, P_NOTE) ? r->v[P_NOTE] : "")) != 0)
		return rc;

	if ((rc = rel_db_stmt(db, "SELECT 1 FROM progress WHERE goal = ?1 "
	    "AND at = ?2 AND adult IS ?3 AND rating IS ?4 AND note IS ?5",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, k.id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (adult != 0)
		sqlite3_bind_int64(st, 3, adult);
	if (rating != 0)
		sqlite3_bind_int64(st, 4, rating);
	rel_rec_bind(st, 5, r, P_NOTE);
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading progress checks", e);
	if (found) {
		*out = REL_DUPLICATE;
		return 0;
	}
	if ((rc = rel_db_stmt(db, "INSERT INTO progress (goal, at, adult, "
	    "rating, note) VALUES (?1, ?2, ?3, ?4, ?5)", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, k.id);
	sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
	if (adult != 0)
		sqlite3_bind_int64(st, 3, adult);
	if (rating != 0)
		sqlite3_bind_int64(st, 4, rating);
	rel_rec_bind(st, 5, r, P_NOTE);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a progress check", e);
	*out = REL_ADDED;
	return 0;
}

int
rel_goal_close(struct rel_db *db, const char *goal_id, const char *status,
    const char *outcome, int64_t at, struct rel_err *e)
{
	static const char *const ends[] = { "met", "closed", "dropped", NULL };
	char when[REL_DATETIME_LEN], end[8];
	size_t len[1];
	struct rel_rec r;
	struct known k;
	sqlite3_stmt *st;
	int rc, found;

	/* The status and the outcome are options; the outcome's text is
	 * checked as the column would be. */
	r.n = 1;
	r.v = &status;
	r.len = len;
	r.keys = NULL;
	r.file = NULL;
	r.line = 0;
	rel_strlcpy(end, "closed", sizeof(end));
	if (status != NULL) {
		len[0] = strlen(status);
		if (rel_rec_enum(&r, 0, "--status", ends, end, sizeof(end),
		    e) != 0 || end[0] == '\0')
			return rel_err_value(e, REL_EUSAGE, NULL, 0, "--status",
			    status, strlen(status), "is not met, closed or "
			    "dropped");
	}
	if (outcome == NULL || blank(outcome, strlen(outcome)))
		return rel_err_set(e, REL_EUSAGE, "--outcome is needed: say "
		    "what came of the goal");
	r.v = &outcome;
	len[0] = strlen(outcome);
	if ((rc = rel_rec_text(&r, 0, "outcome", REL_TEXT_MAX, 1, e)) != 0)
		return rc;
	rel_datetime_format(at, when);

	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = goal_find(db, goal_id, strlen(goal_id), &k, &found, e)) != 0)
		goto out;
	if (!found)
		rc = rel_err_value(e, REL_EDATA, NULL, 0, "goal_id", goal_id,
		    strlen(goal_id), "is not a known goal");
	else if (!k.open)
		rc = rel_err_value(e, REL_EDATA, NULL, 0, "goal_id", goal_id,
		    strlen(goal_id), "is already %s (since %.10s); a goal is "
		    "closed once", k.status, k.closed_at);
	else if (memcmp(when, k.start, 10) < 0)
		rc = rel_err_value(e, REL_EDATA, NULL, 0, "--at", when,
		    strlen(when), "is before the goal's start (%s)", k.start);
	else if (strcmp(when, k.last) < 0)
		rc = rel_err_value(e, REL_EDATA, NULL, 0, "--at", when,
		    strlen(when), "is before the goal's last progress check "
		    "(%s)", k.last);
	if (rc != 0)
		goto out;
	if ((rc = rel_db_stmt(db, "UPDATE goal SET status = ?2, outcome = ?3, "
	    "closed_at = ?4 WHERE id = ?1", &st, e)) != 0)
		goto out;
	sqlite3_bind_int64(st, 1, k.id);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, when, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = rel_db_fail(db, rc, "closing a goal", e);
		goto out;
	}
	rc = rel_db_commit(db, e);
out:
	if (rc != 0)
		rel_db_rollback(db);
	return rc;
}

/* A filter option from a fixed list: the stored name, or NULL for none
 * (or "all", where all is allowed); 64 if not one. */
static int
filter_enum(const char *opt, const char *s, const char *const *allowed,
    const char *expected, int all, const char **out, struct rel_err *e)
{
	*out = NULL;
	if (s == NULL || (all && strcasecmp(s, "all") == 0))
		return 0;
	if (allowed == areas && is_behavior(s, strlen(s))) {
		*out = "behaviour";
		return 0;
	}
	return rel_word_opt(opt, s, allowed, expected, out, e);
}

/* The filter, checked and bound to ?1-?10 of a statement: ?1 student
 * rowid, ?2 author rowid, ?3 kind, ?4 area, ?5 status, ?6 champion
 * rowid, ?7 since and ?8 until (date-times, on start), ?9 the set in
 * force, ?10 deactivated students too. */
static int
bind_filter(struct rel_db *db, sqlite3_stmt *st,
    const struct rel_goal_filter *gf, struct rel_err *e)
{
	const struct rel_filter *f = &gf->f;
	char since[REL_DATETIME_LEN], until[REL_DATETIME_LEN];
	const char *kind, *area, *status;
	sqlite3_int64 student, adult, champion;
	int rc;

	if (f->source != NULL || f->last != 0 || f->history != 0)
		return rel_err_set(e, REL_EUSAGE, "--%s does not apply to "
		    "goals", f->source != NULL ? "source" : f->last != 0 ?
		    "last" : "history");
	if ((rc = filter_enum("--kind", f->kind, kinds, "goal or support", 0,
	    &kind, e)) != 0 ||
	    (rc = filter_enum("--area", gf->area, areas, "academic, "
	    "attendance, social, emotional, behaviour, family or other", 0,
	    &area, e)) != 0 ||
	    (rc = filter_enum("--status", gf->status, statuses, "open, met, "
	    "closed, dropped or all", 1, &status, e)) != 0)
		return rc;
	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--champion", gf->champion,
	    &champion, e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (kind != NULL)
		sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	if (area != NULL)
		sqlite3_bind_text(st, 4, area, -1, SQLITE_STATIC);
	if (status != NULL)
		sqlite3_bind_text(st, 5, status, -1, SQLITE_STATIC);
	if (champion != 0)
		sqlite3_bind_int64(st, 6, champion);
	/* start is a date, compared as its midnight: YYYY-MM-DDTHH:MM:SS
	 * sorts as it reads. */
	if (f->since != INT64_MIN) {
		rel_datetime_format(f->since, since);
		sqlite3_bind_text(st, 7, since, -1, SQLITE_TRANSIENT);
	}
	if (f->until != INT64_MAX) {
		rel_datetime_format(f->until, until);
		sqlite3_bind_text(st, 8, until, -1, SQLITE_TRANSIENT);
	}
	sqlite3_bind_int(st, 9, f->set != 0);
	sqlite3_bind_int(st, 10, f->inactive != 0);
	return 0;
}

#define GOAL_FILTER \
    " AND (?1 IS NULL OR g.student = ?1) AND (?2 IS NULL OR g.adult = ?2) " \
    " AND (?3 IS NULL OR g.kind = ?3) AND (?4 IS NULL OR g.area = ?4) " \
    " AND (?5 IS NULL OR g.status = ?5) " \
    " AND (?6 IS NULL OR g.champion = ?6) " \
    " AND (?7 IS NULL OR g.start || 'T00:00:00' >= ?7) " \
    " AND (?8 IS NULL OR g.start || 'T00:00:00' < ?8) " \
    " AND (?9 = 0 OR g.student IN (SELECT id FROM temp.rel_set)) " \
    " AND (s.active = 1 OR ?1 IS NOT NULL OR ?9 <> 0 OR ?10 <> 0) "

static const char sql_goal_list[] =
    "SELECT g.goal_id, s.student_id, g.kind, g.area, g.text, g.set_by, "
    " c.adult_id, g.tier, g.strategies, g.start, g.due, "
    " g.check_every || 'd', g.status, g.outcome, g.closed_at, g.at, "
    " a.adult_id, CASE g.visibility WHEN 0 THEN 'staff' "
    "  WHEN 1 THEN 'team' ELSE 'private' END, g.student, g.visibility "
    "FROM goal g JOIN student s ON s.id = g.student "
    "LEFT JOIN adult c ON c.id = g.champion "
    "LEFT JOIN adult a ON a.id = g.adult "
    "WHERE " REL_SEES("g") GOAL_FILTER
    "ORDER BY s.student_id, g.start, g.id";

/* A progress check takes the visibility of its goal. */
static const char sql_progress_list[] =
    "SELECT g.goal_id, p.at, a.adult_id, p.rating, p.note, g.student, "
    " g.visibility "
    "FROM goal g JOIN student s ON s.id = g.student "
    "JOIN progress p ON p.goal = g.id "
    "LEFT JOIN adult a ON a.id = p.adult "
    "WHERE " REL_SEES("g") GOAL_FILTER
    "ORDER BY s.student_id, g.start, g.id, p.at, p.id";

static int
list(struct rel_db *db, const char *sql, const struct rel_goal_filter *gf,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, sql, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, gf, e)) == 0)
		rc = rel_access_out(db, st, o, NULL, e);
	sqlite3_reset(st);
	return rc;
}

int
rel_goal_list(struct rel_db *db, const struct rel_goal_filter *gf,
    struct rel_out *o, struct rel_err *e)
{
	return list(db, sql_goal_list, gf, o, e);
}

int
rel_progress_list(struct rel_db *db, const struct rel_goal_filter *gf,
    struct rel_out *o, struct rel_err *e)
{
	return list(db, sql_progress_list, gf, o, e);
}

const char *const *
rel_goal_due_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "goal_id", "kind", "reason", "due_on",
		"days_overdue", "last_progress_on", "champion_adult_id",
		"text" };

	*n = NELEM(names);
	return names;
}

/* Past its due date, a goal is to be closed with an outcome, and that is
 * what is due, not one more check. Deactivated students have nothing
 * due, even when named or in the set. The last check is found with one seek
 * into progress_goal. ?11 the day, ?12 today, ?13 mine. */
static const char sql_due[] =
    "SELECT student_id, given_name, family_name, goal_id, kind, reason, "
    " due_on, CAST(julianday(?12) - julianday(due_on) AS INTEGER), "
    " substr(last, 1, 10), champion, text, sid, vis FROM ("
    " SELECT *, CASE WHEN due <= ?11 THEN 'past_end' ELSE 'check_due' "
    "  END AS reason, CASE WHEN due <= ?11 THEN due "
    "  WHEN every IS NOT NULL THEN date(coalesce(substr(last, 1, 10), "
    "   start), '+' || every || ' days') END AS due_on FROM ("
    "  SELECT s.student_id, s.given_name, s.family_name, g.goal_id, "
    "  g.kind, g.text, g.due, g.start, g.check_every AS every, "
    "  c.adult_id AS champion, g.student AS sid, g.visibility AS vis, "
    "  g.id, (SELECT max(p.at) FROM progress p WHERE p.goal = g.id) "
    "   AS last "
    "  FROM goal g JOIN student s ON s.id = g.student "
    "  LEFT JOIN adult c ON c.id = g.champion "
    "  WHERE g.status = 'open' AND s.active = 1 AND (g.due IS NOT NULL "
    "   OR g.check_every IS NOT NULL) AND " REL_SEES("g") GOAL_FILTER
    "  AND (?13 = 0 OR g.champion = rel_actor() "
    "   OR (g.champion IS NULL AND g.adult = rel_actor())))) "
    "WHERE due_on <= ?11 ORDER BY due_on, student_id, id";

int
rel_goal_due(struct rel_db *db, const struct rel_goal_filter *gf, int mine,
    int32_t on, struct rel_out *o, struct rel_err *e)
{
	char day[REL_DATE_LEN], today[REL_DATE_LEN];
	sqlite3_stmt *st;
	int rc;

	if (gf->status != NULL)
		return rel_err_set(e, REL_EUSAGE, "--status does not apply to "
		    "due, which reads the open goals");
	if (gf->f.since != INT64_MIN || gf->f.until != INT64_MAX)
		return rel_err_set(e, REL_EUSAGE, "--since and --until do not "
		    "apply to due; --on gives the day");
	if (mine && rel_actor(db)->id == 0)
		return rel_err_set(e, REL_EUSAGE, "--mine: who is asking? Give "
		    "--as ADULT_ID, set $REL_AS, or set your login on your "
		    "adult record");
	rel_date_format(on, day);
	rel_date_format(rel_today(), today);
	if ((rc = rel_db_stmt(db, sql_due, &st, e)) != 0)
		return rc;
	if ((rc = bind_filter(db, st, gf, e)) == 0) {
		sqlite3_bind_text(st, 11, day, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 12, today, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 13, mine != 0);
		rc = rel_access_out(db, st, o, NULL, e);
	}
	sqlite3_reset(st);
	return rc;
}

/* The card's section: the open goals and supports, goals first. */
int
rel_goal_card(struct rel_db *db, sqlite3_int64 sid, struct rel_card *c,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	const unsigned char *t;
	int rc, n;

	rel_card_heading(c, "Goals and supports");
	if ((rc = rel_db_stmt(db, "SELECT g.goal_id, g.kind, g.area, g.tier, "
	    "g.set_by, g.text, g.start, g.due, g.check_every, "
	    "ch.given_name, ch.family_name, substr(l.at, 1, 10), l.rating "
	    "FROM goal g LEFT JOIN adult ch ON ch.id = g.champion "
	    "LEFT JOIN progress l ON l.id = (SELECT p.id FROM progress p "
	    " WHERE p.goal = g.id ORDER BY p.at DESC, p.id DESC LIMIT 1) "
	    "WHERE g.student = ?1 AND g.status = 'open' AND " REL_SEES("g")
	    " ORDER BY g.kind, g.start, g.id", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	for (n = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; n++) {
		int support = strcmp((const char *)sqlite3_column_text(st, 1),
		    "support") == 0;

		rel_card_bullet(c);
		rel_card_put(c, sqlite3_column_text(st, 0));
		if (support)
			fprintf(c->fp, " support, tier %d, %s: ",
			    sqlite3_column_int(st, 3), sqlite3_column_text(st,
			    2));
		else
			fprintf(c->fp, " goal, %s, set by %s: ",
			    sqlite3_column_text(st, 2), sqlite3_column_text(st,
			    4));
		rel_card_put(c, sqlite3_column_text(st, 5));
		if (sqlite3_column_type(st, 9) != SQLITE_NULL) {
			fputs("; champion ", c->fp);
			rel_card_put(c, sqlite3_column_text(st, 9));
			putc(' ', c->fp);
			rel_card_put(c, sqlite3_column_text(st, 10));
		}
		/* A support runs from its start to its end; a goal is
		 * worked towards a due date, if it has one. */
		t = sqlite3_column_text(st, 7);
		if (support && t != NULL)
			fprintf(c->fp, "; %s to %s", sqlite3_column_text(st, 6),
			    t);
		else if (support)
			fprintf(c->fp, "; since %s",
			    sqlite3_column_text(st, 6));
		else if (t != NULL)
			fprintf(c->fp, "; due %s", t);
		if (sqlite3_column_type(st, 8) != SQLITE_NULL)
			fprintf(c->fp, "; a check every %d day%s",
			    sqlite3_column_int(st, 8),
			    sqlite3_column_int(st, 8) == 1 ? "" : "s");
		if ((t = sqlite3_column_text(st, 11)) == NULL)
			fputs("; no progress check yet", c->fp);
		else if (sqlite3_column_type(st, 12) != SQLITE_NULL)
			fprintf(c->fp, "; last progress %s, rated %d of 5", t,
			    sqlite3_column_int(st, 12));
		else
			fprintf(c->fp, "; last progress %s", t);
		rel_card_end(c);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "reading goals", e);
	if (n == 0)
		rel_card_none(c);
	return 0;
}
