/* rel: see rel(1), the one description of the command. */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rel/rel.h"
#include "usage-rel.h"

static const struct {
	const char *name;
	const char *what;
} commands[] = {
	{ "checkin", "brief check-ins: mood, understanding, workload" },
	{ "csv", "check and clean CSV files from other systems" },
	{ "export", "exports, the audit log and retention" },
	{ "family", "two-way contacts with families, with follow-ups" },
	{ "flag", "early signals that a student needs more support" },
	{ "goal", "goals and support plans with progress checks" },
	{ "indicator", "attendance, grades and survey scales over time" },
	{ "init", "create, migrate, check and back up the database" },
	{ "map", "which adults know each student; who has nobody" },
	{ "note", "affirmations, feedback, observations, concerns" },
	{ "profile", "strengths, interests and what helps each student" },
	{ "report", "coverage, caseloads, trends and the student card" },
	{ "restore", "restorative cases, agreements and follow-ups" },
	{ "roster", "students, adults, groups and memberships" },
};

static char selfdir[PATH_MAX];

static void
find_self(const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t n;
	char *slash;

	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n > 0)
		buf[n] = '\0';
	else if (strchr(argv0, '/') == NULL || realpath(argv0, buf) == NULL)
		return;
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	snprintf(selfdir, sizeof(selfdir), "%s", buf);
}

/* Is rel-NAME an executable beside rel or on $PATH? Fills path. */
static int
locate(const char *name, char *path, size_t n)
{
	const char *p, *colon;
	size_t len;

	if (selfdir[0] != '\0' &&
	    (size_t)snprintf(path, n, "%s/rel-%s", selfdir, name) < n &&
	    access(path, X_OK) == 0)
		return 1;
	for (p = getenv("PATH"); p != NULL && *p != '\0'; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		if ((size_t)snprintf(path, n, "%.*s/rel-%s", (int)(len ? len : 1),
		    len ? p : ".", name) < n && access(path, X_OK) == 0)
			return 1;
		if (colon == NULL)
			break;
	}
	return 0;
}

static void
list(FILE *fp)
{
	char path[PATH_MAX];
	size_t i;

	fprintf(fp, "commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (locate(commands[i].name, path, sizeof(path)))
			fprintf(fp, "  %-10s %s\n", commands[i].name,
			    commands[i].what);
	fprintf(fp, "rel help COMMAND shows its manual; see also rel(7).\n");
}

_Noreturn static void
usage(FILE *fp, int status)
{
	/* Static, so that the leak checker still sees it at exit. */
	static char *more;
	size_t len;
	FILE *m;

	if ((m = open_memstream(&more, &len)) != NULL) {
		list(m);
		if (fclose(m) != 0)
			more = NULL;
	}
	rel_cli_usage(fp, status, usage_forms,
	    sizeof(usage_forms) / sizeof(usage_forms[0]), more);
}

/* An unknown command, with the closest of those rel knows. */
static void
unknown(const char *what, const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	const char *s;
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		names[i] = commands[i].name;
	if ((s = rel_cli_suggest(name, names, i)) != NULL)
		rel_warn("%sunknown command \"%s\"; did you mean \"%s\"?",
		    what, name, s);
	else
		rel_warn("%sunknown command \"%s\" (rel help lists them)",
		    what, name);
}

static int
valid_name(const char *s)
{
	if (*s == '\0' || *s == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

int
main(int argc, char **argv)
{
	char path[PATH_MAX], page[PATH_MAX];

	/* usage() lists the commands found beside rel: find it first. */
	find_self(argc > 0 ? argv[0] : "rel");
	rel_cli_verb(argc, argv, usage);
	if (strcmp(argv[1], "help") == 0) {
		if (argc == 2) {
			list(stdout);
			return rel_cli_finish(0);
		}
		if (argc > 3 || !valid_name(argv[2]) ||
		    !locate(argv[2], path, sizeof(path))) {
			unknown("help: ", argv[2]);
			return REL_EUSAGE;
		}
		fflush(stdout);
		/* In a build tree the page sits beside the sources. */
		if (selfdir[0] != '\0' && (size_t)snprintf(page, sizeof(page),
		    "%s/../../man/man1/rel-%s.1", selfdir, argv[2]) <
		    sizeof(page) && access(page, R_OK) == 0)
			execlp("man", "man", "-l", page, (char *)NULL);
		else {
			snprintf(page, sizeof(page), "rel-%s", argv[2]);
			execlp("man", "man", page, (char *)NULL);
		}
		rel_warn("help: cannot run man: %s", strerror(errno));
		return REL_ESOFTWARE;
	}
	if (!valid_name(argv[1]) || !locate(argv[1], path, sizeof(path))) {
		unknown("", argv[1]);
		return REL_EUSAGE;
	}
	snprintf(page, sizeof(page), "rel-%s", argv[1]);
	argv[1] = page;
	fflush(stdout);
	execv(path, argv + 1);
	rel_warn("%s: %s", path, strerror(errno));
	return errno == EACCES ? REL_EPERM : REL_ESOFTWARE;
}
