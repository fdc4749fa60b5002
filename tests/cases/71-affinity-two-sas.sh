# SPDX-License-Identifier: GPL-2.0-only
# Two IKE SAs from one public address go where the scheduler sends them,
# each on its own ("-p 600 --pe ike", rr, two servers): two strongSwan
# clients behind one NAT router land one on each server. The same for
# IKEv1: two main-mode openings from one address, with two initiator
# cookies, are scheduled apart, and a later message of the first,
# from yet another port, follows its cookie to its server; the template
# of an opening nobody completes dies with its IKE_INIT entry.
. "$LVS_ROOT/tests/lib/farm.sh"
NR=2

farm_nat 1 "$NR"
nat_router 21 2
isakmp_on
ipvs -A -u "$VIP4:0" -s rr -p 600 --pe ike
for r in $(seq 1 $NR); do ipvs -a -u "$VIP4:0" -r "$(rs_ip4_nat "$r"):0" -m; done
for r in $(seq 1 $NR); do swan_server "$r" || finish; done
for i in 21 22; do swan_client "$i" || finish; done

for i in 21 22; do
	check "NATed client $i: tunnel up" swan_up "$i"
	check "NATed client $i: ping through ESP-in-UDP" esp_ping "$i" v4
done
r21=$(rs_holding_client 21 "$NR")
r22=$(rs_holding_client 22 "$NR")
check "the two IKE SAs from $NATR_IP4 are on two servers (rs${r21:-?}, rs${r22:-?})" \
	test -n "$r21" -a -n "$r22" -a "$r21" != "$r22"
for i in 21 22; do
	r=$(rs_holding_client "$i" "$NR")
	port=$(swan_remote_port "${r:-0}" "$i")
	dest=$(conn_dest "$NATR_IP4:$port" "$VIP4:4500")
	check "NATed client $i: its 4500 entry leads to rs$r ($dest)" \
		test -n "$port" -a "$(rs_index_of "$dest")" = "$r"
done

# IKEv1 main mode openings from c1, two cookies, two source ports
C=$(client_ip4 1)
ikepkt c1 ike "$VIP4" --ike-version 1 --exchange 2 --sport 5001 \
	--icookie 1111111111111111
ikepkt c1 ike "$VIP4" --ike-version 1 --exchange 2 --sport 5002 \
	--icookie 2222222222222222
wait_for 5 "two IKEv1 entries" test -n "$(conn_dest "$C:5002" "$VIP4:500")"
d1=$(conn_dest "$C:5001" "$VIP4:500")
d2=$(conn_dest "$C:5002" "$VIP4:500")
check "IKEv1: two openings from $C on two servers ($d1, $d2)" \
	test -n "$d1" -a -n "$d2" -a "$d1" != "$d2"
# the first SA's next main-mode message, from another port
ikepkt c1 ike "$VIP4" --ike-version 1 --exchange 2 --sport 5003 \
	--icookie 1111111111111111 --rcookie 0123456789abcdef
wait_for 5 "an entry for port 5003" test -n "$(conn_dest "$C:5003" "$VIP4:500")"
d3=$(conn_dest "$C:5003" "$VIP4:500")
check "IKEv1: the first cookie's next message follows it ($d3 = $d1)" \
	test -n "$d3" -a "$d3" = "$d1"
# the second opening is never answered in kind: its entry dies in
# IKE_INIT and takes its unassured template along
pe_template() { nsx director grep -q " ike $1\$" /proc/net/ip_vs_conn; }
check "IKEv1: the second opening has its own template" pe_template 2222222222222222
nsx director cat /proc/net/ip_vs_conn | sed -n '1p;/ ike /p'
wait_for 30 "the abandoned opening's template went with its IKE_INIT entry" \
	eval '! pe_template 2222222222222222'
conns
nsx director cat /proc/net/ip_vs_conn | sed -n '1p;/ ike /p'
finish
