"""The Linux side-by-side part of make bench's report (bench/report.py imports it): reads the
consoles of bench/linux.sh (lbench lines) and bench/lbench.py's monitor readings (.mon), and
gives the figures, the table, the goal lines and the plot's data.

Instructions come from the -icount boots: the 10 MHz time CSR is QEMU's instruction clock / 100
there, so boot = the clock when /init starts, from QEMU start; a system call or fork = its
loop's clock / N; a disk request = (the phase's clock - the soaker's instructions) / requests,
i.e. what the guest, rvpv and OpenSBI executed for it. Host-time figures are the median over
the rounds of PV (or unmodified) / native of the same round, with the range."""
import glob
import re
import statistics

KINDS = ["native", "pv", "unmod"]
PHASES = ["seqwrite", "seqread", "randwrite", "randread"]
LB = re.compile(r"^(?:\S+\| )?lbench: (\w+) ?(\S*) ?(.*)$")
MON = re.compile(r'^MON (\S+) exits="([^"]*)" calls="([^"]*)" disk="([^"]*)" t=([\d.]+)')


def read(path):
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def kv(text):
    return {k: int(v) for k, v in re.findall(r"([\w-]+)=(\d+)", text)}


def console(path):
    """{"boot": ticks, "syscall": {n, ticks}, "fork": ..., "disk": {phase: {...}}, "done": bool}"""
    res = {"disk": {}, "done": False}
    for line in read(path).splitlines():
        m = LB.match(line)
        if not m:
            continue
        what, arg, rest = m.groups()
        if what == "boot":
            res["boot"] = kv(arg)["ticks"]
        elif what in ("syscall", "fork"):
            res[what] = kv(arg + " " + rest)
        elif what == "disk" and "bytes=" in rest:
            res["disk"][arg] = kv(rest)
        elif what == "done":
            res["done"] = True
    return res


def monitor(path):
    """[(phase, exits by cause, disk counters, host seconds)] in the order they were taken"""
    out = []
    for line in read(path).splitlines():
        m = MON.match(line)
        if m:
            d = re.match(r"(\d+) requests, (\d+) NOTIFY calls, (\d+) events; device: \d+ requests, \d+ kicks, "
                         r"\d+ notifies, (\d+) interrupts", m.group(4))
            disk = dict(zip(["requests", "notifies", "events", "device_irqs"], map(int, d.groups()))) if d else {}
            out.append((m.group(1), kv(m.group(2)), disk, float(m.group(5))))
    return out


def windows(mon):
    """per phase: the exits by cause and disk counters between its listing and the next one"""
    res = {}
    for (ph, e0, d0, t0), (_, e1, d1, t1) in zip(mon, mon[1:]):
        res[ph] = {"exits": {k: e1.get(k, 0) - e0.get(k, 0) for k in e1 if e1.get(k, 0) != e0.get(k, 0)},
                   "disk": {k: d1[k] - d0.get(k, 0) for k in d1}, "secs": t1 - t0}
    return res


def per_request(win):
    """exits per disk request of each phase, less what one sync costs (the empty phase "none")"""
    base = sum(win.get("none", {}).get("exits", {}).values())
    out = {}
    for ph in PHASES:
        w = win.get(ph)
        if not w or not w["disk"].get("requests"):
            continue
        n = w["disk"]["requests"]
        out[ph] = {"requests": n, "exits_per_request": round((sum(w["exits"].values()) - base) / n, 2),
                   "by_cause": {k: round(v / n, 2) for k, v in sorted(w["exits"].items())},
                   "notify_per_request": round(w["disk"]["notifies"] / n, 2),
                   "device_irqs_per_request": round(w["disk"]["device_irqs"] / n, 2)}
    return out


def icount_kind(c):
    out = {}
    if "boot" in c:
        out["boot_instr"] = c["boot"] * 100
    for w in ("syscall", "fork"):
        if w in c and c[w].get("n"):
            out[f"{w}_instr"] = round(c[w]["ticks"] * 100 / c[w]["n"], 1)
    for ph, d in c["disk"].items():
        if ph in PHASES and d["ios"]:
            io = d["ticks"] * 100 - d["soak"]
            out[ph] = {"requests": d["ios"] + d["flushes"], "req_bytes": d["reqbytes"],
                       "instr_per_request": round(io / (d["ios"] + d["flushes"]), 1),
                       "bytes_per_instr": round(d["bytes"] / io, 3) if io > 0 else None,
                       "irqs_per_request": round(d["irqs"] / (d["ios"] + d["flushes"]), 2)}
    return out


