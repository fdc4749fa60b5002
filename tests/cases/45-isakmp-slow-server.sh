# SPDX-License-Identifier: GPL-2.0-only
# timeout: 240
# A real server slow to answer IKE_AUTH (a loaded host, an EAP or RADIUS
# backend): its reply comes after the client's claim on 4500 timed out
# (isakmp_init_timeout) and after the client's first retransmission. The
# client's IKE_SA_INIT on 500, which a NAT-T client never confirms, has
# timed out too. The client must stay on its server: its retransmission
# must reach the same server (the persistence template survives), the
# late reply must find an entry to confirm, and the tunnel must come up
# through the director (the IKE SA's remote address is the VIP), with its
# 4500 entry IKE_ESTAB and its template kept.
# An answer that comes while its client has no entry at all (client 2:
# 3.5 s late, just after the claim timed out) must not leave the director
# un-NATed, from the server's own address, where the client would take it
# and run its tunnel around the director: it is dropped and counted.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=4
ISAKMP_INIT_TIMEOUT=3

ISAKMP=1 farm_up nat 2 2 || finish
check "sch_netem loads" modprobe sch_netem
# slow_servers DELAY: the servers' IKE on 4500 (IKE_AUTH answers) leaves
# DELAY late; their IKE_SA_INIT answers on 500 do not
slow_servers() {
	local r
	for r in 1 2; do
		nsx "rs$r" tc qdisc add dev eth0 root handle 1: prio
		nsx "rs$r" tc qdisc add dev eth0 parent 1:3 handle 30: \
			netem delay "$1"
		nsx "rs$r" tc filter add dev eth0 parent 1: protocol ip prio 1 \
			u32 match ip protocol 17 0xff match ip sport 4500 0xffff \
			flowid 1:3
	done
}
fast_servers() {
	local r
	for r in 1 2; do nsx "rs$r" tc qdisc del dev eth0 root; done
}

slow_servers 5s
check "client 1: tunnel up despite the slow server" swan_up 1 60
fast_servers
swan_sas c1 | sed 's/^/    /'
check "client 1: its IKE SA goes through the VIP, not around the director" \
	grep -q "remote .*@ $VIP4\[4500\]" <<<"$(swan_sas c1)"
r=$(rs_holding_client 1 2)
check "client 1: a real server holds its IKE SA (rs${r:-none})" test -n "$r"
check "client 1: ping through ESP" esp_ping 1 v4 5
st=$(conn_field 3 "$(client_ip4 1):4500" "$VIP4:4500")
check "client 1: entry on 4500 is IKE_ESTAB (${st:-gone})" test "$st" = IKE_ESTAB
dest=$(conn_dest "$(client_ip4 1):4500" "$VIP4:4500")
check "client 1: entry on 4500 leads to rs${r:-?} ($dest)" \
	test -n "$dest" -a "$(rs_index_of "$dest")" = "${r:-x}"
tpl=$(conn_dest "$(client_ip4 1):0" "$VIP4:0")
check "client 1: its template is kept and leads to rs${r:-?} (${tpl:-gone})" \
	test -n "$tpl" -a "$(rs_index_of "$tpl")" = "${r:-x}"

slow_servers 3500ms
capture_start director eth0 leak "udp and src net 198.51.100.0/24"
swan_up 2 15
leaks=$(capture_count leak)
check "no server's IKE answer left the director un-NATed ($leaks)" \
	test "$leaks" = 0
check "the late answers were dropped (server_orphan $(isakmp_counter server_orphan))" \
	test "$(isakmp_counter server_orphan)" -gt 0
check_not "client 2: no IKE SA around the director" \
	grep -q "remote .*@ 198\.51\.100\." <<<"$(swan_sas c2)"
fast_servers
conns
nsx "$DIRECTOR" cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
