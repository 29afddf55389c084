/*
 * export.c: exports (full and de-identified) and retention (purge).
 *
 * An export reuses each kind's own list function, so that its rows, its
 * columns and its visibility filtering are exactly those of `rel-KIND
 * list`. The list writes CSV into a pipe from a second thread, and this
 * thread reads it back through rel_csv, one row at a time, to write the
 * file: as it was (a full export), or with each cell de-identified. So an
 * export streams whatever its size, keeps no plain copy anywhere (not
 * even a temporary file), and needs no second copy of any list's SQL.
 * The database handle is used by one thread at a time: the list thread
 * while a pass runs, this one between passes.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "internal.h"

/* A comma-separated list of names (name(0) .. name(n - 1)) into a mask. */
static int
names_parse(const char *opt, const char *s, const char *(*name)(unsigned),
    unsigned n, const char *words, unsigned *mask, struct rel_err *e)
{
	const char *p = s, *end;
	unsigned i;
	size_t len;

	*mask = 0;
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < n; i++)
			if (strlen(name(i)) == len &&
			    strncmp(p, name(i), len) == 0)
				break;
		if (i == n)
			return rel_err_value(e, REL_EUSAGE, NULL, 0, opt, p,
			    len, "is not %s", words);
		*mask |= 1u << i;
		if (end == NULL)
			return 0;
		p = end + 1;
	}
}


/*
 * A small string-keyed hash table (open addressing, FNV-1a): counts for
 * the suppression rules, the pseudonyms already worked out, and the
 * students whose records went out.
 */
struct slot {
	char *key;		/* NULL: empty */
	size_t len;
	long n;
	char *val;
};
struct map {
	struct slot *s;
	size_t cap, used;
};

static struct slot *
map_find(struct slot *s, size_t cap, const char *key, size_t len)
{
	size_t i = (size_t)rel_hash(key, len) & (cap - 1);

	while (s[i].key != NULL && !(s[i].len == len &&
	    memcmp(s[i].key, key, len) == 0))
		i = (i + 1) & (cap - 1);
	return &s[i];
}

/* The slot of key; with add, made (n 0, val NULL) when missing; without,
 * NULL when missing. */
static struct slot *
map_get(struct map *m, const char *key, size_t len, int add)
{
	struct slot *sl;
	size_t i;

	if (m->cap == 0) {
		if (!add)
			return NULL;
		m->cap = 64;
		m->s = rel_xcalloc(m->cap, sizeof(*m->s));
	}
	sl = map_find(m->s, m->cap, key, len);
	if (sl->key != NULL || !add)
		return sl->key != NULL ? sl : NULL;
	if ((m->used + 1) * 2 > m->cap) {
		struct slot *old = m->s;
		size_t ocap = m->cap;

		m->cap *= 2;
		m->s = rel_xcalloc(m->cap, sizeof(*m->s));
		for (i = 0; i < ocap; i++)
			if (old[i].key != NULL)
				*map_find(m->s, m->cap, old[i].key,
				    old[i].len) = old[i];
		free(old);
		sl = map_find(m->s, m->cap, key, len);
	}
	sl->key = rel_xmalloc(len + 1);
	memcpy(sl->key, key, len);
	sl->key[len] = '\0';
	sl->len = len;
	m->used++;
	return sl;
}

static long
map_count(struct map *m, const char *key, size_t len)
{
	struct slot *sl = map_get(m, key, len, 0);

	return sl != NULL ? sl->n : 0;
}

static void
map_free(struct map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->s[i].key);
		free(m->s[i].val);
	}
	free(m->s);
	memset(m, 0, sizeof(*m));
}

/*
 * Pseudonyms, the key and ISO weeks.
 */
void
rel_export_pseudonym(const unsigned char *key, char tag, const char *id,
    size_t len, char *buf)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	static const char hex[] = "0123456789abcdef";
	/* The tag and a NUL go first: the same id as a student and as an
	 * adult gets two unrelated pseudonyms. */
	unsigned char head[2] = { (unsigned char)tag, 0 };
	size_t i;

	crypto_auth_hmacsha256_init(&st, key, REL_EXPORT_KEYLEN);
	crypto_auth_hmacsha256_update(&st, head, sizeof(head));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)id, len);
	crypto_auth_hmacsha256_final(&st, mac);
	buf[0] = tag;
	buf[1] = '_';
	for (i = 0; i < 16; i++) {
		buf[2 + 2 * i] = hex[mac[i] >> 4];
		buf[3 + 2 * i] = hex[mac[i] & 15];
	}
	buf[34] = '\0';
	sodium_memzero(mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
}

int
rel_export_key(struct rel_db *db, unsigned char key[REL_EXPORT_KEYLEN],
    struct rel_err *e)
{
	char hex[2 * REL_EXPORT_KEYLEN + 1];
	size_t len = 0;
	int rc;

	if (sodium_init() < 0)
		return rel_err_set(e, REL_ESOFTWARE, "libsodium cannot start");
	/* IMMEDIATE: of two first exports at once, the second waits and
	 * reads the first one's key rather than making its own. */
	if ((rc = rel_db_begin(db, e)) != 0)
		return rc;
	if ((rc = rel_db_setting_get(db, "deidentify_key", hex, sizeof(hex),
	    e)) != 0)
		goto fail;
	if (hex[0] == '\0') {
		randombytes_buf(key, REL_EXPORT_KEYLEN);
		sodium_bin2hex(hex, sizeof(hex), key, REL_EXPORT_KEYLEN);
		if ((rc = rel_db_setting_put(db, "deidentify_key", hex,
		    e)) != 0)
			goto fail;
	} else if (sodium_hex2bin(key, REL_EXPORT_KEYLEN, hex, strlen(hex),
	    NULL, &len, NULL) != 0 || len != REL_EXPORT_KEYLEN) {
		rc = rel_err_set(e, REL_EDATA, "the de-identification key in "
		    "the setting table (deidentify_key) is not %d bytes of "
		    "hex; restore it from a backup", REL_EXPORT_KEYLEN);
		goto fail;
	}
	sodium_memzero(hex, sizeof(hex));
	return rel_db_commit(db, e);
fail:
	sodium_memzero(hex, sizeof(hex));
	rel_db_rollback(db);
	return rc;
}

