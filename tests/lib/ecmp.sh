# SPDX-License-Identifier: GPL-2.0-only
# Active-active directors behind an ECMP router (issue 19): no director
# holds state another one needs, because every packet after a tunnel's
# opening names its real server by an SPI (the servers' charon.spi_label
# and spi_min/spi_max, as in case 81), so the router may send any flow to
# any director, and move it, without a sync daemon.
#
#   c1..c10 ----+                 to-d1 ======= up0 d1 eth0 --+
#               +- brc -- ecmp -- to-d2 ======= up0 d2 eth0 --+- brs -- rs1..rs3
#   natr -------+         eth0    to-d3 ======= up0 d3 eth0 --+
#    brn: c11..c20                eth1 -----------------------+
#
# The router "ecmp" routes the VIP (IPv4 and IPv6) with one multipath
# route over the directors' uplinks, hashing on layer 4
# (fib_multipath_hash_policy=1): each flow (address, protocol, ports)
# sticks to one director while the group is unchanged. Each director has
# a point-to-point uplink to the router, the VIP on lo, and its IPVS
# services with every real server on brs, in DR or TUN mode (ECMP_MODE).
# The real servers hold the VIP as tests/lib/lab.sh's farm_lan has them
# hold it: on lo, not answering ARP for it (DR), or on tunl0 and ip6tnl0,
# which take the directors' IPIP and IPv6-in-IPv6 (TUN); they answer the
# clients straight through the router, their default gateway. Clients
# c1..c10 are on the router's segment, c11..c20 behind the NAT router
# natr (masquerade, tests/lib/lab.sh's nat_router; for IPv6 a masquerade
# of the same kind, to natr's 2001:db8:c::9); each client runs its own
# charon (tests/lib/swan.sh) and reaches the VIP of FAMILY (farm.sh's: 4,
# or 6 for IPv6). The real servers put their label into their IKE SPIs
# and draw their ESP SPIs from their own range (tests/lib/spi.sh's
# spi_labels) whatever the directors are told.
#
# Addresses beyond tests/lib/lab.sh's:
#   router        192.0.2.1 2001:db8:c::1 (clients), 198.51.100.1 2001:db8:5::1 (brs)
#   NATed client  100.64.0.K 2001:db8:64::K on brn, behind natr's
#                 100.64.0.1 2001:db8:64::1
#   director D    198.51.100.(1+D) 2001:db8:5::(1+D) on brs; its uplink
#                 203.0.113.(4D+2)/30 2001:db8:d:D::2/64, the router's end
#                 203.0.113.(4D+1) 2001:db8:d:D::1
#   real server R 198.51.100.(10+R) 2001:db8:5::(10+R) (rs_ip4_nat, rs_ip6_nat)
#
# Switches, from the environment or, since a guest case gets none from
# the host, from tests/lab/boot's words (ECMP_SCHED=sh on its command
# line; commas stand for spaces, which the kernel command line splits on):
#   ECMP_MODE      how the directors forward to the real servers: dr or
#                  tun (dr)
#   ECMP_SCHED     the directors' scheduler (spi)
#   ECMP_SPI_OPTS  1: each real server added with its SPI label and range
#                  (spi_rs_opts), by the patched ipvsadm; 0: without (1)
#   ECMP_PORTS     the UDP services' ports on each VIP ("500 4500"; "0"
#                  with ECMP_SVC_OPTS="-p 600" for farm_up's service)
#   ECMP_SVC_OPTS  more ipvsadm -A options of every service (none)
#   ECMP_ISAKMP    1: ISAKMP entries in every director, with
#                  ECMP_INIT_TIMEOUT (60) for claims; 0: stock IPVS (1)
#   ECMP_ENCAP     1: the direct clients force ESP-in-UDP (strongSwan
#                  encap), so their ESP shares its flow, and director,
#                  with their IKE on 4500; 0: raw ESP, hashed as a flow
#                  of its own (0)
# The lab without the SPI scheduler (a control, or a kernel without it):
# ECMP_SCHED=sh ECMP_SPI_OPTS=0 ECMP_ISAKMP=0 ECMP_ENCAP=1. Source
# hashing sends a client's every flow to one server from any director,
# stock IPVS schedules a flow new to a director like any other, and
# encapsulation keeps a direct client's ESP on the director of its IKE
# (stock IPVS and the ISAKMP entries let raw ESP follow only an entry of
# that director). With ECMP_ISAKMP=1 instead, a flow ECMP moves stalls:
# its new director has no entry, and sh alone does not steer ESP.
# FAMILY (6: the clients' tunnels run over IPv6) is set by the case
# before it sources this file, as farm.sh reads it.

