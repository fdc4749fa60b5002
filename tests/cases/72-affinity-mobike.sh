# SPDX-License-Identifier: GPL-2.0-only
# MOBIKE (RFC 4555) through the director, "-p 600 --pe ike" (NAT mode;
# MODE=dr for direct routing, case 73; FAMILY=6 for a client that reaches
# the VIP over IPv6 and changes its IPv6 address, cases 79 and 80):
# a client's address changes (a new one added, the old one deleted);
# strongSwan moves its IKE SA there with UPDATE_SA_ADDRESSES on 4500, and
# the director sends that new flow to the server that holds the SA,
# found by its initiator SPI. The tunnel keeps working with the same IKE
# SPIs on the same server. PE=none runs it with persistence by address,
# where the new address is scheduled anew (rr: to the other server).
. "$LVS_ROOT/tests/lib/farm.sh"
NR=2
PE=${PE:-ike}
MODE=${MODE:-nat}
# the client's address before and after the move, its prefix length and
# its gateway (NAT mode); NEW_SRC as ipvsadm prints it
if [ "$FAMILY" = 6 ]; then
	OLD=$(client_ip6 1) NEW=2001:db8:c::41 LEN=64 GW=2001:db8:c::1 NEW_SRC=[2001:db8:c::41]
else
	OLD=$(client_ip4 1) NEW=192.0.2.41 LEN=24 GW=192.0.2.1 NEW_SRC=192.0.2.41
fi

if [ "$MODE" = nat ]; then farm_nat 1 "$NR"; else farm_lan "$MODE" 1 "$NR"; fi
isakmp_on
if [ "$PE" = none ]; then
	ipvs -A -u "$(vip):0" -s rr -p 600
else
	ipvs -A -u "$(vip):0" -s rr -p 600 --pe "$PE"
fi
for r in $(seq 1 $NR); do ipvs -a -u "$(vip):0" -r "$(rip "$MODE" "$r"):0" "$FWD"; done
for r in $(seq 1 $NR); do swan_server "$r" || finish; done
swan_client 1 "$(vip | tr -d '[]')" || finish

check "client 1: tunnel up" swan_up 1
check "client 1: ping through ESP" esp_ping 1 v4
r=$(rs_holding_client 1 "$NR")
spis=$(swan_ike_spis c1)
log "client 1: IKE SA $spis on rs${r:-?} from $OLD"

# A real server lists its own addresses in MOBIKE (ADDITIONAL_*_ADDRESS),
# and the client probes every path when it moves: one that reaches the
# server itself takes the IKE SA off the director (seen here over IPv6 in
# NAT mode and on the shared LAN in DR mode). Clients on the Internet do
# not reach a farm's own addresses: neither does this one.
for o in $(seq 1 $NR); do
	if [ "$MODE" = nat ]; then a4=$(rs_ip4_nat "$o") a6=$(rs_ip6_nat "$o")
	else a4=$(rs_ip4_lan "$o") a6=$(rs_ip6_lan "$o"); fi
	nsx c1 ip route add blackhole "$a4/32"
	nsx c1 ip -6 route add blackhole "$a6/128"
done

# the client's address changes: the new one first, then the old one goes,
# in one batch, so that charon's roam event (fired 100 ms after the last
# address event) sees the final state. Done in two commands, the event
# could fire between them: charon then probed the path from the old
# address, still there, and sent no update at all (seen in a full run).
nsx c1 sysctl -qw net.ipv4.conf.eth0.promote_secondaries=1
{
	echo "addr add $NEW/$LEN dev eth0"
	echo "addr del $OLD/$LEN dev eth0"
	[ "$MODE" = nat ] && echo "route replace default via $GW"
} | nsx c1 ip -batch -
sa_moved() { swan_sas "rs$r" | grep -q "remote 'client1.lab' @ $NEW\["; }
wait_for 60 "rs$r sees client 1's IKE SA at $NEW" sa_moved ||
	grep -i "mobike\|update_sa\|address\|path\|endpoint\|retransmit" "$(swan_dir c1)/charon.log" | tail -n 20
check "client 1: the same IKE SA ($(swan_ike_spis c1))" \
	test -n "$spis" -a "$(swan_ike_spis c1)" = "$spis"
check "rs$r: still holds client 1's IKE SA, the same SPIs" \
	grep -q "${spis%% *}_i" <<<"$(swan_sas "rs$r")"
check "client 1: ping through ESP" esp_ping 1 v4
check "client 1: its ESP SAs now leave from $NEW" \
	grep -q "^src $NEW " <<<"$(nsx c1 ip xfrm state)"
dest=$(conn_dest "$NEW_SRC:4500" "$(vip):4500")
st=$(conn_field 3 "$NEW_SRC:4500" "$(vip):4500")
check "director: the entry $NEW_SRC:4500 leads to rs$r ($dest) and is ${st:-gone}" \
	test "$(rs_index_of "$dest")" = "$r" -a "$st" = IKE_ESTAB
for o in $(seq 1 $NR); do
	[ "$o" = "$r" ] && continue
	check_not "rs$o: never saw client 1" \
		grep -q "client1.lab\|$NEW" <<<"$(swan_sas "rs$o"; cat "$(swan_dir "rs$o")/charon.log")"
done
conns
nsx director cat /proc/net/ip_vs_conn | sed -n '1p;/ ike /p'
nsx director cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
