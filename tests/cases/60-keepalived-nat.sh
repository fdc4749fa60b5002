# SPDX-License-Identifier: GPL-2.0-only
# keepalived-conf/nat-farm.conf as shipped (only the probe's path mapped):
# keepalived in the director builds the persistent port-0 UDP service in
# NAT mode with the three real servers its IKE probe finds alive, and
# strongSwan clients get their tunnels through it, on ISAKMP entries
# turned on by the shipped sysctl file.
. "$LVS_ROOT/tests/lib/keepalived.sh"

ka_farm_up nat 3 3 nat-farm.conf || finish
ka_service_checks Masq 3
swan_up_all 1 2 3
phase "tunnels initiated"
for i in 1 2 3; do
	# the 500 entry may be gone already: IKE moved to 4500 and the
	# shipped isakmp_init_timeout (10 s) ended the entry left behind
	tunnel_checks "$i" 3 4500
	isakmp_entry_checks "$i" "500 4500"
done
conns
finish
