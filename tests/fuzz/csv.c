/*
 * csv.c: the CSV reader over any bytes. An odd first byte reads them as
 * Latin-1 (through iconv), an even one as UTF-8. The header and every
 * record are read to the end; a good record has the header's field count,
 * and every field it gives is valid UTF-8 of the length it says.
 */
#include "fuzz.h"

#include "rel/csv.h"

static void
check_row(const struct rel_csv_row *row)
{
	size_t i;

	for (i = 0; i < row->n; i++) {
		FUZZ_CHECK(strlen(row->f[i]) == row->len[i]);
		FUZZ_CHECK(rel_utf8_valid(row->f[i], row->len[i]) ==
		    row->len[i]);
	}
	FUZZ_CHECK(row->line >= 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rel_csv_row *row;
	const char *enc = size > 0 && (data[0] & 1) ? "latin1" : NULL;
	struct rel_csv *r;
	struct rel_err e;
	size_t ncols, i;
	long line = 0;
	FILE *fp;
	int rc;

	if ((fp = fuzz_fp(data, size)) == NULL)
		return 0;
	FUZZ_CHECK(rel_csv_open_fp(&r, fp, "fuzz", enc, &e) == 0);
	rc = rel_csv_header(r, &row, &e);
	if (rc == REL_CSV_ROW) {
		check_row(row);
		ncols = row->n;
		FUZZ_CHECK(ncols >= 1);
		for (i = 0; i < ncols; i++)
			FUZZ_CHECK(row->len[i] > 0);
		line = row->line;
		while ((rc = rel_csv_next(r, &row, &e)) != REL_CSV_END &&
		    rc != REL_CSV_FATAL) {
			FUZZ_CHECK(rc == REL_CSV_ROW || rc == REL_CSV_BAD);
			if (rc == REL_CSV_BAD) {
				FUZZ_CHECK(e.code == 65 && e.msg[0] != '\0');
				continue;
			}
			check_row(row);
			FUZZ_CHECK(row->n == ncols);
			FUZZ_CHECK(row->line > line);
			line = row->line;
		}
	}
	if (rc == REL_CSV_FATAL)
		FUZZ_CHECK(e.code != 0 && e.msg[0] != '\0');
	rel_csv_close(r);
	fclose(fp);
	return 0;
}
