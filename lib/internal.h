/*
 * internal.h: helpers shared inside librel, not part of its ABI.
 */
#ifndef REL_INTERNAL_H
#define REL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "rel/rel.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The longest free text (notes, summaries, goal text), in bytes: a
 * page of writing. Every kind uses this one limit (rel-records(5),
 * LIMITS). */
#define REL_TEXT_MAX 4000

/* malloc family that abort with a message on exhaustion: a half-done
 * operation is worse than a clear stop, and transactions roll back. */
void *rel_xmalloc(size_t n);
void *rel_xcalloc(size_t n, size_t size);
void *rel_xrealloc(void *p, size_t n);
char *rel_xstrdup(const char *s);

/* FNV-1a of len bytes of s: the hash of rel's string-keyed tables. */
uint64_t rel_hash(const char *s, size_t len);
/* Is the reader's input a regular file it opened (not stdin, a pipe or a
 * device), so that it can be opened again and read the same? */
struct rel_csv;
int rel_csv_regular(const struct rel_csv *r);

/* One integer from sql (a statement with no parameters that returns one
 * row): 0 and *v, or the status of rel_db_fail naming what. */
int rel_db_int64(struct rel_db *db, const char *sql, sqlite3_int64 *v,
    const char *what, struct rel_err *e);

/* A temporary file in $TMPDIR (else /tmp), already unlinked, open for
 * writing and reading; NULL with errno set. glibc's tmpfile() ignores
 * TMPDIR, which is where a sysadmin puts big temporary files. */
FILE *rel_tmpfile(void);
/* The directory rel_tmpfile uses, for messages. */
const char *rel_tmpdir(void);

/*
 * Files that may hold records (util.c): mode 0600 whatever the umask.
 * rel_file_private sets that mode on a file just made (0 or -1 with
 * errno); every file rel creates goes through it. A named output file is
 * written through a rel_wfile: open makes an empty private file beside
 * path, write fills it, commit syncs it and renames it over path (then
 * syncs the directory), abort removes it. Errors: 73 when the file cannot
 * be made or renamed, 74 when writing fails, 64 for a path ending in /.
 */
int rel_file_private(int fd);
struct rel_wfile {
	const char *path;	/* the name it gets (the caller's string) */
	char *tmp;		/* the temporary file beside it */
	int fd;			/* open on tmp for writing */
};
int rel_wfile_open(struct rel_wfile *w, const char *path, struct rel_err *e);
int rel_wfile_write(struct rel_wfile *w, const void *buf, size_t len,
    struct rel_err *e);
int rel_wfile_commit(struct rel_wfile *w, struct rel_err *e);
void rel_wfile_abort(struct rel_wfile *w);

/* Bounded copy that always NUL-terminates (n > 0). */
void rel_strlcpy(char *dst, const char *src, size_t n);

/* 0 if id (NULL: no filter) names a record of kind k, else 65 naming the
 * option opt: for filters, where an unknown id is a mistake. */
int rel_id_known(struct rel_db *db, enum rel_roster_kind k, const char *opt,
    const char *id, struct rel_err *e);

/* Bind column i of r to parameter p as text; an empty cell is left
 * NULL (import.c). */
void rel_rec_bind(sqlite3_stmt *st, int p, const struct rel_rec *r,
    size_t i);

/*
 * The keys one import has seen (import.c), so that a record that comes
 * twice in one import is a bad record rather than an overwrite. A write
 * function offers each key, normalized as it is stored, through
 * rel_rec_key after its checks and before it writes; the key is pending
 * until the import loop keeps it (the write succeeded) or drops it (the
 * record was rejected, so it makes no later record a repeat).
 */
struct rel_keys;
struct rel_keys *rel_keys_new(void);
void rel_keys_free(struct rel_keys *k);
/* The next input is called name (for "repeats line 4 of a.csv"). */
void rel_keys_file(struct rel_keys *k, const char *name);
/* The index of the current input (0 for the first). */
size_t rel_keys_nfile(const struct rel_keys *k);
/* Its name, or of input i. */
const char *rel_keys_name(const struct rel_keys *k, size_t i);
/* Keep (keep 1) or drop the pending keys. */
void rel_keys_commit(struct rel_keys *k, int keep);
/* Offer r's key: the bytes fmt makes (printf), in the namespace what
 * ("student", "check-in (student, minute, kind and adult)"). 0 if r has
 * no key set or the key is new; 65 naming column i (col) and the
 * earlier line when an earlier record of the import had it. */