# (spi.sh for the servers' labels and ranges and the checks of a client's
# SPIs; keepalived.sh for its pings and their gaps, phase and swan_all;
# both bring farm.sh, lab.sh and swan.sh)
. "$LVS_ROOT/tests/lib/spi.sh"
. "$LVS_ROOT/tests/lib/keepalived.sh"

# ecmp_cmdline: the lab.ECMP_*=VALUE words of the kernel command line
# as variables, unless the environment set them
ecmp_cmdline() {
	local kv name words
	read -ra words </proc/cmdline
	for kv in "${words[@]}"; do
		[[ $kv == lab.ECMP_*=* ]] || continue
		kv=${kv#lab.}
		name=${kv%%=*}
		[[ $name =~ ^ECMP_[A-Z_]+$ ]] || continue
		[ -n "${!name+set}" ] || printf -v "$name" %s "${kv#*=}"
	done
}
ecmp_cmdline
ECMP_MODE=${ECMP_MODE:-dr}
ECMP_SCHED=${ECMP_SCHED:-spi}
ECMP_SPI_OPTS=${ECMP_SPI_OPTS:-1}
ECMP_PORTS=${ECMP_PORTS:-500 4500}
ECMP_PORTS=${ECMP_PORTS//,/ }
ECMP_SVC_OPTS=${ECMP_SVC_OPTS:-}
ECMP_SVC_OPTS=${ECMP_SVC_OPTS//,/ }
ECMP_ISAKMP=${ECMP_ISAKMP:-1}
ECMP_INIT_TIMEOUT=${ECMP_INIT_TIMEOUT:-60}
ECMP_ENCAP=${ECMP_ENCAP:-0}
ECMP_ND=${ECMP_ND:-3} ECMP_NR=${ECMP_NR:-3}
ECMP_NDIRECT=${ECMP_NDIRECT:-10} ECMP_NNAT=${ECMP_NNAT:-10}
# the directors the VIP's route leads to (ecmp_group)
ECMP_GROUP=
# filled by ecmp_census and ecmp_event, per client K or director D
declare -A ECMP_ON ECMP_HOLDERS ECMP_SRC ECMP_DIRS ECMP_GAP ECMP_LOAD

ecmp_clients() { seq 1 $((ECMP_NDIRECT + ECMP_NNAT)); }
ecmp_gw4() { echo "203.0.113.$((4 * $1 + 1))"; }
ecmp_gw6() { echo "2001:db8:d:$1::1"; }
ecmp_up4() { echo "203.0.113.$((4 * $1 + 2))"; }
ecmp_up6() { echo "2001:db8:d:$1::2"; }
ecmp_alive() { [ -e "/run/netns/d$1" ]; }
# the VIP the clients reach, bare (no brackets)
ecmp_vip() { vip | tr -d '[]'; }

# ---- the network -----------------------------------------------------------

# ecmp_net: router, servers, clients; then the directors (ecmp_director)
# and the VIP's route over all of them
ecmp_net() {
	local r i d
	lan_add brc
	lan_add brs
	ns_add ecmp
	# Before its links exist, so that they take these as defaults. The
	# servers' replies come from the VIP on brs, where the VIP is not
	# routed: no reverse path filter. A next hop whose link lost its
	# carrier (a director gone) is left out at once, as a router with
	# carrier detection on a point-to-point link does.
	nsx ecmp sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
		net.ipv4.fib_multipath_hash_policy=1 net.ipv6.fib_multipath_hash_policy=1 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
		net.ipv4.conf.all.ignore_routes_with_linkdown=1 \
		net.ipv6.conf.all.ignore_routes_with_linkdown=1 \
		net.ipv6.conf.default.ignore_routes_with_linkdown=1
	plug ecmp eth0 brc 192.0.2.1/24 2001:db8:c::1/64
	plug ecmp eth1 brs 198.51.100.1/24 2001:db8:5::1/64
	# what the router forwards to each director (ecmp_uplinks), apart
	# from its own packets there (IPv6 neighbour discovery)
	{
		printf 'table inet ecmp {\n\tchain forwarded {\n'
		printf '\t\ttype filter hook forward priority filter;\n'
		for d in $(seq 1 "$ECMP_ND"); do
			printf '\t\toifname "to-d%s" counter\n' "$d"
		done
		printf '\t}\n}\n'
	} | nsx ecmp nft -f - || return 1
	for r in $(seq 1 "$ECMP_NR"); do ecmp_server "$r"; done
	# the VIP is in the clients' prefix: a route of its own through the
	# router, not on-link
	for i in $(seq 1 "$ECMP_NDIRECT"); do
		ns_add "c$i"
		plug "c$i" eth0 brc "$(client_ip4 "$i")/24" "$(client_ip6 "$i")/64"
		nsq "c$i" route add "$VIP4/32" via 192.0.2.1
		nsq "c$i" -6 route add "$VIP6/128" via 2001:db8:c::1
		inner_client "$i" eth0
	done
	[ "$ECMP_NNAT" -gt 0 ] && ecmp_nat_router
	for d in $(seq 1 "$ECMP_ND"); do ecmp_director "$d" || return 1; done
	ecmp_group $(seq 1 "$ECMP_ND")
}

# ecmp_nat_router: clients c(ECMP_NDIRECT+1).. behind natr (nat_router),
# which reaches the VIP through the router and masquerades IPv6 too
ecmp_nat_router() {
	local k
	nat_router $((ECMP_NDIRECT + 1)) "$ECMP_NNAT"
	nsq natr route add "$VIP4/32" via 192.0.2.1
	nsq natr -6 route add "$VIP6/128" via 2001:db8:c::1
	for k in $(seq $((ECMP_NDIRECT + 1)) $((ECMP_NDIRECT + ECMP_NNAT))); do
		nsq "c$k" -6 route add default via 2001:db8:64::1
	done
	nsx natr nft -f - <<'NFT'
table ip6 nat {
	chain post {
		type nat hook postrouting priority srcnat;
		oifname "eth0" masquerade
	}
}
NFT
}

# ecmp_server R: real server rsR on brs, holding the VIP for ECMP_MODE
ecmp_server() {
	local ns=rs$1 dev4=lo dev6=lo tun=()
	ns_add "$ns"
	plug "$ns" eth0 brs "$(rs_ip4_nat "$1")/24" "$(rs_ip6_nat "$1")/64"
	nsq "$ns" route add default via 198.51.100.1
	nsq "$ns" -6 route add default via 2001:db8:5::1
	if [ "$ECMP_MODE" = tun ]; then
		# every namespace's own tunl0 and ip6tnl0; the clients'
		# packets come out of tunl0, whose reverse path is eth0
		dev4=tunl0 dev6=ip6tnl0 tun=(net.ipv4.conf.tunl0.rp_filter=0)
		nsq "$ns" link set tunl0 up
		nsq "$ns" link set ip6tnl0 up
	fi
	nsx "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.all.arp_announce=2 \
		net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 "${tun[@]}"
	nsq "$ns" addr add "$VIP4/32" dev "$dev4"
	nsq "$ns" -6 addr add "$VIP6/128" dev "$dev6" nodad
	inner_rs "$1" eth0
}

# ecmp_director D: director dD, new and empty: its uplink to the router,
# its leg on brs, the VIP on lo, ISAKMP entries (ECMP_ISAKMP) and its
# IPVS services. The router does not route to it yet (ecmp_group).
ecmp_director() {
	local d=$1 ns=d$1
	ns_add "$ns"
	# both ends made in their namespaces (by "lan", whose queue runs
	# first), before either namespace's commands use them
	nsq lan link add "to-$ns" netns ecmp type veth peer name up0 netns "$ns"
	nsq ecmp addr add "$(ecmp_gw4 "$d")/30" dev "to-$ns"
	nsq ecmp -6 addr add "$(ecmp_gw6 "$d")/64" dev "to-$ns" nodad
	nsq ecmp link set "to-$ns" up
	nsq "$ns" addr add "$(ecmp_up4 "$d")/30" dev up0
	nsq "$ns" -6 addr add "$(ecmp_up6 "$d")/64" dev up0 nodad
	nsq "$ns" link set up0 up
	nsq "$ns" route add default via "$(ecmp_gw4 "$d")"
	nsq "$ns" -6 route add default via "$(ecmp_gw6 "$d")"
	plug "$ns" eth0 brs "198.51.100.$((1 + d))/24" "2001:db8:5::$((1 + d))/64"
	nsq "$ns" addr add "$VIP4/32" dev lo
	# deprecated, never the source of the director's own packets (an
	# IPv6 TUN header from the VIP would be refused by the servers, who
	# hold it too), as farm_lan's
	nsq "$ns" -6 addr add "$VIP6/128" dev lo nodad preferred_lft 0
	if [ "$ECMP_ISAKMP" = 1 ]; then
		DIRECTOR=$ns ISAKMP_INIT_TIMEOUT=$ECMP_INIT_TIMEOUT isakmp_on
	fi
	ecmp_ipvs "$d"
}

# ecmp_ipvs D: director dD's services, each VIP's ECMP_PORTS with
# ECMP_SCHED and every real server in ECMP_MODE, with its SPI label and
# range (spi_rs_opts) unless ECMP_SPI_OPTS=0; one ipvsadm -R, by the
# patched ipvsadm when there are such options
ecmp_ipvs() {
	local ns=d$1 fwd=-g fam vip port r rules='' adm=ipvsadm out line
	[ "$ECMP_MODE" = tun ] && fwd=-i
	[ "$ECMP_SPI_OPTS" = 1 ] && adm=$IPVSADM_PATCHED
	# both VIPs, whichever the clients reach; the servers' addresses on
	# brs are rip's "nat" ones
	for fam in 4 6; do
		vip=$(FAMILY=$fam vip)
		for port in $ECMP_PORTS; do
			rules+="-A -u $vip:$port -s $ECMP_SCHED $ECMP_SVC_OPTS"$'\n'
			for r in $(seq 1 "$ECMP_NR"); do
				rules+="-a -u $vip:$port -r $(FAMILY=$fam rip nat "$r"):$port $fwd"
				[ "$ECMP_SPI_OPTS" != 1 ] || rules+=" $(spi_rs_opts "$r")"
				rules+=$'\n'
			done
		done
	done
	if ! out=$(nsx "$ns" "$adm" -R <<<"$rules" 2>&1); then
		fail "$ns: IPVS services by $adm -R: $out"
		while read -r line; do echo "    | $line"; done <<<"$rules"
		return 1
	fi
}

# ecmp_group D...: the VIP's route leads to directors D... (in ascending order,
# whatever the order given), both families: one multipath route each,
# replaced as a whole
ecmp_group() {
	local d hops4=() hops6=()
	ECMP_GROUP=$(printf '%s\n' "$@" | sort -n | uniq | xargs)
	for d in $ECMP_GROUP; do
		hops4+=(nexthop via "$(ecmp_up4 "$d")" dev "to-d$d")
		hops6+=(nexthop via "$(ecmp_up6 "$d")" dev "to-d$d")
	done
	nsx ecmp ip route replace "$VIP4/32" "${hops4[@]}" &&
		nsx ecmp ip -6 route replace "$VIP6/128" "${hops6[@]}"
}

# ecmp_remove D: director dD leaves the ECMP group (the router's route no
# longer leads to it); it lives on, with its table
ecmp_remove() {
	local d keep=()
	for d in $ECMP_GROUP; do [ "$d" = "$1" ] || keep+=("$d"); done
	ecmp_group "${keep[@]}"
}

# ecmp_kill D: director dD dies. Its uplink loses its carrier, which the
# router sees at once (its next hop marked linkdown, and left out with
# ignore_routes_with_linkdown); the router's routing withdraws it, which
# must come before its links go (the kernel deletes an IPv4 multipath
# route whole when one next hop's device is unregistered); then its
# namespace is deleted, with its links and its connection table: done
# once the router's end of its uplink is gone.
ecmp_kill() {
	nsx "d$1" ip link set up0 down
	ecmp_remove "$1"
	ip netns del "d$1"
	wait_for 60 "d$1's namespace torn down" ecmp_uplink_gone "$1"
}

# ecmp_add D...: directors D... join the ECMP group; one that was killed
# comes back new, with an empty table
ecmp_add() {
	local d
	for d; do ecmp_alive "$d" || ecmp_director "$d" || return 1; done
	# shellcheck disable=SC2086 # the group's numbers are words
	ecmp_group $ECMP_GROUP "$@"
}

ecmp_uplink_gone() { ! nsx ecmp grep -q "^ *to-d$1:" /proc/net/dev; }

# ecmp_uplinks: "D PACKETS" for each director's uplink, the packets the
# router forwarded over it
ecmp_uplinks() {
	nsx ecmp nft list chain inet ecmp forwarded |
		sed -n 's/.*oifname "to-d\([0-9]*\)" counter packets \([0-9]*\).*/\1 \2/p'
}

# ---- the farm --------------------------------------------------------------

# ecmp_up: the whole lab, every charon started (the clients' tunnels are
# initiated by the case: swan_up_all $(ecmp_clients))
ecmp_up() {
	phase "the network: router, $ECMP_ND directors ($ECMP_MODE, $ECMP_SCHED$([ "$ECMP_SPI_OPTS" != 1 ] ||
		echo ", SPI labels")), clients over IPv$FAMILY"
	case $ECMP_MODE in
	dr | tun) ;;
	*) fail "ECMP_MODE=$ECMP_MODE: dr or tun"; return 1 ;;
	esac
	if [ "$ECMP_SPI_OPTS" = 1 ]; then
		check "the patched ipvsadm is built ($IPVSADM_PATCHED)" \
			test -x "$IPVSADM_PATCHED" || return 1
	fi
	ecmp_net || return 1
	spi_labels "$ECMP_NR"
	phase "starting the real servers' charons"
	swan_all swan_server $(seq 1 "$ECMP_NR") || return 1
	phase "starting the clients' charons"
	if [ "$ECMP_ENCAP" = 1 ]; then
		# swan_client takes no connection options: this one rides on
		# the proposals line, the connection's own
		SWAN_PROPOSALS="$SWAN_PROPOSALS"$'\n\t\tencap = yes' \
			swan_all ecmp_client $(seq 1 "$ECMP_NDIRECT") || return 1
	else
		swan_all ecmp_client $(seq 1 "$ECMP_NDIRECT") || return 1
	fi
	swan_all ecmp_client $(seq $((ECMP_NDIRECT + 1)) $((ECMP_NDIRECT + ECMP_NNAT))) ||
		return 1
	phase "charons up"
}

