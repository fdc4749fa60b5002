// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: ISAKMP entries in the sync protocol.
 *
 * Only established entries go to the backup: an INIT entry is a promise
 * nobody kept yet, and a flood of them must not flood the backup too. The
 * step to IKE_ESTAB is synced at once, so that a failover right after a
 * tunnel came up keeps it.
 *
 * A synced ISAKMP entry travels as a plain UDP entry (state NORMAL, with
 * its timeout) plus an optional parameter carrying its ISAKMP state and
 * cookies. A backup without this code skips the parameter and still gets
 * a working UDP entry to the same real server; a backup with it restores
 * the ISAKMP entry as it was.
 *
 * Authors:	lvs-ipsec developers
 */

#define KMSG_COMPONENT "IPVS"
#define pr_fmt(fmt) KMSG_COMPONENT ": " fmt

#include <net/ip_vs.h>

#include "ip_vs_isakmp.h"

/* The parameter's payload, in network order */
struct ip_vs_isakmp_sync {
	__be16	state;
	u8	cookies[IKE_PAIR_LEN];	/* not the claim's message ID */
} __packed;

/* Is ISAKMP entry @cp worth a sync message now? Sets *force on the step
 * to ESTAB.
 */
bool ip_vs_isakmp_sync_wanted(const struct ip_vs_conn *cp, int *force)
{
	if (!ip_vs_isakmp_established(cp))
		return false;
	*force = cp->state != cp->old_state;
	return true;
}

/* The state the fixed part of a sync message shows for @cp */
unsigned int ip_vs_isakmp_sync_state(const struct ip_vs_conn *cp)
{
	return ip_vs_isakmp_conn(cp) ? IP_VS_UDP_S_NORMAL : cp->state;
}

/* Length of the parameter's payload for @cp, 0 for none */
unsigned int ip_vs_isakmp_sync_len(const struct ip_vs_conn *cp)
{
	return ip_vs_isakmp_conn(cp) ? sizeof(struct ip_vs_isakmp_sync) : 0;
}

/* Write the payload for @cp at @p; the caller reserved sync_len bytes */
void ip_vs_isakmp_sync_fill(struct ip_vs_conn *cp, u8 *p)
{
	struct ip_vs_isakmp_sync s;

	spin_lock_bh(&cp->lock);
	s.state = htons(cp->state);
	memcpy(s.cookies, cp->ike_cookies, sizeof(s.cookies));
	spin_unlock_bh(&cp->lock);
	memcpy(p, &s, sizeof(s));
}

/* A payload from the master is sane: our size, an established state.
 * Anything else is counted and leaves the entry plain UDP: a backup
 * never takes an ISAKMP state it cannot vouch for from a message.
 */
bool ip_vs_isakmp_sync_valid(struct netns_ipvs *ipvs, const u8 *p,
			     unsigned int len)
{
	struct ip_vs_isakmp_sync s;

	if (len == sizeof(s)) {
		memcpy(&s, p, sizeof(s));
		if (ntohs(s.state) == IP_VS_UDP_S_IKE_ESTAB)
			return true;
	}
	ip_vs_isakmp_count(ipvs, IP_VS_ISAKMP_C_SYNC_REFUSED);
	return false;
}

/* Backup: make @cp the ISAKMP entry the master described (valid payload) */
void ip_vs_isakmp_sync_apply(struct ip_vs_conn *cp, const u8 *p)
{
	struct ip_vs_isakmp_sync s;

	memcpy(&s, p, sizeof(s));
	spin_lock_bh(&cp->lock);
	ip_vs_isakmp_init_done(cp);
	cp->flags |= IP_VS_CONN_F_IKE;
	memcpy(cp->ike_cookies, s.cookies, sizeof(s.cookies));
	cp->state = ntohs(s.state);
	cp->old_state = cp->state;
	spin_unlock_bh(&cp->lock);
}
