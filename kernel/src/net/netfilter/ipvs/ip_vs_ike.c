// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: ISAKMP/IKE awareness for UDP 500 and 4500, protocol core.
 *
 * Classifies the start of a UDP payload sent to an IKE virtual service and
 * runs the per-client state machine NONE -> INIT (CLAIMED) -> ESTAB that
 * decides which packets the director forwards. See ip_vs_ike.h for the
 * interface and the rules.
 *
 * The same file builds in the kernel and in userspace: it uses nothing but
 * memcpy(), memcmp() and memset(), touches only the bytes the caller hands
 * in, and keeps no state of its own.
 */

#include "ip_vs_ike.h"

/* Offsets in the ISAKMP header (RFC 2408 3.1, RFC 7296 3.1) */
#define IKE_OFF_ICOOKIE		0
#define IKE_OFF_RCOOKIE		8
#define IKE_OFF_NEXT_PAYLOAD	16
#define IKE_OFF_VERSION		17
#define IKE_OFF_EXCHANGE	18
#define IKE_OFF_FLAGS		19
#define IKE_OFF_MSGID		20
#define IKE_OFF_LENGTH		24

#define IKE_KEEPALIVE_BYTE	0xff	/* RFC 3948 2.3 */
#define IKE_ESP_SPI_RESERVED	255	/* RFC 4303 2.1: SPIs 1-255 */

static u32 ike_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static bool ike_cookie_is_zero(const u8 *c)
{
	u8 acc = 0;
	int i;

	for (i = 0; i < IKE_COOKIE_LEN; i++)
		acc |= c[i];
	return !acc;
}

static bool ike_cookie_eq(const u8 *a, const u8 *b)
{
	return !memcmp(a, b, IKE_COOKIE_LEN);
}

/* Only exchanges that an IKE peer runs with a VPN gateway pass. NONE (0),
 * the unassigned, DOI-reserved and private-use values are dropped: no
 * strongSwan or libreswan peer sends them, and each value let through is
 * one more way to create INIT entries with junk. IKEv1 transaction (6,
 * mode config and XAUTH) is not in RFC 2408 but every remote-access IKEv1
 * client uses it.
 */
static bool ike_v1_exchange_ok(u8 xchg)
{
	switch (xchg) {
	case IKE_XCHG_V1_BASE:
	case IKE_XCHG_V1_IDPROT:
	case IKE_XCHG_V1_AUTH_ONLY:
	case IKE_XCHG_V1_AGGRESSIVE:
	case IKE_XCHG_V1_INFO:
	case IKE_XCHG_V1_TRANSACTION:
	case IKE_XCHG_V1_QUICK:
	case IKE_XCHG_V1_NEW_GROUP:
		return true;
	}
	return false;
}

/* IKE_SESSION_RESUME opens an IKE SA like IKE_SA_INIT does (rcookie zero),
 * from a ticket a gateway of the farm issued. The G-IKEv2 exchanges (39-42)
 * are spoken with a group controller, not with a VPN gateway.
 */
static bool ike_v2_exchange_ok(u8 xchg)
{
	switch (xchg) {
	case IKE_XCHG_V2_IKE_SA_INIT:
	case IKE_XCHG_V2_IKE_AUTH:
	case IKE_XCHG_V2_CREATE_CHILD_SA:
	case IKE_XCHG_V2_INFORMATIONAL:
	case IKE_XCHG_V2_SESSION_RESUME:
	case IKE_XCHG_V2_INTERMEDIATE:
	case IKE_XCHG_V2_FOLLOWUP_KE:
		return true;
	}
	return false;
}

/* An ISAKMP header at p, in a message of len bytes of which peek_len are
 * readable. The length field must match exactly: IKE sends one message per
 * datagram and IP fragments are reassembled before IPVS sees the packet.
 * (libreswan ignores trailing bytes, for old Cisco clients that appended
 * 16 zero bytes; such a client would show up in the "length" counter.)
 *
 * The next payload field is never zero in a valid message, of either
 * version: every IKEv1 message carries payloads (SA, KE, HASH, N, D...),
 * and IKEv2 messages after IKE_SA_INIT start with the Encrypted payload
 * (SK or SKF), even the empty INFORMATIONAL of a liveness check, whose
 * emptiness is inside SK. A zero there is a bare 28-byte header.
 */
