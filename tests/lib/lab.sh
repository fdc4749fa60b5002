# SPDX-License-Identifier: GPL-2.0-only
# Library of the guest cases: namespaces, topologies, waits and checks.
# Sourced by every tests/cases/*.sh; runs inside the lab guest only.
#
# Addresses come from the documentation and benchmark ranges, so nothing
# here can ever be mistaken for a real network:
#   client side   192.0.2.0/24    2001:db8:c::/64
#   server side   198.51.100.0/24 2001:db8:5::/64 (NAT: behind the director)
#   VIP           192.0.2.100     2001:db8:c::100
#   tunnel inner  198.18.0.1 on every real server, 198.18.1.N on client N
#                 (v6: 2001:db8:f::1 and 2001:db8:f:1::N)

set -u
LAB_TMP=/tmp/lab
LAB_NS=()
FAILS=0

# nap SECONDS: sleep without a process (a sleep process costs about 2 ms
# of emulated CPU, and waits poll hundreds of times a case): a read on a
# FIFO that nobody writes to times out instead
mkdir -p "$LAB_TMP"
[ -p "$LAB_TMP/.nap" ] || mkfifo "$LAB_TMP/.nap"
exec {LAB_NAP_FD}<>"$LAB_TMP/.nap"
nap() { read -rt "$1" -u "$LAB_NAP_FD" _; return 0; }

# ---- messages and checks -------------------------------------------------

log() { echo "  $*"; }

fail() {
	echo "  FAIL: $*"
	FAILS=$((FAILS + 1))
}

pass() { echo "  ok: $*"; }

# check DESC CMD...: one assertion, reported either way; its status is the
# verdict, so that "check ... || explain" can add detail to a failure
check() {
	local desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc"; return 1; fi
}

# check_not DESC CMD...: an assertion that CMD fails
check_not() {
	local desc=$1
	shift
	if "$@"; then fail "$desc"; return 1; else pass "$desc"; fi
}

# wait_for SECONDS DESC CMD...: poll CMD until it succeeds (readiness, not
# a fixed sleep); fails the case when time runs out. Each poll costs the
# emulated CPU (CMD is often a process or two), so after its first second
# a wait polls twice a second.
wait_for() {
	local limit=$1 desc=$2 end polls=0
	shift 2
	end=$((${EPOCHREALTIME/./} + limit * 1000000))
	while ! "$@" >/dev/null 2>&1; do
		if [ "${EPOCHREALTIME/./}" -gt "$end" ]; then
			fail "$desc (not within ${limit}s)"
			return 1
		fi
		polls=$((polls + 1))
		if [ "$polls" -le 10 ]; then nap 0.1; else nap 0.5; fi
	done
	return 0
}

# finish: the case's verdict, after cleanup. A case passes only with no
# failure recorded and when it ran to its last line: "step || finish"
# after a step that failed without a check of its own is a failure.
finish() {
	if [ "$FAILS" -eq 0 ] && stopped_early; then
		fail "the case stopped at $STOPPED_AT, before its last line"
	fi
	if [ "$FAILS" -eq 0 ]; then
		echo "  all checks passed"
		exit 0
	fi
	echo "  $FAILS check(s) failed"
	exit 1
}

