// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-ike-flood: a fake-IKE flood against a director, to test its
 * defences. IKEv2 IKE_SA_INIT openings (fresh initiator SPI each) from
 * random source addresses of a prefix and random source ports, and with
 * --esp raw ESP with random SPIs, as fast as possible or at a rate,
 * bounded in count and time.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/lvs.h"

struct flood {
	struct in_addr dst;
	struct lvs_range src;
	uint16_t dport;
	bool esp;
	uint64_t rnd;
};

static size_t flood_fill(uint8_t *buf, size_t room, uint64_t n, void *ctx)
{
	struct flood *f = ctx;
	uint64_t r = lvs_rand64(&f->rnd);
	struct in_addr src = lvs_range_host(&f->src, (uint32_t)(r >> 32));
	uint8_t payload[LVS_PKT_MAX];
	size_t len;

	if (f->esp && (n & 1)) {
		len = lvs_esp_build(payload, sizeof(payload),
				    (uint32_t)r | 0x100, 1, 64);
		return lvs_ip4_raw(buf, room, src, f->dst, IPPROTO_ESP,
				   payload, len);
	}
	struct lvs_ike m = {
		.ispi = lvs_rand64(&f->rnd) | 1,
		.exchange = LVS_XCHG_IKE_SA_INIT,
		.next_payload = LVS_NP_SA, .flags = LVS_FLAG_INITIATOR,
		.body = 8, .natt = f->dport == LVS_NATT_PORT,
	};
	len = lvs_ike_build(payload, sizeof(payload), &m);
	return lvs_ip4_udp(buf, room, src, f->dst, 1024 + (uint16_t)(r % 64000),
			   f->dport, payload, len);
}

static void usage(void)
{
	printf("usage: lvs-ike-flood DST --sources CIDR [options]\n"
	       "Send spoofed IKEv2 IKE_SA_INIT openings to DST (IPv4) from random\n"
	       "addresses of CIDR, each with a fresh initiator SPI, to exercise a\n"
	       "director's INIT caps. Needs CAP_NET_RAW; use only on your own lab.\n"
	       "  --sources CIDR source addresses (required)\n"
	       "  --dport PORT   500 (default) or 4500 (with the non-ESP marker)\n"
	       "  --esp          every other packet raw ESP with a random SPI\n"
	       "  --seed N       random seed (default 1), for repeatable runs\n"
	       LVS_SEND_HELP
	       "  --help         this text\n"
	       "Without --count or --seconds it stops after 10 seconds.\n");
}

int main(int argc, char **argv)
{
	enum { O_SOURCES = LVS_OPT_TOOL, O_DPORT, O_ESP, O_SEED, O_HELP };
	static const struct option opts[] = {
		LVS_SEND_LONGOPTS,
		{ "sources", required_argument, NULL, O_SOURCES },
		{ "dport", required_argument, NULL, O_DPORT },
		{ "esp", no_argument, NULL, O_ESP },
		{ "seed", required_argument, NULL, O_SEED },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	struct flood f = { .dport = LVS_IKE_PORT, .rnd = 1 };
	struct lvs_send_opts so = { 0 };
	struct lvs_send_stats st;
	bool json = false, have_src = false;
	uint64_t v;
	int c, r;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		r = lvs_send_opt(c, optarg, &so, &json);
		if (r < 0)
			return lvs_usage_error(argv[0], "bad number");
		if (r)
			continue;
		switch (c) {
		case O_SOURCES:
			if (lvs_range_parse(optarg, &f.src))
				return lvs_usage_error(argv[0], "bad --sources");
			have_src = true;
			break;
		case O_DPORT:
			if (lvs_u64_arg(optarg, &v) ||
			    (v != LVS_IKE_PORT && v != LVS_NATT_PORT))
				return lvs_usage_error(argv[0], "--dport is 500 or 4500");
			f.dport = (uint16_t)v;
			break;
		case O_ESP:
			f.esp = true;
			break;
		case O_SEED:
			if (lvs_u64_arg(optarg, &f.rnd))
				return lvs_usage_error(argv[0], "bad --seed");
			break;
		case O_HELP:
			usage();
			return 0;
		default:
			return lvs_usage_error(argv[0], "unknown option");
		}
	}
	if (optind != argc - 1 || lvs_addr4_parse(argv[optind], &f.dst))
		return lvs_usage_error(argv[0], "one IPv4 destination needed");
	if (!have_src)
		return lvs_usage_error(argv[0], "--sources is required");
	if (!so.count && !so.seconds)
		so.seconds = 10;
	if (lvs_send_ip4(f.dst, &so, flood_fill, &f, &st))
		return 1;
	lvs_print_stats(&st, json);
	return 0;
}