void
rel_export_week(int32_t days, char *buf)
{
	/* An ISO week belongs to the year of its Thursday. */
	int32_t thu = days - rel_weekday(days) + 3;
	unsigned m, d, w;
	int y;

	rel_civil_from_days(thu, &y, &m, &d);
	w = (unsigned)(thu - rel_days_from_civil(y, 1, 1)) / 7 + 1;
	if (y < 0 || y > 9999)
		y = 0;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = 'W';
	buf[6] = (char)('0' + w / 10 % 10);
	buf[7] = (char)('0' + w % 10);
	buf[8] = '\0';
}

/*
 * What happens to each column in a de-identified export, by column name,
 * so that it follows the lists' columns. A column not named here is
 * dropped: a new free-text column cannot leak by being forgotten.
 */
enum xf { X_DROP, X_KEEP, X_STUDENT, X_ADULT, X_GROUP, X_GOAL, X_CASE,
	X_WEEK, X_GRADE, X_LANG, X_ROLE };
static const struct {
	const char *col;
	enum xf xf;
} xfs[] = {
	{ "student_id", X_STUDENT }, { "adult_id", X_ADULT },
	{ "lead_adult_id", X_ADULT }, { "group_id", X_GROUP },
	{ "at", X_WEEK }, { "retired_at", X_WEEK }, { "grade", X_GRADE },
	{ "home_language", X_LANG }, { "role", X_ROLE },
	{ "active", X_KEEP }, { "kind", X_KEEP }, { "strength", X_KEEP },
	{ "primary", X_KEEP }, { "mood", X_KEEP }, { "understanding", X_KEEP },
	{ "workload", X_KEEP }, { "visibility", X_KEEP }, { "source", X_KEEP },
	{ "channel", X_KEEP }, { "direction", X_KEEP }, { "tone", X_KEEP },
	{ "follow_up_on", X_WEEK }, { "case_id", X_CASE },
	{ "opened_at", X_WEEK }, { "closed_at", X_WEEK }, { "status", X_KEEP },
	{ "goal_id", X_GOAL }, { "champion_adult_id", X_ADULT },
	{ "start", X_WEEK }, { "due", X_WEEK }, { "area", X_KEEP },
	{ "set_by", X_KEEP }, { "tier", X_KEEP }, { "check_every", X_KEEP },
	{ "rating", X_KEEP }, { "date", X_WEEK },
};

static enum xf
xf_of(const char *col)
{
	size_t i;

	for (i = 0; i < NELEM(xfs); i++)
		if (strcmp(xfs[i].col, col) == 0)
			return xfs[i].xf;
	return X_DROP;
}

#define MAXCOLS 24

struct sorter;
struct exporter {
	struct rel_db *db;
	const struct rel_export_opts *o;
	unsigned char key[REL_EXPORT_KEYLEN];
	struct map pseud;	/* tag and id -> pseudonym */
	struct map grades;	/* grade -> students */
	struct map langs;	/* grade, US, home_language -> students */
	struct map roles;	/* role -> adults */
	struct map groups;	/* group_id -> active student members */
	struct map touched;	/* student_ids whose records went out */

	/* The kind being read. */
	enum rel_export_kind k;
	const char *const *cols;
	size_t ncols;
	enum xf xf[MAXCOLS];
	int sid, gid, grade;	/* student_id, group_id, grade; -1 */
	int lang, role, active;	/* home_language, role, active */
	struct rel_out *out;	/* a full export's file */
	struct sorter *sort;	/* a de-identified export's rows */
	long rows;

	/* What was made, for the clean-up of a failed export. */
	int dirfd;
	const char *made[REL_EX_NKINDS + 2];
	size_t nmade;
};

/* Every row of kind k held (deactivated students too; retired profile
 * items too), narrowed to the set when set: the kind's own list. */
static void
filter_of(struct rel_filter *f, int set)
{
	rel_filter_init(f);
	f->set = set;
	f->inactive = 1;
}

static int
roster_list(struct rel_db *db, enum rel_roster_kind k, int set,
    struct rel_out *o, struct rel_err *e)
{
	struct rel_roster_filter rf;

	memset(&rf, 0, sizeof(rf));
	rf.inactive = 2;
	rf.set = set;
	return rel_roster_list(db, k, &rf, o, e);
}

static const char *const *
student_cols(size_t *n)
{
	return rel_roster_cols(REL_STUDENT, n);
}

static int
student_list(struct rel_db *db, int set, struct rel_out *o,
    struct rel_err *e)
{
	return roster_list(db, REL_STUDENT, set, o, e);
}

static const char *const *
adult_cols(size_t *n)
{
	return rel_roster_cols(REL_ADULT, n);
}

static int
adult_list(struct rel_db *db, int set, struct rel_out *o, struct rel_err *e)
{
	return roster_list(db, REL_ADULT, set, o, e);
}

static const char *const *
group_cols(size_t *n)
{
	return rel_roster_cols(REL_GROUP, n);
}

static int
group_list(struct rel_db *db, int set, struct rel_out *o, struct rel_err *e)
{
	return roster_list(db, REL_GROUP, set, o, e);
}

static const char *const *
member_cols(size_t *n)
{
	return rel_roster_cols(REL_MEMBER, n);
}

static int
member_list(struct rel_db *db, int set, struct rel_out *o,
    struct rel_err *e)
{
	return roster_list(db, REL_MEMBER, set, o, e);
}

static int
conn_list(struct rel_db *db, int set, struct rel_out *o, struct rel_err *e)
{
	struct rel_conn_filter cf;

	memset(&cf, 0, sizeof(cf));
	cf.set = set;
	return rel_conn_list(db, &cf, o, e);
}

static int
checkin_list(struct rel_db *db, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_filter f;

	filter_of(&f, set);
	return rel_checkin_list(db, &f, o, e);
}

static int
profile_list(struct rel_db *db, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_filter f;

	filter_of(&f, set);
	f.history = 1;
	return rel_profile_list(db, &f, o, e);
}

static int
note_list(struct rel_db *db, int set, struct rel_out *o, struct rel_err *e)
{
	struct rel_filter f;

	filter_of(&f, set);
	return rel_note_list(db, &f, o, e);
}

static int
family_list(struct rel_db *db, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_family_filter ff;

	rel_family_filter_init(&ff);
	ff.f.set = set;
	ff.f.inactive = 1;
	return rel_family_list(db, &ff, o, e);
}

static int
goal_list(struct rel_db *db, int set, struct rel_out *o, struct rel_err *e)
{
	struct rel_goal_filter gf;

	rel_goal_filter_init(&gf);
	gf.f.set = set;
	gf.f.inactive = 1;
	return rel_goal_list(db, &gf, o, e);
}

