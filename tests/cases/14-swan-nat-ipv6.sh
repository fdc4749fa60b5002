# SPDX-License-Identifier: GPL-2.0-only
# Baseline, feature off, over IPv6: clients reach the farm at the IPv6 VIP
# in NAT mode; IKE floats to UDP 4500 as over IPv4.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=6

swan_farm_case nat "500 4500"
finish