int rel_rec_key(const struct rel_rec *r, size_t i, const char *col,
    const char *what, struct rel_err *e, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* The message of a repeat: file:line of the later record, its column
 * and value, the earlier record's line (and file, when another), and
 * what appears once. */
int rel_repeat_err(struct rel_err *e, const char *file, long line,
    const char *col, const char *v, size_t len, const char *efile,
    long eline, const char *what);

/* s in list (NULL-terminated), in any case: the name as stored, or NULL
 * if it is not there. */
const char *rel_word(const char *const *list, const char *s);
/* An option from a fixed list (record.c): NULL for none (s NULL), else
 * the name as stored; 64 naming opt, saying "is not <expected>", if s is
 * not one. */
int rel_word_opt(const char *opt, const char *s, const char *const *list,
    const char *expected, const char **v, struct rel_err *e);

/* Where the acting adult is kept on a database handle (access.c). */
struct rel_actor *rel_db_actor_slot(struct rel_db *db);

/* What a command has read, for the audit log (access.c): the students
 * whose private rows it returned (or every student it touched, for a
 * show or an export), and how many private rows. */
struct rel_ledger {
	sqlite3_int64 *ids;
	size_t n, cap;
	long private_rows;
	long rows;
	int all;		/* every student touched is recorded */
	int warned;		/* "staff records only" said */
};
struct rel_ledger *rel_db_ledger(struct rel_db *db);
/* The SQL functions rel_actor() and rel_sees_all() on a new handle. */
int rel_access_register(struct rel_db *db, struct rel_err *e);

/* The audit log's hash chain (chain.c). The SQL functions
 * rel_audit_link() and rel_audit_chain() on a new handle: an SQLite
 * status. */
int rel_chain_register(sqlite3 *h);
/* Seal audit row `audit`, the newest, once its audit_student rows are
 * written. */
int rel_chain_seal(struct rel_db *db, sqlite3_int64 audit,
    struct rel_err *e);
/* Check every seal and the audit tables' schema, reporting each problem
 * and setting *bad: 0, or the status of a failed query. */
int rel_chain_check(struct rel_db *db, void (*report)(void *, const char *),
    void *ctx, int *bad, struct rel_err *e);

/*
 * Visibility in SQL. Every query that reads check-ins, profile items,
 * notes or any later record kind puts REL_SEES(alias) in its WHERE
 * clause, for a table alias with student, adult and visibility columns:
 * staff rows (0) to everyone; every row to counselors and admins; an
 * adult's own rows to that adult; team rows (1) to the adults whose
 * students (temp.rel_team) they are. rel_actor() is NULL with no acting
 * adult, so that then only staff rows pass. Both functions are constant
 * within a statement, so SQLite works them out once per run; and
 * rel_sees_all() comes first, so that for a counselor a query that finds
 * its rows through an index never reads the table for the visibility
 * (SQLite defers that seek until a column needs it).
 * REL_TEAM(expr) is the same test for a student rowid alone.
 */
#define REL_SEES(t) \
    "(rel_sees_all() OR " t ".visibility = 0 OR " t ".adult = rel_actor() " \
    "OR (" t ".visibility = 1 AND " t ".student IN temp.rel_team))"
#define REL_TEAM(x) "(rel_sees_all() OR " x " IN temp.rel_team)"
/* A restorative case has no one student: its author, counselors and
 * admins, and the adults who are its parties see it; a team case also
 * the teams of its student parties. c is an alias of restorative_case. */
#define REL_SEES_CASE(c) \
    "(" c ".visibility = 0 OR rel_sees_all() OR " c ".adult = rel_actor() " \
    "OR EXISTS (SELECT 1 FROM party sp WHERE sp.rcase = " c ".id " \
    "AND (sp.adult = rel_actor() OR (" c ".visibility = 1 " \
    "AND sp.student IN temp.rel_team))))"

/* The rowid of an active student or adult by external id; 65 naming col
 * (at file:line) when unknown or deactivated. */
int rel_person(struct rel_db *db, int adult, const char *id, size_t len,
    const char *col, const char *file, long line, sqlite3_int64 *rowid,
    struct rel_err *e);

/* What rel_person says of a lookup's result (rowid 0: not found). */
int rel_person_check(int adult, sqlite3_int64 rowid, int active,
    const char *id, size_t len, const char *col, const char *file, long line,
    struct rel_err *e);

/* Every student's (adult 0) or adult's id in memory (idmap.c), read in
 * the caller's write transaction and valid while nothing writes them. */
struct rel_idmap;
int rel_idmap_load(struct rel_db *db, int adult, struct rel_idmap **m,
    struct rel_err *e);
/* The rowid of id (0: none) and whether it is active. */
sqlite3_int64 rel_idmap_get(const struct rel_idmap *m, const char *id,
    size_t len, int *active);
/* Start fetching id's slot into the cache: a district's table is larger
 * than the cache, and the row's other checks can run meanwhile. */
void rel_idmap_prefetch(const struct rel_idmap *m, const char *id,
    size_t len);
void rel_idmap_free(struct rel_idmap *m);

/* A kind whose import writes are buffered (import.c): begin before its
 * first record, flush after the import's last (writing what was
 * buffered: *dups of the records counted as added were duplicates of
 * records already held, and *repeats repeated an earlier record of the
 * import, each handed to bad with its input (an index of keys), line
 * and message, and not written), and end always, after flush or on
 * failure. */
struct rel_import_batch {
	int (*begin)(struct rel_db *db, struct rel_err *e);
	int (*flush)(struct rel_db *db, const struct rel_keys *keys,
	    long *dups, long *repeats,
	    void (*bad)(void *ctx, size_t file, long line, struct rel_err *e),
	    void *ctx, struct rel_err *e);
	void (*end)(void);
};
const struct rel_import_batch *rel_checkin_batch(void);
/* Rows a check-in batch holds before it sorts them into a run, and
 * looks up one by one before it reads every id into maps (0: the
 * defaults, 1M and 4096); for tests, which need both without a million
 * rows. */
void rel_checkin_batch_rows(size_t n);
/* The virtual table that batch writes from, on every connection. */
int rel_checkin_register(sqlite3 *h);

/* The rowid of a student or adult by external id for a filter option
 * (NULL: 0, no filter); 65 naming opt when unknown. */
int rel_id_rowid(struct rel_db *db, enum rel_roster_kind k, const char *opt,
    const char *id, sqlite3_int64 *rowid, struct rel_err *e);

/*
 * The one-page student card (rel-profile show, rel-report student),
 * written by profile.c with a section from each record kind, into a
 * document (render.h) in any format. A line of the card is written as
 * plain text into c->fp (rel_card_put for text from the database: on one
 * line), between rel_card_bullet and rel_card_end, which gives it to the
 * document (escaped there) and, for scripts, to the card's data table.
 */
struct rel_card {
	FILE *fp;		/* the current line, plain text */
	char *line;
	size_t len;
	size_t sent;		/* bytes of the line already given */
	struct rel_doc *d;
	struct rel_out *data;	/* student_id section text, or NULL */
	const char *student;
	const char *section;	/* the heading of the lines that follow */
};
/* Start a card on d; data (NULL: none) takes a row per line. */
int rel_card_open(struct rel_card *c, struct rel_doc *d, struct rel_out *data,
    const char *student, struct rel_err *e);
void rel_card_close(struct rel_card *c);
void rel_card_put(struct rel_card *c, const unsigned char *s);
void rel_card_heading(struct rel_card *c, const char *title);
void rel_card_none(struct rel_card *c);
void rel_card_bullet(struct rel_card *c);
/* A line that is not a bullet (the head): nothing given to the document
 * until the caller does. */
void rel_card_start(struct rel_card *c);
/* Bold in the formats that have it, within a line. */
void rel_card_strong(struct rel_card *c, const char *s);
void rel_card_end(struct rel_card *c);
/* A sparkline within a line (render.h: rel_doc_spark). */
void rel_card_spark(struct rel_card *c, const char *title, const double *v,
    size_t n, double lo, double hi);
/* The card's own sections (profile.c): the head (the name as the
 * document's title, sid found), the profile items in card order
 * (strengths and interests first; history: retired ones too), and the
 * adults who know the student. compact: a kind other than strengths
 * and interests is left out when the student has none. */
int rel_card_head(struct rel_db *db, const char *student, struct rel_card *c,
    sqlite3_int64 *sid, struct rel_err *e);
int rel_card_items(struct rel_db *db, sqlite3_int64 sid, int history,
    int compact, struct rel_card *c, struct rel_err *e);
int rel_card_adults(struct rel_db *db, sqlite3_int64 sid, struct rel_card *c,
    struct rel_err *e);
/* The sections of the other kinds for student sid; each reads through
 * REL_SEES (or REL_SEES_CASE) like a list. */
int rel_family_card(struct rel_db *db, sqlite3_int64 sid,
    struct rel_card *c, struct rel_err *e);
int rel_goal_card(struct rel_db *db, sqlite3_int64 sid,
    struct rel_card *c, struct rel_err *e);
int rel_restore_card(struct rel_db *db, sqlite3_int64 sid,
    struct rel_card *c, struct rel_err *e);

/*
 * The sample school (sample.c): splitmix64 streams seeded from the seed
 * alone, so the same seed gives the same records on any machine.
 */
struct rel_rng {
	uint64_t s;
};
/* A stream of its own for part of the sample. */
void rel_rng_stream(struct rel_rng *r, unsigned long seed, unsigned part);
uint64_t rel_rng_next(struct rel_rng *r);
/* 0..n-1 (n > 0). */
long rel_rng_below(struct rel_rng *r, long n);
/* Does an event of probability num/den happen? */
int rel_rng_chance(struct rel_rng *r, long num, long den);
/* The sample's families, goals and supports, and restorative cases, for
 * the students and adults already written, in the sample's transaction;
 * each from a stream of its own (parts 4, 5 and 6), dated relative to
 * rel_today(). */
int rel_family_sample(struct rel_db *db, unsigned long seed,
    struct rel_err *e);
int rel_goal_sample(struct rel_db *db, unsigned long seed,
    struct rel_err *e);
int rel_restore_sample(struct rel_db *db, unsigned long seed,
    struct rel_err *e);
/* The sample's indicators (attendance, survey scales), part 7. */
int rel_indicator_sample(struct rel_db *db, unsigned long seed,
    struct rel_err *e);

/* Is days a date rel reads and writes, 1900-01-01 to 9999-12-31 (the
 * years rel_date_parse takes)? A span must not leave that range: a date
 * outside it would be stored clamped and could not be read back. */
int rel_date_in_range(int64_t days);

/* The migrations, generated from lib/schema.sql. */
extern const char *const rel_schema_migrations[];
extern const int rel_schema_latest;

#endif
