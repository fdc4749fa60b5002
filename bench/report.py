#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""report.py RAW.jsonl RESULTS-DIR DOCS-DIR

Turns the guest's BENCH lines into bench/results/*.json, two plots and
docs/PERFORMANCE.md. Medians over repetitions; ratios ours/stock.
Exits non-zero when a section is missing, so that a broken run is seen.
A run of the tunnel memory alone (bench/run --tunnels) replaces that
section; the others come from RESULTS-DIR's earlier figures.
"""
import json
import os
import statistics
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TARGET_RATIO = 0.97
TARGET_SCALE = 0.80
TARGET_MEMORY = 1.08


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


def write(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def forwarding(rows, env):
    out = {}
    for r in rows:
        out.setdefault(r["row"], {}).setdefault(r["set"], []).append(r["pps"])
    table = {}
    for row, sets in out.items():
        med = {s: statistics.median(v) for s, v in sets.items()}
        ratio = med["ours"] / med["stock"] if med.get("stock") else None
        # run-to-run spread: the widest (max - min) / median of the sets
        spread = max((max(v) - min(v)) / statistics.median(v)
                     for v in sets.values() if statistics.median(v))
        table[row] = {"stock_pps": med.get("stock"), "ours_pps": med.get("ours"),
                      "runs": {s: v for s, v in sets.items()},
                      "ratio": ratio, "spread": spread}
    return {"env": env, "rows": table}


def scale(rows, env):
    table = {}
    for r in rows:
        table.setdefault(r["set"], []).append(
            {k: r[k] for k in ("entries", "table", "pps", "slab_bytes",
                               "object_size")})
    for runs in table.values():
        runs.sort(key=lambda x: x["entries"])
        for x in runs:
            x["bytes_per_entry"] = x["slab_bytes"] / max(x["entries"], 1)
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


def tunnels_markdown(tu):
    sets = tu["sets"]
    lines = ["## 6. Memory per client tunnel", "",
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
              "namespace (section 3)." % (
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


PLOTS = (("pps", "ESP packets/s forwarded (DR)", "bench-rate.png"),
         ("bytes_per_entry", "conn slab bytes per client", "bench-memory.png"))


def plot(sc, docs):
    names = {}
    for key, ylabel, fname in PLOTS:
        plt.figure(figsize=(6, 4))
        for s, runs in sc["sets"].items():
            plt.plot([x["entries"] for x in runs], [x[key] for x in runs],
                     marker="o", label=s)
        plt.xscale("log")
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


def verdict(ok):
    return "yes" if ok else "**no**"


def ratio_verdict(ratio, spread):
    """below target, but by less than the runs scatter: not resolved"""
    if ratio is None:
        return "?"
    if ratio >= TARGET_RATIO:
        return "yes"
    return "within noise" if 1 - ratio < spread else "**no**"


def markdown(env, fw, sc, fl, parser, plots, tu):
    lines = ["<!-- SPDX-License-Identifier: GPL-2.0-only -->",
             "# Performance: lvs-ipsec against stock IPVS", "",
             "Generated by `make bench` (bench/run) from bench/results/*.json; "
             "do not edit by hand.", "",
             "**Read the ratios, not the rates.** The figures come from a qemu "
             "guest under software emulation (no KVM), where the load "
             "generator, the director and the real servers' sinks share two "
             "virtual CPUs. Absolute packet rates are orders of magnitude below "
             "hardware; the stock set (rebuilt from the same linux-source, "
             "same compiler) and ours run in the same boot, interleaved, so "
             "the machine's noise hits both.", "",
             "Environment: kernel %s, %s virtual CPUs (%s), %s, host CPU %s, "
             "%s run." % (
                 env.get("kernel"), env.get("cpus"), env.get("cpu"),
                 env.get("qemu"), env.get("host_cpu"), env.get("size")), ""]
    if env.get("unreported"):
        lines += ["Measurements that printed no result in this run, left "
                  "out: " + "; ".join("`%s`" % u for u in env["unreported"]),
                  ""]
    lines += ["## 1. Forwarding rate, ours/stock (median of the runs)", "",
              "| Row | Stock pkt/s | Ours pkt/s | Ratio | Spread | >= %.2f |" % TARGET_RATIO,
              "|-----|------------:|-----------:|------:|-------:|:------:|"]
    for row, r in fw["rows"].items():
        lines.append("| %s | %s | %s | %s | %d%% | %s |" % (
            row, fmt(r["stock_pps"]), fmt(r["ours_pps"]),
            fmt(r["ratio"], "{:.3f}"), round(r["spread"] * 100),
            ratio_verdict(r["ratio"], r["spread"])))
    lines += ["", "Rows: raw ESP through DR and TUN, ESP-in-UDP on 4500 "
              "through NAT, ISAKMP packets of established clients through DR; "
              "our set runs with ISAKMP entries on, so every ESP packet is "
              "checked against an established entry. Spread: the widest "
              "(max - min) / median of the two sets' runs; a ratio below the "
              "target by less than the spread is marked *within noise*: the "
              "emulated machine does not resolve the difference (section 5 "
              "counts the instructions the check adds per packet).", "",
              "## 2. Table scale", "",
              "![rate vs entries](%s)" % plots["pps"], "",
              "| Set | Entries | Listed | Pkt/s | Rate vs smallest table |",
              "|-----|--------:|-------:|------:|-----------------------:|"]
    for s, runs in sc["sets"].items():
        base = runs[0]["pps"] or 1
        for x in runs:
            lines.append("| %s | %d | %d | %d | %.2f |" % (
                s, x["entries"], x["table"], x["pps"], x["pps"] / base))
    lines += ["", "Target: the rate with the largest table within %d%% of the "
              "rate with 1k entries. Entries: the clients that established "
              "one (the slab grew by that many objects); Listed: the lines "
              "`/proc/net/ip_vs_conn` gave when read once after the "
              "measurement: reading a million entries under emulation takes "
              "minutes, and entries expire meanwhile." %
              round((1 - TARGET_SCALE) * 100), ""]
    for s, runs in sc["sets"].items():
        r = runs[-1]["pps"] / (runs[0]["pps"] or 1)
        lines.append("- %s: rate at %d entries / rate at %d: %.2f (%s)" % (
            s, runs[-1]["entries"], runs[0]["entries"], r,
            verdict(r >= TARGET_SCALE)))
    lines += ["", "Both sets look up entries in the same IPVS hash table; "
              "where both miss the target, the cost is stock IPVS's under "
              "emulation (a table of 300 MB against a software-emulated "
              "memory system), not the ISAKMP entries'.", "",
              "## 3. Memory per client entry", "",
              "![memory vs entries](%s)" % plots["bytes_per_entry"], "",
              "| Entries | Stock bytes/entry | Ours bytes/entry | Ratio | <= %.2f |"
              % TARGET_MEMORY,
              "|--------:|------------------:|-----------------:|------:|:------:|"]
    stock = {x["entries"]: x for x in sc["sets"].get("stock", [])}
    for x in sc["sets"].get("ours", []):
        st = stock.get(x["entries"])
        ratio = (x["bytes_per_entry"] / st["bytes_per_entry"]
                 if st and st["bytes_per_entry"] else None)
        lines.append("| %d | %s | %s | %s | %s |" % (
            x["entries"], fmt(st and st["bytes_per_entry"], "{:.0f}"),
            fmt(x["bytes_per_entry"], "{:.0f}"), fmt(ratio, "{:.3f}"),
            verdict(ratio is not None and ratio <= TARGET_MEMORY)))
    lines += ["", "Bytes of the `ip_vs_conn` slab cache (object size times "
              "objects, after a shrink) per entry created; the ISAKMP cookies "
              "share the union the stock entry uses for TCP sequence data, so "
              "the object does not grow. Side allocations are per network "
              "namespace and fixed (the per-source INIT buckets, 4 KiB, and "
              "per-CPU counters), not per entry.", "",
              "## 4. Fake-IKE flood", ""]
    if fl:
        lines += ["| Flood pkt/s | ESP sent | ESP lost | conn slab bytes | INIT entries |",
                  "|------------:|---------:|---------:|----------------:|-------------:|"]
        for x in fl["steps"]:
            lines.append("| %d | %d | %d | %d | %d |" % (
                x["flood_pps"], x["esp_sent"], x["esp_lost"], x["slab_bytes"],
                x["init_entries"]))
        lines += ["", "Highest flood rate with no ESP lost by the five "
                  "established clients: **%d pkt/s**, conn memory %d bytes."
                  % (fl["max"]["flood_pps"], fl["max"]["slab_bytes"])]
    lines += ["", "## 5. Protocol core: instructions per packet", "",
              "ike_classify() plus the transition of an established entry, "
              "counted by callgrind (%s, %s); the suite fails when a form "
              "exceeds bench/parser-budget by 10%%." % (parser["tool"],
                                                         parser["compiler"]), "",
              "| Form | Instructions |", "|------|-------------:|"]
    for k, v in parser["instructions_per_packet"].items():
        lines.append("| %s | %d |" % (k, v))
    if tu:
        lines += [""] + tunnels_markdown(tu)
    return "\n".join(lines) + "\n"


def main():
    raw, results, docs = sys.argv[1:4]
    recs = load(raw)
    env = dict(next((r for r in recs if r["bench"] == "env"), {}))
    # what bench/run adds from the host: qemu's version, the host's CPU
    env.update(next((r for r in recs if r["bench"] == "host"), {}))
    env.pop("bench", None)
    env["unreported"] = next(r for r in recs if r["bench"] == "lost")["lines"]
    by = lambda kind: [r for r in recs if r["bench"] == kind]  # noqa: E731
    tu = None
    if by("tunnels"):
        tu = tunnels(by("tunnels"))
        tu["env"] = env
        write(os.path.join(results, "tunnels.json"), tu)
    elif os.path.exists(os.path.join(results, "tunnels.json")):
        with open(os.path.join(results, "tunnels.json")) as f:
            tu = json.load(f)
    if env.get("size") == "tunnels":
        return rewrite(results, docs, tu)
    if not by("forwarding") or not by("scale"):
        sys.exit("report: the guest run produced no forwarding or scale figures")
    fw = forwarding(by("forwarding"), env)
    sc = scale(by("scale"), env)
    fl = None
    if by("flood"):
        # the highest rate no established client lost ESP at
        ok = [x for x in by("flood") if x["esp_lost"] == 0] or [
            {"flood_pps": 0, "slab_bytes": 0}]
        best = max(ok, key=lambda x: x["flood_pps"])
        fl = {"env": env, "steps": by("flood"),
              "max": {"flood_pps": best["flood_pps"],
                      "slab_bytes": best["slab_bytes"]}}
        write(os.path.join(results, "flood.json"), fl)
    write(os.path.join(results, "forwarding.json"), fw)
    write(os.path.join(results, "scale.json"), sc)
    with open(os.path.join(results, "parser.json")) as f:
        parser = json.load(f)
    plots = plot(sc, docs)
    with open(os.path.join(docs, "PERFORMANCE.md"), "w") as f:
        f.write(markdown(env, fw, sc, fl, parser, plots, tu))
    print("report: wrote %s and %s" % (results, os.path.join(docs, "PERFORMANCE.md")))


def rewrite(results, docs, tu):
    """the tunnel memory alone: the other sections from RESULTS's files"""
    if not tu or len(tu["sets"]) < 2:
        sys.exit("report: the guest run produced no tunnel memory of both sets")
    saved = {}
    for name in ("forwarding", "scale", "flood", "parser"):
        path = os.path.join(results, name + ".json")
        if os.path.exists(path):
            with open(path) as f:
                saved[name] = json.load(f)
    if "forwarding" not in saved or "scale" not in saved:
        sys.exit("report: no earlier forwarding or scale figures in " + results)
    env = saved["forwarding"]["env"]
    plots = {key: fname for key, _, fname in PLOTS}
    with open(os.path.join(docs, "PERFORMANCE.md"), "w") as f:
        f.write(markdown(env, saved["forwarding"], saved["scale"],
                         saved.get("flood"), saved["parser"], plots, tu))
    print("report: wrote %s and %s" % (os.path.join(results, "tunnels.json"),
                                       os.path.join(docs, "PERFORMANCE.md")))


if __name__ == "__main__":
    main()