static int
progress_list(struct rel_db *db, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_goal_filter gf;

	rel_goal_filter_init(&gf);
	gf.f.set = set;
	gf.f.inactive = 1;
	return rel_progress_list(db, &gf, o, e);
}

static int
indicator_list(struct rel_db *db, int set, struct rel_out *o,
    struct rel_err *e)
{
	struct rel_indicator_filter f;

	rel_indicator_filter_init(&f);
	f.set = set;
	f.inactive = 1;
	return rel_indicator_list(db, &f, o, e);
}

static void
restore_filter(struct rel_restore_filter *rf, int set)
{
	rel_restore_filter_init(rf);
	rf->f.set = set;
	rf->f.inactive = 1;
	/* A student's packet holds the parties that are that student (and
	 * the adults), not the other students of the case. */
	rf->set_parties = set;
}

static int
case_list(struct rel_db *db, int set, struct rel_out *o, struct rel_err *e)
{
	struct rel_restore_filter rf;

	restore_filter(&rf, set);
	return rel_restore_list(db, &rf, o, e);
}

static int
party_list(struct rel_db *db, int set, struct rel_out *o, struct rel_err *e)
{
	struct rel_restore_filter rf;

	restore_filter(&rf, set);
	return rel_restore_party_list(db, &rf, o, e);
}

/*
 * The kinds an export writes, in the order of enum rel_export_kind: the
 * name (and KIND.csv), the list's columns, and the list itself. A new
 * record kind is one line here (and one in the enum).
 */
static const struct {
	const char *name, *file;
	const char *const *(*cols)(size_t *n);
	int (*list)(struct rel_db *db, int set, struct rel_out *o,
	    struct rel_err *e);
} kinds[] = {
	{ "student", "student.csv", student_cols, student_list },
	{ "adult", "adult.csv", adult_cols, adult_list },
	{ "group", "group.csv", group_cols, group_list },
	{ "member", "member.csv", member_cols, member_list },
	{ "connection", "connection.csv", rel_conn_cols, conn_list },
	{ "checkin", "checkin.csv", rel_checkin_cols, checkin_list },
	{ "profile", "profile.csv", rel_profile_cols, profile_list },
	{ "note", "note.csv", rel_note_cols, note_list },
	{ "family", "family.csv", rel_family_cols, family_list },
	{ "goal", "goal.csv", rel_goal_cols, goal_list },
	{ "progress", "progress.csv", rel_progress_cols, progress_list },
	{ "case", "case.csv", rel_restore_cols, case_list },
	{ "party", "party.csv", rel_restore_party_cols, party_list },
	{ "indicator", "indicator.csv", rel_indicator_cols, indicator_list },
};
_Static_assert(NELEM(kinds) == REL_EX_NKINDS, "every kind is exported");
#define KIND_WORDS "student, adult, group, member, connection, checkin, " \
	"profile, note, family, goal, progress, case, party or indicator"

const char *
rel_export_kind_name(enum rel_export_kind k)
{
	return (unsigned)k < REL_EX_NKINDS ? kinds[k].name : "";
}

static const char *
kind_name(unsigned k)
{
	return kinds[k].name;
}

int
rel_export_kinds_parse(const char *opt, const char *s, unsigned *mask,
    struct rel_err *e)
{
	return names_parse(opt, s, kind_name, REL_EX_NKINDS, KIND_WORDS, mask,
	    e);
}

/* The list thread: kind k's list as plain CSV into fp, then EOF. */
struct producer {
	struct rel_db *db;
	enum rel_export_kind k;
	int set;
	FILE *fp;
	int rc;
	struct rel_err e;
};

static void *
produce(void *arg)
{
	struct producer *p = arg;
	const char *const *cols;
	struct rel_out *o;
	size_t n;

	rel_err_clear(&p->e);
	cols = kinds[p->k].cols(&n);
	if ((p->rc = rel_out_open(&o, p->fp, REL_FMT_CSV, 0, cols, n,
	    &p->e)) == 0) {
		if ((p->rc = kinds[p->k].list(p->db, p->set, o, &p->e)) == 0)
			p->rc = rel_out_close(o, &p->e);
		else
			rel_out_abort(o);
	}
	if (fclose(p->fp) != 0 && p->rc == 0)
		p->rc = rel_err_set(&p->e, REL_EIO, "%s list: write error: %s",
		    kinds[p->k].name, strerror(errno));
	return NULL;
}

typedef int (*row_fn)(struct exporter *x, const struct rel_csv_row *row,
    struct rel_err *e);

/* Set up x for reading kind k: its columns and what each becomes. */
static void
kind_begin(struct exporter *x, enum rel_export_kind k)
{
	size_t i;

	x->k = k;
	x->cols = kinds[k].cols(&x->ncols);
	x->sid = x->gid = x->grade = x->lang = x->role = x->active = -1;
	for (i = 0; i < x->ncols && i < MAXCOLS; i++) {
		const char *c = x->cols[i];

		x->xf[i] = xf_of(c);
		/* A party's role (harmed, facilitator, ...) is not an
		 * adult's job, and is kept. */
		if (x->xf[i] == X_ROLE && k != REL_EX_ADULT)
			x->xf[i] = X_KEEP;
		/* An indicator's name and value are what it is for; the
		 * same names elsewhere (a group's name, a profile item's
		 * value) are free text, and stay dropped. */
		if (k == REL_EX_INDICATOR && (strcmp(c, "name") == 0 ||
		    strcmp(c, "value") == 0))
			x->xf[i] = X_KEEP;
		if (strcmp(c, "student_id") == 0)
			x->sid = (int)i;
		else if (strcmp(c, "group_id") == 0)
			x->gid = (int)i;
		else if (strcmp(c, "grade") == 0)
			x->grade = (int)i;
		else if (strcmp(c, "home_language") == 0)
			x->lang = (int)i;
		else if (strcmp(c, "role") == 0)
			x->role = (int)i;
		else if (strcmp(c, "active") == 0)
			x->active = (int)i;
	}
	x->rows = 0;
}

/* One pass over kind k's list: fn for each row. The pipe is always read
 * to its end, so the list thread never blocks on it. */
static int
pass(struct exporter *x, enum rel_export_kind k, row_fn fn,
    struct rel_err *e)
{
	const struct rel_csv_row *row;
	struct rel_csv *r = NULL;
	struct producer p;
	char name[64], buf[4096];
	pthread_t th;
	FILE *in;
	int fds[2], rc, res;

