/*
 * family_sample.c: a school year of family contacts for the sample
 * school.
 *
 * About two families in three hear from school during the year, most of
 * them with good news: positive calls and texts home, some neutral
 * notices and invitations, and a minority of concerns, more of them for
 * the students with concern notes. Many contacts are in the family's home
 * language. The advisory lead, the class teachers and the counselor make
 * them; some come from home. A few concerns carry a follow-up, which a
 * later call often closes; the rest stay open, some of them overdue.
 *
 * It reads back the roster, the groups and the notes written before it,
 * in rowid order, draws from a stream of its own (part 4) and writes
 * every contact through the importer's write function. Names are put
 * together from parts at random; no one is meant to be a real person.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define PICK(r, a) ((a)[rel_rng_below((r), NELEM(a))])

#define YEAR_MIN_DAYS 30	/* as the sample's school year */
#define MAX_CONTACTS 12		/* per student, follow-backs included */
#define MAX_TEACHERS 8
#define ID_BYTES 65

struct relation {
	const char *name;
	char hint;		/* f, m or n (either) */
	int w;
};

static const struct relation relations[] = {
	{ "mother", 'f', 40 }, { "father", 'm', 25 }, { "grandmother", 'f', 8 },
	{ "guardian", 'n', 6 }, { "aunt", 'f', 5 }, { "stepfather", 'm', 3 },
	{ "grandfather", 'm', 3 }, { "uncle", 'm', 3 }, { "stepmother", 'f', 2 },
	{ "older sister", 'f', 2 }, { "foster parent", 'n', 2 },
	{ "older brother", 'm', 1 },
};

static const char *const given_f[] = {
	"Rosa", "Amina", "Mei-Lin", "Grace", "Fatuma", "Olena", "Thi Lan",
	"Marisol", "Ngozi", "Priya", "Hanna", "Leilani", "Sofía", "Yasmin",
	"Ana Paula", "Chiamaka", "Ingrid", "Lucía", "Mariam", "Noor",
	"Svetlana", "Hye-jin", "Tsion", "Maile",
};
static const char *const given_m[] = {
	"Carlos", "Ahmed", "Minh", "David", "Abdi", "Taras", "Jun",
	"Kwabena", "Ravi", "Tomás", "Hamza", "Mateus", "Joseph", "Emeka",
	"Luis", "Sione", "Yusuf", "André", "Dawit", "Seung-ho", "Pao",
	"Jean-Baptiste",
};
/* For the relatives who do not share the student's family name. */
static const char *const other_families[] = {
	"Alvarez", "Mwangi", "Bergström", "Nakashima", "Osei", "Kaya",
	"Fonseca", "Lindgren", "Haddad", "Petrenko", "Vang", "Tesfaye",
	"Moreno", "Okonkwo", "Delacroix", "Iyer",
};

enum tone { POSITIVE, NEUTRAL, CONCERN };
static const char *const tone_names[] = { "positive", "neutral", "concern" };

struct weighted {
	const char *s;
	int w;
};

/* The channels each tone tends to use, as weights. */
static const struct weighted channels_of[3][6] = {
	{ { "call", 40 }, { "text", 30 }, { "email", 15 }, { "letter", 5 },
	  { "event", 5 }, { "conference", 5 } },
	{ { "email", 25 }, { "text", 20 }, { "call", 20 },
	  { "conference", 15 }, { "workshop", 10 }, { "event", 10 } },
	{ { "call", 50 }, { "meeting", 25 }, { "email", 10 },
	  { "home_visit", 10 }, { "conference", 5 }, { "text", 0 } },
};

