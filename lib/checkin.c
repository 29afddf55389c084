/*
 * checkin.c: check-ins, exit tickets, greetings and conferences: writing
 * one (the import kind), listing them, and finding the students nobody
 * has checked in with.
 *
 * This is the table that grows to tens of millions of rows, so the write
 * path is one cached INSERT per record after the field checks, and the
 * reads are driven from the student so that they use the (student, at)
 * index.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define R REL_COL_REQUIRED

static const struct rel_csv_col checkin_cols[] = {
	{ "student_id", R }, { "at", R | REL_COL_TIME }, { "adult_id", 0 }, { "kind", 0 },
	{ "mood", 0 }, { "understanding", 0 }, { "workload", 0 },
	{ "note", 0 }, { "visibility", 0 }
};
enum {
	C_STUDENT, C_AT, C_ADULT, C_KIND, C_MOOD, C_UNDERSTANDING,
	C_WORKLOAD, C_NOTE, C_VIS
};

static int write_checkin(struct rel_db *, const struct rel_rec *,
    enum rel_outcome *, struct rel_err *);

static const struct rel_import_kind checkin_kind = {
	"check-ins", NULL, checkin_cols, NELEM(checkin_cols), write_checkin,
	"check-in"
};

/* What a repeated check-in repeats, for its message. */
#define CHECKIN_KEY "check-in (student, minute, kind and adult)"

/* The codes stored in checkin.kind (schema migration 4). */
static const char *const kind_names[] = {
	"checkin", "exit_ticket", "greeting", "conference"
};

const struct rel_import_kind *
rel_checkin_kind(void)
{
	return &checkin_kind;
}

const char *const *
rel_checkin_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "at", "adult_id",
		"kind", "mood", "understanding", "workload", "note",
		"visibility" };

	*n = NELEM(names);
	return names;
}

int
rel_checkin_kind_code(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < NELEM(kind_names); i++)
		if (strlen(kind_names[i]) == len &&
		    strncasecmp(s, kind_names[i], len) == 0)
			return (int)i;
	return -1;
}

const char *
rel_checkin_kind_name(int code)
{
	return code >= 0 && (size_t)code < NELEM(kind_names) ?
	    kind_names[code] : "";
}

/* The whole minute at or before secs (secs may be before 1970). */
static int64_t
to_minute(int64_t secs)
{
	return secs - ((secs % 60) + 60) % 60;
}

/* One statement writes the record. ON CONFLICT DO NOTHING (not OR
 * IGNORE, which would also swallow a failed CHECK) makes the same
 * student, adult, kind and minute a duplicate rather than an error. */
static const char sql_insert[] =
    "INSERT INTO checkin (student, at, adult, kind, mood, understanding, "
    "workload, note, visibility, adult_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9, ifnull(?3, 0)) ON CONFLICT DO NOTHING";

/*
 * The last student and the last adult looked up, since an import is
 * mostly grouped by student and by adult: the lookups cost a fifth of
 * each record's time. Students and adults are never deleted, so an id
 * keeps its rowid; what may change is whether a student is active. So the
 * memo holds only while nothing else can have written: the same handle,
 * inside a transaction (no other connection can write), no row changed
 * on this handle since our last write (total_changes) and no commit
 * since (each one bumps the file's data version). rel is one thread.
 */
static struct {
	struct rel_db *db;	/* NULL: the memo is stale */
	sqlite3_int64 changes;	/* total_changes64 after the last write */
	unsigned version;	/* SQLITE_FCNTL_DATA_VERSION then */
} stamp;
static struct {
	size_t len;		/* 0: empty */
	char id[65];
	sqlite3_int64 rowid;
} memo[2];			/* [0] student, [1] adult */

/* A check-in's author may since have left: what they wrote stays theirs,
 * and a list of check-ins imports back. So any known adult will do. */
static int
any_adult(struct rel_db *db, const struct rel_rec *r, size_t i,
    sqlite3_int64 *rowid, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_db_stmt(db, "SELECT id FROM adult WHERE adult_id = ?1",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, r->v[i], (int)r->len[i], SQLITE_STATIC);
	rc = sqlite3_step(st);
	*rowid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "looking up an id", e);
	if (*rowid == 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "adult_id",
		    r->v[i], r->len[i], "is not a known adult");
	return 0;
}

/* The rowid of the active student (adult 0), or of the known adult, in
 * column i. */
static int
person(struct rel_db *db, int adult, const struct rel_rec *r, size_t i,
    sqlite3_int64 *rowid, struct rel_err *e)
{
	size_t len = r->len[i];
	int rc;

	if (memo[adult].len == len && memcmp(memo[adult].id, r->v[i], len) == 0) {
		*rowid = memo[adult].rowid;
		return 0;
	}
	if ((rc = adult ? any_adult(db, r, i, rowid, e) : rel_person(db, 0,
	    r->v[i], len, "student_id", r->file, r->line, rowid, e)) != 0)
		return rc;
	if (len < sizeof(memo[adult].id)) {
		memcpy(memo[adult].id, r->v[i], len);
		memo[adult].len = len;
		memo[adult].rowid = *rowid;
	}
	return 0;
}

/* Is r, whose student is not active (or not known), a check-in already
 * held? e keeps the caller's message. */
