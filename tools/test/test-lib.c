// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the tools' library: the packets it builds are what the
 * kernel's parser (ike_classify(), compiled in) accepts, with the cookies
 * meant; the probe's judgement of canned answers; addresses. Prints
 * "PASS: name" or "FAIL: name" per test; exits 1 if any failed.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "gen.h"
#include "pkt.h"
#include "procfs.h"
#include "util.h"

static int failed;
static int test_failed;

#define EXPECT(cond)							\
	do {								\
		if (!(cond)) {						\
			printf("    %s:%d: %s\n", __FILE__, __LINE__, #cond); \
			test_failed = 1;				\
		}							\
	} while (0)

static void run(const char *name, void (*fn)(void))
{
	test_failed = 0;
	fn();
	printf("%s: %s\n", test_failed ? "FAIL" : "PASS", name);
	failed |= test_failed;
}

static const uint8_t SPI[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
static const uint8_t RSPI[8] = { 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8 };
static const uint8_t ZERO[8];

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void classify(const uint8_t *p, size_t len, bool natt, struct ike_pkt *pkt)
{
	ike_classify(p, (u32)len, (u32)len, natt, pkt);
}

/* the payload chain adds up to the message length */
static bool chain_ok(const uint8_t *m, size_t len)
{
	size_t off = IKE_HDR_LEN;
	uint8_t np = m[16];

	while (np) {
		size_t plen;

		if (off + 4 > len)
			return false;
		plen = be16(m + off + 2);
		if (plen < 4 || off + plen > len)
			return false;
		np = m[off];
		off += plen;
	}
	return off == len;
}

static void t_v2_sa_init(void)
{
	static const unsigned int groups[] = { 31, 19, 20, 14 };
	uint8_t m[LVS_PKT_MAX];
	struct lvs_rng rng;
	struct ike_pkt pkt;
	size_t i, len;

	lvs_rng_seed(&rng, 1);
	for (i = 0; i < 4; i++) {
		len = lvs_ike_v2_sa_init(m, sizeof(m), SPI, groups[i], &rng);
		EXPECT(len > 200);
		classify(m, len, false, &pkt);
		EXPECT(pkt.kind == IKE_PKT_ISAKMP);
		EXPECT(pkt.version == 2 && pkt.exchange == IKE_XCHG_V2_IKE_SA_INIT);
		EXPECT(!memcmp(pkt.ck.icookie, SPI, 8));
		EXPECT(!memcmp(pkt.ck.rcookie, ZERO, 8));
		EXPECT(pkt.next_payload == IKE_NP_V2_SA);
		EXPECT(pkt.flags == LVS_IKE_F_INITIATOR);
		EXPECT(chain_ok(m, len));
	}
	EXPECT(lvs_ike_v2_sa_init(m, sizeof(m), SPI, 5, &rng) == 0);
}

static void t_v1_main_mode(void)
{
	uint8_t m[LVS_PKT_MAX];
	struct ike_pkt pkt;
	size_t len = lvs_ike_v1_main_mode(m, sizeof(m), SPI);

	classify(m, len, false, &pkt);
	EXPECT(pkt.kind == IKE_PKT_ISAKMP);
	EXPECT(pkt.version == 1 && pkt.exchange == IKE_XCHG_V1_IDPROT);
	EXPECT(!memcmp(pkt.ck.icookie, SPI, 8));
	EXPECT(pkt.next_payload == IKE_NP_V1_SA);
	EXPECT(chain_ok(m, len));
}

static void t_filler_esp(void)
{
	uint8_t m[LVS_PKT_MAX];
	struct ike_pkt pkt;
	size_t len;

	len = lvs_ike_filler(m, 36, SPI, ZERO, 0);
	classify(m, len, false, &pkt);
	EXPECT(pkt.kind == IKE_PKT_ISAKMP && !memcmp(pkt.ck.rcookie, ZERO, 8));
	EXPECT(pkt.exchange == IKE_XCHG_V2_IKE_SA_INIT);
	len = lvs_ike_filler(m, 200, SPI, RSPI, 7);
	classify(m, len, false, &pkt);
	EXPECT(pkt.kind == IKE_PKT_ISAKMP && !memcmp(pkt.ck.rcookie, RSPI, 8));
	EXPECT(pkt.next_payload == IKE_NP_V2_SK && pkt.msgid == 7);
	EXPECT(lvs_ike_filler(m, 31, SPI, ZERO, 0) == 0);
	len = lvs_esp(m, 64, 0x12345678, 9);
	classify(m, len, true, &pkt);
	EXPECT(pkt.kind == IKE_PKT_ESP && pkt.spi == 0x12345678);
}

/* an IP packet from the generator: header, UDP checksum, payload */
static const uint8_t *gen_payload(const uint8_t *b, size_t len, int af,
				  uint8_t proto, size_t *plen, uint16_t *dport,
				  struct lvs_addr *src)
{
	size_t ip = af == AF_INET ? 20 : 40;
	uint32_t sum = 0;
	size_t i;

	src->af = af;
	if (af == AF_INET) {
		EXPECT(b[0] == 0x45 && b[9] == proto && be16(b + 2) == len);
		memcpy(src->b, b + 12, 4);
	} else {
		EXPECT(b[0] >> 4 == 6 && b[6] == proto && be16(b + 4) == len - 40);
		memcpy(src->b, b + 8, 16);
	}
	if (proto != IPPROTO_UDP) {
		*plen = len - ip;
		return b + ip;
	}
	/* checksum over pseudo header and datagram folds to 0xffff */
	for (i = (af == AF_INET ? 12 : 8); i < ip; i += 2)
		sum += be16(b + i);
	sum += IPPROTO_UDP + be16(b + ip + 4);
	for (i = ip; i + 1 < len; i += 2)
		sum += be16(b + i);
	if ((len - ip) & 1)
		sum += b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	EXPECT(sum == 0xffff);
	EXPECT(be16(b + ip + 4) == len - ip);
	*dport = be16(b + ip + 2);
	*plen = len - ip - 8;
	return b + ip + 8;
}

static bool in_prefix(const struct lvs_addr *a, const struct lvs_prefix *p)
{
	unsigned int i;

	for (i = 0; i < p->len; i++)
		if ((a->b[i / 8] ^ p->base.b[i / 8]) & (0x80 >> (i % 8)))
			return false;
	return a->af == p->base.af;
}

static void gen_kind(const char *dst, const char *srcs, enum lvs_kind kind,
		     bool per_source, uint16_t dport)
{
	struct lvs_gen g = { .kind = kind, .per_source = per_source,
			     .dport = dport, .seed = 3 };
	struct lvs_addr first_src = { 0 };
	uint8_t first_ck[16] = { 0 }, b[LVS_PKT_MAX];
	struct lvs_rng rng;
	struct ike_pkt pkt;
	int i, same = 0;

	EXPECT(lvs_addr_parse(dst, &g.dst));
	EXPECT(lvs_prefix_parse(srcs, &g.sources));
	g.size = lvs_kind_size(kind, false);
	lvs_rng_seed(&rng, 5);
	for (i = 0; i < 200; i++) {
		size_t len = lvs_gen_packet(&g, &rng, (uint64_t)i, b), plen;
		uint16_t dp = 0;
		struct lvs_addr src;
		const uint8_t *p = gen_payload(b, len, g.dst.af,
					       kind == LVS_K_ESP ? IPPROTO_ESP : IPPROTO_UDP,
					       &plen, &dp, &src);

		EXPECT(plen == g.size);
		EXPECT(in_prefix(&src, &g.sources));
		if (kind == LVS_K_ESP) {
			EXPECT(be16(p) || be16(p + 2) > 255);
			continue;
		}
		/* clients send from the port they send to, as IKE does */
		if (per_source)
			EXPECT(be16(p - 8) == dp);
		classify(p, plen, dp == IKE_NATT_PORT, &pkt);
		if (kind == LVS_K_ESPUDP) {
			EXPECT(dp == IKE_NATT_PORT && pkt.kind == IKE_PKT_ESP &&
			       pkt.spi > 255);
			continue;
		}
		EXPECT(pkt.kind == IKE_PKT_ISAKMP);
		EXPECT(!memcmp(pkt.ck.rcookie, ZERO, 8) == (kind == LVS_K_IKE_INIT));
		if (!i) {
			first_src = src;
			memcpy(first_ck, &pkt.ck, 16);
		} else if (lvs_addr_eq(&src, &first_src)) {
			same++;
			/* clients keep their SA; a flood and openings never
			 * repeat one */
			EXPECT(!memcmp(first_ck, &pkt.ck, 16) ==
			       (per_source && kind == LVS_K_IKE_EST));
		}
	}
	if (per_source && kind != LVS_K_ESP && kind != LVS_K_ESPUDP)
		EXPECT(same > 0);
}

/* --esp of the flood: every other packet raw ESP; clients in order */
static void t_gen_mix_clients(void)
{
	struct lvs_gen g = { .kind = LVS_K_IKE_INIT, .esp_mix = true, .seed = 1 };
	struct lvs_rng rng;
	uint8_t b[LVS_PKT_MAX];
	int i;

	EXPECT(lvs_addr_parse("192.0.2.100", &g.dst));
	EXPECT(lvs_prefix_parse("203.0.113.0/24", &g.sources));
	g.size = lvs_kind_size(g.kind, false);
	lvs_rng_seed(&rng, 1);
	for (i = 0; i < 10; i++) {
		lvs_gen_packet(&g, &rng, (uint64_t)i, b);
		EXPECT(b[9] == (i & 1 ? IPPROTO_ESP : IPPROTO_UDP));
	}
	g = (struct lvs_gen){ .kind = LVS_K_ESP, .per_source = true, .clients = 5 };
	EXPECT(lvs_addr_parse("192.0.2.100", &g.dst));
	EXPECT(lvs_prefix_parse("203.0.113.0/24", &g.sources));
	g.size = 64;
	for (i = 0; i < 12; i++) {
		lvs_gen_packet(&g, &rng, (uint64_t)i, b);
		/* client n mod 5 is the (n mod 5)-th host address */
		EXPECT(b[15] == 1 + i % 5);
		EXPECT(b[20 + 7] == 1 + i / 5);	/* its ESP sequence number */
	}
}

static void t_gen(void)
{
	gen_kind("192.0.2.100", "203.0.113.0/29", LVS_K_IKE_INIT, false, 0);
	gen_kind("192.0.2.100", "203.0.113.0/29", LVS_K_IKE_INIT, true, 0);
	gen_kind("192.0.2.100", "203.0.113.0/29", LVS_K_IKE_EST, true, 4500);
	gen_kind("2001:db8:c::100", "2001:db8:99::/125", LVS_K_IKE_EST, true, 0);
	gen_kind("192.0.2.100", "203.0.113.0/24", LVS_K_ESP, false, 0);
	gen_kind("2001:db8:c::100", "2001:db8:99::/64", LVS_K_ESPUDP, true, 0);
}

static void t_addr(void)
{
	struct lvs_prefix p;
	struct lvs_addr a;
	char buf[64];
	uint64_t i;

	EXPECT(lvs_prefix_parse("203.0.113.77/24", &p));
	EXPECT(p.len == 24 && lvs_prefix_size(&p) == 256);
	EXPECT(!strcmp(lvs_addr_str(&p.base, buf, sizeof(buf)), "203.0.113.0"));
	for (i = 0; i < 1000; i++) {
		lvs_prefix_nth(&p, i * 7919, &a);
		EXPECT(a.b[0] == 203 && a.b[2] == 113 && a.b[3] != 0 && a.b[3] != 255);
	}
	EXPECT(lvs_prefix_parse("203.0.113.77", &p) && lvs_prefix_size(&p) == 1);
	lvs_prefix_nth(&p, 12345, &a);
	EXPECT(!strcmp(lvs_addr_str(&a, buf, sizeof(buf)), "203.0.113.77"));
	EXPECT(lvs_prefix_parse("2001:db8::1/64", &p) && p.base.af == AF_INET6);
	lvs_prefix_nth(&p, 0x1234, &a);
	EXPECT(!strcmp(lvs_addr_str(&a, buf, sizeof(buf)), "2001:db8::1234"));
	EXPECT(lvs_addr_parse("[2001:db8::5]", &a) && a.af == AF_INET6);
	EXPECT(!lvs_prefix_parse("2001:db8::/129", &p));
	EXPECT(!lvs_prefix_parse("192.0.2.0/", &p));
	EXPECT(!lvs_addr_parse("192.0.2", &a));
}

/* ---- judging canned answers ---- */

static size_t answer(uint8_t *m, const uint8_t *ispi, const uint8_t *rspi,
		     int version, uint8_t np, uint8_t flags, uint16_t notify)
{
	size_t len = IKE_HDR_LEN + 12;

	memset(m, 0, len);
	m[IKE_HDR_LEN + 3] = 12;	/* one payload of 12 bytes */
	if (notify && version == 2) {
		m[IKE_HDR_LEN + 6] = notify >> 8;
		m[IKE_HDR_LEN + 7] = notify & 0xff;
	} else if (notify) {
		m[IKE_HDR_LEN + 10] = notify >> 8;
		m[IKE_HDR_LEN + 11] = notify & 0xff;
	}
	lvs_ike_hdr(m, ispi, rspi, np, version == 2 ? 0x20 : 0x10,
		    version == 2 ? IKE_XCHG_V2_IKE_SA_INIT : IKE_XCHG_V1_IDPROT,
		    flags, 0, (uint32_t)len);
	return len;
}

static enum lvs_verdict judge(const uint8_t *m, size_t len, int version)
{
	unsigned int n;

	return lvs_probe_judge(m, len, SPI, version, &n);
}

static void t_judge(void)
{
	uint8_t m[256];
	struct lvs_rng rng;
	size_t len, i;
	int k;

	len = answer(m, SPI, RSPI, 2, IKE_NP_V2_SA, LVS_IKE_F_RESPONSE, 0);
	EXPECT(judge(m, len, 2) == LVS_ALIVE_REPLY);
	/* a responder's cookie request: no SA yet, but alive */
	len = answer(m, SPI, ZERO, 2, LVS_NP_V2_NOTIFY, LVS_IKE_F_RESPONSE,
		     LVS_N_COOKIE);
	EXPECT(judge(m, len, 2) == LVS_ALIVE_COOKIE);
	len = answer(m, SPI, ZERO, 2, LVS_NP_V2_NOTIFY, LVS_IKE_F_RESPONSE,
		     LVS_N_INVALID_KE);
	EXPECT(judge(m, len, 2) == LVS_ALIVE_INVALID_KE);
	/* NO_PROPOSAL_CHOSEN: it answers, but will never serve this */
	len = answer(m, SPI, ZERO, 2, LVS_NP_V2_NOTIFY, LVS_IKE_F_RESPONSE, 14);
	EXPECT(judge(m, len, 2) == LVS_DEAD_NOTIFY);
	len = answer(m, RSPI, SPI, 2, IKE_NP_V2_SA, LVS_IKE_F_RESPONSE, 0);
	EXPECT(judge(m, len, 2) == LVS_DEAD_OTHER_SPI);
	/* our own request reflected back is no answer */
	len = answer(m, SPI, ZERO, 2, IKE_NP_V2_SA, LVS_IKE_F_INITIATOR, 0);
	EXPECT(judge(m, len, 2) == LVS_DEAD_GARBAGE);
	len = answer(m, SPI, ZERO, 2, IKE_NP_V2_SA, LVS_IKE_F_RESPONSE, 0);
	EXPECT(judge(m, len, 2) == LVS_DEAD_GARBAGE);
	/* a bad length field */
	len = answer(m, SPI, RSPI, 2, IKE_NP_V2_SA, LVS_IKE_F_RESPONSE, 0);
	EXPECT(judge(m, len - 1, 2) == LVS_DEAD_GARBAGE);
	/* version mismatch */
	EXPECT(judge(m, len, 1) == LVS_DEAD_GARBAGE);
	len = answer(m, SPI, RSPI, 1, IKE_NP_V1_SA, 0, 0);
	EXPECT(judge(m, len, 1) == LVS_ALIVE_REPLY);
	len = answer(m, SPI, ZERO, 1, LVS_NP_V1_NOTIFY, 0, 14);
	EXPECT(judge(m, len, 1) == LVS_DEAD_NOTIFY);
	/* garbage of every length; a notify whose length lies */
	lvs_rng_seed(&rng, 9);
	for (k = 0; k < 2000; k++) {
		len = lvs_rng_next(&rng) % sizeof(m);
		lvs_rng_bytes(&rng, m, len);
		EXPECT(!lvs_verdict_alive(judge(m, len, 2)));
	}
	len = answer(m, SPI, ZERO, 2, LVS_NP_V2_NOTIFY, LVS_IKE_F_RESPONSE,
		     LVS_N_COOKIE);
	m[IKE_HDR_LEN + 2] = 0xff;
	EXPECT(judge(m, len, 2) != LVS_ALIVE_COOKIE);
	EXPECT(judge(m, 0, 2) == LVS_DEAD_GARBAGE);
	for (i = 0; i < 6; i++)
		EXPECT(lvs_verdict_alive((enum lvs_verdict)i) == (i < 3));
}

/* /proc/net/ip_vs_conn as the kernel prints it, IPv4 and IPv6 */
static const char conn_table[] =
	"Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n"
	"UDP C000020B 01F4 C0000264 01F4 C633640B 01F4 IKE_ESTAB       598\n"
	"UDP C000020C 1194 C0000264 1194 C633640C 1194 IKE_INIT          5\n"
	"UDP 2001:0db8:000c:0000:0000:0000:0000:000b 01F4 2001:0db8:000c:0000:0000:0000:0000:0100 01F4 2001:0db8:0005:0000:0000:0000:0000:000b 01F4 IKE_ESTAB 600\n"
	"TCP C000020B 9C40 C0000264 0050 C633640B 0050 ESTABLISHED     800\n";

static int conns_seen;

static void on_conn(const struct lvs_conn *c, void *ctx)
{
	char buf[64];

	(void)ctx;
	switch (conns_seen++) {
	case 0:
		EXPECT(c->protocol == IPPROTO_UDP && c->vport == 500 && c->cport == 500);
		EXPECT(!strcmp(lvs_addr_str(&c->vaddr, buf, sizeof(buf)), "192.0.2.100"));
		EXPECT(!strcmp(c->state, "IKE_ESTAB"));
		break;
	case 1:
		EXPECT(c->vport == 4500 && !strcmp(c->state, "IKE_INIT"));
		EXPECT(!strcmp(lvs_addr_str(&c->caddr, buf, sizeof(buf)), "192.0.2.12"));
		break;
	case 2:
		EXPECT(c->vaddr.af == AF_INET6);
		EXPECT(!strcmp(lvs_addr_str(&c->vaddr, buf, sizeof(buf)), "2001:db8:c::100"));
		break;
	case 3:
		EXPECT(c->protocol == IPPROTO_TCP && c->vport == 80);
		break;
	}
}

static void t_proc_conns(void)
{
	FILE *f = fmemopen((void *)conn_table, sizeof(conn_table) - 1, "r");

	EXPECT(f && lvs_conns_each(f, on_conn, NULL) == 4 && conns_seen == 4);
	if (f)
		fclose(f);
	f = fmemopen((void *)"UDP C000020B\n", 13, "r");
	EXPECT(f && lvs_conns_each(f, on_conn, NULL) == -1);
	if (f)
		fclose(f);
}

int main(void)
{
	run("lib-ike-v2-sa-init", t_v2_sa_init);
	run("lib-ike-v1-main-mode", t_v1_main_mode);
	run("lib-ike-filler-esp", t_filler_esp);
	run("lib-generator-packets", t_gen);
	run("lib-generator-esp-mix-clients", t_gen_mix_clients);
	run("lib-addresses", t_addr);
	run("lib-probe-judge", t_judge);
	run("lib-proc-conns", t_proc_conns);
	return failed;
}
