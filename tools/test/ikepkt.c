// SPDX-License-Identifier: GPL-2.0-only
/*
 * ikepkt: the lab's hand-made packet sender. IKE, ESP, AH and junk
 * datagrams for the guest cases, and a spoofed IKE_SA_INIT flood. A test
 * program like test-lib: not shipped, not installed (packaging takes only
 * $BUILD/tools/lvs-*).
 *
 * It replaced a Python script of the same command line: the guest lab
 * runs under software emulation, where starting python3 costs ~110 ms of
 * CPU and starting this ~2 ms.
 *
 *   ikepkt ike   DST [--dport 500] [--src A] [--sport P] [--icookie HEX]
 *                    [--rcookie HEX] [--exchange 34] [--count N] [--length N]
 *                    [--raw] [--ike-version 2|1] [--interval S [--progress FILE]]
 *   ikepkt esp   DST [--proto 50|51] [--spi N] [--count N]
 *                    [--udp --dport 4500 [--sport P]]
 *   ikepkt flood DST --sources CIDR [--count N] [--dport 500] [--seed N]
 *                    [--rcookie HEX|random] [--repeat N] [--exchange 34]
 *   ikepkt junk  DST [--dport 500] [--sport P] [--size N] [--count N]
 *                    [--seed N] [--kind random|truncated|biglen|keepalive]
 *
 * IPv6 when DST contains a colon. flood and junk draw from lvs_rng seeded
 * with --seed, so a run repeats itself; an initiator SPI not given comes
 * from an rng seeded from the clock and the pid.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "pkt.h"
#include "util.h"

/* room for the largest message: no UDP datagram carries more */
#define MSG_MAX		0xffff
/* an ISAKMP header after the cookies, then the generic payload we send */
#define IKE_TAIL	(IKE_HDR_LEN - IKE_PAIR_LEN + 8)

enum {
	O_DPORT = 256, O_SRC, O_SPORT, O_ICOOKIE, O_RCOOKIE, O_EXCHANGE,
	O_IKE_VERSION, O_LENGTH, O_COUNT, O_REPEAT, O_INTERVAL, O_PROGRESS,
	O_PROTO, O_SPI, O_SIZE, O_SEED, O_RAW, O_UDP, O_SOURCES, O_KIND,
};

static const struct lvs_opt opts[] = {
	{ "dport", O_DPORT, "N", "destination port (default 500; on 4500 IKE gets the non-ESP marker)" },
	{ "src", O_SRC, "ADDR", "bind to this source address; with --raw the spoofed source" },
	{ "sport", O_SPORT, "N", "source port (default: any)" },
	{ "icookie", O_ICOOKIE, "HEX", "initiator SPI (default: random)" },
	{ "rcookie", O_RCOOKIE, "HEX", "responder SPI (default: zero); flood: 'random', a fresh one each" },
	{ "exchange", O_EXCHANGE, "N", "IKE exchange type (default 34, IKE_SA_INIT)" },
	{ "ike-version", O_IKE_VERSION, "1|2", "IKE version (default 2)" },
	{ "length", O_LENGTH, "N", "the IKE header's length field (default: the message's)" },
	{ "count", O_COUNT, "N", "messages to send (default 1)" },
	{ "repeat", O_REPEAT, "N", "flood: send every packet N times (default 1)" },
	{ "interval", O_INTERVAL, "S", "ike: one message every S seconds, each with a fresh SPI" },
	{ "progress", O_PROGRESS, "FILE", "with --interval: the number sent so far into FILE" },
	{ "proto", O_PROTO, "N", "esp: IP protocol, 50 (ESP) or 51 (AH) (default 50)" },
	{ "spi", O_SPI, "N", "esp: the SPI (default 4096)" },
	{ "size", O_SIZE, "N", "junk random: at most N bytes (default 64)" },
	{ "seed", O_SEED, "N", "flood, junk: seed of the random choices (default 1)" },
	{ "raw", O_RAW, NULL, "ike: write the UDP header ourselves, from --src:--sport" },
	{ "udp", O_UDP, NULL, "esp: ESP in UDP (RFC 3948) to --dport" },
	{ "sources", O_SOURCES, "CIDR", "flood: the spoofed IPv4 sources (default 203.0.113.0/24)" },
	{ "kind", O_KIND, "K", "junk: random, truncated, biglen or keepalive (default random)" },
	{ 0 },
};

