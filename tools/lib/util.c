// SPDX-License-Identifier: GPL-2.0-only
/* Address ranges, numbers from options, the clock, and the output lines */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lvs.h"

int lvs_addr4_parse(const char *s, struct in_addr *a)
{
	return inet_pton(AF_INET, s, a) == 1 ? 0 : -1;
}

/* "a.b.c.d/len": every address but network and broadcast when len < 31 */
int lvs_range_parse(const char *cidr, struct lvs_range *r)
{
	char addr[INET_ADDRSTRLEN];
	const char *slash = strchr(cidr, '/');
	struct in_addr a;
	uint64_t bits;
	uint32_t base, size;

	if (!slash || (size_t)(slash - cidr) >= sizeof(addr))
		return -1;
	memcpy(addr, cidr, (size_t)(slash - cidr));
	addr[slash - cidr] = '\0';
	if (lvs_addr4_parse(addr, &a) || lvs_u64_arg(slash + 1, &bits) ||
	    bits < 8 || bits > 32)
		return -1;
	size = bits == 32 ? 1 : 1u << (32 - bits);
	base = ntohl(a.s_addr) & ~(size - 1);
	if (size > 2) {
		r->first = base + 1;
		r->hosts = size - 2;
	} else {
		r->first = base;
		r->hosts = size;
	}
	return 0;
}

struct in_addr lvs_range_host(const struct lvs_range *r, uint32_t i)
{
	struct in_addr a = { .s_addr = htonl(r->first + i % r->hosts) };

	return a;
}

double lvs_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64*: cheap, seeded, good enough for spoofed addresses and SPIs */
uint64_t lvs_rand64(uint64_t *state)
{
	uint64_t x = *state ? *state : 0x9e3779b97f4a7c15ull;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dull;
}

int lvs_u64_arg(const char *s, uint64_t *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return errno || *end ? -1 : 0;
}

int lvs_double_arg(const char *s, double *v)
{
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	return errno || *end || *v < 0 ? -1 : 0;
}

void lvs_print_stats(const struct lvs_send_stats *st, bool json)
{
	double pps = st->seconds > 0 ? (double)st->sent / st->seconds : 0;

	if (json)
		printf("{\"sent\": %llu, \"errors\": %llu, \"seconds\": %.3f, \"pps\": %.0f}\n",
		       (unsigned long long)st->sent,
		       (unsigned long long)st->errors, st->seconds, pps);
	else
		printf("sent %llu errors %llu seconds %.3f pps %.0f\n",
		       (unsigned long long)st->sent,
		       (unsigned long long)st->errors, st->seconds, pps);
}

int lvs_usage_error(const char *prog, const char *msg)
{
	fprintf(stderr, "%s: %s (see --help)\n", prog, msg);
	return 2;
}

int lvs_send_opt(int opt, const char *arg, struct lvs_send_opts *o,
		 bool *json)
{
	switch (opt) {
	case LVS_OPT_COUNT:
		return lvs_u64_arg(arg, &o->count) ? -1 : 1;
	case LVS_OPT_SECONDS:
		return lvs_double_arg(arg, &o->seconds) ? -1 : 1;
	case LVS_OPT_RATE:
		return lvs_u64_arg(arg, &o->rate) ? -1 : 1;
	case LVS_OPT_JSON:
		*json = true;
		return 1;
	}
	return 0;
}

/* A big-endian 64-bit field, such as an IKE SPI */
uint64_t lvs_get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}
