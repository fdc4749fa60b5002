#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""report.py RAW.jsonl RESULTS-DIR DOCS-DIR

Turns the guest's BENCH lines into bench/results/*.json, two plots and
docs/PERFORMANCE.md. Medians over repetitions; ratios ours/stock; each
row also against the same row of the previous run in RESULTS-DIR, which
is how "make bench twice gives the same figures" is read.
Exits non-zero when a section is missing, so that a broken run is seen.
A run of the tunnel memory alone (bench/run --tunnels) replaces that
section; the others come from RESULTS-DIR's earlier figures.
"""
import json
import os
import re
import statistics
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TARGET_COST = 1.02      # ours/stock instructions per packet, ESP rows
TARGET_SCALE = 1.10     # cost at the largest table / cost at the smallest
TARGET_MEMORY = 1.08    # ours/stock bytes per entry
TARGET_REPEAT = 0.02    # run-to-run spread of every row
ESP_ROWS = ("esp-dr", "esp-tun", "espudp-nat")
ROW_TEXT = {
    "route": "plain routing through the director to a real server's own "
             "address, past IPVS (the floor)",
    "esp-dr": "raw ESP of established clients, DR",
    "esp-tun": "raw ESP of established clients, TUN",
    "espudp-nat": "ESP in UDP on 4500 of established clients, NAT",
    "ike-est-dr": "IKE of established clients, DR",
    "ike-init-dr": "IKE_SA_INIT, every packet from a new client: an entry "
                   "created and scheduled, DR",
    "esp-stray-dr": "ESP of clients without an entry, DR: ours answers "
                    "each with ICMP protocol unreachable (the kernel's ICMP "
                    "rate limits lifted for this row, so that it is the cost "
                    "of answering every one; with the default limits the "
                    "director answers at most 1000 a second and drops the "
                    "rest at less cost), stock's director drops it as a "
                    "local packet without SA",
    "esp-spi-dr": "raw ESP of clients without an entry, DR, on a service "
                  "that steers by SPIs: ours forwards each packet to the "
                  "real server whose range holds its SPI, by a connection "
                  "made and freed for that packet, as a director does for "
                  "the flows it took over from another; stock cannot steer "
                  "by SPIs and forwards the same clients' ESP by their "
                  "entries, as esp-dr",
}


def load(path):
    """the records; a line that does not parse (a measurement whose tool
    printed nothing) is counted in the "lost" record, not fatal"""
    recs, lost = [], []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            try:
                recs.append(json.loads(line))
            except ValueError:
                lost.append(line.strip())
    recs.append({"bench": "lost", "lines": lost})
    return recs


def read(path):
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def spread(values):
    """(max - min) / median of one set's repetitions"""
    med = statistics.median(values)
    return (max(values) - min(values)) / med if med else 0.0


def change(new, old):
    """new against the previous run's figure, as a fraction"""
    return None if not old else new / old - 1


def costs(rows, env, previous):
    runs = {}
    for r in rows:
        runs.setdefault(r["row"], {}).setdefault(r["set"], []).append(
            r["per_packet"])
    old = (previous or {}).get("rows", {})
    table = {}
    for row, sets in runs.items():
        med = {s: statistics.median(v) for s, v in sets.items()}
        x = {"stock": med.get("stock"), "ours": med.get("ours"),
             "runs": sets,
             "spread": max(spread(v) for v in sets.values()),
             "ratio": (med["ours"] / med["stock"]
                       if med.get("stock") and med.get("ours") else None)}
        prev = old.get(row, {})
        x["change"] = max((abs(change(med[s], prev.get(s)))
                           for s in med if prev.get(s)), default=None)
        table[row] = x
    floor = table.get("route", {})
    reached = {r["row"] for r in rows if r["received"]}
    for row, x in table.items():
        for s in ("stock", "ours"):
            # a row whose packets no real server reads is not a path
            # through the director: nothing to subtract the floor from
            x[s + "_over_floor"] = (x[s] - floor[s] if row in reached and
                                    x.get(s) and floor.get(s) else None)
    return {"env": env, "rows": table}


