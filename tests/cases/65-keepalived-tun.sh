# SPDX-License-Identifier: GPL-2.0-only
# keepalived-conf/tun-farm.conf as shipped, its real servers' addresses
# mapped to the lab's (one segment here) and the probe's path: keepalived
# builds the persistent port-0 UDP service in TUN (IPIP) mode; strongSwan
# clients get their tunnels (raw ESP) on ISAKMP entries.
. "$LVS_ROOT/tests/lib/keepalived.sh"

ka_lan_farm_case tun Tunnel tun-farm.conf \
	198.51.100.11=192.0.2.51 198.51.100.12=192.0.2.52 198.51.100.13=192.0.2.53
finish
