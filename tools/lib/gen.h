/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lvs-ipsec tools: the traffic generator behind lvs-ike-flood and
 * lvs-loadgen. Packets from addresses of a prefix (spoofed through raw
 * sockets that carry our own IP header, IPv4 or IPv6) to one destination,
 * batched with sendmmsg(), at a given or the highest rate, bounded by a
 * count and a duration.
 */
#ifndef LVS_GEN_H
#define LVS_GEN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

enum lvs_kind {
	LVS_K_IKE_INIT,		/* IKEv2 IKE_SA_INIT opening, zero rcookie */
	LVS_K_IKE_EST,		/* IKEv2 INFORMATIONAL in an IKE SA (rcookie set) */
	LVS_K_ESP,		/* raw ESP, IP protocol 50 */
	LVS_K_ESPUDP,		/* ESP in UDP on 4500 */
};

/* "esp", "espudp", "ike-init", "ike-est"; false if unknown */
bool lvs_kind_parse(const char *s, enum lvs_kind *k);
const char *lvs_kind_name(enum lvs_kind k);

struct lvs_gen {
	enum lvs_kind kind;
	struct lvs_addr dst;
	struct lvs_prefix sources;
	/*
	 * false (a flood): every packet comes from a random address of the
	 * prefix with fresh random cookies, SPI and source port. true
	 * (clients): packet n comes from client n mod clients, the n-th
	 * address of the prefix, whose responder cookie and ESP SPI are a
	 * function of its address and the seed (one IKE SA, one ESP SA),
	 * and whose source port is the destination port, as IKE clients
	 * without NAT have it; only openings (ike-init) get a fresh SPI.
	 */
	bool per_source;
	uint64_t clients;	/* per_source: 0 for every address */
	bool esp_mix;		/* every other packet raw ESP instead */
	uint16_t sport;		/* 0: random, or the port sent to */
	uint16_t dport;		/* 0: --sport if given (clients), else 500
				 * for IKE, 4500 for ESP in UDP */
	size_t size;		/* bytes after the IP/UDP header; 0: default */
	uint64_t count;		/* 0: no limit */
	double seconds;		/* 0: no limit */
	double rate;		/* packets per second; 0: as fast as possible */
	uint64_t seed;
};

struct lvs_gen_result {
	uint64_t sent;
	uint64_t errors;	/* packets the socket refused */
	double seconds;
	uint64_t start_ns, end_ns;	/* lvs_now_ns() around the run */
};

/* The default and the smallest size of a kind */
size_t lvs_kind_size(enum lvs_kind k, bool minimum);

/*
 * Build the i-th packet into buf (LVS_PKT_MAX bytes) with rng; returns its
 * length (IP header included). Exposed for the unit tests.
 */
size_t lvs_gen_packet(const struct lvs_gen *g, struct lvs_rng *rng,
		      uint64_t i, uint8_t *buf);

/* Set (by a signal handler) to stop lvs_gen_run() early */
extern volatile sig_atomic_t lvs_gen_stop;

/* Run until count, seconds or lvs_gen_stop; dies on setup errors (no raw
 * socket)
 */
void lvs_gen_run(const struct lvs_gen *g, struct lvs_gen_result *r);

/* "sent N seconds S pps R", or the same keys in JSON */
void lvs_gen_report(const struct lvs_gen_result *r, bool json);

/*
 * Options both generators take, as one table (see util.h): --sources,
 * --count, --seconds, --rate, --seed, --json, --sport, --size.
 * lvs_gen_option() applies one of them; false if key is not one of them.
 */
enum {
	LVS_O_SOURCES = 's', LVS_O_COUNT = 'c', LVS_O_SECONDS = 't',
	LVS_O_RATE = 'r', LVS_O_JSON = 'j', LVS_O_SEED = 0x100,
	LVS_O_SPORT, LVS_O_SIZE, LVS_O_DPORT,
};
#define LVS_GEN_OPTS \
	{ "sources", LVS_O_SOURCES, "CIDR", "source addresses, IPv4 or IPv6 prefix (required)" }, \
	{ "count", LVS_O_COUNT, "N", "stop after N packets" }, \
	{ "seconds", LVS_O_SECONDS, "S", "stop after S seconds" }, \
	{ "rate", LVS_O_RATE, "PPS", "packets per second (default: as fast as possible)" }, \
	{ "seed", LVS_O_SEED, "N", "seed of the random choices (default: from the clock)" }, \
	{ "sport", LVS_O_SPORT, "N", "UDP source port (default: see the tool's man page)" }, \
	{ "dport", LVS_O_DPORT, "N", "UDP destination port (default 500; ESP in UDP 4500)" }, \
	{ "size", LVS_O_SIZE, "BYTES", "bytes after the IP/UDP header (default per kind)" }, \
	{ "json", LVS_O_JSON, NULL, "print the result as JSON" }

struct lvs_gen_cli {
	struct lvs_gen g;
	bool json;
	bool have_sources;
};
bool lvs_gen_option(struct lvs_gen_cli *c, int key, const char *arg);
/*
 * checks and defaults after parsing; dst is the destination argument.
 * Without --count and --seconds: default_count packets, or default_secs.
 */
void lvs_gen_finish(struct lvs_gen_cli *c, const char *dst,
		    uint64_t default_count, double default_secs);

#endif
