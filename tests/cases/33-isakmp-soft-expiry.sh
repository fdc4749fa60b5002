# SPDX-License-Identifier: GPL-2.0-only
# Soft expiry: three DR tunnels stay silent longer than isakmp_timeout
# with a budget of two. Two entries get one more period and one expires;
# a client that speaks in its extra period keeps its tunnel, the client
# beyond the budget has lost it, and a client silent through its extra
# period loses it too. The counters tell each outcome.
. "$LVS_ROOT/tests/lib/farm.sh"
# the three tunnels come up together and each entry's extra period must
# still be running when the case looks at it: a timeout well above the
# time the three take to come up and ping, however slow the machine
ISAKMP_TIMEOUT=15
BUDGET=2

ISAKMP=1 farm_up dr 3 2 || finish
nsx director sysctl -qw net.ipv4.vs.isakmp_soft_expiry=$BUDGET
swan_up_all 1 2 3
for i in 1 2 3; do
	check "client $i: tunnel up" swan_ensure_up "$i"
	check "client $i: ping through ESP" esp_ping "$i" v4 1
done
entry_state() { conn_field 3 "$(client_ip4 "$1"):4500" "$VIP4:4500"; }
soft() { isakmp_counter "soft_$1"; }
decided() { test $(($(soft granted) + $(soft refused))) -ge 3; }
expired_once() { test "$(soft expired)" -ge 1; }

# silence: every entry reaches its timeout
wait_for $((ISAKMP_TIMEOUT * 2 + 5)) "all three entries reached their timeout" decided
check "the budget granted two extra periods ($(soft granted))" test "$(soft granted)" -eq 2
check "and refused the third ($(soft refused))" test "$(soft refused)" -eq 1
kept=() lost=
for i in 1 2 3; do
	if [ "$(entry_state "$i")" = IKE_ESTAB ]; then kept+=("$i"); else lost=$i; fi
done
log "extra periods: clients ${kept[*]}; expired: client ${lost:-none}"
check "two entries outlived their timeout" test "${#kept[@]}" -eq 2
talker=${kept[0]} silent=${kept[1]}

check "client $talker: ping through ESP in the extra period" esp_ping "$talker" v4 2
check "client $talker: its entry is an ordinary one again ($(soft revived) revived)" \
	test "$(soft revived)" -eq 1
unestab=$(isakmp_counter esp_unestablished)
check_not "client $lost, beyond the budget: no ping through ESP" esp_ping "$lost" v4 2
check "client $lost: its ESP refused ($unestab -> $(isakmp_counter esp_unestablished))" \
	test "$(isakmp_counter esp_unestablished)" -gt "$unestab"

wait_for $((ISAKMP_TIMEOUT + 5)) "client $silent: silent through its extra period, expired" \
	expired_once
check "client $silent: its entry is gone" test -z "$(entry_state "$silent")"
check_not "client $silent: no ping through ESP" esp_ping "$silent" v4 2
check "client $talker: still pings through ESP" esp_ping "$talker" v4 2
log "counters: $(nsx director grep soft_ /proc/net/ip_vs_isakmp | tr -s ' ' | tr '\n' ' ')"
finish
