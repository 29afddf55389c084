/*
 * sample.c: a reproducible fictional school.
 *
 * Every choice comes from splitmix64 streams seeded with the seed alone,
 * drawn in a fixed order, so the same (n, seed) gives the same records on
 * any machine. Records go through rel_roster_write like any import, in one
 * transaction: adults, students, groups, memberships, then the
 * relationship map through the connection kind's write function, dated
 * relative to today, all from one stream; then a school year of
 * check-ins, profile items and notes from streams of their own (see
 * write_year). Only small arrays are kept: a grade, home language and the
 * groups of each student (41 bytes), and a grade, period and lead per
 * group.
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

/* splitmix64 (Steele, Lea and Flood): tiny, and fully specified. */
uint64_t
rel_rng_next(struct rel_rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

/* 0..n-1 (n > 0). The modulo bias is below 2^-40 for every n used here. */
long
rel_rng_below(struct rel_rng *r, long n)
{
	return (long)(rel_rng_next(r) % (uint64_t)n);
}

/* Does an event of probability num/den happen? */
int
rel_rng_chance(struct rel_rng *r, long num, long den)
{
	return rel_rng_below(r, den) < num;
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
	struct rel_rng r;
	long n;				/* students */
	long nadult, first[NROLES], count[NROLES];
	unsigned char *grade;		/* per student: 0..3 for 9..12 */
	unsigned char *lang;		/* per student: index in languages */
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
	rec.keys = NULL;
	rec.file = "sample";
	rec.line = 0;
	return rel_roster_write(s->db, k, &rec, REL_INSERT, &out, e);
}

/* The index of an entry drawn by weight. */
static size_t
pick_weighted(struct rel_rng *r, const struct weighted *w, size_t n)
{
	long total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i].w;
	x = rel_rng_below(r, total);
	for (i = 0; i + 1 < n && x >= w[i].w; i++)
		x -= w[i].w;
	return i;
}