static const char usage[] = "ike|esp|junk|flood DST [options]";
static const char desc[] =
	"Hand-made IKE, ESP and junk packets for the lab's guest cases. IPv6\n"
	"when DST contains a colon.\n"
	"  ike    an ISAKMP header and one empty payload, --count times; --raw\n"
	"         writes the UDP header itself, so that --sport may be a port\n"
	"         another socket holds (IP_TRANSPARENT: --src need not be ours)\n"
	"  esp    raw ESP, or AH with --proto 51; with --udp ESP in UDP\n"
	"  flood  IKE openings from random addresses of --sources (IP_HDRINCL),\n"
	"         each with a fresh SPI\n"
	"  junk   random bytes, cut ISAKMP headers, length fields beyond the\n"
	"         datagram, or NAT keepalives (--kind)";

enum { C_IKE, C_ESP, C_JUNK, C_FLOOD, C_MAX };
static const char *const cmd_names[C_MAX] = { "ike", "esp", "junk", "flood" };

enum { K_RANDOM, K_TRUNCATED, K_BIGLEN, K_KEEPALIVE, K_MAX };
static const char *const kind_names[K_MAX] = {
	"random", "truncated", "biglen", "keepalive",
};

/*
 * The options' values. junk and flood overwrite some of them (the cookies,
 * --length, --sport) before building each packet with ike_message().
 */
struct args {
	struct lvs_addr dst;
	const char *src, *icookie, *rcookie, *progress, *sources;
	long long dport, sport, exchange, ike_version, length, count, repeat;
	long long proto, spi, size;
	bool have_length, raw, udp;
	int kind;
	double interval;
	uint64_t seed;
	/* initiator SPIs not given: seeded from the clock, not --seed */
	struct lvs_rng fresh;
};

/* a packet: room for our own IP and UDP headers before a whole message */
static uint8_t pkt[LVS_IP6_HDR_LEN + LVS_UDP_HDR_LEN + MSG_MAX];

/*
 * A number option: signed decimal, so "010" is 10 (lvs_parse_u64() would
 * read it as octal) and a negative --count sends nothing. Ranges are left
 * to need().
 */
static long long int_arg(const char *opt, const char *s)
{
	long long v;
	char *end;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end)
		lvs_die("%s: invalid int value: '%s'", opt, s);
	return v;
}

/*
 * v, refused unless in min..max. Values are checked where they are used,
 * not where parsed: ports out of 0..65535 are refused when a packet is
 * sent, and an option the sub-command does not use is never checked.
 */
static long long need(const char *opt, long long v, long long min, long long max)
{
	if (v < min || v > max)
		lvs_die("%s: %lld is not in %lld..%lld", opt, v, min, max);
	return v;
}

static uint16_t port(const char *opt, long long v)
{
	return (uint16_t)need(opt, v, 0, 65535);
}

static int choice(const char *opt, const char *s, const char *const *names,
		  int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(s, names[i]))
			return i;
	lvs_die("%s: invalid choice: '%s'", opt, s);
}

static void option(int key, const char *arg, void *ctx)
{
	struct args *a = ctx;

	switch (key) {
	case O_DPORT:
		a->dport = int_arg("--dport", arg);
		break;
	case O_SRC:
		a->src = *arg ? arg : NULL;	/* "" is no --src */
		break;
	case O_SPORT:
		a->sport = int_arg("--sport", arg);
		break;
	case O_ICOOKIE:
		a->icookie = arg;
		break;
	case O_RCOOKIE:
		a->rcookie = arg;
		break;
	case O_EXCHANGE:
		a->exchange = int_arg("--exchange", arg);
		break;
	case O_IKE_VERSION:
		a->ike_version = int_arg("--ike-version", arg);
		if (a->ike_version != 1 && a->ike_version != 2)
			lvs_die("--ike-version: invalid choice: %s (1 or 2)", arg);
		break;
	case O_LENGTH:
		a->length = int_arg("--length", arg);
		a->have_length = true;
		break;
	case O_COUNT:
		a->count = int_arg("--count", arg);
		break;
	case O_REPEAT:
		a->repeat = int_arg("--repeat", arg);
		break;
	case O_INTERVAL:
		a->interval = lvs_parse_secs("--interval", arg);
		break;
	case O_PROGRESS:
		a->progress = *arg ? arg : NULL;
		break;
	case O_PROTO:
		a->proto = int_arg("--proto", arg);
		break;
	case O_SPI:
		a->spi = int_arg("--spi", arg);
		break;
	case O_SIZE:
		a->size = int_arg("--size", arg);
		break;
	case O_SEED: {
		long long v = int_arg("--seed", arg);

		/* the sign does not matter: -N repeats the run of N */
		a->seed = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
		break;
	}
	case O_RAW:
		a->raw = true;
		break;
	case O_UDP:
		a->udp = true;
		break;
	case O_SOURCES:
		a->sources = arg;
		break;
	case O_KIND:
		a->kind = choice("--kind", arg, kind_names, K_MAX);
		break;
	}
}

