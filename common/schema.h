/*
 * The two databases' schemas (documented in docs/schema.md, which must be
 * kept in step with schema.c).
 *
 * A schema change appends a migration to schema.c and bumps the version;
 * released migrations are never edited.
 */
#ifndef SYSATLAS_SCHEMA_H
#define SYSATLAS_SCHEMA_H

#include "db.h"

/* PRAGMA application_id values: "SATR" and "SAIX" in ASCII. */
#define SYSATLAS_TRACE_APP_ID 0x53415452u
#define SYSATLAS_INDEX_APP_ID 0x53414958u

extern const struct db_schema db_schema_trace;
extern const struct db_schema db_schema_index;

#endif
