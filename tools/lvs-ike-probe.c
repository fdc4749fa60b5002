// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-ike-probe: is an IKE responder alive? For keepalived's MISC_CHECK
 * (exit 0 alive, 1 dead) and misc_dynamic (exit 2 + weight).
 *
 * Sends one IKEv2 IKE_SA_INIT request (or an IKEv1 main mode opening) and
 * judges the answer; retries resend the same message, so that a responder
 * sees retransmissions of one exchange, not new half-open IKE SAs.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "addr.h"
#include "pkt.h"
#include "util.h"

enum {
	O_PORT = 'p', O_SOURCE = 's', O_SPORT = 0x100, O_IKEV1 = '1',
	O_TIMEOUT = 't', O_RETRIES = 'r', O_GROUP = 'g', O_DYNAMIC = 'd',
	O_FAST = 0x101, O_VERBOSE = 'v', O_IPV4 = '4', O_IPV6 = '6',
};

static const struct lvs_opt opts[] = {
	{ "port", O_PORT, "N", "server port (default 500; 4500 adds the non-ESP marker)" },
	{ "source", O_SOURCE, "ADDR", "source address" },
	{ "sport", O_SPORT, "N", "source port (default: any free port)" },
	{ "ikev1", O_IKEV1, NULL, "send an IKEv1 main mode opening instead of IKEv2" },
	{ "timeout", O_TIMEOUT, "S", "seconds to wait for each answer (default 2)" },
	{ "retries", O_RETRIES, "N", "resend the request N more times (default 2)" },
	{ "group", O_GROUP, "N", "IKEv2 DH group of the KE payload: 31, 19, 20, 14 (default 31)" },
	{ "dynamic", O_DYNAMIC, "W", "misc_dynamic: exit 2 + weight, W (<= 253) within --fast, less when slower" },
	{ "fast", O_FAST, "S", "with --dynamic: answer time that earns the full weight (default 0.05)" },
	{ "ipv4", O_IPV4, NULL, "resolve SERVER to IPv4 only" },
	{ "ipv6", O_IPV6, NULL, "resolve SERVER to IPv6 only" },
	{ "verbose", O_VERBOSE, NULL, "print the verdict and response time" },
	{ 0 },
};

struct probe {
	struct lvs_addr server, source;
	bool have_source, ikev1, verbose;
	int family;		/* AF_UNSPEC, or -4/-6 */
	uint16_t port, sport;
	double timeout, fast;
	unsigned int retries, group, maxw;
};

static void option(int key, const char *arg, void *ctx)
{
	struct probe *p = ctx;

	switch (key) {
	case O_PORT:
		p->port = (uint16_t)lvs_parse_u64("--port", arg, 1, 65535);
		break;
	case O_SOURCE:
		if (!lvs_addr_parse(arg, &p->source))
			lvs_die("--source: '%s' is not an address", arg);
		p->have_source = true;
		break;
	case O_SPORT:
		p->sport = (uint16_t)lvs_parse_u64("--sport", arg, 1, 65535);
		break;
	case O_IKEV1:
		p->ikev1 = true;
		break;
	case O_TIMEOUT:
		p->timeout = lvs_parse_secs("--timeout", arg);
		break;
	case O_RETRIES:
		p->retries = (unsigned int)lvs_parse_u64("--retries", arg, 0, 100);
		break;
	case O_GROUP:
		p->group = (unsigned int)lvs_parse_u64("--group", arg, 1, 65535);
		if (!lvs_ike_v2_group_known(p->group))
			lvs_die("--group: %u is not one of 31, 19, 20, 14", p->group);
		break;
	case O_DYNAMIC:
		p->maxw = (unsigned int)lvs_parse_u64("--dynamic", arg, 1, 253);
		break;
	case O_FAST:
		p->fast = lvs_parse_secs("--fast", arg);
		if (p->fast <= 0)
			lvs_die("--fast: more than 0 seconds");
		break;
	case O_IPV4:
		p->family = AF_INET;
		break;
	case O_IPV6:
		p->family = AF_INET6;
		break;
	case O_VERBOSE:
		p->verbose = true;
		break;
	}
}

static int open_socket(const struct probe *p)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(p->server.af, SOCK_DGRAM, 0);

	if (fd < 0)
		lvs_die("socket: %s", strerror(errno));
	if (p->have_source || p->sport) {
		struct lvs_addr any = { .af = p->server.af };

		if (p->have_source && p->source.af != p->server.af)
			lvs_die("--source and the server are not of one family");
		len = lvs_sockaddr(p->have_source ? &p->source : &any, p->sport, &ss);
		if (bind(fd, (struct sockaddr *)&ss, len))
			lvs_die("bind: %s", strerror(errno));
	}
	len = lvs_sockaddr(&p->server, p->port, &ss);
	if (connect(fd, (struct sockaddr *)&ss, len))
		lvs_die("connect: %s", strerror(errno));
	return fd;
}

