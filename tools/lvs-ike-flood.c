// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-ike-flood: a spoofed fake-IKE flood, for testing a director's
 * defences. IKEv2 IKE_SA_INIT openings from random addresses and ports
 * of a prefix, each with a fresh SPI, and with --esp every other packet
 * raw ESP with a random SPI.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "gen.h"
#include "util.h"

enum { O_ESP = 0x200 };

static const struct lvs_opt opts[] = {
	LVS_GEN_OPTS,
	{ "esp", O_ESP, NULL, "every other packet raw ESP with a random SPI" },
	{ 0 },
};

static void option(int key, const char *arg, void *ctx)
{
	struct lvs_gen_cli *c = ctx;

	if (key == O_ESP)
		c->g.esp_mix = true;
	else
		lvs_gen_option(c, key, arg);
}

/* a flood run as long as something else happens still reports its rate */
static void on_signal(int sig)
{
	(void)sig;
	lvs_gen_stop = 1;
}

int main(int argc, char **argv)
{
	struct lvs_gen_cli c = { .g = { .kind = LVS_K_IKE_INIT } };
	struct sigaction sa = { .sa_handler = on_signal };
	struct lvs_gen_result r;
	int i;

	c.g.seed = 1;
	i = lvs_opts_parse(argc, argv, opts, "DST --sources CIDR [options]",
			   "Flood DST with IKE_SA_INIT openings (and ESP) from random, spoofed\n"
			   "addresses of CIDR; prints packets sent and the rate achieved.\n"
			   "Without --count or --seconds it stops after 10 seconds; SIGTERM or\n"
			   "SIGINT stops it early, and it still reports.",
			   option, &c);
	if (argc - i != 1)
		lvs_die("one destination address is needed (see --help)");
	lvs_gen_finish(&c, argv[i], 0, 10);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	lvs_gen_run(&c.g, &r);
	lvs_gen_report(&r, c.json);
	return 0;
}