def host_kind(c):
    """host-time figures of one boot: MB/s per phase, ticks per syscall / fork"""
    out = {}
    for w in ("syscall", "fork"):
        if w in c and c[w].get("n"):
            out[w] = c[w]["ticks"] / c[w]["n"]
    for ph, d in c["disk"].items():
        if ph in PHASES and d["ticks"]:
            out[ph] = d["bytes"] / 1e6 / (d["ticks"] / 1e7)
    return out


def linux(logs):
    ic = {k: console(f"{logs}/linux-icount-{k}.log") for k in KINDS}
    if not any(c["done"] for c in ic.values()):
        return None
    res = {"icount": {k: icount_kind(c) for k, c in ic.items() if c["done"]}}
    mon = monitor(f"{logs}/linux-icount-pv.log.mon")
    res["exits_icount_soaker"] = per_request(windows(mon))
    rounds = sorted({int(m) for m in re.findall(r"linux-host-(\d+)-native\.log$",
                                                  "\n".join(glob.glob(f"{logs}/linux-host-*-native.log")), re.M)})
    host = {k: [] for k in KINDS}
    for i in rounds:
        for k in KINDS:
            c = console(f"{logs}/linux-host-{i}-{k}.log")
            host[k].append(host_kind(c) if c["done"] else None)
    if rounds:
        res["host"] = {"rounds": len(rounds), "mb_per_s": {}, "ratios": {}}
        for k in ("pv", "unmod"):
            for w in PHASES + ["syscall", "fork"]:
                # disk: throughput PV / native; system calls and forks: time native / PV (> 1: faster)
                r = [(h[w] / n[w]) if w in PHASES else (n[w] / h[w]) for n, h in zip(host["native"], host[k])
                     if n and h and w in n and w in h]
                if r:
                    res["host"]["ratios"].setdefault(k, {})[w] = {
                        "median": round(statistics.median(r), 3), "min": round(min(r), 3),
                        "max": round(max(r), 3), "rounds": len(r)}
        for k in ("native", "pv"):
            for w in PHASES:
                v = [h[w] for h in host[k] if h and w in h]
                if v:
                    res["host"]["mb_per_s"].setdefault(k, {})[w] = round(statistics.median(v), 2)
        res["exits_host"] = per_request(windows(monitor(f"{logs}/linux-host-1-pv.log.mon")))
        for k in ("pv", "unmod"):
            w = windows(monitor(f"{logs}/linux-host-1-{k}.log.mon")).get("idle")
            if w and w["secs"] > 0:
                res.setdefault("idle", {})[k] = {"exits": sum(w["exits"].values()), "secs": round(w["secs"], 2),
                                                 "per_vcpu_second": round(sum(w["exits"].values()) / w["secs"], 2),
                                                 "by_cause": w["exits"]}
    return res


def goals(d):
    out = []
    if not d:
        return out
    ic = d["icount"]
    if "boot_instr" in ic.get("pv", {}) and "boot_instr" in ic.get("native", {}):
        r = round(ic["pv"]["boot_instr"] / ic["native"]["boot_instr"], 3)
        out.append(("Linux PV boot to /init <= 1.15x native instructions", r <= 1.15, r))
    for w in PHASES:
        r = d.get("host", {}).get("ratios", {}).get("pv", {}).get(w)
        if r:
            out.append((f"Linux PV disk {w} throughput >= 0.9x native (host time, median)", r["median"] >= 0.9,
                        r["median"]))
    # host time that instruction counts cannot see (an interrupt left pending and masked made
    # QEMU 7.2 run PV Linux's system calls at 0.54x native: docs/benchmarks.md)
    r = d.get("host", {}).get("ratios", {}).get("pv", {}).get("syscall")
    if r:
        out.append(("Linux PV system calls >= 0.8x native speed (host time, median)", r["median"] >= 0.8,
                    r["median"]))
    i = d.get("idle", {}).get("pv")
    if i:
        out.append(("idle PV Linux <= 1 exit per second per vCPU", i["per_vcpu_second"] <= 1, i["per_vcpu_second"]))
    return out


