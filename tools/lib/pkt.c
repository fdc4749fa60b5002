// SPDX-License-Identifier: GPL-2.0-only
/* lvs-ipsec tools: packet building and judging, see pkt.h */
#include "pkt.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v & 0xffff);
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* one's complement sum of 16-bit words, not yet folded */
static uint32_t csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

size_t lvs_ip_hdr_len(int af)
{
	return af == AF_INET ? LVS_IP4_HDR_LEN : LVS_IP6_HDR_LEN;
}

size_t lvs_ip_wrap(uint8_t *buf, const struct lvs_addr *src,
		   const struct lvs_addr *dst, uint8_t proto, size_t len)
{
	if (dst->af == AF_INET) {
		memset(buf, 0, LVS_IP4_HDR_LEN);
		buf[0] = 0x45;
		put16(buf + 2, (uint16_t)(LVS_IP4_HDR_LEN + len));
		buf[8] = 64;
		buf[9] = proto;
		memcpy(buf + 12, src->b, 4);
		memcpy(buf + 16, dst->b, 4);
		put16(buf + 10, csum_fold(csum_add(0, buf, LVS_IP4_HDR_LEN)));
		return LVS_IP4_HDR_LEN + len;
	}
	memset(buf, 0, LVS_IP6_HDR_LEN);
	buf[0] = 0x60;
	put16(buf + 4, (uint16_t)len);
	buf[6] = proto;
	buf[7] = 64;
	memcpy(buf + 8, src->b, 16);
	memcpy(buf + 24, dst->b, 16);
	return LVS_IP6_HDR_LEN + len;
}

size_t lvs_udp_wrap(uint8_t *buf, const struct lvs_addr *src,
		    const struct lvs_addr *dst, uint16_t sport, uint16_t dport,
		    size_t len)
{
	uint8_t *udp = buf + lvs_ip_hdr_len(dst->af);
	size_t alen = dst->af == AF_INET ? 4 : 16;
	uint16_t ulen = (uint16_t)(LVS_UDP_HDR_LEN + len), sum;
	uint32_t acc;

	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, ulen);
	put16(udp + 6, 0);
	/* pseudo header: addresses, protocol, length */
	acc = csum_add(0, src->b, alen);
	acc = csum_add(acc, dst->b, alen);
	acc += IPPROTO_UDP + ulen;
	acc = csum_add(acc, udp, ulen);
	sum = csum_fold(acc);
	put16(udp + 6, sum ? sum : 0xffff);
	return lvs_ip_wrap(buf, src, dst, IPPROTO_UDP, ulen);
}

void lvs_ike_hdr(uint8_t *p, const uint8_t icookie[8], const uint8_t rcookie[8],
		 uint8_t next_payload, uint8_t version, uint8_t exchange,
		 uint8_t flags, uint32_t msgid, uint32_t length)
{
	memcpy(p, icookie, IKE_COOKIE_LEN);
	memcpy(p + 8, rcookie, IKE_COOKIE_LEN);
	p[16] = next_payload;
	p[17] = version;
	p[18] = exchange;
	p[19] = flags;
	put32(p + 20, msgid);
	put32(p + 24, length);
}

/* ---- IKEv2 IKE_SA_INIT ---------------------------------------------------- */

/* transform types and ids (IANA "IKEv2 parameters") */
enum { T_ENCR = 1, T_PRF = 2, T_INTEG = 3, T_DH = 4 };
enum { ENCR_AES_CBC = 12, ENCR_AES_GCM_16 = 20 };
enum { PRF_SHA1 = 2, PRF_SHA256 = 5, PRF_SHA384 = 6 };
enum { AUTH_SHA1_96 = 2, AUTH_SHA256_128 = 12 };
#define ATTR_KEYLEN 0x800e

static const struct {
	unsigned int group;
	size_t len;		/* KE data */
} groups[] = { { 31, 32 }, { 19, 64 }, { 20, 96 }, { 14, 256 } };

