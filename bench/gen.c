/*
 * gen.c: make a fictional district, deterministically, as the CSV files
 * that rel's importers read. The benchmark (bench/run.sh) builds its
 * databases from them and times rel against its peers on them.
 *
 *	gen [-s seed] dir students checkins
 *
 * writes into dir:
 *	adults.csv	one adult for every 14 students (about 7,000 for 100k)
 *	students.csv	students, with non-ASCII names, emails and logins
 *	groups.csv	one advisory for every 25 students, led by an advisor
 *	members.csv	each student in one advisory
 *	connections.csv	one to three adults for six students in seven
 *	checkins.csv	the check-ins, in the order a daily form exports them:
 *			day by day, each day's students interleaved in time
 *	notes.csv	one note for every 20 check-ins
 *	indicators.csv	attendance, one value for every 10 check-ins
 *
 * Free text is realistic CSV: quoted, with commas, doubled quotes, line
 * breaks and non-ASCII letters. Every name is made up. The same
 * arguments always give the same bytes; the school year runs from
 * 2025-09-01, weekdays only; dir/now holds the evening of the last day,
 * the REL_NOW to run rel at.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const given[] = {
	"Amara", "José", "Zoë", "Søren", "Aoife", "Łukasz", "Mei", "Yusuf",
	"Fatima", "Ngozi", "Oluwaseun", "Aarav", "Chloé", "Björn", "Thảo",
	"Mateo", "Nia", "Kenji", "Leilani", "Dmitri", "Ana-Sofía", "Hiba",
	"Tomás", "Ximena", "Wiremu", "Inés", "Kwame", "Saoirse", "Jae-won",
	"Emeka", "Noa", "Priya", "Ömer", "Greta", "Ayasha", "Liam", "Maya",
	"Ethan", "Sofia", "Noah"
};
static const char *const family[] = {
	"García-López", "Nguyễn", "O'Brien", "Müller", "Okonkwo", "Kowalski",
	"Hernández", "Watanabe", "Al-Sayed", "Đặng", "Johansson", "Mbeki",
	"Smith, Jr.", "Castañeda", "Papadopoulos", "Ó Súilleabháin", "Kim",
	"Haddad", "Rossi", "Begay", "Fernández", "Novák", "Tanaka", "Achebe",
	"Lindqvist", "Yilmaz", "Silva", "Dubois", "Chen", "Patel"
};
static const char *const language[] = {
	"English", "Spanish", "Vietnamese", "Arabic", "Tagalog", "Polish",
	"Somali", "Portuguese", "Mandarin", "Yoruba"
};
static const char *const pronouns[] = { "", "", "she/her", "he/him",
	"they/them" };

/* Free text for check-ins, notes and connections: each holds something
 * the CSV writer has to quote. */
static const char *const text[] = {
	"Tired today, stayed up late finishing the robotics build",
	"Said the group project is going well, finally",
	"Quiet in class; asked \"can we talk later?\"",
	"Great energy after the match, won 3-1",
	"Worried about the chemistry test.\nAsked for extra practice.",
	"Missed the bus again, walked in at 8:40",
	"Helped a new student find the library — very kind",
	"Über-focused on the essay, wants feedback, by Friday",
	"Family visiting from abroad; a bit distracted, but happy",
	"Said: \"I don't get fractions\", then got them",
	"Mentioned the café job is taking more hours\nthis month",
	"Árvore project presented to the class, proud of it",
};

/* xorshift64*: small, fast and the same everywhere. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static unsigned
pick(unsigned n)
{
	return (unsigned)(next() % n);
}

/* Write s as one CSV field, quoted when it must be. */
static void
field(FILE *fp, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	putc('"', fp);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', fp);
		putc(*p, fp);
	}
	putc('"', fp);
}

static FILE *
create(const char *dir, const char *name, const char *header)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(73);
	}
	if (header != NULL)
		fprintf(fp, "%s\n", header);
	return fp;
}

static void
finish(FILE *fp, const char *name)
{
	if (fflush(fp) != 0 || ferror(fp) || fclose(fp) != 0) {
		fprintf(stderr, "gen: %s: write error: %s\n", name,
		    strerror(errno));
		exit(74);
	}
}

