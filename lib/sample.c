/*
 * sample.c: a reproducible fictional school.
 *
 * Every choice comes from one splitmix64 stream seeded with the seed alone,
 * drawn in a fixed order, so the same (n, seed) gives the same records on
 * any machine. Records go through rel_roster_write like any import, in one
 * transaction: adults, students, groups, memberships, then the
 * relationship map through the connection kind's write function, dated
 * relative to today. Only small arrays are kept: a grade and the groups
 * of each student (40 bytes), and a grade, period and lead per group.
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

/* Clubs and teams; sport teams are led by a coach. The note is what the
 * lead might jot down about a member they know well. */
struct club {
	const char *name, *kind;
	int sport;
	const char *note;
};

static const struct club clubs[] = {
	{ "Robotics Club", "club", 0, "wires the robot's sensors" },
	{ "Soccer", "team", 1, "steady defender, cheers on the others" },
	{ "Debate Team", "team", 0, "loves a good rebuttal" },
	{ "Gardening Club", "club", 0, "grows chili peppers" },
	{ "Chess Club", "club", 0, "solves chess puzzles at lunch" },
	{ "Basketball", "team", 1, "first to practice, last to leave" },
	{ "Drama Club", "club", 0, "runs the lights for the spring play" },
	{ "Cross Country", "team", 1, "training for a half marathon" },
	{ "Jazz Band", "club", 0, "plays cello in the jazz band" },
	{ "Model UN", "club", 0, "wants to be a diplomat" },
	{ "Volleyball", "team", 1, "has a fearsome serve" },
	{ "Coding Club", "club", 0, "writes small games in Python" },
	{ "Yearbook", "club", 0, "takes the sports photos" },
	{ "Math Team", "team", 0, "loves logic puzzles" },
	{ "Track and Field", "team", 1, "high jumper, not a morning person" },
	{ "Student Council", "club", 0, "organised the canned food drive" },
	{ "Environmental Club", "club", 0, "started the recycling bins" },
	{ "Choir", "club", 0, "sings alto, knows every musical" },
	{ "Swim Team", "team", 1, "swims butterfly" },
	{ "Photography Club", "club", 0, "shoots on an old film camera" },
	{ "Book Club", "club", 0, "reads a fantasy series in a weekend" },
	{ "Mural Project", "club", 0, "designed the hallway mural" },
};

/* Notes on the interests an adult learns about (strength 2 and 3). */
static const char *const interests[] = {
	"draws comics", "skateboards to school", "wants to be a vet",
	"bakes bread on weekends", "collects vinyl records", "writes poetry",
	"into astronomy", "fixes bikes", "volunteers at the animal shelter",
	"learning guitar", "makes short films", "knits hats for friends",
	"plays chess online", "loves marine biology", "builds model trains",
	"great with the younger kids", "quietly funny", "does origami",
};

/* Adults are numbered A001.. in this order of roles. */
enum role { COUNSELOR, ADMIN, COACH, ADVISOR, STAFF, TEACHER, NROLES };

static const char *const role_names[NROLES] = { "counselor", "admin",
	"coach", "advisor", "staff", "teacher" };

/* A student's groups, kept for the relationship map: indexes of the
 * advisory, classes and clubs. */