def cell(v, fmt="{}"):
    return "n/a" if v is None else fmt.format(v)


def print_linux(d):
    if not d:
        print("\nLinux side by side: not measured (see bench/logs/linux-*.log; make linux builds the kernel)")
        return
    ic, host = d["icount"], d.get("host", {})
    g = lambda k, *path: _dig(ic.get(k, {}), path)
    hr = lambda k, w: host.get("ratios", {}).get(k, {}).get(w)
    fr = lambda r: f"{r['median']} ({r['min']}-{r['max']})" if r else "not measured"
    print("\n| Linux, one CPU (-icount: instructions) | native (plain QEMU) | PV on rvpv | unmodified on rvpv "
          "| PV/native | unmod./native |")
    print("|---|---:|---:|---:|---:|---:|")
    rows = [("boot: QEMU start to /init", ("boot_instr",)), ("system call (getppid)", ("syscall_instr",)),
            ("fork + exit + wait", ("fork_instr",))]
    rows += [(f"disk {w}, per request of {cell(g('native', w, 'req_bytes'), '{}')} B", (w, "instr_per_request"))
             for w in PHASES]
    for title, path in rows:
        v = [g(k, *path) for k in KINDS]
        rat = [round(x / v[0], 3) if x is not None and v[0] else None for x in v[1:]]
        print(f"| {title} | {cell(v[0])} | {cell(v[1])} | {cell(v[2])} | {cell(rat[0])} | {cell(rat[1])} |")
    if host:
        print(f"\n| Linux, host time ({host['rounds']} rounds) | native MB/s | PV MB/s | PV/native "
              "(median, min-max) | unmod./native |")
        print("|---|---:|---:|---:|---:|")
        mb = host.get("mb_per_s", {})
        for w in PHASES:
            print(f"| disk {w} | {cell(mb.get('native', {}).get(w))} | {cell(mb.get('pv', {}).get(w))} "
                  f"| {fr(hr('pv', w))} | n/a |")
        for w in ("syscall", "fork"):
            print(f"| {w}: native time / time | | | {fr(hr('pv', w))} | {fr(hr('unmod', w))} |")
    for title, key in (("-icount, soaker beside", "exits_icount_soaker"), ("host time, CPU idle between", "exits_host")):
        e = d.get(key)
        if e:
            print(f"Linux PV exits per disk request ({title}): " + "; ".join(
                f"{w} {x['exits_per_request']} ({', '.join(f'{k} {v}' for k, v in x['by_cause'].items())}; "
                f"NOTIFY {x['notify_per_request']}, device interrupts {x['device_irqs_per_request']})"
                for w, x in e.items()))
    for k, i in d.get("idle", {}).items():
        print(f"idle {'PV' if k == 'pv' else 'unmodified'} Linux (host time, 1 vCPU): {i['exits']} exits in "
              f"{i['secs']} s = {i['per_vcpu_second']} per vCPU-second ({', '.join(f'{c}={n}' for c, n in i['by_cause'].items()) or 'none'})")


def _dig(d, path):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def plot_data(d):
    """per workload: PV/native and unmodified/native in -icount instructions, and PV/native in host
    time (median, min, max; disk: throughput, others: native time / time)"""
    lines, ic = [], d["icount"]
    for i, (name, path) in enumerate([("boot", ("boot_instr",)), ("syscall", ("syscall_instr",)),
                                      ("fork", ("fork_instr",))] + [(w, (w, "instr_per_request")) for w in PHASES]):
        nat = _dig(ic.get("native", {}), path)
        v = [(_dig(ic.get(k, {}), path) / nat) if nat and _dig(ic.get(k, {}), path) else "NaN" for k in ("pv", "unmod")]
        hk = path[0].replace("_instr", "")
        h = d.get("host", {}).get("ratios", {}).get("pv", {}).get(hk, {})
        lines.append(f"{i} {name} {v[0]} {v[1]} {h.get('median', 'NaN')} {h.get('min', 'NaN')} {h.get('max', 'NaN')}")
    return "\n".join(lines)
