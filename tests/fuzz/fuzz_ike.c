// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the IKE protocol core (ip_vs_ike.c).
 *
 * 1. The whole input is classified as a UDP payload to port 500 and to port
 *    4500, with every peek length the caller could pass.
 * 2. The input is replayed as the packets of one client's entry, and the
 *    invariants of the state machine are checked after every packet.
 *
 * Input layout (anything goes; short inputs just end early):
 *
 *   config   bit 0: the entry is for port 4500     bit 1: NAT mode
 *            bits 2, 3: ignored (once the retired confirm_twice sysctl)
 *   then records, until the input ends:
 *     ctl    bit 0: from the real server
 *            bit 1: set the ISAKMP length field to the payload's
 *            bit 2: put the entry's icookie in   bit 3: its rcookie
 *            bit 4: zero the rcookie             bit 7: zero the 4500 marker
 *            bits 5-6: peek length: 0 what the caller copies, 1 less,
 *                      2 more than the payload (caller bug), 3 nothing
 *     len    payload length, 0-255
 *     bytes  the payload (fewer if the input ends)
 *
 * Each classification runs on a heap copy of exactly the readable bytes,
 * so AddressSanitizer sees any read past them.
 *
 * Built with -DFUZZ_SEEDS instead, it is a program that writes a seed
 * corpus of well-formed exchanges in this layout to the directory argv[1].
 */
#include "fuzz.h"
#include "ip_vs_ike.h"

#define CFG_NATT	0x01
#define CFG_NAT_MODE	0x02
#define CFG_CONFIRM	0x04
#define CFG_FLIP	0x08

#define CTL_SERVER	0x01
#define CTL_FIX_LEN	0x02
#define CTL_ICOOKIE	0x04
#define CTL_RCOOKIE	0x08
#define CTL_ZERO_RC	0x10
#define CTL_PEEK_SHIFT	5
#define CTL_MARKER	0x80

static bool is_zero(const u8 *c)
{
	static const u8 zero[IKE_COOKIE_LEN];

	return !memcmp(c, zero, IKE_COOKIE_LEN);
}

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static bool same_pkt(const struct ike_pkt *a, const struct ike_pkt *b)
{
	if (a->kind != b->kind || a->reason != b->reason)
		return false;
	if (a->kind == IKE_PKT_ISAKMP)
		return !memcmp(&a->ck, &b->ck, sizeof(a->ck)) &&
		       a->version == b->version &&
		       a->exchange == b->exchange && a->flags == b->flags &&
		       a->next_payload == b->next_payload &&
		       a->msgid == b->msgid && a->length == b->length;
	return a->kind != IKE_PKT_ESP || a->spi == b->spi;
}

/* Classify with exactly min(peek_len, len) readable bytes */
static void classify(const u8 *data, u32 len, u32 peek_len, bool natt,
		     struct ike_pkt *pkt)
{
	u32 n = peek_len < len ? peek_len : len;
	u8 *copy = fuzz_copy(data, n);

	ike_classify(n ? copy : NULL, peek_len, len, natt, pkt);
	free(copy);
}

/* What any classification must satisfy */
static void check_pkt(const u8 *data, u32 len, bool natt,
		      const struct ike_pkt *p)
{
	u32 off = natt ? IKE_NONESP_MARKER_LEN : 0;

	ASSERT((p->kind == IKE_PKT_BAD) == (p->reason != IKE_R_OK));
	ASSERT(p->reason < IKE_R_MAX);
	ASSERT(strcmp(ike_reason_name(p->reason), "unknown"));
	switch (p->kind) {
	case IKE_PKT_BAD:
		ASSERT(p->reason >= IKE_R_TRUNCATED &&
		       p->reason <= IKE_R_ESP_SPI);
		break;
	case IKE_PKT_ISAKMP:
		ASSERT(len >= off + IKE_HDR_LEN + IKE_GENERIC_PAYLOAD_LEN);
		ASSERT(!natt || !be32(data));
		ASSERT(p->length == len - off);
		ASSERT(be32(data + off + 24) == len - off);
		ASSERT(!memcmp(p->ck.icookie, data + off, 8));
		ASSERT(!memcmp(p->ck.rcookie, data + off + 8, 8));
		ASSERT(!is_zero(p->ck.icookie));
		ASSERT(p->version == 1 || p->version == 2);
		ASSERT(p->version == data[off + 17] >> 4);
		ASSERT(p->next_payload && p->next_payload == data[off + 16]);
		ASSERT(p->exchange == data[off + 18]);
		ASSERT(p->version == 1 ? p->exchange < 34 :
					 p->exchange >= 34 && p->exchange <= 44);
		break;
	case IKE_PKT_KEEPALIVE:
		ASSERT(natt && len == 1 && data[0] == 0xff);
		break;
	case IKE_PKT_ESP:
		ASSERT(natt && len >= IKE_ESP_MIN_LEN);
		ASSERT(p->spi == be32(data) && p->spi > 255);
		break;
	default:
		ASSERT(0);
	}
}