static int
left_duplicate(struct rel_db *db, const struct rel_rec *r, int64_t at,
    int kind, int *dup, struct rel_err *e)
{
	sqlite3_stmt *st;
	struct rel_err e2;
	int rc;

	*dup = 0;
	if ((rc = rel_db_stmt(db, "SELECT 1 FROM checkin WHERE student = "
	    "(SELECT id FROM student WHERE student_id = ?1 AND active = 0) "
	    "AND at = ?2 AND kind = ?3 AND ifnull(adult, 0) = ifnull((SELECT "
	    "id FROM adult WHERE adult_id = ?4), ?5)", &st, &e2)) != 0) {
		*e = e2;
		return rc;
	}
	sqlite3_bind_text(st, 1, r->v[C_STUDENT], (int)r->len[C_STUDENT],
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, to_minute(at));
	sqlite3_bind_int(st, 3, kind);
	rel_rec_bind(st, 4, r, C_ADULT);
	sqlite3_bind_int64(st, 5, rel_actor(db)->id);
	rc = sqlite3_step(st);
	*dup = rc == SQLITE_ROW;
	sqlite3_clear_bindings(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "looking for a check-in", e);
	return 0;
}

/*
 * An import buffers its check-ins and writes them in the order of the
 * table's key (student, at, kind, adult), not in the file's order.
 *
 * A form's export lists a day's check-ins across the whole school, then
 * the next day's: in file order every row lands somewhere else in the
 * table (clustered on that key since schema 13), so that each insert
 * seeks and dirties a different page, and at 10M rows the table no longer
 * fits the cache and every insert reads and writes a page. Sorted, the
 * table is appended at its right edge (a new table) or walked once from
 * left to right (a table that holds older check-ins), and the student's
 * foreign key is looked up on the page just read. A batch of BATCH_ROWS sorted rows is held in memory; a longer
 * import sorts batch after batch into runs in a temporary file and
 * merges them, so memory stays bounded whatever the size, and the table
 * is still written in one ordered pass.
 *
 * Every field is checked, and each id looked up (in idmap.c's maps), as
 * the row is read, so a bad row is still reported with its line and a
 * row that reaches the batch cannot fail its constraints. The sort is
 * stable, and the merge takes the earlier run first, so equal keys keep
 * the file's order: the first of two duplicates is the one kept, as when
 * each row was written as it came.
 *
 * One import's inputs are buffered together, so a check-in that comes
 * twice in one import (in one input or two) has its rows side by side in
 * the sorted stream, the first first: the later is a bad record (a key
 * appears once per import), found there without a set of every key that
 * would grow with the import. Each row carries its input and line for
 * the message.
 */
#define BATCH_ROWS	(1 << 20)
#define BATCH_TEXT	(32u << 20)

#define MAP_AFTER	4096	/* rows looked up one by one before the maps */

static size_t batch_rows = BATCH_ROWS, map_after = MAP_AFTER;

void
rel_checkin_batch_rows(size_t n)
{
	batch_rows = n > 0 && n <= BATCH_ROWS ? n : BATCH_ROWS;
	map_after = n > 0 && n <= BATCH_ROWS ? n : MAP_AFTER;
}

struct ck {
	int64_t student, at, adult;
	uint32_t note;		/* offset into the batch's text */
	uint16_t note_len;	/* 0: no note (REL_TEXT_MAX fits) */
	uint8_t kind, mood, understanding, workload, vis;
	/* Where the row is, for a repeat's message, in the 40 bytes the
	 * row took before (the 256th and later inputs share an index, and
	 * a line past 2^32 is shown as 2^32 - 1, rather than grow every row
	 * of a 10M-row import). */
	uint8_t file;
	uint32_t line;
};

/* A sorted run in the temporary file, as the merge reads it. */
struct run {
	FILE *fp;
	struct ck ck;
	char note[REL_TEXT_MAX];
};

static struct {
	struct rel_db *db;	/* NULL: not buffering */
	struct rel_idmap *students, *adults;
	struct ck *row;
	uint32_t *ord;		/* row's indices in sorted order */
	uint32_t *count;	/* the counting sort's, by student rowid */
	sqlite3_int64 maxstudent;
	size_t n;
	char *text;
	size_t tlen, tcap;
	struct run *run;
	size_t nrun;
	uint64_t seq;		/* records buffered */
	/* the sorted stream, as the INSERT reads it */
	size_t pos;		/* next of row[] when there are no runs */
	size_t *heap, nheap;	/* the merge of the runs */
	const struct ck *cur;
	const char *curnote;
	int started, read_error;
	/* the last row streamed, which a repeat follows; and where a
	 * repeat is said */
	struct ck prev;
	int has_prev;
	long nrepeat;
	const struct rel_keys *keys;
	void (*bad)(void *ctx, size_t file, long line, struct rel_err *e);
	void *ctx;
	int cache;		/* the connection's cache_size, to restore */
} bat;

static int
ck_cmp(const void *a, const void *b)
{
	const struct ck *x = a, *y = b;

	if (x->student != y->student)
		return x->student < y->student ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->adult != y->adult)
		return x->adult < y->adult ? -1 : 1;
	return 0;
}

/* Rows by index, ties in the file's order. */
static int
ord_cmp(const void *a, const void *b)
{
	uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
	int c = ck_cmp(&bat.row[i], &bat.row[j]);

	return c != 0 ? c : i < j ? -1 : i > j;
}

