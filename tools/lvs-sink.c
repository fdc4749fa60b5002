// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-sink: counts what reaches a real server, per kind: raw ESP and AH
 * (raw sockets, IPv4 and IPv6), UDP 500 and 4500 (IKE, ESP in UDP,
 * keepalives); "other" is a datagram on those ports that the kernel's
 * ISAKMP parser refuses. Prints the counts on SIGTERM or SIGINT, or after
 * --seconds. With --echo-ike it sends every UDP datagram back to its
 * sender, as a responder's reply would carry the same SPIs: in NAT mode
 * that confirms the clients' entries of lvs-loadgen --kind ike-est.
 * With --json it also gives last_ns, the CLOCK_MONOTONIC time at which it
 * had read the last packet: in the lab guest, whose clock counts
 * instructions, the end of a benchmark's work.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "json.h"
#include "pkt.h"
#include "util.h"

enum { O_SECONDS = 't', O_JSON = 'j', O_ECHO = 'e' };

static const struct lvs_opt opts[] = {
	{ "seconds", O_SECONDS, "S", "stop after S seconds (default: at SIGTERM or SIGINT)" },
	{ "json", O_JSON, NULL, "print the counts as JSON" },
	{ "echo-ike", O_ECHO, NULL, "send UDP 500/4500 datagrams back to their senders" },
	{ 0 },
};

enum { K_ESP, K_AH, K_UDP500, K_UDP4500, K_OTHER, K_MAX };
static const char *const kind_names[K_MAX] = {
	"esp", "ah", "udp500", "udp4500", "other",
};

struct args {
	double seconds;
	bool json, echo;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void option(int key, const char *arg, void *ctx)
{
	struct args *a = ctx;

	if (key == O_SECONDS)
		a->seconds = lvs_parse_secs("--seconds", arg);
	else if (key == O_JSON)
		a->json = true;
	else if (key == O_ECHO)
		a->echo = true;
}

struct sock {
	int fd;
	int kind;	/* K_ESP, K_AH, or the UDP port's kind */
};

static int raw_socket(int af, int proto)
{
	int fd = socket(af, SOCK_RAW, proto);

	if (fd < 0)
		lvs_die("raw socket for protocol %d: %s (needs CAP_NET_RAW)", proto,
			strerror(errno));
	return fd;
}

/* one socket for both families where IPv6 is on, else IPv4 */
static int udp_socket(uint16_t port)
{
	struct lvs_addr any6 = { .af = AF_INET6 }, any4 = { .af = AF_INET };
	struct sockaddr_storage ss;
	socklen_t len;
	int off = 0, fd = socket(AF_INET6, SOCK_DGRAM, 0);

	if (fd >= 0) {
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
		len = lvs_sockaddr(&any6, port, &ss);
	} else {
		fd = socket(AF_INET, SOCK_DGRAM, 0);
		len = lvs_sockaddr(&any4, port, &ss);
	}
	if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len)) {
		lvs_warn("UDP port %u: %s; not counted", port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* the kind of a datagram on port 500 (natt false) or 4500 */
static int udp_kind(const uint8_t *p, size_t len, bool natt)
{
	struct ike_pkt pkt;

	ike_classify(p, (u32)len, (u32)len, natt, &pkt);
	if (pkt.kind == IKE_PKT_BAD)
		return K_OTHER;
	return natt ? K_UDP4500 : K_UDP500;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	struct sock s[6];
	struct pollfd pfd[6];
	uint64_t count[K_MAX] = { 0 }, last_ns = 0;
	static uint8_t buf[65536];
	struct sigaction sa = { .sa_handler = on_signal };
	double end;
	int n = 0, i, fd;

	if (lvs_opts_parse(argc, argv, opts, "[--seconds S] [--echo-ike] [--json]",
			   "Count ESP, AH and UDP 500/4500 packets arriving here; print the counts\n"
			   "on SIGTERM/SIGINT or after S seconds. Says \"lvs-sink: ready\" on stderr\n"
			   "once it listens.", option, &a) != argc)
		lvs_die("no arguments expected (see --help)");
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	s[n++] = (struct sock){ raw_socket(AF_INET, IPPROTO_ESP), K_ESP };
	s[n++] = (struct sock){ raw_socket(AF_INET, IPPROTO_AH), K_AH };
	fd = socket(AF_INET6, SOCK_RAW, IPPROTO_ESP);
	if (fd >= 0) {
		s[n++] = (struct sock){ fd, K_ESP };
		s[n++] = (struct sock){ raw_socket(AF_INET6, IPPROTO_AH), K_AH };
	}
	fd = udp_socket(IKE_PORT);
	if (fd >= 0)
		s[n++] = (struct sock){ fd, K_UDP500 };
	fd = udp_socket(IKE_NATT_PORT);
	if (fd >= 0)
		s[n++] = (struct sock){ fd, K_UDP4500 };
	for (i = 0; i < n; i++) {
		int size = 64 << 20;

		/*
		 * room for a benchmark's whole burst: counting must not lose
		 * what arrived, and a drop here would cost less than a count
		 */
		if (setsockopt(s[i].fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
			setsockopt(s[i].fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
		pfd[i] = (struct pollfd){ .fd = s[i].fd, .events = POLLIN };
	}
	fprintf(stderr, "%s: ready\n", lvs_prog);

	end = a.seconds > 0 ? lvs_now() + a.seconds : 0;
	while (!stop) {
		int timeout = -1;
		bool got = false;

		if (end) {
			double left = end - lvs_now();

			if (left <= 0)
				break;
			timeout = (int)(left * 1000) + 1;
		}
		if (poll(pfd, (nfds_t)n, timeout) < 0) {
			if (errno == EINTR)
				continue;
			lvs_die("poll: %s", strerror(errno));
		}
		for (i = 0; i < n; i++) {
			ssize_t len;

			if (!(pfd[i].revents & POLLIN))
				continue;
			got = true;
			for (;;) {
				struct sockaddr_storage from;
				socklen_t fl = sizeof(from);

				len = recvfrom(s[i].fd, buf, sizeof(buf), MSG_DONTWAIT,
					       (struct sockaddr *)&from, &fl);
				if (len < 0)
					break;
				if (s[i].kind == K_ESP || s[i].kind == K_AH) {
					count[s[i].kind]++;
					continue;
				}
				count[udp_kind(buf, (size_t)len, s[i].kind == K_UDP4500)]++;
				if (a.echo)
					sendto(s[i].fd, buf, (size_t)len, 0,
					       (struct sockaddr *)&from, fl);
			}
		}
		/* once per wakeup, not per packet: the clock costs too */
		if (got)
			last_ns = lvs_now_ns();
	}
	if (a.json)
		lvs_json_begin(NULL, '{');
	for (i = 0; i < K_MAX; i++) {
		if (a.json)
			lvs_json_u64(kind_names[i], count[i]);
		else
			printf("%s%s %llu", i ? " " : "", kind_names[i],
			       (unsigned long long)count[i]);
	}
	if (a.json) {
		lvs_json_u64("last_ns", last_ns);
		lvs_json_end();
	}
	else
		printf("\n");
	return 0;
}
