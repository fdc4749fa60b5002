# SPDX-License-Identifier: GPL-2.0-only
# Crafted sync messages fed to a backup director (tests/lib/syncmsg.py
# send): a valid ISAKMP parameter gives an IKE_ESTAB entry; a parameter of
# the wrong length, with the INIT state or an unknown one is refused and
# counted (sync_refused), and its entry stays plain UDP, as a stock backup
# would keep it; a parameter running past its entry drops the entry, and
# a message shorter than its size field is dropped whole. No oops (the
# runner fails the case on any in dmesg).
. "$LVS_ROOT/tests/lib/farm.sh"
SYNCID=7
CADDR=192.0.2.11

lan_add brc
ns_add backup
plug backup eth0 brc 192.0.2.2/24 2001:db8:c::2/64
ns_add master
plug master eth0 brc 192.0.2.3/24 2001:db8:c::3/64
nsx backup sysctl -qw net.ipv4.vs.isakmp=1
DIRECTOR=backup ipvs -A -u "$VIP4:0" -s rr -p 600
DIRECTOR=backup ipvs -a -u "$VIP4:0" -r "$(rs_ip4_lan 1):0" -g
DIRECTOR=backup ipvs --start-daemon backup --mcast-interface eth0 --syncid $SYNCID
# the daemon has joined the group once the backup's eth0 lists it
wait_for 10 "the backup's sync daemon listens" \
	eval 'nsx backup ip maddr show dev eth0 | grep -q 224.0.0.81'

nsx master python3 "$LVS_ROOT/tests/lib/syncmsg.py" send 192.0.2.3 $SYNCID \
	"$VIP4" "$(rs_ip4_lan 1)" "$CADDR"
state() { DIRECTOR=backup conn_field 3 "$CADDR:$1" "$VIP4:500"; }
wait_for 10 "the valid entry synced" eval 'test -n "$(state 50001)"'
DIRECTOR=backup conns
check "a valid ISAKMP parameter: IKE_ESTAB ($(state 50001))" \
	test "$(state 50001)" = IKE_ESTAB
for port in 50002 50003 50004; do
	check "a bad parameter (port $port): a plain UDP entry ($(state $port))" \
		test "$(state $port)" = UDP
done
refused=$(DIRECTOR=backup isakmp_counter sync_refused)
check "the three bad parameters counted ($refused)" test "$refused" -eq 3
check "a parameter past its entry: the entry dropped ($(state 50005))" \
	test -z "$(state 50005)"
check "a message shorter than its size: dropped whole ($(state 50006))" \
	test -z "$(state 50006)"
finish
