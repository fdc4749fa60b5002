# SPDX-License-Identifier: GPL-2.0-only
# A 3-second fake-IKE flood (lvs-ike-flood: IKE_SA_INIT from random
# spoofed addresses, and ESP with random SPIs) against a NAT farm with five
# tunnels up and pinging: INIT entries never pass the netns cap, one source
# never passes its own cap, both refusals are counted, INIT entries are not
# active connections for the scheduler, no established entry is lost,
# every ping of the tunnels and its reply crosses their ESP SAs (late or
# not: the SAs count them) and they keep their IKE SAs, the table's
# IKE_INIT entries agree with the kernel's gauge, conn memory stays
# bounded and returns, and the INIT entries are gone within
# isakmp_init_timeout once the flood stops.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP_INIT_TIMEOUT=4
CAP=100 CAP_SRC=4 N=5 FLOOD_SECS=3

ISAKMP=1 farm_up nat $N 2 || finish
nsx director sysctl -qw net.ipv4.vs.isakmp_init_max=$CAP \
	net.ipv4.vs.isakmp_init_max_source=$CAP_SRC \
	net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
declare -A spis
for i in $(seq 1 $N); do
	check "client $i: tunnel up" swan_up "$i"
	spis[$i]=$(swan_ike_spis "c$i")
done
# objects of the conn slab (SLUB may merge it with caches of its size,
# whose objects then count too)
slab() { cut -d' ' -f1 /sys/kernel/slab/ip_vs_conn/objects; }
# what /proc/slabinfo would show, read where a merged cache is still
# found under our name
slabinfo() {
	local d=/sys/kernel/slab/ip_vs_conn
	echo "$(slab) objects of $(cat $d/object_size) bytes in $(cut -d' ' -f1 $d/slabs) slabs (cache $(basename "$(readlink -f $d)"))"
}
init_entries() { isakmp_counter init_entries; }
estab_entries() { conns | grep -c IKE_ESTAB; }
listed_init() { conns | grep -c IKE_INIT; }
# the most IKE_ESTAB entries of three listings: /proc/net/ip_vs_conn is
# read a page at a time, and an INIT entry expiring between two pages
# shifts the rest, so one listing can skip an entry (seen: 4 of 5)
estab_entries_most() {
	local k n most=0
	for k in 1 2 3; do
		n=$(estab_entries)
		[ "$n" -le "$most" ] || most=$n
	done
	echo "$most"
}
loss_of() { sed -n 's/.* \([0-9.]*\)% packet loss.*/\1/p' "$1"; }
declare -A esp_before
# crossed I: every ping client I sent meanwhile, and its reply, crossed
# its ESP SAs (an ICMP echo out, one back)
crossed() {
	test $(($(esp_packets "c$1") - ${esp_before[$1]})) -ge $((2 * PINGS))
}

# pings_for SECONDS: every client pings through its tunnel meanwhile,
# PINGS pings each
pings_for() {
	local i
	pings=()
	PINGS=$(($1 * 5))
	for i in $(seq 1 $N); do
		esp_before[$i]=$(esp_packets "c$i")
		esp_ping "$i" v4 $PINGS >"$LAB_TMP/ping$i" 2>&1 &
		pings+=($!)
	done
}

estab_before=$(estab_entries)
mem_before=$(slab)
log "before the flood: $estab_before established entries; ip_vs_conn: $(slabinfo)"

# one source alone meets its own cap
tool c2 lvs-ike-flood "$VIP4" --sources 203.0.113.77/32 --count 50 --seed 2 >/dev/null
check "openings refused at the source cap ($(isakmp_counter source_cap))" \
	test "$(isakmp_counter source_cap)" -ge $((50 - CAP_SRC))

# sample the INIT gauge and the slab while the flood runs; every fifth
# time the table too, between two readings of the gauge
( n=0; while :; do
	if [ $((n % 5)) = 0 ]; then
		echo "$(init_entries) $(slab) $(listed_init) $(init_entries)"
	else
		echo "$(init_entries) $(slab)"
	fi
	n=$((n + 1))
	nap 0.2
done ) >"$LAB_TMP/samples" &
sampler=$!
pings_for $((FLOOD_SECS + 2))
result=$(tool c2 lvs-ike-flood "$VIP4" --sources 203.0.113.0/24 \
	--seconds $FLOOD_SECS --esp --json)
