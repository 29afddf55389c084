/*
 * import.c: every importer, into an in-memory database holding a tiny
 * fictional school. The first byte picks the kind (see kinds below), the
 * second the options (bit 0 dry run, 1 a rejects file, 2 --wide where the
 * kind has it, or for check-ins batches of 1 to 16 rows (the high nibble
 * of the first byte), so that runs are spilled to $TMPDIR, merged and
 * ids read into maps, 3 a --date-format, 4 --student-from email, 5
 * --ignore-unknown), and the rest is the CSV.
 *
 * After each import: PRAGMA quick_check says ok, foreign_key_check finds
 * nothing, and an import that failed or was a dry run changed nothing (a
 * checksum of every row of every table is the school's). When the
 * checksum says an import wrote, the school is copied back
 * (sqlite3_backup) from an in-memory template made once.
 */
#define _GNU_SOURCE		/* memfd_create */
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "internal.h"

#include "rel/access.h"
#include "rel/checkin.h"
#include "rel/connection.h"
#include "rel/db.h"
#include "rel/family.h"
#include "rel/goal.h"
#include "rel/import.h"
#include "rel/indicator.h"
#include "rel/note.h"
#include "rel/oneroster.h"
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
static char ordir[64];			/* the OneRoster export */

/* FNV-1a over every value of every table, with its type. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		h = (h ^ *b++) * 1099511628211u;
	return h;
}

/* The statements of the checks, prepared once: SELECT * of each table,
 * quick_check and foreign_key_check. */
#define MAXTABLES 128
static sqlite3_stmt *tables[MAXTABLES], *quick, *fkeys;
static size_t ntables;

static void
prepare_checks(void)
{
	sqlite3 *h = rel_db_handle(db);
	sqlite3_stmt *st;
	char sql[256];

	FUZZ_CHECK(sqlite3_prepare_v2(h, "SELECT name FROM main.sqlite_schema "
	    "WHERE type = 'table' ORDER BY name", -1, &st, NULL) == SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		FUZZ_CHECK(ntables < MAXTABLES);
		/* Table names come from the schema, never from input. */
		snprintf(sql, sizeof(sql), "SELECT * FROM main.\"%s\"",
		    (const char *)sqlite3_column_text(st, 0));
		FUZZ_CHECK(sqlite3_prepare_v2(h, sql, -1, &tables[ntables++],
		    NULL) == SQLITE_OK);
	}
	sqlite3_finalize(st);
	FUZZ_CHECK(sqlite3_prepare_v2(h, "PRAGMA quick_check", -1, &quick,
	    NULL) == SQLITE_OK);
	FUZZ_CHECK(sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1,
	    &fkeys, NULL) == SQLITE_OK);
}

static void
finish_checks(void)
{
	size_t i;

	for (i = 0; i < ntables; i++)
		sqlite3_finalize(tables[i]);
	sqlite3_finalize(quick);
	sqlite3_finalize(fkeys);
}

static uint64_t
checksum(void)
{
	uint64_t sum = 14695981039346656037u;
	sqlite3_stmt *st;
	size_t k;
	int i, t;

	for (k = 0; k < ntables; k++) {
		st = tables[k];
		sum = fnv(sum, &k, sizeof(k));
		while (sqlite3_step(st) == SQLITE_ROW)
			for (i = 0; i < sqlite3_column_count(st); i++) {
				t = sqlite3_column_type(st, i);
				sum = fnv(sum, &t, sizeof(t));
				if (t != SQLITE_NULL)
					sum = fnv(sum, sqlite3_column_blob(st, i),
					    (size_t)sqlite3_column_bytes(st, i));
			}
		FUZZ_CHECK(sqlite3_reset(st) == SQLITE_OK);
	}
	return sum;
}

/* PRAGMA quick_check is ok; foreign_key_check has no row; no
 * transaction is left open. */
