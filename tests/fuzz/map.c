/*
 * map.c: the --map parser, then binding a header to a kind's columns
 * with the renames. The first byte picks the kind (and --ignore-unknown);
 * the rest up to the first LF is the --map text, and what follows is the
 * header, names cut at commas. Invariants: a parse either gives renames
 * or is 64 with a message; a bind puts each column at a distinct header
 * index (or -1), finds every required one, or is 64 or 65 with a message;
 * renamed names keep their lengths right.
 */
#include "fuzz.h"

#include "rel/checkin.h"
#include "rel/connection.h"
#include "rel/family.h"
#include "rel/goal.h"
#include "rel/import.h"
#include "rel/indicator.h"
#include "rel/note.h"
#include "rel/profile.h"
#include "rel/restore.h"
#include "rel/roster.h"

static const struct rel_import_kind *
kind(unsigned k)
{
	switch (k % 14) {
	case 0: return rel_checkin_kind();
	case 1: return rel_note_kind();
	case 2: return rel_family_kind();
	case 3: return rel_goal_kind();
	case 4: return rel_progress_kind();
	case 5: return rel_indicator_kind();
	case 6: return rel_profile_kind();
	case 7: return rel_restore_kind();
	case 8: return rel_restore_party_kind();
	case 9: return rel_conn_kind();
	default: return &rel_roster_kinds()[k % 14 - 10];
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rel_import_kind *k;
	struct rel_csv_renames *m = NULL;
	struct rel_csv_row hdr;
	struct rel_err e;
	char *text, *nl, *p, **names;
	size_t *lens, n = 0, i, j;
	int *idx, rc, ignore;

	if (size == 0)
		return 0;
	k = kind(data[0] >> 1);
	ignore = data[0] & 1;
	text = fuzz_str(data + 1, size - 1);
	if ((nl = strchr(text, '\n')) != NULL)
		*nl++ = '\0';
	rc = rel_csv_renames_parse(&m, text, &e);
	if (rc != 0) {
		FUZZ_CHECK(rc == 64 && e.code == 64 && e.msg[0] != '\0');
		FUZZ_CHECK(m == NULL);
	} else
		FUZZ_CHECK(m != NULL);
	if (nl == NULL) {
		rel_csv_renames_free(m);
		free(text);
		return 0;
	}
	/* The header: the rest, cut at commas. */
	names = calloc(strlen(nl) + 1, sizeof(*names));
	lens = calloc(strlen(nl) + 1, sizeof(*lens));
	FUZZ_CHECK(names != NULL && lens != NULL);
	for (p = nl;; p++) {
		char *c = strchr(p, ',');

		names[n] = p;
		lens[n++] = c != NULL ? (size_t)(c - p) : strlen(p);
		if (c == NULL)
			break;
		*c = '\0';
		p = c;
	}
	hdr.n = n;
	hdr.f = names;
	hdr.len = lens;
	hdr.line = 1;
	idx = calloc(k->ncols, sizeof(*idx));
	FUZZ_CHECK(idx != NULL);
	rc = rel_csv_bind(&hdr, "fuzz", k->cols, k->ncols, m, ignore, idx, &e);
	if (rc == 0) {
		for (i = 0; i < k->ncols; i++) {
			FUZZ_CHECK(idx[i] >= -1 && idx[i] < (int)n);
			if (k->cols[i].flags & REL_COL_REQUIRED)
				FUZZ_CHECK(idx[i] >= 0);
			for (j = 0; j < i; j++)
				FUZZ_CHECK(idx[i] < 0 || idx[i] != idx[j]);
		}
	} else
		FUZZ_CHECK((rc == 64 || rc == 65) && e.code == rc &&
		    e.msg[0] != '\0');
	rel_csv_renamed_names(m, names, lens, n);
	for (i = 0; i < n; i++)
		FUZZ_CHECK(names[i] != NULL && strlen(names[i]) == lens[i]);
	free(idx);
	free(names);
	free(lens);
	rel_csv_renames_free(m);
	free(text);
	return 0;
}
