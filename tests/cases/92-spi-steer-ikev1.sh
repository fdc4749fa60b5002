# SPDX-License-Identifier: GPL-2.0-only
# The spi scheduler with IKEv1 main mode (DR, IPv4, no NAT): strongSwan
# puts its label into its IKEv1 cookies as into IKEv2 SPIs, and the
# director, with no initiator flag to read, takes the responder cookie as
# the server's (docs/limits.md). Every tunnel comes up on the server its
# responder cookie names, its ESP in that server's range, on one director.
SWAN_VERSION=1
. "$LVS_ROOT/tests/lib/spi.sh"
NC=4 NR=3

spi_labels "$NR"
farm_lan dr "$NC" "$NR"
isakmp_on
check "the IKE services steer by SPIs" spi_service dr "$NR" || finish
for r in $(seq 1 "$NR"); do swan_server "$r" || finish; done
for i in $(seq 1 "$NC"); do swan_client "$i" "$VIP4" || finish; done
for i in $(seq 1 "$NC"); do
	tunnel_checks "$i" "$NR" 500
	spi_label_checks "$i" "$NR" up
done
check "no IKE named an unknown server" test "$(isakmp_counter spi_unknown)" = 0
finish
