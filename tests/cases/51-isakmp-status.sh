# SPDX-License-Identifier: GPL-2.0-only
# lvs-isakmp-status on a NAT farm with two tunnels up, some spoofed
# openings in IKE_INIT and a refused ESP flood: its IKE_ESTAB and IKE_INIT
# counts are those of ipvsadm -Lnc, its drops and ICMP count those of
# /proc/net/ip_vs_isakmp (JSON read with python3); the table says the
# same; without the counters file it says the kernel lacks the feature.
. "$LVS_ROOT/tests/lib/farm.sh"
ISAKMP_INIT_TIMEOUT=120

ISAKMP=1 farm_up nat 2 2 || finish
nsx director sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.eth0.rp_filter=0
for i in 1 2; do check "client $i: tunnel up" swan_up "$i"; done
tool c2 lvs-ike-flood "$VIP4" --sources 203.0.113.0/28 --count 5 --seed 1 >/dev/null
tool c2 lvs-ike-flood "$VIP4" --sources 203.0.113.64/28 --esp --count 20 >/dev/null
# (with --esp every other packet of the flood is ESP: 10 of the 20)
wait_for 10 "the floods counted" \
	eval 'test "$(isakmp_counter esp_unestablished)" -ge 10'

status=$LAB_TMP/status.json
tool director lvs-isakmp-status --json >"$status"
check "status --json exits 0 and parses" \
	test "$(json_field "$status" supported)" = True
cat "$status" | head -c 600; echo
# svc_sum KEY: KEY added up over the services (json_field's flat copy)
svc_sum() {
	local path value n=0
	while IFS=$'\t' read -r path value; do
		[[ $path == "services "*" $1" && $value != None ]] &&
			n=$((n + value))
	done <"$status.flat"
	echo "$n"
}
estab=$(conns | grep -c IKE_ESTAB)
init=$(conns | grep -c IKE_INIT)
check "IKE_ESTAB per service adds up to ipvsadm -Lnc ($(svc_sum ike_estab) = $estab)" \
	test "$(svc_sum ike_estab)" = "$estab" -a "$estab" -ge 2
check "IKE_INIT per service adds up to ipvsadm -Lnc ($(svc_sum ike_init) = $init)" \
	test "$(svc_sum ike_init)" = "$init" -a "$init" -ge 5
check "the service is on through the sysctl" \
	test "$(json_field "$status" services 0 isakmp)" = sysctl
for c in esp_unestablished rcookie_mismatch init_cap source_cap short; do
	check "drops.$c is the kernel's ($(json_field "$status" drops $c) = $(isakmp_counter $c))" \
		test "$(json_field "$status" drops $c)" = "$(isakmp_counter $c)"
done
check "icmp_sent is the kernel's ($(json_field "$status" icmp_sent) = $(isakmp_counter icmp_sent))" \
	test "$(json_field "$status" icmp_sent)" = "$(isakmp_counter icmp_sent)" -a \
	"$(isakmp_counter icmp_sent)" -gt 0
# every line of the series has the soft-expiry budget (patch 0009)
default=$(nsx director sysctl -n net.ipv4.vs.isakmp_soft_expiry)
check "soft-expiry budget: the namespace's default ($(json_field "$status" services 0 soft_expiry) = ${default:-no sysctl})" \
	test -n "$default" -a "$(json_field "$status" services 0 soft_expiry)" = "$default"
check "  none of it in use" \
	test "$(json_field "$status" services 0 soft_expiry_used)" = 0
# the service's own budget (patched ipvsadm) overrides the default
nsx director "$IPVSADM_PATCHED" -E -u "$VIP4:0" -s rr -p 600 --soft-expiry 4
tool director lvs-isakmp-status --json >"$LAB_TMP/own.json"
check "the service's own budget reported ($(json_field "$LAB_TMP/own.json" services 0 soft_expiry))" \
	test "$(json_field "$LAB_TMP/own.json" services 0 soft_expiry)" = 4

tool director lvs-isakmp-status >"$LAB_TMP/status.txt"
sed 's/^/    /' "$LAB_TMP/status.txt"
row=$(awk -v v="$VIP4:0" '$1 == "UDP" && $2 == v' "$LAB_TMP/status.txt")
check "the table shows the service with its counts ($row)" \
	test "$(awk '{ print $5, $6 }' <<<"$row")" = "$init $estab"
check "the table shows the budget in use: 0 of 4" \
	test "$(awk '{ print $7 }' <<<"$row")" = 0/4
check "the table lists esp_unestablished" \
	grep -q "esp_unestablished *$(isakmp_counter esp_unestablished)" "$LAB_TMP/status.txt"
tool director lvs-isakmp-status --counters-file /nonexistent >"$LAB_TMP/old.txt"
check "without the counters it says the kernel lacks the feature" \
	grep -q "not supported" "$LAB_TMP/old.txt"
check "  ... and shows no counts" test "$(awk '$1 == "UDP" { print $5 }' "$LAB_TMP/old.txt")" = -
finish
