/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IPVS: ISAKMP/IKE awareness for UDP 500 and 4500, protocol core.
 *
 * Plain C with no kernel types beyond u8/u32, so that the same file is built
 * into ip_vs.ko and into userspace unit tests, fuzzers and benchmarks.
 *
 * The caller copies the first IKE_PEEK_LEN bytes (or fewer) of a UDP payload
 * to a buffer, classifies them with ike_classify() and feeds the result to
 * ike_transition(), which decides the fate of the packet and the next state
 * of the client's entry. Neither function allocates, sleeps, keeps state of
 * its own or does more than a fixed amount of work.
 */
#ifndef _IP_VS_IKE_H
#define _IP_VS_IKE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
/* Userspace: the kernel's own fixed-size types from the uapi header (the
 * <stdint.h> ones would draw checkpatch's PREFER_KERNEL_TYPES), libc for
 * the rest.
 */
#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
#endif

#define IKE_PORT		500
#define IKE_NATT_PORT		4500

#define IKE_COOKIE_LEN		8	/* IKEv1 cookie, IKEv2 SPI */
#define IKE_HDR_LEN		28	/* RFC 2408 3.1, RFC 7296 3.1 */
#define IKE_NONESP_MARKER_LEN	4	/* RFC 3948 2.2 */
#define IKE_ESP_MIN_LEN		8	/* SPI + sequence number */

#define IKE_GENERIC_PAYLOAD_LEN	4	/* the smallest payload */

/* What the caller copies: enough for the marker and the ISAKMP header */
#define IKE_PEEK_LEN		(IKE_NONESP_MARKER_LEN + IKE_HDR_LEN)

/* Exchange types: IKEv1 (RFC 2408, 2409, mode-cfg), IKEv2 (IANA) */
#define IKE_XCHG_V1_BASE		1
#define IKE_XCHG_V1_IDPROT		2	/* main mode */
#define IKE_XCHG_V1_AUTH_ONLY		3
#define IKE_XCHG_V1_AGGRESSIVE		4
#define IKE_XCHG_V1_INFO		5
#define IKE_XCHG_V1_TRANSACTION		6	/* mode config, XAUTH */
#define IKE_XCHG_V1_QUICK		32
#define IKE_XCHG_V1_NEW_GROUP		33
#define IKE_XCHG_V2_IKE_SA_INIT		34
#define IKE_XCHG_V2_IKE_AUTH		35
#define IKE_XCHG_V2_CREATE_CHILD_SA	36
#define IKE_XCHG_V2_INFORMATIONAL	37
#define IKE_XCHG_V2_SESSION_RESUME	38	/* RFC 5723 */
#define IKE_XCHG_V2_INTERMEDIATE	43	/* RFC 9242 */
#define IKE_XCHG_V2_FOLLOWUP_KE		44	/* RFC 9370 */

/* Header fields that tell a server's message vouches for its rcookie */
#define IKE_FLAG_V1_ENCRYPT		0x01	/* RFC 2408 3.1, E bit */
#define IKE_NP_V1_SA			1	/* RFC 2408 3.1 */
#define IKE_NP_V2_SA			33	/* RFC 7296 3.2 */
#define IKE_NP_V2_SK			46	/* RFC 7296 3.14 */
#define IKE_NP_V2_SKF			53	/* RFC 7383 2.5 */

/* What an entry remembers, 20 bytes: the cookies of the IKE SA it follows
 * (16 bytes, all that a sync message carries) and, while a DR/TUN claim
 * waits for its confirmation, the message ID of that claim.
 */
struct ike_cookies {
	u8 icookie[IKE_COOKIE_LEN];
	u8 rcookie[IKE_COOKIE_LEN];
	u32 msgid;
};

/* The part of struct ike_cookies that names the SA */
#define IKE_PAIR_LEN		(2 * IKE_COOKIE_LEN)

enum ike_kind {
	IKE_PKT_BAD,		/* does not parse: see ike_pkt.reason */
	IKE_PKT_ISAKMP,		/* IKEv1 or IKEv2 message */
	IKE_PKT_KEEPALIVE,	/* port 4500: NAT-keepalive, one 0xff byte */
	IKE_PKT_ESP,		/* port 4500: ESP in UDP */
};

/* Why a packet was accepted or dropped; each value is meant to become a
 * counter. IKE_R_OK only marks a packet that ike_classify() could parse.
 */