def scale(rows, env, previous):
    table = {}
    old = {s: {x["entries"]: x for x in runs}
           for s, runs in (previous or {}).get("sets", {}).items()}
    for r in rows:
        x = {k: r[k] for k in ("entries", "table", "tab_bits", "slab_objects",
                               "object_size", "per_packet")}
        x["bytes_per_entry"] = (r["slab_objects"] * r["object_size"] /
                                max(r["entries"], 1))
        prev = old.get(r["set"], {}).get(r["entries"], {})
        x["change"] = change(r["per_packet"], prev.get("per_packet"))
        table.setdefault(r["set"], []).append(x)
    for runs in table.values():
        runs.sort(key=lambda x: x["entries"])
        for x in runs:
            x["vs_smallest"] = x["per_packet"] / runs[0]["per_packet"]
    return {"env": env, "sets": table}


def tunnels(rows):
    """per set: the census of one run and the bytes it adds up to"""
    out = {}
    for r in rows:
        x = {k: v for k, v in r.items() if k != "bench"}
        x["tunnels"] = r["natted"] + r["direct"]
        x["objects"] = (r["templates"] + r["entries_500"] +
                        r["entries_4500"] + r["entries_other"])
        x["bytes"] = (x["objects"] * r["slab_size"] +
                      r["pe_data"] * r["pe_data_size"])
        x["steady_bytes"] = x["bytes"] - r["entries_500"] * r["slab_size"]
        out[r["set"]] = x
    return {"sets": out}


def setup(rows, env, previous):
    """per mode and path: the median over the repetitions"""
    old = (previous or {}).get("modes", {})
    out = {}
    for r in rows:
        out.setdefault(r["mode"], {}).setdefault(r["path"], []).append(r)
    table = {}
    for mode, paths in out.items():
        t = {}
        for path, runs in paths.items():
            t[path] = {"ns": statistics.median(x["ns"] for x in runs),
                       "ns_ike": statistics.median(x["ns_ike"] for x in runs),
                       "esp": runs[0]["esp"],
                       "spread": spread([x["ns"] for x in runs]),
                       "ike_requests": max(x["ike_requests"] for x in runs),
                       "retransmissions": max(x["retransmissions"]
                                              for x in runs),
                       "reps": len(runs)}
            t[path]["change"] = change(
                t[path]["ns"], old.get(mode, {}).get(path, {}).get("ns"))
        if "director" in t and "direct" in t:
            t["ratio"] = t["director"]["ns"] / t["direct"]["ns"]
            t["same_exchanges"] = (
                t["director"]["ike_requests"] == t["direct"]["ike_requests"]
                and t["director"]["retransmissions"] == 0)
        table[mode] = t
    return {"env": env, "modes": table}


