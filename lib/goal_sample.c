/*
 * goal_sample.c: the goals and support plans of the sample school, with
 * their progress checks.
 *
 * About three students in ten have a goal, set mostly by the student or
 * a team, in every area; their progress checks mostly trend upwards, and
 * the goals that have come due are mostly met or closed. The students
 * whose check-ins are lowest, or falling, are the likeliest to have a
 * support plan: about one in ten at tier 2, with their advisory lead, a
 * counselor or a coach as champion, and about three in a hundred at tier
 * 3, most with a counselor. Some checks have lapsed and are overdue, and
 * a few plans have passed their end with no outcome yet, so that
 * rel-goal due has something to show.
 *
 * It reads back the students, their advisories, teams and recent
 * check-ins, in rowid order, draws from a stream of its own (part 5),
 * and writes every goal and check through the importers' write
 * functions, dated relative to rel_today(). The texts are generic and
 * fictional.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define PICK(r, a) ((a)[rel_rng_below((r), NELEM(a))])

#define YEAR_MIN_DAYS 30	/* as the sample's school year */
#define MAX_CHECKS 40
#define ID_BYTES 65

enum area { ACADEMIC, ATTENDANCE, SOCIAL, EMOTIONAL, BEHAVIOUR, FAMILY,
	OTHER, NAREAS };
static const char *const area_names[NAREAS] = { "academic", "attendance",
	"social", "emotional", "behaviour", "family", "other" };
/* How often each area is a goal's, in percent. */
static const int goal_area_pct[NAREAS] = { 34, 12, 14, 13, 10, 6, 11 };

static const char *const goal_texts[NAREAS][5] = {
	{ "Turn in every math assignment for three weeks",
	  "Raise the biology grade to a B by the end of the quarter",
	  "Read for 20 minutes every school night",
	  "Ask at least one question in each chemistry class",
	  "Finish the history project one step each week" },
	{ "Be in first period on time four days out of five",
	  "No unexcused absences this month",
	  "Arrive by 8:05 every day for three weeks",
	  "Come to school every Monday after the long weekends",
	  "Make up the missed labs within a week of an absence" },
	{ "Join one club or team this semester",
	  "Eat lunch with the robotics group twice a week",
	  "Introduce myself to one new classmate each week",
	  "Work with a partner in class instead of alone",
	  "Help organise the grade's food drive" },
	{ "Use the calm-down plan when frustrated in class",
	  "Check in with the counselor when stress builds",
	  "Write three good things in a journal each Friday",
	  "Get eight hours of sleep on school nights",
	  "Name what I feel before I react" },
	{ "Keep the phone in the bag during class",
	  "Use respectful words with classmates, even when upset",
	  "Stay in class for the whole period",
	  "Take a short break instead of walking out",
	  "Start each class with the materials ready" },
	{ "Share the weekly planner with my family every Sunday",
	  "Lead part of the family conference",
	  "Talk with my family about course choices for next year",
	  "Show my family one piece of work I am proud of each month",
	  "Plan homework time with my family" },
	{ "Apply for a summer job",
	  "Learn to ride the city bus to the library",
	  "Finish the driver's education course",
	  "Visit two colleges or training programs",
	  "Volunteer at the animal shelter twice a month" },
};

/* The kinds of support, their strategies, by area (the areas a support
 * plan serves: no family or other). */
