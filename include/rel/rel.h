/*
 * rel.h: librel, the relationship-record primitives behind the rel commands.
 * Include this one header; it pulls in every module.
 */
#ifndef REL_REL_H
#define REL_REL_H

#include "rel/base.h"
#include "rel/err.h"
#include "rel/time.h"
#include "rel/csv.h"
#include "rel/db.h"
#include "rel/out.h"
#include "rel/set.h"
#include "rel/import.h"
#include "rel/roster.h"
#include "rel/oneroster.h"
#include "rel/connection.h"
#include "rel/access.h"
#include "rel/record.h"
#include "rel/checkin.h"
#include "rel/profile.h"
#include "rel/note.h"
#include "rel/family.h"
#include "rel/restore.h"
#include "rel/goal.h"
#include "rel/flag.h"
#include "rel/indicator.h"
#include "rel/export.h"
#include "rel/render.h"
#include "rel/report.h"
#include "rel/sample.h"
#include "rel/cli.h"

#endif