/* Day d (0-based) of the school year as Y-M-D: weekdays only, from
 * Monday 2025-09-01. */
static void
school_day(long d, char *buf, size_t n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	long day = d / 5 * 7 + d % 5;	/* days since 2025-09-01 */
	int y = 2025, m = 8, md;	/* m 0-based */

	for (;;) {
		md = mdays[m] + (m == 1 && y % 4 == 0);
		if (day < md)
			break;
		day -= md;
		if (++m == 12) {
			m = 0;
			y++;
		}
	}
	snprintf(buf, n, "%04d-%02d-%02ld", y, m + 1, day + 1);
}

static long
number(const char *s, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 100000000) {
		fprintf(stderr, "gen: %s: \"%s\" is not a number from 1 to "
		    "100000000\n", what, s);
		exit(64);
	}
	return v;
}

int
main(int argc, char **argv)
{
	long students, checkins, adults, groups, days, i, d, k, n, prev;
	char date[40];
	FILE *fp;
	int c;

	while ((c = getopt(argc, argv, "s:")) != -1) {
		if (c != 's') {
			fprintf(stderr, "usage: gen [-s seed] dir students "
			    "checkins\n");
			return 64;
		}
		rng ^= (uint64_t)number(optarg, "-s") * 0x100000001b3ULL;
	}
	if (argc - optind != 3) {
		fprintf(stderr, "usage: gen [-s seed] dir students checkins\n");
		return 64;
	}
	students = number(argv[optind + 1], "students");
	checkins = number(argv[optind + 2], "checkins");
	if (mkdir(argv[optind], 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen: %s: %s\n", argv[optind], strerror(errno));
		return 73;
	}
	const char *dir = argv[optind];
	adults = students / 14 + 1;
	groups = (students + 24) / 25;

	/* Adults: one advisor for each advisory first, then teachers, with
	 * a counselor for every 250 students. */
	fp = create(dir, "adults.csv", "adult_id,given_name,family_name,"
	    "email,role,login");
	for (i = 1; i <= adults; i++) {
		const char *role = i <= groups ? "advisor" :
		    i % 18 == 0 ? "counselor" : "teacher";

		fprintf(fp, "A%05ld,", i);
		field(fp, given[pick(NELEM(given))]);
		putc(',', fp);
		field(fp, family[pick(NELEM(family))]);
		fprintf(fp, ",a%05ld@district.example,%s,staff%05ld\n", i,
		    role, i);
	}
	finish(fp, "adults.csv");

	fp = create(dir, "students.csv", "student_id,given_name,family_name,"
	    "preferred_name,pronouns,grade,home_language,email,login");
	for (i = 1; i <= students; i++) {
		fprintf(fp, "S%06ld,", i);
		field(fp, given[pick(NELEM(given))]);
		putc(',', fp);
		field(fp, family[pick(NELEM(family))]);
		fprintf(fp, ",%s,%s,%ld,%s,s%06ld@students.example,s%06ld\n",
		    pick(6) == 0 ? given[pick(NELEM(given))] : "",
		    pronouns[pick(NELEM(pronouns))], 9 + i % 4,
		    language[pick(7) == 0 ? pick(NELEM(language)) : 0], i, i);
	}
	finish(fp, "students.csv");

	fp = create(dir, "groups.csv", "group_id,name,kind,lead_adult_id");
	for (i = 1; i <= groups; i++)
		fprintf(fp, "ADV%05ld,Advisory %ld,advisory,A%05ld\n", i, i, i);
	finish(fp, "groups.csv");

	fp = create(dir, "members.csv", "group_id,student_id");
	for (i = 1; i <= students; i++)
		fprintf(fp, "ADV%05ld,S%06ld\n", (i - 1) / 25 + 1, i);
	finish(fp, "members.csv");

	/* The advisor knows the advisee, often as the primary adult; a
	 * teacher or two may know them too. One student in seven has
	 * nobody. */
	fp = create(dir, "connections.csv", "student_id,adult_id,strength,"
	    "primary,at,note");
	for (i = 1; i <= students; i++) {
		if (pick(7) == 0)
			continue;
		n = 1 + pick(3);
		for (k = 0, prev = 0; k < n; k++) {
			long a = k == 0 ? (i - 1) / 25 + 1 :
			    groups + 1 + pick((unsigned)(adults - groups));

			/* A student and adult appear once in an import: a
			 * second teacher drawn the same is the next one. */
			if (a == prev)
				a = groups + 1 + (a - groups) % (adults - groups);
			prev = a;

			fprintf(fp, "S%06ld,A%05ld,%u,%d,2025-08-%02uT15:%02u,",
			    i, a, 1 + pick(3), k == 0 && pick(2) == 0,
			    2 + pick(25), pick(60));
			if (pick(4) == 0)
				field(fp, text[pick(NELEM(text))]);
			putc('\n', fp);
		}
	}
	finish(fp, "connections.csv");

	/* Check-ins, day by day: on each day every student checks in once
	 * with their advisor, in an order that changes from day to day, at
	 * times that rise through the morning, as a form's export lists
	 * them. Days are as many as it takes. */
	fp = create(dir, "checkins.csv", "student_id,at,adult_id,kind,mood,"
	    "understanding,workload,note,visibility");
	days = (checkins + students - 1) / students;
	for (d = 0, n = 0; d < days && n < checkins; d++) {
		/* A permutation of the students: i -> (i * step + off) mod
		 * students, step coprime with students. */
		uint64_t step, off = next() % (uint64_t)students;

		do
			step = 1 + next() % (uint64_t)students;
		while (students > 1 && (step % 2 == 0 && students % 2 == 0));
		for (;;) {
			uint64_t a = step, b = (uint64_t)students, t;

			while (b != 0) {
				t = a % b;
				a = b;
				b = t;
			}
			if (a == 1)
				break;
			step++;
		}
		school_day(d, date, sizeof(date));
		for (i = 0; i < students && n < checkins; i++, n++) {
			long s = (long)(((uint64_t)i * step + off) %
			    (uint64_t)students) + 1;
			long minute = 7 * 60 + 30 + i * 300 / students;
			unsigned mood = 1 + pick(5), r = pick(20);

			if (mood < 3 && pick(2) == 0)
				mood += 2;
			fprintf(fp, "S%06ld,%sT%02ld:%02ld,A%05ld,checkin,%u,%u,"
			    "%u,", s, date, minute / 60, minute % 60,
			    (s - 1) / 25 + 1, mood, 1 + pick(5), 1 + pick(5));
			if (r < 2)
				field(fp, text[pick(NELEM(text))]);
			fputs(r == 0 ? ",private\n" : r == 1 ? ",staff\n" :
			    ",\n", fp);
		}
	}
	finish(fp, "checkins.csv");

	/* The time to run rel at: the evening of the last day. */
	fp = create(dir, "now", NULL);
	school_day(days > 0 ? days - 1 : 0, date, sizeof(date));
	fprintf(fp, "%sT18:00:00\n", date);
	finish(fp, "now");

	fp = create(dir, "notes.csv", "student_id,at,adult_id,kind,text,"
	    "visibility");
	for (i = 0; i < checkins / 20; i++) {
		static const char *const kinds[] = { "affirmation",
			"affirmation", "observation", "feedback", "concern" };
		long s = 1 + (long)pick((unsigned)students);

		school_day((long)pick((unsigned)days), date, sizeof(date));
		fprintf(fp, "S%06ld,%sT%02u:%02u,A%05ld,%s,", s, date,
		    9 + pick(7), pick(60), (s - 1) / 25 + 1,
		    kinds[pick(NELEM(kinds))]);
		field(fp, text[pick(NELEM(text))]);
		fputs(",\n", fp);
	}
	finish(fp, "notes.csv");

	/* Attendance, weekly: one value per student and week, as many
	 * weeks as make a tenth of the check-ins. */
	fp = create(dir, "indicators.csv", "student_id,date,name,value,source");
	for (d = 0, n = 0; n < checkins / 10; d += 5)
		for (i = 1; i <= students && n < checkins / 10; i++, n++) {
			unsigned v = 100 - (pick(10) == 0 ? pick(40) : pick(8));

			school_day(d, date, sizeof(date));
			fprintf(fp, "S%06ld,%s,attendance,0.%02u,sis\n", i,
			    date, v == 100 ? 99 : v);
		}
	finish(fp, "indicators.csv");
	return 0;
}
