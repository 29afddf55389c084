/*
 * sample.c: a reproducible fictional school.
 *
 * Every choice comes from one splitmix64 stream seeded with the seed alone,
 * drawn in a fixed order, so the same (n, seed) gives the same records on
 * any machine. Records go through rel_roster_write like any import, in one
 * transaction: adults, students, groups, then memberships. Only small
 * arrays (a grade per student, a grade and a period per class) are kept.
 *
 * The names are common given and family names from many languages, put
 * together at random; no combination is meant to be a real person.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define NMAX 1000000L
#define NGRADES 4		/* grades 9 to 12 */
#define MAXCLASSES 6		/* classes per student */
#define NPERIODS 7

struct rng {
	uint64_t s;
};

/* splitmix64 (Steele, Lea and Flood): tiny, and fully specified. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* 0..n-1 (n > 0). The modulo bias is below 2^-40 for every n used here. */
static long
rng_below(struct rng *r, long n)
{
	return (long)(rng_next(r) % (uint64_t)n);
}

/* Does an event of probability num/den happen? */
static int
rng_chance(struct rng *r, long num, long den)
{
	return rng_below(r, den) < num;
}

/* Given names: a short form (for preferred_name) and a hint that picks
 * likely pronouns: f, m, or n (either). */
struct given {
	const char *name, *short_form;
	char hint;
};

static const struct given givens[] = {
	{ "Zoë", NULL, 'f' }, { "José", "Pepe", 'm' },
	{ "Thandiwe", "Thandi", 'f' }, { "Søren", NULL, 'm' },
	{ "Oluwaseun", "Seun", 'n' }, { "Aarav", NULL, 'm' },
	{ "Mei", NULL, 'f' }, { "Siobhán", NULL, 'f' },
	{ "Ngozi", NULL, 'f' }, { "Łukasz", NULL, 'm' },
	{ "Chloé", NULL, 'f' }, { "Dũng", NULL, 'm' },
	{ "Ayşe", NULL, 'f' }, { "Mateo", "Teo", 'm' },
	{ "Amara", NULL, 'f' }, { "Kwame", NULL, 'm' },
	{ "Priya", NULL, 'f' }, { "Tariq", NULL, 'm' },
	{ "Fatima", "Tima", 'f' }, { "Sofía", "Sofi", 'f' },
	{ "Ximena", "Xime", 'f' }, { "Yusuf", NULL, 'm' },
	{ "Hana", NULL, 'f' }, { "Kenji", NULL, 'm' },
	{ "Leilani", "Lani", 'f' }, { "Nikolai", "Kolya", 'm' },
	{ "Anaïs", NULL, 'f' }, { "Rohan", NULL, 'm' },
	{ "Alejandro", "Alex", 'm' }, { "Alexandra", "Sasha", 'f' },
	{ "Wren", NULL, 'n' }, { "River", NULL, 'n' },
	{ "Sage", NULL, 'n' }, { "Jamie", NULL, 'n' },
	{ "Riley", NULL, 'n' }, { "Kai", NULL, 'n' },
	{ "Noa", NULL, 'n' }, { "Chidera", "Chi", 'n' },
	{ "Oksana", NULL, 'f' }, { "Bohdan", NULL, 'm' },
	{ "Mariam", NULL, 'f' }, { "Abdirahman", "Abdi", 'm' },
	{ "Hodan", NULL, 'f' }, { "Tigist", NULL, 'f' },
	{ "Dawit", NULL, 'm' }, { "Jean-Baptiste", "JB", 'm' },
	{ "Marie-Claire", "Claire", 'f' }, { "Ioana", NULL, 'f' },
	{ "Mihai", NULL, 'm' }, { "Guadalupe", "Lupe", 'f' },
	{ "Joaquín", "Quino", 'm' }, { "Thảo", NULL, 'f' },
	{ "Minh", NULL, 'n' }, { "Huy", NULL, 'm' },
	{ "Liên", NULL, 'f' }, { "Jiayi", NULL, 'f' },
	{ "Haoran", NULL, 'm' }, { "Seo-yeon", NULL, 'f' },
	{ "Min-jun", NULL, 'm' }, { "Aroha", NULL, 'f' },
	{ "Tāne", NULL, 'm' }, { "Malia", NULL, 'f' },
	{ "Emeka", NULL, 'm' }, { "Zainab", NULL, 'f' },
	{ "Omar", NULL, 'm' }, { "Layla", NULL, 'f' },
	{ "Elijah", "Eli", 'm' }, { "Benjamin", "Ben", 'm' },
	{ "Margaret", "Maggie", 'f' }, { "Katherine", "Kate", 'f' },
	{ "Theodore", "Teddy", 'm' }, { "Isabella", "Bella", 'f' },
	{ "Gabriel", "Gabe", 'm' }, { "Nathaniel", "Nate", 'm' },
	{ "Josephine", "Josie", 'f' }, { "Dmitri", "Dima", 'm' },
	{ "Ekaterina", "Katya", 'f' }, { "Francesca", "Frankie", 'f' },
	{ "Åsa", NULL, 'f' }, { "Eoin", NULL, 'm' },
	{ "Niamh", NULL, 'f' }, { "Tadhg", NULL, 'm' },
	{ "Maëlys", NULL, 'f' }, { "François", NULL, 'm' },
	{ "Ayodele", "Dele", 'n' }, { "Sipho", NULL, 'm' },
	{ "Nomvula", "Vula", 'f' }, { "Arjun", NULL, 'm' },
	{ "Ananya", NULL, 'f' }, { "Emre", NULL, 'm' },
	{ "Rafael", "Rafa", 'm' }, { "Inês", NULL, 'f' },
	{ "João", NULL, 'm' }, { "Zeynep", NULL, 'f' },
};

