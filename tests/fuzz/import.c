/*
 * import.c: every importer, into an in-memory database holding a tiny
 * fictional school. The first byte picks the kind (see kinds below), the
 * second the options (bit 0 dry run, 1 a rejects file, 2 --wide where the
 * kind has it, 3 a --date-format, 4 --student-from email, 5
 * --ignore-unknown), and the rest is the CSV.
 *
 * After each import: PRAGMA quick_check says ok, foreign_key_check finds
 * nothing, and an import that failed or was a dry run changed nothing (a
 * checksum of every row of every table is the school's). The database is
 * reset between inputs by copying the school back (sqlite3_backup) from
 * an in-memory template made once.
 */
#define _GNU_SOURCE		/* memfd_create */
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

#include "rel/access.h"
#include "rel/checkin.h"
#include "rel/connection.h"
#include "rel/db.h"
#include "rel/family.h"
#include "rel/goal.h"
#include "rel/import.h"
#include "rel/indicator.h"
#include "rel/note.h"
#include "rel/profile.h"
#include "rel/restore.h"
#include "rel/roster.h"

static struct rel_db *db;
static sqlite3 *tmpl;			/* the school, to reset from */
static uint64_t school_sum;		/* its checksum */
static int memfd = -1;			/* the CSV, read as a file */
static char input[64];			/* its path: /proc/self/fd/N */
static char dir[] = "/tmp/rel-fuzz.XXXXXX";
static char rejects[64];

/* FNV-1a over every value of every table, with its type. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		h = (h ^ *b++) * 1099511628211u;
	return h;
}

static uint64_t
checksum(void)
{
	sqlite3 *h = rel_db_handle(db);
	sqlite3_stmt *tables, *st;
	uint64_t sum = 14695981039346656037u;
	char sql[256];
	int i, t;

	FUZZ_CHECK(sqlite3_prepare_v2(h, "SELECT name FROM main.sqlite_schema "
	    "WHERE type = 'table' ORDER BY name", -1, &tables, NULL) == SQLITE_OK);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(tables, 0);

		/* Table names come from the schema, never from input. */
		snprintf(sql, sizeof(sql), "SELECT * FROM main.\"%s\"", name);
		sum = fnv(sum, name, strlen(name) + 1);
		FUZZ_CHECK(sqlite3_prepare_v2(h, sql, -1, &st, NULL) ==
		    SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (i = 0; i < sqlite3_column_count(st); i++) {
				t = sqlite3_column_type(st, i);
				sum = fnv(sum, &t, sizeof(t));
				if (t != SQLITE_NULL)
					sum = fnv(sum, sqlite3_column_blob(st, i),
					    (size_t)sqlite3_column_bytes(st, i));
			}
		sqlite3_finalize(st);
	}
	sqlite3_finalize(tables);
	return sum;
}

/* PRAGMA quick_check is ok; foreign_key_check has no row. */
static void
check_db(void)
{
	sqlite3 *h = rel_db_handle(db);
	sqlite3_stmt *st;

	FUZZ_CHECK(sqlite3_prepare_v2(h, "PRAGMA quick_check", -1, &st, NULL)
	    == SQLITE_OK);
	FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW);
	FUZZ_CHECK(strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0);
	FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	FUZZ_CHECK(sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1, &st,
	    NULL) == SQLITE_OK);
	FUZZ_CHECK(sqlite3_step(st) == SQLITE_DONE);
	sqlite3_finalize(st);
	FUZZ_CHECK(sqlite3_get_autocommit(h));
}

/* Copy the whole database from one handle to another. */
static void
copy(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");

	FUZZ_CHECK(b != NULL);
	FUZZ_CHECK(sqlite3_backup_step(b, -1) == SQLITE_DONE);
	FUZZ_CHECK(sqlite3_backup_finish(b) == SQLITE_OK);
}

/* Put the CSV bytes where rel_import reads them. */
static void
put_input(const void *d, size_t n)
{
	FUZZ_CHECK(ftruncate(memfd, 0) == 0);
	FUZZ_CHECK(n == 0 || pwrite(memfd, d, n, 0) == (ssize_t)n);
}

static int
import(const struct rel_import_kind *kinds, size_t nkinds,
    const struct rel_import_opts *o, struct rel_err *e)
{
	struct rel_import_count counts[REL_ROSTER_NKINDS];
	const char *files[1];

	files[0] = input;
	memset(counts, 0, sizeof(counts));
	return rel_import(db, files, 1, kinds, nkinds, o, counts, e);
}

static int
roster_detect(void *ctx, const struct rel_csv_row *hdr, const char *file,
    size_t *kind, struct rel_err *e)
{
	(void)ctx;
	return rel_roster_detect(hdr, file, kind, e);
}

static int
roster_forced(void *ctx, const struct rel_csv_row *hdr, const char *file,
    size_t *kind, struct rel_err *e)
{
	(void)hdr;
	(void)file;
	(void)e;
	*kind = *(const size_t *)ctx;
	return 0;
}

/* As rel-restore import: a header naming a role is a party file. */
static int
restore_choose(void *ctx, const struct rel_csv_row *hdr, const char *file,
    size_t *kind, struct rel_err *e)
{
	size_t i;

	(void)file;
	(void)e;
	*kind = *(const size_t *)ctx;
	for (i = 0; i < hdr->n; i++)
		if (strcmp(hdr->f[i], "role") == 0)
			*kind = 1;
	return 0;
}

