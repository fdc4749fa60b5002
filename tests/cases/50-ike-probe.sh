# SPDX-License-Identifier: GPL-2.0-only
# lvs-ike-probe against a strongSwan real server, as keepalived's
# MISC_CHECK runs it on the director: alive over IPv4 and IPv6, and through
# the VIP from a client, judged from a normal reply, an INVALID_KE_PAYLOAD
# or a COOKIE notify; a weight in misc_dynamic mode; dead, within its time
# limit, when charon is stopped (port unreachable) and when the server's
# answers are lost (timeout after the retries).
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP=1 farm_up nat 1 1 || finish
RS4=$(rs_ip4_nat 1) RS6=$(rs_ip6_nat 1)

probe() { tool "$@" >"$LAB_TMP/probe.out" 2>&1; rc=$?; cat "$LAB_TMP/probe.out"; return $rc; }
# probe_rc NS ARGS...: the probe's exit code, and its run time in $secs
probe_rc() {
	local start
	start=$(date +%s.%N)
	probe "$1" lvs-ike-probe "${@:2}"
	rc=$?
	secs=$(awk "BEGIN { print $(date +%s.%N) - $start }")
	return 0
}

# first, while the server holds no half-open SA of ours: a KE of a group
# it does not want gets INVALID_KE_PAYLOAD, which still means alive
check "KE of another group: alive" probe director lvs-ike-probe -v --group 14 "$RS4"
check "  ... judged from the INVALID_KE_PAYLOAD notify" grep -q invalid-ke "$LAB_TMP/probe.out"
check "IPv4: alive" probe director lvs-ike-probe -v "$RS4"
check "  ... judged from a reply with a responder SPI" grep -q 'alive: reply' "$LAB_TMP/probe.out"
check "IPv6: alive" probe director lvs-ike-probe -v "$RS6"
check "IPv4 from a given source address and port: alive" \
	probe director lvs-ike-probe -v --source 198.51.100.1 --sport 5000 "$RS4"
check "through the VIP with ISAKMP entries: alive" probe c1 lvs-ike-probe -v "$VIP4"
check "on port 4500 (non-ESP marker): alive" probe director lvs-ike-probe -v -p 4500 "$RS4"
# every answered probe leaves a half-open IKE SA; beyond
# charon.cookie_threshold_ip (3) of them from one address, strongSwan
# answers with a COOKIE notify, which still means alive
cookie_seen() {
	local i
	for i in 1 2 3 4 5; do
		probe director lvs-ike-probe -v "$RS4" || return 1
		grep -q 'alive: cookie' "$LAB_TMP/probe.out" && return 0
	done
	return 1
}
check "many probes from one address: alive by COOKIE notify" cookie_seen
probe_rc director --dynamic 100 --fast 5 "$RS4"
check "misc_dynamic: exit 2 + weight, weight in 1..100 (exit $rc)" \
	test "$rc" -ge 3 -a "$rc" -le 102

swan_stop rs1
charon_gone() { ! nsx rs1 ss -uln | grep -q ':500 '; }
wait_for 20 "charon stopped on rs1" charon_gone
probe_rc director -v -t 2 -r 1 "$RS4"
check "IPv4: dead when charon is stopped (exit $rc in ${secs}s)" \
	test "$rc" = 1
check "  ... within its time limit (${secs}s <= 4s + margin)" \
	awk -v s="$secs" 'BEGIN { exit !(s <= 4 + 3) }'
probe_rc director -v -t 2 -r 1 "$RS6"
check "IPv6: dead when charon is stopped (exit $rc in ${secs}s)" test "$rc" = 1

# answers lost: the probe waits out each try, then gives up
nsx rs1 nft -f - <<'NFT'
table inet drop500 {
	chain in {
		type filter hook input priority 0;
		udp dport 500 drop
	}
}
NFT
probe_rc director -v -t 1 -r 2 "$RS4"
check "silent server: dead (exit $rc) after its 3 tries of 1s (${secs}s)" \
	awk -v s="$secs" -v rc="$rc" 'BEGIN { exit !(rc == 1 && s >= 3 && s <= 3 + 3) }'
probe_rc director -v -t 1 -r 0 "$RS6"
check "IPv6 silent server: dead (exit $rc) after 1s (${secs}s)" \
	awk -v s="$secs" -v rc="$rc" 'BEGIN { exit !(rc == 1 && s >= 1 && s <= 1 + 3) }'
finish