static const int support_area_pct[NAREAS] = { 30, 15, 10, 20, 25, 0, 0 };
static const char *const support_texts[NAREAS][3] = {
	{ "Small-group math tutoring", "Homework club, three afternoons a "
	  "week", "Reading intervention group" },
	{ "Attendance mentoring with a morning check-in", "Breakfast club "
	  "and a wake-up call", "Attendance contract with the family" },
	{ "Lunch bunch friendship group", "Peer mentor pairing",
	  "Social skills group" },
	{ "Weekly counseling sessions", "Social-emotional skills group",
	  "Check-in with a trusted adult each morning" },
	{ "Check-in/check-out mentoring", "Behaviour contract with daily "
	  "feedback", "Self-monitoring plan with a point card" },
	{ NULL, NULL, NULL },
	{ NULL, NULL, NULL },
};
static const char *const strategies[NAREAS][3] = {
	{ "preview the week's assignments on Monday; planner check each "
	  "Friday", "guided practice in a group of four; exit ticket each "
	  "session", "paired reading; progress chart the student keeps" },
	{ "morning greeting at the door; call home after a second absence",
	  "breakfast at 7:45 with the mentor; weekly attendance chart",
	  "family meeting each month; praise for every full week" },
	{ "lunch group twice a week; one shared project",
	  "matched with an older student; meet every week",
	  "practise joining a group; reflect with the counselor" },
	{ "15 minutes with the counselor each Tuesday; calm-down plan",
	  "group sessions on naming feelings; journal prompts",
	  "morning check-in card; a quiet place to reset" },
	{ "daily point sheet; Friday debrief", "three goals on a card; "
	  "feedback at the end of each class", "self-rating each period; "
	  "weekly review with the champion" },
	{ NULL, NULL, NULL },
	{ NULL, NULL, NULL },
};

static const char *const notes_up[] = {
	"Met the target four days this week",
	"Proud of the progress; asked for a harder target",
	"Every assignment in this week; grades rising",
	"Used the plan twice without a reminder",
	"A strong week; said it feels easier now",
};
static const char *const notes_same[] = {
	"Mixed week; kept trying",
	"Some good days, some hard ones",
	"Steady; the routine is holding",
	"Met the target on three days",
};
static const char *const notes_down[] = {
	"Hard week; missed two check-ins",
	"Struggling since the schedule change; talked about what would help",
	"Fell behind again; made a new plan together",
	"Tired and quiet this week; will check in with the family",
};
static const char *const outcomes_met[] = {
	"Met: kept it up for the whole period",
	"Met; the student set a new goal",
	"Met: the routine holds without the sheet",
};
static const char *const outcomes_closed[] = {
	"Closed: the plan ran its course; moving to a lighter check-in",
	"Closed at the end of the period; partly met",
};
static const char *const outcomes_dropped[] = {
	"Dropped: the student chose a different goal",
	"Dropped after the schedule change; to revisit next term",
};

/* One student, as read back. */
struct pupil {
	char id[ID_BYTES];
	char lead[ID_BYTES];		/* advisory lead, or "" */
	char coach[ID_BYTES];		/* a coach of theirs, or "" */
	char counselor[ID_BYTES];
	double score;			/* lower: more need of support */
	int tier;			/* the support plan's, or 0 */
};

struct gen {
	struct rel_db *db;
	struct rel_rng r;
	int32_t today, year;		/* today; the school year's start */
	long ngoal;			/* goal_ids made so far */
};

/* A goal or support being drawn. */
struct plan {
	const char *kind, *area, *text, *set_by, *strategies, *vis;
	const char *champion, *author;	/* adult_ids; champion or "" */
	int tier;
	int32_t start, due;
	int every;			/* days; 0: none */
	int start_rating, trend;	/* trend -1, 0 or +1 */
};

static void
copy_col(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	rel_strlcpy(buf, t != NULL ? (const char *)t : "", n);
}

static long
pick_pct(struct rel_rng *r, const int *pct, int n)
{
	long x = rel_rng_below(r, 100);
	int i;

	for (i = 0; i < n - 1 && x >= pct[i]; i++)
		x -= pct[i];
	return i;
}

/* Mondays for weekend days: checks happen at school. */
static int32_t
school_day(int32_t d)
{
	int wd = rel_weekday(d);

	return wd >= 5 ? d + (7 - wd) : d;
}

