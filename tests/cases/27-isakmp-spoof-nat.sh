# SPDX-License-Identifier: GPL-2.0-only
# NAT mode: a spoofed packet from a real client's own address and port,
# carrying the client's initiator SPI but a wrong responder SPI, is
# dropped and counted, both on the 500 entry that learned the right one
# from the real server's IKE_SA_INIT reply and on the established 4500
# entry; no real server sees it, and the client's tunnel is unaffected.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP_INIT_TIMEOUT=60	# keep the 500 entry left behind for the spoof

ISAKMP=1 farm_up nat 1 2 || finish
check "client 1: tunnel up" swan_up 1
read -r ispi rspi <<<"$(swan_ike_spis c1)"
check "client 1: IKE SPIs known ($ispi $rspi)" test -n "$rspi"
r=$(rs_holding_client 1 2)
wrong=deadbeef${rspi:8}
for p in 500 4500; do
	capture_start "rs$r" eth0 "spoof$p" \
		"udp port $p and (udp[16:4] = 0xdeadbeef or udp[20:4] = 0xdeadbeef)" || finish
done
st500=$(conn_field 3 "$(client_ip4 1):500" "$VIP4:500")
check "the 500 entry is IKE_INIT, its rcookie taught by the server ($st500)" \
	test "$st500" = IKE_INIT

before=$(isakmp_counter rcookie_mismatch)
for p in 500 4500; do
	ikepkt c1 ike "$VIP4" --raw --src "$(client_ip4 1)" --sport $p \
		--dport $p --icookie "$ispi" --rcookie "$wrong" --exchange 37 --count 3
done
wait_for 5 "the spoofs counted as rcookie_mismatch" \
	eval 'test "$(isakmp_counter rcookie_mismatch)" -ge $((before + 6))'
check "six spoofs counted ($before -> $(isakmp_counter rcookie_mismatch))" \
	test "$(isakmp_counter rcookie_mismatch)" -eq $((before + 6))
for p in 500 4500; do
	n=$(capture_count "spoof$p")
	check "the real server saw none of the spoofs on $p ($n)" test "$n" -eq 0
done
check "the 500 entry is still IKE_INIT" \
	test "$(conn_field 3 "$(client_ip4 1):500" "$VIP4:500")" = IKE_INIT
check "the 4500 entry is still IKE_ESTAB" \
	test "$(conn_field 3 "$(client_ip4 1):4500" "$VIP4:4500")" = IKE_ESTAB
check "the tunnel still carries pings" esp_ping 1 v4
check "and the client keeps its IKE SA ($(swan_ike_spis c1))" \
	test "$(swan_ike_spis c1)" = "$ispi $rspi"
conns
finish
