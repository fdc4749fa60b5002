# SPDX-License-Identifier: GPL-2.0-only
# Baseline, feature off, over IPv6: clients reach the farm at the IPv6 VIP
# in NAT mode; IKE floats to UDP 4500 as over IPv4.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=6

farm_up nat 2 2 || finish
for i in 1 2; do
	tunnel_checks "$i" 2 "500 4500"
done
conns
finish