/* A random name: the given name's entry and the family name in fam. */
static const struct given *
pick_name(struct rel_rng *r, char *fam, size_t n)
{
	const struct given *g = &givens[rel_rng_below(r, NELEM(givens))];
	const char *f = families[rel_rng_below(r, NELEM(families))];
	const char *suf = "";

	/* Generational suffixes go with m names: 1 in 20 of those is about
	 * 1 in 40 overall. */
	if (g->hint == 'm' && rel_rng_chance(r, 1, 20))
		suf = suffixes[rel_rng_below(r, NELEM(suffixes))];
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
		int gr = (int)rel_rng_below(&s->r, NGRADES);

		s->grade[i] = (unsigned char)gr;
		s->ngrade[gr]++;
		g = pick_name(&s->r, fam, sizeof(fam));
		if (rel_rng_chance(&s->r, 15, 100)) {
			pref = g->short_form;
			while (pref == NULL || strcmp(pref, g->name) == 0)
				pref = nicknames[rel_rng_below(&s->r,
				    NELEM(nicknames))];
		}
		if (rel_rng_chance(&s->r, 40, 100)) {
			if (g->hint == 'f')
				pron = pronouns_f[rel_rng_below(&s->r,
				    NELEM(pronouns_f))];
			else if (g->hint == 'm')
				pron = pronouns_m[rel_rng_below(&s->r,
				    NELEM(pronouns_m))];
			else
				pron = pronouns_n[rel_rng_below(&s->r,
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
		s->lang[i] = (unsigned char)pick_weighted(&s->r, languages,
		    NELEM(languages));
		v[6] = languages[s->lang[i]].s;
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
		    100 * (1 + rel_rng_below(&s->r, 3)) + 1 + rel_rng_below(&s->r, 40));
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
		const struct course *co = &courses[rel_rng_below(&s->r,
		    NELEM(courses))];
		int periods[NPERIODS], k = 3 + (int)rel_rng_below(&s->r, 3);

		for (i = 0; i < NPERIODS; i++)
			periods[i] = i + 1;
		for (i = 0; i < k; i++) {
			int j = i + (int)rel_rng_below(&s->r, NPERIODS - i);
			int tmp = periods[i];

			periods[i] = periods[j];
			periods[j] = tmp;
		}
		for (i = 0; i < k; i++) {
			c = s->nclass++;
			g = co->grade ? co->grade - 9 :
			    (int)rel_rng_below(&s->r, NGRADES);
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
		c = rel_rng_below(&s->r, npool);
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
		k = 4 + (int)rel_rng_below(&s->r, 3);
		pick_classes(s, g, cls, k);
		sg->ncls = (unsigned char)k;
		for (j = 0; j < k; j++) {
			sg->cls[j] = (int32_t)cls[j];
			snprintf(gid, sizeof(gid), "C-%03ld", cls[j] + 1);
			if ((rc = put_member(s, gid, sid, NULL, e)) != 0)
				return rc;
		}
		if (!rel_rng_chance(&s->r, 40, 100))
			continue;
		k = s->nclub > 1 && rel_rng_chance(&s->r, 35, 100) ? 2 : 1;
		for (j = 0; j < k; j++) {
			c = rel_rng_below(&s->r, s->nclub);
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
		if (!rel_rng_chance(&s->r, 1, 3))
			continue;
		snprintf(gid, sizeof(gid), "ADV-%02ld", a + 1);
		adult_id(adult_of(s, COUNSELOR, a), aid, sizeof(aid));
		if ((rc = put_member(s, gid, NULL, aid, e)) != 0)
			return rc;
	}
	for (c = 0; c < s->nclub; c++) {
		if (!rel_rng_chance(&s->r, 1, 4))
			continue;
		snprintf(gid, sizeof(gid), "CLUB-%02ld", c + 1);
		adult_id(adult_of(s, TEACHER, rel_rng_below(&s->r,
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
draw_note(struct rel_rng *r, int strength, const char *club_note)
{
	if (strength < 2 || !rel_rng_chance(r, 30, 100))
		return NULL;
	if (club_note != NULL)
		return club_note;
	return interests[rel_rng_below(r, NELEM(interests))];
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
	rec.keys = NULL;
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
	struct rel_rng *r = &s->r;
	long adv = s->advlead[g->adv], x;
	int j, st;

	ms->n = 0;
	ms->primary = -1;
	/* A chance of MISSED_PCT% scaled by weight / mean weight. Both
	 * sides stay below 2^32 for a million students. */
	*missed = rel_rng_next(r) % (100 * mp->wsum) <
	    MISSED_PCT * weight(g) * (uint64_t)s->n;
	if (*missed)
		return;
	if (rel_rng_chance(r, 88, 100)) {
		x = rel_rng_below(r, 20);
		st = x < 2 ? 1 : x < 15 ? 2 : 3;
		mark_add(ms, adv, st, draw_note(r, st, NULL));
	}
	for (j = 0; j < g->ncls; j++)
		if (rel_rng_chance(r, 30, 100)) {
			st = rel_rng_chance(r, 1, 4) ? 2 : 1;
			mark_add(ms, s->clead[g->cls[j]], st,
			    draw_note(r, st, NULL));
		}
	for (j = 0; j < g->nclub; j++)
		if (rel_rng_chance(r, 80, 100)) {
			st = rel_rng_chance(r, 3, 10) ? 3 : 2;
			mark_add(ms, s->clublead[g->club[j]], st, draw_note(r,
			    st, clubs[g->club[j] % (long)NELEM(clubs)].note));
		}
	/* The advisory's counselor: the one who may sit in on it. */
	if (rel_rng_chance(r, 3, 100))
		mark_add(ms, adult_of(s, COUNSELOR, g->adv), 3,
		    draw_note(r, 3, NULL));
	if (ms->n == 0)
		mark_add(ms, adv, 1, NULL);
	if (rel_rng_chance(r, 60, 100))
		ms->primary = mark_best(ms, adv);
}

/* The second round for student i: the missed reached by someone, marks
 * raised, new ones, primary adults found or handed over. */
static int
draw_round(struct school *s, const struct mapper *mp, long i,
    const char *sid, struct marks *ms, int missed, struct rel_err *e)
{
	const struct groups *g = &s->sg[i];
	struct rel_rng *r = &s->r;
	const char *at = mp->at[1];
	long adv = s->advlead[g->adv], a;
	int j, st, rc;

	if (missed) {
		if (!rel_rng_chance(r, REACHED_PCT, 100))
			return 0;
		a = rel_rng_chance(r, 2, 3) ? adv :
		    s->clead[g->cls[rel_rng_below(r, g->ncls)]];
		st = rel_rng_chance(r, 1, 2) ? 2 : 1;
		j = mark_add(ms, a, st, NULL);
		return put_conn(s, mp, sid, &ms->m[j], rel_rng_chance(r, 60, 100),
		    at, e);
	}
	if (rel_rng_chance(r, 12, 100)) {
		j = (int)rel_rng_below(r, ms->n);
		if (ms->m[j].strength < 3) {
			ms->m[j].strength++;
			if ((rc = put_conn(s, mp, sid, &ms->m[j], 0, at, e)) != 0)
				return rc;
		}
	}
	if (rel_rng_chance(r, 6, 100)) {
		a = s->clead[g->cls[rel_rng_below(r, g->ncls)]];
		st = rel_rng_chance(r, 1, 4) ? 2 : 1;
		if (mark_find(ms, a) < 0 && (j = mark_add(ms, a, st,
		    NULL)) >= 0 && (rc = put_conn(s, mp, sid, &ms->m[j], 0, at,
		    e)) != 0)
			return rc;
	}
	if (ms->primary < 0) {
		if (!rel_rng_chance(r, 8, 100))
			return 0;
		j = mark_best(ms, adv);
	} else {
		/* A handover: another adult the student knows takes over,
		 * and knows them a little better for it. */
		if (ms->n < 2 || !rel_rng_chance(r, 5, 100))
			return 0;
		j = (int)rel_rng_below(r, ms->n - 1);
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

/*
 * The school year of daily practice: check-ins, profile items and notes,
 * from the most recent August 24 at least YEAR_MIN_DAYS before today up
 * to now, on weekdays. Drawn after the map from streams of their own (one
 * each for the students' traits, check-ins, profiles and notes), so that
 * adding them left the roster, groups and map of every (n, seed) as they
 * were, and a change to one kind leaves the others as they are.
 *
 * Every student has usual levels of mood, understanding and workload.
 * About DECLINE_PCT% have moods drifting down over the last 4 to 6 weeks
 * (so that a trend shows them), and about SILENT_PCT% have had no
 * check-in at all for the last 3 to 5 weeks (so that "not seen" does);
 * both are exact counts, at least one each in a school of 10 or more.
 * The adults are the student's own: the advisory lead, class teachers,
 * club leads and the advisory's counselor. Nothing is dated after now.
 *
 * Inserted with prepared SQL rather than through the kinds' write
 * functions: every value is made here, valid by construction, and a
 * school of 3000 students has about 100,000 check-ins a term.
 */
#define YEAR_MIN_DAYS 30	/* the year has begun at least this long ago */
#define DECLINE_PCT 8
#define SILENT_PCT 3
#define ADVISORY_AT (8 * 60 + 5)	/* minutes: advisory, 08:05-08:20 */
#define PERIOD1_AT (8 * 60 + 25)	/* period 1 starts 08:25 */
#define PERIOD_LEN 55			/* 50 minutes and a passing time */
#define AFTER_SCHOOL (15 * 60 + 10)

enum trend { STEADY, DECLINING, SILENT };

/* What a student is like over the year. */
struct pupil {
	unsigned char mood, und, work;	/* usual levels, 1-5 */
	unsigned char trend;		/* enum trend */
	unsigned char span;		/* weeks of decline, or days silent */
};

struct year {
	struct school *s;
	int64_t now;
	int32_t start, today;
	int32_t *days;			/* the school days, start..today */
	int ndays;
	sqlite3_int64 *srow, *arow;	/* rowids of students and adults */
	struct pupil *p;
	unsigned char *advday;		/* per advisory: its weekday, 0-4 */
	unsigned char *exitdays;	/* per teacher: weekdays of exit
					 * tickets (bit 0 Monday), or 0 */
	unsigned char *greets;		/* per teacher: % of class days a
					 * greeting is noted, or 0 */
	struct rel_rng more;		/* part 8: concerns added later, so
					 * that the older parts' records
					 * stay as they were */
};

/* A stream of its own for each part, from the seed alone. */
void
rel_rng_stream(struct rel_rng *r, unsigned long seed, unsigned part)
{
	struct rel_rng t;

	t.s = (uint64_t)seed ^ UINT64_C(0x6461696C79207265);	/* "daily re" */
	t.s += part;
	r->s = rel_rng_next(&t);
}

static const char *const checkin_notes[] = {
	"tired after a late game", "excited about the science fair",
	"new puppy at home", "nervous about the chemistry test",
	"proud of a B+ in geometry", "birthday this weekend",
	"helping at the family restaurant this week",
	"asked for help with a college essay",
	"busy week: two tests and a game",
	"feeling ready for the quiz", "got a part in the play",
};
static const char *const low_notes[] = {
	"quiet today", "says sleep has been hard",
	"behind in two classes, feels stuck", "skipped lunch again",
	"did not want to talk today", "says things are stressful at home",
};
static const char *const exit_notes[] = {
	"wants to redo question 3", "asked for the practice set",
	"it clicked: slope is a rate", "asked a great follow-up question",
	"needs the notes from last class",
};
static const char *const greeting_notes[] = {
	"big smile today", "asked about the game", "came early to help set up",
	"new haircut, very proud", "said hi in three languages",
};
static const char *const conference_notes[] = {
	"Planned a weekly schedule around practice and homework.",
	"Talked about courses for next year; interested in engineering.",
	"Went over missing work; a plan to finish two assignments by Friday.",
	"Checked in about a falling-out with a friend; they have talked it out.",
	"Set a goal to ask one question in every class this week.",
};
static const char *const low_conference_notes[] = {
	"Talked about feeling tired and behind. Set up a study hall plan and "
	"a check-in next week.",
	"Says sleep has been hard for a few weeks. Shared the drop-in hours; "
	"will call home with the student's OK.",
	"Hard week. Listened; made a short list of what feels most urgent. "
	"Follow-up Monday.",
};

/* The profile kinds with their words. */
static const char *const strengths[] = {
	"draws detailed comics", "patient with younger kids",
	"asks sharp questions", "keeps a team calm under pressure",
	"explains math to classmates", "remembers everyone's name",
	"fixes anything with a motor", "writes vivid stories",
	"sticks with hard problems", "a natural organiser",
	"funny without being unkind", "notices when someone is left out",
	"strong sense of fairness", "a great listener",
	"careful, neat lab work", "speaks up in discussions",
};
static const char *const p_interests[] = {
	"skateboarding", "astronomy", "baking bread", "anime and manga",
	"soccer", "building PCs", "K-pop dance", "fishing", "chess",
	"sewing and fashion design", "video editing", "birdwatching",
	"basketball stats", "poetry slams", "cooking phở with family",
	"horses", "music production", "gardening", "robotics",
	"Minecraft redstone", "crochet", "cars and engines", "marine biology",
	"history podcasts",
};
static const char *const motivations[] = {
	"wants to be the first in the family to go to college",
	"saving for a car", "wants to make the varsity team",
	"wants to become a nurse", "likes being trusted with responsibility",
	"likes a visible goal and a chart of progress",
	"wants to study engineering", "helping the family business",
	"wants to open a bakery", "a bit of friendly competition",
};
static const char *const identities[] = {
	"bilingual and proud of it", "active in a church youth group",
	"first-generation American", "oldest of five siblings",
	"lives with grandparents", "Muslim; fasts during Ramadan",
	"celebrates Día de los Muertos with family",
	"Diné; learning Diné bizaad from a grandparent",
	"newcomer; arrived last year", "military family; has moved four times",
	"Deaf; uses ASL",
};
static const char *const learns_best[] = {
	"with a worked example first", "by talking it through with a partner",
	"with movement breaks", "when instructions are written down",
	"hands-on, by building", "with a quiet corner to work",
	"with a choice in how to show learning", "from visuals and diagrams",
	"with a checklist for long tasks",
};
static const char *const worries[] = {
	"grades in chemistry", "fitting in at a new school",
	"a grandparent who is ill", "college applications",
	"money for the class trip", "speaking in front of the class",
	"a friend group that split up", "keeping up while working evenings",
};
static const char *const supports[] = {
	"extra time on tests", "check-in with the counselor on Mondays",
	"peer tutor in math", "bus pass", "breakfast program",
	"English language development class", "a quiet place for lunch",
	"weekly planner check in advisory",
};
/* Languages an English speaker may add. */
static const char *const second_languages[] = {
	"English", "English", "English", "Spanish (learning)", "ASL",
	"Japanese (self-taught)", "Français",
};
/* Each home language by its own name, in the order of languages[]. */
static const char *const endonyms[] = {
	"English", "Spanish", "Tiếng Việt", "العربية", "Soomaali", "Tagalog",
	"中文 (Mandarin)", "Kreyòl ayisyen", "Português", "አማርኛ",
	"Українська", "한국어", "Hmoob", "Русский", "廣東話 (Cantonese)",
};
_Static_assert(NELEM(endonyms) == NELEM(languages),
    "a name of its own for every home language");

enum pkind { P_STRENGTH, P_INTEREST, P_MOTIVATION, P_IDENTITY, P_LANGUAGE,
	P_LEARNS, P_WORRY, P_SUPPORT, NPKINDS };

static const struct {
	const char *name;
	const char *const *v;
	size_t n;
	int weight;		/* for the items after the first two */
	const char *source[4];	/* drawn from, evenly */
} pkinds[NPKINDS] = {
	{ "strength", strengths, NELEM(strengths), 2,
	    { "adult", "adult", "student", "family" } },
	{ "interest", p_interests, NELEM(p_interests), 2,
	    { "student", "student", "student", "adult" } },
	{ "motivation", motivations, NELEM(motivations), 3,
	    { "student", "student", "student", "family" } },
	{ "identity", identities, NELEM(identities), 2,
	    { "student", "student", "family", "family" } },
	{ "language", second_languages, NELEM(second_languages), 1,
	    { "student", "student", "family", "family" } },
	{ "learns_best", learns_best, NELEM(learns_best), 3,
	    { "adult", "adult", "assessment", "student" } },
	{ "worry", worries, NELEM(worries), 2,
	    { "student", "student", "adult", "family" } },
	{ "support", supports, NELEM(supports), 2,
	    { "adult", "adult", "assessment", "assessment" } },
};

static const char *const affirmations[] = {
	"You revised that essay three times \xe2\x80\x94 that is what strong "
	"writers do.",
	"You stayed with that proof until it worked. That persistence will "
	"carry you.",
	"I noticed how you made room for the new student at your table. "
	"Thank you.",
	"Your question today pushed all of us to think harder.",
	"You came back after a rough week and finished strong. I knew you "
	"could.",
	"\xc2\xa1" "Excelente trabajo! Your presentation was clear and "
	"confident.",
	"You led your group without taking over \xe2\x80\x94 everyone had a "
	"part.",
	"Your lab notebook is the most careful in the class. Keep it up.",
	"You held the team together at the end of the match.",
	"That poem you read aloud was brave and beautifully written.",
};
static const char *const feedbacks[] = {
	"Your argument is strong. Next step: two sources for each claim. I "
	"know you can do it.",
	"This draft has good ideas; the structure needs work. Let's meet "
	"Thursday, because I expect this to be one of your best pieces.",
	"Strong start on the lab report.\nTwo things for the final "
	"version:\n- label the axes\n- explain the outlier",
	"You are capable of A-level work in this class. Finish the two "
	"missing problem sets and you will be there.",
	"Your code runs; now make it readable, with names and comments. I "
	"hold you to a high bar because you can reach it.",
	"Good reasoning on the test. Show every step next time: the steps "
	"are where the marks are.",
	"Your pronunciation has improved a lot. Next goal: speak first in "
	"the group.",
};
static const char *const observations[] = {
	"Helped a classmate find the library and stayed to show the printers.",
	"Very engaged in the debate unit; stayed after class to keep arguing "
	"the case.",
	"Came to tutoring twice this week, unprompted.",
	"Drew a detailed map of the novel's setting in the margin \xe2\x80\x94 "
	"could build on this.",
	"Quiet in group work, but the written answers are thoughtful.",
	"Arrived late three times this week; says the bus has been late.",
	"Ate lunch in the art room all week; seemed happy there.",
};
static const char *const low_observations[] = {
	"Quieter than usual in advisory the last few weeks.",
	"Head down for most of class twice this week; said just tired.",
	"Stopped turning in homework lately; was on top of it before.",
};
static const char *const concerns[] = {
	"Mood check-ins have dropped for several weeks. Met briefly; sleep "
	"and stress came up. Follow up next week.",
	"Several teachers report withdrawal in class.\nPlan: weekly check-in "
	"with the counselor; contact the family with the student's OK.",
	"Falling behind in three classes after a strong start. Meeting the "
	"advisory lead to plan support.",
	"Friends mention skipped lunches. Checked in; meeting again Friday.",
};
static const char *const gratitudes[] = {
	"Grateful for the student who stayed to stack chairs without being "
	"asked.",
	"Thankful for a colleague who covered my class on short notice.",
	"Three good things today:\n1. The lab worked.\n2. A quiet student "
	"spoke up.\n3. Someone said thank you at the door.",
	"Grateful that families came to conference night in the rain.",
	"Thankful for the custodial team \xe2\x80\x94 the gym was ready before "
	"anyone asked.",
	"A student taught me a word in Ti\xe1\xba\xbfng Vi\xe1\xbb\x87t today. "
	"Small moments count.",
	"Grateful for my advisory: they cheered for each other at the "
	"assembly.",
};

static int
clamp5(int v)
{
	return v < 1 ? 1 : v > 5 ? 5 : v;
}

/* -1, 0 or +1: mostly 0. */
static int
noise(struct rel_rng *r)
{
	long x = rel_rng_below(r, 20);

	return x < 3 ? -1 : x < 17 ? 0 : 1;
}

/* How far a declining student's mood has fallen by day d, in tenths:
 * 0 before the decline, 25 today. */
static int
fall(const struct year *y, const struct pupil *p, int32_t d)
{
	int32_t from = y->today - 7 * p->span;

	if (p->trend != DECLINING || d <= from)
		return 0;
	return (int)((d - from) * 25 / (7 * p->span));
}

/* A time on school day k at minute m, or on the school day before when
 * that would be after now. */
static int64_t
when(const struct year *y, int k, int m)
{
	int64_t t = (int64_t)y->days[k] * 86400 + m * 60;

	if (t > y->now && k > 0)
		t = (int64_t)y->days[k - 1] * 86400 + m * 60;
	return t;
}

/* k of n students chosen (selection sampling: exactly k, in order). */
static void
choose(struct rel_rng *r, struct year *y, long k, enum trend t, int span0,
    int spread)
{
	long i, left = y->s->n;

	for (i = 0; i < y->s->n; i++, left--) {
		if (y->p[i].trend != STEADY) {
			continue;
		}
		if (rel_rng_below(r, left) < k) {
			y->p[i].trend = (unsigned char)t;
			y->p[i].span = (unsigned char)(span0 +
			    rel_rng_below(r, spread));
			k--;
		}
	}
}

/* How many of the n students: pct%, rounded, and at least one in a
 * school of ten or more. */
static long
share(long n, int pct)
{
	long k = (n * pct + 50) / 100;

	return k == 0 && n >= 10 ? 1 : k;
}

static int
year_init(struct year *y, struct school *s, unsigned long seed,
    struct rel_err *e)
{
	struct rel_rng r;
	char id[32];
	int yy, wd, rc;
	unsigned mm, dd;
	int32_t d;
	long i, a, t, x;

	memset(y, 0, sizeof(*y));
	rel_rng_stream(&y->more, seed, 8);
	y->s = s;
	y->now = rel_now();
	y->today = rel_today();
	rel_civil_from_days(y->today, &yy, &mm, &dd);
	y->start = rel_days_from_civil(yy, 8, 24);
	if (y->today - y->start < YEAR_MIN_DAYS)
		y->start = rel_days_from_civil(yy - 1, 8, 24);
	y->days = rel_xmalloc((size_t)(y->today - y->start + 1) *
	    sizeof(int32_t));
	for (d = y->start; d <= y->today; d++)
		if (rel_weekday(d) < 5)
			y->days[y->ndays++] = d;

	y->srow = rel_xmalloc((size_t)s->n * sizeof(sqlite3_int64));
	y->arow = rel_xmalloc((size_t)s->nadult * sizeof(sqlite3_int64));
	for (i = 0; i < s->n; i++) {
		snprintf(id, sizeof(id), "S%04ld", i + 1);
		if ((rc = rel_person(s->db, 0, id, strlen(id), "student_id",
		    "sample", 0, &y->srow[i], e)) != 0)
			return rc;
	}
	for (a = 0; a < s->nadult; a++) {
		adult_id(a, id, sizeof(id));
		if ((rc = rel_person(s->db, 1, id, strlen(id), "adult_id",
		    "sample", 0, &y->arow[a], e)) != 0)
			return rc;
	}

	/* The traits, in a stream of their own. */
	rel_rng_stream(&r, seed, 0);
	y->p = rel_xcalloc((size_t)s->n, sizeof(*y->p));
	for (i = 0; i < s->n; i++) {
		struct pupil *p = &y->p[i];

		x = rel_rng_below(&r, 100);
		p->mood = x < 7 ? 2 : x < 50 ? 3 : x < 95 ? 4 : 5;
		p->und = (unsigned char)(2 + rel_rng_below(&r, 4));
		p->work = (unsigned char)(2 + rel_rng_below(&r, 3));
	}
	choose(&r, y, share(s->n, DECLINE_PCT), DECLINING, 4, 3);
	choose(&r, y, share(s->n, SILENT_PCT), SILENT, 21, 15);
	for (i = 0; i < s->n; i++)
		if (y->p[i].trend == DECLINING && y->p[i].mood < 4)
			y->p[i].mood = 4;
	y->advday = rel_xmalloc((size_t)s->nadv);
	for (a = 0; a < s->nadv; a++)
		y->advday[a] = (unsigned char)rel_rng_below(&r, 5);
	/* A fifth of the teachers use exit tickets, one or two days a
	 * week; a third note the greetings at the door now and then. */
	y->exitdays = rel_xcalloc((size_t)s->count[TEACHER], 1);
	y->greets = rel_xcalloc((size_t)s->count[TEACHER], 1);
	for (t = 0; t < s->count[TEACHER]; t++) {
		if (rel_rng_chance(&r, 1, 5)) {
			x = 1 + rel_rng_below(&r, 2);
			while (x > 0) {
				wd = (int)rel_rng_below(&r, 5);
				if (!(y->exitdays[t] & 1 << wd)) {
					y->exitdays[t] |= (unsigned char)(1 <<
					    wd);
					x--;
				}
			}
		}
		if (rel_rng_chance(&r, 1, 3))
			y->greets[t] = (unsigned char)(4 + rel_rng_below(&r, 8));
	}
	return 0;
}

static void
year_free(struct year *y)
{
	free(y->days);
	free(y->srow);
	free(y->arow);
	free(y->p);
	free(y->advday);
	free(y->exitdays);
	free(y->greets);
}

/* One check-in; scales of 0 are absent. Nothing after now. */
static int
put_checkin(struct year *y, long i, int64_t at, long adult, int kind,
    const int *scale, const char *note, int vis, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc, j;

	if (at > y->now)
		return 0;
	if ((rc = rel_db_stmt(y->s->db, "INSERT INTO checkin (student, at, "
	    "adult, kind, mood, understanding, workload, note, visibility, "
	    "adult_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?3)", &st,
	    e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, y->srow[i]);
	sqlite3_bind_int64(st, 2, at);
	sqlite3_bind_int64(st, 3, y->arow[adult]);
	sqlite3_bind_int(st, 4, kind);
	for (j = 0; j < 3; j++)
		if (scale[j] != 0)
			sqlite3_bind_int(st, 5 + j, scale[j]);
	if (note != NULL)
		sqlite3_bind_text(st, 8, note, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, vis);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(y->s->db, rc,
	    "writing a sample check-in", e);
}

#define PICK(r, a) ((a)[rel_rng_below((r), NELEM(a))])

/* A student's check-ins, school day by school day. The same student,
 * minute, kind and adult never comes twice: one advisory check-in a
 * day, a class's exit ticket and greeting at its own period's end and
 * start (a teacher's classes are in different periods), and at most one
 * conference a day. */
static int
student_checkins(struct year *y, struct rel_rng *r, long i, struct rel_err *e)
{
	const struct school *s = y->s;
	const struct groups *g = &s->sg[i];
	const struct pupil *p = &y->p[i];
	int32_t cut = p->trend == SILENT ? y->today - p->span : INT32_MAX;
	long adv = s->advlead[g->adv], couns = adult_of(s, COUNSELOR, g->adv);
	long c, t, who;
	int k, j, f, wd, begin, sc[3], last = -100, rc;
	const char *note;

	for (k = 0; k < y->ndays && y->days[k] < cut; k++) {
		int32_t d = y->days[k];
		int64_t day = (int64_t)d * 86400;

		if (rel_rng_chance(r, 5, 100))	/* absent */
			continue;
		wd = rel_weekday(d);
		f = fall(y, p, d);
		if (wd == y->advday[g->adv] && rel_rng_chance(r, 92, 100)) {
			sc[0] = clamp5(p->mood + noise(r) - (f + 5) / 10);
			sc[1] = clamp5(p->und + noise(r) - f / 20);
			sc[2] = clamp5(p->work + noise(r) + f / 12);
			note = NULL;
			if (f >= 8 && rel_rng_chance(r, 30, 100))
				note = PICK(r, low_notes);
			else if (rel_rng_chance(r, 8, 100))
				note = PICK(r, checkin_notes);
			if ((rc = put_checkin(y, i, day + 60 * (ADVISORY_AT +
			    rel_rng_below(r, 15)), adv, 0, sc, note, 1, e)) != 0)
				return rc;
		}
		for (j = 0; j < g->ncls; j++) {
			c = g->cls[j];
			t = s->clead[c] - s->first[TEACHER];
			begin = PERIOD1_AT + (s->cperiod[c] - 1) * PERIOD_LEN;
			if (y->greets[t] != 0 &&
			    rel_rng_chance(r, y->greets[t], 100)) {
				sc[0] = sc[1] = sc[2] = 0;
				note = rel_rng_chance(r, 5, 100) ?
				    PICK(r, greeting_notes) : NULL;
				if ((rc = put_checkin(y, i, day + 60 * (begin -
				    rel_rng_below(r, 4)), s->clead[c], 2, sc, note,
				    1, e)) != 0)
					return rc;
			}
			if (!(y->exitdays[t] & 1 << wd) ||
			    !rel_rng_chance(r, 88, 100))
				continue;
			sc[0] = rel_rng_chance(r, 12, 100) ?
			    clamp5(p->mood + noise(r) - (f + 5) / 10) : 0;
			sc[1] = clamp5(p->und + noise(r) - f / 20);
			sc[2] = rel_rng_chance(r, 5, 100) ?
			    clamp5(p->work + noise(r)) : 0;
			note = rel_rng_chance(r, 3, 100) ? PICK(r, exit_notes) :
			    NULL;
			if ((rc = put_checkin(y, i, day + 60 * (begin + 44 +
			    rel_rng_below(r, 5)), s->clead[c], 1, sc, note, 1,
			    e)) != 0)
				return rc;
		}
		/* A conference now and then; often, for a student whose
		 * mood is falling. */
		if (k - last < 5 || !rel_rng_chance(r, f >= 5 ? 10 : 1,
		    f >= 5 ? 100 : 300))
			continue;
		last = k;
		who = rel_rng_chance(r, 1, 2) ? couns : adv;
		sc[0] = rel_rng_chance(r, 60, 100) ?
		    clamp5(p->mood + noise(r) - (f + 5) / 10) : 0;
		sc[1] = sc[2] = 0;
		note = f >= 5 ? PICK(r, low_conference_notes) :
		    PICK(r, conference_notes);
		if ((rc = put_checkin(y, i, day + 60 * (AFTER_SCHOOL +
		    rel_rng_below(r, 60)), who, 3, sc, note, who == couns ? 2 : 1,
		    e)) != 0)
			return rc;
	}
	return 0;
}

/* Any adult who sees the student in a group: the advisory lead (twice
 * as likely), a class teacher or a club lead. */
static long
group_adult(const struct school *s, struct rel_rng *r, const struct groups *g)
{
	long x = rel_rng_below(r, 2 + g->ncls + g->nclub);

	if (x < 2)
		return s->advlead[g->adv];
	x -= 2;
	if (x < g->ncls)
		return s->clead[g->cls[x]];
	return s->clublead[g->club[x - g->ncls]];
}

static int
put_item(struct year *y, long i, enum pkind k, const char *value,
    const char *source, int64_t at, long adult, int vis, int64_t retired,
    long retired_by, struct rel_err *e)
{
	char a[REL_DATETIME_LEN], ra[REL_DATETIME_LEN];
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(y->s->db, "INSERT INTO profile_item (student, "
	    "kind, value, source, at, adult, visibility, retired_at, "
	    "retired_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &st,
	    e)) != 0)
		return rc;
	rel_datetime_format(at, a);
	sqlite3_bind_int64(st, 1, y->srow[i]);
	sqlite3_bind_text(st, 2, pkinds[k].name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, a, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, y->arow[adult]);
	sqlite3_bind_int(st, 7, vis);
	if (retired != 0) {
		rel_datetime_format(retired, ra);
		sqlite3_bind_text(st, 8, ra, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 9, y->arow[retired_by]);
	}
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(y->s->db, rc,
	    "writing a sample profile item", e);
}

#define MAXITEMS 7

/* Is v one of the n values in have? Values of different kinds never
 * match, so the kind need not be compared. */
static int
held(const char *const *have, int n, const char *v)
{
	int j;

	for (j = 0; j < n; j++)
		if (strcmp(have[j], v) == 0)
			return 1;
	return 0;
}

/*
 * 2 to 6 current items: a strength and an interest first (a card opens
 * with them), the student's home language by its own name for most who
 * speak another at home, then other kinds. Mostly from the first four
 * weeks (the getting-to-know-you survey). A few students also have an
 * item retired since.
 */
static int
student_profile(struct year *y, struct rel_rng *r, long i, struct rel_err *e)
{
	const struct school *s = y->s;
	const struct groups *g = &s->sg[i];
	const char *have[MAXITEMS];
	long adv = s->advlead[g->adv], adult;
	int n = 2 + (int)rel_rng_below(r, 5), m = 0, j, tries, early, vis, rc;
	int wsum = 0;
	enum pkind k;
	const char *v, *src;
	int64_t at, ret;

	for (k = 0; k < NPKINDS; k++)
		wsum += pkinds[k].weight;
	early = y->ndays < 20 ? y->ndays : 20;
	while (m < n) {
		if (m == 0)
			k = P_STRENGTH;
		else if (m == 1)
			k = P_INTEREST;
		else if (m == 2 && s->lang[i] != 0 && rel_rng_chance(r, 70, 100))
			k = P_LANGUAGE;
		else {
			int x = (int)rel_rng_below(r, wsum);

			for (k = 0; x >= pkinds[k].weight; k++)
				x -= pkinds[k].weight;
		}
		/* Who speaks another language at home speaks it, and
		 * English. */
		if (k == P_LANGUAGE && s->lang[i] != 0)
			v = held(have, m, endonyms[s->lang[i]]) ? "English" :
			    endonyms[s->lang[i]];
		else
			v = pkinds[k].v[rel_rng_below(r, pkinds[k].n)];
		/* Never the same current item twice (the partial unique
		 * index); a repeat is dropped after a few tries. */
		for (tries = 0; tries < 8 && held(have, m, v); tries++)
			v = k == P_LANGUAGE && s->lang[i] != 0 ? v :
			    pkinds[k].v[rel_rng_below(r, pkinds[k].n)];
		src = pkinds[k].source[rel_rng_below(r, 4)];
		adult = strcmp(src, "assessment") == 0 || k == P_SUPPORT ?
		    adult_of(s, COUNSELOR, g->adv) : strcmp(src, "adult") == 0 ?
		    group_adult(s, r, g) : adv;
		vis = k == P_WORRY && rel_rng_chance(r, 1, 2) ? 2 : 1;
		at = when(y, (int)rel_rng_below(r, early), 8 * 60 +
		    (int)rel_rng_below(r, 7 * 60));
		if (tries == 8) {
			n--;
			continue;
		}
		have[m++] = v;
		if ((rc = put_item(y, i, k, v, src, at, adult, vis, 0, 0,
		    e)) != 0)
			return rc;
	}
	if (!rel_rng_chance(r, 6, 100) || y->ndays < 10)
		return 0;
	/* An interest that has passed, or a worry that has eased. */
	k = rel_rng_chance(r, 1, 2) ? P_INTEREST : P_WORRY;
	v = pkinds[k].v[rel_rng_below(r, pkinds[k].n)];
	if (held(have, m, v))
		return 0;
	j = (int)rel_rng_below(r, 5);
	at = when(y, j, 9 * 60 + (int)rel_rng_below(r, 6 * 60));
	ret = when(y, j + 1 + (int)rel_rng_below(r, y->ndays - j - 1),
	    9 * 60 + (int)rel_rng_below(r, 6 * 60));
	if (ret <= at)
		ret = at + 60;
	return put_item(y, i, k, v, pkinds[k].source[0], at, adv, 1, ret, adv,
	    e);
}

/* One note; student -1 for an adult's own gratitude entry. */
static int
put_note(struct year *y, long i, int64_t at, long adult, const char *kind,
    const char *text, int vis, struct rel_err *e)
{
	char a[REL_DATETIME_LEN];
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(y->s->db, "INSERT INTO note (student, at, adult, "
	    "kind, text, visibility) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st,
	    e)) != 0)
		return rc;
	rel_datetime_format(at, a);
	if (i >= 0)
		sqlite3_bind_int64(st, 1, y->srow[i]);
	sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, y->arow[adult]);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, vis);
	rc = sqlite3_step(st);
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(y->s->db, rc,
	    "writing a sample note", e);
}

/* 0 to 3, most often 0 or 1 (the chances in percent of 1, 2, 3). */
static int
how_many(struct rel_rng *r, int p1, int p2, int p3)
{
	long x = rel_rng_below(r, 100);

	return x < p3 ? 3 : x < p3 + p2 ? 2 : x < p3 + p2 + p1 ? 1 : 0;
}

/* A school day at random, in [from, ndays), and a time in it. */
static int64_t
some_time(const struct year *y, struct rel_rng *r, int from, int m0, int span)
{
	if (from < 0)
		from = 0;
	if (from >= y->ndays)
		from = y->ndays - 1;
	return when(y, from + (int)rel_rng_below(r, y->ndays - from),
	    m0 + (int)rel_rng_below(r, span));
}

/* The first school day on or after day d. */
static int
day_index(const struct year *y, int32_t d)
{
	int k;

	for (k = 0; k < y->ndays && y->days[k] < d; k++)
		continue;
	return k;
}

static int
student_notes(struct year *y, struct rel_rng *r, long i, struct rel_err *e)
{
	const struct school *s = y->s;
	const struct groups *g = &s->sg[i];
	const struct pupil *p = &y->p[i];
	long adv = s->advlead[g->adv], couns = adult_of(s, COUNSELOR, g->adv);
	int n, j, from, rc;

	n = how_many(r, 35, 25, 10);
	for (j = 0; j < n; j++)
		if ((rc = put_note(y, i, some_time(y, r, 0, 8 * 60, 8 * 60),
		    group_adult(s, r, g), "affirmation", PICK(r, affirmations),
		    1, e)) != 0)
			return rc;
	n = how_many(r, 35, 10, 0);
	for (j = 0; j < n; j++)
		if ((rc = put_note(y, i, some_time(y, r, 0, 9 * 60, 7 * 60),
		    s->clead[g->cls[rel_rng_below(r, g->ncls)]], "feedback",
		    PICK(r, feedbacks), 1, e)) != 0)
			return rc;
	n = how_many(r, 25, 5, 0);
	for (j = 0; j < n; j++)
		if ((rc = put_note(y, i, some_time(y, r, 0, 8 * 60, 8 * 60),
		    group_adult(s, r, g), "observation", PICK(r, observations),
		    1, e)) != 0)
			return rc;
	if (p->trend == DECLINING) {
		/* Noticed in the second half of the decline. */
		from = day_index(y, y->today - 7 * p->span / 2);
		if ((rc = put_note(y, i, some_time(y, r, from, 9 * 60, 6 * 60),
		    adv, "observation", PICK(r, low_observations), 1, e)) != 0)
			return rc;
		if (rel_rng_chance(r, 70, 100) && (rc = put_note(y, i,
		    some_time(y, r, from, 15 * 60, 90), couns, "concern",
		    PICK(r, concerns), 2, e)) != 0)
			return rc;
		/* For some, the counselor writes down more as the weeks go
		 * on: enough concerns in a short time for rel-flag to
		 * notice. */
		if (rel_rng_chance(&y->more, 45, 100))
			for (j = 0; j < 2; j++)
				if ((rc = put_note(y, i, some_time(y,
				    &y->more, from, 15 * 60, 90), couns,
				    "concern", PICK(&y->more, concerns), 2,
				    e)) != 0)
					return rc;
	} else if (rel_rng_chance(r, 2, 100) && (rc = put_note(y, i,
	    some_time(y, r, 0, 15 * 60, 90), couns, "concern",
	    PICK(r, concerns), 2, e)) != 0)
		return rc;
	return 0;
}

static int
write_year(struct school *s, unsigned long seed, struct rel_err *e)
{
	struct year y;
	struct rel_err e2;
	struct rel_rng rc_, rp, rn;
	long i, a;
	int n, j, rc;

	/* SQLite codes a CHECK of kind IN (...) with a temporary table
	 * opened and closed for every row, which costs more than the rest
	 * of the insert. The values here are valid by construction, so the
	 * checks are off while they are written; the statements prepared
	 * meanwhile expire when they are back on, and PRAGMA
	 * integrity_check (rel-init check) still checks every row. */
	if ((rc = rel_db_exec(s->db, "PRAGMA ignore_check_constraints=ON",
	    e)) != 0)
		return rc;
	if ((rc = year_init(&y, s, seed, e)) != 0)
		goto out;
	rel_rng_stream(&rc_, seed, 1);
	rel_rng_stream(&rp, seed, 2);
	rel_rng_stream(&rn, seed, 3);
	for (i = 0; i < s->n && rc == 0; i++)
		if ((rc = student_checkins(&y, &rc_, i, e)) == 0 &&
		    (rc = student_profile(&y, &rp, i, e)) == 0)
			rc = student_notes(&y, &rn, i, e);
	/* The adults' own gratitude entries, about no student. */
	for (a = 0; a < s->nadult && rc == 0; a++) {
		n = how_many(&rn, 30, 20, 15);
		for (j = 0; j < n && rc == 0; j++)
			rc = put_note(&y, -1, some_time(&y, &rn, 0, 15 * 60,
			    4 * 60), a, "gratitude", PICK(&rn, gratitudes), 1,
			    e);
	}
out:
	year_free(&y);
	if (rel_db_exec(s->db, "PRAGMA ignore_check_constraints=OFF",
	    rc == 0 ? e : &e2) != 0 && rc == 0)
		rc = e->code;
	return rc;
}

/* The families, goals and supports, and restorative cases, each from its
 * own module, with the CHECK constraints off as in write_year: their
 * write functions check every value first. */
static int
write_kinds(struct rel_db *db, unsigned long seed, struct rel_err *e)
{
	struct rel_err e2;
	int rc;

	if ((rc = rel_db_exec(db, "PRAGMA ignore_check_constraints=ON",
	    e)) != 0)
		return rc;
	if ((rc = rel_family_sample(db, seed, e)) == 0 &&
	    (rc = rel_goal_sample(db, seed, e)) == 0 &&
	    (rc = rel_restore_sample(db, seed, e)) == 0)
		rc = rel_indicator_sample(db, seed, e);
	if (rel_db_exec(db, "PRAGMA ignore_check_constraints=OFF",
	    rc == 0 ? e : &e2) != 0 && rc == 0)
		rc = e->code;
	return rc;
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
	s.lang = rel_xmalloc((size_t)n);
	s.sg = rel_xcalloc((size_t)n, sizeof(*s.sg));
	if ((rc = check_empty(db, e)) == 0 &&
	    (rc = write_adults(&s, e)) == 0 &&
	    (rc = write_students(&s, e)) == 0 &&
	    (rc = write_advisories(&s, e)) == 0 &&
	    (rc = write_classes(&s, e)) == 0 &&
	    (rc = write_clubs(&s, e)) == 0 &&
	    (rc = write_members(&s, e)) == 0 &&
	    (rc = write_map(&s, e)) == 0 &&
	    (rc = write_year(&s, seed, e)) == 0 &&
	    (rc = write_kinds(db, seed, e)) == 0) {
		snprintf(val, sizeof(val), "%ld students, seed %lu", n, seed);
		if ((rc = rel_db_setting_put(db, "sample", val, e)) == 0)
			rc = rel_db_commit(db, e);
	}
	if (rc != 0)
		rel_db_rollback(db);
	free(s.grade);
	free(s.lang);
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