/* ---- messages ---------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Pairs of hex digits, whitespace allowed between pairs. Any number of
 * bytes: a cookie of another length than 8 goes into the header as given
 * and shifts the rest of it, so an odd cookie makes a malformed header.
 */
static size_t fromhex(const char *opt, const char *hex, uint8_t *p, size_t room)
{
	const char *s = hex;
	size_t n = 0;
	int hi, lo;

	while (*s) {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		hi = hexval(s[0]);
		lo = hi < 0 ? -1 : hexval(s[1]);
		if (lo < 0)
			lvs_die("%s: '%s' is not hex", opt, hex);
		if (n == room)
			lvs_die("%s: too long for a datagram", opt);
		p[n++] = (uint8_t)(hi << 4 | lo);
		s += 2;
	}
	return n;
}

/* A cookie as given; none (or ""): 8 bytes from rnd, or zeros without */
static size_t cookie(const char *opt, const char *hex, struct lvs_rng *rnd,
		     uint8_t *p, size_t room)
{
	if (hex && *hex)
		return fromhex(opt, hex, p, room);
	if (room < IKE_COOKIE_LEN)
		lvs_die("%s: too long for a datagram", opt);
	if (rnd)
		lvs_rng_bytes(rnd, p, IKE_COOKIE_LEN);
	else
		memset(p, 0, IKE_COOKIE_LEN);
	return IKE_COOKIE_LEN;
}

/*
 * An IKE message: the cookies, the rest of an ISAKMP header
 * (IKEv2: initiator flag and SA next, IKEv1: SA next), one empty generic
 * payload of 8 bytes; the non-ESP marker in front on 4500. At p, at most
 * MSG_MAX bytes; returns the length.
 */
static size_t ike_message(struct args *a, uint8_t *p)
{
	static const uint8_t body[8] = { 0, 0, 0, 8 };
	static const uint8_t zero[IKE_COOKIE_LEN];
	bool v2 = a->ike_version == 2;
	uint8_t h[IKE_HDR_LEN];
	uint32_t length = IKE_HDR_LEN + sizeof(body);
	size_t len = 0;

	if (a->dport == IKE_NATT_PORT) {
		memset(p, 0, IKE_NONESP_MARKER_LEN);
		len = IKE_NONESP_MARKER_LEN;
	}
	len += cookie("--icookie", a->icookie, &a->fresh, p + len,
		      MSG_MAX - IKE_TAIL - len);
	len += cookie("--rcookie", a->rcookie, NULL, p + len,
		      MSG_MAX - IKE_TAIL - len);
	if (a->have_length)
		length = (uint32_t)need("--length", a->length, 0, UINT32_MAX);
	/* the header without its cookies, which came as long as given */
	lvs_ike_hdr(h, zero, zero, v2 ? IKE_NP_V2_SA : IKE_NP_V1_SA,
		    (uint8_t)(a->ike_version << 4),
		    (uint8_t)need("--exchange", a->exchange, 0, 255),
		    v2 ? LVS_IKE_F_INITIATOR : 0, 0, length);
	memcpy(p + len, h + IKE_PAIR_LEN, IKE_HDR_LEN - IKE_PAIR_LEN);
	len += IKE_HDR_LEN - IKE_PAIR_LEN;
	memcpy(p + len, body, sizeof(body));
	return len + sizeof(body);
}