def tunnels_markdown(tu, number):
    sets = tu["sets"]
    lines = ["## %d. Memory per client tunnel" % number, "",
             "| Set, service | Tunnels (NATed + direct) | Templates | "
             "Entries to 500 | to 4500 | other | pe_data | Slab objects "
             "grown | Bytes per tunnel | Once the 500 entries expired |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    service = {"stock": "stock, `-p 600` (by client address)",
               "ours": "ours, `-p 600 --pe ike`"}
    for name in ("stock", "ours"):
        x = sets.get(name)
        if not x:
            continue
        lines.append("| %s | %d (%d + %d) | %d | %d | %d | %d | %d | %d | "
                     "%.0f | %.0f |" % (
                         service[name], x["tunnels"], x["natted"], x["direct"],
                         x["templates"], x["entries_500"], x["entries_4500"],
                         x["entries_other"], x["pe_data"], x["slab_objects"],
                         x["bytes"] / x["tunnels"],
                         x["steady_bytes"] / x["tunnels"]))
    x = sets.get("ours") or sets.get("stock")
    lines += ["", "Real strongSwan tunnels through a NAT-mode farm of three "
              "servers (rr): %d clients behind one NAT router address, each "
              "from its own ports, and %d with addresses of their own, "
              "counted when every tunnel is up. Templates, entries and "
              "pe_data are a census of `/proc/net/ip_vs_conn` (a template is "
              "a line with client port 0; pe_data is what a template of the "
              "`ike` engine carries); the slab column is what the "
              "`ip_vs_conn` cache grew by from before the first tunnel "
              "(objects after a shrink), the same objects counted another "
              "way." % (x["natted"], x["direct"]), "",
              "The arithmetic: bytes = (templates + entries) x %d + pe_data x "
              "%d, divided by the tunnels. %d bytes is the `ip_vs_conn` "
              "object as its slab lays it out (`slab_size`; the object itself "
              "is %d, `object_size`), the same for both sets: the ISAKMP state "
              "lives in the entry's union. pe_data is the IKE SA's initiator "
              "SPI, 8 bytes, kmalloc'ed once per template (kmalloc-8); the "
              "entries hold none. Nothing else is allocated per tunnel: the "
              "per-source INIT buckets and the counters are per network "
              "namespace." % (
                  x["slab_size"], x["pe_data_size"], x["slab_size"],
                  x["object_size"]), "",
              "Both sets make the same entries per tunnel: one to 500, one "
              "to 4500 once IKE moved there. The entries to 500 left behind "
              "go after `isakmp_init_timeout` with ours (IKE_INIT), after "
              "the UDP timeout (300 s) with stock: the last column is the "
              "lasting cost, templates and 4500 entries. Templates differ: "
              "stock keeps one per client *address*, so all clients behind "
              "one NAT address share it (and its server); ours one per IKE "
              "SA. A direct client costs both sets a template and its "
              "entries, ours 8 bytes more; a NATed client costs ours one "
              "template more than stock, %d bytes (%d + %d), the price of "
              "scheduling it on its own. The mix above sets the averages: a "
              "farm whose clients are all behind a few NAT addresses costs "
              "about twice stock's lasting bytes per tunnel." % (
                  x["slab_size"] + x["pe_data_size"], x["slab_size"],
                  x["pe_data_size"])]
    return lines


PLOTS = (("per_packet", "instructions per ESP packet (DR, whole path)",
          "bench-cost.png"),
         ("bytes_per_entry", "conn slab bytes per client", "bench-memory.png"))


def plot(sc, docs):
    names = {}
    for key, ylabel, fname in PLOTS:
        plt.figure(figsize=(6, 4))
        for s, runs in sc["sets"].items():
            plt.plot([x["entries"] for x in runs], [x[key] for x in runs],
                     marker="o", label=s)
        plt.xscale("log")
        plt.ylim(bottom=0)
        plt.xlabel("client entries in the table")
        plt.ylabel(ylabel)
        plt.legend()
        plt.grid(True, alpha=0.3)
        plt.tight_layout()
        plt.savefig(os.path.join(docs, fname), dpi=90)
        plt.close()
        names[key] = fname
    return names


def fmt(x, spec="{:.0f}"):
    return "-" if x is None else spec.format(x)


def pct(x):
    return "-" if x is None else "%.1f%%" % (x * 100)


def verdict(ok):
    return "yes" if ok else "**no**"