static int
write_rec(struct gen *g, const struct rel_import_kind *k,
    const char *const *v, struct rel_err *e)
{
	size_t len[20], i;
	enum rel_outcome out;
	struct rel_rec rec;

	for (i = 0; i < k->ncols; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	rec.n = k->ncols;
	rec.v = v;
	rec.len = len;
	rec.keys = NULL;
	rec.file = "sample";
	rec.line = 0;
	return k->write(g->db, &rec, &out, e);
}

/* The checks of a plan, its end, and then the goal and its checks. */
static int
run_plan(struct gen *g, const struct pupil *p, const struct plan *pl,
    struct rel_err *e)
{
	struct rel_rng *r = &g->r;
	char gid[ID_BYTES], start[REL_DATE_LEN], due[REL_DATE_LEN];
	char every[16], tier[4], at[REL_DATETIME_LEN];
	char closed[REL_DATETIME_LEN], rating[4];
	char when[MAX_CHECKS][REL_DATETIME_LEN];
	const char *note[MAX_CHECKS], *status = "open", *outcome = NULL;
	int rate[MAX_CHECKS], n = 0, k, rc, x, cadence;
	int32_t d, last, cday;
	const char *gv[18], *pv[5];

	/* The checks, at the plan's cadence (or every two or three weeks),
	 * up to the end or today; a third of the goals with a cadence and
	 * two support plans in five have lapsed some while ago. */
	cadence = pl->every > 0 ? pl->every : 14 + (int)rel_rng_below(r, 8);
	last = pl->due < g->today - 1 ? pl->due : g->today - 1;
	if (pl->every > 0 && pl->due >= g->today && rel_rng_chance(r,
	    pl->tier > 0 ? 2 : 1, pl->tier > 0 ? 5 : 3))
		last = g->today - pl->every - 2 - (int32_t)rel_rng_below(r, 15);
	x = pl->start_rating;
	for (d = pl->start + cadence; n < MAX_CHECKS; d += cadence) {
		cday = school_day(d + (int32_t)rel_rng_below(r, 2));
		if (cday > last)
			break;
		rel_datetime_format((int64_t)cday * 86400 + 8 * 3600 +
		    60 * rel_rng_below(r, 7 * 60), when[n]);
		if (pl->trend > 0 && rel_rng_chance(r, 1, 2))
			x++;
		else if (pl->trend < 0 && rel_rng_chance(r, 2, 5))
			x--;
		else if (pl->trend == 0 && rel_rng_chance(r, 1, 4))
			x += rel_rng_chance(r, 1, 2) ? 1 : -1;
		x = x < 1 ? 1 : x > 5 ? 5 : x;
		rate[n] = x;
		note[n] = rel_rng_chance(r, 3, 10) ? NULL :
		    x >= 4 ? PICK(r, notes_up) : x == 3 ?
		    PICK(r, notes_same) : PICK(r, notes_down);
		n++;
	}

	/* Most plans that have come to their end are closed with an
	 * outcome; some wait for one, supports more often (the end of a
	 * support is the team's to review). A goal met early is closed
	 * early. */
	closed[0] = '\0';
	cday = 0;
	if (pl->due < g->today) {
		k = (int)rel_rng_below(r, 100);
		if (k < (pl->tier > 0 ? 60 : 75)) {
			status = n > 0 && rate[n - 1] >= 4 && k < 60 ? "met" :
			    k < 65 ? "closed" : "dropped";
			cday = pl->due + (int32_t)rel_rng_below(r, 4);
			if (cday > g->today - 1)
				cday = g->today - 1;
		}
	} else if (n > 0 && rate[n - 1] == 5 && strcmp(pl->kind, "goal") == 0 &&
	    rel_rng_chance(r, 1, 3)) {
		rel_date_parse(when[n - 1], 10, &cday);
		cday += 1 + (int32_t)rel_rng_below(r, 3);
		if (cday <= g->today - 1)
			status = "met";
	}
	if (strcmp(status, "open") != 0) {
		rel_datetime_format((int64_t)cday * 86400 + 15 * 3600 + 30 * 60,
		    closed);
		outcome = strcmp(status, "met") == 0 ? PICK(r, outcomes_met) :
		    strcmp(status, "closed") == 0 ? PICK(r, outcomes_closed) :
		    PICK(r, outcomes_dropped);
	}

	snprintf(gid, sizeof(gid), "G%ld", ++g->ngoal);
	rel_date_format(pl->start, start);
	rel_date_format(pl->due, due);
	snprintf(every, sizeof(every), "%dd", pl->every);
	snprintf(tier, sizeof(tier), "%d", pl->tier);
	rel_datetime_format((int64_t)pl->start * 86400 + 9 * 3600 +
	    60 * rel_rng_below(r, 6 * 60), at);
	gv[0] = gid;
	gv[1] = p->id;
	gv[2] = pl->kind;
	gv[3] = pl->area;
	gv[4] = pl->text;
	gv[5] = pl->set_by;
	gv[6] = pl->champion;
	gv[7] = pl->tier > 0 ? tier : NULL;
	gv[8] = pl->strategies;
	gv[9] = start;
	gv[10] = due;
	gv[11] = pl->every > 0 ? every : NULL;
	gv[12] = status;
	gv[13] = outcome;
	gv[14] = closed[0] != '\0' ? closed : NULL;
	gv[15] = at;
	gv[16] = pl->author;
	gv[17] = pl->vis;
	if ((rc = write_rec(g, rel_goal_kind(), gv, e)) != 0)
		return rc;
	for (k = 0; k < n; k++) {
		if (closed[0] != '\0' && strcmp(when[k], closed) > 0)
			break;
		snprintf(rating, sizeof(rating), "%d", rate[k]);
		pv[0] = gid;
		pv[1] = when[k];
		/* The champion records most checks. */
		pv[2] = pl->champion[0] != '\0' && rel_rng_chance(r, 4, 5) ?
		    pl->champion : pl->author;
		pv[3] = rating;
		pv[4] = note[k];
		if ((rc = write_rec(g, rel_progress_kind(), pv, e)) != 0)
			return rc;
	}
	return 0;
}

static int
student_goals(struct gen *g, const struct pupil *p, struct rel_err *e)
{
	static const int setby_pct[] = { 45, 10, 20, 25 };
	static const char *const setby[] = { "student", "family", "adult",
		"team" };
	struct rel_rng *r = &g->r;
	struct plan pl;
	int n, j, a, rc;
	long span, x;

	n = rel_rng_chance(r, 30, 100) ? 1 + rel_rng_chance(r, 15, 100) : 0;
	for (j = 0; j < n; j++) {
		memset(&pl, 0, sizeof(pl));
		a = (int)pick_pct(r, goal_area_pct, NAREAS);
		pl.kind = "goal";
		pl.area = area_names[a];
		pl.text = goal_texts[a][rel_rng_below(r, 5)];
		pl.set_by = setby[pick_pct(r, setby_pct, 4)];
		pl.champion = "";
		pl.author = p->lead[0] != '\0' && rel_rng_chance(r, 3, 5) ?
		    p->lead : p->counselor;
		pl.vis = "team";
		span = g->today - 10 - g->year;
		pl.start = school_day(g->year + (int32_t)rel_rng_below(r,
		    span > 1 ? span : 1));
		pl.due = pl.start + 7 * (3 + (int32_t)rel_rng_below(r, 8));
		x = rel_rng_below(r, 100);
		pl.every = x < 45 ? 14 : x < 60 ? 7 : 0;
		pl.start_rating = 2 + (int)rel_rng_below(r, 2);
		x = rel_rng_below(r, 100);
		pl.trend = x < 60 ? 1 : x < 85 ? 0 : -1;
		if ((rc = run_plan(g, p, &pl, e)) != 0)
			return rc;
	}
	return 0;
}

/* A support plan at the student's tier: tier 3 mostly with a counselor,
 * tier 2 with the advisory lead, a counselor or a coach. */
static int
student_support(struct gen *g, const struct pupil *p, struct rel_err *e)
{
	static const int weeks[] = { 6, 8, 9 };
	struct rel_rng *r = &g->r;
	struct plan pl;
	const char *lead = p->lead[0] != '\0' ? p->lead : p->counselor;
	int a;
	long x;

	memset(&pl, 0, sizeof(pl));
	a = (int)pick_pct(r, support_area_pct, NAREAS);
	pl.kind = "support";
	pl.area = area_names[a];
	pl.text = support_texts[a][rel_rng_below(r, 3)];
	pl.strategies = strategies[a][rel_rng_below(r, 3)];
	pl.set_by = "team";
	pl.tier = p->tier;
	pl.author = p->counselor;
	x = rel_rng_below(r, 100);
	if (p->tier == 3)
		pl.champion = x < 80 ? p->counselor : lead;
	else
		pl.champion = x < 50 ? lead : x < 75 || p->coach[0] == '\0' ?
		    p->counselor : p->coach;
	/* An intensive plan is for the adults who need to know. */
	pl.vis = p->tier == 3 && rel_rng_chance(r, 1, 2) ? "private" : "team";
	pl.start = school_day(g->today - 7 - (int32_t)rel_rng_below(r, 64));
	if (pl.start < g->year)
		pl.start = g->year;
	pl.due = pl.start + 7 * weeks[rel_rng_below(r, p->tier == 3 ? 3 : 2)];
	pl.every = p->tier == 3 || rel_rng_chance(r, 3, 5) ? 7 : 14;
	pl.start_rating = p->tier == 3 ? 1 + (int)rel_rng_below(r, 2) : 2;
	x = rel_rng_below(r, 100);
	pl.trend = x < 55 ? 1 : x < 85 ? 0 : -1;
	return run_plan(g, p, &pl, e);
}

/* Lowest score first; ties by the order read. */
static int
by_score(const void *a, const void *b)
{
	const struct pupil *const *x = a, *const *y = b;

	if ((*x)->score != (*y)->score)
		return (*x)->score < (*y)->score ? -1 : 1;
	return *x < *y ? -1 : *x > *y;
}

/* The students, their advisory lead, a coach who leads one of their
 * teams or clubs, and their mood in check-ins over the last four weeks
 * and the four before (one seek each into the checkin key). */
static const char sql_pupils[] =
    "SELECT s.student_id, "
    " (SELECT a.adult_id FROM member m JOIN grp g ON g.id = m.grp "
    "  JOIN adult a ON a.id = g.lead_adult WHERE m.student = s.id "
    "  AND m.active = 1 AND g.active = 1 AND g.kind = 'advisory' "
    "  AND a.active = 1 ORDER BY g.id LIMIT 1), "
    " (SELECT a.adult_id FROM member m JOIN grp g ON g.id = m.grp "
    "  JOIN adult a ON a.id = g.lead_adult WHERE m.student = s.id "
    "  AND m.active = 1 AND g.active = 1 AND g.kind IN ('team', 'club') "
    "  AND a.active = 1 AND a.role = 'coach' ORDER BY g.id LIMIT 1), "
    " (SELECT m.grp FROM member m JOIN grp g ON g.id = m.grp "
    "  WHERE m.student = s.id AND g.kind = 'advisory' ORDER BY g.id "
    "  LIMIT 1), "
    " (SELECT avg(c.mood) FROM checkin c WHERE c.student = s.id "
    "  AND c.at >= ?1), "
    " (SELECT avg(c.mood) FROM checkin c WHERE c.student = s.id "
    "  AND c.at >= ?2 AND c.at < ?1) "
    "FROM student s WHERE s.active = 1 ORDER BY s.id";

/* The counselors, by rowid. */
static int
load_counselors(struct rel_db *db, char (**c)[ID_BYTES], size_t *n,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*c = NULL;
	*n = 0;
	if ((rc = rel_db_stmt(db, "SELECT adult_id FROM adult "
	    "WHERE role = 'counselor' AND active = 1 ORDER BY id", &st,
	    e)) != 0)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*c = rel_xrealloc(*c, cap * sizeof(**c));
		}
		copy_col(st, 0, (*c)[(*n)++], ID_BYTES);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "reading the sample's counselors", e);
}

