# SPDX-License-Identifier: GPL-2.0-only
# IKE messages larger than the path MTU, sent as IP fragments (IKE
# fragmentation off) through the director in NAT mode with ISAKMP entries
# (FAMILY=6: over IPv6, case 38). The client proposes 150 traffic
# selectors, so its IKE_AUTH and the server's answer are over 2 KB and
# cross the director in IP fragments, seen on both of its sides: the
# director reassembles them before IPVS looks at the ports, the entry is
# parsed and established like any other, the message leaves in fragments
# again, and the tunnel comes up and carries pings.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP=1 farm_up nat 1 1 || finish

# client 1 again, with IKE fragmentation off and a long list of inner
# selectors, all inside what the server accepts (198.18.1.0/24)
selectors=$(for n in $(seq 60 209); do printf '198.18.1.%s/32, ' "$n"; done)
dir=$(swan_dir c1)
swan_stop c1
wait_for 30 "client 1's charon stopped" bash -c "! swanctl --stats --uri $(swan_uri c1)"
cat >"$dir/swanctl.conf" <<CONF
connections {
	farm {
		version = 2
		remote_addrs = $(vip | tr -d '[]')
		proposals = $SWAN_PROPOSALS
		fragmentation = no
		local {
			auth = psk
			id = client1.lab
		}
		remote {
			auth = psk
			id = vpn.lab
		}
$(swan_child_and_secret "$selectors $(inner_client4 1)/32, $(inner_client6 1)/128" \
	"$INNER_RS4/32, $INNER_RS6/128")
CONF
swan_start c1 || finish

# IP fragments on both sides of the director: the client's and the
# server's IKE_AUTH in pieces (IPv4: offset or MF set; IPv6: a fragment
# header first)
frags="ip[6:2] & 0x3fff != 0"
[ "$FAMILY" = 6 ] && frags="ip6[6] == 44"
capture_start director eth0 frag-client "$frags"
capture_start director eth1 frag-server "$frags"
check "client 1: tunnel up" swan_up 1
big=$(sed -n 's/.*sending packet: .*(\([0-9]*\) bytes).*/\1/p' "$dir/charon.log" | sort -n | tail -n 1)
check "client 1: its largest IKE message was over the MTU (${big:-?} bytes)" \
	test "${big:-0}" -gt 1500
n0=$(capture_count frag-client)
n1=$(capture_count frag-server)
check "director: IP fragments on the client side ($n0) and the server side ($n1)" \
	test "$n0" -ge 2 -a "$n1" -ge 2
check "client 1: IPv4 ping through ESP" esp_ping 1 v4
check "client 1: IPv6 ping through ESP" esp_ping 1 v6
st=$(conn_field 3 "$(cip 1):4500" "$(vip):4500")
check "director: client 1's 4500 entry is ${st:-gone}" test "$st" = IKE_ESTAB
conns
nsx director cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