/*
 * Our own UDP header (with its checksum) around the len bytes of message
 * at pkt + IP header + UDP header, from src:--sport, and an IP header in
 * front; returns the length with both headers.
 */
static size_t udp_wrap(const struct args *a, const struct lvs_addr *src,
		       size_t len)
{
	uint16_t sport = port("--sport", a->sport);
	uint16_t dport = port("--dport", a->dport);

	if (len > 0xffff - LVS_UDP_HDR_LEN)
		lvs_die("a UDP datagram of %zu bytes", len + LVS_UDP_HDR_LEN);
	return lvs_udp_wrap(pkt, src, &a->dst, sport, dport, len);
}

/* ---- sockets ----------------------------------------------------------- */

static int xsocket(int af, int type, int proto)
{
	int fd = socket(af, type, proto);

	if (fd < 0)
		lvs_die("socket: %s%s", strerror(errno),
			type == SOCK_RAW ? " (needs CAP_NET_RAW)" : "");
	return fd;
}

static void xbind(int fd, const struct lvs_addr *addr, uint16_t port)
{
	struct sockaddr_storage ss;
	socklen_t len = lvs_sockaddr(addr, port, &ss);

	if (bind(fd, (struct sockaddr *)&ss, len))
		lvs_die("bind: %s", strerror(errno));
}

/* --src, of the destination's family */
static void src_addr(const struct args *a, struct lvs_addr *src)
{
	if (!a->src)
		lvs_die("--src is needed");
	if (!lvs_addr_parse(a->src, src) || src->af != a->dst.af)
		lvs_die("--src: '%s' is not an %s address", a->src,
			a->dst.af == AF_INET ? "IPv4" : "IPv6");
}

/* A UDP socket, bound when --sport or --src is given */
static int udp_socket(const struct args *a)
{
	struct lvs_addr any = { .af = a->dst.af };
	int fd = xsocket(a->dst.af, SOCK_DGRAM, 0);

	if (a->sport || a->src) {
		if (a->src)
			src_addr(a, &any);
		xbind(fd, &any, port("--sport", a->sport));
	}
	return fd;
}

/*
 * --raw: a raw UDP socket bound to --src, which may be an address this
 * host does not hold (a spoofer on the segment): IP_TRANSPARENT lets the
 * route lookup accept it as the source.
 */
static int raw_udp_socket(const struct args *a, struct lvs_addr *src)
{
	bool v6 = a->dst.af == AF_INET6;
	int one = 1, fd = xsocket(a->dst.af, SOCK_RAW, IPPROTO_UDP);

	if (setsockopt(fd, v6 ? IPPROTO_IPV6 : IPPROTO_IP,
		       v6 ? IPV6_TRANSPARENT : IP_TRANSPARENT, &one, sizeof(one)))
		lvs_die("%s: %s", v6 ? "IPV6_TRANSPARENT" : "IP_TRANSPARENT",
			strerror(errno));
	src_addr(a, src);
	xbind(fd, src, 0);
	return fd;
}

static void send_to(int fd, const void *p, size_t len,
		    const struct sockaddr_storage *ss, socklen_t sslen)
{
	while (sendto(fd, p, len, 0, (const struct sockaddr *)ss, sslen) < 0)
		if (errno != EINTR)
			lvs_die("sendto: %s", strerror(errno));
}

/* ---- ike --------------------------------------------------------------- */

/* One socket, so one source port, and count copies of one message */
static void send_ike_burst(struct args *a, long long count)
{
	size_t off = lvs_ip_hdr_len(a->dst.af), len;
	uint8_t *p = pkt + off + LVS_UDP_HDR_LEN;
	struct sockaddr_storage ss;
	struct lvs_addr src;
	uint16_t dport = 0;
	socklen_t sslen;
	long long n;
	int fd;

	len = ike_message(a, p);
	if (a->raw) {
		fd = raw_udp_socket(a, &src);
		/* the kernel writes the IP header, we the UDP one */
		p = pkt + off;
		len = udp_wrap(a, &src, len) - off;
	} else {
		fd = udp_socket(a);
		dport = port("--dport", a->dport);
	}
	sslen = lvs_sockaddr(&a->dst, dport, &ss);
	for (n = 0; n < count; n++)
		send_to(fd, p, len, &ss, sslen);
	close(fd);
}

