/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lvs-ipsec tools: a tiny JSON writer to stdout. Objects and arrays nest;
 * commas are placed by the writer. Keys are plain ASCII names.
 */
#ifndef LVS_JSON_H
#define LVS_JSON_H

#include <stdbool.h>
#include <stdint.h>

/* key is NULL inside arrays and for the outermost value */
void lvs_json_begin(const char *key, char open);	/* '{' or '[' */
void lvs_json_end(void);				/* closes; newline at top */
void lvs_json_u64(const char *key, uint64_t v);
void lvs_json_num(const char *key, double v);		/* 3 decimals */
void lvs_json_str(const char *key, const char *s);
void lvs_json_bool(const char *key, bool v);
void lvs_json_null(const char *key);

#endif