/* Preferred names for given names without a usual short form. */
static const char *const nicknames[] = {
	"Jo", "Sunny", "Bea", "Kiki", "Nico", "Lu", "Ace", "Dee", "Pip",
	"Ray", "Tia", "Bo"
};

static const char *const families[] = {
	"Nguyễn", "Müller-Okafor", "García-López", "Smith-Nakamura",
	"O'Connor", "D'Angelo", "N'Diaye", "Björk", "Çelik", "Ñuñez", "李",
	"Ōta", "Okafor", "Mensah", "Adeyemi", "Haile", "Tesfaye", "Warsame",
	"Farah", "Haddad", "Al-Sayed", "Khalil", "Kowalski", "Wiśniewska",
	"Nowak", "Kovalenko", "Petrov", "Popescu", "Papadopoulos", "Rossi",
	"Esposito", "Dubois", "Lefèvre", "Moreau", "Fernández", "Hernández",
	"Ramírez", "Gutiérrez", "Peña", "dos Santos", "Gonçalves", "Araújo",
	"Trần", "Lê", "Phạm", "Wang", "Chen", "Zhang", "Kim", "Park", "Choi",
	"Tanaka", "Yamamoto", "Saitō", "Sharma", "Patel", "Iyer", "Reddy",
	"Reyes", "Bautista", "dela Cruz", "Kealoha", "Parata", "Jensen",
	"Søndergaard", "Lindqvist", "Ó Briain", "MacLeod", "Murphy",
	"Schmidt", "Novák", "Yılmaz", "Öztürk", "Begay", "Yazzie", "Cohen",
	"Friedman", "Robinson", "Thompson", "Baptiste", "Toussaint",
	"St. Louis", "King", "Walker", "Hill", "Zhou-Martínez",
};

/* About 1 in 40 family names carries a generational suffix. */
static const char *const suffixes[] = { ", Jr.", ", II", ", III", ", IV" };

