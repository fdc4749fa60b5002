# SPDX-License-Identifier: GPL-2.0-only
# Sourced by host tests: break_series DIR appends to the series in DIR a
# patch that cannot apply to any ip_vs_core.c (9999-broken.patch).

break_series() {
	cat >"$1/9999-broken.patch" <<'PATCH'
--- a/net/netfilter/ipvs/ip_vs_core.c
+++ b/net/netfilter/ipvs/ip_vs_core.c
@@ -1,3 +1,3 @@
-this line is not in ip_vs_core.c
+nor is this one
 and neither is the context
PATCH
	echo 9999-broken.patch >>"$1/series"
}