static size_t group_len(unsigned int group)
{
	size_t i;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (groups[i].group == group)
			return groups[i].len;
	return 0;
}

bool lvs_ike_v2_group_known(unsigned int group)
{
	return group_len(group) != 0;
}

struct v2_xform {
	uint8_t type;
	uint16_t id;
	uint16_t keylen;	/* 0: no attribute */
};

/* writes a transform at p, returns its length */
static size_t v2_transform(uint8_t *p, const struct v2_xform *x, bool last)
{
	size_t len = 8 + (x->keylen ? 4 : 0);

	p[0] = last ? 0 : 3;
	p[1] = 0;
	put16(p + 2, (uint16_t)len);
	p[4] = x->type;
	p[5] = 0;
	put16(p + 6, x->id);
	if (x->keylen) {
		put16(p + 8, ATTR_KEYLEN);
		put16(p + 10, x->keylen);
	}
	return len;
}

static size_t v2_proposal(uint8_t *p, uint8_t num, bool last,
			  const struct v2_xform *x, size_t n)
{
	size_t len = 8, i;

	p[0] = last ? 0 : 2;
	p[1] = 0;
	p[4] = num;
	p[5] = 1;		/* IKE */
	p[6] = 0;		/* no SPI in IKE_SA_INIT */
	p[7] = (uint8_t)n;
	for (i = 0; i < n; i++)
		len += v2_transform(p + len, &x[i], i == n - 1);
	put16(p + 2, (uint16_t)len);
	return len;
}

/* the DH groups offered: the KE group first, then the others */
static size_t v2_dh(struct v2_xform *x, unsigned int group)
{
	size_t n = 0, i;

	x[n++] = (struct v2_xform){ T_DH, (uint16_t)group, 0 };
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (groups[i].group != group)
			x[n++] = (struct v2_xform){ T_DH, (uint16_t)groups[i].group, 0 };
	return n;
}

#define NONCE_LEN 32

size_t lvs_ike_v2_sa_init(uint8_t *p, size_t cap, const uint8_t spi[8],
			  unsigned int group, struct lvs_rng *rnd)
{
	static const uint8_t zero[8];
	struct v2_xform aead[16], cbc[16];
	size_t na = 0, nc = 0, ke = group_len(group), len, sa;

	if (!ke || cap < 1024)
		return 0;
	aead[na++] = (struct v2_xform){ T_ENCR, ENCR_AES_GCM_16, 128 };
	aead[na++] = (struct v2_xform){ T_ENCR, ENCR_AES_GCM_16, 256 };
	aead[na++] = (struct v2_xform){ T_PRF, PRF_SHA256, 0 };
	aead[na++] = (struct v2_xform){ T_PRF, PRF_SHA384, 0 };
	aead[na++] = (struct v2_xform){ T_PRF, PRF_SHA1, 0 };
	na += v2_dh(aead + na, group);
	cbc[nc++] = (struct v2_xform){ T_ENCR, ENCR_AES_CBC, 128 };
	cbc[nc++] = (struct v2_xform){ T_ENCR, ENCR_AES_CBC, 256 };
	cbc[nc++] = (struct v2_xform){ T_PRF, PRF_SHA256, 0 };
	cbc[nc++] = (struct v2_xform){ T_PRF, PRF_SHA1, 0 };
	cbc[nc++] = (struct v2_xform){ T_INTEG, AUTH_SHA256_128, 0 };
	cbc[nc++] = (struct v2_xform){ T_INTEG, AUTH_SHA1_96, 0 };
	nc += v2_dh(cbc + nc, group);

	len = IKE_HDR_LEN;
	/* SA */
	sa = 4;
	sa += v2_proposal(p + len + sa, 1, false, aead, na);
	sa += v2_proposal(p + len + sa, 2, true, cbc, nc);
	p[len] = LVS_NP_V2_KE;
	p[len + 1] = 0;
	put16(p + len + 2, (uint16_t)sa);
	len += sa;
	/* KE */
	p[len] = LVS_NP_V2_NONCE;
	p[len + 1] = 0;
	put16(p + len + 2, (uint16_t)(8 + ke));
	put16(p + len + 4, (uint16_t)group);
	put16(p + len + 6, 0);
	lvs_rng_bytes(rnd, p + len + 8, ke);
	len += 8 + ke;
	/* Nonce */
	p[len] = 0;
	p[len + 1] = 0;
	put16(p + len + 2, 4 + NONCE_LEN);
	lvs_rng_bytes(rnd, p + len + 4, NONCE_LEN);
	len += 4 + NONCE_LEN;

	lvs_ike_hdr(p, spi, zero, IKE_NP_V2_SA, 0x20,
		    IKE_XCHG_V2_IKE_SA_INIT, LVS_IKE_F_INITIATOR, 0,
		    (uint32_t)len);
	return len;
}