/* Pronouns by hint, with repeats as weights. */
static const char *const pronouns_f[] = { "she/her", "she/her", "she/her",
	"she/her", "she/her", "she/her", "she/they", "they/them" };
static const char *const pronouns_m[] = { "he/him", "he/him", "he/him",
	"he/him", "he/him", "he/him", "he/they", "they/them" };
static const char *const pronouns_n[] = { "she/her", "he/him", "they/them",
	"she/they", "he/they" };

struct weighted {
	const char *s;
	int w;
};

static const struct weighted languages[] = {
	{ "English", 620 }, { "Spanish", 170 }, { "Vietnamese", 35 },
	{ "Arabic", 30 }, { "Somali", 25 }, { "Tagalog", 20 },
	{ "Mandarin", 20 }, { "Haitian Creole", 15 }, { "Portuguese", 15 },
	{ "Amharic", 12 }, { "Ukrainian", 12 }, { "Korean", 8 },
	{ "Hmong", 8 }, { "Russian", 5 }, { "Cantonese", 5 },
};

/* A course and the grade it is meant for (0: any grade). */
struct course {
	const char *name;
	int grade;
};

static const struct course courses[] = {
	{ "Algebra I", 9 }, { "English 9", 9 }, { "Biology", 9 },
	{ "Ethnic Studies", 9 }, { "Geometry", 10 }, { "English 10", 10 },
	{ "Chemistry", 10 }, { "World History", 10 }, { "Algebra II", 11 },
	{ "English 11", 11 }, { "Physics", 11 }, { "U.S. History", 11 },
	{ "Precalculus", 12 }, { "English 12", 12 }, { "Government", 12 },
	{ "Economics", 12 }, { "Spanish I", 0 }, { "French II", 0 },
	{ "Art Studio", 0 }, { "Concert Band", 0 }, { "Computer Science", 0 },
	{ "Physical Education", 0 }, { "Chinese I", 0 }, { "Statistics", 0 },
};

/* Clubs and teams; sport teams are led by a coach. */
struct club {
	const char *name, *kind;
	int sport;
};

static const struct club clubs[] = {
	{ "Robotics Club", "club", 0 }, { "Soccer", "team", 1 },
	{ "Debate Team", "team", 0 }, { "Gardening Club", "club", 0 },
	{ "Chess Club", "club", 0 }, { "Basketball", "team", 1 },
	{ "Drama Club", "club", 0 }, { "Cross Country", "team", 1 },
	{ "Jazz Band", "club", 0 }, { "Model UN", "club", 0 },
	{ "Volleyball", "team", 1 }, { "Coding Club", "club", 0 },
	{ "Yearbook", "club", 0 }, { "Math Team", "team", 0 },
	{ "Track and Field", "team", 1 }, { "Student Council", "club", 0 },
	{ "Environmental Club", "club", 0 }, { "Choir", "club", 0 },
	{ "Swim Team", "team", 1 }, { "Photography Club", "club", 0 },
	{ "Book Club", "club", 0 }, { "Mural Project", "club", 0 },
};

/* Adults are numbered A001.. in this order of roles. */
enum role { COUNSELOR, ADMIN, COACH, ADVISOR, STAFF, TEACHER, NROLES };

static const char *const role_names[NROLES] = { "counselor", "admin",
	"coach", "advisor", "staff", "teacher" };

struct school {
	struct rel_db *db;
	struct rng r;
	long n;				/* students */
	long nadult, first[NROLES], count[NROLES];
	unsigned char *grade;		/* per student: 0..3 for 9..12 */
	long ngrade[NGRADES];		/* students per grade */
	long advbase[NGRADES];		/* first advisory of each grade */
	long nadvg[NGRADES];		/* advisories of each grade */
	long nadv;
	long nclass, capclass;
	unsigned char *cgrade;		/* per class: 0..3 */
	unsigned char *cperiod;		/* per class: 1..7 */
	long *byg[NGRADES];		/* classes of each grade */
	long nbyg[NGRADES];
	long nclub;
};