# ecmp_client K: client cK's charon, for the VIP of FAMILY (swan_all
# offers every client the IPv4 one). Without IPv6 flow labels of its own
# making: the client's stack draws them from a hash of the flow that it
# leaves on the packet, a veth carries that hash into the router, and
# the router's multipath hash takes it as is, not the headers a router
# on a wire hashes (and ecmp_hop's lookup)
ecmp_client() {
	nsx "c$1" sysctl -qw net.ipv6.auto_flowlabels=0
	swan_client "$1" "$(ecmp_vip)"
}

# ecmp_census: where each client K is: ECMP_ON[K], the real server holding
# its IKE SA (rs_holding_client for all at once), ECMP_HOLDERS[K], how many
# IKE SAs of K the servers hold in all; ECMP_SRC[K], its IKE's source as
# the servers see it (after any NAT), written as ipvsadm writes it
# (ADDR:PORT, [ADDR]:PORT for IPv6); ECMP_DIRS[K], the directors whose
# tables hold an entry from that source to the VIP's 4500, the flow of
# its IKE SA (and of its ESP, with encapsulation)
ecmp_census() {
	local r k addr port d tables=
	ECMP_ON=() ECMP_HOLDERS=() ECMP_SRC=() ECMP_DIRS=()
	for r in $(seq 1 "$ECMP_NR"); do
		while read -r k addr port; do
			[ -n "$k" ] || continue
			[[ $addr == *:* ]] && addr="[$addr]"
			ECMP_ON[$k]=$r ECMP_SRC[$k]=$addr:$port
			ECMP_HOLDERS[$k]=$((${ECMP_HOLDERS[$k]:-0} + 1))
		done <<<"$(swan_sas "rs$r" |
			sed -n "s/.*remote 'client\([0-9]*\)\.lab' @ \([^[]*\)\[\([0-9]*\)\].*/\1 \2 \3/p")"
	done
	for d in $(seq 1 "$ECMP_ND"); do
		ecmp_alive "$d" || continue
		tables+=$(nsx "d$d" ipvsadm -Lnc | awk -v d="$d" -v v="$(vip):4500" \
			'$5 == v { print d, $4 }')$'\n'
	done
	for k in $(ecmp_clients); do
		ECMP_DIRS[$k]=$(awk -v s="${ECMP_SRC[$k]:-none}" '$2 == s { print $1 }' \
			<<<"$tables" | sort -un | xargs)
	done
}