static int
load_pupils(struct gen *g, char (*couns)[ID_BYTES], size_t ncouns,
    struct pupil **pp, size_t *np, struct rel_err *e)
{
	struct pupil *p = NULL, *q;
	sqlite3_stmt *st;
	size_t cap = 0, n = 0;
	int64_t now = (int64_t)g->today * 86400;
	double m1, m0;
	int rc;

	if ((rc = rel_db_stmt(g->db, sql_pupils, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, now - 28 * 86400);
	sqlite3_bind_int64(st, 2, now - 56 * 86400);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			p = rel_xrealloc(p, cap * sizeof(*p));
		}
		q = &p[n++];
		memset(q, 0, sizeof(*q));
		copy_col(st, 0, q->id, sizeof(q->id));
		copy_col(st, 1, q->lead, sizeof(q->lead));
		copy_col(st, 2, q->coach, sizeof(q->coach));
		if (ncouns > 0)
			rel_strlcpy(q->counselor, couns[(size_t)
			    sqlite3_column_int64(st, 3) % ncouns],
			    sizeof(q->counselor));
		else
			rel_strlcpy(q->counselor, q->lead,
			    sizeof(q->counselor));
		/* Low and falling moods first, with some chance in it: a
		 * plan follows from more than check-ins. */
		m1 = sqlite3_column_type(st, 4) != SQLITE_NULL ?
		    sqlite3_column_double(st, 4) : 3.2;
		m0 = sqlite3_column_type(st, 5) != SQLITE_NULL ?
		    sqlite3_column_double(st, 5) : m1;
		q->score = m1 - (m0 > m1 ? (m0 - m1) / 2 : 0) +
		    (double)rel_rng_below(&g->r, 600) / 1000;
	}
	sqlite3_reset(st);
	*pp = p;
	*np = n;
	if (rc != SQLITE_DONE)
		return rel_db_fail(g->db, rc, "reading the sample's students",
		    e);
	return 0;
}