static const char *const positive_to[] = {
	"Called to share how well the science project presentation went",
	"Texted a photo of the finished mural; so proud of the work",
	"Shared that the essay revision showed real growth",
	"Called to say how kindly they welcomed a new classmate",
	"Let the family know about perfect attendance this month",
	"Shared the strong start in algebra since the tutoring began",
	"Called to celebrate the first goal of the season",
	"Sent a copy of the poem read aloud in class",
	"Thanked the family for the help with the canned food drive",
	"Shared the praise for leading the lab group so patiently",
};
static const char *const positive_from[] = {
	"Family called to thank the team for the extra reading help",
	"Parent wrote that advisory is talked about every evening",
	"Family texted a photo from the robotics competition",
	"Called to say the new schedule is working well at home",
};
static const char *const neutral_to[] = {
	"Confirmed the time for the fall conference",
	"Shared the schedule for family math night",
	"Reminder about the permission slip for the museum trip",
	"Sent the progress report and offered a time to talk",
	"Shared how to reach the counselor and the advisory lead",
};
static const char *const neutral_from[] = {
	"Family asked how to reach the bus office",
	"Parent asked which days the club meets",
	"Family wrote to update their phone number",
	"Parent asked for the reading list in their home language",
};
static const char *const gatherings[] = {
	"Came to the multilingual families workshop",
	"Met the family at the fall showcase",
	"Family came to college and career night",
	"Talked with the family at the winter concert",
	"Family joined the workshop on reading at home",
};
static const char *const concern_to[] = {
	"Talked about missing assignments in two classes; agreed on a "
	"weekly check-in",
	"Discussed several late arrivals this month; the family shared a "
	"change in work hours",
	"Shared a worry about quiet, withdrawn days in class; the family "
	"will talk at home",
	"Called about a conflict at lunch; agreed on a plan with the "
	"counselor",
	"Talked about a drop in grades since October; set up tutoring",
	"Discussed phone use in class; made a plan together",
};
static const char *const concern_from[] = {
	"Family called, worried about a friendship falling apart",
	"Parent wrote, concerned about the amount of homework",
	"Family called to say mornings before school have been anxious",
	"Called about trouble sleeping since the family moved",
};
static const char *const home_visits[] = {
	"Home visit: met the family and shared the student's strengths; "
	"talked about attendance",
	"Home visit with the counselor: listened to the family's worries "
	"and agreed on next steps",
};
static const char *const follow_backs[] = {
	"Called back as agreed: assignments are in, and the student is proud",
	"Follow-up call: attendance is steady this week; thanked the family",
	"Checked back in: the tutoring plan is working well",
	"Called back as agreed: things are calmer at home and at school",
};

/* The school days of the year so far, before today. */
struct year {
	int32_t *days;
	int ndays;
	int32_t today;
};

/* One contact being drawn. */
struct contact {
	int32_t date;
	enum tone tone;
	int from_home;
	int follow_back;	/* closes an earlier concern's follow-up */
};

static long
pick_weighted(struct rel_rng *r, const struct weighted *w, size_t n)
{
	long total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i].w;
	x = rel_rng_below(r, total);
	for (i = 0; i + 1 < n && x >= w[i].w; i++)
		x -= w[i].w;
	return (long)i;
}

static const struct relation *
pick_relation(struct rel_rng *r)
{
	long total = 0, x;
	size_t i;

	for (i = 0; i < NELEM(relations); i++)
		total += relations[i].w;
	x = rel_rng_below(r, total);
	for (i = 0; i + 1 < NELEM(relations) && x >= relations[i].w; i++)
		x -= relations[i].w;
	return &relations[i];
}

/* A relative's name: a given name that fits the relationship, and most
 * often the student's family name (without a suffix such as ", Jr."). */
static void
relative_name(struct rel_rng *r, const struct relation *rel,
    const char *family, char *buf, size_t n)
{
	char hint = rel->hint == 'n' ? (rel_rng_chance(r, 1, 2) ? 'f' : 'm') :
	    rel->hint;
	const char *given = hint == 'f' ? PICK(r, given_f) : PICK(r, given_m);
	size_t flen = strcspn(family, ",");

	if (family[0] == '\0' || rel_rng_chance(r, 3, 10)) {
		family = PICK(r, other_families);
		flen = strlen(family);
	}
	snprintf(buf, n, "%s %.*s", given, (int)flen, family);
}

static int
year_init(struct year *y)
{
	int32_t start, d;
	unsigned m, dd;
	int yy;

	y->today = rel_today();
	rel_civil_from_days(y->today, &yy, &m, &dd);
	start = rel_days_from_civil(yy, 8, 24);
	if (y->today - start < YEAR_MIN_DAYS)
		start = rel_days_from_civil(yy - 1, 8, 24);
	y->days = rel_xmalloc((size_t)(y->today - start + 1) * sizeof(int32_t));
	y->ndays = 0;
	for (d = start; d < y->today; d++)
		if (rel_weekday(d) < 5)
			y->days[y->ndays++] = d;
	return y->ndays;
}

