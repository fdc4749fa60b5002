# SPDX-License-Identifier: GPL-2.0-only
# libreswan as a client: client 1 runs libreswan's pluto (IKEv2, PSK,
# AES-GCM and X25519), client 2 strongSwan, both reaching the farm of
# strongSwan servers through the director in NAT mode with ISAKMP
# entries. libreswan sees the director's address rewrite as a NAT and
# floats to 4500 as strongSwan does: its 4500 entry turns IKE_ESTAB and
# leads to the real server that holds its IKE SA, and its ESP-in-UDP
# carries pings there.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=4
LIBRESWAN_CLIENTS=1

ISAKMP=1 farm_up nat 2 2 || finish
check "client 1 (libreswan): tunnel up" lsw_up 1
r=$(rs_holding_client 1 2)
check "client 1: a real server holds its IKE SA (rs${r:-none})" test -n "$r"
before=$(esp_packets c1)
check "client 1: IPv4 ping through ESP" esp_ping 1 v4
after=$(esp_packets c1)
check "client 1: its ESP SAs counted the pings ($before -> $after)" \
	test "$after" -ge "$((before + 6))"
check "client 1: ESP-in-UDP, the NAT seen" \
	grep -q 'encap type espinudp' <<<"$(nsx c1 ip xfrm state)"
dest=$(conn_dest "$(cip 1):4500" "$(vip):4500")
check "client 1: entry $(cip 1):4500 leads to rs${r:-?} ($dest)" \
	test -n "$dest" -a "$(rs_index_of "$dest")" = "${r:-x}"
isakmp_entry_checks 1 "500 4500"

# a strongSwan client beside it, as in case 20
tunnel_checks 2 2 "500 4500"
isakmp_entry_checks 2 "500 4500"
check "entries were opened as IKE_INIT ($(isakmp_counter new) new)" \
	test "$(isakmp_counter new)" -ge 2
conns
lsw_whack c1 --trafficstatus | sed 's/^/  /'
finish