static enum ike_reason ike_isakmp(const u8 *p, u32 peek_len, u32 len,
				  struct ike_pkt *pkt)
{
	if (len < IKE_HDR_LEN)
		return IKE_R_SHORT;
	if (peek_len < IKE_HDR_LEN)
		return IKE_R_TRUNCATED;

	memcpy(pkt->ck.icookie, p + IKE_OFF_ICOOKIE, IKE_COOKIE_LEN);
	memcpy(pkt->ck.rcookie, p + IKE_OFF_RCOOKIE, IKE_COOKIE_LEN);
	pkt->next_payload = p[IKE_OFF_NEXT_PAYLOAD];
	pkt->version = p[IKE_OFF_VERSION] >> 4;
	pkt->exchange = p[IKE_OFF_EXCHANGE];
	pkt->flags = p[IKE_OFF_FLAGS];
	pkt->msgid = ike_get_be32(p + IKE_OFF_MSGID);
	pkt->length = ike_get_be32(p + IKE_OFF_LENGTH);

	if (pkt->version != 1 && pkt->version != 2)
		return IKE_R_VERSION;
	if (pkt->length != len)
		return IKE_R_LENGTH;
	if (ike_cookie_is_zero(pkt->ck.icookie))
		return IKE_R_ICOOKIE_ZERO;
	if (pkt->version == 1 ? !ike_v1_exchange_ok(pkt->exchange) :
				!ike_v2_exchange_ok(pkt->exchange))
		return IKE_R_EXCHANGE;
	if (!pkt->next_payload)
		return IKE_R_NEXT_PAYLOAD;
	if (len < IKE_HDR_LEN + IKE_GENERIC_PAYLOAD_LEN)
		return IKE_R_NO_PAYLOAD;

	pkt->kind = IKE_PKT_ISAKMP;
	return IKE_R_OK;
}

/* Port 4500 (RFC 3948): a lone 0xff is a NAT-keepalive, a zero first word
 * the non-ESP marker in front of an ISAKMP header, anything else the SPI
 * of an ESP packet, which then needs a sequence number too. SPI 0 cannot
 * be ESP for that reason, and 1-255 are reserved and never allocated.
 */
static enum ike_reason ike_natt(const u8 *p, u32 peek_len, u32 len,
				struct ike_pkt *pkt)
{
	u32 word;

	if (len == 1) {
		if (peek_len < 1)
			return IKE_R_TRUNCATED;
		if (p[0] != IKE_KEEPALIVE_BYTE)
			return IKE_R_BAD_KEEPALIVE;
		pkt->kind = IKE_PKT_KEEPALIVE;
		return IKE_R_OK;
	}
	if (len < IKE_NONESP_MARKER_LEN)
		return IKE_R_RUNT;
	if (peek_len < IKE_NONESP_MARKER_LEN)
		return IKE_R_TRUNCATED;

	word = ike_get_be32(p);
	if (!word)
		return ike_isakmp(p + IKE_NONESP_MARKER_LEN,
				  peek_len - IKE_NONESP_MARKER_LEN,
				  len - IKE_NONESP_MARKER_LEN, pkt);
	if (len < IKE_ESP_MIN_LEN)
		return IKE_R_ESP_SHORT;
	if (word <= IKE_ESP_SPI_RESERVED)
		return IKE_R_ESP_SPI;

	pkt->kind = IKE_PKT_ESP;
	pkt->spi = word;
	return IKE_R_OK;
}

/**
 * ike_classify - classify the start of a UDP payload sent to an IKE port
 * @peek: the first peek_len bytes of the payload
 * @peek_len: bytes readable at @peek, normally min(payload_len, IKE_PEEK_LEN)
 * @payload_len: length of the whole UDP payload
 * @natt_port: the destination is the NAT-T port (4500), not 500
 * @pkt: the result; kind IKE_PKT_BAD with a reason if it does not parse
 *
 * Reads no byte at or beyond min(@peek_len, @payload_len): every read is
 * preceded by a check of both lengths.
 */
