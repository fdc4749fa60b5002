# SPDX-License-Identifier: GPL-2.0-only
# Health checking by the shipped nat-farm.conf (MISC_CHECK running the IKE
# probe, misc_dynamic): with charon stopped on one real server, keepalived
# takes that server out of the service within a check interval and new
# clients all get their tunnels on the two others; with charon back, the
# server is back in the service.
. "$LVS_ROOT/tests/lib/keepalived.sh"
# delay_loop plus the probe's timeouts (2 tries of 2 s), with a margin for
# software emulation on a loaded machine
CHECK_WITHIN=30

ka_farm_up nat 4 3 nat-farm.conf || finish
ka_service_checks Masq 3
rs1=$(rs_ip4_nat 1)

swan_stop rs1
wait_for 10 "charon on rs1 stopped" eval '! swanctl --stats --uri "$(swan_uri rs1)"'
t=$(date +%s)
wait_for "$CHECK_WITHIN" "keepalived removed rs1 once its charon stopped" ka_rs_out "$rs1" &&
	log "rs1 removed after $(($(date +%s) - t))s"
check "rs2 and rs3 stay in service" eval 'ka_rs_in "$(rs_ip4_nat 2)" && ka_rs_in "$(rs_ip4_nat 3)"'
ipvs -Ln | sed 's/^/    /'

swan_up_all 1 2 3 4
for i in 1 2 3 4; do
	check "client $i: tunnel up" swan_ensure_up "$i"
	r=$(rs_holding_client "$i" 3)
	check "client $i: on a live server (rs${r:-none}), not rs1" \
		test -n "$r" -a "$r" != 1
	check "client $i: ping through ESP" esp_ping "$i" v4
done

swan_server 1 || finish
t=$(date +%s)
wait_for "$CHECK_WITHIN" "keepalived put rs1 back once charon answers again" ka_rs_in "$rs1" &&
	log "rs1 back after $(($(date +%s) - t))s"
ipvs -Ln | sed 's/^/    /'
grep -iE 'misc|remov|add' "$(ka_dir "$DIRECTOR")/keepalived.log" | tail -n 10 | sed 's/^/    | /'
finish