/*
 * Classify what the caller normally copies, then every shorter copy: each
 * gives the same answer or says it was truncated.
 */
static void classify_all_peeks(const u8 *data, u32 len, bool natt,
			       struct ike_pkt *full)
{
	u32 n = len < IKE_PEEK_LEN ? len : IKE_PEEK_LEN, k;
	struct ike_pkt p;

	classify(data, len, n, natt, full);
	check_pkt(data, len, natt, full);
	ASSERT(full->reason != IKE_R_TRUNCATED);

	/* bytes past the peek window never matter */
	classify(data, len, len, natt, &p);
	ASSERT(same_pkt(&p, full));

	for (k = 0; k < n; k++) {
		classify(data, len, k, natt, &p);
		check_pkt(data, len, natt, &p);
		ASSERT(p.reason == IKE_R_TRUNCATED || same_pkt(&p, full));
	}
}

/* The cookie pairs each side has shown so far: one per packet at most */
#define MAX_SHOWN	1024

struct shown {
	unsigned int n;
	struct ike_cookies ck[MAX_SHOWN];
};

struct flow {
	bool natt;
	struct ike_policy pol;
	enum ike_state state;
	struct ike_cookies ck;
	struct shown client;	/* in accepted client packets */
	struct shown server;	/* in server messages that vouch for them */
};

static bool was_shown(const struct shown *s, const struct ike_cookies *ck)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!memcmp(&s->ck[i], ck, IKE_PAIR_LEN))
			return true;
	return false;
}

static void show(struct shown *s, const struct ike_pkt *p)
{
	if (p->kind != IKE_PKT_ISAKMP || is_zero(p->ck.rcookie) ||
	    was_shown(s, &p->ck))
		return;
	ASSERT(s->n < MAX_SHOWN);
	s->ck[s->n++] = p->ck;
}

/*
 * Does the server's message vouch for its rcookie? Written here again from
 * the RFCs rather than taken from the core: protected (IKEv1 E flag, IKEv2
 * SK or SKF first), or the cleartext reply creating the SA (IKEv1 phase 1
 * or IKEv2 IKE_SA_INIT, SA payload first).
 */
static bool vouches(const struct ike_pkt *p)
{
	if (p->kind != IKE_PKT_ISAKMP)
		return false;
	if (p->version == 1)
		return (p->flags & 1) ||
		       (p->exchange >= 1 && p->exchange <= 4 &&
			p->next_payload == 1);
	return p->next_payload == 46 || p->next_payload == 53 ||
	       (p->exchange == 34 && p->next_payload == 33);
}

/* The cookie pairs (the message ID of a claim aside) */
static bool same_ck(const struct ike_cookies *a, const struct ike_cookies *b)
{
	return !memcmp(a, b, IKE_PAIR_LEN);
}

/* Protected with the SA's keys: IKEv1 E flag, IKEv2 SK or SKF first */
static bool is_protected(const struct ike_pkt *p)
{
	if (p->kind != IKE_PKT_ISAKMP)
		return false;
	if (p->version == 1)
		return p->flags & 1;
	return p->next_payload == 46 || p->next_payload == 53;
}

static bool changed_ck(const struct ike_cookies *a,
		       const struct ike_cookies *b)
{
	return !same_ck(a, b);
}

