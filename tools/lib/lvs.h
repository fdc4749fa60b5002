/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lvs-ipsec tools: the small library the tools share. Packet building for
 * the director's traffic (ISAKMP, ESP, ESP-in-UDP over IPv4 with our own
 * IP header), address ranges, paced batch sending, option and JSON output
 * helpers.
 */
#ifndef LVS_TOOLS_LVS_H
#define LVS_TOOLS_LVS_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LVS_IKE_PORT	500
#define LVS_NATT_PORT	4500
#define LVS_PKT_MAX	2048

/* ---- addresses ---------------------------------------------------------- */

/* The usable hosts of an IPv4 prefix: base + 0 .. hosts - 1 */
struct lvs_range {
	uint32_t first;		/* host order */
	uint32_t hosts;
};

int lvs_range_parse(const char *cidr, struct lvs_range *r);
struct in_addr lvs_range_host(const struct lvs_range *r, uint32_t i);
int lvs_addr4_parse(const char *s, struct in_addr *a);

/* ---- packets ------------------------------------------------------------ */

/* Exchange types and payloads the tools send (RFC 7296) */
#define LVS_XCHG_IKE_SA_INIT	34
#define LVS_XCHG_INFORMATIONAL	37
#define LVS_NP_SA		33
#define LVS_NP_SK		46
#define LVS_FLAG_INITIATOR	0x08

struct lvs_ike {
	uint64_t ispi, rspi;
	uint8_t exchange, next_payload, flags;
	uint32_t msgid;
	uint32_t body;		/* bytes of (opaque) payload after the header */
	bool natt;		/* port 4500: the non-ESP marker first */
};

size_t lvs_ike_build(uint8_t *buf, size_t room, const struct lvs_ike *m);
size_t lvs_esp_build(uint8_t *buf, size_t room, uint32_t spi, uint32_t seq,
		     size_t len);

/* An IPv4 packet around a payload: UDP (with checksum) or a raw protocol */
size_t lvs_ip4_udp(uint8_t *buf, size_t room, struct in_addr src,
		   struct in_addr dst, uint16_t sport, uint16_t dport,
		   const uint8_t *payload, size_t len);
size_t lvs_ip4_raw(uint8_t *buf, size_t room, struct in_addr src,
		   struct in_addr dst, uint8_t proto, const uint8_t *payload,
		   size_t len);

/* ---- the IKE health probe (probe.c) ------------------------------------ */

enum lvs_probe_verdict {
	LVS_PROBE_ALIVE,	/* an IKE_SA_INIT response for our SPI */
	LVS_PROBE_FOREIGN,	/* not an answer to us: keep waiting */
};

size_t lvs_ike_sa_init(uint8_t *buf, size_t room, uint64_t ispi,
		       uint64_t *rnd);
enum lvs_probe_verdict lvs_ike_judge(const uint8_t *buf, size_t len,
				     uint64_t ispi);

/* ---- sending ------------------------------------------------------------ */

/*
 * A sender of whole IPv4 packets (IP_HDRINCL), in batches, paced to a rate
 * and bounded by a count and a time. The caller's fill() writes packet n.
 */
struct lvs_send_opts {
	uint64_t count;		/* 0: no bound */
	double seconds;		/* 0: no bound */
	uint64_t rate;		/* packets per second, 0: as fast as possible */
};

struct lvs_send_stats {
	uint64_t sent;
	uint64_t errors;
	double seconds;
};

typedef size_t (*lvs_fill_fn)(uint8_t *buf, size_t room, uint64_t n,
			      void *ctx);

int lvs_send_ip4(struct in_addr dst, const struct lvs_send_opts *o,
		 lvs_fill_fn fill, void *ctx, struct lvs_send_stats *st);

/*
 * The options every sending tool takes, for getopt_long() tables:
 * --count N, --seconds S, --rate PPS, --json.
 */
enum { LVS_OPT_COUNT = 0x100, LVS_OPT_SECONDS, LVS_OPT_RATE, LVS_OPT_JSON,
       LVS_OPT_TOOL };	/* LVS_OPT_TOOL: a tool's own options start here */
#define LVS_SEND_LONGOPTS						\
	{ "count", required_argument, NULL, LVS_OPT_COUNT },		\
	{ "seconds", required_argument, NULL, LVS_OPT_SECONDS },	\
	{ "rate", required_argument, NULL, LVS_OPT_RATE },		\
	{ "json", no_argument, NULL, LVS_OPT_JSON }
#define LVS_SEND_HELP							\
	"  --count N      stop after N packets\n"				\
	"  --seconds S    stop after S seconds (fractions allowed)\n"	\
	"  --rate PPS     send at most PPS packets per second (default: as fast as possible)\n" \
	"  --json         print the result as one JSON object\n"

/* 1: the option was one of those, 0: not, -1: its value is bad */
int lvs_send_opt(int opt, const char *arg, struct lvs_send_opts *o,
		 bool *json);

/* ---- odds and ends ------------------------------------------------------ */

double lvs_now(void);
uint64_t lvs_rand64(uint64_t *state);
uint64_t lvs_get64(const uint8_t *p);
int lvs_u64_arg(const char *s, uint64_t *v);
int lvs_double_arg(const char *s, double *v);
void lvs_print_stats(const struct lvs_send_stats *st, bool json);
/* A one-line usage error: "prog: msg (see --help)", exit status 2 */
int lvs_usage_error(const char *prog, const char *msg);

#endif /* LVS_TOOLS_LVS_H */
