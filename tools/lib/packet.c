// SPDX-License-Identifier: GPL-2.0-only
/*
 * Packet building: ISAKMP headers, ESP, and an IPv4 header around them
 * for raw sockets with IP_HDRINCL (the tools send from addresses they do
 * not own, as a flood or a crowd of clients would).
 */
#include <arpa/inet.h>
#include <netinet/ip.h>
#include <netinet/udp.h>
#include <string.h>

#include "lvs.h"

#define IKE_HDR_LEN	28
#define NONESP_MARKER	4

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, v >> 32);
	put32(p + 4, (uint32_t)v);
}

/* An ISAKMP message; the body is one opaque generic payload */
size_t lvs_ike_build(uint8_t *buf, size_t room, const struct lvs_ike *m)
{
	size_t off = m->natt ? NONESP_MARKER : 0;
	size_t len = IKE_HDR_LEN + m->body;

	if (off + len > room || (m->body && m->body < 4))
		return 0;
	memset(buf, 0, off + len);
	put64(buf + off, m->ispi);
	put64(buf + off + 8, m->rspi);
	buf[off + 16] = m->next_payload;
	buf[off + 17] = 0x20;			/* IKEv2 */
	buf[off + 18] = m->exchange;
	buf[off + 19] = m->flags;
	put32(buf + off + 20, m->msgid);
	put32(buf + off + 24, (uint32_t)len);
	if (m->body) {				/* last payload, its length */
		buf[off + IKE_HDR_LEN + 2] = (uint8_t)(m->body >> 8);
		buf[off + IKE_HDR_LEN + 3] = (uint8_t)m->body;
	}
	return off + len;
}

/* ESP: SPI, sequence number, then bytes standing for IV and ciphertext */
size_t lvs_esp_build(uint8_t *buf, size_t room, uint32_t spi, uint32_t seq,
		     size_t len)
{
	size_t i;

	if (len < 8 || len > room)
		return 0;
	put32(buf, spi);
	put32(buf + 4, seq);
	for (i = 8; i < len; i++)
		buf[i] = (uint8_t)(i * 13);
	return len;
}

static uint32_t csum_add(uint32_t sum, const void *data, size_t len)
{
	const uint8_t *p = data;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)p[0] << 8 | p[1];
	if (len)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

static size_t ip4_header(uint8_t *buf, struct in_addr src, struct in_addr dst,
			 uint8_t proto, size_t total)
{
	struct iphdr ip = {
		.version = 4, .ihl = 5, .ttl = 64, .protocol = proto,
		.tot_len = htons((uint16_t)total),
		.saddr = src.s_addr, .daddr = dst.s_addr,
	};

	ip.check = csum_fold(csum_add(0, &ip, sizeof(ip)));
	memcpy(buf, &ip, sizeof(ip));
	return sizeof(ip);
}

size_t lvs_ip4_raw(uint8_t *buf, size_t room, struct in_addr src,
		   struct in_addr dst, uint8_t proto, const uint8_t *payload,
		   size_t len)
{
	size_t total = sizeof(struct iphdr) + len;

	if (total > room || total > 0xffff)
		return 0;
	memmove(buf + sizeof(struct iphdr), payload, len);
	ip4_header(buf, src, dst, proto, total);
	return total;
}

size_t lvs_ip4_udp(uint8_t *buf, size_t room, struct in_addr src,
		   struct in_addr dst, uint16_t sport, uint16_t dport,
		   const uint8_t *payload, size_t len)
{
	size_t ulen = sizeof(struct udphdr) + len;
	uint8_t *u = buf + sizeof(struct iphdr);
	struct udphdr uh = {
		.source = htons(sport), .dest = htons(dport),
		.len = htons((uint16_t)ulen),
	};
	uint8_t pseudo[12];
	uint32_t sum;

	if (sizeof(struct iphdr) + ulen > room || ulen > 0xffff)
		return 0;
	memmove(u + sizeof(uh), payload, len);
	memcpy(pseudo, &src, 4);
	memcpy(pseudo + 4, &dst, 4);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_UDP;
	pseudo[10] = (uint8_t)(ulen >> 8);
	pseudo[11] = (uint8_t)ulen;
	memcpy(u, &uh, sizeof(uh));
	sum = csum_add(csum_add(0, pseudo, sizeof(pseudo)), u, ulen);
	uh.check = csum_fold(sum);
	if (!uh.check)
		uh.check = 0xffff;
	memcpy(u, &uh, sizeof(uh));
	return ip4_header(buf, src, dst, IPPROTO_UDP,
			  sizeof(struct iphdr) + ulen) + ulen;
}
