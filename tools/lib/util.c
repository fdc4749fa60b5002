// SPDX-License-Identifier: GPL-2.0-only
/* lvs-ipsec tools: shared helpers, see util.h */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *lvs_prog = "lvs-tool";

static void vmsg(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", lvs_prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void lvs_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void lvs_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

uint64_t lvs_parse_u64(const char *opt, const char *s, uint64_t min, uint64_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	if (!s || !*s || *s == '-')
		lvs_die("%s: a number is needed", opt);
	v = strtoull(s, &end, 0);
	if (errno || *end || v < min || v > max)
		lvs_die("%s: '%s' is not a number in %llu..%llu", opt, s,
			(unsigned long long)min, (unsigned long long)max);
	return v;
}

double lvs_parse_secs(const char *opt, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v < 0 || v > 1e7)
		lvs_die("%s: '%s' is not a number of seconds", opt, s);
	return v;
}

double lvs_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

uint64_t lvs_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t lvs_hash64(uint64_t x)
{
	/* splitmix64's finaliser */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void lvs_rng_seed(struct lvs_rng *r, uint64_t seed)
{
	r->s = lvs_hash64(seed) | 1;
}

uint64_t lvs_rng_next(struct lvs_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dULL;
}

void lvs_rng_bytes(struct lvs_rng *r, void *buf, size_t len)
{
	unsigned char *p = buf;
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (!(i % 8))
			v = lvs_rng_next(r);
		p[i] = v & 0xff;
		v >>= 8;
	}
}

uint64_t lvs_seed_default(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec << 30) ^ (uint64_t)ts.tv_nsec ^
	       ((uint64_t)getpid() << 48);
}

static void usage(const struct lvs_opt *opts, const char *usage,
		  const char *desc)
{
	const struct lvs_opt *o;
	char left[64];

	printf("Usage: %s %s\n%s\n\nOptions:\n", lvs_prog, usage, desc);
	for (o = opts; o->name; o++) {
		if (o->key < 256)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->key,
				 o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->name,
				 o->arg ? " " : "", o->arg ? o->arg : "");
		printf("  %-26s %s\n", left, o->help);
	}
	printf("  %-26s %s\n", "-h, --help", "show this help and exit");
}

int lvs_opts_parse(int argc, char **argv, const struct lvs_opt *opts,
		   const char *use, const char *desc,
		   void (*cb)(int key, const char *arg, void *ctx), void *ctx)
{
	struct option lo[64];
	char so[192];
	size_t n = 0, k = 0;
	const struct lvs_opt *o;
	const char *slash = strrchr(argv[0], '/');
	int c;

	lvs_prog = slash ? slash + 1 : argv[0];
	so[k++] = 'h';
	for (o = opts; o->name && n < 62; o++, n++) {
		lo[n] = (struct option){ o->name, o->arg ? required_argument :
					 no_argument, NULL, o->key };
		if (o->key < 256 && k < sizeof(so) - 3) {
			so[k++] = (char)o->key;
			if (o->arg)
				so[k++] = ':';
		}
	}
	lo[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	lo[n] = (struct option){ NULL, 0, NULL, 0 };
	so[k] = 0;
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (c == 'h') {
			usage(opts, use, desc);
			exit(0);
		}
		if (c == '?')
			lvs_die("bad option (see --help)");
		cb(c, optarg, ctx);
	}
	return optind;
}