static int
cmp_contact(const void *a, const void *b)
{
	const struct contact *x = a, *y = b;

	return (x->date > y->date) - (x->date < y->date);
}

/* What a student's contacts need from the roster. */
struct pupil {
	char id[ID_BYTES];
	char family[128];
	char language[64];
	char lead[ID_BYTES];		/* advisory lead, or "" */
	char counselor[ID_BYTES];
	char teachers[MAX_TEACHERS][ID_BYTES];
	int nteachers;
	int concerns;			/* concern notes */
};

static void
copy_col(sqlite3_stmt *st, int i, char *buf, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	rel_strlcpy(buf, t != NULL ? (const char *)t : "", n);
}

/* The class teachers of a student (one who teaches them twice counts
 * twice). */
static int
load_teachers(struct rel_db *db, sqlite3_int64 sid, struct pupil *p,
    struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT a.adult_id FROM member m "
	    "JOIN grp g ON g.id = m.grp JOIN adult a ON a.id = g.lead_adult "
	    "WHERE m.student = ?1 AND m.active = 1 AND g.active = 1 "
	    "AND g.kind = 'class' AND a.active = 1", &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, sid);
	p->nteachers = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (p->nteachers < MAX_TEACHERS)
			copy_col(st, 0, p->teachers[p->nteachers++], ID_BYTES);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc,
	    "reading the sample's classes", e);
}

/* Who makes a contact of this tone: the advisory lead, a class teacher
 * or the counselor, with concerns mostly the counselor's. */
static const char *
author(struct rel_rng *r, const struct pupil *p, enum tone t)
{
	static const int lead_pct[] = { 45, 40, 30 };
	static const int teacher_pct[] = { 40, 35, 20 };
	long x = rel_rng_below(r, 100);

	if (x < lead_pct[t] && p->lead[0] != '\0')
		return p->lead;
	if (x < lead_pct[t] + teacher_pct[t] && p->nteachers > 0)
		return p->teachers[rel_rng_below(r, p->nteachers)];
	return p->counselor[0] != '\0' ? p->counselor : p->lead;
}

/* A workshop or an event: the school gathers families. */
static int
gathering(const char *channel)
{
	return strcmp(channel, "event") == 0 ||
	    strcmp(channel, "workshop") == 0;
}

static const char *
summary(struct rel_rng *r, const char *channel, const struct contact *c)
{
	if (c->follow_back)
		return PICK(r, follow_backs);
	if (gathering(channel))
		return PICK(r, gatherings);
	if (strcmp(channel, "home_visit") == 0)
		return PICK(r, home_visits);
	switch (c->tone) {
	case POSITIVE:
		return c->from_home ? PICK(r, positive_from) :
		    PICK(r, positive_to);
	case NEUTRAL:
		return c->from_home ? PICK(r, neutral_from) :
		    PICK(r, neutral_to);
	default:
		return c->from_home ? PICK(r, concern_from) :
		    PICK(r, concern_to);
	}
}

/* The minute of the day a contact on this channel is likely made. */
static int
minute_of(struct rel_rng *r, const char *channel)
{
	if (gathering(channel))
		return 17 * 60 + 30 + (int)rel_rng_below(r, 120);
	if (strcmp(channel, "conference") == 0 ||
	    strcmp(channel, "home_visit") == 0)
		return 15 * 60 + (int)rel_rng_below(r, 180);
	return 7 * 60 + 30 + (int)rel_rng_below(r, 10 * 60 + 30);
}

/* Write one contact through the importer's write function. */
static int
put(struct rel_db *db, const char *const *v, struct rel_err *e)
{
	const struct rel_import_kind *k = rel_family_kind();
	size_t len[12], i;
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
	return k->write(db, &rec, &out, e);
}

