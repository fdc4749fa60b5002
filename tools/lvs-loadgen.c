// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-loadgen: load as many VPN clients would send it, from the addresses
 * of a prefix: raw ESP, ESP in UDP on 4500, IKE openings, or IKE messages
 * of established SAs. Packet n comes from client n mod N, the n-th address
 * of the prefix; each client's IKE SPIs and ESP SPI are fixed by its
 * address and --seed and its UDP port is the port it sends to, so that a
 * director's ISAKMP entries see consistent clients.
 */
#include <stdint.h>
#include <stdio.h>

#include "gen.h"
#include "util.h"

enum { O_KIND = 'k', O_DST = 'd', O_CLIENTS = 'n' };

static const struct lvs_opt opts[] = {
	{ "kind", O_KIND, "KIND", "esp, espudp, ike-init or ike-est (required)" },
	{ "dst", O_DST, "ADDR", "destination, the VIP (required)" },
	{ "clients", O_CLIENTS, "N", "only the first N addresses of --sources (default: all)" },
	LVS_GEN_OPTS,
	{ 0 },
};

struct cli {
	struct lvs_gen_cli gen;
	const char *dst;
	bool have_kind;
};

static void option(int key, const char *arg, void *ctx)
{
	struct cli *c = ctx;

	if (key == O_KIND) {
		if (!lvs_kind_parse(arg, &c->gen.g.kind))
			lvs_die("--kind: '%s' is not esp, espudp, ike-init or ike-est", arg);
		c->have_kind = true;
	} else if (key == O_DST) {
		c->dst = arg;
	} else if (key == O_CLIENTS) {
		c->gen.g.clients = lvs_parse_u64("--clients", arg, 1, UINT32_MAX);
	} else {
		lvs_gen_option(&c->gen, key, arg);
	}
}

int main(int argc, char **argv)
{
	struct cli c = { .gen = { .g = { .per_source = true, .seed = 1 } } };
	struct lvs_gen_result r;

	if (lvs_opts_parse(argc, argv, opts,
			   "--kind KIND --dst ADDR --sources CIDR [options]",
			   "Send ESP, ESP in UDP or IKE to ADDR from the clients of CIDR (each address\n"
			   "one client with fixed cookies and SPI); prints packets sent and the rate.\n"
			   "Packet n comes from client n mod N. Without --count or --seconds it sends\n"
			   "one packet per client.",
			   option, &c) != argc)
		lvs_die("no arguments expected besides options (see --help)");
	if (!c.have_kind)
		lvs_die("--kind is needed (see --help)");
	if (!c.gen.have_sources)
		lvs_die("--sources is needed (see --help)");
	if (!c.gen.g.clients || c.gen.g.clients > lvs_prefix_size(&c.gen.g.sources))
		c.gen.g.clients = lvs_prefix_size(&c.gen.g.sources);
	/* by default one packet per client */
	lvs_gen_finish(&c.gen, c.dst, c.gen.g.clients, 0);
	lvs_gen_run(&c.gen.g, &r);
	lvs_gen_report(&r, c.gen.json);
	return 0;
}
