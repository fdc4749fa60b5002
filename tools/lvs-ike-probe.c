// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-ike-probe: is an IKE daemon answering on a real server? For
 * keepalived's MISC_CHECK: sends an IKEv2 IKE_SA_INIT request and waits
 * for an IKE_SA_INIT response carrying our SPI (the SA's creation, or a
 * COOKIE, INVALID_KE_PAYLOAD or NO_PROPOSAL_CHOSEN notify). Exit 0 alive,
 * 1 dead; with --dynamic W, keepalived's misc_dynamic codes: 2 + weight,
 * the weight W scaled down as the answer gets slower than --fast.
 */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/lvs.h"

struct probe {
	const char *host, *port;
	int family;
	double timeout, fast;
	uint64_t retries, dynamic, sport;
	bool verbose;
};

static int probe_socket(const struct probe *p, struct sockaddr_storage *to,
			socklen_t *tolen)
{
	struct addrinfo hints = { .ai_family = p->family,
				  .ai_socktype = SOCK_DGRAM }, *ai;
	int fd, err = getaddrinfo(p->host, p->port, &hints, &ai);

	if (err) {
		fprintf(stderr, "lvs-ike-probe: %s: %s\n", p->host,
			gai_strerror(err));
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_DGRAM, 0);
	if (fd >= 0 && p->sport) {
		struct sockaddr_storage me = { .ss_family = ai->ai_family };
		uint16_t port = htons((uint16_t)p->sport);

		if (ai->ai_family == AF_INET6)
			((struct sockaddr_in6 *)&me)->sin6_port = port;
		else
			((struct sockaddr_in *)&me)->sin_port = port;
		if (bind(fd, (struct sockaddr *)&me, ai->ai_addrlen) < 0) {
			perror("lvs-ike-probe: bind");
			close(fd);
			fd = -1;
		}
	}
	memcpy(to, ai->ai_addr, ai->ai_addrlen);
	*tolen = ai->ai_addrlen;
	freeaddrinfo(ai);
	return fd;
}

/* One request, then answers until ours or the timeout: rtt, or -1 */
static double try_once(int fd, const struct sockaddr_storage *to,
		       socklen_t tolen, const struct probe *p, uint64_t *rnd)
{
	uint8_t req[512], buf[LVS_PKT_MAX];
	uint64_t ispi = lvs_rand64(rnd) | 1;
	size_t len = lvs_ike_sa_init(req, sizeof(req), ispi, rnd);
	double start = lvs_now(), left;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	if (!len || sendto(fd, req, len, 0, (const struct sockaddr *)to,
			   tolen) < 0) {
		if (p->verbose)
			perror("lvs-ike-probe: send");
		return -1;
	}
	while ((left = p->timeout - (lvs_now() - start)) > 0) {
		ssize_t n;

		if (poll(&pfd, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0 && errno != EINTR && p->verbose)
			perror("lvs-ike-probe: recv");	/* e.g. port unreachable */
		if (n < 0)
			return -1;
		if (lvs_ike_judge(buf, (size_t)n, ispi) == LVS_PROBE_ALIVE)
			return lvs_now() - start;
	}
	return -1;
}

/* misc_dynamic: exit 2 + weight, W while fast, down to 1 when slow */
static int dynamic_code(const struct probe *p, double rtt)
{
	double w = (double)p->dynamic;

	if (rtt > p->fast)
		w = w * p->fast / rtt;
	if (w < 1)
		w = 1;
	return 2 + (int)(w + 0.5);
}

static void usage(void)
{
	printf("usage: lvs-ike-probe [options] HOST\n"
	       "Send an IKEv2 IKE_SA_INIT request to HOST and wait for an answer for\n"
	       "our SPI. Exit 0 if the IKE daemon answered, 1 if not: keepalived's\n"
	       "MISC_CHECK. Each probe leaves a half-open IKE SA on the server until\n"
	       "its half-open timeout: probe every few seconds, not faster.\n"
	       "  -4, -6          only IPv4 / IPv6\n"
	       "  --port PORT     the server's IKE port (default 500)\n"
	       "  --sport PORT    our source port (default: any)\n"
	       "  --timeout S     wait per try (default 2)\n"
	       "  --retries N     further tries after a silent one (default 2)\n"
	       "  --dynamic W     misc_dynamic: exit 2 + weight, W when the answer\n"
	       "                  comes within --fast, less when slower, 1 minimum\n"
	       "  --fast S        the answer time that earns the full weight (default 0.05)\n"
	       "  --verbose       say what happened on stderr\n"
	       "  --help          this text\n");
}

static int parse(int argc, char **argv, struct probe *p)
{
	enum { O_PORT = 1, O_SPORT, O_TIMEOUT, O_RETRIES, O_DYNAMIC, O_FAST,
	       O_VERBOSE, O_HELP };
	static const struct option opts[] = {
		{ "port", required_argument, NULL, O_PORT },
		{ "sport", required_argument, NULL, O_SPORT },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "retries", required_argument, NULL, O_RETRIES },
		{ "dynamic", required_argument, NULL, O_DYNAMIC },
		{ "fast", required_argument, NULL, O_FAST },
		{ "verbose", no_argument, NULL, O_VERBOSE },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	int c, bad = 0;

	while ((c = getopt_long(argc, argv, "46", opts, NULL)) != -1) {
		switch (c) {
		case '4': p->family = AF_INET; break;
		case '6': p->family = AF_INET6; break;
		case O_PORT: p->port = optarg; break;
		case O_SPORT: bad |= lvs_u64_arg(optarg, &p->sport) || p->sport > 0xffff; break;
		case O_TIMEOUT: bad |= lvs_double_arg(optarg, &p->timeout); break;
		case O_RETRIES: bad |= lvs_u64_arg(optarg, &p->retries); break;
		case O_DYNAMIC: bad |= lvs_u64_arg(optarg, &p->dynamic) ||
				       !p->dynamic || p->dynamic > 253; break;
		case O_FAST: bad |= lvs_double_arg(optarg, &p->fast) || p->fast <= 0; break;
		case O_VERBOSE: p->verbose = true; break;
		case O_HELP: usage(); return 0;
		default: return lvs_usage_error(argv[0], "unknown option");
		}
	}
	if (bad)
		return lvs_usage_error(argv[0], "bad option value");
	if (optind != argc - 1)
		return lvs_usage_error(argv[0], "one HOST needed");
	p->host = argv[optind];
	return -1;
}

int main(int argc, char **argv)
{
	struct probe p = { .port = "500", .family = AF_UNSPEC, .timeout = 2,
			   .retries = 2, .fast = 0.05 };
	struct sockaddr_storage to;
	uint64_t rnd, i;
	socklen_t tolen;
	double rtt = -1;
	int fd, r = parse(argc, argv, &p);

	if (r >= 0)
		return r;
	rnd = (uint64_t)(lvs_now() * 1e9) ^ (uint64_t)getpid() << 32;
	fd = probe_socket(&p, &to, &tolen);
	if (fd < 0)
		return 1;
	for (i = 0; i <= p.retries && rtt < 0; i++)
		rtt = try_once(fd, &to, tolen, &p, &rnd);
	close(fd);
	if (p.verbose)
		fprintf(stderr, rtt < 0 ? "lvs-ike-probe: %s: no answer\n"
			: "lvs-ike-probe: %s: answered in %.3fs\n", p.host, rtt);
	if (rtt < 0)
		return 1;
	return p.dynamic ? dynamic_code(&p, rtt) : 0;
}