void ike_classify(const u8 *peek, u32 peek_len, u32 payload_len,
		  bool natt_port, struct ike_pkt *pkt)
{
	enum ike_reason reason;

	memset(pkt, 0, sizeof(*pkt));
	if (natt_port)
		reason = ike_natt(peek, peek_len, payload_len, pkt);
	else
		reason = ike_isakmp(peek, peek_len, payload_len, pkt);

	pkt->reason = reason;
	if (reason != IKE_R_OK)
		pkt->kind = IKE_PKT_BAD;
}

static void ike_accept(struct ike_result *res, enum ike_state state,
		       enum ike_reason reason)
{
	res->verdict = IKE_ACCEPT;
	res->state = state;
	res->reason = reason;
	res->refresh = 1;
}

/* A dropped packet leaves the state, the cookies and the timer alone */
static void ike_drop(struct ike_result *res, enum ike_reason reason)
{
	res->verdict = IKE_DROP;
	res->reason = reason;
	res->refresh = 0;
}

/* Forward a packet that proves nothing and may be the real client's: the
 * server drops what it holds no SA for. It leaves the entry, and its timer,
 * as they were, so that a spoofer can neither displace the exchange the
 * entry follows nor keep an entry alive.
 */
static void ike_pass(struct ike_result *res, enum ike_state state,
		     enum ike_reason reason)
{
	ike_accept(res, state, reason);
	res->refresh = 0;
}

/* The client opens an exchange: it becomes the one this entry follows */
static void ike_open(struct ike_cookies *ck, const struct ike_pkt *pkt,
		     enum ike_reason reason, struct ike_result *res)
{
	memcpy(ck->icookie, pkt->ck.icookie, IKE_COOKIE_LEN);
	memset(ck->rcookie, 0, IKE_COOKIE_LEN);
	ck->msgid = 0;
	res->stored = 1;
	ike_accept(res, IKE_S_INIT, reason);
}

static void ike_store_rcookie(struct ike_cookies *ck, const u8 *rcookie,
			      struct ike_result *res)
{
	memcpy(ck->rcookie, rcookie, IKE_COOKIE_LEN);
	res->stored = 1;
}

/* The client claims that the responder answered, with an rcookie nobody
 * confirmed: a client that floated to port 4500 through a NAT starts a
 * new entry like this, and an IKEv2 client's IKE_AUTH may be the first
 * packet with the rcookie the director sees. One packet proves nothing,
 * in any mode: in NAT mode the claim waits for the server to confirm it,
 * in DR/TUN mode (no replies seen) for the client's ESP or a later
 * message of the same SA. The message ID is kept for the latter.
 */
static void ike_claim(struct ike_cookies *ck, const struct ike_pkt *pkt,
		      enum ike_reason reason, struct ike_result *res)
{
	memcpy(ck->icookie, pkt->ck.icookie, IKE_COOKIE_LEN);
	ike_store_rcookie(ck, pkt->ck.rcookie, res);
	ck->msgid = pkt->msgid;
	ike_accept(res, IKE_S_CLAIMED, reason);
}

/* A client claim on an INIT entry. A non-zero rcookie stored in INIT came
 * from the server's reply, which a blind spoofer never sees: a claim for
 * that exchange must echo it, and a claim for another one must not
 * displace it (it passes: the server knows whether it is real, and says
 * so in a protected reply, see ike_server_rcookie()).
 */
static void ike_init_claim(struct ike_cookies *ck, const struct ike_pkt *pkt,
			   struct ike_result *res)
{
	if (ike_cookie_is_zero(ck->rcookie))
		ike_claim(ck, pkt, IKE_R_CLAIMED, res);
	else if (!ike_cookie_eq(pkt->ck.icookie, ck->icookie))
		ike_pass(res, IKE_S_INIT, IKE_R_CLAIM_OTHER);
	else if (ike_cookie_eq(pkt->ck.rcookie, ck->rcookie))
		ike_accept(res, IKE_S_ESTAB, IKE_R_ESTABLISHED);
	else
		ike_drop(res, IKE_R_RCOOKIE_MISMATCH);
}

