// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tools' packets as the director sees them: what lib/packet.c builds
 * must be classified by the kernel's own protocol core (ip_vs_ike.c) with
 * the cookies and SPIs it was given, and carry valid IPv4 and UDP
 * checksums. Prints "ok N" or the failures; exit status 1 on any.
 */
#include <arpa/inet.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <string.h>

#include "lib/lvs.h"
#include "ip_vs_ike.h"

static int failures, checks;

#define CHECK(cond) do {						\
	checks++;							\
	if (!(cond)) {							\
		failures++;						\
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	}								\
} while (0)

static uint16_t fold(const uint8_t *p, size_t len, uint32_t sum)
{
	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* Classify a UDP payload as the director would, on its port */
static void classify(const uint8_t *p, size_t len, bool natt,
		     struct ike_pkt *pkt)
{
	ike_classify(p, len < IKE_PEEK_LEN ? (u32)len : IKE_PEEK_LEN,
		     (u32)len, natt, pkt);
}

static void test_ike(bool natt, uint64_t rspi)
{
	struct lvs_ike m = {
		.ispi = 0x1122334455667788ull, .rspi = rspi,
		.exchange = LVS_XCHG_IKE_SA_INIT, .next_payload = LVS_NP_SA,
		.flags = LVS_FLAG_INITIATOR, .body = 8, .natt = natt,
	};
	uint8_t buf[LVS_PKT_MAX];
	struct ike_pkt pkt;
	size_t len = lvs_ike_build(buf, sizeof(buf), &m);

	CHECK(len == (natt ? 4u : 0u) + 36);
	classify(buf, len, natt, &pkt);
	CHECK(pkt.kind == IKE_PKT_ISAKMP);
	CHECK(lvs_get64(pkt.ck.icookie) == m.ispi);
	CHECK(lvs_get64(pkt.ck.rcookie) == rspi);
	CHECK(pkt.exchange == LVS_XCHG_IKE_SA_INIT);
	CHECK(lvs_ike_build(buf, 30, &m) == 0);	/* no room: nothing */
}

static void test_espudp(void)
{
	uint8_t buf[LVS_PKT_MAX];
	struct ike_pkt pkt;
	size_t len = lvs_esp_build(buf, sizeof(buf), 0xc0ffee01, 1, 128);

	CHECK(len == 128);
	classify(buf, len, true, &pkt);
	CHECK(pkt.kind == IKE_PKT_ESP);
	CHECK(pkt.spi == 0xc0ffee01);
	CHECK(lvs_esp_build(buf, sizeof(buf), 1, 1, 4) == 0);
}

static void test_ip4_udp(void)
{
	struct in_addr src, dst;
	uint8_t payload[64], buf[LVS_PKT_MAX], pseudo[12];
	const struct iphdr *ip = (const void *)buf;
	size_t len, ulen;

	inet_pton(AF_INET, "10.64.0.1", &src);
	inet_pton(AF_INET, "192.0.2.100", &dst);
	memset(payload, 0xab, sizeof(payload));
	len = lvs_ip4_udp(buf, sizeof(buf), src, dst, 500, 4500, payload,
			  sizeof(payload));
	ulen = sizeof(struct udphdr) + sizeof(payload);
	CHECK(len == sizeof(struct iphdr) + ulen);
	CHECK(ip->version == 4 && ip->protocol == IPPROTO_UDP);
	CHECK(ntohs(ip->tot_len) == len);
	CHECK(fold(buf, sizeof(struct iphdr), 0) == 0xffff);
	memcpy(pseudo, &src, 4);
	memcpy(pseudo + 4, &dst, 4);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_UDP;
	pseudo[10] = (uint8_t)(ulen >> 8);
	pseudo[11] = (uint8_t)ulen;
	CHECK(fold(buf + sizeof(struct iphdr), ulen,
		   fold(pseudo, sizeof(pseudo), 0)) == 0xffff);
	CHECK(!memcmp(buf + len - sizeof(payload), payload, sizeof(payload)));
}

static void test_range(void)
{
	struct lvs_range r;
	char s[INET_ADDRSTRLEN];
	struct in_addr a;

	CHECK(lvs_range_parse("10.64.0.0/10", &r) == 0);
	CHECK(r.hosts == (1u << 22) - 2);
	a = lvs_range_host(&r, 0);
	CHECK(!strcmp(inet_ntop(AF_INET, &a, s, sizeof(s)), "10.64.0.1"));
	CHECK(lvs_range_parse("203.0.113.77/32", &r) == 0 && r.hosts == 1);
	a = lvs_range_host(&r, 12345);
	CHECK(!strcmp(inet_ntop(AF_INET, &a, s, sizeof(s)), "203.0.113.77"));
	CHECK(lvs_range_parse("10.0.0.0/7", &r) < 0);
	CHECK(lvs_range_parse("10.0.0.0", &r) < 0);
	CHECK(lvs_range_parse("10.0.0.0/x", &r) < 0);
}

/* A reply of the server: our request's header turned into a response */
static size_t reply(uint8_t *buf, uint64_t ispi, uint64_t rspi, uint8_t np)
{
	struct lvs_ike m = {
		.ispi = ispi, .rspi = rspi, .exchange = LVS_XCHG_IKE_SA_INIT,
		.next_payload = np, .flags = 0x20, .body = 8,
	};

	return lvs_ike_build(buf, LVS_PKT_MAX, &m);
}

static void test_probe(void)
{
	uint64_t rnd = 42, ispi = 0x0102030405060708ull;
	uint8_t req[512], buf[LVS_PKT_MAX];
	struct ike_pkt pkt;
	size_t len = lvs_ike_sa_init(req, sizeof(req), ispi, &rnd);

	CHECK(len > 100);
	classify(req, len, false, &pkt);
	CHECK(pkt.kind == IKE_PKT_ISAKMP && lvs_get64(pkt.ck.icookie) == ispi);
	CHECK(lvs_ike_sa_init(req, 60, ispi, &rnd) == 0);

	len = reply(buf, ispi, 0xaabbccddeeff0011ull, LVS_NP_SA);
	CHECK(lvs_ike_judge(buf, len, ispi) == LVS_PROBE_ALIVE);
	len = reply(buf, ispi, 0, 41);		/* COOKIE / INVALID_KE */
	CHECK(lvs_ike_judge(buf, len, ispi) == LVS_PROBE_ALIVE);
	len = reply(buf, ispi + 1, 0xaabbccddeeff0011ull, LVS_NP_SA);
	CHECK(lvs_ike_judge(buf, len, ispi) == LVS_PROBE_FOREIGN);
	len = reply(buf, ispi, 0, LVS_NP_SA);	/* no SPI, no notify */
	CHECK(lvs_ike_judge(buf, len, ispi) == LVS_PROBE_FOREIGN);
	len = lvs_ike_sa_init(buf, sizeof(buf), ispi, &rnd);	/* echo */
	CHECK(lvs_ike_judge(buf, len, ispi) == LVS_PROBE_FOREIGN);
	memset(buf, 0x5a, 64);					/* garbage */
	CHECK(lvs_ike_judge(buf, 64, ispi) == LVS_PROBE_FOREIGN);
	CHECK(lvs_ike_judge(buf, 3, ispi) == LVS_PROBE_FOREIGN);
}

int main(void)
{
	test_ike(false, 0);
	test_ike(false, 0x8877665544332211ull);
	test_ike(true, 0x8877665544332211ull);
	test_espudp();
	test_ip4_udp();
	test_range();
	test_probe();
	printf("%s %d checks, %d failed\n", failures ? "FAIL" : "ok", checks,
	       failures);
	return failures ? 1 : 0;
}