rate=$(json_value pps <<<"$result")
rate=${rate%.*}
active=$(ipvs -Ln | awk '$1 == "->" && $2 ~ /:/ { n += $5 } END { print n + 0 }')
estab=$(estab_entries_most)
log "ip_vs_conn at the end of the flood: $(slabinfo)"
wait "${pings[@]}"
kill "$sampler" 2>/dev/null
peak=$(sort -n "$LAB_TMP/samples" | tail -n 1 | cut -d' ' -f1)
mem_peak=$(cut -d' ' -f2 "$LAB_TMP/samples" | sort -n | tail -n 1)
log "flood: $result"
log "figures: flood ${rate} pkt/s for ${FLOOD_SECS}s; INIT entries peak $peak (cap $CAP);" \
	"ip_vs_conn objects ${mem_before} -> peak ${mem_peak}"
# half the flood's packets are openings; even at the shortest INIT
# lifetime (a tenth of the timeout) they would hold twice the cap: the
# cap, not the lifetime alone, is what bounds them
hold=$((rate / 2 * ISAKMP_INIT_TIMEOUT / 10))
check "the flood outran the lifetime defence ($hold entries at the shortest lifetime >= $((2 * CAP)))" \
	test "$hold" -ge $((2 * CAP))
check "INIT entries never above the cap ($peak <= $CAP)" test "$peak" -le $CAP
# the table, listed while entries come and go (at most a cap's worth
# every shortest lifetime), against the gauge read before and after
table_agrees() {
	awk -v cap=$CAP 'NF == 4 {
		lo = ($1 < $4 ? $1 : $4) - cap / 4; hi = ($1 > $4 ? $1 : $4) + cap / 4
		n++; if ($3 < lo || $3 > hi) bad++; if ($3 > max) max = $3 }
		END { printf "%d listings, %d off, at most %d listed\n", n, bad, max
		      exit !(n > 0 && !bad && max <= cap + cap / 4) }' "$LAB_TMP/samples"
}
check "the table's IKE_INIT entries agree with the gauge ($(table_agrees))" table_agrees
check "the flood filled the cap (peak $peak INIT entries)" test "$peak" -ge $((CAP / 2))
check "openings refused at the netns cap ($(isakmp_counter init_cap))" \
	test "$(isakmp_counter init_cap)" -gt 0
check "the flood's ESP refused ($(isakmp_counter esp_unestablished))" \
	test "$(isakmp_counter esp_unestablished)" -gt 0
check "INIT entries are not active connections ($active active, $estab established)" \
	test "$active" -le "$estab"
check "no established entry lost ($estab_before -> $estab)" test "$estab" -ge "$estab_before"
for i in $(seq 1 $N); do
	log "client $i: ping loss during the flood $(loss_of "$LAB_TMP/ping$i")% (replies later than 2 s count as lost)"
	wait_for 10 "client $i: its $PINGS pings and replies crossed its ESP SAs" crossed "$i" &&
		pass "client $i: its $PINGS pings and replies crossed its ESP SAs ($(($(esp_packets "c$i") - ${esp_before[$i]})) packets)"
	check "client $i: same IKE SA" test "$(swan_ike_spis "c$i")" = "${spis[$i]}"
done
# an INIT entry from a new source costs a conn and its persistence
# template, both gone when the exchange is abandoned; SLUB adds the free
# objects of the slabs it keeps per CPU
check "conn memory bounded by the cap ($mem_before -> peak $mem_peak objects, cap $CAP)" \
	test $((mem_peak - mem_before)) -le $((3 * CAP))
wait_for $((ISAKMP_INIT_TIMEOUT + 3)) "INIT entries gone after the flood" \
	no_init_entries
# SLUB keeps freed objects in per-CPU slabs until asked to shrink; conns
# are freed after an RCU grace period, so poll
slab_returned() {
	echo 1 >/sys/kernel/slab/ip_vs_conn/shrink
	test $(($(slab) - mem_before)) -le 64
}
wait_for 10 "conn memory returned after the flood" slab_returned &&
	log "ip_vs_conn after the flood: $(slab) objects; $(slabinfo)"
check "established entries all still there ($(estab_entries))" \
	test "$(estab_entries)" -ge "$estab_before"
finish