/* Is this repeat of a DR/TUN claim a later message of the SA? A blind
 * spoofer repeating its packet repeats the message ID too. IKEv2 message
 * IDs count up per direction (RFC 7296 2.2): the client's next request
 * has a higher one; its answers to the server's requests carry the
 * server's count, lower or equal, and prove nothing. IKEv1 message IDs
 * are random per exchange (RFC 2409 5.5), 0 in phase 1: any other value
 * is another exchange of the SA, such as quick mode after main mode.
 */
static bool ike_later_message(const struct ike_cookies *ck,
			      const struct ike_pkt *pkt)
{
	if (pkt->version == 1)
		return pkt->msgid != ck->msgid;
	return pkt->msgid > ck->msgid;
}

/* A client claim on a CLAIMED entry: only the claim made stands, and a
 * claim for another exchange passes without displacing it. Repeating it
 * proves nothing in NAT mode, where the server will confirm it; in DR/TUN
 * mode a later message of the same SA confirms it.
 */
static void ike_reclaim(struct ike_cookies *ck, const struct ike_pkt *pkt,
			const struct ike_policy *pol, struct ike_result *res)
{
	if (!ike_cookie_eq(pkt->ck.icookie, ck->icookie))
		ike_pass(res, IKE_S_CLAIMED, IKE_R_CLAIM_OTHER);
	else if (!ike_cookie_eq(pkt->ck.rcookie, ck->rcookie))
		ike_drop(res, IKE_R_RCOOKIE_MISMATCH);
	else if (!pol->nat_mode && ike_later_message(ck, pkt))
		ike_accept(res, IKE_S_ESTAB, IKE_R_MSGID_CONFIRMED);
	else
		ike_accept(res, IKE_S_CLAIMED, IKE_R_CLAIM_REPEAT);
}

/* An established client may run several IKE SAs over one flow (rekey,
 * make-before-break reauthentication, two initiators behind one NAT port).
 * Follow the newest, so that the cookies an entry shows (and a backup
 * director learns) stay current.
 */
static void ike_track(struct ike_cookies *ck, const struct ike_pkt *pkt,
		      struct ike_result *res)
{
	bool same = ike_cookie_eq(pkt->ck.icookie, ck->icookie);

	if (ike_cookie_is_zero(pkt->ck.rcookie)) {
		if (!same) {
			memcpy(ck->icookie, pkt->ck.icookie, IKE_COOKIE_LEN);
			memset(ck->rcookie, 0, IKE_COOKIE_LEN);
			res->stored = 1;
		}
	} else if (same && ike_cookie_is_zero(ck->rcookie)) {
		ike_store_rcookie(ck, pkt->ck.rcookie, res);
	}
}

/* The followed SA's icookie with another rcookie: an SA's cookie pair is
 * fixed once both are drawn, so no peer sends that; a spoofer guessing
 * would. Other icookies are other SAs of the flow and pass.
 */
static bool ike_wrong_rcookie(const struct ike_cookies *ck,
			      const struct ike_pkt *pkt)
{
	return ike_cookie_eq(pkt->ck.icookie, ck->icookie) &&
	       !ike_cookie_is_zero(pkt->ck.rcookie) &&
	       !ike_cookie_is_zero(ck->rcookie) &&
	       !ike_cookie_eq(pkt->ck.rcookie, ck->rcookie);
}

static void ike_client_isakmp(enum ike_state state, struct ike_cookies *ck,
			      const struct ike_pkt *pkt,
			      const struct ike_policy *pol,
			      struct ike_result *res)
{
	bool opening = ike_cookie_is_zero(pkt->ck.rcookie);
	bool same = ike_cookie_eq(pkt->ck.icookie, ck->icookie);

