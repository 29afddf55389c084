/*
 * unit.h: what every cmocka test file includes.
 */
#ifndef REL_UNIT_H
#define REL_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rel/rel.h"

#endif
