// SPDX-License-Identifier: GPL-2.0-only
/*
 * lvs-sink: runs on a real server and counts what the director delivers
 * to it, per kind: raw ESP and AH (raw sockets, which see every packet of
 * their protocol), UDP 500 and 4500. Prints the counts when told to stop
 * (SIGTERM, SIGINT) or after --seconds. With --echo-ike it also sends
 * every UDP datagram back to its sender, which is what a responder's
 * IKE_SA_INIT reply looks like to a director in NAT mode (the same SPI
 * pair, SA payload first): it confirms lvs-loadgen's ike-est clients.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/lvs.h"

enum { S_ESP, S_AH, S_UDP500, S_UDP4500, S_MAX };

static const char *const kind_names[S_MAX] = {
	"esp", "ah", "udp500", "udp4500",
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int open_sockets(struct pollfd *pfd)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	int i, one = 1;

	pfd[S_ESP].fd = socket(AF_INET, SOCK_RAW, IPPROTO_ESP);
	pfd[S_AH].fd = socket(AF_INET, SOCK_RAW, IPPROTO_AH);
	for (i = S_UDP500; i <= S_UDP4500; i++) {
		pfd[i].fd = socket(AF_INET, SOCK_DGRAM, 0);
		a.sin_port = htons(i == S_UDP500 ? LVS_IKE_PORT : LVS_NATT_PORT);
		setsockopt(pfd[i].fd, SOL_SOCKET, SO_REUSEADDR, &one,
			   sizeof(one));
		if (pfd[i].fd >= 0 &&
		    bind(pfd[i].fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
			perror("bind");
			return -1;
		}
	}
	for (i = 0; i < S_MAX; i++) {
		if (pfd[i].fd < 0) {
			perror("socket");
			return -1;
		}
		pfd[i].events = POLLIN;
	}
	return 0;
}

/* Drain one socket; every datagram counts once */
static void drain(int fd, bool echo, unsigned long long *count)
{
	uint8_t buf[LVS_PKT_MAX];
	struct sockaddr_in from;
	socklen_t fl;
	ssize_t n;

	for (;;) {
		fl = sizeof(from);
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &fl);
		if (n < 0)
			return;
		(*count)++;
		if (echo)
			sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from,
			       fl);
	}
}

static void report(const unsigned long long *count, bool json)
{
	int i;

	printf(json ? "{" : "");
	for (i = 0; i < S_MAX; i++)
		printf(json ? "%s\"%s\": %llu" : "%s%s %llu",
		       i ? (json ? ", " : " ") : "", kind_names[i], count[i]);
	printf(json ? "}\n" : "\n");
	fflush(stdout);
}

static void usage(void)
{
	printf("usage: lvs-sink [--seconds S] [--echo-ike] [--json]\n"
	       "Count ESP, AH, UDP 500 and UDP 4500 packets arriving at this host\n"
	       "(IPv4) until SIGTERM/SIGINT or S seconds; print the counts.\n"
	       "Says \"lvs-sink: ready\" on stderr once it listens.\n"
	       "  --seconds S  stop after S seconds\n"
	       "  --echo-ike   send UDP datagrams back to their senders\n"
	       "  --json       one JSON object\n"
	       "  --help       this text\n");
}

int main(int argc, char **argv)
{
	enum { O_SECONDS = 1, O_ECHO, O_JSON, O_HELP };
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, O_SECONDS },
		{ "echo-ike", no_argument, NULL, O_ECHO },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, O_HELP },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long count[S_MAX] = { 0 };
	struct pollfd pfd[S_MAX];
	bool json = false, echo = false;
	double seconds = 0, end;
	int c, i;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_SECONDS:
			if (lvs_double_arg(optarg, &seconds))
				return lvs_usage_error(argv[0], "bad --seconds");
			break;
		case O_ECHO:
			echo = true;
			break;
		case O_JSON:
			json = true;
			break;
		case O_HELP:
			usage();
			return 0;
		default:
			return lvs_usage_error(argv[0], "unknown option");
		}
	}
	if (optind != argc)
		return lvs_usage_error(argv[0], "no arguments expected");
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	if (open_sockets(pfd))
		return 1;
	fprintf(stderr, "lvs-sink: ready\n");
	end = seconds > 0 ? lvs_now() + seconds : 0;
	while (!stop && (!end || lvs_now() < end)) {
		if (poll(pfd, S_MAX, 100) < 0 && errno != EINTR)
			break;
		for (i = 0; i < S_MAX; i++)
			if (pfd[i].revents & POLLIN)
				drain(pfd[i].fd, echo && i >= S_UDP500,
				      &count[i]);
	}
	report(count, json);
	return 0;
}
