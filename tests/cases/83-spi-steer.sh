# SPDX-License-Identifier: GPL-2.0-only
# The "spi" scheduler on one director (issue 19): three strongSwan real
# servers put their label into their IKE SPIs and draw their ESP SPIs from
# their own range, and the director is told the same per real server. Every
# tunnel comes up and stays on the server its SPIs name, through an IKE
# rekey and a reauthentication. What names no server is refused: IKE
# dropped, raw ESP and AH answered with ICMP. ESP that follows no entry
# goes to the server of its SPI without creating one, and a flood of
# spoofed claims with random SPIs costs an entry only for the few that
# carry a label. DR over IPv4 here;
# MODE=tun and FAMILY=6 run the same steps.
. "$LVS_ROOT/tests/lib/spi.sh"
MODE=${MODE:-dr}
NC=6 NR=3

spi_labels "$NR"
farm_lan "$MODE" "$NC" "$NR"
isakmp_on
check "the IKE services steer by SPIs" spi_service "$MODE" "$NR" || finish
for r in $(seq 1 "$NR"); do swan_server "$r" || finish; done
# client 6 stays without a tunnel: a source with no entry
for i in $(seq 1 $((NC - 1))); do swan_client "$i" "$(vip | tr -d '[]')" || finish; done
nsx "$DIRECTOR" "$IPVSADM_PATCHED" -Ln --spi

for i in $(seq 1 $((NC - 1))); do
	tunnel_checks "$i" "$NR" "500 4500"
	spi_label_checks "$i" "$NR" up
done

# the same server after an IKE rekey and a reauthentication
for i in 1 2; do
	r=$(rs_holding_client "$i" "$NR")
	swanctl --rekey --ike farm --uri "$(swan_uri "c$i")" >/dev/null 2>&1
	check "client $i: pings after an IKE rekey" esp_ping "$i" "v$FAMILY"
	check "client $i: still on rs$r after the rekey" \
		test "$(rs_holding_client "$i" "$NR")" = "$r"
	swanctl --rekey --ike farm --reauth --uri "$(swan_uri "c$i")" >/dev/null 2>&1
	wait_for 30 "client $i: reauthenticated" swan_ensure_up "$i"
	check "client $i: pings after a reauthentication" esp_ping "$i" "v$FAMILY"
	check "client $i: still on rs$r after the reauthentication" \
		test "$(rs_holding_client "$i" "$NR")" = "$r"
	spi_label_checks "$i" "$NR" "rekeyed"
done

spi_stray_checks c6

# a flood of spoofed claims with random responder SPIs (IPv4: ikepkt
# spoofs IPv4 sources): almost all name no server and are dropped without
# an entry; the few that carry a label make IKE_INIT entries, under the
# INIT caps; established tunnels go on
if [ "$FAMILY" = 4 ]; then
	unknown=$(isakmp_counter spi_unknown)
	before=$(conns | wc -l)
	ikepkt c6 flood "$VIP4" --sources 10.100.0.0/16 --count 2000 \
		--rcookie random --exchange 35 --seed 7
	n=$(($(isakmp_counter spi_unknown) - unknown))
	made=$(($(conns | wc -l) - before))
	check "a flood of 2000 claims: $n named no server and were dropped" test "$n" -ge 1900
	check "  the rest made $made entries, no more than they were" test "$made" -le $((2000 - n))
	check "client 1: pings after the flood" esp_ping 1 v4
fi

# a claim whose label names no server: dropped, no entry
unknown=$(isakmp_counter spi_unknown)
ikepkt c6 ike "$(vip | tr -d '[]')" --sport 5555 --exchange 35 \
	--rcookie 0900000000000001
check "a claim for label 0x09: counted in spi_unknown" \
	test "$(isakmp_counter spi_unknown)" -gt "$unknown"
check_not "a claim for label 0x09: no entry" \
	test -n "$(conn_field 3 "$(cip 6):5555" "$(vip):500")"
# one for rs2's label: an entry to rs2
ikepkt c6 ike "$(vip | tr -d '[]')" --sport 5556 --exchange 35 \
	--rcookie 0200000000000001
check "a claim for label 0x02: an IKE_INIT entry to rs2" \
	test "$(conns | awk -v s="$(cip 6):5556" '$4 == s { print $6 }')" = "$(rip "$MODE" 2):500"
finish