int
rel_goal_sample(struct rel_db *db, unsigned long seed, struct rel_err *e)
{
	char (*couns)[ID_BYTES] = NULL;
	struct pupil *p = NULL, **rank = NULL;
	size_t ncouns, n = 0, i, n2, n3;
	struct gen g;
	sqlite3_int64 ngoal;
	int yy, rc;
	unsigned mm, dd;

	memset(&g, 0, sizeof(g));
	g.db = db;
	rel_rng_stream(&g.r, seed, 5);
	g.today = rel_today();
	rel_civil_from_days(g.today, &yy, &mm, &dd);
	g.year = rel_days_from_civil(yy, 8, 24);
	if (g.today - g.year < YEAR_MIN_DAYS)
		g.year = rel_days_from_civil(yy - 1, 8, 24);
	/* The goals already written: their ids go on from there. */
	if ((rc = rel_db_int64(db, "SELECT coalesce(max(id), 0) FROM goal",
	    &ngoal, "reading goals", e)) != 0)
		goto out;
	g.ngoal = (long)ngoal;
	if ((rc = load_counselors(db, &couns, &ncouns, e)) != 0 ||
	    (rc = load_pupils(&g, couns, ncouns, &p, &n, e)) != 0)
		goto out;

	/* Tier 3 for the lowest 3 in 100, tier 2 for the next 10. */
	rank = rel_xcalloc(n > 0 ? n : 1, sizeof(*rank));
	for (i = 0; i < n; i++)
		rank[i] = &p[i];
	qsort(rank, n, sizeof(*rank), by_score);
	n3 = (n * 3 + 50) / 100;
	n2 = (n * 10 + 50) / 100;
	for (i = 0; i < n3 + n2 && i < n; i++)
		rank[i]->tier = i < n3 ? 3 : 2;

	for (i = 0; i < n && rc == 0; i++) {
		/* Nobody to set a goal with. */
		if (p[i].counselor[0] == '\0')
			continue;
		if ((rc = student_goals(&g, &p[i], e)) == 0 && p[i].tier > 0)
			rc = student_support(&g, &p[i], e);
	}
out:
	free(rank);
	free(p);
	free(couns);
	return rc;
}