/* misc_dynamic: weight W up to --fast, then W * fast / rtt, at least 1 */
static int dynamic_exit(const struct probe *p, double rtt)
{
	double w = p->maxw;

	if (rtt > p->fast)
		w = w * p->fast / rtt;
	if (w < 1)
		w = 1;
	return 2 + (int)(w + 0.5);
}

/* an address, or a name resolved in the family asked for */
static void resolve(const char *host, struct probe *p)
{
	struct addrinfo hints = { .ai_family = p->family, .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	int err;

	if (lvs_addr_parse(host, &p->server)) {
		if (p->family != AF_UNSPEC && p->server.af != p->family)
			lvs_die("%s is not of the family asked for", host);
		return;
	}
	err = getaddrinfo(host, NULL, &hints, &res);
	if (err)
		lvs_die("%s: %s", host, gai_strerror(err));
	lvs_addr_from_sockaddr((const struct sockaddr_storage *)res->ai_addr,
			       &p->server, NULL);
	freeaddrinfo(res);
}

int main(int argc, char **argv)
{
	struct probe p = { .port = IKE_PORT, .timeout = 2, .retries = 2,
			   .group = 31, .fast = 0.05, .family = AF_UNSPEC };
	uint8_t req[LVS_PKT_MAX], ans[LVS_PKT_MAX], spi[8];
	enum lvs_verdict v = LVS_DEAD_GARBAGE;
	bool answered = false;
	size_t len, off = 0;
	struct lvs_rng rng;
	unsigned int try, notify = 0;
	double start = 0, rtt = 0;
	int i, fd;

	i = lvs_opts_parse(argc, argv, opts, "[options] SERVER",
			   "Probe the IKE responder at SERVER (IPv4 or IPv6 address, or name): exit 0\n"
			   "if it answers, 1 if not; with --dynamic, 2 + a weight from the response time.\n"
			   "Each answered probe leaves a half-open IKE SA on the server until its\n"
			   "half-open timeout: probe every few seconds, not faster.",
			   option, &p);
	if (argc - i != 1)
		lvs_die("one server is needed (see --help)");
	resolve(argv[i], &p);

	lvs_rng_seed(&rng, lvs_seed_default());
	do
		lvs_rng_bytes(&rng, spi, sizeof(spi));
	while (!spi[0]);	/* never zero */
	if (p.port == IKE_NATT_PORT) {
		memset(req, 0, IKE_NONESP_MARKER_LEN);
		off = IKE_NONESP_MARKER_LEN;
	}
	if (p.ikev1)
		len = lvs_ike_v1_main_mode(req + off, sizeof(req) - off, spi);
	else
		len = lvs_ike_v2_sa_init(req + off, sizeof(req) - off, spi,
					 p.group, &rng);
	fd = open_socket(&p);

	for (try = 0; try <= p.retries && !answered; try++) {
		double deadline;

		start = lvs_now();
		deadline = start + p.timeout;
		if (send(fd, req, off + len, 0) < 0) {
			if (p.verbose)
				printf("dead: send: %s\n", strerror(errno));
			return 1;
		}
		while (!answered) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };
			double left = deadline - lvs_now();
			ssize_t n;

			if (left <= 0 || poll(&pfd, 1, (int)(left * 1000) + 1) <= 0)
				break;
			n = recv(fd, ans, sizeof(ans), 0);
			if (n < 0) {
				/* ICMP port unreachable: nobody listens */
				if (p.verbose)
					printf("dead: %s\n", strerror(errno));
				return 1;
			}
			rtt = lvs_now() - start;
			if ((size_t)n < off || (off && memcmp(ans, req, off)))
				continue;
			v = lvs_probe_judge(ans + off, (size_t)n - off, spi,
					    p.ikev1 ? 1 : 2, &notify);
			/* somebody else's answer, or junk: keep waiting */
			answered = v != LVS_DEAD_OTHER_SPI && v != LVS_DEAD_GARBAGE;
		}
	}
	close(fd);
	if (!answered) {
		if (p.verbose)
			printf("dead: no answer after %u tries\n", try);
		return 1;
	}
	if (p.verbose)
		printf("%s: %s%s%.0u rtt %.1f ms\n",
		       lvs_verdict_alive(v) ? "alive" : "dead",
		       lvs_verdict_name(v), notify ? " notify " : "", notify,
		       rtt * 1000);
	if (!lvs_verdict_alive(v))
		return 1;
	return p.maxw ? dynamic_exit(&p, rtt) : 0;
}
