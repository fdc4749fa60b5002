// SPDX-License-Identifier: GPL-2.0-only
/*
 * Paced batch sending of whole IPv4 packets over one raw socket with
 * IP_HDRINCL: sendmmsg() of up to LVS_BATCH packets per call, the batch
 * shrunk near a rate's next deadline, stopping at a count or a time.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "lvs.h"

#define LVS_BATCH 64

static uint8_t bufs[LVS_BATCH][LVS_PKT_MAX];

static int raw_socket(void)
{
	int one = 1;
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);

	if (fd < 0) {
		perror("socket(AF_INET, SOCK_RAW)");
		return -1;
	}
	if (setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one)) < 0) {
		perror("IP_HDRINCL");
		close(fd);
		return -1;
	}
	return fd;
}

/* How many packets may go now: the rate's budget since the start */
static uint64_t allowed(const struct lvs_send_opts *o, uint64_t sent,
			double elapsed)
{
	uint64_t due;

	if (!o->rate)
		return LVS_BATCH;
	due = (uint64_t)(elapsed * (double)o->rate) + 1;
	return due > sent ? due - sent : 0;
}

static void pause_briefly(void)
{
	struct timespec ts = { .tv_nsec = 200000 };

	nanosleep(&ts, NULL);
}

int lvs_send_ip4(struct in_addr dst, const struct lvs_send_opts *o,
		 lvs_fill_fn fill, void *ctx, struct lvs_send_stats *st)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr = dst };
	struct mmsghdr msgs[LVS_BATCH];
	struct iovec iov[LVS_BATCH];
	double start = lvs_now(), elapsed = 0;
	int fd = raw_socket();

	memset(st, 0, sizeof(*st));
	if (fd < 0)
		return -1;
	for (;;) {
		uint64_t n = allowed(o, st->sent, elapsed), i;
		int done;

		elapsed = lvs_now() - start;
		if ((o->count && st->sent >= o->count) ||
		    (o->seconds > 0 && elapsed >= o->seconds))
			break;
		if (n > LVS_BATCH)
			n = LVS_BATCH;
		if (o->count && n > o->count - st->sent)
			n = o->count - st->sent;
		if (!n) {
			pause_briefly();
			continue;
		}
		for (i = 0; i < n; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = fill(bufs[i], LVS_PKT_MAX,
					      st->sent + i, ctx);
			memset(&msgs[i], 0, sizeof(msgs[i]));
			msgs[i].msg_hdr.msg_name = &to;
			msgs[i].msg_hdr.msg_namelen = sizeof(to);
			msgs[i].msg_hdr.msg_iov = &iov[i];
			msgs[i].msg_hdr.msg_iovlen = 1;
		}
		done = sendmmsg(fd, msgs, (unsigned int)n, 0);
		if (done < 0) {
			/* a full queue or a refused packet: count, go on */
			st->errors++;
			if (errno != ENOBUFS && errno != EAGAIN &&
			    errno != EPERM && errno != ECONNREFUSED) {
				perror("sendmmsg");
				break;
			}
			st->sent += n;	/* never stall on one packet */
			continue;
		}
		st->sent += (uint64_t)done;
		if ((uint64_t)done < n)
			st->sent++;	/* skip the one that failed */
	}
	st->seconds = lvs_now() - start;
	close(fd);
	return 0;
}