/* Write one record of kind k from n values (NULL: absent). */
static int
put(struct school *s, enum rel_roster_kind k, const char *const *v,
    size_t n, struct rel_err *e)
{
	size_t len[8], i;
	struct rel_rec rec;
	enum rel_outcome out;

	for (i = 0; i < n; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	rec.n = n;
	rec.v = v;
	rec.len = len;
	rec.file = "sample";
	rec.line = 0;
	return rel_roster_write(s->db, k, &rec, REL_INSERT, &out, e);
}

static const char *
pick_weighted(struct rng *r, const struct weighted *w, size_t n)
{
	long total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i].w;
	x = rng_below(r, total);
	for (i = 0; i + 1 < n && x >= w[i].w; i++)
		x -= w[i].w;
	return w[i].s;
}

/* A random name: the given name's entry and the family name in fam. */
static const struct given *
pick_name(struct rng *r, char *fam, size_t n)
{
	const struct given *g = &givens[rng_below(r, NELEM(givens))];
	const char *f = families[rng_below(r, NELEM(families))];
	const char *suf = "";

	/* Generational suffixes go with m names: 1 in 20 of those is about
	 * 1 in 40 overall. */
	if (g->hint == 'm' && rng_chance(r, 1, 20))
		suf = suffixes[rng_below(r, NELEM(suffixes))];
	snprintf(fam, n, "%s%s", f, suf);
	return g;
}

static long
maxl(long a, long b)
{
	return a > b ? a : b;
}

/* The adult number (0-based) of the i-th adult of a role, cycling. */
static long
adult_of(const struct school *s, enum role role, long i)
{
	return s->first[role] + i % s->count[role];
}

static void
adult_id(long a, char *buf, size_t n)
{
	snprintf(buf, n, "A%03ld", a + 1);
}

static int
write_adults(struct school *s, struct rel_err *e)
{
	char id[32], fam[96], email[48], login[32];
	const char *v[7];
	long a, k;
	int rc, role, i;

	s->nadult = maxl(6, (s->n + 6) / 12);
	s->count[COUNSELOR] = maxl(1, s->n / 250);
	s->count[ADMIN] = maxl(1, s->n / 600);
	s->count[COACH] = maxl(1, s->n / 200);
	s->count[ADVISOR] = s->nadult / 10;
	s->count[STAFF] = s->nadult / 20;
	k = 0;
	for (i = 0; i < TEACHER; i++)
		k += s->count[i];
	/* Teachers are the rest; at least 3, so that there are always more
	 * classes than any student takes. */
	s->count[TEACHER] = maxl(3, s->nadult - k);
	s->nadult = k + s->count[TEACHER];
	k = 0;
	for (i = 0; i < NROLES; i++) {
		s->first[i] = k;
		k += s->count[i];
	}

	role = 0;
	for (a = 0; a < s->nadult; a++) {
		const struct given *g;

		while (a >= s->first[role] + s->count[role])
			role++;
		g = pick_name(&s->r, fam, sizeof(fam));
		adult_id(a, id, sizeof(id));
		snprintf(login, sizeof(login), "a%03ld", a + 1);
		snprintf(email, sizeof(email), "%s@school.example", login);
		v[0] = id;
		v[1] = g->name;
		v[2] = fam;
		v[3] = email;
		v[4] = role_names[role];
		v[5] = login;
		v[6] = "1";
		if ((rc = put(s, REL_ADULT, v, 7, e)) != 0)
			return rc;
	}
	return 0;
}