static const char *const school[][2] = {
	{ "roster", "student_id,given_name,family_name,grade,email,login\n"
	    "100201,Thandiwe,Fictional,9,thandi@school.example,tfictional\n"
	    "100202,Liam,Sample,9,liam@school.example,lsample\n"
	    "100203,Mei,Example,10,mei@school.example,mexample\n"
	    "100204,Seun,Madeup,9,seun@school.example,smadeup\n" },
	{ "roster", "adult_id,given_name,family_name,email,role,login\n"
	    "A901,Hana,Invented,hana@school.example,counselor,hinvented\n"
	    "A902,Kwame,Pretend,kwame@school.example,teacher,kpretend\n"
	    "A903,Ingrid,Notreal,ingrid@school.example,advisor,inotreal\n" },
	{ "roster", "group_id,name,kind,lead_adult_id\n"
	    "ADV-204,Advisory 204,advisory,A903\n" },
	{ "roster", "group_id,student_id,adult_id\n"
	    "ADV-204,100201,\nADV-204,100202,\nADV-204,,A903\n" },
	{ "goal", "goal_id,student_id,kind,area,text,set_by,start,due,"
	    "check_every,status,at,adult_id\n"
	    "ADV-1,100201,goal,academic,Hand in every lab,student,2026-10-26,"
	    "2026-11-23,7d,open,2026-10-26T08:30:00,A903\n" },
	{ "restore", "case_id,opened_at,adult_id,kind,summary,status\n"
	    "R1,2026-10-05T10:15:00,A901,harm,A made-up case,open\n" },
};

static void
setup(void)
{
	const struct rel_import_kind *k;
	struct rel_import_opts o;
	struct rel_actor who;
	struct rel_err e;
	size_t i;

	setenv("REL_NOW", "2026-11-20T10:00:00", 1);
	memfd = memfd_create("rel-fuzz-input", 0);
	FUZZ_CHECK(memfd >= 0);
	snprintf(input, sizeof(input), "/proc/self/fd/%d", memfd);
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	snprintf(rejects, sizeof(rejects), "%s/rejects.csv", dir);
	FUZZ_CHECK(rel_db_open(&db, NULL, REL_DB_MEMORY, &e) == 0);
	for (i = 0; i < sizeof(school) / sizeof(school[0]); i++) {
		memset(&o, 0, sizeof(o));
		if (strcmp(school[i][0], "roster") == 0) {
			k = rel_roster_kinds();
			o.choose = roster_detect;
		} else if (strcmp(school[i][0], "goal") == 0)
			k = rel_goal_kind();
		else
			k = rel_restore_kind();
		put_input(school[i][1], strlen(school[i][1]));
		if (import(k, k == rel_roster_kinds() ? REL_ROSTER_NKINDS : 1,
		    &o, &e) != 0) {
			fprintf(stderr, "fuzz import: seeding: %s:%ld: %s\n",
			    e.file, e.line, e.msg);
			abort();
		}
		/* The acting adult, once there is one. */
		if (i == 1)
			FUZZ_CHECK(rel_actor_find(db, "A901", &who, &e) == 0 &&
			    who.id != 0);
	}
	FUZZ_CHECK(sqlite3_open(":memory:", &tmpl) == SQLITE_OK);
	copy(tmpl, rel_db_handle(db));
	school_sum = checksum();
	check_db();
}

static void
cleanup(void)
{
	unlink(rejects);
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = { "%m/%d/%Y %H:%M", "%d.%m.%Y",
		"%Y-%m-%d %I:%M %p", "%e %b %Y" };
	static int once;
	struct rel_import_kind restore[2];
	const struct rel_import_kind *k;
	struct rel_import_opts o;
	struct rel_err e;
	size_t nk = 1, forced;
	unsigned opt;
	int rc;

	if (!once) {
		setup();
		atexit(cleanup);
		once = 1;
	}
	if (size < 2)
		return 0;
	opt = data[1];
	memset(&o, 0, sizeof(o));
	o.dry_run = opt & 1;
	o.rejects = (opt & 2) ? rejects : NULL;
	o.date_format = (opt & 8) ? formats[(opt >> 6) & 3] : NULL;
	o.student_from_email = (opt & 16) != 0;
	o.ignore_unknown = (opt & 32) != 0;
	switch (data[0] % 15) {
	case 0: k = rel_checkin_kind(); break;
	case 1: k = rel_note_kind(); break;
	case 2: k = rel_family_kind(); break;
	case 3: k = rel_goal_kind(); break;
	case 4: k = rel_progress_kind(); break;
	case 5:
		k = rel_indicator_kind();
		if (opt & 4) {
			o.wide = rel_indicator_wide();
			o.ignore_unknown = 0;	/* as rel-indicator import */
		}
		break;
	case 6: k = rel_profile_kind(); break;
	case 7:
	case 8:
		/* rel-restore import, and with --parties. */
		restore[0] = *rel_restore_kind();
		restore[1] = *rel_restore_party_kind();
		k = restore;
		nk = 2;
		forced = data[0] % 15 == 8;
		o.choose = restore_choose;
		o.ctx = &forced;
		break;
	case 9: k = rel_conn_kind(); break;
	case 14:
		k = rel_roster_kinds();
		nk = REL_ROSTER_NKINDS;
		o.choose = roster_detect;
		break;
	default:
		/* rel-roster import --kind student, adult, group, member. */
		k = rel_roster_kinds();
		nk = REL_ROSTER_NKINDS;
		forced = data[0] % 15 - 10;
		o.choose = roster_forced;
		o.ctx = &forced;
		break;
	}
	put_input(data + 2, size - 2);
	rc = import(k, nk, &o, &e);
	check_db();
	if (rc != 0)
		FUZZ_CHECK(e.code == rc && e.msg[0] != '\0');
	if (o.dry_run || (rc != 0 && o.rejects == NULL))
		FUZZ_CHECK(checksum() == school_sum);
	copy(rel_db_handle(db), tmpl);
	return 0;
}
