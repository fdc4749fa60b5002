# SPDX-License-Identifier: GPL-2.0-only
# keepalived-conf/dr-farm.conf as shipped (only the probe's path mapped):
# keepalived builds the persistent port-0 UDP service in DR mode with the
# three real servers its IKE probe finds alive; strongSwan clients get
# their tunnels (raw ESP, no NAT on the path) on ISAKMP entries.
. "$LVS_ROOT/tests/lib/keepalived.sh"

ka_lan_farm_case dr Route dr-farm.conf
finish
