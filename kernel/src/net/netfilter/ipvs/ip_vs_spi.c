// SPDX-License-Identifier: GPL-2.0-only
/*
 * IPVS: the "spi" scheduler, for services of IKE (UDP 500 and 4500) in
 * front of IPsec gateways that put a label into their IKE SPIs and draw
 * their ESP SPIs from a range, both given per real server (ipvsadm
 * --spi-label, --spi-range). A packet goes to the server its SPI names;
 * an opening, which names none, to the server a consistent hash of its
 * initiator SPI picks. Every director with the same real servers decides
 * alike, so several can forward one farm's tunnels with nothing shared.
 * The decisions are made in ip_vs.ko (ip_vs_spi_steer.c), which also
 * steers ESP and AH that follow no entry.
 *
 * Authors:	lvs-ipsec developers
 */

#define KMSG_COMPONENT "IPVS"
#define pr_fmt(fmt) KMSG_COMPONENT ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <net/ip_vs.h>

#include "ip_vs_spi.h"

static struct ip_vs_scheduler ip_vs_spi_scheduler = {
	.name =			"spi",
	.refcnt =		ATOMIC_INIT(0),
	.module =		THIS_MODULE,
	.n_list =		LIST_HEAD_INIT(ip_vs_spi_scheduler.n_list),
	.schedule =		ip_vs_spi_schedule,
};

static int __init ip_vs_spi_init(void)
{
	return register_ip_vs_scheduler(&ip_vs_spi_scheduler);
}

static void __exit ip_vs_spi_cleanup(void)
{
	unregister_ip_vs_scheduler(&ip_vs_spi_scheduler);
	synchronize_rcu();
}

module_init(ip_vs_spi_init);
module_exit(ip_vs_spi_cleanup);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IPVS scheduler steering IKE and ESP by SPI");
