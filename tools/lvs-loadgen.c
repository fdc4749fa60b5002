// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-loadgen: the traffic of many VPN clients, for benchmarks. Client i
 * is the i-th address of --sources (cycling over the first --clients of
 * them) with a fixed source port, a fixed IKE SPI pair and a fixed ESP
 * SPI, so that each client keeps one entry on the director:
 *   esp       raw ESP (protocol 50)
 *   espudp    ESP-in-UDP (RFC 3948) to 4500
 *   ike-init  IKE_SA_INIT openings (zero responder SPI), a fresh SPI each
 *   ike-est   IKE messages carrying the client's responder SPI: they
 *             establish the client's entry on a director in DR/TUN mode,
 *             or in NAT mode once the real server echoes them
 *             (lvs-sink --echo-ike)
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "lib/lvs.h"

enum kind { K_ESP, K_ESPUDP, K_IKE_INIT, K_IKE_EST };

struct gen {
	enum kind kind;
	struct in_addr dst;
	struct lvs_range src;
	uint32_t clients;
	uint16_t sport, dport;
	size_t size;
	uint64_t rnd;
};

static uint64_t client_spi(uint32_t i, uint64_t salt)
{
	uint64_t s = (uint64_t)i * 0x9e3779b97f4a7c15ull ^ salt;

	return lvs_rand64(&s) | 1;
}

static size_t gen_payload(struct gen *g, uint8_t *p, uint32_t client,
			  uint64_t n)
{
	struct lvs_ike m = {
		.ispi = client_spi(client, 1),
		.rspi = client_spi(client, 2),
		.exchange = LVS_XCHG_IKE_SA_INIT,
		.next_payload = LVS_NP_SA, .flags = LVS_FLAG_INITIATOR,
		.body = 8, .natt = g->dport == LVS_NATT_PORT,
	};

	switch (g->kind) {
	case K_ESP:
	case K_ESPUDP:
		return lvs_esp_build(p, LVS_PKT_MAX,
				     (uint32_t)client_spi(client, 3) | 0x100,
				     (uint32_t)(n / g->clients) + 1, g->size);
	case K_IKE_INIT:
		m.ispi = lvs_rand64(&g->rnd) | 1;
		m.rspi = 0;
		break;
	case K_IKE_EST:
		break;
	}
	return lvs_ike_build(p, LVS_PKT_MAX, &m);
}

static size_t gen_fill(uint8_t *buf, size_t room, uint64_t n, void *ctx)
{
	struct gen *g = ctx;
	uint32_t client = (uint32_t)(n % g->clients);
	struct in_addr src = lvs_range_host(&g->src, client);
	uint8_t payload[LVS_PKT_MAX];
	size_t len = gen_payload(g, payload, client, n);

	if (g->kind == K_ESP)
		return lvs_ip4_raw(buf, room, src, g->dst, IPPROTO_ESP,
				   payload, len);
	return lvs_ip4_udp(buf, room, src, g->dst, g->sport, g->dport,
			   payload, len);
}

static int parse_kind(const char *s, struct gen *g)
{
	static const char *const names[] = {
		[K_ESP] = "esp", [K_ESPUDP] = "espudp",
		[K_IKE_INIT] = "ike-init", [K_IKE_EST] = "ike-est",
	};
	unsigned int k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		if (!strcmp(s, names[k])) {
			g->kind = (enum kind)k;
			return 0;
		}
	}
	return -1;
}

static void usage(void)
{
	printf("usage: lvs-loadgen --kind KIND --dst ADDR --sources CIDR [options]\n"
	       "Send the traffic of many VPN clients (IPv4) to a director.\n"
	       "  --kind KIND    esp | espudp | ike-init | ike-est\n"
	       "  --dst ADDR     the virtual address\n"
	       "  --sources CIDR client addresses, used in order\n"
	       "  --clients N    only the first N addresses of CIDR (default: all)\n"
	       "  --sport PORT   the clients' UDP port (default 500; espudp: 4500)\n"
	       "  --dport PORT   the service port (default: --sport)\n"
	       "  --size BYTES   ESP payload size (default 128, at least 8)\n"
	       LVS_SEND_HELP
	       "  --help         this text\n"
	       "Packet n comes from client n mod N. Without --count or --seconds it\n"
	       "sends one packet per client.\n");
}