def method(env):
    return [
        "<!-- SPDX-License-Identifier: GPL-2.0-only -->",
        "# Performance: lvs-ipsec against stock IPVS", "",
        "Generated by `make bench` (bench/run) from bench/results/*.json; "
        "do not edit by hand.", "",
        "## Method and its limits", "",
        "**The measure is instructions, not time.** The lab guest runs on "
        "one virtual CPU under software emulation with `-icount shift=0`: "
        "its clock advances one nanosecond per guest instruction executed "
        "and jumps ahead only while it idles. A row sends a fixed count of "
        "packets as fast as the generator goes while the real servers' "
        "sinks read them; from the generator's first packet to the last one "
        "read the CPU never idles, so the guest time of that interval is the "
        "instructions the whole path executed: generator, director, real "
        "server, sink, and what the kernel does meanwhile (timer ticks, "
        "RCU). Divided by the packets it is the cost per packet, and it "
        "does not depend on the host's speed or load: the same row gives "
        "the same figure within a fraction of a percent, run after run.", "",
        "The stock set is IPVS rebuilt from the same linux-source with the "
        "same compiler and flags and no patch; both sets run in the same "
        "boot, their repetitions interleaved, with the connection table "
        "both ship for a million clients (`conn_tab_bits=%s`). Ours runs "
        "with ISAKMP entries on." % env.get("tab_bits", "?"), "",
        "Limits: an instruction is not a cycle. Emulation models no cache, "
        "so a large table costs here only the instructions that walk it, "
        "not the cache misses a real CPU pays; and the cost of the whole "
        "path hides how small the director's own part is: the *over floor* "
        "columns subtract plain routing through the same namespaces. Figures "
        "of packet rates on hardware are not given: the guest has none.",
        "",
        "Environment: kernel %s, %s virtual CPU (%s), %s, host CPU %s, "
        "%s run." % (env.get("kernel"), env.get("cpus"), env.get("cpu"),
                     env.get("qemu"), env.get("host_cpu"), env.get("size")),
        ""]


def costs_markdown(co):
    lines = ["## 1. Instructions per packet, ours and stock", "",
             "| Row | Stock | Ours | Ours/stock | Over floor: stock | ours "
             "| Spread | vs last run | <= %.2f |" % TARGET_COST,
             "|-----|------:|-----:|-----------:|------:|-----:|-------:"
             "|------:|:-----:|"]
    for row, r in co["rows"].items():
        target = "-"
        if row in ESP_ROWS:
            target = verdict(r["ratio"] is not None and
                             r["ratio"] <= TARGET_COST)
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            row, fmt(r["stock"]), fmt(r["ours"]), fmt(r["ratio"], "{:.3f}"),
            fmt(r["stock_over_floor"]), fmt(r["ours_over_floor"]),
            pct(r["spread"]), pct(r["change"]), target))
    lines += ["", "Medians of the repetitions. Rows:", ""]
    lines += ["- %s: %s" % (row, ROW_TEXT.get(row, row))
              for row in co["rows"]]
    lines += ["", "Target: ours at most %.2f of stock's instructions on the "
              "ESP rows (%s), the traffic of established tunnels; the other "
              "rows say what the ISAKMP entries cost where they work: an IKE "
              "message parsed, an entry created with its cookies, an ICMP "
              "answer built. Spread: the widest (max - min) / median of one "
              "set's repetitions in this run; vs last run: the largest change "
              "of either set's median from the previous `make bench` (target "
              "for both: %d%%)." % (TARGET_COST, ", ".join(ESP_ROWS),
                                    round(TARGET_REPEAT * 100))]
    return lines + [""]


def repeat_markdown(co, sc, fl, se):
    """each section's worst spread within the run and change from the
    previous run: the measure's own test"""
    worst = {"instructions per packet": [
        max(r["spread"], abs(r["change"] or 0)) for r in co["rows"].values()],
        "table scale": [abs(x["change"] or 0)
                        for runs in sc["sets"].values() for x in runs]}
    if fl:
        worst["flood rate"] = [abs(fl.get("change") or 0)]
    if se:
        worst["tunnel setup"] = [
            max(t[p]["spread"], abs(t[p].get("change") or 0))
            for t in se["modes"].values() for p in ("direct", "director")
            if p in t]
    lines = ["## 8. Repeatability", "",
             "| Section | Worst spread or change from the last run | <= %d%% |"
             % round(TARGET_REPEAT * 100), "|---|--:|:--:|"]
    for name, values in worst.items():
        w = max(values, default=0)
        lines.append("| %s | %s | %s |" % (name, pct(w),
                                          verdict(w <= TARGET_REPEAT)))
    lines += ["", "Within a run, the repetitions of each row; between runs, "
              "each row's median against the previous `make bench`'s "
              "(bench/results before this run wrote them). The first "
              "measurement of a boot, and its first flood, run before the "
              "reported ones and are not reported: the kernel's caches "
              "grow during them, and they cost a few percent (the flood "
              "half its rate) more.", ""]
    return lines


