// SPDX-License-Identifier: GPL-2.0-only
/* lvs-ipsec tools: traffic generator, see gen.h */
#define _GNU_SOURCE
#include "gen.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "pkt.h"

#define BATCH 64

static const char *const kind_names[] = {
	[LVS_K_IKE_INIT] = "ike-init",
	[LVS_K_IKE_EST] = "ike-est",
	[LVS_K_ESP] = "esp",
	[LVS_K_ESPUDP] = "espudp",
};

bool lvs_kind_parse(const char *s, enum lvs_kind *k)
{
	size_t i;

	for (i = 0; i < sizeof(kind_names) / sizeof(kind_names[0]); i++) {
		if (!strcmp(s, kind_names[i])) {
			*k = (enum lvs_kind)i;
			return true;
		}
	}
	return false;
}

const char *lvs_kind_name(enum lvs_kind k)
{
	return kind_names[k];
}

size_t lvs_kind_size(enum lvs_kind k, bool minimum)
{
	switch (k) {
	case LVS_K_IKE_INIT:
	case LVS_K_IKE_EST:
		return minimum ? IKE_HDR_LEN + IKE_GENERIC_PAYLOAD_LEN : 36;
	case LVS_K_ESP:
	case LVS_K_ESPUDP:
		break;
	}
	return minimum ? IKE_ESP_MIN_LEN : 128;
}

static bool kind_udp(enum lvs_kind k)
{
	return k != LVS_K_ESP;
}

static uint16_t kind_dport(const struct lvs_gen *g, enum lvs_kind k)
{
	if (g->dport)
		return g->dport;
	return k == LVS_K_ESPUDP ? IKE_NATT_PORT : IKE_PORT;
}

/* The per-packet choices: from the client's address or from the rng */
struct choice {
	uint8_t icookie[8];
	uint8_t rcookie[8];
	uint32_t spi;
	uint16_t sport;
};

static void choose(const struct lvs_gen *g, struct lvs_rng *rng,
		   const struct lvs_addr *src, enum lvs_kind k, uint16_t dport,
		   struct choice *c)
{
	uint64_t a, b, hi, lo;

	if (g->per_source) {
		memcpy(&hi, src->b, 8);
		memcpy(&lo, src->b + 8, 8);
		a = lvs_hash64(lvs_hash64(hi ^ g->seed) ^ lo);
		b = lvs_hash64(a);
		if (k == LVS_K_IKE_INIT)	/* a new exchange each time */
			a = lvs_rng_next(rng);
	} else {
		a = lvs_rng_next(rng);
		b = lvs_rng_next(rng);
	}
	a |= 1;			/* an icookie is never zero */
	b |= 1ULL << 63;	/* nor an established rcookie */
	memcpy(c->icookie, &a, 8);
	memcpy(c->rcookie, &b, 8);
	/* above the reserved 1-255 */
	c->spi = 0x100 + (uint32_t)((b >> 8) % (0xffffffffULL - 0x100));
	if (g->sport)
		c->sport = g->sport;
	else if (g->per_source)
		c->sport = dport;
	else
		c->sport = (uint16_t)(1024 + (a >> 16) % 64512);
}

size_t lvs_gen_packet(const struct lvs_gen *g, struct lvs_rng *rng,
		      uint64_t i, uint8_t *buf)
{
	static const uint8_t zero[8];
	enum lvs_kind k = g->esp_mix && (i & 1) ? LVS_K_ESP : g->kind;
	uint64_t clients = g->clients ? g->clients : lvs_prefix_size(&g->sources);
	uint16_t dport = kind_dport(g, k);
	size_t off = lvs_ip_hdr_len(g->dst.af), len = 0;
	size_t size = k == g->kind ? g->size : lvs_kind_size(k, false);
	uint32_t seq = (uint32_t)i + 1;
	struct lvs_addr src;
	struct choice c;
	uint8_t *p;

	if (g->per_source) {
		lvs_prefix_nth(&g->sources, i % clients, &src);
		seq = (uint32_t)(i / clients) + 1;
	} else {
		lvs_prefix_nth(&g->sources, lvs_rng_next(rng), &src);
	}
	choose(g, rng, &src, k, dport, &c);
	if (kind_udp(k))
		off += LVS_UDP_HDR_LEN;
	p = buf + off;
	switch (k) {
	case LVS_K_IKE_INIT:
	case LVS_K_IKE_EST:
		if (dport == IKE_NATT_PORT) {
			/* the non-ESP marker */
			memset(p, 0, IKE_NONESP_MARKER_LEN);
			p += IKE_NONESP_MARKER_LEN;
			size -= IKE_NONESP_MARKER_LEN;
			len = IKE_NONESP_MARKER_LEN;
		}
		len += lvs_ike_filler(p, size, c.icookie,
				      k == LVS_K_IKE_EST ? c.rcookie : zero,
				      seq);
		break;
	case LVS_K_ESP:
	case LVS_K_ESPUDP:
		len = lvs_esp(p, size, c.spi, seq);
		break;
	}
	if (kind_udp(k))
		return lvs_udp_wrap(buf, &src, &g->dst, c.sport, dport, len);
	return lvs_ip_wrap(buf, &src, &g->dst, IPPROTO_ESP, len);
}

volatile sig_atomic_t lvs_gen_stop;