enum ike_reason {
	IKE_R_OK,
	/* accepted */
	IKE_R_NEW,		/* first IKE packet opens: entry enters INIT */
	IKE_R_NEW_CLAIMED,	/* first IKE packet claims an rcookie: CLAIMED */
	IKE_R_NEW_ESTABLISHED,	/* retired: a first packet never establishes */
	IKE_R_RETRANSMIT,	/* client repeats its opening */
	IKE_R_RESTART,		/* client opens with a new icookie */
	IKE_R_CLAIMED,		/* client claims an rcookie: entry enters CLAIMED */
	IKE_R_CLAIM_REPEAT,	/* client repeats its claim in CLAIMED */
	IKE_R_ESTABLISHED,	/* client packet: entry enters ESTAB */
	IKE_R_MSGID_CONFIRMED,	/* DR/TUN: a later IKE message confirms: ESTAB */
	IKE_R_ESP_CONFIRMED,	/* DR/TUN: ESP confirms the claim: ESTAB */
	IKE_R_OPEN_OTHER,	/* opening for another exchange: passes, no effect */
	IKE_R_CLAIM_OTHER,	/* claim for another exchange: passes, no effect */
	IKE_R_IKE,		/* IKE message on an ESTAB entry */
	IKE_R_NEW_SA,		/* new IKE SA on an ESTAB entry (rekey) */
	IKE_R_ESP,		/* ESP in UDP on an ESTAB entry */
	IKE_R_KEEPALIVE,	/* NAT-keepalive on an ESTAB entry */
	IKE_R_SERVER,		/* packet from the real server */
	IKE_R_SERVER_RCOOKIE,	/* real server's reply taught the rcookie */
	IKE_R_SERVER_CONFIRMED,	/* it confirmed the claim: entry enters ESTAB */
	IKE_R_SERVER_ADOPTED,	/* it protected another SA: ESTAB following it */
	IKE_R_SERVER_OVERRULED,	/* it carried another rcookie than claimed */
	IKE_R_SERVER_CLEARTEXT,	/* it would count, but vouches for nothing */
	IKE_R_SERVER_BAD,	/* real server's packet does not parse */
	/* dropped: malformed */
	IKE_R_TRUNCATED,	/* caller copied too few bytes */
	IKE_R_SHORT,		/* payload shorter than an ISAKMP header */
	IKE_R_VERSION,		/* major version neither 1 nor 2 */
	IKE_R_LENGTH,		/* length field is not the payload length */
	IKE_R_ICOOKIE_ZERO,	/* initiator cookie/SPI is zero */
	IKE_R_EXCHANGE,		/* exchange type unknown for the version */
	IKE_R_NEXT_PAYLOAD,	/* header announces no payload */
	IKE_R_NO_PAYLOAD,	/* header announces a payload, none fits */
	IKE_R_RUNT,		/* port 4500: 0, 2 or 3 bytes */
	IKE_R_BAD_KEEPALIVE,	/* port 4500: one byte, not 0xff */
	IKE_R_ESP_SHORT,	/* port 4500: ESP without sequence number */
	IKE_R_ESP_SPI,		/* port 4500: reserved SPI 1-255 */
	/* dropped: not acceptable in this state */
	IKE_R_ESP_EARLY,	/* ESP in UDP before ESTAB */
	IKE_R_KEEPALIVE_EARLY,	/* NAT-keepalive before ESTAB */
	IKE_R_ICOOKIE_MISMATCH,	/* retired: such claims pass (claim_other) */
	IKE_R_RCOOKIE_MISMATCH,	/* rcookie differs from the one known */
	IKE_R_BAD_STATE,	/* caller passed an unknown state */
	IKE_R_MAX
};

/* A classified packet; only the fields of its kind are meaningful */
struct ike_pkt {
	enum ike_kind kind;
	enum ike_reason reason;	/* IKE_R_OK unless kind is IKE_PKT_BAD */
	struct ike_cookies ck;	/* ISAKMP */
	u8 version;		/* ISAKMP: major version, 1 or 2 */
	u8 exchange;		/* ISAKMP: exchange type */
	u8 flags;		/* ISAKMP */
	u8 next_payload;	/* ISAKMP */
	u32 msgid;		/* ISAKMP */
	u32 length;		/* ISAKMP: message length, marker excluded */
	u32 spi;		/* ESP */
};

void ike_classify(const u8 *peek, u32 peek_len, u32 payload_len,
		  bool natt_port, struct ike_pkt *pkt);

/* NONE: no ISAKMP state yet. INIT: an exchange was opened; a non-zero
 * rcookie stored in INIT was taught by the real server. CLAIMED: the
 * client showed an rcookie that nobody confirmed yet; users see it as
 * INIT. ESTAB: established (see ike_transition() below). The order is
 * progress: states only move up, except CLAIMED -> INIT (the server
 * teaches another rcookie than the one claimed).
 */
enum ike_state {
	IKE_S_NONE,
	IKE_S_INIT,
	IKE_S_CLAIMED,
	IKE_S_ESTAB,
};

/* INIT as users see it: CLAIMED is an internal sub-state of it */
static inline bool ike_state_init(enum ike_state state)
{
	return state == IKE_S_INIT || state == IKE_S_CLAIMED;
}