/* ---- IKEv1 main mode ------------------------------------------------------- */

size_t lvs_ike_v1_main_mode(uint8_t *p, size_t cap, const uint8_t icookie[8])
{
	static const uint8_t zero[8];
	/* basic (TV) attributes, RFC 2409 appendix A */
	static const uint16_t attrs[][2] = {
		{ 0x8001, 7 },		/* encryption: AES-CBC */
		{ 0x800e, 128 },	/* key length */
		{ 0x8002, 4 },		/* hash: SHA2-256 */
		{ 0x8003, 1 },		/* authentication: pre-shared key */
		{ 0x8004, 14 },		/* group: MODP 2048 */
		{ 0x800b, 1 },		/* life type: seconds */
		{ 0x800c, 28800 },	/* life duration */
	};
	size_t n = sizeof(attrs) / sizeof(attrs[0]);
	size_t xf = 8 + 4 * n, prop = 8 + xf, sa = 12 + prop;
	size_t len = IKE_HDR_LEN + sa, i;
	uint8_t *s = p + IKE_HDR_LEN;

	if (cap < len)
		return 0;
	memset(s, 0, sa);
	put16(s + 2, (uint16_t)sa);
	put32(s + 4, 1);		/* DOI: IPsec */
	put32(s + 8, 1);		/* situation: identity only */
	s += 12;
	put16(s + 2, (uint16_t)prop);
	s[4] = 1;			/* proposal 1 */
	s[5] = 1;			/* PROTO_ISAKMP */
	s[7] = 1;			/* one transform */
	s += 8;
	put16(s + 2, (uint16_t)xf);
	s[4] = 1;			/* transform 1 */
	s[5] = 1;			/* KEY_IKE */
	for (i = 0; i < n; i++) {
		put16(s + 8 + 4 * i, attrs[i][0]);
		put16(s + 10 + 4 * i, attrs[i][1]);
	}
	lvs_ike_hdr(p, icookie, zero, IKE_NP_V1_SA, 0x10, IKE_XCHG_V1_IDPROT,
		    0, 0, (uint32_t)len);
	return len;
}

/* ---- load ------------------------------------------------------------------ */

size_t lvs_ike_filler(uint8_t *p, size_t size, const uint8_t icookie[8],
		      const uint8_t rcookie[8], uint32_t msgid)
{
	static const uint8_t zero[8];
	bool opening = !memcmp(rcookie, zero, 8);
	size_t body = size - IKE_HDR_LEN;

	if (size < IKE_HDR_LEN + IKE_GENERIC_PAYLOAD_LEN || size > 0xffff)
		return 0;
	lvs_ike_hdr(p, icookie, rcookie,
		    opening ? IKE_NP_V2_SA : IKE_NP_V2_SK, 0x20,
		    opening ? IKE_XCHG_V2_IKE_SA_INIT : IKE_XCHG_V2_INFORMATIONAL,
		    LVS_IKE_F_INITIATOR, opening ? 0 : msgid, (uint32_t)size);
	memset(p + IKE_HDR_LEN, 0, body);
	put16(p + IKE_HDR_LEN + 2, (uint16_t)body);
	return size;
}