static void check_server(const struct flow *f, const struct ike_cookies *old,
			 const struct ike_pkt *p, const struct ike_result *r,
			 bool changed)
{
	enum ike_state from = f->state;
	bool adopted = r->reason == IKE_R_SERVER_ADOPTED;

	ASSERT(r->reason >= IKE_R_SERVER);
	if (p->kind == IKE_PKT_BAD)
		ASSERT(!r->refresh && !r->stored &&
		       r->reason == IKE_R_SERVER_BAD);
	if (adopted) {	/* another SA, protected, on an entry not ESTAB */
		ASSERT(is_protected(p) && !is_zero(p->ck.rcookie));
		ASSERT(from == IKE_S_INIT || from == IKE_S_CLAIMED);
		ASSERT(memcmp(old->icookie, p->ck.icookie, 8));
		ASSERT(same_ck(&f->ck, &p->ck) && r->state == IKE_S_ESTAB);
		return;
	}
	if (changed) {	/* only the rcookie, only from ISAKMP that vouches */
		ASSERT(p->kind == IKE_PKT_ISAKMP && vouches(p));
		ASSERT(from == IKE_S_INIT || from == IKE_S_CLAIMED ||
		       from == IKE_S_ESTAB);
		ASSERT(!memcmp(old->icookie, f->ck.icookie, 8));
		ASSERT(same_ck(&f->ck, &p->ck));
		ASSERT(!is_zero(f->ck.rcookie));
	}
	if (r->state == from) {
		ASSERT(r->reason != IKE_R_SERVER_CONFIRMED &&
		       r->reason != IKE_R_SERVER_OVERRULED);
		return;
	}
	/* otherwise only CLAIMED moves: confirmed, or overruled */
	ASSERT(from == IKE_S_CLAIMED && vouches(p));
	if (r->state == IKE_S_ESTAB) {
		ASSERT(r->reason == IKE_R_SERVER_CONFIRMED);
		ASSERT(!changed && same_ck(old, &p->ck));
	} else {
		ASSERT(r->state == IKE_S_INIT);
		ASSERT(r->reason == IKE_R_SERVER_OVERRULED && changed);
		ASSERT(memcmp(old->rcookie, p->ck.rcookie, 8));
	}
}

/* Is @p a later message than the claim @old remembers? (RFC 7296 2.2) */
static bool later(const struct ike_cookies *old, const struct ike_pkt *p)
{
	return p->version == 1 ? p->msgid != old->msgid :
				 p->msgid > old->msgid;
}

/* An accepted client packet */
static void check_client(const struct flow *f, const struct ike_cookies *old,
			 const struct ike_pkt *p, const struct ike_result *r,
			 bool changed)
{
	enum ike_state from = f->state;
	bool passed = r->reason == IKE_R_OPEN_OTHER ||
		      r->reason == IKE_R_CLAIM_OTHER;

	ASSERT(p->kind != IKE_PKT_BAD);
	ASSERT(r->reason < IKE_R_SERVER);
	/* what passes to no effect is another exchange's, on INIT/CLAIMED */
	ASSERT(r->refresh == !passed);
	if (passed) {
		ASSERT(r->state == from && !changed && !r->stored);
		ASSERT(from == IKE_S_INIT || from == IKE_S_CLAIMED);
		ASSERT(memcmp(old->icookie, p->ck.icookie, 8));
		return;
	}
	if (p->kind != IKE_PKT_ISAKMP) {
		ASSERT(!changed);
		/* DR/TUN: ESP after a claim confirms it */
		if (from != IKE_S_ESTAB)
			ASSERT(p->kind == IKE_PKT_ESP && !f->pol.nat_mode &&
			       from == IKE_S_CLAIMED &&
			       r->state == IKE_S_ESTAB &&
			       r->reason == IKE_R_ESP_CONFIRMED);
		return;
	}
	if (from == IKE_S_ESTAB) {
		ASSERT(r->state == IKE_S_ESTAB);
		return;
	}
	if (is_zero(p->ck.rcookie)) {
		/* an opening never throws a claim away */
		if (from == IKE_S_CLAIMED) {
			ASSERT(r->state == IKE_S_CLAIMED && !changed);
			ASSERT(!memcmp(old->icookie, p->ck.icookie, 8));
			return;
		}
		/* else INIT, following it */
		ASSERT(r->state == IKE_S_INIT);
		ASSERT(!memcmp(f->ck.icookie, p->ck.icookie, 8));
		/* an rcookie in INIT is the one the server taught */
		if (!is_zero(f->ck.rcookie))
			ASSERT(from == IKE_S_INIT && !changed);
		return;
	}
	/* a claim: for the followed exchange, or the first one, then kept */
	ASSERT(from == IKE_S_NONE ||
	       (from == IKE_S_INIT && is_zero(old->rcookie)) ||
	       !memcmp(old->icookie, p->ck.icookie, 8));
	ASSERT(same_ck(&f->ck, &p->ck));
	if (r->state == IKE_S_CLAIMED)
		return;
	ASSERT(r->state == IKE_S_ESTAB);
	/* NAT: the server taught this rcookie before */
	if (f->pol.nat_mode)
		ASSERT(from == IKE_S_INIT && !changed);
	/* DR/TUN: a later message of the claimed SA, never a repeat */
	else
		ASSERT(from == IKE_S_CLAIMED && !changed && later(old, p) &&
		       r->reason == IKE_R_MSGID_CONFIRMED);
}