/*
 * Sort the batch into ord. Students are rowids up to maxstudent, so a
 * counting sort puts each student's rows together in O(n), keeping the
 * file's order; a form's export is in time order, so each student's rows
 * are then nearly always in order already, and only a student whose rows
 * are not is sorted on its own.
 */
static void
sort_batch(void)
{
	size_t i, k, nk = (size_t)bat.maxstudent + 2, start, end;

	if (bat.count == NULL) {
		/* Rowids too sparse to count by: a plain sort. */
		for (i = 0; i < bat.n; i++)
			bat.ord[i] = (uint32_t)i;
		qsort(bat.ord, bat.n, sizeof(*bat.ord), ord_cmp);
		return;
	}
	memset(bat.count, 0, nk * sizeof(*bat.count));
	for (i = 0; i < bat.n; i++)
		bat.count[bat.row[i].student + 1]++;
	for (k = 1; k < nk; k++)
		bat.count[k] += bat.count[k - 1];
	for (i = 0; i < bat.n; i++)
		bat.ord[bat.count[bat.row[i].student]++] = (uint32_t)i;
	for (start = 0; start < bat.n; start = end) {
		sqlite3_int64 s = bat.row[bat.ord[start]].student;

		for (end = start + 1; end < bat.n &&
		    bat.row[bat.ord[end]].student == s; end++)
			if (ck_cmp(&bat.row[bat.ord[end - 1]],
			    &bat.row[bat.ord[end]]) > 0)
				break;
		if (end < bat.n && bat.row[bat.ord[end]].student == s) {
			while (end < bat.n && bat.row[bat.ord[end]].student == s)
				end++;
			qsort(bat.ord + start, end - start, sizeof(*bat.ord),
			    ord_cmp);
		}
	}
}

static void
batch_end(void)
{
	size_t i;

	if (bat.db != NULL && bat.cache != 0) {
		char sql[48];
		struct rel_err ignore;

		snprintf(sql, sizeof(sql), "PRAGMA cache_size=%d", bat.cache);
		rel_db_exec(bat.db, sql, &ignore);
	}

	for (i = 0; i < bat.nrun; i++)
		fclose(bat.run[i].fp);
	free(bat.run);
	free(bat.heap);
	free(bat.row);
	free(bat.ord);
	free(bat.count);
	free(bat.text);
	rel_idmap_free(bat.students);
	rel_idmap_free(bat.adults);
	memset(&bat, 0, sizeof(bat));
}

static int
batch_begin(struct rel_db *db, struct rel_err *e)
{
	sqlite3_int64 kib;
	int rc;

	batch_end();
	if ((rc = rel_db_int64(db, "PRAGMA cache_size", &kib, "reading the "
	    "cache size", e)) != 0)
		return rc;
	bat.cache = (int)kib;
	bat.db = db;		/* batch_end restores the cache from here */
	/* Written in order, pages are done with once written: a small
	 * cache spills them to the WAL as it goes, where a large one only
	 * costs memory (and faulting it in). */
	if ((rc = rel_db_exec(db, "PRAGMA cache_size=-4096", e)) != 0 ||
	    (rc = rel_db_int64(db, "SELECT max(id) FROM student",
	    &bat.maxstudent, "reading the students", e)) != 0) {
		batch_end();
		return rc;
	}
	bat.row = rel_xmalloc(batch_rows * sizeof(*bat.row));
	bat.ord = rel_xmalloc(batch_rows * sizeof(*bat.ord));
	if (bat.maxstudent >= 0 && bat.maxstudent <= 4 * (sqlite3_int64)BATCH_ROWS)
		bat.count = rel_xmalloc(((size_t)bat.maxstudent + 2) *
		    sizeof(*bat.count));
	return 0;
}

/* 73 for a file that cannot be made, 74 for one that fails after. */
static int
tmp_fail(int code, const char *what, struct rel_err *e)
{
	return rel_err_set(e, code, "%s the temporary file that sorts the "
	    "check-ins (TMPDIR=%s): %s", what, rel_tmpdir(), strerror(errno));
}

/* Sort the batch and write it out as a run. */
static int
spill(struct rel_err *e)
{
	struct run *ru;
	FILE *fp;
	size_t i;

	sort_batch();
	if ((fp = rel_tmpfile()) == NULL)
		return tmp_fail(REL_ECANTCREAT, "cannot make", e);
	bat.run = rel_xrealloc(bat.run, (bat.nrun + 1) * sizeof(*bat.run));
	ru = &bat.run[bat.nrun++];
	ru->fp = fp;
	for (i = 0; i < bat.n; i++) {
		const struct ck *c = &bat.row[bat.ord[i]];

		if (fwrite(c, sizeof(*c), 1, fp) != 1 || (c->note_len > 0 &&
		    fwrite(bat.text + c->note, c->note_len, 1, fp) != 1))
			break;
	}
	if (i < bat.n || fflush(fp) != 0 || ferror(fp))
		return tmp_fail(REL_EIO, "cannot write", e);
	rewind(fp);
	bat.n = 0;
	bat.tlen = 0;
	return 0;
}