size_t lvs_esp(uint8_t *p, size_t size, uint32_t spi, uint32_t seq)
{
	if (size < IKE_ESP_MIN_LEN)
		return 0;
	put32(p, spi);
	put32(p + 4, seq);
	memset(p + 8, 0xa5, size - 8);
	return size;
}

/* ---- judging ---------------------------------------------------------------- */

static bool is_zero8(const uint8_t *p)
{
	static const uint8_t zero[8];

	return !memcmp(p, zero, 8);
}

/* the notify type of the message's first payload if it is a notify, else 0 */
static unsigned int first_notify(const uint8_t *msg, size_t len, int version)
{
	const uint8_t *n = msg + IKE_HDR_LEN;
	size_t plen;

	if (msg[16] != (version == 2 ? LVS_NP_V2_NOTIFY : LVS_NP_V1_NOTIFY))
		return 0;
	if (len < IKE_HDR_LEN + 4)
		return 0;
	plen = get16(n + 2);
	if (plen > len - IKE_HDR_LEN)
		return 0;
	if (version == 2) {
		/* generic header, protocol, SPI size, type */
		if (plen < 8)
			return 0;
		return get16(n + 6);
	}
	/* IKEv1: generic header, DOI(4), protocol, SPI size, type */
	if (plen < 12)
		return 0;
	return get16(n + 10);
}

enum lvs_verdict lvs_probe_judge(const uint8_t *msg, size_t len,
				 const uint8_t spi[8], int version,
				 unsigned int *notify)
{
	struct ike_pkt pkt;
	unsigned int type;

	*notify = 0;
	if (len > 0xffff)
		return LVS_DEAD_GARBAGE;
	ike_classify(msg, (u32)len, (u32)len, false, &pkt);
	if (pkt.kind != IKE_PKT_ISAKMP || pkt.version != version)
		return LVS_DEAD_GARBAGE;
	if (memcmp(pkt.ck.icookie, spi, IKE_COOKIE_LEN))
		return LVS_DEAD_OTHER_SPI;
	type = first_notify(msg, len, version);
	*notify = type;
	if (version == 2) {
		if (pkt.exchange != IKE_XCHG_V2_IKE_SA_INIT ||
		    !(pkt.flags & LVS_IKE_F_RESPONSE))
			return LVS_DEAD_GARBAGE;
		if (type == LVS_N_COOKIE)
			return LVS_ALIVE_COOKIE;
		if (type == LVS_N_INVALID_KE)
			return LVS_ALIVE_INVALID_KE;
		if (type)
			return LVS_DEAD_NOTIFY;
		if (!is_zero8(pkt.ck.rcookie) && pkt.next_payload == IKE_NP_V2_SA)
			return LVS_ALIVE_REPLY;
		return LVS_DEAD_GARBAGE;
	}
	if (type)
		return LVS_DEAD_NOTIFY;
	if (pkt.exchange == IKE_XCHG_V1_IDPROT && !is_zero8(pkt.ck.rcookie) &&
	    pkt.next_payload == IKE_NP_V1_SA)
		return LVS_ALIVE_REPLY;
	return LVS_DEAD_GARBAGE;
}

bool lvs_verdict_alive(enum lvs_verdict v)
{
	return v == LVS_ALIVE_REPLY || v == LVS_ALIVE_COOKIE ||
	       v == LVS_ALIVE_INVALID_KE;
}

const char *lvs_verdict_name(enum lvs_verdict v)
{
	switch (v) {
	case LVS_ALIVE_REPLY:		return "reply";
	case LVS_ALIVE_COOKIE:		return "cookie";
	case LVS_ALIVE_INVALID_KE:	return "invalid-ke";
	case LVS_DEAD_OTHER_SPI:	return "other-spi";
	case LVS_DEAD_NOTIFY:		return "error-notify";
	case LVS_DEAD_GARBAGE:		return "garbage";
	}
	return "?";
}
