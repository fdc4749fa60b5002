# SPDX-License-Identifier: GPL-2.0-only
# The failure users report most, reproduced on stock behaviour: two real
# servers behind separate, non-persistent VIP:500 and VIP:4500 services.
# IKE_SA_INIT is scheduled on one server, the client floats to 4500 for
# IKE_AUTH and is scheduled on the other, which knows no such IKE SA: no
# tunnel comes up.
. "$LVS_ROOT/tests/lib/farm.sh"

farm_nat 1 2
# reversed orders, so that round robin picks a different first server
ipvs -A -u "$VIP4:500" -s rr
ipvs -a -u "$VIP4:500" -r "$(rs_ip4_nat 1):500" -m
ipvs -a -u "$VIP4:500" -r "$(rs_ip4_nat 2):500" -m
ipvs -A -u "$VIP4:4500" -s rr
ipvs -a -u "$VIP4:4500" -r "$(rs_ip4_nat 2):4500" -m
ipvs -a -u "$VIP4:4500" -r "$(rs_ip4_nat 1):4500" -m
swan_server 1 && swan_server 2 && swan_client 1 || finish

check_not "no tunnel comes up" swan_up 1 20
cip=$(client_ip4 1)
d500=$(conn_dest "$cip:500" "$VIP4:500")
d4500=$(conn_dest "$cip:4500" "$VIP4:4500")
log "IKE_SA_INIT went to $d500, IKE_AUTH to $d4500"
check "IKE_SA_INIT and IKE_AUTH were scheduled on different servers" \
	test -n "$d500" -a -n "$d4500" -a "${d500%:*}" != "${d4500%:*}"
check_not "no child SA on the client" grep -q INSTALLED <<<"$(swan_sas c1)"
check_not "pings cannot pass" esp_ping 1 v4 1
conns
finish