# ecmp_spread: "dD:N ..." for each director, N the clients whose IKE
# flows it saw (ecmp_census)
ecmp_spread() {
	local d k n out=()
	for d in $(seq 1 "$ECMP_ND"); do
		n=0
		for k in $(ecmp_clients); do
			[[ " ${ECMP_DIRS[$k]:-} " == *" $d "* ]] && n=$((n + 1))
		done
		out+=("d$d:$n")
	done
	echo "${out[*]}"
}

# ecmp_hop SRC SPORT DPORT: the director the router hands a UDP flow
# from SRC:SPORT (SRC as ipvsadm writes it) to the VIP's DPORT, coming
# from the clients' segment: the router's own lookup of that flow, whose
# addresses and ports its layer-4 hash takes as a packet's (UDP by its
# number: the guest has no /etc/protocols)
ecmp_hop() {
	local src=${1#[}
	nsx ecmp ip -"$FAMILY" route get "$(ecmp_vip)" from "${src%]}" iif eth0 \
		ipproto 17 sport "$2" dport "$3" |
		sed -n 's/.* dev to-d\([0-9]*\).*/\1/p' | head -n 1
}

# ecmp_route K: the director the router hands client K's IKE flow to now
# (from ECMP_SRC[K], ecmp_census, to the VIP's 4500)
ecmp_route() {
	local src=${ECMP_SRC[$1]:-}
	[ -n "$src" ] && ecmp_hop "${src%:*}" "${src##*:}" 4500
}

# ecmp_busiest: of the directors in the group, the one the router sent
# the most packets during the last ecmp_event
ecmp_busiest() {
	local d best='' max=-1
	for d in $ECMP_GROUP; do
		if [ "${ECMP_LOAD[$d]:-0}" -gt "$max" ]; then
			max=${ECMP_LOAD[$d]:-0} best=$d
		fi
	done
	echo "$best"
}

# ecmp_esp_in R SPI: packets real server R counted on its SA SPI
ecmp_esp_in() {
	nsx "rs$1" ip -s xfrm state | awk -v spi="$2" '
		$1 == "proto" && $3 == "spi" { s = $4; sub(/\(.*/, "", s); on = (s == spi) }
		on && /^[ \t]*[0-9]+\(bytes\), [0-9]+\(packets\)/ {
			sub(/\(packets\).*/, ""); sub(/.*, /, ""); print; exit }'
}

# ecmp_esp_checks WHEN: every client pings through its tunnel (all at
# once), and its ESP SPI, in the range of the server holding its IKE SA
# (ecmp_census), counted the pings there
ecmp_esp_checks() {
	local when=$1 k r spi before after
	local -A spis counts pid
	for k in $(ecmp_clients); do
		r=${ECMP_ON[$k]:-}
		spi=$(esp_out_spi "$k")
		spis[$k]=$spi
		[ -n "$r" ] && [ -n "$spi" ] && counts[$k]=$(ecmp_esp_in "$r" "$spi")
	done
	for k in $(ecmp_clients); do
		esp_ping "$k" v4 3 >/dev/null &
		pid[$k]=$!
	done
	for k in $(ecmp_clients); do
		check "client $k ($when): pings through ESP" wait "${pid[$k]}"
	done
	for k in $(ecmp_clients); do
		r=${ECMP_ON[$k]:-} spi=${spis[$k]}
		check "client $k ($when): its ESP SPI ${spi:-none} in rs${r:-?}'s range" \
			in_range "${spi:-0}" "${r:-x}" || continue
		before=${counts[$k]:-0}
		after=$(ecmp_esp_in "$r" "$spi")
		check "client $k ($when): its ESP reached rs$r ($before -> ${after:-none} packets)" \
			test "${after:-0}" -ge $((before + 3))
	done
}

# ecmp_decapsulated: "rsR:N ..." for each real server, N the packets it
# took out of its tunnel device for the clients' family (tunl0, ip6tnl0)
ecmp_decapsulated() {
	local r dev=tunl0 out=()
	[ "$FAMILY" = 6 ] && dev=ip6tnl0
	for r in $(seq 1 "$ECMP_NR"); do
		out+=("rs$r:$(nsx "rs$r" cat /proc/net/dev | awk -v d="$dev:" '$1 == d { print $3 }')")
	done
	echo "${out[*]}"
}

# ---- events and the pings across them ----------------------------------------

ecmp_pings_start() {
	local k
	for k in $(ecmp_clients); do ping_start "$k"; done
}

# ecmp_pings_stop: end the clients' pings (ping_start's, in their
# namespaces)
ecmp_pings_stop() {
	local proc comm k
	for proc in /proc/[0-9]*; do
		read -r comm <"$proc/comm" 2>/dev/null || continue
		[ "$comm" = ping ] || continue
		for k in $(ecmp_clients); do
			[ "$proc/ns/net" -ef "/run/netns/c$k" ] || continue
			kill "${proc#/proc/}" 2>/dev/null
			break
		done
	done
}

# ecmp_answered T: every client had a ping reply after T
ecmp_answered() {
	local k
	for k in $(ecmp_clients); do ping_since "$k" "$1" || return 1; done
}

# ecmp_event DESC CMD...: CMD while every client pings through its tunnel
# every 0.2 s: from all of them answering, through CMD, to all answering
# for 2 s after it. ECMP_GAP[K]: client K's longest time without a reply
# in that window (ping_gap); ECMP_LOAD[D]: the packets the router sent to
# director D in the 2 s after CMD.
ecmp_event() {
	local desc=$1 start t0 end t1 k d n rc=0
	local -A before
	shift
	ECMP_GAP=() ECMP_LOAD=()
	start=$EPOCHREALTIME
	ecmp_pings_start
	wait_for 20 "$desc: every client's pings answered before" ecmp_answered "$start"
	t0=$EPOCHREALTIME
	phase "$desc"
	"$@" || { fail "$desc: $*"; rc=1; }
	end=$EPOCHREALTIME
	while read -r d n; do [ -n "$d" ] && before[$d]=$n; done <<<"$(ecmp_uplinks)"
	wait_for 20 "$desc: every client's pings answered for 2 s after" \
		ecmp_answered "$((${end%.*} + 2)).${end#*.}"
	while read -r d n; do
		[ -n "$d" ] && ECMP_LOAD[$d]=$((n - ${before[$d]:-$n}))
	done <<<"$(ecmp_uplinks)"
	t1=$EPOCHREALTIME
	ecmp_pings_stop
	for k in $(ecmp_clients); do ECMP_GAP[$k]=$(ping_gap "$k" "$t0" "$t1"); done
	log "$desc: packets to each director after it: $(for d in $(seq 1 "$ECMP_ND"); do
		printf 'd%s:%s ' "$d" "${ECMP_LOAD[$d]:--}"; done)"
	return "$rc"
}

# ecmp_gap_max: "SECONDS K" of the longest gap of the last ecmp_event
ecmp_gap_max() {
	local k
	for k in $(ecmp_clients); do echo "${ECMP_GAP[$k]:-999} $k"; done | sort -g | tail -n 1
}

# ecmp_counter NAME: "dD:N ..." of the ISAKMP counter NAME in each live
# director (/proc/net/ip_vs_isakmp; a killed director's went with it)
ecmp_counter() {
	local d out=()
	for d in $(seq 1 "$ECMP_ND"); do
		ecmp_alive "$d" || continue
		out+=("d$d:$(DIRECTOR=d$d isakmp_counter "$1")")
	done
	echo "${out[*]}"
}

# ecmp_counter_sum NAME: that counter summed over the live directors
ecmp_counter_sum() {
	ecmp_counter "$1" | tr ' ' '\n' | awk -F: '{ n += $2 } END { print n + 0 }'
}

# ecmp_sync_daemons: the IPVS sync daemons running anywhere (their
# kernel threads, ipvs-m:* and ipvs-b:*, in any namespace), and what
# each live director's ipvsadm says of its own
ecmp_sync_daemons() {
	local proc comm d
	for proc in /proc/[0-9]*; do
		read -r comm <"$proc/comm" 2>/dev/null || continue
		[[ $comm == ipvs-[mb]:* ]] && echo "thread $comm"
	done
	for d in $(seq 1 "$ECMP_ND"); do
		ecmp_alive "$d" && nsx "d$d" ipvsadm -L --daemon | sed "s/^/d$d: /"
	done
	return 0
}

# ecmp_explain: what each live director counted and holds, and how far
# the real servers got, for a tunnel that did not come up
ecmp_explain() {
	local d r
	for d in $(seq 1 "$ECMP_ND"); do
		ecmp_alive "$d" || continue
		log "d$d: $(DIRECTOR=d$d isakmp_nonzero)"
		DIRECTOR=d$d conns | sed "s/^/    | d$d /"
	done
	for r in $(seq 1 "$ECMP_NR"); do
		log "rs$r: $(grep -c 'received packet' "$(swan_dir "rs$r")/charon.log") IKE packets received," \
			"$(grep -c 'sending packet' "$(swan_dir "rs$r")/charon.log") sent"
	done
}