def scale_markdown(sc, plots):
    lines = ["## 2. Table scale", "",
             "![instructions vs entries](%s)" % plots["per_packet"], "",
             "| Set | Entries | Listed | Instructions per packet | vs "
             "smallest table | vs last run |",
             "|-----|--------:|-------:|------:|------:|------:|"]
    for s, runs in sc["sets"].items():
        for x in runs:
            lines.append("| %s | %d | %d | %d | %.3f | %s |" % (
                s, x["entries"], x["table"], x["per_packet"],
                x["vs_smallest"], pct(x["change"])))
    lines += ["", "Raw ESP of established clients through DR, with that many "
              "established clients' entries in a table of 2^%s buckets; the "
              "packets come from as many of them as they number (up to the "
              "row's count), each to its own bucket. Entries: the clients "
              "that established one (the `ip_vs_conn` slab grew by that "
              "many objects); Listed: the entries IPVS counted on the real "
              "servers (`ipvsadm -Ln`, active plus inactive) after the "
              "measurement: none expired meanwhile (timeouts of an hour)." % next(iter(sc["sets"].values()))[0]["tab_bits"], ""]
    for s, runs in sc["sets"].items():
        lines.append("- %s: cost at %d entries / cost at %d: %.3f, target <= "
                     "%.2f: %s" % (s, runs[-1]["entries"], runs[0]["entries"],
                                   runs[-1]["vs_smallest"], TARGET_SCALE,
                                   verdict(runs[-1]["vs_smallest"] <=
                                           TARGET_SCALE)))
    lines += ["", "With stock's default table (2^12 buckets) a million "
              "entries make chains of about 250, each walked per packet; "
              "docs/configuration.md says how to size the table.", "",
              "## 3. Memory per client entry", "",
              "![memory vs entries](%s)" % plots["bytes_per_entry"], "",
              "| Entries | Stock bytes/entry | Ours bytes/entry | Ratio | <= "
              "%.2f |" % TARGET_MEMORY,
              "|--------:|------------------:|-----------------:|------:"
              "|:------:|"]
    stock = {x["entries"]: x for x in sc["sets"].get("stock", [])}
    for x in sc["sets"].get("ours", []):
        st = stock.get(x["entries"])
        ratio = (x["bytes_per_entry"] / st["bytes_per_entry"]
                 if st and st["bytes_per_entry"] else None)
        lines.append("| %d | %s | %s | %s | %s |" % (
            x["entries"], fmt(st and st["bytes_per_entry"]),
            fmt(x["bytes_per_entry"]), fmt(ratio, "{:.3f}"),
            verdict(ratio is not None and ratio <= TARGET_MEMORY)))
    lines += ["", "Bytes of the `ip_vs_conn` slab cache (object size times "
              "objects, after a shrink) per entry created; the ISAKMP cookies "
              "share the union the stock entry uses for TCP sequence data, so "
              "the object does not grow. Side allocations are per network "
              "namespace and fixed (the per-source INIT buckets, 4 KiB, and "
              "per-CPU counters), not per entry; the table itself is 2^bits "
              "pointers (8 MiB at 20 bits), the same for both sets.", ""]
    return lines