	kind_begin(x, k);
	if (x->ncols > MAXCOLS)
		return rel_err_set(e, REL_ESOFTWARE, "%s: too many columns",
		    kinds[k].name);
	if (pipe(fds) != 0)
		return rel_err_set(e, REL_ESOFTWARE, "cannot make a pipe: %s",
		    strerror(errno));
	memset(&p, 0, sizeof(p));
	p.db = x->db;
	p.k = k;
	p.set = x->o->set || x->o->student != NULL;
	if ((p.fp = fdopen(fds[1], "w")) == NULL ||
	    (in = fdopen(fds[0], "r")) == NULL) {
		rc = rel_err_set(e, REL_ESOFTWARE, "cannot open a pipe: %s",
		    strerror(errno));
		if (p.fp != NULL)
			fclose(p.fp);
		else
			close(fds[1]);
		close(fds[0]);
		return rc;
	}
	if ((rc = pthread_create(&th, NULL, produce, &p)) != 0) {
		fclose(p.fp);
		fclose(in);
		return rel_err_set(e, REL_ESOFTWARE, "cannot start a thread: "
		    "%s", strerror(rc));
	}
	snprintf(name, sizeof(name), "%s list", kinds[k].name);
	rc = rel_csv_open_fp(&r, in, name, NULL, e);
	if (rc == 0) {
		res = rel_csv_header(r, &row, e);
		if (res == REL_CSV_ROW && row->n != x->ncols)
			rc = rel_err_set(e, REL_ESOFTWARE, "%s: %zu columns, "
			    "expected %zu", name, row->n, x->ncols);
		while (res == REL_CSV_ROW && (res = rel_csv_next(r, &row,
		    e)) == REL_CSV_ROW)
			if (rc == 0)
				rc = fn(x, row, e);
		if (res != REL_CSV_END && rc == 0)
			rc = e->code != 0 ? e->code : REL_ESOFTWARE;
	}
	while (fread(buf, 1, sizeof(buf), in) > 0)
		;
	rel_csv_close(r);
	fclose(in);
	pthread_join(th, NULL);
	/* The list's own failure (busy, an unknown id) is the one to say. */
	if (p.rc != 0) {
		*e = p.e;
		return p.rc;
	}
	return rc;
}

/* The counting passes of the suppression rules. */
static int
count_student(struct exporter *x, const struct rel_csv_row *row,
    struct rel_err *e)
{
	char key[256];
	size_t gl, ll;

	(void)e;
	if (x->grade < 0 || x->lang < 0 ||
	    (gl = row->len[x->grade]) == 0)
		return 0;
	ll = row->len[x->lang];
	map_get(&x->grades, row->f[x->grade], gl, 1)->n++;
	if (ll == 0 || gl + 1 + ll > sizeof(key))
		return 0;
	memcpy(key, row->f[x->grade], gl);
	key[gl] = '\x1f';
	memcpy(key + gl + 1, row->f[x->lang], ll);
	map_get(&x->langs, key, gl + 1 + ll, 1)->n++;
	return 0;
}

static int
count_adult(struct exporter *x, const struct rel_csv_row *row,
    struct rel_err *e)
{
	(void)e;
	if (x->role >= 0 && row->len[x->role] > 0)
		map_get(&x->roles, row->f[x->role], row->len[x->role], 1)->n++;
	return 0;
}

static int
count_member(struct exporter *x, const struct rel_csv_row *row,
    struct rel_err *e)
{
	(void)e;
	if (x->sid >= 0 && x->gid >= 0 && x->active >= 0 &&
	    row->len[x->sid] > 0 && strcmp(row->f[x->active], "1") == 0)
		map_get(&x->groups, row->f[x->gid], row->len[x->gid], 1)->n++;
	return 0;
}

static const char *
pseudonym(struct exporter *x, char tag, const char *id, size_t len)
{
	char key[80];
	struct slot *sl;

	/* Rows come in id order as a rule, and adults recur: each id's
	 * HMAC is worked out once. */
	if (len + 1 > sizeof(key))
		return NULL;
	key[0] = tag;
	memcpy(key + 1, id, len);
	sl = map_get(&x->pseud, key, len + 1, 1);
	if (sl->val == NULL) {
		sl->val = rel_xmalloc(REL_PSEUDONYM_LEN);
		rel_export_pseudonym(x->key, tag, id, len, sl->val);
	}
	return sl->val;
}

/* Cell i of row, de-identified, into *len bytes (NULL: empty); week
 * holds a week worked out. */
static const char *
deid_value(struct exporter *x, const struct rel_csv_row *row, size_t i,
    char *week, size_t *len)
{
	const char *s = row->f[i], *v = NULL;
	size_t gl;
	char key[256];
	int64_t secs;

	*len = row->len[i];
	if (*len == 0)
		return NULL;
	switch (x->xf[i]) {
	case X_KEEP:
		v = s;
		break;
	case X_STUDENT:
	case X_ADULT:
	case X_GROUP:
	case X_GOAL:
	case X_CASE:
		v = pseudonym(x, "sagoc"[x->xf[i] - X_STUDENT], s, *len);
		*len = v != NULL ? strlen(v) : 0;
		break;
	case X_WEEK:
		if (rel_datetime_parse(s, *len, &secs) == 0) {
			rel_export_week((int32_t)((secs - (secs % 86400 + 86400)
			    % 86400) / 86400), week);
			v = week;
			*len = strlen(week);
		}
		break;
	case X_GRADE:
		if (map_count(&x->grades, s, *len) >= REL_EXPORT_MIN_GROUP)
			v = s;
		break;
	case X_LANG:
		gl = x->grade >= 0 ? row->len[x->grade] : 0;
		if (gl == 0 || gl + 1 + *len > sizeof(key))
			break;
		memcpy(key, row->f[x->grade], gl);
		key[gl] = '\x1f';
		memcpy(key + gl + 1, s, *len);
		if (map_count(&x->langs, key, gl + 1 + *len) >=
		    REL_EXPORT_MIN_GROUP)
			v = s;
		break;
	case X_ROLE:
		if (map_count(&x->roles, s, *len) >= REL_EXPORT_MIN_GROUP)
			v = s;
		break;
	case X_DROP:
		break;
	}
	if (v == NULL)
		*len = 0;
	return v;
}

