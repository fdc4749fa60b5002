# SPDX-License-Identifier: GPL-2.0-only
# What directors without shared state would steer by (issue 19): real
# servers given strongSwan's charon.spi_mask/spi_label and
# spi_min/spi_max put their label into every IKE SPI they allocate and
# draw the ESP SPIs clients send to them from their range, so every
# packet after the opening names its server. Three DR servers, labels in
# the SPI's first byte (0x01.., 0x02.., 0x03.. on the wire) and ranges
# 0xc1000000-0xc1ffffff, 0xc2.., 0xc3..; six clients through the
# director (feature off: stock persistence places them). Each client's
# IKE SA carries its server's label in the responder SPI, and the ESP
# SPI it sends with lies in its server's range; after an IKE rekey and a
# CHILD rekey, the new SAs do too.
. "$LVS_ROOT/tests/lib/farm.sh"
NC=6 NR=3
for r in $(seq 1 "$NR"); do
	SWAN_CHARON_OF[rs$r]="	spi_mask = 0xff00000000000000
	spi_label = 0x0${r}00000000000000
	spi_min = 0xc${r}000000
	spi_max = 0xc${r}ffffff"
done

# ike_label I: the first byte of client I's responder SPI, as the wire has it
ike_label() { swan_ike_spis "c$1" | cut -c18-19; }
# esp_out_spi I: the SPI of client I's outbound ESP SA (to the VIP)
esp_out_spi() {
	nsx "c$1" ip xfrm state | awk -v vip="$VIP4" '$1 == "src" { dst = $4 }
		$1 == "proto" && $3 == "spi" && dst == vip { print $4 }' | tail -n 1
}
# in_range SPI R: SPI (0x...) lies in real server R's range
in_range() { [ "$(printf '%08x' "$1" | cut -c1-2)" = "c$2" ]; }

# labeled_checks I WHEN: client I's SAs name the server that holds them
labeled_checks() {
	local i=$1 when=$2 r spi
	r=$(rs_holding_client "$i" "$NR")
	check "client $i ($when): a real server holds its IKE SA (rs${r:-none})" test -n "$r" ||
		return
	check "client $i ($when): responder SPI labeled 0$r ($(swan_ike_spis "c$i"))" \
		test "$(ike_label "$i")" = "0$r"
	spi=$(esp_out_spi "$i")
	check "client $i ($when): its ESP SPI ${spi:-none} in rs$r's range" in_range "${spi:-0}" "$r"
}

farm_up dr "$NC" "$NR" || finish
for i in $(seq 1 "$NC"); do
	check "client $i: tunnel up" swan_up "$i"
done
for r in $(seq 1 "$NR"); do
	check "rs$r: charon took its label" \
		grep -q "using SPI label 0x0${r}00000000000000" "$(swan_dir "rs$r")/charon.log"
done
for i in $(seq 1 "$NC"); do labeled_checks "$i" "up"; done

for i in 1 2; do
	swanctl --rekey --ike farm --uri "$(swan_uri "c$i")" >/dev/null 2>&1
	swanctl --rekey --child net --uri "$(swan_uri "c$i")" >/dev/null 2>&1
	check "client $i: pings after the rekeys" esp_ping "$i" v4
	labeled_checks "$i" "rekeyed"
done
finish
