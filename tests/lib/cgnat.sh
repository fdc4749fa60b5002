# SPDX-License-Identifier: GPL-2.0-only
# Many clients behind one NAT address, to a farm that balances IKE SAs
# (the IKE persistence engine, "-p 600 --pe ike"), in any forwarding mode
# and either family: the affinity cases 70 and 74-78.
#
# Under emulation a charon costs seconds, so all the NATed clients share
# one charon in namespace "cn" behind the NAT router "natr", each from its
# own address with its own identity (clientK.lab), inner addresses and
# connection "cK"; the direct clients share one in "cd" on the client
# segment. The NAT router maps each NATed client's ports 500 and 4500 to
# ports of its own (CGNAT_PORT500 + K, CGNAT_PORT4500 + K), so that the
# director's entries of client K are known without asking the router.

. "$LVS_ROOT/tests/lib/farm.sh"

CGNAT_ND=2 CGNAT_NN=20 CGNAT_NR=3
CGNAT_PORT500=10000 CGNAT_PORT4500=20000
NATR_IP6=2001:db8:c::9
# NATed clients are 21.., direct ones 1..: their inner addresses
# (198.18.1.K) are in the servers' traffic selectors
cgnat_natted() { seq 21 $((20 + CGNAT_NN)); }
cgnat_is_natted() { [ "$1" -gt 20 ]; }
cgnat_direct() { seq 1 "$CGNAT_ND"; }
cgnat_private4() { echo "100.64.0.$1"; }
cgnat_private6() { echo "2001:db8:64::$1"; }

# cgnat_source K PORT: where the director sees client K's PORT (500 or
# 4500) come from, as ipvsadm prints it
cgnat_source() {
	local k=$1 port=$2 base
	if ! cgnat_is_natted "$k"; then
		echo "$(cip "$k"):$port"
		return
	fi
	if [ "$port" = 500 ]; then base=$CGNAT_PORT500; else base=$CGNAT_PORT4500; fi
	if [ "$FAMILY" = 6 ]; then echo "[$NATR_IP6]:$((base + k))"
	else echo "$NATR_IP4:$((base + k))"; fi
}

# cgnat_router MODE: the NAT router on the client segment and the private
# segment brn behind it, with one snat rule per client and port
cgnat_router() {
	local mode=$1 k fam
	lan_add brn
	ns_add natr
	router natr
	plug natr eth0 brc "$NATR_IP4/24" "$NATR_IP6/64"
	plug natr eth1 brn 100.64.0.1/24 2001:db8:64::1/64
	cgnat_routes natr "$mode"
	{
		for fam in ip ip6; do
			echo "table $fam nat {"
			echo "	chain post {"
			echo "		type nat hook postrouting priority srcnat;"
			for k in $(cgnat_natted); do
				if [ $fam = ip ]; then
					src=$(cgnat_private4 "$k") pub=$NATR_IP4
				else
					src=$(cgnat_private6 "$k") pub="[$NATR_IP6]"
				fi
				echo "		oifname eth0 $fam saddr $src udp sport 500 snat to $pub:$((CGNAT_PORT500 + k))"
				echo "		oifname eth0 $fam saddr $src udp sport 4500 snat to $pub:$((CGNAT_PORT4500 + k))"
			done
			echo "		oifname eth0 masquerade"
			echo "	}"
			echo "}"
		done
	} | nsx natr nft -f -
}

# cgnat_routes NS MODE: NS on the client segment reaches the VIPs: through
# the director (NAT), or straight on the segment as farm_lan's clients do
# (DR, TUN; any other MODE, such as a director pair's VIP that VRRP places)
cgnat_routes() {
	if [ "$2" = nat ]; then
		nsx "$1" ip route add default via 192.0.2.1
		nsx "$1" ip -6 route add default via 2001:db8:c::1
	else
		nsx "$1" ip route add "$VIP4/32" dev eth0
		nsx "$1" ip -6 route add "$VIP6/128" dev eth0
	fi
}

