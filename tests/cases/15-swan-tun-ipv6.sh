# SPDX-License-Identifier: GPL-2.0-only
# Baseline, feature off, over IPv6: clients reach the farm at the IPv6 VIP
# in TUN mode (IPv6 in IPv6 to the real servers); raw ESP over IPv6
# follows the client's UDP 500 entry.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=6

swan_farm_case tun 500
finish