	switch (state) {
	case IKE_S_NONE:
		if (opening)
			ike_open(ck, pkt, IKE_R_NEW, res);
		else
			ike_claim(ck, pkt, IKE_R_NEW_CLAIMED, res);
		break;
	case IKE_S_INIT:
		/* Until the server answered, the newest opening is followed
		 * (a client that gave up and started over); once it did, an
		 * opening is no reason to give up an exchange under way.
		 */
		if (!opening)
			ike_init_claim(ck, pkt, res);
		else if (same)
			ike_accept(res, IKE_S_INIT, IKE_R_RETRANSMIT);
		else if (ike_cookie_is_zero(ck->rcookie))
			ike_open(ck, pkt, IKE_R_RESTART, res);
		else
			ike_pass(res, IKE_S_INIT, IKE_R_OPEN_OTHER);
		break;
	case IKE_S_CLAIMED:
		/* an opening must not throw away a claim still pending */
		if (!opening)
			ike_reclaim(ck, pkt, pol, res);
		else if (same)
			ike_accept(res, IKE_S_CLAIMED, IKE_R_RETRANSMIT);
		else
			ike_pass(res, IKE_S_CLAIMED, IKE_R_OPEN_OTHER);
		break;
	default:
		if (ike_wrong_rcookie(ck, pkt)) {
			ike_drop(res, IKE_R_RCOOKIE_MISMATCH);
			break;
		}
		ike_track(ck, pkt, res);
		ike_accept(res, IKE_S_ESTAB,
			   opening ? IKE_R_NEW_SA : IKE_R_IKE);
		break;
	}
}

/* IKEv1 exchanges that create an ISAKMP SA (phase 1) */
static bool ike_v1_phase1(u8 xchg)
{
	return xchg == IKE_XCHG_V1_BASE || xchg == IKE_XCHG_V1_IDPROT ||
	       xchg == IKE_XCHG_V1_AUTH_ONLY ||
	       xchg == IKE_XCHG_V1_AGGRESSIVE;
}

/* Does a server's message prove that the server holds (or is creating) an
 * IKE SA with these cookies? Protected ones do: only the holder of the
 * SA's keys can send them (IKEv1 sets the E flag, IKEv2 starts with the
 * Encrypted payload or a fragment of it). In cleartext only the reply that
 * creates the SA does, with its SA payload first: the rcookie it carries
 * was drawn by the server. Any other cleartext message, such as an error
 * answering an unknown cookie pair, may just copy a claim forwarded to
 * the server.
 */
static bool ike_server_protected(const struct ike_pkt *pkt)
{
	if (pkt->version == 1)
		return pkt->flags & IKE_FLAG_V1_ENCRYPT;
	return pkt->next_payload == IKE_NP_V2_SK ||
	       pkt->next_payload == IKE_NP_V2_SKF;
}

static bool ike_server_vouches(const struct ike_pkt *pkt)
{
	if (ike_server_protected(pkt))
		return true;
	if (pkt->version == 1)
		return ike_v1_phase1(pkt->exchange) &&
		       pkt->next_payload == IKE_NP_V1_SA;
	return pkt->exchange == IKE_XCHG_V2_IKE_SA_INIT &&
	       pkt->next_payload == IKE_NP_V2_SA;
}

/* A protected server message for another SA than the one an entry not
 * yet established follows. The server sends it to the address and port
 * of this entry's client, with the keys of an SA it holds with that peer;
 * keying one needs the server's replies, which a blind spoofer never
 * sees. So the client is real, and the exchange the entry followed was
 * not its own (a spoofer's opening or claim got there first, and the
 * client's claim passed as claim_other): follow the server's SA.
 */
static void ike_server_adopt(struct ike_cookies *ck, const struct ike_pkt *pkt,
			     struct ike_result *res)
{
	memcpy(ck->icookie, pkt->ck.icookie, IKE_COOKIE_LEN);
	ike_store_rcookie(ck, pkt->ck.rcookie, res);
	res->state = IKE_S_ESTAB;
	res->reason = IKE_R_SERVER_ADOPTED;
}