static int finish_setup(struct gen *g, struct lvs_send_opts *so, bool dport_set)
{
	if (!g->clients || g->clients > g->src.hosts)
		g->clients = g->src.hosts;
	if (g->kind == K_ESPUDP && g->sport == LVS_IKE_PORT)
		g->sport = LVS_NATT_PORT;
	if (!dport_set)
		g->dport = g->sport;
	if (!so->count && !so->seconds)
		so->count = g->clients;
	return g->size >= 8 && g->size <= 1400 ? 0 : -1;
}

int main(int argc, char **argv)
{
	enum { O_KIND = LVS_OPT_TOOL, O_DST, O_SOURCES, O_CLIENTS, O_SPORT,
	       O_DPORT, O_SIZE, O_HELP };
	static const struct option opts[] = {
		LVS_SEND_LONGOPTS,
		{ "kind", required_argument, NULL, O_KIND },
		{ "dst", required_argument, NULL, O_DST },
		{ "sources", required_argument, NULL, O_SOURCES },
		{ "clients", required_argument, NULL, O_CLIENTS },
		{ "sport", required_argument, NULL, O_SPORT },
		{ "dport", required_argument, NULL, O_DPORT },
		{ "size", required_argument, NULL, O_SIZE },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	struct gen g = { .kind = K_ESP, .sport = LVS_IKE_PORT, .size = 128,
			 .rnd = 7 };
	bool json = false, kind = false, dst = false, src = false, dport = false;
	struct lvs_send_opts so = { 0 };
	struct lvs_send_stats st;
	uint64_t v;
	int c, r;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		r = lvs_send_opt(c, optarg, &so, &json);
		if (r < 0)
			return lvs_usage_error(argv[0], "bad number");
		if (r)
			continue;
		switch (c) {
		case O_KIND:
			if (parse_kind(optarg, &g))
				return lvs_usage_error(argv[0], "bad --kind");
			kind = true;
			break;
		case O_DST:
			if (lvs_addr4_parse(optarg, &g.dst))
				return lvs_usage_error(argv[0], "bad --dst");
			dst = true;
			break;
		case O_SOURCES:
			if (lvs_range_parse(optarg, &g.src))
				return lvs_usage_error(argv[0], "bad --sources");
			src = true;
			break;
		case O_CLIENTS:
		case O_SPORT:
		case O_DPORT:
		case O_SIZE:
			if (lvs_u64_arg(optarg, &v) || v > 0xffffffffu ||
			    (c != O_CLIENTS && c != O_SIZE && (!v || v > 0xffff)))
				return lvs_usage_error(argv[0], "bad number");
			if (c == O_CLIENTS)
				g.clients = (uint32_t)v;
			else if (c == O_SIZE)
				g.size = v;
			else if (c == O_SPORT)
				g.sport = (uint16_t)v;
			else
				g.dport = (uint16_t)v, dport = true;
			break;
		case O_HELP:
			usage();
			return 0;
		default:
			return lvs_usage_error(argv[0], "unknown option");
		}
	}
	if (!kind || !dst || !src || optind != argc)
		return lvs_usage_error(argv[0], "--kind, --dst and --sources are required");
	if (finish_setup(&g, &so, dport))
		return lvs_usage_error(argv[0], "--size is 8 to 1400");
	if (lvs_send_ip4(g.dst, &so, gen_fill, &g, &st))
		return 1;
	lvs_print_stats(&st, json);
	return 0;
}
