# SPDX-License-Identifier: GPL-2.0-only
# timeout: 600
# Twelve clients behind one NAT address (a CGNAT) and two direct ones, to
# three real servers, NAT mode, rr, ISAKMP entries, and the IKE
# persistence engine ("-p 600 --pe ike", stock ipvsadm): each IKE SA is
# scheduled on its own, so the NATed clients spread over the servers like
# any others, while each client's IKE on 500 and 4500 (from other NAT
# ports) and its ESP-in-UDP stay on the server that holds its IKE SA.
# PE=none runs the same case with persistence by address, which puts
# every NATed client on one server.
. "$LVS_ROOT/tests/lib/farm.sh"
ND=2 NN=12 NR=3
PE=${PE:-ike}

farm_nat "$ND" "$NR"
nat_router 21 "$NN"
isakmp_on
if [ "$PE" = none ]; then
	ipvs -A -u "$VIP4:0" -s rr -p 600
else
	ipvs -A -u "$VIP4:0" -s rr -p 600 --pe "$PE"
fi
for r in $(seq 1 $NR); do ipvs -a -u "$VIP4:0" -r "$(rs_ip4_nat "$r"):0" -m; done
ipvs -Ln
check "the persistence engine is '$PE' (autoloaded)" \
	grep -q "persistent 600$([ "$PE" = none ] || echo " pe $PE")\$" \
	<<<"$(ipvs -Ln | grep "$VIP4:0")"
for r in $(seq 1 $NR); do swan_server "$r" || finish; done
direct=$(seq 1 $ND)
natted=$(seq 21 $((20 + NN)))
for i in $direct $natted; do swan_client "$i" || finish; done

# every IKE packet the director forwards, to tell where each IKE SA went
capture_start director eth1 ike "udp port 500 or udp port 4500"
swan_up_all $direct $natted
up=0
for i in $direct $natted; do
	swan_sas "c$i" | grep -q INSTALLED && up=$((up + 1))
done
check "all $((ND + NN)) tunnels up at once ($up)" test "$up" -eq $((ND + NN))
capture_count ike >/dev/null
# "SPI PORT RIP" for each forwarded IKE message (4500: behind the marker)
tcpdump -n -vv -r "$LAB_TMP/ike.pcap" 2>/dev/null | awk '
	/ > 198\.51\.100\.[0-9]+\.(500|4500): / && / cookie / {
		for (f = 1; f <= NF; f++) {
			if ($f == ">") { dst = $(f + 1) }
			if ($f == "cookie") { spi = substr($(f + 1), 1, 16) }
		}
		sub(/:$/, "", dst)
		port = dst; sub(/.*\./, "", port); sub(/\.[0-9]+$/, "", dst)
		print spi, port, dst
	}' | sort -u >"$LAB_TMP/ike.spis"

# ike_dests SPI PORT: the real servers the director sent that SA's
# messages to PORT
ike_dests() {
	awk -v s="$1" -v p="$2" '$1 == s && $2 == p { print $3 }' "$LAB_TMP/ike.spis"
}

# template_of SPI: the director's template of that IKE SA, as
# /proc/net/ip_vs_conn shows it (its PE name and data last)
template_of() {
	nsx director awk -v s="$1" '$(NF - 1) == "ike" && $NF == s' /proc/net/ip_vs_conn
}

sa_checks() {
	local i=$1 r spi d500 d4500 rip
	r=$(rs_holding_client "$i" "$NR")
	rip=$(rs_ip4_nat "${r:-0}")
	spi=$(swan_ike_spis "c$i" | cut -d' ' -f1)
	check "client $i: IKE SA ${spi:-?} on rs${r:-none}" test -n "$r" -a -n "$spi"
	d500=$(ike_dests "$spi" 500 | xargs)
	d4500=$(ike_dests "$spi" 4500 | xargs)
	check "client $i: its IKE on 500 went to rs$r only ($d500)" test "$d500" = "$rip"
	check "client $i: its IKE on 4500 went to rs$r only ($d4500)" test "$d4500" = "$rip"
	if [ "$PE" != none ]; then
		check "client $i: one template for its IKE SA, to rs$r, assured" \
			grep -q "^UDP .* $(printf '%08X' "$(ip4_int "$rip")") 0000 ASSURED " \
			<<<"$(template_of "$spi")"
	fi
	check "client $i: ping through ESP-in-UDP" esp_ping "$i" v4
}

ip4_int() {
	local IFS=.
	set -- $1
	echo $((($1 << 24) + ($2 << 16) + ($3 << 8) + $4))
}

for i in $direct; do
	sa_checks "$i"
	r=$(rs_holding_client "$i" "$NR")
	dest=$(conn_dest "$(client_ip4 "$i"):4500" "$VIP4:4500")
	st=$(conn_field 3 "$(client_ip4 "$i"):4500" "$VIP4:4500")
	check "direct client $i: its 4500 entry leads to rs$r ($dest) and is $st" \
		test "$(rs_index_of "$dest")" = "$r" -a "$st" = IKE_ESTAB
done
for i in $natted; do
	sa_checks "$i"
	r=$(rs_holding_client "$i" "$NR")
	port=$(swan_remote_port "${r:-0}" "$i")
	dest=$(conn_dest "$NATR_IP4:$port" "$VIP4:4500")
	st=$(conn_field 3 "$NATR_IP4:$port" "$VIP4:4500")
	check "NATed client $i: its 4500 entry from $NATR_IP4:$port leads to rs$r ($dest) and is $st" \
		test -n "$port" -a "$(rs_index_of "$dest")" = "$r" -a "$st" = IKE_ESTAB
done

# each server holds between half and twice its even share of the NATed
share=$((NN / NR))
for r in $(seq 1 $NR); do
	n=0
	for i in $natted; do
		[ "$(rs_holding_client "$i" "$NR")" = "$r" ] && n=$((n + 1))
	done
	check "rs$r holds $n of the $NN NATed clients (even share $share)" \
		test "$n" -ge $((share / 2)) -a "$n" -le $((share * 2))
done

templates=$(nsx director awk '$1 == "UDP" && $3 == "0000" && $5 == "0000"' /proc/net/ip_vs_conn | wc -l)
entries=$(conns | wc -l)
log "director: $entries entries in ipvsadm -Lnc, $templates of them templates, for $((ND + NN)) tunnels"
if [ "$PE" != none ]; then
	check "one template per IKE SA ($templates for $((ND + NN)))" \
		test "$templates" -eq $((ND + NN))
fi
nsx director cat /proc/net/ip_vs_conn | sed -n '1p;/ ike /p' | head -n 20
nsx director cat /proc/net/ip_vs_isakmp | awk '$2 != 0'
finish
