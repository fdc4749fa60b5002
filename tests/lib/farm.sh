# SPDX-License-Identifier: GPL-2.0-only
# A VPN farm behind the director, as the baseline cases and the demo build
# it: strongSwan real servers behind one persistent service, strongSwan
# clients bringing their tunnels up through the VIP.

. "$LVS_ROOT/tests/lib/lab.sh"
. "$LVS_ROOT/tests/lib/swan.sh"

# farm_up MODE NCLIENTS NSERVERS: topology, one persistent all-ports UDP
# service (IKE on 500 and 4500 of a client stays on one server), charons
farm_up() {
	local mode=$1 nc=$2 nr=$3 i rip
	if [ "$mode" = nat ]; then farm_nat "$nc" "$nr"; else farm_lan "$mode" "$nc" "$nr"; fi
	ipvs -A -u "$VIP4:0" -s rr -p 600
	for i in $(seq 1 "$nr"); do
		if [ "$mode" = nat ]; then rip=$(rs_ip4_nat "$i"); else rip=$(rs_ip4_lan "$i"); fi
		ipvs -a -u "$VIP4:0" -r "$rip:0" "$FWD"
	done
	for i in $(seq 1 "$nr"); do swan_server "$i" || return 1; done
	for i in $(seq 1 "$nc"); do swan_client "$i" || return 1; done
}

# tunnel_checks I NSERVERS PORTS: client I's tunnel is up, carries pings,
# and the director's entries for each of its IKE ports lead to the real
# server that holds its IKE SA
tunnel_checks() {
	local i=$1 nr=$2 ports=$3 r cip port dest before after
	check "client $i: tunnel up" swan_up "$i"
	r=$(rs_holding_client "$i" "$nr")
	check "client $i: a real server holds its IKE SA (rs${r:-none})" test -n "$r"
	before=$(esp_packets "c$i")
	check "client $i: ping through ESP" esp_ping "$i"
	after=$(esp_packets "c$i")
	check "client $i: ESP SA counted the pings ($before -> $after)" \
		test "$after" -ge "$((before + 6))"
	cip=$(client_ip4 "$i")
	for port in $ports; do
		dest=$(conn_dest "$cip:$port" "$VIP4:$port")
		check "client $i: entry $cip:$port -> $VIP4:$port leads to rs${r:-?} ($dest)" \
			test -n "$dest" -a "$(rs_index_of "$dest")" = "${r:-x}"
	done
}