# stopped_early: finish was called from a line of a case's file other
# than its last (from the file itself or from a function it called);
# sets STOPPED_AT to FILE:LINE
stopped_early() {
	local i file line
	for ((i = 2; i < ${#BASH_SOURCE[@]}; i++)); do
		file=${BASH_SOURCE[i]}
		[[ $file == */tests/cases/* ]] || continue
		line=${BASH_LINENO[i - 1]}
		STOPPED_AT=$(basename "$file"):$line
		[ "$line" != "$(grep -n . "$file" | tail -n 1 | cut -d: -f1)" ]
		return
	done
	return 1
}

# ---- namespaces ----------------------------------------------------------

# New namespaces take their IPv4 and IPv6 settings from the initial one,
# where duplicate address detection is off (an address under DAD is not
# usable for a second, and these are links the lab made): no sysctl
# process per namespace
echo 1 >/proc/sys/net/core/devconf_inherit_init_net
echo 0 >/proc/sys/net/ipv6/conf/all/accept_dad
echo 0 >/proc/sys/net/ipv6/conf/default/accept_dad

# nsx NS CMD...: CMD in network namespace NS. Joined with nsenter alone:
# "ip netns exec" also gives each command a mount namespace of its own
# with NS's /sys, which no case reads (/proc/sys/net and /proc/net follow
# the network namespace anyway), at about four times the emulated CPU
# per call, and a case makes hundreds of calls.
nsx() {
	local ns=$1
	shift
	nsq_flush
	nsenter --net="/run/netns/$ns" "$@"
}

# nsq NS [-6] ARGS...: "ip [-6] ARGS" in namespace NS, queued. Building a
# farm takes a hundred ip commands; each ip process costs about 6 ms of
# emulated CPU with its nsenter, a command in one "ip -batch" about 2 ms.
# The queues run before any other command enters a namespace (nsx), so
# nothing sees a half-built topology: the namespace "lan" first, where
# plug creates every veth pair, then the others in the order they were
# first queued, each namespace's IPv4/link commands before its IPv6 ones
# (a batch takes no options: one batch per family). -force: a failed
# command is reported and the rest still run, as with a process each.
# The queues are files, not variables: the first nsx may well run in a
# subshell ($(...), a pipeline, a wait_for poll), and its flush must
# empty them for the case's shell too.
LAB_IPQ=$LAB_TMP/.ipq
mkdir -p "$LAB_IPQ"
nsq() {
	local q=$1 f
	shift
	[ "$1" = -6 ] && { q+=" -6"; shift; }
	f=$LAB_IPQ/${q/ -6/.6}
	[ -s "$f" ] || [ "$q" = lan ] || echo "$q" >>"$LAB_IPQ/order"
	echo "$*" >>"$f"
}

nsq_flush() {
	local q
	[ -s "$LAB_IPQ/order" ] || [ -s "$LAB_IPQ/lan" ] || return 0
	if [ -s "$LAB_IPQ/lan" ]; then
		nsenter --net=/run/netns/lan ip -force -batch "$LAB_IPQ/lan"
		: >"$LAB_IPQ/lan"
	fi
	while read -r q; do
		# shellcheck disable=SC2086 # "NS" or "NS -6"
		nsenter --net="/run/netns/${q% -6}" ip ${q#"${q% -6}"} -force \
			-batch "$LAB_IPQ/${q/ -6/.6}"
		: >"$LAB_IPQ/${q/ -6/.6}"
	done <"$LAB_IPQ/order"
	: >"$LAB_IPQ/order"
}

ns_add() {
	local ns=$1
	ip netns del "$ns" 2>/dev/null
	ip netns add "$ns"
	LAB_NS+=("$ns")
	nsq "$ns" link set lo up
	mkdir -p "$LAB_TMP/$ns"
}

router() {
	nsx "$1" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1
}

# lab_cleanup: kill everything the case started and delete its namespaces
lab_cleanup() {
	local ns proc batch q killed=() rc=0
	# what "ip netns pids" does, without a process per namespace
	for proc in /proc/[0-9]*; do
		for ns in "${LAB_NS[@]}"; do
			[ "$proc/ns/net" -ef "/run/netns/$ns" ] || continue
			kill -9 "${proc#/proc/}" 2>/dev/null && killed+=("$proc")
			break
		done
	done
	if [ ${#LAB_NS[@]} -gt 0 ]; then
		# a process holds its namespace until it has exited
		wait_for 30 "the namespaces' processes exited" \
			procs_left_netns "${killed[@]}" || rc=1
		printf -v batch 'netns del %s\n' "${LAB_NS[@]}"
		ip -force -batch - <<<"$batch" 2>/dev/null
		netns_settle || rc=1
	fi
	LAB_NS=()
	for q in "$LAB_IPQ"/*; do : >"$q"; done
	return "$rc"
}
trap 'lab_cleanup || exit 1' EXIT

# procs_left_netns /proc/PID...: none of them is in a namespace any more
# (exited; a zombie holds none)
procs_left_netns() {
	local proc
	for proc; do
		[ ! -e "$proc/ns/net" ] || return 1
	done
}

# netns_settle: wait until the namespaces deleted before are torn down, so
# that what the kernel says while tearing them down (IPVS's exits among
# it) is said during this case, not the next one. The kernel frees them
# later, in batches on one ordered work queue: a namespace deleted after
# them loses its devices in their batch or a later one, and a second one
# deleted once the first is gone only in a later batch, after every exit
# of theirs. False when that takes over 30 s: something holds a namespace.
netns_settle() {
	local round
	for round in 1 2; do
		[ ! -e /run/netns/lab-settle ] || ip netns del lab-settle
		ip -batch - <<-EOF || return 1
			netns add lab-settle
			link add lab-settle type veth peer name p netns lab-settle
			netns del lab-settle
		EOF
		wait_for 30 "deleted namespaces torn down (round $round)" \
			test ! -e /sys/class/net/lab-settle || return 1
	done
}

# unload_ipvs: remove whatever IPVS set is loaded, schedulers first; false
# while something still holds ip_vs (namespaces just deleted are torn down
# a moment later: wait_for it)
unload_ipvs() {
	local m
	for m in $(awk '$1 ~ /^(ip_vs_|xt_ipvs)/ { print $1 }' /proc/modules); do
		rmmod "$m" 2>/dev/null || return 1
	done
	! grep -q '^ip_vs ' /proc/modules || rmmod ip_vs 2>/dev/null
}

# The segments live in their own namespace "lan": bridges that every host
# plugs into with a veth pair, as on a switch.
lan_add() {
	[ -e /run/netns/lan ] || ns_add lan
	nsq lan link add "$1" type bridge
	nsq lan link set "$1" up
}

# plug NS IFNAME BRIDGE ADDR4/LEN ADDR6/LEN
plug() {
	local ns=$1 ifn=$2 br=$3 a4=$4 a6=$5
	local peer="${ns:0:6}-${ifn:0:4}"
	nsq lan link add "$peer" type veth peer name "$ifn" netns "$ns"
	nsq lan link set "$peer" master "$br" up
	nsq "$ns" addr add "$a4" dev "$ifn"
	nsq "$ns" -6 addr add "$a6" dev "$ifn" nodad
	nsq "$ns" link set "$ifn" up
}

# ---- the farm ------------------------------------------------------------

VIP4=192.0.2.100
VIP6=2001:db8:c::100
INNER_RS4=198.18.0.1
INNER_RS6=2001:db8:f::1

client_ip4() { echo "192.0.2.$((10 + $1))"; }
client_ip6() { echo "2001:db8:c::$((10 + $1))"; }
rs_ip4_nat() { echo "198.51.100.$((10 + $1))"; }
rs_ip6_nat() { echo "2001:db8:5::$((10 + $1))"; }
rs_ip4_lan() { echo "192.0.2.$((50 + $1))"; }
rs_ip6_lan() { echo "2001:db8:c::$((50 + $1))"; }
inner_client4() { echo "198.18.1.$1"; }
inner_client6() { echo "2001:db8:f:1::$1"; }

# farm_nat NCLIENTS NSERVERS: clients -- director (routes, VIP) -- servers
farm_nat() {
	local nc=$1 nr=$2 i
	lan_add brc
	lan_add brs
	ns_add director
	router director
	plug director eth0 brc 192.0.2.1/24 2001:db8:c::1/64
	plug director eth1 brs 198.51.100.1/24 2001:db8:5::1/64
	nsq director addr add "$VIP4/32" dev eth0
	nsq director -6 addr add "$VIP6/128" dev eth0 nodad
	nat_hosts "$nc" "$nr"
	FWD=-m
}

# nat_hosts NCLIENTS NSERVERS: clients on brc routed through 192.0.2.1,
# real servers on brs through 198.51.100.1: the NAT director's addresses
# (or, for a director pair, the servers' VRRP gateway)
nat_hosts() {
	local nc=$1 nr=$2 i
	for i in $(seq 1 "$nc"); do
		ns_add "c$i"
		plug "c$i" eth0 brc "$(client_ip4 "$i")/24" "$(client_ip6 "$i")/64"
		nsq "c$i" route add default via 192.0.2.1
		nsq "c$i" -6 route add default via 2001:db8:c::1
		inner_client "$i" eth0
	done
	for i in $(seq 1 "$nr"); do
		ns_add "rs$i"
		plug "rs$i" eth0 brs "$(rs_ip4_nat "$i")/24" "$(rs_ip6_nat "$i")/64"
		nsq "rs$i" route add default via 198.51.100.1
		nsq "rs$i" -6 route add default via 2001:db8:5::1
		inner_rs "$i" eth0
	done
}

# farm_lan MODE NCLIENTS NSERVERS: one segment for all (DR and TUN): the
# director holds the VIP on its interface, the servers hold it on lo (DR,
# not answering ARP for it) or on tunl0/ip6tnl0 (TUN), and answer clients
# directly from the VIP
farm_lan() {
	local mode=$1 nc=$2 nr=$3 i ns
	lan_add brc
	ns_add director
	plug director eth0 brc 192.0.2.1/24 2001:db8:c::1/64
	nsq director addr add "$VIP4/32" dev eth0
	# deprecated, so never the source of the director's own packets: an
	# IPv6 TUN outer header from the VIP, which the real servers hold
	# too, would be refused by their ip6tnl0 as coming from themselves
	nsq director -6 addr add "$VIP6/128" dev eth0 nodad preferred_lft 0
	for i in $(seq 1 "$nc"); do
		ns_add "c$i"
		plug "c$i" eth0 brc "$(client_ip4 "$i")/24" "$(client_ip6 "$i")/64"
		nsq "c$i" route add "$VIP4/32" dev eth0
		nsq "c$i" -6 route add "$VIP6/128" dev eth0
		inner_client "$i" eth0
	done
	for i in $(seq 1 "$nr"); do
		ns="rs$i"
		ns_add "$ns"
		plug "$ns" eth0 brc "$(rs_ip4_lan "$i")/24" "$(rs_ip6_lan "$i")/64"
		nsx "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
			net.ipv4.conf.all.arp_announce=2 \
			net.ipv4.conf.all.rp_filter=0 \
			net.ipv4.conf.default.rp_filter=0
		if [ "$mode" = dr ]; then
			nsq "$ns" addr add "$VIP4/32" dev lo
			nsq "$ns" -6 addr add "$VIP6/128" dev lo nodad
		else
			nsq "$ns" link set tunl0 up
			nsq "$ns" addr add "$VIP4/32" dev tunl0
			nsx "$ns" sysctl -qw net.ipv4.conf.tunl0.rp_filter=0
			nsq "$ns" link set ip6tnl0 up
			nsq "$ns" -6 addr add "$VIP6/128" dev ip6tnl0 nodad
		fi
		inner_rs "$i" eth0
	done
	[ "$mode" = dr ] && FWD=-g || FWD=-i
}

# The tunnels' inner addresses: unreachable except through ESP, since no
# host routes them anywhere but into the IPsec policy.
inner_client() {
	local i=$1 dev=$2
	nsq "c$i" addr add "$(inner_client4 "$i")/32" dev lo
	nsq "c$i" -6 addr add "$(inner_client6 "$i")/128" dev lo nodad
	nsq "c$i" route add 198.18.0.0/24 dev "$dev" src "$(inner_client4 "$i")"
	nsq "c$i" -6 route add 2001:db8:f::/64 dev "$dev" \
		src "$(inner_client6 "$i")"
}

inner_rs() {
	local i=$1 dev=$2
	nsq "rs$i" addr add "$INNER_RS4/32" dev lo
	nsq "rs$i" -6 addr add "$INNER_RS6/128" dev lo nodad
	nsq "rs$i" route add 198.18.1.0/24 dev "$dev"
	nsq "rs$i" -6 route add 2001:db8:f:1::/64 dev "$dev"
}

# ---- IPVS ----------------------------------------------------------------

# The director the helpers below talk to; a case with two sets DIRECTOR
DIRECTOR=director
ipvs() { nsx "$DIRECTOR" ipvsadm "$@"; }

# Our ipvsadm (ipvsadm-patches/, built by tests/run before the boot) and
# the unpatched one built from the same source, to compare against
IPVSADM_PATCHED=$BUILD/ipvsadm/patched/ipvsadm
IPVSADM_STOCK=$BUILD/ipvsadm/stock/ipvsadm

# conn_lines: the director's entries, one per line, as ipvsadm -Lnc shows
conns() { ipvs -Lnc | awk 'NR > 2'; }

# rs_of_conn CPORT_PATTERN: real server address of the first matching entry
# "pro expire state source virtual destination"
conn_dest() {
	conns | awk -v s="$1" -v v="$2" '$4 == s && $5 == v { print $6; exit }'
}

# the real server index (rsN) of an ipvsadm address
rs_index_of() {
	local addr=${1%:*} i
	addr=${addr#[}
	addr=${addr%]}
	for i in $(seq 1 9); do
		case $addr in
		"$(rs_ip4_nat "$i")" | "$(rs_ip4_lan "$i")" | \
		"$(rs_ip6_nat "$i")" | "$(rs_ip6_lan "$i")") echo "$i"; return ;;
		esac
	done
}

# ---- captures --------------------------------------------------------------

# capture_start NS IFACE NAME FILTER: tcpdump into $LAB_TMP/NAME.pcap,
# returning once it listens
capture_start() {
	local ns=$1 ifn=$2 name=$3 filter=$4
	nsx "$ns" tcpdump -i "$ifn" -n -U --immediate-mode -w "$LAB_TMP/$name.pcap" "$filter" \
		>"$LAB_TMP/$name.err" 2>&1 &
	echo $! >"$LAB_TMP/$name.pid"
	wait_for 10 "capture $name listening" grep -q listening "$LAB_TMP/$name.err"
}

# capture_count NAME [FILTER]: stop the capture, print the packets it saw
capture_count() {
	local name=$1
	kill "$(cat "$LAB_TMP/$name.pid")" 2>/dev/null
	wait "$(cat "$LAB_TMP/$name.pid")" 2>/dev/null
	tcpdump -n -r "$LAB_TMP/$name.pcap" ${2:+"$2"} 2>/dev/null | wc -l
}

# capture_show NAME: the capture, as text
capture_show() { tcpdump -n -v -r "$LAB_TMP/$1.pcap" 2>/dev/null | sed 's/^/    /'; }

# json_value KEY: the value of KEY in the flat JSON object on stdin, as
# our tools print one with --json; fails when KEY is not there. Read in
# the shell: a python3 (or jq) start costs 0.1-0.2 s of emulated CPU.
json_value() {
	local doc
	read -r -d '' doc
	[[ $doc =~ \"$1\":[[:space:]]*(\"[^\"]*\"|[^,}[:space:]]*) ]] || return 1
	doc=${BASH_REMATCH[1]}
	echo "${doc//\"/}"
}

# json_field FILE KEY...: a value of a JSON document, by its path of keys
# (or indexes); python3 flattens each document once, into FILE.flat
json_field() {
	local file=$1 flat=$1.flat want path value
	shift
	want=$*
	if [ ! -e "$flat" ] || [ "$file" -nt "$flat" ]; then
		python3 -c 'import json, sys
def walk(path, v):
    if isinstance(v, (dict, list)):
        for k, x in (v.items() if isinstance(v, dict) else enumerate(v)):
            walk(path + [str(k)], x)
    else:
        print(" ".join(path) + "\t" + str(v))
walk([], json.load(open(sys.argv[1])))' "$file" >"$flat" || return 1
	fi
	while IFS=$'\t' read -r path value; do
		[ "$path" = "$want" ] && { echo "$value"; return 0; }
	done <"$flat"
	return 1
}

# ikepkt NS ...: hand-made IKE, ESP or junk from namespace NS
# (tools/test/ikepkt.c; "ikepkt --help" lists what it sends)
ikepkt() {
	local ns=$1
	shift
	nsx "$ns" "$BUILD/tools/ikepkt" "$@"
}

# tool NS NAME ARGS...: one of our tools (tools/, built into $BUILD/tools)
tool() {
	local ns=$1 name=$2
	shift 2
	nsx "$ns" "$BUILD/tools/$name" "$@"
}

# nat_router FIRST COUNT: clients cFIRST.. behind a NAT router "natr" that
# masquerades them all to 192.0.2.9 on the client segment (a home router
# or CGNAT); they reach the director over IPv4 only
NATR_IP4=192.0.2.9
nat_client_ip4() { echo "100.64.0.$1"; }
nat_router() {
	local first=$1 count=$2 i
	lan_add brn
	ns_add natr
	router natr
	plug natr eth0 brc "$NATR_IP4/24" 2001:db8:c::9/64
	plug natr eth1 brn 100.64.0.1/24 2001:db8:64::1/64
	nsq natr route add default via 192.0.2.1
	nsx natr nft -f - <<'NFT'
table ip nat {
	chain post {
		type nat hook postrouting priority srcnat;
		oifname "eth0" masquerade
	}
}
NFT
	for i in $(seq "$first" $((first + count - 1))); do
		ns_add "c$i"
		plug "c$i" eth0 brn "$(nat_client_ip4 "$i")/24" "2001:db8:64::$i/64"
		nsq "c$i" route add default via 100.64.0.1
		inner_client "$i" eth0
	done
}
