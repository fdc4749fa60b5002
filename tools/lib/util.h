/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lvs-ipsec tools: small helpers shared by every tool (messages, numbers,
 * clocks, a seeded random generator, option tables and --help).
 */
#ifndef LVS_UTIL_H
#define LVS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <getopt.h>

/* The program's name for messages, set by lvs_opts_parse() */
extern const char *lvs_prog;

void lvs_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void lvs_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Numbers from the command line: the whole string, within [min, max] */
uint64_t lvs_parse_u64(const char *opt, const char *s, uint64_t min, uint64_t max);
double lvs_parse_secs(const char *opt, const char *s);

/* CLOCK_MONOTONIC in seconds */
double lvs_now(void);
/* CLOCK_MONOTONIC in nanoseconds: the lab guest's instruction count */
uint64_t lvs_now_ns(void);

/* xorshift64*: fast, reproducible with a seed, not for secrets */
struct lvs_rng {
	uint64_t s;
};
void lvs_rng_seed(struct lvs_rng *r, uint64_t seed);
uint64_t lvs_rng_next(struct lvs_rng *r);
void lvs_rng_bytes(struct lvs_rng *r, void *buf, size_t len);
/* a seed from the clock and pid, for runs without --seed */
uint64_t lvs_seed_default(void);
/* mix a value into 64 well-spread bits (for per-source values) */
uint64_t lvs_hash64(uint64_t x);

/*
 * Option tables: one row per option gives getopt_long its entry and --help
 * its line, so that the help can never forget an option.
 */
struct lvs_opt {
	const char *name;	/* long name, without "--" */
	int key;		/* short letter, or a value >= 256 */
	const char *arg;	/* argument name in the help, NULL: a flag */
	const char *help;
};

/*
 * Parse argv with the table (which must end with a zeroed row); --help
 * and -h are added, print the usage and the table, exit 0. Calls
 * cb(key, optarg, ctx) for each option; returns optind.
 */
int lvs_opts_parse(int argc, char **argv, const struct lvs_opt *opts,
		   const char *usage, const char *desc,
		   void (*cb)(int key, const char *arg, void *ctx), void *ctx);

#endif