static int
buffer(const struct ck *c, const char *note, struct rel_err *e)
{
	struct ck *d;
	int rc;

	if (bat.n == batch_rows || bat.tlen + c->note_len > BATCH_TEXT)
		if ((rc = spill(e)) != 0)
			return rc;
	d = &bat.row[bat.n++];
	*d = *c;
	bat.seq++;
	if (c->note_len > 0) {
		if (bat.tlen + c->note_len > bat.tcap) {
			bat.tcap = bat.tcap == 0 ? 1u << 20 : bat.tcap * 2;
			bat.text = rel_xrealloc(bat.text, bat.tcap);
		}
		memcpy(bat.text + bat.tlen, note, c->note_len);
		d->note = (uint32_t)bat.tlen;
		bat.tlen += c->note_len;
	}
	return 0;
}

/* The next record of a run; 0 at its end, -1 on a read error. */
static int
run_next(struct run *ru)
{
	if (fread(&ru->ck, sizeof(ru->ck), 1, ru->fp) != 1)
		return ferror(ru->fp) ? -1 : 0;
	if (ru->ck.note_len > REL_TEXT_MAX || (ru->ck.note_len > 0 &&
	    fread(ru->note, ru->ck.note_len, 1, ru->fp) != 1))
		return -1;
	return 1;
}

/* The merge keeps a heap of the runs by their current record; of equal
 * records, the earlier run's comes first. */
static int
run_less(size_t a, size_t b)
{
	int c = ck_cmp(&bat.run[a].ck, &bat.run[b].ck);

	return c != 0 ? c < 0 : a < b;
}

static void
sift(size_t i)
{
	size_t *h = bat.heap, n = bat.nheap;

	for (;;) {
		size_t l = 2 * i + 1, m = i, t;

		if (l < n && run_less(h[l], h[m]))
			m = l;
		if (l + 1 < n && run_less(h[l + 1], h[m]))
			m = l + 1;
		if (m == i)
			return;
		t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

/* Step the sorted stream: bat.cur is the next record (the batch's, or
 * the merge's smallest); 0 at the end, -1 on a read error. */
static int
stream_step(void)
{
	struct run *ru;
	size_t i;
	int more;

	if (bat.nrun == 0) {
		if (bat.pos >= bat.n)
			return 0;
		/* The rows are in the file's order: fetch ahead. */
		if (bat.pos + 16 < bat.n)
			__builtin_prefetch(&bat.row[bat.ord[bat.pos + 16]]);
		bat.cur = &bat.row[bat.ord[bat.pos++]];
		/* No text is held when no row had a note (text is NULL). */
		bat.curnote = bat.cur->note_len > 0 ?
		    bat.text + bat.cur->note : "";
		return 1;
	}
	if (bat.heap == NULL) {
		bat.heap = rel_xcalloc(bat.nrun, sizeof(*bat.heap));
		for (i = 0; i < bat.nrun; i++) {
			if ((more = run_next(&bat.run[i])) < 0)
				return -1;
			if (more)
				bat.heap[bat.nheap++] = i;
		}
		for (i = bat.nheap; i-- > 0;)
			sift(i);
	} else if (bat.nheap > 0) {
		ru = &bat.run[bat.heap[0]];
		if ((more = run_next(ru)) < 0)
			return -1;
		if (!more)
			bat.heap[0] = bat.heap[--bat.nheap];
		sift(0);
	}
	if (bat.nheap == 0)
		return 0;
	ru = &bat.run[bat.heap[0]];
	bat.cur = &ru->ck;
	bat.curnote = ru->note;
	return 1;
}

/* A row whose key the row before it in the stream had repeats it: it is
 * reported, and passed over. */
static int
stream_next(void)
{
	const struct rel_keys *k = bat.keys;
	char at[REL_DATETIME_LEN];
	struct rel_err e;
	int more;

	while ((more = stream_step()) > 0) {
		const struct ck *c = bat.cur;

		if (!bat.has_prev || ck_cmp(&bat.prev, c) != 0) {
			bat.prev = *c;
			bat.has_prev = 1;
			return 1;
		}
		bat.nrepeat++;
		if (bat.bad == NULL)
			continue;
		rel_datetime_format(c->at, at);
		at[16] = '\0';
		rel_repeat_err(&e, rel_keys_name(k, c->file), (long)c->line,
		    "at", at, strlen(at), rel_keys_name(k, bat.prev.file),
		    (long)bat.prev.line, CHECKIN_KEY);
		bat.bad(bat.ctx, c->file, (long)c->line, &e);
	}
	return more;
}

/*
 * The sorted stream as an eponymous virtual table, so that one INSERT ...
 * SELECT writes the whole import: one statement opens its cursors on the
 * table, the index and the two parent tables once, where a statement per
 * row opened them a million times. Constraints and foreign keys apply as
 * to any insert.
 */
struct bcursor {
	sqlite3_vtab_cursor base;
	sqlite3_int64 rowid;
	int eof;
};

static int
bv_connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **vt, char **err)
{
	int rc;

	(void)aux;
	(void)argc;
	(void)argv;
	(void)err;
	if ((rc = sqlite3_declare_vtab(h, "CREATE TABLE x (student, at, "
	    "adult, kind, mood, understanding, workload, note, visibility)"))
	    != SQLITE_OK)
		return rc;
	if ((*vt = sqlite3_malloc(sizeof(**vt))) == NULL)
		return SQLITE_NOMEM;
	memset(*vt, 0, sizeof(**vt));
	return SQLITE_OK;
}

static int
bv_disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

static int
bv_best(sqlite3_vtab *vt, sqlite3_index_info *ii)
{
	(void)vt;
	ii->estimatedCost = (double)bat.seq + 1;
	ii->estimatedRows = (sqlite3_int64)bat.seq + 1;
	return SQLITE_OK;
}

static int
bv_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **cur)
{
	struct bcursor *c;

	(void)vt;
	if ((c = sqlite3_malloc(sizeof(*c))) == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	*cur = &c->base;
	return SQLITE_OK;
}

static int
bv_close(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int
bv_next(sqlite3_vtab_cursor *cur)
{
	struct bcursor *c = (struct bcursor *)cur;
	int more = stream_next();

	if (more < 0) {
		bat.read_error = errno != 0 ? errno : EIO;
		return SQLITE_IOERR;
	}
	c->eof = !more;
	c->rowid++;
	return SQLITE_OK;
}

static int
bv_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
    sqlite3_value **argv)
{
	(void)idx;
	(void)idxstr;
	(void)argc;
	(void)argv;
	/* Only the batch's own INSERT reads it, once. */
	if (bat.db == NULL || bat.started) {
		((struct bcursor *)cur)->eof = 1;
		return SQLITE_OK;
	}
	bat.started = 1;
	return bv_next(cur);
}

static int
bv_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct bcursor *)cur)->eof;
}

