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
. "$LVS_ROOT/tests/lib/spi.sh"
NC=6 NR=3
spi_labels "$NR"

farm_up dr "$NC" "$NR" || finish
for i in $(seq 1 "$NC"); do
	check "client $i: tunnel up" swan_up "$i"
done
for r in $(seq 1 "$NR"); do
	check "rs$r: charon took its label" \
		grep -q "using SPI label 0x0${r}00000000000000" "$(swan_dir "rs$r")/charon.log"
done
for i in $(seq 1 "$NC"); do spi_label_checks "$i" "$NR" up; done

for i in 1 2; do
	swanctl --rekey --ike farm --uri "$(swan_uri "c$i")" >/dev/null 2>&1
	swanctl --rekey --child net --uri "$(swan_uri "c$i")" >/dev/null 2>&1
	check "client $i: pings after the rekeys" esp_ping "$i" v4
	spi_label_checks "$i" "$NR" rekeyed
done
finish