static int
write_students(struct school *s, struct rel_err *e)
{
	char id[32], fam[96], grade[4];
	const char *v[8];
	long i;
	int rc;

	for (i = 0; i < s->n; i++) {
		const struct given *g;
		const char *pref = NULL, *pron = NULL;
		int gr = (int)rng_below(&s->r, NGRADES);

		s->grade[i] = (unsigned char)gr;
		s->ngrade[gr]++;
		g = pick_name(&s->r, fam, sizeof(fam));
		if (rng_chance(&s->r, 15, 100)) {
			pref = g->short_form;
			while (pref == NULL || strcmp(pref, g->name) == 0)
				pref = nicknames[rng_below(&s->r,
				    NELEM(nicknames))];
		}
		if (rng_chance(&s->r, 40, 100)) {
			if (g->hint == 'f')
				pron = pronouns_f[rng_below(&s->r,
				    NELEM(pronouns_f))];
			else if (g->hint == 'm')
				pron = pronouns_m[rng_below(&s->r,
				    NELEM(pronouns_m))];
			else
				pron = pronouns_n[rng_below(&s->r,
				    NELEM(pronouns_n))];
		}
		snprintf(id, sizeof(id), "S%04ld", i + 1);
		snprintf(grade, sizeof(grade), "%d", 9 + gr);
		v[0] = id;
		v[1] = g->name;
		v[2] = fam;
		v[3] = pref;
		v[4] = pron;
		v[5] = grade;
		v[6] = pick_weighted(&s->r, languages, NELEM(languages));
		v[7] = "1";
		if ((rc = put(s, REL_STUDENT, v, 8, e)) != 0)
			return rc;
	}
	return 0;
}

static int
put_group(struct school *s, const char *id, const char *name,
    const char *kind, long lead, struct rel_err *e)
{
	char lid[32];
	const char *v[5];

	adult_id(lead, lid, sizeof(lid));
	v[0] = id;
	v[1] = name;
	v[2] = kind;
	v[3] = lid;
	v[4] = "1";
	return put(s, REL_GROUP, v, 5, e);
}

/* Advisories are by grade, about 18 students each, led by advisors and
 * then teachers. */
static int
write_advisories(struct school *s, struct rel_err *e)
{
	char id[32], name[64];
	long a, lead, pool;
	int g, rc;

	s->nadv = 0;
	for (g = 0; g < NGRADES; g++) {
		s->advbase[g] = s->nadv;
		s->nadvg[g] = (s->ngrade[g] + 17) / 18;
		s->nadv += s->nadvg[g];
	}
	pool = s->count[ADVISOR] + s->count[TEACHER];
	for (a = 0; a < s->nadv; a++) {
		long k = a % pool;

		lead = k < s->count[ADVISOR] ? s->first[ADVISOR] + k :
		    s->first[TEACHER] + k - s->count[ADVISOR];
		snprintf(id, sizeof(id), "ADV-%02ld", a + 1);
		snprintf(name, sizeof(name), "Advisory %02ld (Room %ld)", a + 1,
		    100 * (1 + rng_below(&s->r, 3)) + 1 + rng_below(&s->r, 40));
		if ((rc = put_group(s, id, name, "advisory", lead, e)) != 0)
			return rc;
	}
	return 0;
}

/* Each teacher teaches one course in 3 to 5 periods. */
static int
write_classes(struct school *s, struct rel_err *e)
{
	char id[32], name[96];
	long t, c;
	int rc, g, i;

	s->capclass = s->count[TEACHER] * 5;
	s->cgrade = rel_xmalloc((size_t)s->capclass);
	s->cperiod = rel_xmalloc((size_t)s->capclass);
	for (g = 0; g < NGRADES; g++) {
		s->byg[g] = rel_xmalloc((size_t)s->capclass * sizeof(long));
		s->nbyg[g] = 0;
	}
	s->nclass = 0;
	for (t = 0; t < s->count[TEACHER]; t++) {
		const struct course *co = &courses[rng_below(&s->r,
		    NELEM(courses))];
		int periods[NPERIODS], k = 3 + (int)rng_below(&s->r, 3);

		for (i = 0; i < NPERIODS; i++)
			periods[i] = i + 1;
		for (i = 0; i < k; i++) {
			int j = i + (int)rng_below(&s->r, NPERIODS - i);
			int tmp = periods[i];

			periods[i] = periods[j];
			periods[j] = tmp;
		}
		for (i = 0; i < k; i++) {
			c = s->nclass++;
			g = co->grade ? co->grade - 9 :
			    (int)rng_below(&s->r, NGRADES);
			s->cgrade[c] = (unsigned char)g;
			s->cperiod[c] = (unsigned char)periods[i];
			s->byg[g][s->nbyg[g]++] = c;
			snprintf(id, sizeof(id), "C-%03ld", c + 1);
			/* An em dash, as schedules print it. */
			snprintf(name, sizeof(name), "%s \xe2\x80\x94 period %d",
			    co->name, periods[i]);
			if ((rc = put_group(s, id, name, "class",
			    s->first[TEACHER] + t, e)) != 0)
				return rc;
		}
	}
	return 0;
}

