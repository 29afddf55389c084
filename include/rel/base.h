/*
 * base.h: version, symbol export and the exit statuses every module shares.
 */
#ifndef REL_BASE_H
#define REL_BASE_H

#include <stddef.h>

/* The release version of the toolkit; the ABI version lives in the Makefile. */
#define REL_VERSION "0.1.0"

/* Marks a function as part of librel's public ABI (-fvisibility=hidden). */
#if defined(__GNUC__)
#define REL_API __attribute__((visibility("default")))
#else
#define REL_API
#endif

/* Exit statuses: the sysexits table of DESIGN.md, and nothing else. */
enum rel_status {
	REL_OK = 0,
	REL_EUSAGE = 64,	/* command line usage error */
	REL_EDATA = 65,		/* bad input data */
	REL_ENOINPUT = 66,	/* input file or database missing */
	REL_ESOFTWARE = 70,	/* internal error */
	REL_ECANTCREAT = 73,	/* cannot create an output file */
	REL_EIO = 74,		/* read or write error */
	REL_EBUSY = 75,		/* database busy: worth retrying */
	REL_EPERM = 77,		/* permission denied */
	REL_ECONFIG = 78	/* configuration (e.g. schema version) */
};

#endif