static void sleep_until(double t)
{
	double d = t - lvs_now();
	struct timespec ts;

	if (d <= 0)
		return;
	ts.tv_sec = (time_t)d;
	ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

void lvs_gen_run(const struct lvs_gen *g, struct lvs_gen_result *r)
{
	static uint8_t bufs[BATCH][LVS_PKT_MAX];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_storage ss;
	socklen_t sslen;
	struct lvs_rng rng;
	double start, now, end;
	uint64_t done = 0;
	int fd, n, i;

	/* IPPROTO_RAW: we write the IP header ourselves (IPv6 as well) */
	fd = socket(g->dst.af, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		lvs_die("raw socket: %s (needs CAP_NET_RAW)", strerror(errno));
	sslen = lvs_sockaddr(&g->dst, 0, &ss);
	lvs_rng_seed(&rng, g->seed);
	memset(r, 0, sizeof(*r));
	memset(msgs, 0, sizeof(msgs));
	r->start_ns = lvs_now_ns();
	start = lvs_now();
	end = g->seconds > 0 ? start + g->seconds : INFINITY;
	for (;;) {
		uint64_t want = BATCH;

		now = lvs_now();
		if (now >= end || (g->count && done >= g->count) || lvs_gen_stop)
			break;
		if (g->count && g->count - done < want)
			want = g->count - done;
		if (g->rate > 0) {
			double due = floor((now - start) * g->rate) + 1;

			if (due <= (double)done) {
				sleep_until(fmin(start + ((double)done) / g->rate, end));
				continue;
			}
			if (due - (double)done < (double)want)
				want = (uint64_t)(due - (double)done);
		}
		for (i = 0; i < (int)want; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = lvs_gen_packet(g, &rng, done + (uint64_t)i,
							 bufs[i]);
			msgs[i].msg_hdr.msg_iov = &iov[i];
			msgs[i].msg_hdr.msg_iovlen = 1;
			msgs[i].msg_hdr.msg_name = &ss;
			msgs[i].msg_hdr.msg_namelen = sslen;
		}
		n = sendmmsg(fd, msgs, (unsigned int)want, 0);
		if (n < 0) {
			if (errno != ENOBUFS && errno != EAGAIN && errno != EINTR &&
			    errno != EPERM && errno != ENETUNREACH &&
			    errno != EHOSTUNREACH)
				lvs_die("sendmmsg: %s", strerror(errno));
			/* counted as tried: the bound is on packets built */
			r->errors++;
			n = 1;
		} else {
			r->sent += (uint64_t)n;
		}
		done += (uint64_t)n;
	}
	r->seconds = lvs_now() - start;
	r->end_ns = lvs_now_ns();
	close(fd);
}

void lvs_gen_report(const struct lvs_gen_result *r, bool json)
{
	double pps = r->seconds > 0 ? (double)r->sent / r->seconds : 0;

	if (r->errors)
		lvs_warn("%llu packets refused by the socket",
			 (unsigned long long)r->errors);
	if (json) {
		lvs_json_begin(NULL, '{');
		lvs_json_u64("sent", r->sent);
		lvs_json_num("seconds", r->seconds);
		lvs_json_num("pps", pps);
		lvs_json_u64("errors", r->errors);
		lvs_json_u64("start_ns", r->start_ns);
		lvs_json_u64("end_ns", r->end_ns);
		lvs_json_end();
	} else {
		printf("sent %llu seconds %.3f pps %.0f\n",
		       (unsigned long long)r->sent, r->seconds, pps);
	}
}

bool lvs_gen_option(struct lvs_gen_cli *c, int key, const char *arg)
{
	struct lvs_gen *g = &c->g;

	switch (key) {
	case LVS_O_SOURCES:
		if (!lvs_prefix_parse(arg, &g->sources))
			lvs_die("--sources: '%s' is not an address prefix", arg);
		c->have_sources = true;
		return true;
	case LVS_O_COUNT:
		g->count = lvs_parse_u64("--count", arg, 1, UINT64_MAX);
		return true;
	case LVS_O_SECONDS:
		g->seconds = lvs_parse_secs("--seconds", arg);
		return true;
	case LVS_O_RATE:
		g->rate = (double)lvs_parse_u64("--rate", arg, 1, 100000000);
		return true;
	case LVS_O_SEED:
		g->seed = lvs_parse_u64("--seed", arg, 0, UINT64_MAX);
		return true;
	case LVS_O_SPORT:
		g->sport = (uint16_t)lvs_parse_u64("--sport", arg, 1, 65535);
		return true;
	case LVS_O_DPORT:
		g->dport = (uint16_t)lvs_parse_u64("--dport", arg, 1, 65535);
		return true;
	case LVS_O_SIZE:
		g->size = lvs_parse_u64("--size", arg, 1, 1400);
		return true;
	case LVS_O_JSON:
		c->json = true;
		return true;
	}
	return false;
}

void lvs_gen_finish(struct lvs_gen_cli *c, const char *dst,
		    uint64_t default_count, double default_secs)
{
	struct lvs_gen *g = &c->g;
	size_t min = lvs_kind_size(g->kind, true);

	if (!dst || !lvs_addr_parse(dst, &g->dst))
		lvs_die("a destination address is needed (see --help)");
	if (!c->have_sources)
		lvs_die("--sources is needed (see --help)");
	if (g->sources.base.af != g->dst.af)
		lvs_die("--sources and the destination are not of one family");
	if (!g->count && g->seconds <= 0) {
		g->count = default_count;
		g->seconds = default_secs;
	}
	if (g->per_source && !g->dport)
		g->dport = g->sport;
	if ((g->kind == LVS_K_IKE_INIT || g->kind == LVS_K_IKE_EST) &&
	    kind_dport(g, g->kind) == IKE_NATT_PORT)
		min += IKE_NONESP_MARKER_LEN;
	if (!g->size)
		g->size = lvs_kind_size(g->kind, false);
	if (g->size < min)
		lvs_die("--size: at least %zu bytes for %s", min,
			lvs_kind_name(g->kind));
}
