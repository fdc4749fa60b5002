# SPDX-License-Identifier: GPL-2.0-only
# Case 20 with certificates instead of the pre-shared key, as most farms
# authenticate (SWAN_AUTH=pubkey: ECDSA certificates from the case's own
# CA, tests/lib/swan.sh): IKE_AUTH now carries a certificate each way, and
# the tunnels still come up through ISAKMP entries that open as IKE_INIT
# and become IKE_ESTAB, stay on one server and carry pings.
. "$LVS_ROOT/tests/lib/farm.sh"
FAMILY=4 SWAN_AUTH=pubkey

isakmp_farm_case nat 2 "500 4500"
for i in 1 2; do
	check "a real server authenticated client $i by its certificate (ECDSA)" \
		grep -q "authentication of 'client$i.lab' with ECDSA" \
		"$LAB_TMP"/rs[12]/charon.log
	check "client $i authenticated the farm by its certificate (ECDSA)" \
		grep -q "authentication of 'vpn.lab' with ECDSA" \
		"$(swan_dir "c$i")/charon.log"
done
finish
