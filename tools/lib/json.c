// SPDX-License-Identifier: GPL-2.0-only
/* lvs-ipsec tools: JSON writer, see json.h */
#include "json.h"

#include <stdio.h>

#define DEPTH 16

static char closer[DEPTH];
static bool first[DEPTH] = { true };
static int depth;

static void sep(const char *key)
{
	if (!first[depth])
		putchar(',');
	first[depth] = false;
	if (key)
		printf("\"%s\":", key);
}

void lvs_json_begin(const char *key, char open)
{
	sep(key);
	putchar(open);
	if (depth < DEPTH - 1)
		depth++;
	closer[depth] = open == '{' ? '}' : ']';
	first[depth] = true;
}

void lvs_json_end(void)
{
	putchar(closer[depth]);
	if (depth > 0)
		depth--;
	if (!depth) {
		putchar('\n');
		first[0] = true;
	}
}

void lvs_json_u64(const char *key, uint64_t v)
{
	sep(key);
	printf("%llu", (unsigned long long)v);
}

void lvs_json_num(const char *key, double v)
{
	sep(key);
	printf("%.3f", v);
}

void lvs_json_str(const char *key, const char *s)
{
	sep(key);
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

void lvs_json_bool(const char *key, bool v)
{
	sep(key);
	fputs(v ? "true" : "false", stdout);
}

void lvs_json_null(const char *key)
{
	sep(key);
	fputs("null", stdout);
}