/* A student's contacts over the year. */
static int
student_contacts(struct rel_db *db, struct rel_rng *r, const struct year *y,
    const struct pupil *p, struct rel_err *e)
{
	static const int tone_pct[2][2] = { { 65, 25 }, { 40, 22 } };
	struct contact c[MAX_CONTACTS];
	const struct relation *rel[2];
	char name[2][160], at[REL_DATETIME_LEN], follow[REL_DATE_LEN];
	const char *v[12], *channel;
	int n, k, j, w, rc, worried = p->concerns > 0;
	long x;

	/* Who the school talks with: mostly one relative, sometimes a
	 * second. */
	rel[0] = pick_relation(r);
	for (k = 0; k < 4 && (k == 0 || rel[1] == rel[0]); k++)
		rel[1] = pick_relation(r);
	relative_name(r, rel[0], p->family, name[0], sizeof(name[0]));
	relative_name(r, rel[1], p->family, name[1], sizeof(name[1]));

	memset(c, 0, sizeof(c));
	n = 1 + (int)rel_rng_below(r, 4) + (worried ? 1 + (int)
	    rel_rng_below(r, 2) : 0);
	for (k = 0; k < n; k++) {
		c[k].date = y->days[rel_rng_below(r, y->ndays)];
		x = rel_rng_below(r, 100);
		c[k].tone = x < tone_pct[worried][0] ? POSITIVE :
		    x < tone_pct[worried][0] + tone_pct[worried][1] ? NEUTRAL :
		    CONCERN;
		c[k].from_home = rel_rng_chance(r, 1, 5);
		c[k].follow_back = 0;
	}
	qsort(c, (size_t)n, sizeof(c[0]), cmp_contact);

	for (k = 0; k < n; k++) {
		const struct contact *ck = &c[k];
		int32_t fday = 0;

		w = ck->follow_back ? 0 : rel_rng_chance(r, 1, 5);
		channel = ck->follow_back ? "call" : channels_of[ck->tone]
		    [pick_weighted(r, channels_of[ck->tone], 6)].s;
		/* A family calls, texts or writes; the rest the school
		 * arranges. */
		if (ck->from_home && strcmp(channel, "call") != 0 &&
		    strcmp(channel, "text") != 0 && strcmp(channel, "email") != 0)
			c[k].from_home = 0;
		rel_datetime_format((int64_t)ck->date * 86400 +
		    (int64_t)minute_of(r, channel) * 60, at);
		v[0] = p->id;
		v[1] = at;
		v[2] = author(r, p, ck->tone);
		v[3] = channel;
		v[4] = ck->from_home ? "from_home" : "to_home";
		v[5] = tone_names[ck->tone];
		v[6] = name[w];
		v[7] = rel[w]->name;
		v[8] = p->language[0] != '\0' && strcmp(p->language,
		    "English") != 0 && rel_rng_chance(r, 3, 4) ? p->language :
		    "English";
		v[9] = summary(r, channel, ck);
		v[10] = NULL;
		v[11] = NULL;
		/* Good news is often shared with the student's team. */
		if (ck->tone != CONCERN && rel_rng_chance(r, 1, 3))
			v[11] = rel_rng_chance(r, 1, 8) ? "staff" : "team";
		/* Most concerns, and a few other contacts, set a date to
		 * check back; often the school does, on that day. */
		if ((ck->tone == CONCERN && rel_rng_chance(r, 3, 4)) ||
		    (ck->tone != CONCERN && !ck->follow_back &&
		    !gathering(channel) && rel_rng_chance(r, 1, 8))) {
			fday = ck->date + 3 + (int32_t)rel_rng_below(r, 12);
			rel_date_format(fday, follow);
			v[10] = follow;
		}
		if ((rc = put(db, v, e)) != 0)
			return rc;
		if (fday == 0 || ck->tone != CONCERN || n == MAX_CONTACTS ||
		    !rel_rng_chance(r, 1, 2))
			continue;
		/* The check-back: on the follow-up day or the next school
		 * day after it, if that has come. */
		while (rel_weekday(fday) >= 5)
			fday++;
		if (fday >= y->today)
			continue;
		/* Later contacts keep their order: the check-back goes in
		 * its place among them. */
		for (j = n; j > k + 1 && c[j - 1].date > fday; j--)
			c[j] = c[j - 1];
		c[j].date = fday;
		c[j].tone = rel_rng_chance(r, 2, 3) ? POSITIVE : NEUTRAL;
		c[j].from_home = 0;
		c[j].follow_back = 1;
		n++;
	}
	return 0;
}