struct groups {
	int32_t adv, cls[MAXCLASSES], club[2];
	unsigned char ncls, nclub;
};

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
	long *advlead, *clead, *clublead;	/* lead adult of each group */
	struct groups *sg;		/* per student */
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
	s->advlead = rel_xmalloc((size_t)s->nadv * sizeof(long));
	for (a = 0; a < s->nadv; a++) {
		long k = a % pool;

		lead = k < s->count[ADVISOR] ? s->first[ADVISOR] + k :
		    s->first[TEACHER] + k - s->count[ADVISOR];
		s->advlead[a] = lead;
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
	s->clead = rel_xmalloc((size_t)s->capclass * sizeof(long));
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
			s->clead[c] = s->first[TEACHER] + t;
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
	s->clublead = rel_xmalloc((size_t)s->nclub * sizeof(long));
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
		s->clublead[c] = lead;
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
		struct groups *sg = &s->sg[i];

		g = s->grade[i];
		snprintf(sid, sizeof(sid), "S%04ld", i + 1);
		a = s->advbase[g] + seen[g]++ % s->nadvg[g];
		sg->adv = (int32_t)a;
		snprintf(gid, sizeof(gid), "ADV-%02ld", a + 1);
		if ((rc = put_member(s, gid, sid, NULL, e)) != 0)
			return rc;
		k = 4 + (int)rng_below(&s->r, 3);
		pick_classes(s, g, cls, k);
		sg->ncls = (unsigned char)k;
		for (j = 0; j < k; j++) {
			sg->cls[j] = (int32_t)cls[j];
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
			sg->club[sg->nclub++] = (int32_t)c;
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

/*
 * The relationship map, drawn after everything above so that adding it
 * left the roster of every (n, seed) as it was.
 *
 * Who goes unmarked is decided first, because a real school's gaps are
 * not random: they are the students few adults see, so the chance falls
 * steeply with the number of groups a student is in. About 20% are missed
 * at the first mapping session and a quarter of those are reached in the
 * second round, which leaves about 15% with nobody. Everyone else is known
 * by at least one adult: most by their advisory lead and club leads, some
 * by class teachers, a handful by a counselor.
 */
#define MISSED_PCT 20		/* unmarked at the first session */
#define REACHED_PCT 25		/* of those, marked in the second round */
/* The advisory lead, class teachers, club leads, a counselor, and one
 * new adult in the second round. */
#define MAXMARKS (1 + MAXCLASSES + 2 + 1 + 1)

/* One adult's mark for the student at hand. */
struct mark {
	long adult;
	int strength;
	const char *note;
};

struct marks {
	struct mark m[MAXMARKS];
	int n;
	int primary;		/* index of the primary adult, or -1 */
};

/* Where each of the connection kind's columns is: looked up by name, so
 * that the sample follows the kind rather than a copy of its order. */
enum { CC_STUDENT, CC_ADULT, CC_STRENGTH, CC_PRIMARY, CC_AT, CC_NOTE, NCC };
#define MAXKCOLS 16

struct mapper {
	const struct rel_import_kind *k;
	size_t col[NCC];
	char at[2][REL_DATETIME_LEN];	/* the session and the second round */
	uint64_t wsum;			/* the students' weights, summed */
};

/* How likely a student is to go unmarked, relative to the others: the
 * square of how few groups they are in (5 groups: 25, 9 groups: 1). */
static uint64_t
weight(const struct groups *g)
{
	int d = 10 - (1 + g->ncls + g->nclub);

	if (d < 1)
		d = 1;
	return (uint64_t)(d * d);
}

static int
mapper_init(struct school *s, struct mapper *mp, struct rel_err *e)
{
	static const char *const names[NCC] = { "student_id", "adult_id",
		"strength", "primary", "at", "note" };
	int64_t today = rel_today(), after_school = 15 * 3600 + 30 * 60;
	size_t i, j;
	long st;

	mp->k = rel_conn_kind();
	if (mp->k->ncols > MAXKCOLS)
		return rel_err_set(e, REL_ESOFTWARE, "the connection record "
		    "has %zu columns; the sample handles %d", mp->k->ncols,
		    MAXKCOLS);
	for (i = 0; i < NCC; i++) {
		for (j = 0; j < mp->k->ncols; j++)
			if (strcmp(mp->k->cols[j].name, names[i]) == 0)
				break;
		if (j == mp->k->ncols)
			return rel_err_set(e, REL_ESOFTWARE, "the connection "
			    "record has no %s column", names[i]);
		mp->col[i] = j;
	}
	rel_datetime_format((today - 70) * 86400 + after_school, mp->at[0]);
	rel_datetime_format((today - 10) * 86400 + after_school, mp->at[1]);
	mp->wsum = 0;
	for (st = 0; st < s->n; st++)
		mp->wsum += weight(&s->sg[st]);
	return 0;
}

/* Record adult's mark, or raise it; its index, or -1 if the list is full
 * (it cannot be: MAXMARKS counts every source). */
static int
mark_add(struct marks *ms, long adult, int strength, const char *note)
{
	struct mark *m;
	int i;

	for (i = 0; i < ms->n; i++)
		if (ms->m[i].adult == adult)
			break;
	if (i == ms->n) {
		if (ms->n == MAXMARKS)
			return -1;
		ms->n++;
		ms->m[i].adult = adult;
		ms->m[i].strength = 0;
		ms->m[i].note = NULL;
	}
	m = &ms->m[i];
	if (strength > m->strength)
		m->strength = strength;
	if (m->note == NULL)
		m->note = note;
	return i;
}

static int
mark_find(const struct marks *ms, long adult)
{
	int i;

	for (i = 0; i < ms->n; i++)
		if (ms->m[i].adult == adult)
			return i;
	return -1;
}

/* Who becomes primary: the advisory lead if they know the student well
 * enough, else the adult who knows them best (the first, on a tie). */
static int
mark_best(const struct marks *ms, long advlead)
{
	int i, b = mark_find(ms, advlead);

	if (b >= 0 && ms->m[b].strength >= 2)
		return b;
	b = 0;
	for (i = 1; i < ms->n; i++)
		if (ms->m[i].strength > ms->m[b].strength)
			b = i;
	return b;
}

/* Now and then, what an adult who knows the student well wrote down:
 * the club's note for a club lead, else an interest. */
static const char *
draw_note(struct rng *r, int strength, const char *club_note)
{
	if (strength < 2 || !rng_chance(r, 30, 100))
		return NULL;
	if (club_note != NULL)
		return club_note;
	return interests[rng_below(r, NELEM(interests))];
}

/* Write one connection record through the kind, as an import would: the
 * mark at its strength now, with primary "1" if the adult becomes the
 * student's primary adult. */
static int
put_conn(struct school *s, const struct mapper *mp, const char *sid,
    const struct mark *m, int primary, const char *at, struct rel_err *e)
{
	const char *v[MAXKCOLS];
	size_t len[MAXKCOLS], i;
	char aid[32], str[2];
	struct rel_rec rec;
	enum rel_outcome out;

	adult_id(m->adult, aid, sizeof(aid));
	str[0] = (char)('0' + m->strength);
	str[1] = '\0';
	for (i = 0; i < mp->k->ncols; i++)
		v[i] = NULL;
	v[mp->col[CC_STUDENT]] = sid;
	v[mp->col[CC_ADULT]] = aid;
	v[mp->col[CC_STRENGTH]] = str;
	v[mp->col[CC_PRIMARY]] = primary ? "1" : NULL;
	v[mp->col[CC_AT]] = at;
	v[mp->col[CC_NOTE]] = m->note;
	for (i = 0; i < mp->k->ncols; i++)
		len[i] = v[i] != NULL ? strlen(v[i]) : 0;
	rec.n = mp->k->ncols;
	rec.v = v;
	rec.len = len;
	rec.file = "sample";
	rec.line = 0;
	return mp->k->write(s->db, &rec, &out, e);
}

/* The first session's marks for student i; *missed if nobody marks them. */
static void
draw_session(struct school *s, const struct mapper *mp, long i,
    struct marks *ms, int *missed)
{
	const struct groups *g = &s->sg[i];
	struct rng *r = &s->r;
	long adv = s->advlead[g->adv], x;
	int j, st;

	ms->n = 0;
	ms->primary = -1;
	/* A chance of MISSED_PCT% scaled by weight / mean weight. Both
	 * sides stay below 2^32 for a million students. */
	*missed = rng_next(r) % (100 * mp->wsum) <
	    MISSED_PCT * weight(g) * (uint64_t)s->n;
	if (*missed)
		return;
	if (rng_chance(r, 88, 100)) {
		x = rng_below(r, 20);
		st = x < 2 ? 1 : x < 15 ? 2 : 3;
		mark_add(ms, adv, st, draw_note(r, st, NULL));
	}
	for (j = 0; j < g->ncls; j++)
		if (rng_chance(r, 30, 100)) {
			st = rng_chance(r, 1, 4) ? 2 : 1;
			mark_add(ms, s->clead[g->cls[j]], st,
			    draw_note(r, st, NULL));
		}
	for (j = 0; j < g->nclub; j++)
		if (rng_chance(r, 80, 100)) {
			st = rng_chance(r, 3, 10) ? 3 : 2;
			mark_add(ms, s->clublead[g->club[j]], st, draw_note(r,
			    st, clubs[g->club[j] % (long)NELEM(clubs)].note));
		}
	/* The advisory's counselor: the one who may sit in on it. */
	if (rng_chance(r, 3, 100))
		mark_add(ms, adult_of(s, COUNSELOR, g->adv), 3,
		    draw_note(r, 3, NULL));
	if (ms->n == 0)
		mark_add(ms, adv, 1, NULL);
	if (rng_chance(r, 60, 100))
		ms->primary = mark_best(ms, adv);
}

/* The second round for student i: the missed reached by someone, marks
 * raised, new ones, primary adults found or handed over. */
static int
draw_round(struct school *s, const struct mapper *mp, long i,
    const char *sid, struct marks *ms, int missed, struct rel_err *e)
{
	const struct groups *g = &s->sg[i];
	struct rng *r = &s->r;
	const char *at = mp->at[1];
	long adv = s->advlead[g->adv], a;
	int j, st, rc;

	if (missed) {
		if (!rng_chance(r, REACHED_PCT, 100))
			return 0;
		a = rng_chance(r, 2, 3) ? adv :
		    s->clead[g->cls[rng_below(r, g->ncls)]];
		st = rng_chance(r, 1, 2) ? 2 : 1;
		j = mark_add(ms, a, st, NULL);
		return put_conn(s, mp, sid, &ms->m[j], rng_chance(r, 60, 100),
		    at, e);
	}
	if (rng_chance(r, 12, 100)) {
		j = (int)rng_below(r, ms->n);
		if (ms->m[j].strength < 3) {
			ms->m[j].strength++;
			if ((rc = put_conn(s, mp, sid, &ms->m[j], 0, at, e)) != 0)
				return rc;
		}
	}
	if (rng_chance(r, 6, 100)) {
		a = s->clead[g->cls[rng_below(r, g->ncls)]];
		st = rng_chance(r, 1, 4) ? 2 : 1;
		if (mark_find(ms, a) < 0 && (j = mark_add(ms, a, st,
		    NULL)) >= 0 && (rc = put_conn(s, mp, sid, &ms->m[j], 0, at,
		    e)) != 0)
			return rc;
	}
	if (ms->primary < 0) {
		if (!rng_chance(r, 8, 100))
			return 0;
		j = mark_best(ms, adv);
	} else {
		/* A handover: another adult the student knows takes over,
		 * and knows them a little better for it. */
		if (ms->n < 2 || !rng_chance(r, 5, 100))
			return 0;
		j = (int)rng_below(r, ms->n - 1);
		if (j >= ms->primary)
			j++;
		if (ms->m[j].strength < 3)
			ms->m[j].strength++;
	}
	ms->primary = j;
	return put_conn(s, mp, sid, &ms->m[j], 1, at, e);
}

static int
write_map(struct school *s, struct rel_err *e)
{
	struct mapper mp;
	struct marks ms;
	char sid[32];
	long i;
	int j, missed, rc;

	if ((rc = mapper_init(s, &mp, e)) != 0)
		return rc;
	/* Student by student: the first session's marks, then the second
	 * round's, so each student's history runs forwards. */
	for (i = 0; i < s->n; i++) {
		snprintf(sid, sizeof(sid), "S%04ld", i + 1);
		draw_session(s, &mp, i, &ms, &missed);
		for (j = 0; j < ms.n; j++)
			if ((rc = put_conn(s, &mp, sid, &ms.m[j],
			    j == ms.primary, mp.at[0], e)) != 0)
				return rc;
		if ((rc = draw_round(s, &mp, i, sid, &ms, missed, e)) != 0)
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
	s.sg = rel_xcalloc((size_t)n, sizeof(*s.sg));
	if ((rc = check_empty(db, e)) == 0 &&
	    (rc = write_adults(&s, e)) == 0 &&
	    (rc = write_students(&s, e)) == 0 &&
	    (rc = write_advisories(&s, e)) == 0 &&
	    (rc = write_classes(&s, e)) == 0 &&
	    (rc = write_clubs(&s, e)) == 0 &&
	    (rc = write_members(&s, e)) == 0 &&
	    (rc = write_map(&s, e)) == 0) {
		snprintf(val, sizeof(val), "%ld students, seed %lu", n, seed);
		if ((rc = rel_db_setting_put(db, "sample", val, e)) == 0)
			rc = rel_db_commit(db, e);
	}
	if (rc != 0)
		rel_db_rollback(db);
	free(s.grade);
	free(s.sg);
	free(s.advlead);
	free(s.clead);
	free(s.clublead);
	free(s.cgrade);
	free(s.cperiod);
	for (g = 0; g < NGRADES; g++)
		free(s.byg[g]);
	return rc;
}
