# SPDX-License-Identifier: GPL-2.0-only
# Eleven clients at once in NAT mode, five of them behind one NAT router
# sharing its address (NAT-T on 4500 from mapped ports): every tunnel
# comes up through ISAKMP entries, each client's IKE and ESP-in-UDP stay
# on the one server that holds its IKE SA, and the clients are spread
# over the servers.
. "$LVS_ROOT/tests/lib/farm.sh"
ND=6 NN=5 NR=3

farm_nat "$ND" "$NR"
nat_router 21 "$NN"
isakmp_on
ipvs -A -u "$VIP4:0" -s rr -p 600
for r in $(seq 1 $NR); do ipvs -a -u "$VIP4:0" -r "$(rs_ip4_nat "$r"):0" -m; done
for r in $(seq 1 $NR); do swan_server "$r" || finish; done
clients="$(seq 1 $ND) $(seq 21 $((20 + NN)))"
for i in $clients; do swan_client "$i" || finish; done

swan_up_all $clients
up=0
for i in $clients; do
	swan_sas "c$i" | grep -q INSTALLED && up=$((up + 1))
done
check "all $(echo $clients | wc -w) tunnels up at once ($up)" \
	test "$up" -eq "$(echo $clients | wc -w)"

for i in $(seq 1 $ND); do
	tunnel_checks "$i" "$NR" 4500
	isakmp_entry_checks "$i" "500 4500"
done
for i in $(seq 21 $((20 + NN))); do
	r=$(rs_holding_client "$i" "$NR")
	port=$(swan_remote_port "${r:-0}" "$i")
	dest=$(conn_dest "$NATR_IP4:$port" "$VIP4:4500")
	st=$(conn_field 3 "$NATR_IP4:$port" "$VIP4:4500")
	check "NATed client $i: IKE SA on rs$r, seen from $NATR_IP4:$port" test -n "$r" -a -n "$port"
	check "NATed client $i: its 4500 entry leads to rs$r ($dest) and is $st" \
		test "$(rs_index_of "$dest")" = "$r" -a "$st" = IKE_ESTAB
	check "NATed client $i: ping through ESP-in-UDP" esp_ping "$i" v4
done
servers=$(for i in $(seq 1 $ND); do rs_holding_client "$i" "$NR"; done | sort -u | wc -l)
check "direct clients spread over $servers servers" test "$servers" -ge 2
conns | sort -k6
nsx director cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