static int
write_clubs(struct school *s, struct rel_err *e)
{
	char id[32], name[96];
	long c, round, lead, nsport = 0, nother = 0, pool;
	int rc;

	s->nclub = maxl(1, (s->n + 30) / 60);
	pool = s->count[TEACHER] + s->count[ADVISOR] + s->count[STAFF];
	for (c = 0; c < s->nclub; c++) {
		const struct club *cl = &clubs[c % (long)NELEM(clubs)];

		round = c / (long)NELEM(clubs);
		if (cl->sport)
			lead = adult_of(s, COACH, nsport++);
		else {
			/* Teachers, advisors and staff, in turn from the
			 * last adult back, to spread the load. */
			lead = s->nadult - 1 - nother++ % pool;
		}
		snprintf(id, sizeof(id), "CLUB-%02ld", c + 1);
		if (round == 0)
			snprintf(name, sizeof(name), "%s", cl->name);
		else
			snprintf(name, sizeof(name), "%s %ld", cl->name,
			    round + 1);
		if ((rc = put_group(s, id, name, cl->kind, lead, e)) != 0)
			return rc;
	}
	return 0;
}

static int
put_member(struct school *s, const char *gid, const char *sid,
    const char *aid, struct rel_err *e)
{
	const char *v[4];

	v[0] = gid;
	v[1] = sid;
	v[2] = aid;
	v[3] = "1";
	return put(s, REL_MEMBER, v, 4, e);
}

/* k distinct classes for a student of grade g, in different periods while
 * that is easy to find. */
static void
pick_classes(struct school *s, int g, long *out, int k)
{
	const long *pool = s->byg[g];
	long npool = s->nbyg[g], c;
	int n = 0, tries = 0, i, clash;

	if (npool < k * 2) {
		/* Too few classes of this grade (a tiny school): any class. */
		pool = NULL;
		npool = s->nclass;
	}
	while (n < k) {
		c = rng_below(&s->r, npool);
		if (pool != NULL)
			c = pool[c];
		clash = 0;
		for (i = 0; i < n; i++) {
			if (out[i] == c)
				break;
			if (s->cperiod[out[i]] == s->cperiod[c])
				clash = 1;
		}
		if (i < n || (clash && ++tries < 64))
			continue;
		out[n++] = c;
	}
}