def flood_markdown(fl):
    x = fl["run"]
    ok = x["esp_lost"] == 0
    return ["## 4. Fake-IKE flood", "",
            "| Flood pkt/s (guest time) | vs last run | ESP sent | ESP lost "
            "| New clients established | INIT entries at the end "
            "| No ESP lost |",
            "|------:|------:|------:|------:|------:|------:|:-----:|",
            "| %d | %s | %d | %d | %d of %d | %d | %s |" % (
                x["flood_pps"], pct(fl.get("change")), x["esp_sent"],
                x["esp_lost"], x["new_established"], x["new_clients"],
                x["init_entries"], verdict(ok)), "",
            "The fastest spoofed IKE_SA_INIT flood the guest generates (one "
            "generator at full speed, random sources of a /24, a fresh SPI "
            "each) against a NAT farm whose real servers answer IKE, with "
            "the shipped settings (keepalived-conf/sysctl.d) and the INIT "
            "caps at their defaults. Meanwhile five established clients "
            "send ESP in UDP, 500 packets a second, and %d new clients "
            "open an IKE SA each, one try a second for three seconds as a "
            "client retransmits; a new client counts when its entry is "
            "IKE_ESTAB at the end. The rate is per second of guest time, "
            "which is instructions: the flood gets what the established "
            "and the new clients leave of the one CPU. Target: no ESP "
            "lost, and every new client established." % x["new_clients"],
            "", "New clients established, target all: %s." %
            verdict(x["new_established"] == x["new_clients"]), "",
            "IKE messages the real servers received (and answered): %s. "
            "The director's nonzero ISAKMP counters at the end "
            "(docs/troubleshooting.md says what each means): %s." % (
                x.get("servers_ike", "-"),
                ", ".join("`%s` %s" % kv for kv in
                          x.get("counters", {}).items()) or "-"), ""] + (
            ["The new clients that did not come up were refused at "
             "`source_cap` on each try: the per-source budgets live in 1024 "
             "hashed buckets, and the flood's sources had filled the "
             "buckets their addresses fall in ([limits.md](limits.md)).",
             ""] if x["new_established"] < x["new_clients"] and
            x.get("counters", {}).get("source_cap") else [])


def setup_markdown(se):
    lines = ["## 5. Tunnel setup through the director", "",
             "| Mode | Direct to the server | Through the director | Ratio "
             "| IKE alone: direct, director | ESP: direct, director "
             "| IKE requests: direct, director | Retransmissions "
             "| Spread | No extra round trip |",
             "|------|------:|------:|------:|------:|:-----:|------:|------:"
             "|------:|:-----:|"]
    for mode, t in se["modes"].items():
        if "ratio" not in t:
            continue
        d, v = t["direct"], t["director"]
        lines.append("| %s | %d | %d | %.3f | %d, %d | %s, %s | %d, %d | %d "
                     "| %s | %s |" % (
                         mode.upper(), d["ns"], v["ns"], t["ratio"],
                         d["ns_ike"], v["ns_ike"], d["esp"], v["esp"],
                         d["ike_requests"], v["ike_requests"],
                         v["retransmissions"],
                         pct(max(d["spread"], v["spread"])),
                         verdict(t["same_exchanges"])))
    lines += ["", "A strongSwan client's tunnel (IKEv2, PSK) from its first "
              "IKE_SA_INIT leaving the client to the first ESP packet at the "
              "real server, in instructions (guest nanoseconds, median of "
              "the repetitions), once straight to an address of the server "
              "and once through the director (ISAKMP entries on, `-p 600`). "
              "IKE alone ends with the IKE_AUTH response at the client. One "
              "CPU runs both charons, the director and the kernel, and the "
              "wire has no delay: the figures are the work of the whole "
              "setup, mostly the two charons' cryptography, and the "
              "director's share of it. In NAT mode through the director the "
              "server sees a NAT: both ends float to 4500 and ESP goes in "
              "UDP, which straight to the server it does not; that ratio "
              "holds NAT traversal's cost besides the director's. IKE "
              "requests: what the client sent until its first ESP reached "
              "the server, retransmissions included; target: through the "
              "director no extra round trip and no retransmission (IKEv2 "
              "takes two).", ""]
    return lines


def parser_markdown(parser, number):
    lines = ["## %d. Protocol core: instructions per packet" % number, "",
             "ike_classify() plus the transition of an established entry, "
             "counted by callgrind (%s, %s); the suite fails when a form "
             "exceeds bench/parser-budget by 10%%." % (parser["tool"],
                                                        parser["compiler"]),
             "", "| Form | Instructions |", "|------|-------------:|"]
    for k, v in parser["instructions_per_packet"].items():
        lines.append("| %s | %d |" % (k, v))
    return lines + [""]


