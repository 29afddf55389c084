/*
 * replay.c: main() for a fuzz target without libFuzzer. Each argument is
 * an input file, or a folder whose files are each an input; each is
 * given once to LLVMFuzzerTestOneInput. make check runs the corpora and
 * regressions so (tests/cli/fuzz-replay.sh), under valgrind and the
 * sanitizers too. Prints how many inputs ran; 66 if one cannot be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int
run_file(const char *path, long *n)
{
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0, got;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 66;
	}
	do {
		if (len == cap) {
			unsigned char *more;

			cap = cap ? cap * 2 : 4096;
			if ((more = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "replay: out of memory\n");
				free(buf);
				fclose(fp);
				return 71;
			}
			buf = more;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
	} while (got > 0);
	if (ferror(fp)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(fp);
		free(buf);
		return 74;
	}
	fclose(fp);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	(*n)++;
	return 0;
}

static int
run_path(const char *path, long *n)
{
	struct dirent *d;
	struct stat sb;
	char sub[4096];
	DIR *dir;
	int rc = 0;

	if (stat(path, &sb) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 66;
	}
	if (!S_ISDIR(sb.st_mode))
		return run_file(path, n);
	if ((dir = opendir(path)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 66;
	}
	while (rc == 0 && (d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, d->d_name);
		if (stat(sub, &sb) == 0 && S_ISREG(sb.st_mode))
			rc = run_file(sub, n);
	}
	closedir(dir);
	return rc;
}

int
main(int argc, char **argv)
{
	long n = 0;
	int i, rc;

	for (i = 1; i < argc; i++)
		if ((rc = run_path(argv[i], &n)) != 0)
			return rc;
	printf("%ld inputs\n", n);
	return 0;
}