enum ike_dir {
	IKE_DIR_CLIENT,		/* client to virtual service */
	IKE_DIR_SERVER,		/* real server's reply, seen in NAT mode */
};

enum ike_verdict {
	IKE_ACCEPT,
	IKE_DROP,
};

struct ike_policy {
	/* Server replies pass the director (masquerading) */
	unsigned int nat_mode:1;
};

struct ike_result {
	enum ike_verdict verdict;
	enum ike_state state;	/* next state */
	enum ike_reason reason;
	unsigned int refresh:1;	/* restart the entry's timer */
	unsigned int stored:1;	/* *ck was changed */
};

/* ike_transition(), in short ("rc": rcookie, "claim": ISAKMP with a
 * non-zero rc; "pass": accepted, entry and timer untouched; NAT: the
 * service masquerades, DR: direct routing or tunnel):
 *
 * Client packets
 *   NONE     opening (rc zero)             -> INIT, following its icookie
 *            claim                         -> CLAIMED, storing the cookies
 *            ESP, keepalive, malformed     -> drop
 *   INIT     opening, followed icookie     -> INIT (retransmit)
 *            opening, other icookie        -> nothing taught: INIT
 *                                             following it (restart);
 *                                             rc taught: pass
 *            claim, nothing taught         -> CLAIMED, storing the cookies
 *            claim, rc the server taught   -> ESTAB
 *            claim, followed icookie,
 *              rc other than taught        -> drop
 *            claim, other icookie, taught  -> pass
 *            ESP, keepalive, malformed     -> drop
 *   CLAIMED  opening, claimed icookie      -> CLAIMED (retransmit)
 *            opening, other icookie        -> pass
 *            claim, rc other than claimed  -> drop
 *            claim, other icookie          -> pass
 *            the same claim again          -> NAT: CLAIMED; DR: CLAIMED,
 *                                             unless its message ID is
 *                                             later (IKEv2: higher; IKEv1:
 *                                             another): ESTAB
 *            ESP in UDP                    -> NAT: drop; DR: ESTAB
 *            keepalive, malformed          -> drop
 *   ESTAB    well-formed                   -> ESTAB (a zero rc is a rekey)
 *            malformed                     -> drop
 *
 * Raw ESP on a CLAIMED DR/TUN entry confirms it too (ip_vs_isakmp.c).
 *
 * Real server's packets (NAT only), always accepted. Only well-formed
 * ISAKMP with a non-zero rc that vouches for it (below) counts:
 *   INIT     followed icookie              -> INIT, storing the rc
 *   CLAIMED  followed icookie, rc claimed  -> ESTAB (claim confirmed)
 *            followed icookie, other rc    -> INIT, storing the rc
 *   INIT, CLAIMED: protected (not merely cleartext), other icookie
 *                                          -> ESTAB following it
 *   ESTAB    followed icookie              -> ESTAB, storing the rc if
 *                                             another was stored
 *
 * So an entry reaches ESTAB only when the client and the server both
 * showed the same rc for the followed icookie, in either order, or the
 * server sent a message protected with an SA's keys to the client's
 * address and port (which only a peer that saw the server's replies can
 * have keyed), or, in DR/TUN where no reply is seen, when a claim is
 * followed by ESP or a later message of the same SA: a blind spoofer
 * repeating a packet never gets there. Since a claim is forwarded before
 * anyone confirmed it, the server may answer it: a responder may reply to
 * an unknown cookie pair with a cleartext error that copies both cookies
 * (RFC 7296 2.21.4 INVALID_IKE_SPI, IKEv1 INVALID-COOKIE), which would
 * confirm a blind spoofer's guess. Hence a server's message vouches for
 * its rc only when it is protected with the keys of the IKE SA (IKEv1: E
 * flag; IKEv2: first payload SK or SKF), or is the cleartext reply that
 * creates the SA (IKEv1 phase 1, IKEv2 IKE_SA_INIT, with the SA payload
 * first).
 *
 * Packets that pass without an effect on the entry are those a spoofer
 * sends with the client's address: they must neither displace the
 * exchange the entry follows nor be dropped when they may be the real
 * client's (the server drops what it holds no SA for).
 *
 * Accepted client packets restart the timer, except those that pass;
 * dropped ones change nothing. Server packets restart it unless
 * malformed, or ESP and keepalives on an entry not ESTAB. Calls for one
 * entry must be serialised by the caller, since *ck is read and written.
 */
void ike_transition(enum ike_state state, struct ike_cookies *ck,
		    const struct ike_pkt *pkt, enum ike_dir dir,
		    const struct ike_policy *pol, struct ike_result *res);

const char *ike_reason_name(enum ike_reason reason);
const char *ike_state_name(enum ike_state state);

#endif /* _IP_VS_IKE_H */
