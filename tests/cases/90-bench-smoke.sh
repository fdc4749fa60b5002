# SPDX-License-Identifier: GPL-2.0-only
# The benchmarks run (bench/guest-bench, smallest size): the stock set and
# ours each forward the generator's ESP to the real servers' sinks, every
# packet read and its cost counted (ours also by SPI, with no entry), the
# table-scale run fills the table and keeps it, the flood run reports, a
# tunnel's setup is timed through the director and straight to its
# server, the tunnel memory run counts real tunnels' entries and
# templates with both sets, and our set is loaded again afterwards.
# Figures are not judged here (see make bench), only what each set must
# hold per tunnel.
# The stock set here is the distribution's own IPVS, which the guest's
# kernel ships (make bench rebuilds it from the same linux-source, to
# compare like with like; this case judges no figure).
. "$LVS_ROOT/tests/lib/lab.sh"
mkdir -p "$LAB_TMP"
out=$LAB_TMP/bench.out
LVS_BENCH_STOCK=/lib/modules/$(uname -r)/kernel/net/netfilter/ipvs \
	"$LVS_ROOT/bench/guest-bench" smoke >"$out" 2>"$LAB_TMP/bench.err"
check "the benchmark ran to its end" test $? -eq 0 ||
	tail -n 20 "$LAB_TMP/bench.err" | sed 's/^/    /'
grep '^BENCH' "$out" | sed 's/^/  /'
python3 - "$out" <<'PY' | sed 's/^/  /'
import json, sys
recs = [json.loads(l[6:]) for l in open(sys.argv[1]) if l.startswith("BENCH ")]
def has(kind, cond):
    ok = any(r["bench"] == kind and cond(r) for r in recs)
    print(("ok: " if ok else "FAIL: ") + kind)
    return ok
good = all([
    has("env", lambda r: r["cpus"] > 0),
    has("cost", lambda r: r["set"] == "stock" and r["row"] == "esp-dr" and
        r["received"] == r["sent"] and r["per_packet"] > 0),
    has("cost", lambda r: r["set"] == "ours" and r["row"] == "esp-dr" and
        r["received"] == r["sent"] and r["per_packet"] > 0),
    # ours steers by SPIs every packet of clients without an entry, and
    # keeps none
    has("cost", lambda r: r["set"] == "ours" and r["row"] == "esp-spi-dr" and
        r["received"] == r["sent"] and r["steered"] == r["sent"] and
        r["entries"] == 0 and r["per_packet"] > 0),
    has("scale", lambda r: r["set"] == "stock" and r["table"] >= r["entries"]),
    has("scale", lambda r: r["set"] == "ours" and r["table"] >= r["entries"]),
    has("flood", lambda r: r["flood_pps"] > 0 and r["esp_sent"] > 0 and
        r["new_clients"] > 0),
    # IKEv2 takes two round trips, through the director as well
    has("setup", lambda r: r["path"] == "director" and r["ns"] > 0 and
        r["ike_requests"] == 2),
    has("setup", lambda r: r["path"] == "direct" and r["ns"] > 0 and
        r["ike_requests"] == 2),
    # stock: one template per client address (the NAT router's, each
    # direct client's); ours: one per IKE SA, each with its SPI
    has("tunnels", lambda r: r["set"] == "stock" and r["pe_data"] == 0 and
        r["templates"] == r["direct"] + 1 and
        r["entries_4500"] >= r["natted"] + r["direct"]),
    has("tunnels", lambda r: r["set"] == "ours" and
        r["templates"] >= r["natted"] + r["direct"] and
        r["pe_data"] == r["templates"] and
        r["entries_4500"] >= r["natted"] + r["direct"]),
])
sys.exit(0 if good else 1)
PY
check "every section reported figures" test "${PIPESTATUS[0]}" -eq 0 ||
	tail -n 20 "$LAB_TMP/bench.err" | sed 's/^/    /'
ns_add probe
check "our set is loaded again" nsx probe test -r /proc/net/ip_vs_isakmp
finish