/* A well-formed ISAKMP message from the server, for the followed icookie,
 * with a non-zero rcookie. The server is the authority on the rcookie: in
 * INIT and ESTAB it teaches it, in CLAIMED it confirms the claim or
 * overrules it; provided it vouches for it.
 */
static void ike_server_rcookie(enum ike_state state, struct ike_cookies *ck,
			       const struct ike_pkt *pkt,
			       struct ike_result *res)
{
	bool same = ike_cookie_eq(pkt->ck.rcookie, ck->rcookie);

	if (same && state != IKE_S_CLAIMED)
		return;
	if (!ike_server_vouches(pkt)) {
		res->reason = IKE_R_SERVER_CLEARTEXT;
	} else if (same) {
		res->state = IKE_S_ESTAB;
		res->reason = IKE_R_SERVER_CONFIRMED;
	} else {
		ike_store_rcookie(ck, pkt->ck.rcookie, res);
		if (state == IKE_S_CLAIMED) {
			res->state = IKE_S_INIT;
			res->reason = IKE_R_SERVER_OVERRULED;
		} else {
			res->reason = IKE_R_SERVER_RCOOKIE;
		}
	}
}

/* The real server is trusted: its packets always pass. Only a well-formed
 * ISAKMP reply for the exchange the entry follows, or a protected one for
 * any, changes the entry.
 */
static void ike_from_server(enum ike_state state, struct ike_cookies *ck,
			    const struct ike_pkt *pkt, struct ike_result *res)
{
	res->verdict = IKE_ACCEPT;
	res->reason = IKE_R_SERVER;

	switch (pkt->kind) {
	case IKE_PKT_ISAKMP:
		res->refresh = 1;
		if (state != IKE_S_INIT && state != IKE_S_CLAIMED &&
		    state != IKE_S_ESTAB)
			break;
		if (ike_cookie_is_zero(pkt->ck.rcookie))
			break;
		if (ike_cookie_eq(pkt->ck.icookie, ck->icookie))
			ike_server_rcookie(state, ck, pkt, res);
		else if (state != IKE_S_ESTAB && ike_server_protected(pkt))
			ike_server_adopt(ck, pkt, res);
		break;
	case IKE_PKT_ESP:
	case IKE_PKT_KEEPALIVE:
		res->refresh = state == IKE_S_ESTAB;
		break;
	default:
		res->reason = IKE_R_SERVER_BAD;
		break;
	}
}

/**
 * ike_transition - judge a classified packet against its entry
 * @state: the entry's state, IKE_S_NONE if it has none yet
 * @ck: the entry's cookies; changed only when @res->stored is set
 * @pkt: the packet, from ike_classify()
 * @dir: who sent it
 * @pol: forwarding mode and options of the service
 * @res: verdict, next state, reason and whether to restart the timer
 *
 * A dropped packet never changes @ck. States never move down, except from
 * CLAIMED to INIT (see ip_vs_ike.h).
 */
void ike_transition(enum ike_state state, struct ike_cookies *ck,
		    const struct ike_pkt *pkt, enum ike_dir dir,
		    const struct ike_policy *pol, struct ike_result *res)
{
	res->verdict = IKE_DROP;
	res->state = state;
	res->reason = IKE_R_BAD_STATE;
	res->refresh = 0;
	res->stored = 0;

	if (dir == IKE_DIR_SERVER) {
		ike_from_server(state, ck, pkt, res);
		return;
	}
	if (state != IKE_S_NONE && state != IKE_S_INIT &&
	    state != IKE_S_CLAIMED && state != IKE_S_ESTAB)
		return;

	switch (pkt->kind) {
	case IKE_PKT_ISAKMP:
		ike_client_isakmp(state, ck, pkt, pol, res);
		break;
	case IKE_PKT_ESP:
		/* DR/TUN: ESP after a claim is the tunnel the claim set up;
		 * the server replies on its own path, so without forwarding
		 * it neither side would ever prove anything more.
		 */
		if (state == IKE_S_ESTAB)
			ike_accept(res, state, IKE_R_ESP);
		else if (state == IKE_S_CLAIMED && !pol->nat_mode)
			ike_accept(res, IKE_S_ESTAB, IKE_R_ESP_CONFIRMED);
		else
			ike_drop(res, IKE_R_ESP_EARLY);
		break;
	case IKE_PKT_KEEPALIVE:
		if (state == IKE_S_ESTAB)
			ike_accept(res, state, IKE_R_KEEPALIVE);
		else
			ike_drop(res, IKE_R_KEEPALIVE_EARLY);
		break;
	default:
		ike_drop(res, pkt->reason);
		break;
	}
}

