# SPDX-License-Identifier: GPL-2.0-only
# Real servers steered by their SPIs (the "spi" scheduler, issue 19): real
# server R puts the label 0x0R into the first byte of its IKE SPIs
# (strongSwan's charon.spi_label under charon.spi_mask) and draws its ESP
# SPIs from 0xcR000000-0xcRffffff (charon.spi_min, spi_max); the director
# is told the same with the patched ipvsadm.
. "$LVS_ROOT/tests/lib/farm.sh"

SPI_MASK=0xff00000000000000
spi_label() { printf '0x%02x00000000000000' "$1"; }
spi_range() { printf '0xc%x000000-0xc%xffffff' "$1" "$1"; }

# spi_labels NSERVERS: each real server's charon settings
spi_labels() {
	local r
	for r in $(seq 1 "$1"); do
		SWAN_CHARON_OF[rs$r]="	spi_mask = $SPI_MASK
	spi_label = $(spi_label "$r")
	spi_min = $(spi_range "$r" | cut -d- -f1)
	spi_max = $(spi_range "$r" | cut -d- -f2)"
	done
}

# spi_rs_opts R: the patched ipvsadm's options for real server R
spi_rs_opts() { echo "--spi-label $(spi_label "$1")/$SPI_MASK --spi-range $(spi_range "$1")"; }

# spi_service MODE NSERVERS [NS]: on director NS (default $DIRECTOR), the
# VIP's IKE services (UDP 500 and 4500) steering by SPIs over the real
# servers
spi_service() {
	local mode=$1 nr=$2 ns=${3:-$DIRECTOR} port r
	for port in 500 4500; do
		nsx "$ns" "$IPVSADM_PATCHED" -A -u "$(vip):$port" -s spi || return 1
		for r in $(seq 1 "$nr"); do
			# shellcheck disable=SC2046 # the options are words
			nsx "$ns" "$IPVSADM_PATCHED" -a -u "$(vip):$port" \
				-r "$(rip "$mode" "$r"):$port" "$FWD" $(spi_rs_opts "$r") ||
				return 1
		done
	done
}

# ike_label I: the first byte of client I's responder SPI, as on the wire
ike_label() { swan_ike_spis "c$1" | cut -d' ' -f2 | cut -c1-2; }

# esp_out_spi I: the SPI of client I's newest outbound ESP SA (to the VIP)
esp_out_spi() {
	nsx "c$1" ip xfrm state | awk -v vip="$(vip | tr -d '[]')" '
		$1 == "src" { dst = $4 }
		$1 == "proto" && $3 == "spi" && dst == vip { print $4 }' | tail -n 1
}

# in_range SPI R: SPI (0x...) lies in real server R's range
in_range() { [ "$(printf '%08x' "$1" | cut -c1-2)" = "c$2" ]; }

# spi_label_checks I NSERVERS WHEN: client I's SAs name the server that
# holds them
spi_label_checks() {
	local i=$1 nr=$2 when=$3 r spi
	r=$(rs_holding_client "$i" "$nr")
	check "client $i ($when): a real server holds its IKE SA (rs${r:-none})" test -n "$r" ||
		return
	check "client $i ($when): responder SPI labeled 0$r ($(swan_ike_spis "c$i"))" \
		test "$(ike_label "$i")" = "0$r"
	spi=$(esp_out_spi "$i")
	check "client $i ($when): its ESP SPI ${spi:-none} in rs$r's range" in_range "${spi:-0}" "$r"
}

# ESP or AH arriving at a real server: raw (DR), or inside IPIP or
# IPv6-in-IPv6 (TUN)
SPI_AT_SERVER='ip proto 50 or ip proto 51 or ip6 proto 50 or ip6 proto 51 or
	(ip proto 4 and (ip[29] == 50 or ip[29] == 51)) or
	(ip6 proto 41 and (ip6[46] == 50 or ip6[46] == 51))'

# spi_stray_checks NS: from client namespace NS, which has no entry on the
# director, ESP and AH with an SPI of rs2's range reach rs2 and no other
# server and leave no entry; with an SPI of no range, they are answered
# with ICMP and reach no server
spi_stray_checks() {
	local ns=$1 vip steered unknown icmp r n
	vip=$(vip | tr -d '[]')
	if [ "$FAMILY" = 6 ]; then
		icmp='icmp6 and ip6[40] == 4 and ip6[41] == 1'
	else
		icmp='icmp[icmptype] == 3 and icmp[icmpcode] == 2'
	fi
	nsx "$DIRECTOR" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0
	for r in 1 2 3; do capture_start "rs$r" eth0 "stray$r" "$SPI_AT_SERVER" || return; done
	capture_start "$ns" eth0 strayicmp "$icmp" || return
	steered=$(isakmp_counter spi_steered)
	unknown=$(isakmp_counter spi_unknown)
	ikepkt "$ns" esp "$vip" --spi $((0xc2000001)) --count 3
	ikepkt "$ns" esp "$vip" --spi $((0xc2000002)) --proto 51
	ikepkt "$ns" esp "$vip" --spi $((0xc9000001)) --count 2
	ikepkt "$ns" esp "$vip" --spi $((0xc9000002)) --proto 51
	wait_for 10 "the ESP and AH of rs2's range at rs2" \
		eval 'test "$(tcpdump -n -r "$LAB_TMP/stray2.pcap" 2>/dev/null | wc -l)" -ge 4'
	wait_for 10 "ICMP for the SPIs of no range" \
		eval 'test "$(tcpdump -n -r "$LAB_TMP/strayicmp.pcap" 2>/dev/null | wc -l)" -ge 3'
	check "spi_steered counted the 4 packets to rs2" \
		test "$(isakmp_counter spi_steered)" -eq $((steered + 4))
	check "spi_unknown counted the 3 of no range" \
		test "$(isakmp_counter spi_unknown)" -ge $((unknown + 3))
	n=$(capture_count stray2)
	check "rs2 saw the 4 packets of its range, no more ($n)" test "$n" -eq 4
	for r in 1 3; do
		n=$(capture_count "stray$r")
		check "rs$r saw none of them ($n)" test "$n" -eq 0
	done
	n=$(capture_count strayicmp)
	check "3 ICMP errors at the sender ($n)" test "$n" -eq 3
	check_not "no entry for the sender" \
		grep -qF " $(cip "${ns#c}"):" <<<"$(conns)"
}