static int
bv_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
	const struct ck *c = bat.cur;

	(void)cur;
	switch (i) {
	case 0:
		sqlite3_result_int64(ctx, c->student);
		break;
	case 1:
		sqlite3_result_int64(ctx, c->at);
		break;
	case 2:
		if (c->adult != 0)
			sqlite3_result_int64(ctx, c->adult);
		break;
	case 3:
		sqlite3_result_int(ctx, c->kind);
		break;
	case 4:
	case 5:
	case 6: {
		int v = i == 4 ? c->mood : i == 5 ? c->understanding :
		    c->workload;

		if (v != 0)
			sqlite3_result_int(ctx, v);
		break;
	}
	case 7:
		if (c->note_len > 0)
			sqlite3_result_text(ctx, bat.curnote, c->note_len,
			    SQLITE_TRANSIENT);
		break;
	default:
		sqlite3_result_int(ctx, c->vis);
	}
	return SQLITE_OK;
}

static int
bv_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((struct bcursor *)cur)->rowid;
	return SQLITE_OK;
}

static const sqlite3_module batch_module = {
	.xConnect = bv_connect,
	.xBestIndex = bv_best,
	.xDisconnect = bv_disconnect,
	.xOpen = bv_open,
	.xClose = bv_close,
	.xFilter = bv_filter,
	.xNext = bv_next,
	.xEof = bv_eof,
	.xColumn = bv_column,
	.xRowid = bv_rowid,
};

int
rel_checkin_register(sqlite3 *h)
{
	return sqlite3_create_module(h, "rel_checkin_batch", &batch_module,
	    NULL);
}

static const char sql_insert_batch[] =
    "INSERT INTO checkin (student, at, adult, kind, mood, understanding, "
    "workload, note, visibility, adult_key) SELECT student, at, adult, "
    "kind, mood, understanding, workload, note, visibility, "
    "ifnull(adult, 0) FROM rel_checkin_batch WHERE true "
    "ON CONFLICT DO NOTHING";

static int
batch_flush(struct rel_db *db, const struct rel_keys *keys, long *dups,
    long *repeats,
    void (*bad)(void *ctx, size_t file, long line, struct rel_err *e),
    void *ctx, struct rel_err *e)
{
	sqlite3 *h = rel_db_handle(db);
	sqlite3_stmt *st;
	sqlite3_int64 before;
	int rc;

	*dups = *repeats = 0;
	if (bat.db != db)
		return 0;
	bat.keys = keys;
	bat.bad = bad;
	bat.ctx = ctx;
	if (bat.nrun > 0) {
		if (bat.n > 0 && (rc = spill(e)) != 0)
			return rc;
	} else
		sort_batch();
	if ((rc = rel_db_stmt(db, sql_insert_batch, &st, e)) != 0)
		return rc;
	before = sqlite3_total_changes64(h);
	errno = 0;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (bat.read_error != 0) {
		errno = bat.read_error;
		return tmp_fail(REL_EIO, "cannot read", e);
	}
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing the check-ins", e);
	*repeats = bat.nrepeat;
	*dups = (long)((sqlite3_int64)bat.seq - bat.nrepeat -
	    (sqlite3_total_changes64(h) - before));
	return 0;
}

static const struct rel_import_batch checkin_batch = {
	batch_begin, batch_flush, batch_end
};

const struct rel_import_batch *
rel_checkin_batch(void)
{
	return &checkin_batch;
}

/*
 * The student and adult of r. An import past its first MAP_AFTER rows
 * reads every id into the maps once (a small import would spend more on
 * reading 100,000 ids than on its rows); before that, and for an add,
 * each is looked up, the last of each remembered (person()). A student
 * who is not active fails with 65, unless the check-in is one already
 * held (an export imported again after the student left): then *dup is
 * set.
 */
