/*
 * db-image: the empty databases as bytes (generated at build time by
 * common/gen-db-image.c from common/schema.c's migrations).
 */
#ifndef SYSATLAS_DB_IMAGE_H
#define SYSATLAS_DB_IMAGE_H

#include <stddef.h>
#include <stdint.h>

struct db_image {
	uint32_t application_id;
	int version;			/* the schema version it was made at */
	const unsigned char *bytes;
	size_t len;
};

/* Every schema's image; the list ends with application_id 0. */
extern const struct db_image db_images[];

#endif
