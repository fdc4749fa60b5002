# SPDX-License-Identifier: GPL-2.0-only
# keepalived-conf/active-active.conf as shipped, with its notify script
# spi-steer.sh (only the paths of the probe and of the script mapped; the
# lab's addresses are the file's): one director of an active-active
# group in front of three strongSwan DR real servers that put their label
# into their IKE SPIs and draw their ESP SPIs from their own range (case
# 83). keepalived builds the VIP's IKE services (UDP 500 and 4500), and
# notify_up, run at keepalived's start too (rs_init_notifies), switches
# them to the spi scheduler and gives each real server its label and
# range, which keepalived cannot. The tunnels come up on the servers their
# SPIs name. A real server whose charon stops keeps its label at weight 0
# (inhibit_on_failure) and takes no new tunnel; back, it has its weight
# again, its label untouched. After a reload and a restart of keepalived
# the services steer by the same labels, and the tunnels go on with the
# same IKE SAs. keepalived runs the patched ipvsadm as "ipvsadm" (the
# package diverts Debian's), here through its PATH. Without
# inhibit_on_failure, or without rs_init_notifies, this case fails.
. "$LVS_ROOT/tests/lib/spi.sh"
. "$LVS_ROOT/tests/lib/keepalived.sh"
NR=3 NC=4
# delay_loop plus the probe's timeouts (2 tries of 2 s), with a margin for
# software emulation on a loaded machine
CHECK_WITHIN=30
D=$DIRECTOR
KA_STEER=/etc/keepalived/spi-steer.sh

ka_need_probe
spi_labels "$NR"
farm_lan dr "$NC" "$NR"
keepalived_sysctl "$D" || fail "shipped sysctl file applied"
conf=$(ka_dir "$D")/keepalived.conf
keepalived_conf active-active.conf "$conf" "$KA_SHIPPED_PROBE=$KA_PROBE" \
	"$KA_STEER=$LVS_ROOT/keepalived-conf/spi-steer.sh" ||
	{ fail "active-active.conf mapped"; finish; }

# keepalived's "ipvsadm": the patched one, every call logged
bin=$LAB_TMP/bin
calls=$LAB_TMP/ipvsadm-calls.log
mkdir -p "$bin"
cat >"$bin/ipvsadm" <<EOF
#!/bin/sh
echo "ipvsadm \$*" >>"$calls"
exec "$IPVSADM_PATCHED" "\$@"
EOF
chmod 755 "$bin/ipvsadm"
ka_start() { PATH="$bin:$PATH" keepalived_start "$D" "$conf"; }

spi_ipvs() { nsx "$D" "$IPVSADM_PATCHED" "$@"; }
spi_show() { spi_ipvs -Ln --spi | sed 's/^/    /'; }
# rs_spi R PORT: rsR's line on VIP:PORT, "Route WEIGHT LABEL/MASK RANGE"
rs_spi() {
	spi_ipvs -Ln --spi -u "$VIP4:$2" |
		awk -v a="$(rs_ip4_lan "$1"):$2" '$1 == "->" && $2 == a { print $3, $4, $5, $6 }'
}
rs_weight() { rs_spi "$1" "$2" | cut -d' ' -f2; }
# rs_labeled R PORT: rsR on VIP:PORT has its own label and range
rs_labeled() {
	local line
	line=$(rs_spi "$1" "$2")
	[ "${line#* * }" = "$(spi_label "$1")/$SPI_MASK $(spi_range "$1")" ]
}
svc_sched() { spi_ipvs -Ln -u "$VIP4:$1" | awk '$1 == "UDP" { print $3 }'; }
# all_steered: both services on spi, every real server with its label
all_steered() {
	local port r
	for port in 500 4500; do
		[ "$(svc_sched "$port")" = spi ] || return 1
		for r in $(seq 1 "$NR"); do rs_labeled "$r" "$port" || return 1; done
	done
}
# steer_checks WHEN: what ipvsadm -Ln --spi shows
steer_checks() {
	local port r
	for port in 500 4500; do
		check "$1: UDP $VIP4:$port steers by SPIs (scheduler $(svc_sched "$port"))" \
			test "$(svc_sched "$port")" = spi
		for r in $(seq 1 "$NR"); do
			check "$1: rs$r on $port: its label and range ($(rs_spi "$r" "$port"))" \
				rs_labeled "$r" "$port"
		done
	done
}
# weights_on R: rsR has a weight above 0 on both services
weights_on() { [ "$(rs_weight "$1" 500)" -gt 0 ] && [ "$(rs_weight "$1" 4500)" -gt 0 ]; }
weights_off() { [ "$(rs_weight "$1" 500)" = 0 ] && [ "$(rs_weight "$1" 4500)" = 0 ]; }