/*
 * The rows of a de-identified file are written sorted by their text, so
 * by pseudonym first. In the lists' order, the first rows would be those
 * of the lowest student_id, and a reader who knows how ids are given out
 * could match pseudonyms to students by rank. The sort runs in a private
 * temporary database of its own (a second connection, used by this
 * thread alone), which spills to a temporary file rather than growing
 * in memory; what it holds is already de-identified.
 */
struct sorter {
	sqlite3 *h;
	sqlite3_stmt *ins;
	FILE *mem;		/* one row's CSV line */
	char *buf;
	size_t size;
	struct rel_csv_writer w;
};

static int
sorter_fail(struct sorter *so, const char *what, struct rel_err *e)
{
	return rel_err_set(e, REL_ESOFTWARE, "sorting the de-identified rows "
	    "(%s): %s", what, so->h != NULL ? sqlite3_errmsg(so->h) :
	    "out of memory");
}

static int
sorter_open(struct sorter *so, unsigned flags, struct rel_err *e)
{
	memset(so, 0, sizeof(*so));
	if (sqlite3_open_v2("", &so->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(so->h, "CREATE TABLE r (line BLOB NOT NULL); BEGIN",
	    NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(so->h, "INSERT INTO r (line) VALUES (?1)", -1,
	    &so->ins, NULL) != SQLITE_OK)
		return sorter_fail(so, "opening", e);
	if ((so->mem = open_memstream(&so->buf, &so->size)) == NULL)
		return rel_err_set(e, REL_ESOFTWARE, "open_memstream: %s",
		    strerror(errno));
	rel_csv_writer_init(&so->w, so->mem, flags);
	return 0;
}

static void
sorter_close(struct sorter *so)
{
	sqlite3_finalize(so->ins);
	sqlite3_close(so->h);
	if (so->mem != NULL)
		fclose(so->mem);
	free(so->buf);
	memset(so, 0, sizeof(*so));
}

/* The de-identified row into the sorter. */
static int
sort_row(struct exporter *x, const struct rel_csv_row *row,
    struct rel_err *e)
{
	struct sorter *so = x->sort;
	char week[REL_WEEK_LEN];
	const char *v;
	size_t i, len;
	int rc;

	rewind(so->mem);
	for (i = 0; i < row->n; i++) {
		v = deid_value(x, row, i, week, &len);
		rel_csv_put(&so->w, v, len);
	}
	rel_csv_endrow(&so->w);
	if (fflush(so->mem) != 0)
		return rel_err_set(e, REL_ESOFTWARE, "open_memstream: %s",
		    strerror(errno));
	sqlite3_bind_blob(so->ins, 1, so->buf, (int)so->size, SQLITE_STATIC);
	rc = sqlite3_step(so->ins);
	sqlite3_reset(so->ins);
	return rc == SQLITE_DONE ? 0 : sorter_fail(so, "writing", e);
}

/* The sorted lines, after the header, into fp. */
static int
sorter_write(struct sorter *so, FILE *fp, const char *const *cols,
    size_t n, unsigned flags, struct rel_err *e)
{
	struct rel_csv_writer w;
	sqlite3_stmt *st;
	size_t i;
	int rc;

	rel_csv_writer_init(&w, fp, flags);
	for (i = 0; i < n; i++)
		rel_csv_put(&w, cols[i], strlen(cols[i]));
	rel_csv_endrow(&w);
	if (sqlite3_prepare_v2(so->h, "SELECT line FROM r ORDER BY line", -1,
	    &st, NULL) != SQLITE_OK)
		return sorter_fail(so, "reading", e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fwrite(sqlite3_column_blob(st, 0), 1,
		    (size_t)sqlite3_column_bytes(st, 0), fp);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sorter_fail(so, "reading", e);
}

/* A row into the file being written. */
static int
write_row(struct exporter *x, const struct rel_csv_row *row,
    struct rel_err *e)
{
	size_t i;
	int rc;

	if (x->o->deidentify && x->gid >= 0 &&
	    (x->k == REL_EX_GROUP || x->k == REL_EX_MEMBER) &&
	    map_count(&x->groups, row->f[x->gid], row->len[x->gid]) <
	    REL_EXPORT_MIN_GROUP)
		return 0;
	if (x->sid >= 0 && row->len[x->sid] > 0)
		map_get(&x->touched, row->f[x->sid], row->len[x->sid], 1);
	if (x->sort != NULL) {
		if ((rc = sort_row(x, row, e)) != 0)
			return rc;
	} else {
		for (i = 0; i < row->n; i++)
			rel_out_cell(x->out, row->f[i], row->len[i]);
		rel_out_endrow(x->out);
	}
	x->rows++;
	return 0;
}

/* Create name in the export directory: never over anything, never
 * through a symbolic link, readable by its owner alone. */
static int
create(struct exporter *x, const char *name, FILE **fp, struct rel_err *e)
{
	int fd;

	fd = openat(x->dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600);
	/* 0600 whatever the umask (a umask can take the owner's bits). */
	if (fd >= 0 && rel_file_private(fd) != 0) {
		int saved = errno;

		close(fd);
		unlinkat(x->dirfd, name, 0);
		errno = saved;
		fd = -1;
	}
	if (fd < 0)
		return rel_err_at(e, errno == EACCES ? REL_EPERM :
		    REL_ECANTCREAT, NULL, 0, NULL, "%s/%s: cannot create: %s",
		    x->o->dir, name, strerror(errno));
	x->made[x->nmade++] = name;
	if ((*fp = fdopen(fd, "w")) == NULL) {
		close(fd);
		return rel_err_set(e, REL_ESOFTWARE, "%s/%s: %s", x->o->dir,
		    name, strerror(errno));
	}
	return 0;
}

/* Flush, sync and close a file of the export; 74 on a write error. */
static int
finish(struct exporter *x, FILE *fp, const char *name, struct rel_err *e)
{
	int err = 0;

	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0)
		err = errno != 0 ? errno : EIO;
	if (fclose(fp) != 0 && err == 0)
		err = errno != 0 ? errno : EIO;
	if (err != 0)
		return rel_err_at(e, REL_EIO, NULL, 0, NULL, "%s/%s: write "
		    "error: %s", x->o->dir, name, strerror(err));
	return 0;
}

/* One kind's file. */
static int
write_kind(struct exporter *x, enum rel_export_kind k, unsigned flags,
    long *rows, struct rel_err *e)
{
	const char *const *cols;
	struct sorter so;
	FILE *fp;
	size_t n;
	int rc;

	if ((rc = create(x, kinds[k].file, &fp, e)) != 0)
		return rc;
	cols = kinds[k].cols(&n);
	if (x->o->deidentify) {
		if ((rc = sorter_open(&so, flags, e)) == 0) {
			x->sort = &so;
			rc = pass(x, k, write_row, e);
			x->sort = NULL;
		}
		if (rc == 0)
			rc = sorter_write(&so, fp, cols, n, flags, e);
		sorter_close(&so);
	} else if ((rc = rel_out_open(&x->out, fp, REL_FMT_CSV, flags, cols,
	    n, e)) == 0) {
		if ((rc = pass(x, k, write_row, e)) == 0)
			rc = rel_out_close(x->out, e);
		else
			rel_out_abort(x->out);
		x->out = NULL;
	}
	if (rc != 0) {
		fclose(fp);
		return rc;
	}
	*rows = x->rows;
	return finish(x, fp, kinds[k].file, e);
}

/* audit.csv of an inspection packet: the accesses to the student's
 * records, one row per access, naming that student alone. */
static int
write_audit(struct exporter *x, unsigned flags, long *rows,
    struct rel_err *e)
{
	const char *const *cols;
	struct rel_filter f;
	struct rel_out *o;
	sqlite3_stmt *st;
	FILE *fp;
	size_t n;
	int rc;

	if ((rc = create(x, "audit.csv", &fp, e)) != 0)
		return rc;
	cols = rel_audit_cols(1, &n);
	rel_filter_init(&f);
	f.student = x->o->student;
	if ((rc = rel_out_open(&o, fp, REL_FMT_CSV, flags, cols, n, e)) != 0) {
		fclose(fp);
		return rc;
	}
	if ((rc = rel_audit_list(x->db, &f, 1, o, e)) != 0) {
		rel_out_abort(o);
		fclose(fp);
		return rc;
	}
	if ((rc = rel_out_close(o, e)) != 0) {
		fclose(fp);
		return rc;
	}
	if ((rc = finish(x, fp, "audit.csv", e)) != 0)
		return rc;
	/* The rows, counted again rather than through the writer. */
	if ((rc = rel_db_stmt(x->db, "SELECT count(*) FROM audit u "
	    "JOIN audit_student s ON s.audit = u.id JOIN student t "
	    "ON t.id = s.student WHERE t.student_id = ?1 "
	    "AND (rel_sees_all() OR u.adult = rel_actor())", &st, e)) != 0)
		return rc;
	sqlite3_bind_text(st, 1, x->o->student, -1, SQLITE_STATIC);
	*rows = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) :
	    0;
	sqlite3_reset(st);
	return 0;
}

static int
write_manifest(struct exporter *x, const struct rel_export_result *r,
    unsigned flags, struct rel_err *e)
{
	static const char *const cols[] = { "file", "kind", "rows", "at",
		"adult_id", "purpose", "deidentified" };
	const struct rel_actor *a = rel_actor(x->db);
	const char *at = rel_now_text();
	struct rel_out *o;
	char num[32];
	FILE *fp;
	size_t k;
	int rc;

	if ((rc = create(x, "manifest.csv", &fp, e)) != 0)
		return rc;
	if ((rc = rel_out_open(&o, fp, REL_FMT_CSV, flags, cols, NELEM(cols),
	    e)) != 0) {
		fclose(fp);
		return rc;
	}
	for (k = 0; k <= REL_EX_NKINDS; k++) {
		long n = k < REL_EX_NKINDS ? r->rows[k] : r->audit_rows;
		const char *file = k < REL_EX_NKINDS ? kinds[k].file :
		    "audit.csv";

		if (n < 0)
			continue;
		snprintf(num, sizeof(num), "%ld", n);
		rel_out_cell(o, file, strlen(file));
		rel_out_cell(o, k < REL_EX_NKINDS ? kinds[k].name : "audit",
		    k < REL_EX_NKINDS ? strlen(kinds[k].name) : 5);
		rel_out_cell(o, num, strlen(num));
		rel_out_cell(o, at, strlen(at));
		/* Who exported is in the audit log; a de-identified file
		 * names nobody. */
		if (x->o->deidentify)
			rel_out_cell(o, NULL, 0);
		else
			rel_out_cell(o, a->adult_id, strlen(a->adult_id));
		rel_out_cell(o, x->o->purpose, strlen(x->o->purpose));
		rel_out_cell(o, x->o->deidentify ? "1" : "0", 1);
		rel_out_endrow(o);
	}
	if ((rc = rel_out_close(o, e)) != 0) {
		fclose(fp);
		return rc;
	}
	return finish(x, fp, "manifest.csv", e);
}

/* Put every student whose records went out in the audit ledger. */
static int
touch_students(struct exporter *x, struct rel_err *e)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	if ((rc = rel_db_stmt(x->db, "SELECT id FROM student "
	    "WHERE student_id = ?1", &st, e)) != 0)
		return rc;
	for (i = 0; i < x->touched.cap; i++) {
		const struct slot *sl = &x->touched.s[i];

		if (sl->key == NULL)
			continue;
		sqlite3_bind_text(st, 1, sl->key, (int)sl->len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			rel_access_touch(x->db, sqlite3_column_int64(st, 0),
			    REL_VIS_STAFF);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return rel_db_fail(x->db, rc, "finding the students "
			    "exported", e);
	}
	return 0;
}

/* The audit row's detail: the kinds and their rows. */
static void
detail(const struct rel_export_opts *o, const struct rel_export_result *r,
    char *buf, size_t n)
{
	const char *sep = "";
	size_t len, k;
	int w;

	len = (size_t)snprintf(buf, n, "%s", o->deidentify ?
	    "de-identified: " : "");
	for (k = 0; k <= REL_EX_NKINDS && len < n; k++) {
		long rows = k < REL_EX_NKINDS ? r->rows[k] : r->audit_rows;

		if (rows < 0)
			continue;
		w = snprintf(buf + len, n - len, "%s%s %ld", sep,
		    k < REL_EX_NKINDS ? kinds[k].name : "audit", rows);
		if (w < 0)
			break;
		len += (size_t)w;
		sep = ", ";
	}
}

static void
cleanup(struct exporter *x)
{
	size_t i;

	for (i = 0; i < x->nmade; i++)
		unlinkat(x->dirfd, x->made[i], 0);
	x->nmade = 0;
	if (x->dirfd >= 0)
		close(x->dirfd);
	x->dirfd = -1;
	rmdir(x->o->dir);
}

/* The students of --student into temp.rel_set. */
static int
load_student(struct rel_db *db, const char *id, struct rel_err *e)
{
	sqlite3_int64 rowid;
	sqlite3_stmt *st;
	int rc;

	if ((rc = rel_id_rowid(db, REL_STUDENT, "--student", id, &rowid,
	    e)) != 0 ||
	    (rc = rel_db_exec(db, "DELETE FROM temp.rel_set", e)) != 0 ||
	    (rc = rel_db_stmt(db, "INSERT INTO temp.rel_set (id) VALUES (?1)",
	    &st, e)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, rowid);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : rel_db_fail(db, rc, "naming the "
	    "student", e);
}

int
rel_export(struct rel_db *db, const struct rel_export_opts *o,
    struct rel_export_result *r, struct rel_err *e)
{
	struct exporter x;
	unsigned kinds, flags = o->excel_safe ? REL_CSV_EXCEL_SAFE : 0;
	char det[512];
	size_t k;
	int rc;

	memset(r, 0, sizeof(*r));
	for (k = 0; k < REL_EX_NKINDS; k++)
		r->rows[k] = -1;
	r->audit_rows = -1;
	if (o->purpose == NULL || o->purpose[0] == '\0')
		return rel_err_set(e, REL_EUSAGE, "--purpose: say why this "
		    "export is made; the audit log keeps it");
	if (o->dir == NULL || o->dir[0] == '\0')
		return rel_err_set(e, REL_EUSAGE, "--out: name the new "
		    "directory to export into");
	if (rel_actor(db)->id == 0)
		return rel_err_set(e, REL_EUSAGE, "an export needs an acting "
		    "adult: give --as ADULT_ID or set $REL_AS");
	/* A new directory replaces nothing, so only the database's own
	 * names are refused: a directory called rel.db-wal would keep
	 * SQLite from making its log. */
	if ((rc = rel_db_out_check(db, "--out", o->dir, 0, e)) != 0)
		return rc;
	kinds = o->kinds != 0 ? o->kinds : o->set || o->student != NULL ?
	    REL_EX_STUDENTS : REL_EX_ALL;

	memset(&x, 0, sizeof(x));
	x.db = db;
	x.o = o;
	x.dirfd = -1;
	if (o->student != NULL && (rc = load_student(db, o->student, e)) != 0)
		return rc;
	if (mkdir(o->dir, 0700) != 0) {
		rc = rel_err_at(e, errno == EACCES ? REL_EPERM : REL_ECANTCREAT,
		    NULL, 0, NULL, "%s: cannot create: %s%s", o->dir,
		    strerror(errno), errno == EEXIST ? " (an export goes into "
		    "a new directory)" : "");
		goto out;
	}
	if ((x.dirfd = open(o->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0) {
		rc = rel_err_at(e, REL_ECANTCREAT, NULL, 0, NULL, "%s: %s",
		    o->dir, strerror(errno));
		rmdir(o->dir);
		goto out;
	}
	/* The key is made (the first time) only once the directory is:
	 * an export refused at the start changes nothing. */
	if (o->deidentify && (rc = rel_export_key(db, x.key, e)) != 0)
		goto fail;

	/* One read transaction: the counting passes, every file and the
	 * manifest see the same database. */
	rel_access_all(db);
	if ((rc = rel_db_exec(db, "BEGIN", e)) != 0)
		goto fail;
	if (o->deidentify) {
		if ((kinds & 1u << REL_EX_STUDENT) &&
		    (rc = pass(&x, REL_EX_STUDENT, count_student, e)) != 0)
			goto fail;
		if ((kinds & 1u << REL_EX_ADULT) &&
		    (rc = pass(&x, REL_EX_ADULT, count_adult, e)) != 0)
			goto fail;
		if ((kinds & (1u << REL_EX_GROUP | 1u << REL_EX_MEMBER)) &&
		    (rc = pass(&x, REL_EX_MEMBER, count_member, e)) != 0)
			goto fail;
	}
	for (k = 0; k < REL_EX_NKINDS; k++)
		if ((kinds & 1u << k) && (rc = write_kind(&x,
		    (enum rel_export_kind)k, flags, &r->rows[k], e)) != 0)
			goto fail;
	if (o->student != NULL && !o->deidentify &&
	    (rc = write_audit(&x, flags, &r->audit_rows, e)) != 0)
		goto fail;
	if ((rc = write_manifest(&x, r, flags, e)) != 0)
		goto fail;
	if ((rc = rel_db_exec(db, "COMMIT", e)) != 0 ||
	    (rc = touch_students(&x, e)) != 0)
		goto fail;
	if (fsync(x.dirfd) != 0) {
		rc = rel_err_at(e, REL_EIO, NULL, 0, NULL, "%s: %s", o->dir,
		    strerror(errno));
		goto fail;
	}

	/* The files are complete, but only in a directory no one else may
	 * enter. The audit row is written now, with the true counts; if it
	 * cannot be, the files go: no export leaves that the log does not
	 * record. */
	detail(o, r, det, sizeof(det));
	r->students = (long)x.touched.used;
	if ((rc = rel_audit_flush(db, 1, o->purpose, det, e)) != 0)
		goto fail;
	close(x.dirfd);
	x.dirfd = -1;
	goto out;
fail:
	rel_db_rollback(db);
	cleanup(&x);
	for (k = 0; k < REL_EX_NKINDS; k++)
		r->rows[k] = -1;
	r->audit_rows = -1;
out:
	sodium_memzero(x.key, sizeof(x.key));
	map_free(&x.pseud);
	map_free(&x.grades);
	map_free(&x.langs);
	map_free(&x.roles);
	map_free(&x.groups);
	map_free(&x.touched);
	return rc;
}

/*
 * Retention.
 */
static const char *const purge_names[REL_PURGE_NKINDS] = { "checkin",
	"note", "connection", "profile", "family", "goal", "case",
	"indicator" };

const char *
rel_purge_kind_name(enum rel_purge_kind k)
{
	return (unsigned)k < REL_PURGE_NKINDS ? purge_names[k] : "";
}

static const char *
purge_name(unsigned k)
{
	return purge_names[k];
}

int
rel_purge_kinds_parse(const char *opt, const char *s, unsigned *mask,
    struct rel_err *e)
{
	return names_parse(opt, s, purge_name, REL_PURGE_NKINDS,
	    "checkin, note, connection, profile, family, goal, case or "
	    "indicator (the "
	    "other kinds are never purged)", mask, e);
}

/* ?1 the time: seconds for check-ins, a date-time text for the rest. A
 * mark of the connection history goes only when a later mark of the same
 * adult and student exists: the latest one is what the current
 * connection rests on, and is still true. */
static const char *const purge_count[REL_PURGE_NKINDS] = {
	"SELECT count(*) FROM checkin WHERE at < ?1",
	"SELECT count(*) FROM note WHERE at < ?1",
	"SELECT count(*) FROM connection_event e WHERE e.at < ?1 "
	"AND EXISTS (SELECT 1 FROM connection_event n "
	" WHERE n.student = e.student AND n.adult = e.adult "
	" AND (n.at > e.at OR (n.at = e.at AND n.id > e.id)))",
	"SELECT count(*) FROM profile_item WHERE retired_at < ?1",
	"SELECT count(*) FROM family_contact WHERE at < ?1",
	"SELECT count(*) FROM goal WHERE closed_at < ?1",
	"SELECT count(*) FROM restorative_case WHERE closed_at < ?1",
	"SELECT count(*) FROM indicator WHERE day < substr(?1, 1, 10)",
};
/* What must go first: the rows that point at the ones deleted. An open
 * goal or case is never purged, however old. */
static const char *const purge_first[REL_PURGE_NKINDS] = {
	NULL, NULL, NULL, NULL, NULL,
	"DELETE FROM progress WHERE goal IN "
	"(SELECT id FROM goal WHERE closed_at < ?1)",
	"DELETE FROM party WHERE rcase IN "
	"(SELECT id FROM restorative_case WHERE closed_at < ?1)",
	NULL,
};
static const char *const purge_delete[REL_PURGE_NKINDS] = {
	"DELETE FROM checkin WHERE at < ?1",
	"DELETE FROM note WHERE at < ?1",
	"DELETE FROM connection_event WHERE id IN (SELECT e.id "
	"FROM connection_event e WHERE e.at < ?1 "
	"AND EXISTS (SELECT 1 FROM connection_event n "
	" WHERE n.student = e.student AND n.adult = e.adult "
	" AND (n.at > e.at OR (n.at = e.at AND n.id > e.id))))",
	"DELETE FROM profile_item WHERE retired_at < ?1",
	"DELETE FROM family_contact WHERE at < ?1",
	"DELETE FROM goal WHERE closed_at < ?1",
	"DELETE FROM restorative_case WHERE closed_at < ?1",
	/* A day is before the time when it is before the time's day: an
	 * indicator of the day itself is kept. */
	"DELETE FROM indicator WHERE day < substr(?1, 1, 10)",
};

/* PRAGMA wal_checkpoint(TRUNCATE); 75 when another connection kept it
 * from finishing. */
static int
checkpoint(struct rel_db *db, struct rel_err *e)
{
	sqlite3_stmt *st;
	int rc, busy;

	if ((rc = rel_db_stmt(db, "PRAGMA wal_checkpoint(TRUNCATE)", &st,
	    e)) != 0)
		return rc;
	rc = sqlite3_step(st);
	busy = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rel_db_fail(db, rc, "checkpointing", e);
	if (busy)
		return rel_err_set(e, REL_EBUSY, "the records are deleted, but "
		    "another program kept the database busy, so the file may "
		    "still hold their text: run the purge again");
	return 0;
}

int
rel_purge(struct rel_db *db, int64_t before, unsigned mask, int dry_run,
    const char *purpose, long n[REL_PURGE_NKINDS], struct rel_err *e)
{
	const struct rel_actor *a = rel_actor(db);
	char at[REL_DATETIME_LEN], det[256];
	sqlite3_stmt *st;
	size_t k, len = 0;
	int rc;

	memset(n, 0, REL_PURGE_NKINDS * sizeof(*n));
	if (a->id == 0)
		return rel_err_set(e, REL_EUSAGE, "a purge needs an acting "
		    "adult: give --as ADULT_ID or set $REL_AS");
	if (!a->sees_all)
		return rel_err_set(e, REL_EPERM, "only a counselor or an admin "
		    "may purge records, and %s is neither", a->adult_id);
	if (mask == 0)
		mask = (1u << REL_PURGE_NKINDS) - 1;
	rel_datetime_format(before, at);
	if ((rc = dry_run ? rel_db_exec(db, "BEGIN", e) : rel_db_begin(db,
	    e)) != 0)
		return rc;
	det[0] = '\0';
	for (k = 0; k < REL_PURGE_NKINDS; k++) {
		if (!(mask & 1u << k))
			continue;
		if (!dry_run && purge_first[k] != NULL) {
			if ((rc = rel_db_stmt(db, purge_first[k], &st, e)) != 0)
				goto fail;
			sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
			if (rc != SQLITE_DONE) {
				rc = rel_db_fail(db, rc, "purging", e);
				goto fail;
			}
		}
		if ((rc = rel_db_stmt(db, dry_run ? purge_count[k] :
		    purge_delete[k], &st, e)) != 0)
			goto fail;
		if (k == REL_PURGE_CHECKIN)
			sqlite3_bind_int64(st, 1, before);
		else
			sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (dry_run && rc == SQLITE_ROW)
			n[k] = (long)sqlite3_column_int64(st, 0);
		else if (!dry_run && rc == SQLITE_DONE)
			n[k] = sqlite3_changes(rel_db_handle(db));
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = rel_db_fail(db, rc, "purging", e);
			goto fail;
		}
		len += (size_t)snprintf(det + len, sizeof(det) - len,
		    "%s%s %ld", len > 0 ? ", " : "", purge_names[k], n[k]);
	}
	if (dry_run) {
		rel_db_rollback(db);
		return 0;
	}
	/* Counts only: a purge names no student. */
	if ((rc = rel_audit_flush(db, 1, purpose, det, e)) != 0 ||
	    (rc = rel_db_commit(db, e)) != 0)
		goto fail;
	/* secure_delete zeroed the deleted cells; the WAL may still hold
	 * older copies of their pages, and free pages their ghosts. Copy the
	 * WAL back and empty it, rebuild the file, and empty the WAL again. */
	if ((rc = checkpoint(db, e)) != 0 ||
	    (rc = rel_db_exec(db, "VACUUM", e)) != 0)
		return rc;
	return checkpoint(db, e);
fail:
	rel_db_rollback(db);
	return rc;
}