# cgnat_clients NS K...: one charon in NS for clients K..., each
# initiating its tunnel as soon as it is loaded; NS holds their outer
# addresses already, their inner ones are added here. With DPD, as
# docs/limits.md asks of DR/TUN clients: the director confirms a DR/TUN
# client's claim by its next ESP or IKE request, and these tunnels carry
# nothing until the case pings through them.
cgnat_clients() {
	local ns=$1 k local_addr remote_addr
	shift
	remote_addr=$(vip)
	remote_addr=${remote_addr//[][]/}
	{
		echo "connections {"
		for k in "$@"; do
			if cgnat_is_natted "$k"; then
				local_addr=$(if [ "$FAMILY" = 6 ]; then cgnat_private6 "$k"; else cgnat_private4 "$k"; fi)
			else
				local_addr=$(cip "$k")
				local_addr=${local_addr//[][]/}
			fi
			cat <<CONF
	c$k {
		version = $SWAN_VERSION
		local_addrs = $local_addr
		remote_addrs = $remote_addr
		proposals = $SWAN_PROPOSALS
		dpd_delay = 2s
		local {
			auth = psk
			id = client$k.lab
		}
		remote {
			auth = psk
			id = vpn.lab
		}
		children {
			c$k {
				local_ts = $(inner_client4 "$k")/32, $(inner_client6 "$k")/128
				remote_ts = $INNER_RS4/32, $INNER_RS6/128
				esp_proposals = $SWAN_ESP
				start_action = start
			}
		}
	}
CONF
			nsq "$ns" addr add "$(inner_client4 "$k")/32" dev lo
			nsq "$ns" -6 addr add "$(inner_client6 "$k")/128" dev lo nodad
		done
		echo "}"
		echo "secrets { ike-lab { secret = lab-secret-0123456789 } }"
	} >"$(swan_dir "$ns")/swanctl.conf"
	nsq "$ns" route add 198.18.0.0/24 dev eth0
	nsq "$ns" -6 route add 2001:db8:f::/64 dev eth0
	swan_start "$ns"
}

# cgnat_farm MODE SCHED: the farm, the service (persistent by IKE SA, or
# by address with PE=none; ISAKMP entries on unless ISAKMP=0, for the
# stock set), the servers' charons and the NAT router; then every client's
# charon, which brings its tunnels up
cgnat_farm() {
	local mode=$1 sched=$2 r k
	if [ "$mode" = nat ]; then farm_nat 0 "$CGNAT_NR"
	else farm_lan "$mode" 0 "$CGNAT_NR"; fi
	[ "${ISAKMP:-1}" = 0 ] || isakmp_on
	if [ "${PE:-ike}" = none ]; then
		ipvs -A -u "$(vip):0" -s "$sched" -p 600
	else
		ipvs -A -u "$(vip):0" -s "$sched" -p 600 --pe "${PE:-ike}"
	fi
	for r in $(seq 1 "$CGNAT_NR"); do
		ipvs -a -u "$(vip):0" -r "$(rip "$mode" "$r"):0" "$FWD"
	done
	check "the service balances with $sched, persistence engine '${PE:-ike}'" \
		grep -q "$sched persistent 600$([ "${PE:-ike}" = none ] || echo " pe ${PE:-ike}")\$" \
		<<<"$(ipvs -Ln)"
	for r in $(seq 1 "$CGNAT_NR"); do swan_server "$r" || return 1; done
	cgnat_natted_clients "$mode" || return 1
	cgnat_hosts cd brc client_ip4 client_ip6 $(cgnat_direct)
	cgnat_routes cd "$mode"
	cgnat_clients cd $(cgnat_direct)
}

# cgnat_natted_clients MODE: the NAT router on the client segment and the
# NATed clients' charon behind it, which brings their tunnels up
cgnat_natted_clients() {
	cgnat_router "$1"
	cgnat_hosts cn brn cgnat_private4 cgnat_private6 $(cgnat_natted)
	nsq cn route add default via 100.64.0.1
	nsq cn -6 route add default via 2001:db8:64::1
	cgnat_clients cn $(cgnat_natted)
}

# cgnat_hosts NS BRIDGE ADDR4 ADDR6 K...: namespace NS on BRIDGE with the
# addresses (ADDR4 K)/24 and (ADDR6 K)/64 of each client K
cgnat_hosts() {
	local ns=$1 br=$2 a4=$3 a6=$4 k
	shift 4
	ns_add "$ns"
	plug "$ns" eth0 "$br" "$($a4 "$1")/24" "$($a6 "$1")/64"
	shift
	for k in "$@"; do
		nsq "$ns" addr add "$($a4 "$k")/24" dev eth0
		nsq "$ns" -6 addr add "$($a6 "$k")/64" dev eth0 nodad
	done
}

# cgnat_ns K: the namespace of client K's charon
cgnat_ns() { if cgnat_is_natted "$1"; then echo cn; else echo cd; fi; }

# cgnat_all_up [NS...]: every tunnel of the clients' charons in NS...
# (cn, the NATed ones, and cd, the direct ones, by default) installed
cgnat_all_up() {
	local ns n=0 sas=
	[ $# -gt 0 ] || set -- cn cd
	for ns in "$@"; do
		if [ "$ns" = cn ]; then n=$((n + CGNAT_NN)); else n=$((n + CGNAT_ND)); fi
		sas+=$(swan_sas "$ns")$'\n'
	done
	test "$(grep -c 'INSTALLED, TUNNEL' <<<"$sas")" -eq "$n"
}

# cgnat_explain_down: the end of the charon log of each client whose
# tunnel is not installed
cgnat_explain_down() {
	local k ns
	for k in $(cgnat_direct) $(cgnat_natted); do
		ns=$(cgnat_ns "$k")
		swan_sas "$ns" | grep -A3 "^c$k: " | grep -q 'INSTALLED, TUNNEL' && continue
		log "client $k is down; the end of its log:"
		grep "<c$k|" "$(swan_dir "$ns")/charon.log" | tail -n 15 | sed 's/^/    /'
	done
}

# cgnat_holders: "clientK.lab R" for every IKE SA on real server R
cgnat_holders() {
	local r
	for r in $(seq 1 "$CGNAT_NR"); do
		swan_sas "rs$r" | sed -n "s/.*remote '\(client[0-9]*\.lab\)'.*/\1 $r/p"
	done
}

# cgnat_spis NS: "K SPI" for each client of NS, its IKE SA's initiator SPI
cgnat_spis() {
	swan_sas "$1" | sed -n 's/^c\([0-9]*\): #[0-9]*, ESTABLISHED, IKEv2, \([0-9a-f]\{16\}\)_i.*/\1 \2/p'
}

# cgnat_census ON SPIS: fill the associative arrays named ON and SPIS:
# for each client K, the real server holding its IKE SA and the SA's
# initiator SPI as the client's charon lists it
cgnat_census() {
	local -n _on=$1 _spis=$2
	local k r spi
	# (here-strings: the guest has no /dev/fd for process substitution)
	while read -r k r; do
		[ -n "$k" ] && _on[${k#client}]=$r
	done <<<"$(cgnat_holders | sed 's/\.lab//')"
	while read -r k spi; do
		[ -n "$k" ] && _spis[$k]=$spi
	done <<<"$(cgnat_spis cn; cgnat_spis cd)"
}

# cgnat_ping K: one ping each way of family through client K's tunnel
cgnat_ping() {
	nsx "$(cgnat_ns "$1")" ping -c 1 -W 2 -I "$(inner_client4 "$1")" "$INNER_RS4" >/dev/null &&
		nsx "$(cgnat_ns "$1")" ping -6 -c 1 -W 2 -I "$(inner_client6 "$1")" "$INNER_RS6" >/dev/null
}

# cgnat_case MODE SCHED: the whole case
cgnat_case() {
	local mode=$1 sched=$2 k r spi table templates share n dest holders clsas sas
	cgnat_farm "$mode" "$sched" || finish
	wait_for 120 "all $((CGNAT_ND + CGNAT_NN)) tunnels up" cgnat_all_up ||
		cgnat_explain_down
	declare -A on spis
	cgnat_census on spis
	# first what a user sees: every tunnel carries pings
	for k in $(cgnat_direct) $(cgnat_natted); do
		check "client $k: pings through its tunnel, both families" cgnat_ping "$k"
	done
	table=$(conns)
	holders=$(cgnat_holders | sed 's/\.lab//')
	clsas=$(swan_sas cn; swan_sas cd)
	templates=$(nsx "$DIRECTOR" cat /proc/net/ip_vs_conn)
	for k in $(cgnat_direct) $(cgnat_natted); do
		r=${on[$k]:-}
		spi=${spis[$k]:-}
		check "client $k: IKE SA ${spi:-?} on rs${r:-none}" test -n "$r" -a -n "$spi"
		[ -n "$r" ] || continue
		cgnat_entry_checks "$k" "$r" "$table"
		if [ "${PE:-ike}" != none ]; then
			dest=$(awk -v s="$spi" '$(NF - 1) == "ike" && $NF == s { print $6 }' \
				<<<"$templates" | xargs)
			# where the client's IKE SAs are, to explain a mismatch
			sas="$(grep -c "^c$k: #" <<<"$clsas") at the client, on"
			sas+=" $(awk -v c="client$k" '$1 == c { s = s sep "rs" $2; sep = "," } END { print s }' <<<"$holders")"
			check "client $k: the template of its IKE SA leads to rs$r (${dest:-none}; SAs: $sas)" \
				test "$dest" = "$(rip_hex "$mode" "$r")"
		fi
	done
	share=$((CGNAT_NN / CGNAT_NR))
	for r in $(seq 1 "$CGNAT_NR"); do
		n=0
		for k in $(cgnat_natted); do [ "${on[$k]:-}" = "$r" ] && n=$((n + 1)); done
		check "rs$r holds $n of the $CGNAT_NN NATed clients (even share $share)" \
			test "$n" -ge $((share / 2)) -a "$n" -le $((share * 2))
	done
	log "$(isakmp_nonzero)"
}

# cgnat_entry K PORT TABLE: "STATE DEST..." of client K's entries to the
# VIP's PORT in TABLE (ipvsadm -Lnc): IKE_ESTAB if one of them is, and
# every destination
cgnat_entry() {
	awk -v s="$(cgnat_source "$1" "$2")" -v v="$(vip):$2" '
		$4 == s && $5 == v {
			if (st != "IKE_ESTAB") st = $3
			d = d " " $6
		}
		END { print st d }' <<<"$3"
}

# all_on R DEST...: every DEST is rsR
all_on() {
	local r=$1 d
	shift
	for d in "$@"; do [ "$(rs_index_of "$d")" = "$r" ] || return 1; done
}

# estab_on R STATE DEST...: IKE_ESTAB, with destinations, all rsR
estab_on() { [ "$2" = IKE_ESTAB ] && [ $# -gt 2 ] && all_on "$1" "${@:3}"; }

# cgnat_entry_checks K R TABLE: client K's entries in TABLE lead to rsR.
# Its IKE SA lives on 4500 (strongSwan moves there for MOBIKE even
# without a NAT on the path), where its entry is IKE_ESTAB; the 500
# entry it left behind is gone or on rsR too.
cgnat_entry_checks() {
	local k=$1 r=$2 table=$3 st dest
	read -r st dest <<<"$(cgnat_entry "$k" 4500 "$table")"
	check "client $k: its entry from $(cgnat_source "$k" 4500) is IKE_ESTAB on rs$r ($st $dest)" \
		estab_on "$r" "$st" $dest
	read -r st dest <<<"$(cgnat_entry "$k" 500 "$table")"
	check "client $k: its 500 entry, left behind, is gone or on rs$r (${st:-gone} $dest)" \
		all_on "$r" $dest
}

# ip6_exploded ADDR: every group of an IPv6 address in four hex digits,
# as /proc/net/ip_vs_conn prints it (in the shell: a python3 start costs
# about 0.1 s of emulated CPU, and the cases ask for every client)
ip6_exploded() {
	local head=${1%%::*} tail= i out=()
	local -a h t
	[[ $1 == *::* ]] && tail=${1#*::}
	IFS=: read -ra h <<<"$head"
	IFS=: read -ra t <<<"$tail"
	for i in "${h[@]}"; do out+=($((16#$i))); done
	for ((i = ${#h[@]} + ${#t[@]}; i < 8; i++)); do out+=(0); done
	for i in "${t[@]}"; do out+=($((16#$i))); done
	printf '%04x:%04x:%04x:%04x:%04x:%04x:%04x:%04x\n' "${out[@]}"
}

# rip_hex MODE R: rsR's address as /proc/net/ip_vs_conn prints it
rip_hex() {
	local a
	a=$(rip "$1" "$2")
	a=${a//[][]/}
	if [ "$FAMILY" = 6 ]; then
		ip6_exploded "$a"
	else
		printf '%02X%02X%02X%02X\n' ${a//./ }
	fi
}