/* No statement here sorts: a sort per student would cost more than the
 * rest. Among several groups or counselors the first by rowid is taken,
 * and a student's teachers come in the order of their memberships. */
static const char sql_pupils[] =
    "SELECT x.id, x.student_id, x.family_name, x.home_language, x.adv, "
    "a.adult_id, c.adult_id, x.concerns FROM (SELECT s.id, s.student_id, "
    " s.family_name, s.home_language, "
    " (SELECT min(g.id) FROM member m JOIN grp g ON g.id = m.grp "
    "  WHERE m.student = s.id AND m.active = 1 AND g.active = 1 "
    "  AND g.kind = 'advisory') AS adv, "
    " (SELECT min(k.adult) FROM connection k JOIN adult ka "
    "  ON ka.id = k.adult WHERE k.student = s.id "
    "  AND ka.role = 'counselor' AND ka.active = 1) AS couns, "
    " (SELECT count(*) FROM note n WHERE n.student = s.id "
    "  AND n.kind = 'concern') AS concerns "
    " FROM student s WHERE s.active = 1) x "
    "LEFT JOIN grp g ON g.id = x.adv "
    "LEFT JOIN adult a ON a.id = g.lead_adult AND a.active = 1 "
    "LEFT JOIN adult c ON c.id = x.couns "
    "ORDER BY x.id";

int
rel_family_sample(struct rel_db *db, unsigned long seed, struct rel_err *e)
{
	char (*couns)[ID_BYTES] = NULL;
	struct rel_rng r;
	struct year y;
	struct pupil p;
	sqlite3_stmt *st;
	size_t ncouns = 0, cap = 0;
	int rc, step = SQLITE_DONE;

	rel_rng_stream(&r, seed, 4);
	if (year_init(&y) == 0) {
		free(y.days);
		return 0;
	}
	/* The counselors, each with the advisories of their caseload. */
	if ((rc = rel_db_stmt(db, "SELECT adult_id FROM adult "
	    "WHERE role = 'counselor' AND active = 1 ORDER BY id", &st,
	    e)) != 0)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ncouns == cap) {
			cap = cap ? 2 * cap : 8;
			couns = rel_xrealloc(couns, cap * sizeof(*couns));
		}
		copy_col(st, 0, couns[ncouns++], ID_BYTES);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = rel_db_fail(db, rc, "reading the sample's counselors", e);
		goto out;
	}

	if ((rc = rel_db_stmt(db, sql_pupils, &st, e)) != 0)
		goto out;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 sid = sqlite3_column_int64(st, 0);

		memset(&p, 0, sizeof(p));
		p.concerns = sqlite3_column_int(st, 7);
		/* Two families in three hear from school; nearly all of
		 * those whose child worries an adult. */
		if (!rel_rng_chance(&r, p.concerns > 0 ? 9 : 6, 10))
			continue;
		copy_col(st, 1, p.id, sizeof(p.id));
		copy_col(st, 2, p.family, sizeof(p.family));
		copy_col(st, 3, p.language, sizeof(p.language));
		copy_col(st, 5, p.lead, sizeof(p.lead));
		copy_col(st, 6, p.counselor, sizeof(p.counselor));
		if (p.counselor[0] == '\0' && ncouns > 0)
			rel_strlcpy(p.counselor, couns[(size_t)
			    sqlite3_column_int64(st, 4) % ncouns],
			    sizeof(p.counselor));
		if ((rc = load_teachers(db, sid, &p, e)) == 0 &&
		    (p.lead[0] != '\0' || p.counselor[0] != '\0' ||
		    p.nteachers > 0))
			rc = student_contacts(db, &r, &y, &p, e);
	}
	sqlite3_reset(st);
	if (rc == 0 && step != SQLITE_DONE)
		rc = rel_db_fail(db, step, "reading the sample's students", e);
out:
	free(couns);
	free(y.days);
	return rc;
}