static int
resolve(struct rel_db *db, const struct rel_rec *r, int64_t at, int kind,
    sqlite3_int64 *student, sqlite3_int64 *adult, int *dup, struct rel_err *e)
{
	sqlite3 *h = rel_db_handle(db);
	unsigned version = 0;
	int rc, active, left = 0;

	*dup = 0;
	if (bat.db == db && bat.students == NULL && bat.seq >= map_after &&
	    ((rc = rel_idmap_load(db, 0, &bat.students, e)) != 0 ||
	    (rc = rel_idmap_load(db, 1, &bat.adults, e)) != 0))
		return rc;
	if (bat.db == db && bat.students != NULL) {
		*student = rel_idmap_get(bat.students, r->v[C_STUDENT],
		    r->len[C_STUDENT], &active);
		rc = rel_person_check(0, *student, active, r->v[C_STUDENT],
		    r->len[C_STUDENT], "student_id", r->file, r->line, e);
		left = rc == REL_EDATA && *student != 0;
		if (rc == 0 && rel_rec_has(r, C_ADULT) &&
		    (*adult = rel_idmap_get(bat.adults, r->v[C_ADULT],
		    r->len[C_ADULT], &active)) == 0)
			return rel_err_value(e, REL_EDATA, r->file, r->line,
			    "adult_id", r->v[C_ADULT], r->len[C_ADULT],
			    "is not a known adult");
	} else {
		/* The memo holds while nothing else can have written (see
		 * stamp): in a transaction, no change and no commit since. */
		int txn = !sqlite3_get_autocommit(h);

		if (txn)
			sqlite3_file_control(h, "main",
			    SQLITE_FCNTL_DATA_VERSION, &version);
		if (!txn || stamp.db != db || stamp.version != version ||
		    stamp.changes != sqlite3_total_changes64(h))
			memo[0].len = memo[1].len = 0;
		stamp.db = txn ? db : NULL;
		stamp.changes = sqlite3_total_changes64(h);
		stamp.version = version;
		rc = person(db, 0, r, C_STUDENT, student, e);
		left = rc == REL_EDATA && *student != 0;
		if (rc == 0 && rel_rec_has(r, C_ADULT))
			rc = person(db, 1, r, C_ADULT, adult, e);
	}
	if (left) {
		/* An export imported again holds the check-ins of students
		 * who have left since: those already here are duplicates,
		 * as they would have been the night before. */
		if ((rc = left_duplicate(db, r, at, kind, dup, e)) == 0 && !*dup)
			rc = REL_EDATA;
		return rc;
	}
	if (rc == 0 && !rel_rec_has(r, C_ADULT))
		*adult = rel_actor(db)->id;
	return rc;
}

/* The fields that are values, not references: kind, the three scales,
 * note and visibility. */
static int
check_values(const struct rel_rec *r, int *kind, long scale[3],
    enum rel_vis *vis, struct rel_err *e)
{
	size_t i;
	int rc;

	*kind = 0;
	if (rel_rec_has(r, C_KIND) &&
	    (*kind = rel_checkin_kind_code(r->v[C_KIND], r->len[C_KIND])) < 0)
		return rel_err_value(e, REL_EDATA, r->file, r->line, "kind",
		    r->v[C_KIND], r->len[C_KIND], "is not checkin, exit_ticket, "
		    "greeting or conference");
	for (i = 0; i < 3; i++)
		if ((rc = rel_rec_int(r, C_MOOD + i,
		    checkin_cols[C_MOOD + i].name, 1, 5, &scale[i], e)) != 0)
			return rc;
	if ((rc = rel_rec_text(r, C_NOTE, "note", REL_TEXT_MAX, 1, e)) != 0)
		return rc;
	return rel_rec_vis(r, C_VIS, REL_VIS_TEAM, vis, e);
}

int
rel_checkin_check(const struct rel_rec *r, struct rel_err *e)
{
	long scale[3];
	enum rel_vis vis;
	int kind;

	return check_values(r, &kind, scale, &vis, e);
}

static int
write_checkin(struct rel_db *db, const struct rel_rec *r, enum rel_outcome *out,
    struct rel_err *e)
{
	long scale[3] = { 0, 0, 0 };
	sqlite3_int64 student = 0, adult = 0;
	sqlite3 *h = rel_db_handle(db);
	sqlite3_stmt *st;
	enum rel_vis vis;
	int64_t at;
	int rc, kind = 0, i, dup;

	if (bat.db == db && bat.students != NULL) {
		rel_idmap_prefetch(bat.students, r->v[C_STUDENT],
		    r->len[C_STUDENT]);
		if (rel_rec_has(r, C_ADULT))
			rel_idmap_prefetch(bat.adults, r->v[C_ADULT],
			    r->len[C_ADULT]);
	}
	/* Every field is checked before anything is looked up or written. */
	if ((rc = rel_rec_id(r, C_STUDENT, "student_id", e)) != 0 ||
	    (rc = rel_rec_time(r, C_AT, "at", 1, &at, e)) != 0)
		return rc;
	if (rel_rec_has(r, C_ADULT) &&
	    (rc = rel_rec_id(r, C_ADULT, "adult_id", e)) != 0)
		return rc;
	if ((rc = check_values(r, &kind, scale, &vis, e)) != 0)
		return rc;
	if ((rc = resolve(db, r, at, kind, &student, &adult, &dup, e)) != 0)
		return rc;
	if (dup) {
		*out = REL_DUPLICATE;
		return 0;
	}