phase "topology up; starting the real servers' charons"
swan_all swan_server $(seq 1 "$NR") || finish
phase "starting keepalived"
ka_start || finish
t=$SECONDS
wait_for "$CHECK_WITHIN" "the services steer by SPIs, every real server labeled" all_steered &&
	log "steering by SPIs $((SECONDS - t))s after keepalived started"
spi_show
steer_checks "keepalived up"
grep -v '^ipvsadm -S' "$calls" | sed 's/^/    | /'
for port in 500 4500; do
	check "spi-steer.sh switched UDP $VIP4:$port to spi" \
		grep -qx -- "ipvsadm -E -u $VIP4:$port -s spi" "$calls"
done
: >"$calls"

phase "starting the clients' charons"
swan_all swan_client $(seq 1 "$NC") || finish
swan_up_all 1 2 3
declare -A spis
for i in 1 2 3; do
	tunnel_checks "$i" "$NR" "500 4500"
	spi_label_checks "$i" "$NR" up
	spis[$i]=$(swan_ike_spis "c$i")
done

# rs1's charon stops: its health check fails, weight 0, the label stays
phase "stopping rs1's charon"
swan_stop rs1
t=$SECONDS
wait_for "$CHECK_WITHIN" "keepalived took rs1's weight to 0" weights_off 1 &&
	log "rs1 at weight 0 $((SECONDS - t))s after its charon stopped"
spi_show
for port in 500 4500; do
	check "rs1 failed: still a real server of $port, weight 0, its label and range ($(rs_spi 1 "$port"))" \
		eval 'rs_labeled 1 $port && test "$(rs_weight 1 $port)" = 0'
done
check "rs2 and rs3 keep their weights" eval 'weights_on 2 && weights_on 3'
for i in 1 2 3; do
	r=$(rs_holding_client "$i" "$NR")
	[ -z "$r" ] || [ "$r" = 1 ] || check "client $i: still pings on rs$r" esp_ping "$i" v4
done
check "client 4: tunnel up while rs1 is out" swan_up 4
r=$(rs_holding_client 4 "$NR")
check "client 4: on a live server (rs${r:-none}), not rs1" test -n "$r" -a "${r:-1}" != 1
spi_label_checks 4 "$NR" "rs1 out"
spis[4]=$(swan_ike_spis c4)

phase "starting rs1's charon again"
: >"$calls"
swan_server 1 || finish
t=$SECONDS
wait_for "$CHECK_WITHIN" "keepalived gave rs1 its weight back" weights_on 1 &&
	log "rs1 back $((SECONDS - t))s after its charon started"
spi_show
steer_checks "rs1 back"
check "rs1 back: its label had stayed, spi-steer.sh wrote nothing" \
	test -z "$(grep -v '^ipvsadm -S' "$calls")"
grep -iE 'abl|misc' "$(ka_dir "$D")/keepalived.log" | tail -n 4 | sed 's/^/    | /'

# tunnels of rs1 died with its charon: up again (on whichever server
# their opening names now); the others kept their IKE SAs
for i in 1 2 3 4; do
	if [ -z "$(rs_holding_client "$i" "$NR")" ]; then
		log "client $i lost its IKE SA with rs1's charon: initiating again"
		swanctl --terminate --ike farm --force --timeout 5 \
			--uri "$(swan_uri "c$i")" >/dev/null 2>&1
		check "client $i: tunnel up again" swan_up "$i"
		spis[$i]=$(swan_ike_spis "c$i")
	fi
	spi_label_checks "$i" "$NR" "rs1 back"
done

# the tunnels go on through a reload and a restart of keepalived
# after_checks WHEN: every client pings on the IKE SA it had
after_checks() {
	local i
	for i in 1 2 3 4; do
		wait_for 15 "$1: client $i pings" esp_ping "$i" v4 1 &&
			pass "$1: client $i pings"
		check "$1: client $i: the same IKE SA (${spis[$i]:-none})" \
			test "$(swan_ike_spis "c$i")" = "${spis[$i]}"
	done
}

phase "reloading keepalived (SIGHUP)"
: >"$calls"
kill -HUP "$(cat "$(ka_dir "$D")/keepalived.pid")"
nap 5
steer_checks "after a reload"
after_checks "after a reload"

phase "restarting keepalived"
keepalived_stop "$D"
log "keepalived stopped: $(spi_ipvs -Ln | grep -c '^UDP') services left"
ka_start || finish
t=$SECONDS
wait_for "$CHECK_WITHIN" "after a restart: the services steer by SPIs, every real server labeled" \
	all_steered && log "steering by SPIs again $((SECONDS - t))s after keepalived started"
spi_show
steer_checks "after a restart"
after_checks "after a restart"
for i in 1 2 3 4; do spi_label_checks "$i" "$NR" "after a restart"; done
finish