static const char *const ike_reason_names[IKE_R_MAX] = {
	[IKE_R_OK]			= "ok",
	[IKE_R_NEW]			= "new",
	[IKE_R_NEW_CLAIMED]		= "new_claimed",
	[IKE_R_NEW_ESTABLISHED]		= "new_established",
	[IKE_R_RETRANSMIT]		= "retransmit",
	[IKE_R_RESTART]			= "restart",
	[IKE_R_CLAIMED]			= "claimed",
	[IKE_R_CLAIM_REPEAT]		= "claim_repeat",
	[IKE_R_ESTABLISHED]		= "established",
	[IKE_R_MSGID_CONFIRMED]		= "msgid_confirmed",
	[IKE_R_ESP_CONFIRMED]		= "esp_confirmed",
	[IKE_R_OPEN_OTHER]		= "open_other",
	[IKE_R_CLAIM_OTHER]		= "claim_other",
	[IKE_R_IKE]			= "ike",
	[IKE_R_NEW_SA]			= "new_sa",
	[IKE_R_ESP]			= "esp",
	[IKE_R_KEEPALIVE]		= "keepalive",
	[IKE_R_SERVER]			= "server",
	[IKE_R_SERVER_RCOOKIE]		= "server_rcookie",
	[IKE_R_SERVER_CONFIRMED]	= "server_confirmed",
	[IKE_R_SERVER_ADOPTED]		= "server_adopted",
	[IKE_R_SERVER_OVERRULED]	= "server_overruled",
	[IKE_R_SERVER_CLEARTEXT]	= "server_cleartext",
	[IKE_R_SERVER_BAD]		= "server_bad",
	[IKE_R_TRUNCATED]		= "truncated",
	[IKE_R_SHORT]			= "short",
	[IKE_R_VERSION]			= "version",
	[IKE_R_LENGTH]			= "length",
	[IKE_R_ICOOKIE_ZERO]		= "icookie_zero",
	[IKE_R_EXCHANGE]		= "exchange",
	[IKE_R_NEXT_PAYLOAD]		= "next_payload",
	[IKE_R_NO_PAYLOAD]		= "no_payload",
	[IKE_R_RUNT]			= "runt",
	[IKE_R_BAD_KEEPALIVE]		= "bad_keepalive",
	[IKE_R_ESP_SHORT]		= "esp_short",
	[IKE_R_ESP_SPI]			= "esp_spi",
	[IKE_R_ESP_EARLY]		= "esp_early",
	[IKE_R_KEEPALIVE_EARLY]		= "keepalive_early",
	[IKE_R_ICOOKIE_MISMATCH]	= "icookie_mismatch",
	[IKE_R_RCOOKIE_MISMATCH]	= "rcookie_mismatch",
	[IKE_R_BAD_STATE]		= "bad_state",
};

/* A short name for counters and debugging; never NULL */
const char *ike_reason_name(enum ike_reason reason)
{
	if ((unsigned int)reason >= IKE_R_MAX || !ike_reason_names[reason])
		return "unknown";
	return ike_reason_names[reason];
}

/* The name ipvsadm -Lnc shows: at most 11 characters (the %-11s column).
 * CLAIMED is INIT to users.
 */
const char *ike_state_name(enum ike_state state)
{
	switch (state) {
	case IKE_S_NONE:
		return "NONE";
	case IKE_S_INIT:
	case IKE_S_CLAIMED:
		return "IKE_INIT";
	case IKE_S_ESTAB:
		return "IKE_ESTAB";
	}
	return "BUG!";
}