	if (bat.db == db) {
		struct ck c;

		memset(&c, 0, sizeof(c));
		c.student = student;
		c.at = to_minute(at);
		c.adult = adult;
		c.kind = (uint8_t)kind;
		c.mood = (uint8_t)scale[0];
		c.understanding = (uint8_t)scale[1];
		c.workload = (uint8_t)scale[2];
		c.vis = (uint8_t)vis;
		c.note_len = rel_rec_has(r, C_NOTE) ? (uint16_t)r->len[C_NOTE] :
		    0;
		if (r->keys != NULL) {
			size_t f = rel_keys_nfile(r->keys);

			c.file = (uint8_t)(f < UINT8_MAX ? f : UINT8_MAX);
		}
		c.line = r->line < 0 ? 0 : (unsigned long)r->line < UINT32_MAX ?
		    (uint32_t)r->line : UINT32_MAX;
		if ((rc = buffer(&c, r->v[C_NOTE], e)) != 0)
			return rc;
		*out = REL_ADDED;
		return 0;
	}
	if ((rc = rel_rec_key(r, C_AT, "at", CHECKIN_KEY, e, "%lld\037%lld"
	    "\037%d\037%lld", (long long)student, (long long)to_minute(at),
	    kind, (long long)adult)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_insert, &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, student);
	sqlite3_bind_int64(st, 2, to_minute(at));
	if (adult != 0)
		sqlite3_bind_int64(st, 3, adult);
	sqlite3_bind_int(st, 4, kind);
	for (i = 0; i < 3; i++)
		if (scale[i] != 0)
			sqlite3_bind_int(st, 5 + i, (int)scale[i]);
	rel_rec_bind(st, 8, r, C_NOTE);
	sqlite3_bind_int(st, 9, (int)vis);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "writing a check-in", e);
	*out = sqlite3_changes(h) == 0 ? REL_DUPLICATE : REL_ADDED;
	/* Our own write leaves the memo good. */
	stamp.changes = sqlite3_total_changes64(h);
	return 0;
}

/* A kind filter into its code (-1: none); 64 if not a kind. */
static int
kind_filter(const char *s, int *code, struct rel_err *e)
{
	*code = -1;
	if (s == NULL)
		return 0;
	if ((*code = rel_checkin_kind_code(s, strlen(s))) < 0)
		return rel_err_value(e, REL_EUSAGE, NULL, 0, "--kind", s,
		    strlen(s), "is not checkin, exit_ticket, greeting or "
		    "conference");
	return 0;
}

/* Cells come out as the statement gives them, but for at (seconds into
 * a date-time) and the two codes (into names). */
static void
checkin_cell(struct rel_out *o, sqlite3_stmt *st, int i)
{
	char at[REL_DATETIME_LEN];
	const unsigned char *t;
	const char *s;

	switch (i) {
	case C_AT:
		rel_datetime_format(sqlite3_column_int64(st, i), at);
		rel_out_cell(o, at, strlen(at));
		break;
	case C_KIND:
		s = rel_checkin_kind_name(sqlite3_column_int(st, i));
		rel_out_cell(o, s, strlen(s));
		break;
	case C_VIS:
		s = rel_vis_name((enum rel_vis)sqlite3_column_int(st, i));
		rel_out_cell(o, s, strlen(s));
		break;
	default:
		t = sqlite3_column_text(st, i);
		rel_out_cell(o, (const char *)t, t ? (size_t)
		    sqlite3_column_bytes(st, i) : 0);
	}
}

/* The student is the outer loop, in student_id order, so that each
 * student's check-ins are one range of the table's key and come
 * out in order without a sort. ?1 student rowid, ?2 adult rowid, ?3 kind
 * code (NULL: any), ?4 since, ?5 until, ?6 narrow to the set. As with
 * the roster, deactivated students are left out unless named (by ?1 or
 * in the set) or ?8 asks for them (an export, which takes everything
 * held): a list is what imports back, and an import refuses them. */
static const char sql_list[] =
    "SELECT s.student_id, c.at, a.adult_id, c.kind, c.mood, "
    "c.understanding, c.workload, c.note, c.visibility, s.id, c.visibility "
    "FROM student s CROSS JOIN checkin c ON c.student = s.id "
    "LEFT JOIN adult a ON a.id = c.adult "
    "WHERE " REL_SEES("c") " AND (?1 IS NULL OR s.id = ?1) "
    "AND (?6 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    "AND (s.active = 1 OR ?1 IS NOT NULL OR ?6 <> 0 OR ?8 <> 0) "
    "AND c.at >= ?4 AND c.at < ?5 "
    "AND (?2 IS NULL OR c.adult = ?2) AND (?3 IS NULL OR c.kind = ?3) "
    "ORDER BY s.student_id, c.at, c.kind, ifnull(c.adult, 0)";