static void check_step(const struct flow *f, const struct ike_cookies *old,
		       const struct ike_pkt *p, enum ike_dir dir,
		       const struct ike_result *r)
{
	bool changed = memcmp(old, &f->ck, sizeof(*old));
	enum ike_state from = f->state;

	ASSERT(r->verdict == IKE_ACCEPT || r->verdict == IKE_DROP);
	ASSERT(r->reason < IKE_R_MAX && r->reason != IKE_R_OK);
	ASSERT(r->state <= IKE_S_ESTAB);
	ASSERT(r->state >= from ||
	       (from == IKE_S_CLAIMED && r->state == IKE_S_INIT));
	ASSERT(ike_state_init(r->state) ==
	       (r->state == IKE_S_INIT || r->state == IKE_S_CLAIMED));
	ASSERT(strcmp(ike_reason_name(r->reason), "unknown"));
	ASSERT(strlen(ike_state_name(r->state)) <= 11);
	if (changed)
		ASSERT(r->stored);

	if (r->verdict == IKE_DROP) {
		ASSERT(dir == IKE_DIR_CLIENT);
		ASSERT(r->state == from && !changed && !r->stored);
		ASSERT(!r->refresh);
		ASSERT(r->reason >= IKE_R_TRUNCATED);
		if (p->kind == IKE_PKT_BAD)
			ASSERT(r->reason == p->reason);
		return;
	}
	ASSERT(r->reason >= IKE_R_NEW && r->reason <= IKE_R_SERVER_BAD);
	if (dir == IKE_DIR_SERVER)
		check_server(f, old, p, r, changed);
	else
		check_client(f, old, p, r, changed);
}

/*
 * What must hold of the entry after every packet, given what each side
 * showed so far (the current packet included)
 */
static void check_entry(const struct flow *f, enum ike_state from,
			enum ike_reason reason)
{
	if (f->state != IKE_S_NONE)
		ASSERT(!is_zero(f->ck.icookie));
	/* a claim is the client's, accepted */
	if (f->state == IKE_S_CLAIMED)
		ASSERT(was_shown(&f->client, &f->ck));
	/* NAT: an rcookie stored in INIT was vouched for by the server */
	if (f->pol.nat_mode && f->state == IKE_S_INIT &&
	    !is_zero(f->ck.rcookie))
		ASSERT(was_shown(&f->server, &f->ck));
	/*
	 * entering ESTAB: both sides showed the cookies (NAT), or the
	 * client; or the server protected a message of the SA it adopts
	 */
	if (f->state == IKE_S_ESTAB && from != IKE_S_ESTAB) {
		if (reason != IKE_R_SERVER_ADOPTED)
			ASSERT(was_shown(&f->client, &f->ck));
		if (f->pol.nat_mode)
			ASSERT(was_shown(&f->server, &f->ck));
	}
}

/* Apply the record's edits to the payload copy */
static void edit(const struct flow *f, u8 ctl, u8 *buf, u32 len)
{
	u32 off = f->natt ? IKE_NONESP_MARKER_LEN : 0;

	if (f->natt && (ctl & CTL_MARKER) && len >= 4)
		memset(buf, 0, 4);
	if (len < off + IKE_HDR_LEN)
		return;
	if (ctl & CTL_FIX_LEN) {
		buf[off + 24] = (len - off) >> 24;
		buf[off + 25] = (len - off) >> 16;
		buf[off + 26] = (len - off) >> 8;
		buf[off + 27] = len - off;
	}
	if (ctl & CTL_ICOOKIE)
		memcpy(buf + off, f->ck.icookie, 8);
	if (ctl & CTL_RCOOKIE)
		memcpy(buf + off + 8, f->ck.rcookie, 8);
	if (ctl & CTL_ZERO_RC)
		memset(buf + off + 8, 0, 8);
}

