// SPDX-License-Identifier: GPL-2.0-only
/*
 * An IKEv2 IKE_SA_INIT request that a responder answers (SA with one
 * AEAD proposal, a KE for x25519, a nonce), and the judgement of what came
 * back: any IKE_SA_INIT response for our SPI means a live IKE daemon, be
 * it the SA's creation, a COOKIE or INVALID_KE_PAYLOAD request, or
 * NO_PROPOSAL_CHOSEN. The parsing is the kernel's own (ip_vs_ike.c).
 */
#include <string.h>

#include "lvs.h"
#include "ip_vs_ike.h"

#define NP_KE		34
#define NP_NONCE	40
#define NP_NOTIFY	41
#define FLAG_RESPONSE	0x20
#define KEY_LEN		32

struct cursor {
	uint8_t *p;
	size_t len, room;
	bool overflow;
};

static void put(struct cursor *c, const void *data, size_t n)
{
	if (c->overflow || c->len + n > c->room) {
		c->overflow = true;
		return;
	}
	memcpy(c->p + c->len, data, n);
	c->len += n;
}

static void put8(struct cursor *c, uint8_t v)
{
	put(c, &v, 1);
}

static void put16(struct cursor *c, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put(c, b, 2);
}

/* A payload or substructure header; its length is patched at the end */
static size_t open_payload(struct cursor *c, uint8_t next)
{
	size_t at = c->len;

	put8(c, next);
	put8(c, 0);
	put16(c, 0);
	return at;
}

static void close_payload(struct cursor *c, size_t at)
{
	size_t n = c->len - at;

	if (c->overflow)
		return;
	c->p[at + 2] = (uint8_t)(n >> 8);
	c->p[at + 3] = (uint8_t)n;
}

static void transform(struct cursor *c, bool last, uint8_t type, uint16_t id,
		      int keylen)
{
	size_t t = open_payload(c, last ? 0 : 3);

	put8(c, type);
	put8(c, 0);
	put16(c, id);
	if (keylen) {
		put16(c, 0x800e);	/* Key Length, TV format */
		put16(c, (uint16_t)keylen);
	}
	close_payload(c, t);
}

static void random_bytes(struct cursor *c, size_t n, uint64_t *rnd)
{
	while (n) {
		uint64_t r = lvs_rand64(rnd);
		size_t k = n < 8 ? n : 8;

		put(c, &r, k);
		n -= k;
	}
}

/* IKE_SA_INIT request: AES-GCM-16/128, PRF-HMAC-SHA2-256, x25519 */
size_t lvs_ike_sa_init(uint8_t *buf, size_t room, uint64_t ispi,
		       uint64_t *rnd)
{
	struct lvs_ike m = {
		.ispi = ispi, .exchange = LVS_XCHG_IKE_SA_INIT,
		.next_payload = LVS_NP_SA, .flags = LVS_FLAG_INITIATOR,
	};
	struct cursor c = { .p = buf, .room = room };
	size_t sa, prop, ke, nonce;

	c.len = lvs_ike_build(buf, room, &m);
	if (!c.len)
		return 0;
	sa = open_payload(&c, NP_KE);
	prop = open_payload(&c, 0);		/* the last proposal */
	put8(&c, 1);				/* proposal 1 */
	put8(&c, 1);				/* protocol IKE */
	put8(&c, 0);				/* no SPI */
	put8(&c, 3);				/* transforms */
	transform(&c, false, 1, 20, 128);	/* ENCR_AES_GCM_16 */
	transform(&c, false, 2, 5, 0);		/* PRF_HMAC_SHA2_256 */
	transform(&c, true, 4, 31, 0);		/* Curve25519 */
	close_payload(&c, prop);
	close_payload(&c, sa);
	ke = open_payload(&c, NP_NONCE);
	put16(&c, 31);
	put16(&c, 0);
	random_bytes(&c, KEY_LEN, rnd);
	close_payload(&c, ke);
	nonce = open_payload(&c, 0);
	random_bytes(&c, KEY_LEN, rnd);
	close_payload(&c, nonce);
	if (c.overflow)
		return 0;
	buf[24] = (uint8_t)(c.len >> 24);	/* the message length */
	buf[25] = (uint8_t)(c.len >> 16);
	buf[26] = (uint8_t)(c.len >> 8);
	buf[27] = (uint8_t)c.len;
	return c.len;
}

/* What a datagram from the server says about it */
enum lvs_probe_verdict lvs_ike_judge(const uint8_t *buf, size_t len,
				     uint64_t ispi)
{
	struct ike_pkt pkt;

	ike_classify(buf, len < IKE_PEEK_LEN ? (u32)len : IKE_PEEK_LEN,
		     (u32)len, false, &pkt);
	if (pkt.kind != IKE_PKT_ISAKMP || pkt.version != 2 ||
	    lvs_get64(pkt.ck.icookie) != ispi)
		return LVS_PROBE_FOREIGN;
	if (pkt.exchange != LVS_XCHG_IKE_SA_INIT ||
	    !(pkt.flags & FLAG_RESPONSE))
		return LVS_PROBE_FOREIGN;
	if (lvs_get64(pkt.ck.rcookie))
		return LVS_PROBE_ALIVE;		/* the SA was created */
	/* COOKIE, INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN: a notify */
	return pkt.next_payload == NP_NOTIFY ? LVS_PROBE_ALIVE
					     : LVS_PROBE_FOREIGN;
}