/* The same, keeping only the newest ?7 of each student. */
static const char sql_list_last[] =
    "SELECT student_id, at, adult_id, kind, mood, understanding, workload, "
    "note, visibility, sid, visibility FROM ("
    " SELECT s.student_id, c.at, a.adult_id, c.kind, c.mood, "
    " c.understanding, c.workload, c.note, c.visibility, s.id AS sid, "
    " ifnull(c.adult, 0) AS adult, row_number() OVER (PARTITION BY s.id "
    "  ORDER BY c.at DESC, c.kind DESC, ifnull(c.adult, 0) DESC) AS n "
    " FROM student s CROSS JOIN checkin c ON c.student = s.id "
    " LEFT JOIN adult a ON a.id = c.adult "
    " WHERE " REL_SEES("c") " AND (?1 IS NULL OR s.id = ?1) "
    " AND (?6 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    " AND (s.active = 1 OR ?1 IS NOT NULL OR ?6 <> 0 OR ?8 <> 0) "
    " AND c.at >= ?4 AND c.at < ?5 "
    " AND (?2 IS NULL OR c.adult = ?2) AND (?3 IS NULL OR c.kind = ?3)) "
    "WHERE n <= ?7 ORDER BY student_id, at, kind, adult";

int
rel_checkin_list(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	sqlite3_int64 student, adult;
	sqlite3_stmt *st;
	int rc, kind;

	if (f->last < 0)
		return rel_err_set(e, REL_EUSAGE, "--last: %ld is not 1 or more",
		    f->last);
	if ((rc = kind_filter(f->kind, &kind, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_STUDENT, "--student", f->student,
	    &student, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, f->last > 0 ? sql_list_last : sql_list, &st,
	    e)) != 0)
		return rc;
	if (student != 0)
		sqlite3_bind_int64(st, 1, student);
	if (adult != 0)
		sqlite3_bind_int64(st, 2, adult);
	if (kind >= 0)
		sqlite3_bind_int(st, 3, kind);
	sqlite3_bind_int64(st, 4, f->since);
	sqlite3_bind_int64(st, 5, f->until);
	sqlite3_bind_int(st, 6, f->set != 0);
	if (f->last > 0)
		sqlite3_bind_int64(st, 7, f->last);
	sqlite3_bind_int(st, 8, f->inactive != 0);
	rc = rel_access_out(db, st, o, checkin_cell, e);
	sqlite3_reset(st);
	return rc;
}

const char *const *
rel_missing_cols(size_t *n)
{
	static const char *const names[] = { "student_id", "given_name",
		"family_name", "grade", "last_checkin", "days_since" };

	*n = NELEM(names);
	return names;
}

/* The students with no check-in since ?2 are found with one seek each
 * into the table's key; only for them is the latest check-in
 * looked up, one step back from the end of the student's range (with a
 * kind or adult filter, a short walk back to the first that matches).
 * They are materialized so that the lookup runs once per student, not
 * once for each place the result is used. ?1 narrow to the set, ?3 kind
 * code, ?4 adult rowid (NULL: any). The day is floored, since at may be
 * before 1970. */
static const char sql_missing[] =
    "WITH m AS MATERIALIZED (SELECT s.id, "
    " (SELECT c.at FROM checkin c WHERE c.student = s.id "
    "  AND (?3 IS NULL OR c.kind = ?3) AND (?4 IS NULL OR c.adult = ?4) "
    "  AND " REL_SEES("c")
    "  ORDER BY c.at DESC LIMIT 1) AS last "
    " FROM student s WHERE s.active = 1 "
    " AND (?1 = 0 OR s.id IN (SELECT id FROM temp.rel_set)) "
    " AND NOT EXISTS (SELECT 1 FROM checkin c WHERE c.student = s.id "
    "  AND c.at >= ?2 AND (?3 IS NULL OR c.kind = ?3) "
    "  AND (?4 IS NULL OR c.adult = ?4) AND " REL_SEES("c") ")) "
    "SELECT s.student_id, s.given_name, s.family_name, s.grade, m.last, "
    "(m.last - ((m.last % 86400) + 86400) % 86400) / 86400 AS day "
    "FROM m JOIN student s ON s.id = m.id "
    "ORDER BY m.last IS NOT NULL, day, s.student_id";

int
rel_checkin_missing(struct rel_db *db, const struct rel_filter *f,
    struct rel_out *o, struct rel_err *e)
{
	char date[REL_DATE_LEN], days[24];
	const unsigned char *t;
	sqlite3_int64 adult;
	sqlite3_stmt *st;
	int32_t today = rel_today();
	int rc, kind, i;

	if ((rc = kind_filter(f->kind, &kind, e)) != 0 ||
	    (rc = rel_id_rowid(db, REL_ADULT, "--adult", f->adult, &adult,
	    e)) != 0)
		return rc;
	if ((rc = rel_db_stmt(db, sql_missing, &st, e)) != 0)
		return rc;
	sqlite3_bind_int(st, 1, f->set != 0);
	sqlite3_bind_int64(st, 2, f->since);
	if (kind >= 0)
		sqlite3_bind_int(st, 3, kind);
	if (adult != 0)
		sqlite3_bind_int64(st, 4, adult);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < 4; i++) {
			t = sqlite3_column_text(st, i);
			rel_out_cell(o, (const char *)t, t ? (size_t)
			    sqlite3_column_bytes(st, i) : 0);
		}
		if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
			rel_out_cell(o, NULL, 0);
			rel_out_cell(o, NULL, 0);
		} else {
			int32_t day = (int32_t)sqlite3_column_int64(st, 5);

			rel_date_format(day, date);
			snprintf(days, sizeof(days), "%ld",
			    (long)today - (long)day);
			rel_out_cell(o, date, strlen(date));
			rel_out_cell(o, days, strlen(days));
		}
		rel_out_endrow(o);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	return rel_db_fail(db, rc, "finding students without a check-in",
	    e);
}
