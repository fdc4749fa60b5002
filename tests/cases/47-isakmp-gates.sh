# SPDX-License-Identifier: GPL-2.0-only
# The gates of docs/isakmp.md, one crafted packet at a time, on a DR farm
# with no IKE daemon: isakmp_init_max=0 refuses every new exchange; a DR
# client's claim is confirmed by its own AH, which then reaches the
# server; ESP in UDP on an entry still in IKE_INIT is dropped
# (esp_early), and confirms a claim on 4500; a NAT keepalive restarts an
# established entry's timer; and entries in IKE_INIT are never active
# connections, for the schedulers (sed) and in ipvsadm's counts.
. "$LVS_ROOT/tests/lib/farm.sh"

farm_lan dr 2 2
isakmp_on
ipvs -A -u "$VIP4:0" -s rr -p 600
for r in 1 2; do ipvs -a -u "$VIP4:0" -r "$(rs_ip4_lan $r):0" -g; done
nsx director sysctl -qw net.ipv4.vs.isakmp_init_max=0
for r in 1 2; do
	capture_start "rs$r" eth0 "rs$r" 'ip proto 51 or udp port 4500' || finish
done
entry() { conn_field 3 "$(client_ip4 "$1"):$2" "$VIP4:$3"; }

# no INIT slot at all: every opening refused, and counted
ikepkt c1 ike "$VIP4" --sport 41000
check "init_max=0: the opening refused ($(isakmp_counter init_cap) at init_cap)" \
	test -z "$(entry 1 41000 500)" -a "$(isakmp_counter init_cap)" -ge 1
nsx director sysctl -qw net.ipv4.vs.isakmp_init_max=65536
ikepkt c1 ike "$VIP4" --sport 41000
check "  and accepted once slots exist ($(entry 1 41000 500))" \
	test "$(entry 1 41000 500)" = IKE_INIT

# a DR claim (IKE_AUTH with a responder SPI) stays IKE_INIT until the
# client's next packet of the flow: here its AH, which then passes
ikepkt c1 ike "$VIP4" --sport 500 --icookie 1111111111111111 \
	--rcookie 2222222222222222 --exchange 35
check "DR claim on 500: IKE_INIT until confirmed ($(entry 1 500 500))" \
	test "$(entry 1 500 500)" = IKE_INIT
before=$(isakmp_counter esp_confirmed)
ikepkt c1 esp "$VIP4" --proto 51 --count 3
check "the client's AH confirmed it: IKE_ESTAB ($(entry 1 500 500), esp_confirmed $before -> $(isakmp_counter esp_confirmed))" \
	test "$(entry 1 500 500)" = IKE_ESTAB -a "$(isakmp_counter esp_confirmed)" -gt "$before"

# on 4500: an opening, then ESP in UDP before any claim is dropped
ikepkt c2 ike "$VIP4" --dport 4500 --sport 44500 --icookie 3333333333333333
before=$(isakmp_counter esp_early)
ikepkt c2 esp "$VIP4" --udp --dport 4500 --sport 44500 --count 2
check "ESP in UDP on an IKE_INIT entry dropped (esp_early $before -> $(isakmp_counter esp_early))" \
	test "$(isakmp_counter esp_early)" -ge $((before + 2))
check "  the entry is still IKE_INIT ($(entry 2 44500 4500))" \
	test "$(entry 2 44500 4500)" = IKE_INIT
# the claim, then ESP in UDP confirms it and passes
ikepkt c2 ike "$VIP4" --dport 4500 --sport 44500 --icookie 3333333333333333 \
	--rcookie 4444444444444444 --exchange 35
ikepkt c2 esp "$VIP4" --udp --dport 4500 --sport 44500 --count 3
check "the claim on 4500 confirmed by ESP in UDP ($(entry 2 44500 4500))" \
	test "$(entry 2 44500 4500)" = IKE_ESTAB

# a NAT keepalive restarts the established entry's timer
expiry() { expiry_secs "$(conn_field 2 "$(client_ip4 2):44500" "$VIP4:4500")"; }
wait_for 20 "the established entry's timer ran 3 s" \
	eval 'test "$(expiry)" -le $((ISAKMP_TIMEOUT - 3))'
run_down=$(expiry)
before=$(isakmp_counter keepalive)
ikepkt c2 junk "$VIP4" --dport 4500 --sport 44500 --kind keepalive
check "a keepalive counted ($before -> $(isakmp_counter keepalive))" \
	test "$(isakmp_counter keepalive)" -gt "$before"
check "  and restarted the timer (${run_down}s -> $(expiry)s)" \
	test "$(expiry)" -gt "$run_down"

# what reached the servers: the confirmed AH and ESP in UDP, none early
ah=0 early=0 esp=0
for r in 1 2; do
	ah=$((ah + $(capture_count "rs$r" 'ip proto 51')))
	esp=$((esp + $(capture_count "rs$r" 'udp port 4500 and udp[8:4] != 0')))
done
check "the confirmed AH reached a server: all 3 ($ah)" test "$ah" -eq 3
check "of the ESP in UDP, only the 3 after the confirmation ($esp)" test "$esp" -eq 3

# INIT entries are never active connections: sed (which weighs active
# ones only) sends six openings from six ports to the same first server,
# and ipvsadm lists them as inactive, as any stock UDP entry
ipvs -A -u "$VIP4:500" -s sed
for r in 1 2; do ipvs -a -u "$VIP4:500" -r "$(rs_ip4_lan $r):500" -g; done
for p in 45001 45002 45003 45004 45005 45006; do ikepkt c1 ike "$VIP4" --sport $p; done
dests=$(conns | awk -v c="$(client_ip4 1)" '$3 == "IKE_INIT" && $4 ~ "^" c ":4500[1-6]$" { print $6 }' | sort | uniq -c)
echo "$dests" | sed 's/^/    /'
check "six IKE_INIT entries, all on one server: sed saw none of them" \
	test "$(wc -l <<<"$dests")" -eq 1 -a "$(awk '{ print $1 }' <<<"$dests")" = 6
# ActiveConn and InActConn of the service's servers, summed
counts=$(ipvs -Ln | awk -v v="$VIP4:500" '$2 == v { on = 1; next } /^(UDP|TCP)/ { on = 0 }
	on && $1 == "->" { a += $5; i += $6 } END { print a + 0, i + 0 }')
check "ipvsadm -Ln: none of them active, all six inactive ($counts)" \
	test "$counts" = "0 6"
conns
finish
