# SPDX-License-Identifier: GPL-2.0-only
# lvs-loadgen and lvs-sink, a smoke test on a DR farm with ISAKMP entries:
# the clients of a prefix establish entries with IKE of established SAs on
# 500 and 4500, then send raw ESP and ESP in UDP that follow them; the
# sinks on the two real servers together count every packet by kind, and
# the entries spread the clients over both servers.
. "$LVS_ROOT/tests/lib/farm.sh"
SRC=192.0.2.128/27

farm_lan dr 1 2
isakmp_on
ipvs -A -u "$VIP4:0" -s rr -p 600
for r in 1 2; do ipvs -a -u "$VIP4:0" -r "$(rs_ip4_lan $r):0" -g; done
for r in 1 2; do
	tool "rs$r" lvs-sink --json >"$LAB_TMP/sink$r.json" 2>"$LAB_TMP/sink$r.err" &
	wait_for 10 "sink on rs$r listening" grep -q ready "$LAB_TMP/sink$r.err"
done

declare -A sent
load() {
	local name=$1
	shift
	tool c1 lvs-loadgen --dst "$VIP4" --sources "$SRC" --rate 1000 --json "$@" \
		>"$LAB_TMP/$name.json"
	sent[$name]=$(json_value sent <"$LAB_TMP/$name.json")
	log "$name: $(cat "$LAB_TMP/$name.json")"
}
# the first IKE packet of each client, with a responder SPI, establishes
# its entry on that port (DR); ESP then follows the entries
load est500 --kind ike-est --count 200
load est4500 --kind ike-est --dport 4500 --count 200
load esp --kind esp --count 300 --size 200
load espudp --kind espudp --count 300
load init --kind ike-init --count 100
check "entries established for the clients ($(conns | grep -c IKE_ESTAB))" \
	test "$(conns | grep -c IKE_ESTAB)" -ge 20

total() { cat "$LAB_TMP"/sink[12].json | json_sum "$1"; }
json_sum() {
	local line v n=0
	while read -r line; do
		v=$(json_value "$1" <<<"$line") && n=$((n + v))
	done
	echo "$n"
}
# (the sinks, not the shells that started them: $! is the shell)
pkill -TERM -x lvs-sink
wait_for 10 "sinks printed their counts" \
	test "$(cat "$LAB_TMP"/sink[12].json | wc -l)" = 2
for r in 1 2; do log "rs$r: $(cat "$LAB_TMP/sink$r.json")"; done
check "udp500: IKE of established SAs and openings all arrived ($(total udp500) of $((sent[est500] + sent[init])))" \
	test "$(total udp500)" = $((sent[est500] + sent[init]))
check "udp4500: IKE and ESP in UDP all arrived ($(total udp4500) of $((sent[est4500] + sent[espudp])))" \
	test "$(total udp4500)" = $((sent[est4500] + sent[espudp]))
check "esp: raw ESP all arrived ($(total esp) of ${sent[esp]})" \
	test "$(total esp)" = "${sent[esp]}"
check "nothing else arrived (ah $(total ah), other $(total other))" \
	test "$(total ah)" = 0 -a "$(total other)" = 0
check "both real servers got clients" \
	test "$(json_value esp <"$LAB_TMP/sink1.json")" -gt 0 -a \
	"$(json_value esp <"$LAB_TMP/sink2.json")" -gt 0
finish