static int
write_members(struct school *s, struct rel_err *e)
{
	char sid[32], gid[32], aid[32];
	long seen[NGRADES] = { 0 }, cls[MAXCLASSES], i, a, c, first = 0;
	int g, k, j, rc;

	for (i = 0; i < s->n; i++) {
		g = s->grade[i];
		snprintf(sid, sizeof(sid), "S%04ld", i + 1);
		a = s->advbase[g] + seen[g]++ % s->nadvg[g];
		snprintf(gid, sizeof(gid), "ADV-%02ld", a + 1);
		if ((rc = put_member(s, gid, sid, NULL, e)) != 0)
			return rc;
		k = 4 + (int)rng_below(&s->r, 3);
		pick_classes(s, g, cls, k);
		for (j = 0; j < k; j++) {
			snprintf(gid, sizeof(gid), "C-%03ld", cls[j] + 1);
			if ((rc = put_member(s, gid, sid, NULL, e)) != 0)
				return rc;
		}
		if (!rng_chance(&s->r, 40, 100))
			continue;
		k = s->nclub > 1 && rng_chance(&s->r, 35, 100) ? 2 : 1;
		for (j = 0; j < k; j++) {
			c = rng_below(&s->r, s->nclub);
			if (j == 1 && c == first)
				c = (c + 1) % s->nclub;
			first = c;
			snprintf(gid, sizeof(gid), "CLUB-%02ld", c + 1);
			if ((rc = put_member(s, gid, sid, NULL, e)) != 0)
				return rc;
		}
	}

	/* Counselors sit in on a third of the advisories, and some clubs
	 * have a second sponsor. */
	for (a = 0; a < s->nadv; a++) {
		if (!rng_chance(&s->r, 1, 3))
			continue;
		snprintf(gid, sizeof(gid), "ADV-%02ld", a + 1);
		adult_id(adult_of(s, COUNSELOR, a), aid, sizeof(aid));
		if ((rc = put_member(s, gid, NULL, aid, e)) != 0)
			return rc;
	}
	for (c = 0; c < s->nclub; c++) {
		if (!rng_chance(&s->r, 1, 4))
			continue;
		snprintf(gid, sizeof(gid), "CLUB-%02ld", c + 1);
		adult_id(adult_of(s, TEACHER, rng_below(&s->r,
		    s->count[TEACHER])), aid, sizeof(aid));
		if ((rc = put_member(s, gid, NULL, aid, e)) != 0)
			return rc;
	}
	return 0;
}

/* 0 when the roster tables are empty. */
static int
check_empty(struct rel_db *db, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc, any;

	if ((rc = rel_db_stmt(db, "SELECT EXISTS (SELECT 1 FROM student) OR "
	    "EXISTS (SELECT 1 FROM adult) OR EXISTS (SELECT 1 FROM grp)", &st,
	    e)) != 0)
		return rc;
	rc = sqlite3_step(st);
	any = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rel_db_fail(db, rc, "reading the roster", e);
	if (any)
		return rel_err_set(e, REL_EDATA, "the database already holds "
		    "students, adults or groups; a sample needs an empty one");
	return 0;
}

int
rel_sample_fill(struct rel_db *db, long n, unsigned long seed,
    struct rel_err *e)
{
	struct school s;
	char val[64];
	int rc, g;

	if (n < 1 || n > NMAX)
		return rel_err_set(e, REL_EUSAGE, "the number of students must "
		    "be between 1 and %ld, not %ld", NMAX, n);
	memset(&s, 0, sizeof(s));
	s.db = db;
	s.n = n;
	s.r.s = (uint64_t)seed;
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	s.grade = rel_xmalloc((size_t)n);
	if ((rc = check_empty(db, e)) == 0 &&
	    (rc = write_adults(&s, e)) == 0 &&
	    (rc = write_students(&s, e)) == 0 &&
	    (rc = write_advisories(&s, e)) == 0 &&
	    (rc = write_classes(&s, e)) == 0 &&
	    (rc = write_clubs(&s, e)) == 0 &&
	    (rc = write_members(&s, e)) == 0) {
		snprintf(val, sizeof(val), "%ld students, seed %lu", n, seed);
		if ((rc = rel_db_setting_put(db, "sample", val, e)) == 0)
			rc = rel_db_commit(db, e);
	}
	if (rc != 0)
		rel_db_rollback(db);
	free(s.grade);
	free(s.cgrade);
	free(s.cperiod);
	for (g = 0; g < NGRADES; g++)
		free(s.byg[g]);
	return rc;
}