static void
check_db(void)
{
	FUZZ_CHECK(sqlite3_step(quick) == SQLITE_ROW);
	FUZZ_CHECK(strcmp((const char *)sqlite3_column_text(quick, 0),
	    "ok") == 0);
	FUZZ_CHECK(sqlite3_step(quick) == SQLITE_DONE);
	FUZZ_CHECK(sqlite3_reset(quick) == SQLITE_OK);
	FUZZ_CHECK(sqlite3_step(fkeys) == SQLITE_DONE);
	FUZZ_CHECK(sqlite3_reset(fkeys) == SQLITE_OK);
	FUZZ_CHECK(sqlite3_get_autocommit(rel_db_handle(db)));
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

/* A tiny fictional OneRoster export, file by file. */
static const char *const oneroster[][2] = {
	{ "manifest.csv", "propertyName,value\nmanifest.version,1.0\n"
	    "oneroster.version,1.1\nfile.classes,bulk\nfile.enrollments,bulk\n"
	    "file.orgs,bulk\nfile.users,bulk\n" },
	{ "orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,"
	    "parentSourcedId\norg-hv,active,2026-08-01T08:00:00.000Z,"
	    "Harbour View High,school,HV,\n" },
	{ "users.csv", "sourcedId,status,dateLastModified,enabledUser,"
	    "orgSourcedIds,role,username,userIds,givenName,familyName,"
	    "middleName,identifier,email,sms,phone,agentSourcedIds,grades,"
	    "password\nu-t1,active,2026-08-01T08:00:00.000Z,true,org-hv,"
	    "teacher,rfonoti,,Rangi,Fonoti,,T-5001,rfonoti@hv.example,,,,,\n"
	    "u-s1,active,2026-08-01T08:00:00.000Z,true,org-hv,student,ahaddad,"
	    ",Amira,Haddad,,S-1001,ahaddad@hv.example,,,u-g1,09,\n"
	    "u-g1,active,2026-08-01T08:00:00.000Z,true,org-hv,guardian,,,"
	    "Samir,Haddad,,,samir@home.example,,,u-s1,,\n" },
	{ "classes.csv", "sourcedId,status,dateLastModified,title,grades,"
	    "courseSourcedId,classCode,classType,location,schoolSourcedId,"
	    "termSourcedIds,subjects,subjectCodes,periods\nc-hr9,active,"
	    "2026-08-01T08:00:00.000Z,Homeroom 9A,09,crs-hr,HR9A,homeroom,"
	    "Room 12,org-hv,term-2026,,,\n" },
	{ "enrollments.csv", "sourcedId,status,dateLastModified,"
	    "classSourcedId,schoolSourcedId,userSourcedId,role,primary,"
	    "beginDate,endDate\ne1,active,2026-08-01T08:00:00.000Z,c-hr9,"
	    "org-hv,u-t1,teacher,true,2026-08-20,2027-06-15\ne2,active,"
	    "2026-08-01T08:00:00.000Z,c-hr9,org-hv,u-s1,student,false,"
	    "2026-08-20,2027-06-15\n" },
};

static void
write_file(const char *name, const void *d, size_t n)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", ordir, name);
	FUZZ_CHECK((fp = fopen(path, "wb")) != NULL);
	FUZZ_CHECK(fwrite(d, 1, n, fp) == n);
	FUZZ_CHECK(fclose(fp) == 0);
}

/* rel-roster import --oneroster over the files the input gives. */
static int
import_oneroster(const uint8_t *d, size_t n, unsigned opt, int *dry,
    struct rel_err *e)
{
	struct rel_oneroster_opts o;
	struct rel_oneroster_count c;
	const uint8_t *end = d + n, *ff;
	size_t i;

	if (n == 0)
		d = NULL;	/* no file given: the whole default export */
	for (i = 0; i < sizeof(oneroster) / sizeof(oneroster[0]); i++) {
		if (d == NULL) {
			write_file(oneroster[i][0], oneroster[i][1],
			    strlen(oneroster[i][1]));
			continue;
		}
		ff = memchr(d, '\f', (size_t)(end - d));
		if (ff == d || d == end)	/* an empty part: the default */
			write_file(oneroster[i][0], oneroster[i][1],
			    strlen(oneroster[i][1]));
		else
			write_file(oneroster[i][0], d,
			    (size_t)((ff ? ff : end) - d));
		d = ff != NULL ? ff + 1 : NULL;
	}
	memset(&o, 0, sizeof(o));
	memset(&c, 0, sizeof(c));
	o.dry_run = *dry = opt & 1;
	o.school = (opt & 16) ? "org-hv" : NULL;
	o.id_from_identifier = (opt & 32) != 0;
	return rel_oneroster_import(db, ordir, &o, &c, e);
}

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
	snprintf(ordir, sizeof(ordir), "%s/oneroster", dir);
	FUZZ_CHECK(mkdir(ordir, 0700) == 0);
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
	prepare_checks();
	school_sum = checksum();
	check_db();
}

static void
cleanup(void)
{
	char path[128];
	size_t i;

	finish_checks();
	rel_db_close(db);
	sqlite3_close(tmpl);
	close(memfd);
	unlink(rejects);
	for (i = 0; i < sizeof(oneroster) / sizeof(oneroster[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", ordir, oneroster[i][0]);
		unlink(path);
	}
	rmdir(ordir);
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
	int parties;
	uint64_t sum;
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
	if (data[0] % 16 == 15) {
		rc = import_oneroster(data + 2, size - 2, opt, &o.dry_run, &e);
		goto check;
	}
	o.dry_run = opt & 1;
	o.rejects = (opt & 2) ? rejects : NULL;
	o.date_format = (opt & 8) ? formats[(opt >> 6) & 3] : NULL;
	o.student_from_email = (opt & 16) != 0;
	o.ignore_unknown = (opt & 32) != 0;
	switch (data[0] % 16) {
	case 0:
		k = rel_checkin_kind();
		if (opt & 4)
			rel_checkin_batch_rows(1 + (data[0] >> 4));
		break;
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
		parties = data[0] % 16 == 8;
		o.choose = rel_restore_choose;
		o.ctx = &parties;
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
		forced = data[0] % 16 - 10;
		o.choose = roster_forced;
		o.ctx = &forced;
		break;
	}
	put_input(data + 2, size - 2);
	rc = import(k, nk, &o, &e);
	rel_checkin_batch_rows(0);
check:
	check_db();
	if (rc != 0)
		FUZZ_CHECK(e.code == rc && e.msg[0] != '\0');
	sum = checksum();
	if (o.dry_run || (rc != 0 && o.rejects == NULL))
		FUZZ_CHECK(sum == school_sum);
	/* Back to the school, when the import wrote to it. */
	if (sum != school_sum)
		copy(rel_db_handle(db), tmpl);
	return 0;
}
