/*
 * csv_roundtrip.c: what rel_csv_writer writes, rel_csv reads back the
 * same, field for field and byte for byte (the plain mode; EXCEL_SAFE
 * changes cells by design).
 *
 * The input is shaped into valid rows: its first byte gives the number of
 * columns (1-8); the rest, cut at each 0xFF byte, gives the fields in row
 * order, with NUL bytes and invalid UTF-8 left out (the reader refuses
 * them by design). The header is c1,c2,... (its names must be non-empty
 * and distinct); a last row short of fields is filled with empty ones.
 */
#include "fuzz.h"

#include "rel/csv.h"

struct field {
	char *s;
	size_t len;
};

/* Keep only the valid UTF-8 of d[0..n) (it has no NUL). */
static size_t
clean(const uint8_t *d, size_t n, char *out)
{
	size_t pos = 0, k = 0, ok;

	while (pos < n) {
		ok = rel_utf8_valid((const char *)d + pos, n - pos);
		memcpy(out + k, d + pos, ok);
		k += ok;
		pos += ok + 1;	/* skip the byte that is not */
	}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rel_csv_row *row;
	struct field *fs;
	struct rel_csv_writer w;
	struct rel_csv *r;
	struct rel_err e;
	size_t ncols, nf = 0, nrows, i, j, start;
	char *out = NULL, name[16];
	size_t outlen = 0;
	FILE *fp;

	if (size == 0)
		return 0;
	ncols = (size_t)(data[0] % 8) + 1;
	fs = calloc(size + ncols, sizeof(*fs));
	FUZZ_CHECK(fs != NULL);
	for (start = i = 1; i <= size; i++) {
		if (i < size && data[i] != 0xff)
			continue;
		fs[nf].s = malloc(i - start + 1);
		FUZZ_CHECK(fs[nf].s != NULL);
		fs[nf].len = clean(data + start, i - start, fs[nf].s);
		fs[nf].s[fs[nf].len] = '\0';
		nf++;
		start = i + 1;
	}
	while (nf % ncols != 0) {
		fs[nf].s = calloc(1, 1);
		FUZZ_CHECK(fs[nf].s != NULL);
		nf++;
	}
	nrows = nf / ncols;

	fp = open_memstream(&out, &outlen);
	FUZZ_CHECK(fp != NULL);
	rel_csv_writer_init(&w, fp, 0);
	for (j = 0; j < ncols; j++) {
		snprintf(name, sizeof(name), "c%zu", j + 1);
		rel_csv_put(&w, name, strlen(name));
	}
	rel_csv_endrow(&w);
	for (i = 0; i < nf; i++) {
		rel_csv_put(&w, fs[i].s, fs[i].len);
		if ((i + 1) % ncols == 0)
			rel_csv_endrow(&w);
	}
	FUZZ_CHECK(fclose(fp) == 0);

	fp = fuzz_fp((const uint8_t *)out, outlen);
	FUZZ_CHECK(fp != NULL);
	FUZZ_CHECK(rel_csv_open_fp(&r, fp, "roundtrip", NULL, &e) == 0);
	FUZZ_CHECK(rel_csv_header(r, &row, &e) == REL_CSV_ROW);
	FUZZ_CHECK(row->n == ncols);
	for (i = 0; i < nrows; i++) {
		FUZZ_CHECK(rel_csv_next(r, &row, &e) == REL_CSV_ROW);
		FUZZ_CHECK(row->n == ncols);
		for (j = 0; j < ncols; j++) {
			const struct field *f = &fs[i * ncols + j];

			FUZZ_CHECK(row->len[j] == f->len);
			FUZZ_CHECK(memcmp(row->f[j], f->s, f->len) == 0);
		}
	}
	FUZZ_CHECK(rel_csv_next(r, &row, &e) == REL_CSV_END);
	rel_csv_close(r);
	fclose(fp);
	free(out);
	for (i = 0; i < nf; i++)
		free(fs[i].s);
	free(fs);
	return 0;
}
