// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: soft expiry of established ISAKMP entries.
 *
 * An IPsec tunnel may stay silent longer than isakmp_timeout: no DPD, a
 * long rekey interval, a client asleep. Raising the timeout for everybody
 * keeps every dead client's entry just as long, so instead a service lets
 * a budget of its established entries outlive their idle timeout once:
 * the entry gets one more period (IP_VS_CONN_F_IKE_SOFT), the client's
 * next accepted packet makes it an ordinary entry again, and an entry
 * that stays silent through its extra period expires for good. Beyond the
 * budget, entries expire as usual.
 *
 * The budget is per service (IPVS_SVC_ATTR_SOFT_EXPIRY), or the netns
 * default isakmp_soft_expiry for services that do not set one.
 *
 * Authors:	lvs-ipsec developers
 */

#define KMSG_COMPONENT "IPVS"
#define pr_fmt(fmt) KMSG_COMPONENT ": " fmt

#include <linux/interrupt.h>
#include <net/ip_vs.h>
#include <net/netlink.h>

#include "ip_vs_isakmp.h"

/* The entry's service, if its real server still serves it */
static struct ip_vs_service *ip_vs_isakmp_soft_svc(struct ip_vs_conn *cp)
{
	struct ip_vs_dest *dest = cp->dest;

	if (!dest || !(dest->cflags & IP_VS_DEST_CF_AVAILABLE))
		return NULL;
	return rcu_dereference(dest->svc);
}

static int ip_vs_isakmp_soft_budget(struct netns_ipvs *ipvs,
				    const struct ip_vs_service *svc)
{
	int budget = READ_ONCE(svc->isakmp_soft_expiry);

	return budget >= 0 ? budget : READ_ONCE(ipvs->isakmp->soft_expiry);
}

/* Only an expiry the timer brought, of an entry that nobody asked to go:
 * flushes, drop_entry, a dead real server and the netns going away delete
 * conns from process context or before their time, or with a zero
 * timeout, and a backup follows its master's decisions.
 */
static bool ip_vs_isakmp_soft_eligible(struct ip_vs_conn *cp)
{
	struct netns_ipvs *ipvs = cp->ipvs;

	return in_serving_softirq() &&
	       time_after_eq(jiffies, cp->timer.expires) &&
	       ip_vs_isakmp_established(cp) &&
	       !(cp->flags & IP_VS_CONN_F_IKE_SOFT) && cp->timeout &&
	       ipvs->enable && ipvs->isakmp &&
	       !atomic_read(&ipvs->dropentry) &&
	       !(ipvs->sync_state & IP_VS_STATE_BACKUP);
}

/* From the conn's timer: true when the entry takes one more period
 * instead of expiring; its timer is then armed again.
 */
bool ip_vs_isakmp_soft_expire(struct ip_vs_conn *cp)
{
	struct ip_vs_service *svc;
	bool granted = false;

	if (!ip_vs_isakmp_soft_eligible(cp))
		return false;

	rcu_read_lock();
	svc = ip_vs_isakmp_soft_svc(cp);
	if (svc) {
		int budget = ip_vs_isakmp_soft_budget(cp->ipvs, svc);

		if (atomic_inc_return(&svc->isakmp_soft_used) <= budget)
			granted = true;
		else
			atomic_dec(&svc->isakmp_soft_used);
	}
	rcu_read_unlock();

	if (!granted) {
		if (svc)
			ip_vs_isakmp_count(cp->ipvs, IP_VS_ISAKMP_C_SOFT_REFUSED);
		return false;
	}
	BUILD_BUG_ON(IP_VS_CONN_F_IKE_SOFT & ~IP_VS_CONN_F_IKE_LOCAL);
	spin_lock_bh(&cp->lock);
	cp->flags |= IP_VS_CONN_F_IKE_SOFT;
	spin_unlock_bh(&cp->lock);
	ip_vs_isakmp_count(cp->ipvs, IP_VS_ISAKMP_C_SOFT_GRANTED);
	mod_timer(&cp->timer, jiffies + cp->timeout);
	return true;
}

/* The entry leaves its extra period: the budget gets its place back */
static bool ip_vs_isakmp_soft_leave(struct ip_vs_conn *cp)
{
	bool was_soft;

	spin_lock_bh(&cp->lock);
	was_soft = cp->flags & IP_VS_CONN_F_IKE_SOFT;
	cp->flags &= ~IP_VS_CONN_F_IKE_SOFT;
	spin_unlock_bh(&cp->lock);
	if (was_soft && cp->dest) {
		struct ip_vs_service *svc;

		rcu_read_lock();
		svc = rcu_dereference(cp->dest->svc);
		if (svc)
			atomic_dec(&svc->isakmp_soft_used);
		rcu_read_unlock();
	}
	return was_soft;
}

/* The client spoke again: an ordinary entry once more */
void ip_vs_isakmp_soft_revive(struct ip_vs_conn *cp)
{
	if (likely(!(READ_ONCE(cp->flags) & IP_VS_CONN_F_IKE_SOFT)))
		return;
	if (ip_vs_isakmp_soft_leave(cp))
		ip_vs_isakmp_count(cp->ipvs, IP_VS_ISAKMP_C_SOFT_REVIVED);
}

/* The entry dies, after its extra period or for any other reason */
void ip_vs_isakmp_soft_forget(struct ip_vs_conn *cp)
{
	if (likely(!(READ_ONCE(cp->flags) & IP_VS_CONN_F_IKE_SOFT)))
		return;
	if (ip_vs_isakmp_soft_leave(cp))
		ip_vs_isakmp_count(cp->ipvs, IP_VS_ISAKMP_C_SOFT_EXPIRED);
}

/* A new service follows the netns default until it is given a budget */
void ip_vs_isakmp_soft_set(struct ip_vs_service *svc,
			   const struct ip_vs_service_user_kern *u, bool add)
{
	if (u->soft_expiry_set)
		WRITE_ONCE(svc->isakmp_soft_expiry,
			   min_t(u32, u->soft_expiry, INT_MAX));
	else if (add)
		svc->isakmp_soft_expiry = -1;
}

void ip_vs_isakmp_soft_parse(struct ip_vs_service_user_kern *u,
			     const struct nlattr *nla)
{
	u->soft_expiry_set = nla;
	if (nla)
		u->soft_expiry = nla_get_u32(nla);
}

/* The budget only when the service has its own, so that a service that
 * follows the default dumps and restores as it was configured; the
 * number of entries in their extra period always.
 */
int ip_vs_isakmp_soft_fill(struct sk_buff *skb,
			   const struct ip_vs_service *svc)
{
	int budget = READ_ONCE(svc->isakmp_soft_expiry);

	if (budget >= 0 &&
	    nla_put_u32(skb, IPVS_SVC_ATTR_SOFT_EXPIRY, budget))
		return -EMSGSIZE;
	return nla_put_u32(skb, IPVS_SVC_ATTR_SOFT_EXPIRY_USED,
			   atomic_read(&svc->isakmp_soft_used));
}