static u32 peek_for(u8 ctl, u32 len)
{
	u32 n = len < IKE_PEEK_LEN ? len : IKE_PEEK_LEN;

	switch ((ctl >> CTL_PEEK_SHIFT) & 3) {
	case 1:
		return n ? (ctl ^ len) % n : 0;
	case 2:
		return len + 1 + ctl % 64;
	case 3:
		return 0;
	default:
		return n;
	}
}

/* Returns the entry's final state */
static enum ike_state replay(const u8 *data, size_t size)
{
	static struct flow f;
	size_t pos = 1;
	unsigned int n = 0;

	memset(&f, 0, sizeof(f));
	f.natt = data[0] & CFG_NATT;
	f.pol.nat_mode = !!(data[0] & CFG_NAT_MODE);

	while (pos + 2 <= size && n++ < MAX_SHOWN) {
		u8 ctl = data[pos], buf[256];
		u32 len = data[pos + 1];
		enum ike_dir dir = ctl & CTL_SERVER ? IKE_DIR_SERVER :
						      IKE_DIR_CLIENT;
		enum ike_state from = f.state;
		struct ike_cookies old;
		struct ike_result r;
		struct ike_pkt p;

		pos += 2;
		if (len > size - pos)
			len = size - pos;
		memcpy(buf, data + pos, len);
		pos += len;
		/* DR/TUN: the servers' replies bypass the director */
		if (dir == IKE_DIR_SERVER && !f.pol.nat_mode)
			continue;
		edit(&f, ctl, buf, len);

		classify(buf, len, peek_for(ctl, len), f.natt, &p);
		check_pkt(buf, len, f.natt, &p);

		old = f.ck;
		memset(&r, 0xa5, sizeof(r));
		ike_transition(f.state, &f.ck, &p, dir, &f.pol, &r);
		check_step(&f, &old, &p, dir, &r);
		f.state = r.state;

		if (dir == IKE_DIR_CLIENT && r.verdict == IKE_ACCEPT)
			show(&f.client, &p);
		if (dir == IKE_DIR_SERVER && vouches(&p))
			show(&f.server, &p);
		if (r.state != from || changed_ck(&old, &f.ck))
			check_entry(&f, from, r.reason);
	}
	return f.state;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct ike_pkt p;
	u32 len = size > 0xffff ? 0xffff : (u32)size;

	/* 1: the raw bytes as one payload, to both ports */
	classify_all_peeks(data, len, false, &p);
	classify_all_peeks(data, len, true, &p);

	/* 2: the bytes as one client's packets */
	if (size)
		replay(data, size);
	return 0;
}

#ifdef FUZZ_SEEDS	/* a program writing a seed corpus */

static u8 seed[4096];
static size_t seed_len;

static void rec(u8 ctl, const u8 *payload, u32 len)
{
	ASSERT(len <= 255 && seed_len + 2 + len <= sizeof(seed));
	seed[seed_len++] = ctl;
	seed[seed_len++] = len;
	memcpy(seed + seed_len, payload, len);
	seed_len += len;
}

/* An ISAKMP message; ic/rc 0 means zero cookies, the rest is filler */
/* The message ID of the next isakmp() record, then 0 again */
static u8 seed_msgid;

static void isakmp(u8 ctl, bool natt, u8 ic, u8 rc, u8 ver, u8 xchg,
		   u8 np, u32 body)
{
	u8 m[256];
	u32 off = natt ? 4 : 0, len = off + IKE_HDR_LEN + body, i;

	memset(m, 0, sizeof(m));
	memset(m + off, ic, 8);
	memset(m + off + 8, rc, 8);
	m[off + 16] = np;
	m[off + 17] = ver << 4;
	m[off + 18] = xchg;
	m[off + 19] = ver == 2 ? 0x08 : 0;
	m[off + 23] = seed_msgid;
	seed_msgid = 0;
	m[off + 26] = (len - off) >> 8;
	m[off + 27] = len - off;
	for (i = off + IKE_HDR_LEN; i < len; i++)
		m[i] = (u8)(i * 31);
	rec(ctl, m, len);
}

