# SPDX-License-Identifier: GPL-2.0-only
# Sourced by host tests: break_series DIR [FILE] appends to the series in
# DIR a patch (9999-broken.patch) that cannot apply to FILE, whatever its
# version (default net/netfilter/ipvs/ip_vs_core.c, for the kernel series).

break_series() {
	local file=${2:-net/netfilter/ipvs/ip_vs_core.c}
	cat >"$1/9999-broken.patch" <<PATCH
--- a/$file
+++ b/$file
@@ -1,3 +1,3 @@
-this line is not in $(basename "$file")
+nor is this one
 and neither is the context
PATCH
	echo 9999-broken.patch >>"$1/series"
}