/* Sleep the whole time, through signals that do not end us */
static void sleep_secs(double s)
{
	struct timespec ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void write_progress(const char *path, long long n)
{
	FILE *f = fopen(path, "w");

	if (!f || fprintf(f, "%lld\n", n) < 0 || fclose(f))
		lvs_die("%s: %s", path, strerror(errno));
}

/*
 * --interval: --count messages, one every interval, each with a fresh
 * initiator SPI unless --icookie is given, and a socket of its own (a new
 * source port when none is given); the number sent so far into --progress.
 */
static void send_ike_paced(struct args *a)
{
	long long n;

	for (n = 1; n <= a->count; n++) {
		send_ike_burst(a, 1);
		if (a->progress)
			write_progress(a->progress, n);
		sleep_secs(a->interval);
	}
}

static void send_ike(struct args *a)
{
	if (a->interval > 0)
		send_ike_paced(a);
	else
		send_ike_burst(a, a->count);
}

/* ---- esp --------------------------------------------------------------- */

/*
 * AH (no next header, length, reserved, SPI, seq) or ESP, zero-filled;
 * SPI and sequence number are 32-bit fields: an --spi out of 0..2^32-1 is
 * refused before the first packet, a --count when it reaches 2^32.
 */
static size_t esp_packet(const struct args *a, uint8_t *p, long long n)
{
	uint32_t spi = (uint32_t)need("--spi", a->spi, 0, UINT32_MAX);
	uint32_t seq = (uint32_t)need("--count", n, 1, UINT32_MAX);

	if (a->proto == IPPROTO_AH) {
		memset(p, 0, 24);
		p[0] = 59;
		p[1] = 4;
		/* SPI and sequence number as ESP has them, 4 bytes later */
		lvs_esp(p + 4, IKE_ESP_MIN_LEN, spi, seq);
		return 24;
	}
	memset(p, 0, IKE_ESP_MIN_LEN + 32);
	lvs_esp(p, IKE_ESP_MIN_LEN, spi, seq);
	return IKE_ESP_MIN_LEN + 32;
}

/* Raw ESP or AH; with --udp, ESP in UDP (RFC 3948) to --dport */
static void send_esp(struct args *a)
{
	struct sockaddr_storage ss;
	uint16_t dport = 0;
	socklen_t sslen;
	long long seq;
	int fd;

	if (a->udp) {
		fd = udp_socket(a);
		dport = port("--dport", a->dport);
	} else {
		fd = xsocket(a->dst.af, SOCK_RAW,
			     (int)need("--proto", a->proto, INT_MIN, INT_MAX));
	}
	sslen = lvs_sockaddr(&a->dst, dport, &ss);
	for (seq = 1; seq <= a->count; seq++)
		send_to(fd, pkt, esp_packet(a, pkt, seq), &ss, sslen);
	close(fd);
}

/* ---- junk -------------------------------------------------------------- */

static size_t junk_payload(struct args *a, struct lvs_rng *rnd, uint8_t *p)
{
	size_t len;

	switch (a->kind) {
	case K_KEEPALIVE:
		p[0] = 0xff;
		return 1;
	case K_TRUNCATED:	/* an ISAKMP header cut short */
		a->icookie = a->rcookie = NULL;
		a->have_length = false;
		len = ike_message(a, p);
		return lvs_rng_next(rnd) % len;
	case K_BIGLEN:		/* a length field beyond the datagram */
		a->icookie = a->rcookie = NULL;
		a->length = 45 + (long long)(lvs_rng_next(rnd) % (65536 - 45));
		a->have_length = true;
		return ike_message(a, p);
	}
	/* K_RANDOM: 1 to --size random bytes */
	need("--size", a->size, 1, LLONG_MAX);
	len = 1 + lvs_rng_next(rnd) % (uint64_t)a->size;
	if (len > MSG_MAX)
		lvs_die("junk of %zu bytes: %s", len, strerror(EMSGSIZE));
	lvs_rng_bytes(rnd, p, len);
	return len;
}

static void send_junk(struct args *a)
{
	struct sockaddr_storage ss;
	struct lvs_rng rnd;
	socklen_t sslen;
	long long n;
	int fd;

	lvs_rng_seed(&rnd, a->seed);
	fd = udp_socket(a);
	sslen = lvs_sockaddr(&a->dst, port("--dport", a->dport), &ss);
	for (n = 0; n < a->count; n++)
		send_to(fd, pkt, junk_payload(a, &rnd, pkt), &ss, sslen);
	close(fd);
}

/* ---- flood ------------------------------------------------------------- */

/*
 * A random SPI as 16 hex digits, never zero: a zero initiator SPI is
 * invalid, and a zero responder SPI is not the claim of an established SA
 * that --rcookie random is for.
 */
static const char *spi_hex(char buf[17], struct lvs_rng *rnd)
{
	uint64_t v;

	do {
		v = lvs_rng_next(rnd);
	} while (!v);
	snprintf(buf, 17, "%016" PRIx64, v);
	return buf;
}

/*
 * IKE openings from random addresses of --sources, from random ports
 * above 1023, each with a fresh SPI (and with --rcookie random a fresh
 * responder SPI), each sent --repeat times. IPPROTO_RAW: our own IPv4
 * header with the spoofed source; the kernel fills in its id and checksum.
 */
static void send_flood(struct args *a)
{
	bool rc_random = a->rcookie && !strcmp(a->rcookie, "random");
	const size_t off = LVS_IP4_HDR_LEN + LVS_UDP_HDR_LEN;
	struct sockaddr_storage ss;
	struct lvs_prefix sources;
	char ic[17], rc[17];
	struct lvs_addr src;
	struct lvs_rng rnd;
	socklen_t sslen;
	long long n, r;
	int fd;

	/* NET/BITS; lvs_prefix_parse() would take NET alone as a /32 */
	if (!strchr(a->sources, '/') || !lvs_prefix_parse(a->sources, &sources) ||
	    sources.base.af != AF_INET)
		lvs_die("--sources: '%s' is not an IPv4 CIDR", a->sources);
	if (a->dst.af != AF_INET)
		lvs_die("flood: IPv4 only");
	lvs_rng_seed(&rnd, a->seed);
	fd = xsocket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	sslen = lvs_sockaddr(&a->dst, 0, &ss);
	for (n = 0; n < a->count; n++) {
		lvs_prefix_nth(&sources, lvs_rng_next(&rnd), &src);
		a->sport = 1024 + (long long)(lvs_rng_next(&rnd) % 64512);
		a->icookie = spi_hex(ic, &rnd);
		if (rc_random)
			a->rcookie = spi_hex(rc, &rnd);
		size_t len = udp_wrap(a, &src, ike_message(a, pkt + off));

		for (r = 0; r < a->repeat; r++)
			send_to(fd, pkt, len, &ss, sslen);
	}
	close(fd);
}

static void (*const senders[C_MAX])(struct args *a) = {
	[C_IKE] = send_ike,
	[C_ESP] = send_esp,
	[C_JUNK] = send_junk,
	[C_FLOOD] = send_flood,
};

int main(int argc, char **argv)
{
	struct args a = {
		.dport = 500, .exchange = 34, .ike_version = 2, .count = 1,
		.repeat = 1, .proto = IPPROTO_ESP, .spi = 0x1000, .size = 64,
		.seed = 1, .sources = "203.0.113.0/24", .kind = K_RANDOM,
	};
	int i, cmd;

	/*
	 * Options may come after the sub-command and DST too (the cases put
	 * them there): getopt's permuting mode, which POSIXLY_CORRECT would
	 * turn off.
	 */
	unsetenv("POSIXLY_CORRECT");
	i = lvs_opts_parse(argc, argv, opts, usage, desc, option, &a);
	if (argc - i != 2)
		lvs_die("a sub-command and DST are needed (see --help)");
	cmd = choice("sub-command", argv[i], cmd_names, C_MAX);
	/* IPv6 when DST has a colon: the family of every socket and header */
	if (!lvs_addr_parse(argv[i + 1], &a.dst))
		lvs_die("'%s' is not an IPv4 or IPv6 address", argv[i + 1]);
	lvs_rng_seed(&a.fresh, lvs_seed_default());
	senders[cmd](&a);
	return 0;
}