static void esp(u8 ctl, u32 len)
{
	u8 m[256];
	u32 i;

	for (i = 0; i < len; i++)
		m[i] = (u8)(0xc1 + i);
	rec(ctl, m, len);
}

/* Each seed is a whole exchange: it must pass and end established */
static int save(const char *dir, const char *name)
{
	LLVMFuzzerTestOneInput(seed, seed_len);
	if (replay(seed, seed_len) != IKE_S_ESTAB) {
		fprintf(stderr, "seed %s does not establish\n", name);
		return 1;
	}
	if (fuzz_save_seed(dir, name, seed, seed_len))
		return 1;
	seed_len = 0;
	return 0;
}

int main(int argc, char **argv)
{
	const u8 keepalive = 0xff;
	int err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}

	/* IKEv2, NAT mode, on port 500 */
	seed[seed_len++] = CFG_NAT_MODE;
	isakmp(0, false, 0x11, 0, 2, 34, 33, 200);
	isakmp(CTL_SERVER, false, 0x11, 0x22, 2, 34, 33, 220);
	isakmp(0, false, 0x11, 0x22, 2, 35, 46, 180);
	isakmp(CTL_ZERO_RC, false, 0x33, 0x22, 2, 34, 33, 200);
	isakmp(0, false, 0x11, 0x22, 2, 37, 46, 40);
	err |= save(argv[1], "v2-nat-500");

	/* IKEv2 floated to 4500: a new flow, IKE_AUTH first, then confirmed */
	seed[seed_len++] = CFG_NATT | CFG_NAT_MODE;
	isakmp(0, true, 0x11, 0x22, 2, 35, 46, 180);
	isakmp(0, true, 0x11, 0x22, 2, 35, 46, 180);
	esp(0, 100);
	isakmp(CTL_SERVER, true, 0x11, 0x22, 2, 35, 46, 220);
	esp(0, 100);
	esp(CTL_SERVER, 100);
	rec(0, &keepalive, 1);
	isakmp(0, true, 0x11, 0x22, 2, 36, 46, 120);
	err |= save(argv[1], "v2-nat-4500-float");

	/* IKEv1 main mode floated to 4500 at message 5, DR */
	seed[seed_len++] = CFG_NATT;
	isakmp(0, true, 0x12, 0x23, 1, 2, 5, 60);
	isakmp(0, true, 0x12, 0x23, 1, 32, 8, 150);
	esp(0, 100);
	err |= save(argv[1], "v1-dr-4500-float");

	/* IKEv1 main and quick mode, DR: quick mode confirms the claim */
	seed[seed_len++] = 0;
	isakmp(0, false, 0x44, 0, 1, 2, 1, 52);
	isakmp(0, false, 0x44, 0x55, 1, 2, 4, 180);
	isakmp(0, false, 0x44, 0x55, 1, 2, 5, 60);
	seed_msgid = 0x5d;
	isakmp(0, false, 0x44, 0x55, 1, 32, 8, 150);
	isakmp(0, false, 0x66, 0, 1, 4, 1, 200);
	err |= save(argv[1], "v1-dr-confirm");

	/* Junk, spoofing and a cleartext error on a NAT-mode 4500 entry */
	seed[seed_len++] = CFG_NATT | CFG_NAT_MODE | CFG_FLIP;
	rec(0, &keepalive, 1);
	esp(0, 64);
	isakmp(0, true, 0x77, 0x88, 2, 35, 46, 100);
	isakmp(0, true, 0x77, 0x99, 2, 35, 46, 100);
	isakmp(CTL_SERVER, true, 0x77, 0x88, 2, 37, 41, 40);
	isakmp(0, true, 0x77, 0, 2, 34, 33, 100);
	isakmp(CTL_SERVER, true, 0x77, 0x88, 2, 37, 41, 40);
	isakmp(CTL_ICOOKIE | CTL_FIX_LEN, true, 0x99, 0x88, 2, 35, 46, 100);
	isakmp(CTL_SERVER, true, 0x77, 0xaa, 2, 34, 33, 100);
	isakmp(CTL_ICOOKIE | CTL_RCOOKIE, true, 0x77, 0x88, 2, 35, 46, 100);
	esp(3 << CTL_PEEK_SHIFT, 40);
	err |= save(argv[1], "natt-spoof");
	return err;
}

#endif /* FUZZ_SEEDS */
