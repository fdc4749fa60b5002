# SPDX-License-Identifier: GPL-2.0-only
# The shipped keepalived-conf/modprobe.d/lvs-ipsec.conf sizes IPVS's
# connection table as docs/configuration.md says: modprobe, reading it as
# it would from /etc/modprobe.d, loads our ip_vs with 2^20 buckets
# (ipvsadm -Ln reports the size; without the file it is stock's 4096),
# and a client's ISAKMP entry works on that table. The set is loaded
# back with the default size at the end, as the other cases expect it.
. "$LVS_ROOT/tests/lib/lab.sh"
shipped=$LVS_ROOT/keepalived-conf/modprobe.d
mods="ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh ip_vs"

table_size() { nsx "$1" ipvsadm -Ln | sed -n 's/.*(size=\([0-9]*\)).*/\1/p'; }

# reload [-C CONFIG]: the whole set again, modprobe reading the
# configuration given (none: the guest's own /etc/modprobe.d)
reload() {
	lab_cleanup
	wait_for 60 "the IPVS set unloads" unload_ipvs || return 1
	# shellcheck disable=SC2086 # a list of modules
	modprobe "$@" -a $mods
}
trap 'lab_cleanup; reload' EXIT

# whatever an earlier case loaded: the set as modprobe loads it by default
check "the set reloads without the file" reload
ns_add probe
check "without it the table has stock's 4096 buckets" test "$(table_size probe)" = 4096
check "the set reloads with the shipped modprobe.d" reload -C "$shipped"
check "ip_vs is still ours (from updates/)" test -e /proc/net/ip_vs_isakmp
ns_add probe
size=$(table_size probe)
check "the shipped configuration gives 2^20 buckets ($size)" test "$size" = 1048576

# a client's IKE on that table: its entry is there and established
farm_nat 1 1
nsx director sysctl -qw net.ipv4.vs.isakmp=1
ipvs -A -u "$VIP4:0" -s rr -p 60
ipvs -a -u "$VIP4:0" -r "$(rs_ip4_nat 1):0" -m
nsx rs1 "$BUILD/tools/lvs-sink" --echo-ike --seconds 60 >/dev/null \
	2>"$LAB_TMP/sink.err" &
wait_for 10 "the real server answers IKE" grep -q ready "$LAB_TMP/sink.err"
nsx c1 "$BUILD/tools/lvs-loadgen" --kind ike-est --dst "$VIP4" --sport 500 \
	--sources "$(client_ip4 1)/32" >/dev/null
client_estab() { grep -q "IKE_ESTAB.*$(client_ip4 1):500" <<<"$(ipvs -Lnc)"; }
check "the client's entry is IKE_ESTAB on the large table" \
	wait_for 10 "the client's entry established" client_estab
finish
