/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * lvs-ipsec tools: packets. IP and UDP headers for raw sockets, IKE
 * messages (a complete IKEv2 IKE_SA_INIT request, an IKEv1 main mode
 * opening, minimal messages for load), ESP, and the judgement of a reply
 * to a probe. Parsing goes through the kernel's own core, ike_classify().
 */
#ifndef LVS_PKT_H
#define LVS_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "ip_vs_ike.h"

#define LVS_PKT_MAX		2048	/* largest packet the tools build */
#define LVS_IP4_HDR_LEN		20
#define LVS_IP6_HDR_LEN		40
#define LVS_UDP_HDR_LEN		8

/* IKE payload types we write or read (RFC 7296 3.2, RFC 2408 3.1) */
#define LVS_NP_V2_KE		34
#define LVS_NP_V2_NONCE		40
#define LVS_NP_V2_NOTIFY	41
#define LVS_NP_V1_NOTIFY	11
/* IKEv2 header flags */
#define LVS_IKE_F_INITIATOR	0x08
#define LVS_IKE_F_RESPONSE	0x20
/* IKEv2 notify types that still prove a live responder */
#define LVS_N_INVALID_KE	17
#define LVS_N_COOKIE		16390

/* Length of an IP header for the family */
size_t lvs_ip_hdr_len(int af);

/*
 * An IP packet from src to dst carrying proto and len bytes of payload
 * that the caller already put at buf + lvs_ip_hdr_len(af); the header is
 * written in front. Returns the total length.
 */
size_t lvs_ip_wrap(uint8_t *buf, const struct lvs_addr *src,
		   const struct lvs_addr *dst, uint8_t proto, size_t len);

/*
 * A UDP datagram (with its checksum) around len bytes of payload already
 * at buf + lvs_ip_hdr_len(af) + LVS_UDP_HDR_LEN, inside an IP header.
 * Returns the total length.
 */
size_t lvs_udp_wrap(uint8_t *buf, const struct lvs_addr *src,
		    const struct lvs_addr *dst, uint16_t sport, uint16_t dport,
		    size_t len);

/* An ISAKMP header (28 bytes) */
void lvs_ike_hdr(uint8_t *p, const uint8_t icookie[8], const uint8_t rcookie[8],
		 uint8_t next_payload, uint8_t version, uint8_t exchange,
		 uint8_t flags, uint32_t msgid, uint32_t length);

/*
 * An IKEv2 IKE_SA_INIT request as strongSwan or libreswan answer it: SA
 * (AES-GCM and AES-CBC proposals, PRF SHA-2/SHA-1, DH group first the KE
 * group), KE of that group, Nonce. Random key and nonce from rnd. Returns
 * the length, 0 if cap is too small or the group unknown.
 */
size_t lvs_ike_v2_sa_init(uint8_t *p, size_t cap, const uint8_t spi[8],
			  unsigned int group, struct lvs_rng *rnd);
/* DH groups lvs_ike_v2_sa_init() knows: 31 (x25519), 19, 20, 14 */
bool lvs_ike_v2_group_known(unsigned int group);

/* An IKEv1 main mode first message: SA with one PSK transform. */
size_t lvs_ike_v1_main_mode(uint8_t *p, size_t cap, const uint8_t icookie[8]);

/*
 * A minimal well-formed ISAKMP message of exactly size bytes (at least
 * IKE_HDR_LEN + IKE_GENERIC_PAYLOAD_LEN): the header, then one payload
 * padding it. With a zero rcookie an IKEv2 IKE_SA_INIT request (SA first),
 * else an INFORMATIONAL protected by SK, as in an established IKE SA.
 */
size_t lvs_ike_filler(uint8_t *p, size_t size, const uint8_t icookie[8],
		      const uint8_t rcookie[8], uint32_t msgid);

/* ESP: SPI, sequence number, and filler up to size (>= 8) bytes */
size_t lvs_esp(uint8_t *p, size_t size, uint32_t spi, uint32_t seq);

/* ---- judging a probe's answer ---- */
enum lvs_verdict {
	LVS_ALIVE_REPLY,	/* a reply with our SPI and a responder SPI */
	LVS_ALIVE_COOKIE,	/* IKEv2 COOKIE notify: busy, but alive */
	LVS_ALIVE_INVALID_KE,	/* IKEv2 INVALID_KE_PAYLOAD: wants another group */
	LVS_DEAD_OTHER_SPI,	/* an answer to somebody else */
	LVS_DEAD_NOTIFY,	/* an error notify (e.g. NO_PROPOSAL_CHOSEN) */
	LVS_DEAD_GARBAGE,	/* not ISAKMP, or not a reply to our exchange */
};

/*
 * Judge msg (a UDP payload from port 500; a datagram from 4500 must have
 * its non-ESP marker removed first) as the answer to our opening with
 * initiator SPI spi, of IKE version 1 or 2. *notify gets the notify type
 * when the answer is a notify, else 0.
 */
enum lvs_verdict lvs_probe_judge(const uint8_t *msg, size_t len,
				 const uint8_t spi[8], int version,
				 unsigned int *notify);
bool lvs_verdict_alive(enum lvs_verdict v);
const char *lvs_verdict_name(enum lvs_verdict v);

#endif