def markdown(env, co, sc, fl, se, parser, plots, tu):
    lines = method(env)
    if env.get("unreported"):
        lines += ["Measurements that printed no result in this run, left "
                  "out: " + "; ".join("`%s`" % u for u in env["unreported"]),
                  ""]
    lines += costs_markdown(co) + scale_markdown(sc, plots)
    if fl:
        lines += flood_markdown(fl)
    if se:
        lines += setup_markdown(se)
    lines += parser_markdown(parser, 6)
    if tu:
        lines += tunnels_markdown(tu, 7)
    lines += repeat_markdown(co, sc, fl, se)
    return "\n".join(renumber(lines)).rstrip("\n") + "\n"


def renumber(lines):
    """the sections numbered as they came: a run may lack some"""
    out, n = [], 0
    for line in lines:
        m = re.match(r"## \d+\. ", line)
        if m:
            n += 1
            line = "## %d. %s" % (n, line[m.end():])
        out.append(line)
    return out


def main():
    raw, results, docs = sys.argv[1:4]
    recs = load(raw)
    env = dict(next((r for r in recs if r["bench"] == "env"), {}))
    # what bench/run adds from the host: qemu's version, the host's CPU
    env.update(next((r for r in recs if r["bench"] == "host"), {}))
    env.pop("bench", None)
    env["unreported"] = next(r for r in recs if r["bench"] == "lost")["lines"]
    by = lambda kind: [r for r in recs if r["bench"] == kind]  # noqa: E731
    path = lambda name: os.path.join(results, name + ".json")  # noqa: E731
    tu = None
    if by("tunnels"):
        tu = tunnels(by("tunnels"))
        tu["env"] = env
        write(path("tunnels"), tu)
    else:
        tu = read(path("tunnels"))
    if env.get("size") == "tunnels":
        return rewrite(results, docs, tu)
    if not by("cost") or not by("scale"):
        sys.exit("report: the guest run produced no cost or scale figures")
    env["tab_bits"] = by("scale")[0]["tab_bits"]
    co = costs(by("cost"), env, read(path("costs")))
    sc = scale(by("scale"), env, read(path("scale")))
    fl = {"env": env, "run": by("flood")[0]} if by("flood") else None
    if fl:
        prev = (read(path("flood")) or {}).get("run", {})
        fl["change"] = change(fl["run"]["flood_pps"], prev.get("flood_pps"))
    se = setup(by("setup"), env, read(path("setup"))) if by("setup") else None
    for name, obj in (("costs", co), ("scale", sc), ("flood", fl),
                      ("setup", se)):
        if obj:
            write(path(name), obj)
    parser = read(path("parser"))
    plots = plot(sc, docs)
    with open(os.path.join(docs, "PERFORMANCE.md"), "w") as f:
        f.write(markdown(env, co, sc, fl, se, parser, plots, tu))
    print("report: wrote %s and %s" % (results,
                                       os.path.join(docs, "PERFORMANCE.md")))


def rewrite(results, docs, tu):
    """the tunnel memory alone: the other sections from RESULTS's files"""
    if not tu or len(tu["sets"]) < 2:
        sys.exit("report: the guest run produced no tunnel memory of both sets")
    saved = {name: read(os.path.join(results, name + ".json"))
             for name in ("costs", "scale", "flood", "setup", "parser")}
    if not saved["costs"] or not saved["scale"]:
        sys.exit("report: no earlier cost or scale figures in " + results)
    plots = {key: fname for key, _, fname in PLOTS}
    with open(os.path.join(docs, "PERFORMANCE.md"), "w") as f:
        f.write(markdown(saved["costs"]["env"], saved["costs"],
                         saved["scale"], saved["flood"], saved["setup"],
                         saved["parser"], plots, tu))
    print("report: wrote %s and %s" % (os.path.join(results, "tunnels.json"),
                                       os.path.join(docs, "PERFORMANCE.md")))


if __name__ == "__main__":
    main()
