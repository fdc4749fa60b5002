# SPDX-License-Identifier: GPL-2.0-only
# A client whose first IKE_AUTH meets the per-source INIT cap still gets
# its tunnel on a later retransmission. Behind a busy NAT (or within one
# /64) the handshakes of many clients fill the source's budget, and a
# client needs a second slot for a moment: its IKE_SA_INIT entry on 500,
# which its server answered, still holds one when its IKE_AUTH opens the
# 4500 entry. Refused there, it retransmits (strongSwan: 4, 7.2, 13 s
# later) while the 500 entry times out. The retransmission must find the
# template of its IKE SA, whose server holds the half-made SA; without it
# the IKE persistence engine drops every retransmission (claim_no_sa) and
# the client is stuck until it gives up, minutes later. A budget of one
# entry per source makes any client meet that moment.
. "$LVS_ROOT/tests/lib/farm.sh"

# client 1 over IPv4, client 2 over IPv6 (its /64 is one source)
farm_nat 2 2
for FAMILY in 4 6; do
	ipvs -A -u "$(vip):0" -s rr -p 600 --pe ike
	for r in 1 2; do ipvs -a -u "$(vip):0" -r "$(rip nat "$r"):0" -m; done
done
isakmp_on
nsx "$DIRECTOR" sysctl -qw net.ipv4.vs.isakmp_init_max_source=1
for r in 1 2; do swan_server "$r" || finish; done
swan_client 1 "$VIP4" || finish
swan_client 2 "$VIP6" || finish

for i in 1 2; do
	before=$(isakmp_counter source_cap)
	check "client $i: tunnel up within its retransmissions" swan_up "$i" 60
	check "client $i: its first IKE_AUTH met the cap ($before -> $(isakmp_counter source_cap) refused)" \
		test "$(isakmp_counter source_cap)" -gt "$before"
	check "client $i: no retransmission lost its IKE SA's server ($(isakmp_counter claim_no_sa) claim_no_sa)" \
		test "$(isakmp_counter claim_no_sa)" -eq 0
	check "client $i: ping through ESP" esp_ping "$i" "$([ "$i" = 2 ] && echo v6)"
done
conns
nsx "$DIRECTOR" cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
