#!/usr/bin/env python3
"""Turns the logs of bench/run.sh into the results table (stdout) and bench.json.

Usage: report.py LOGDIR OUT.json | report.py --plot-data BENCH.json | --ratio-data BENCH.json |
       --linux-data BENCH.json | --scale-data BENCH.json
Instruction counts are rdinstret deltas per call, minus the same loop without the call.
Parts that may be missing (shell sessions, the gdb boot probe, host-time runs) are reported as
"not measured" instead of failing the run.
"""
import glob
import statistics
import csv
import json
import os
import re
import subprocess
import sys

import lreport  # the Linux side by side (bench/linux.sh)

LINE = re.compile(r"^(?:(\S+)\| )?BENCH (\S+) (\d+) (\d+)\s*$")


def die(msg):
    sys.exit(f"bench: {msg}")


def bench_lines(path):
    found = []
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line.rstrip("\r\n"))
            if m:
                found.append((m.group(1), m.group(2), int(m.group(3)), int(m.group(4))))
    return found


def micro(path):
    res = {}
    for _, key, total, n in bench_lines(path):
        if key.endswith("_lost") or key.endswith("_failed"):
            die(f"{path}: {key}: a notification was not delivered")
        res[key] = (total, n)
    if "done" not in res:
        die(f"{path}: the guest did not finish")
    return res


def per_op(res, key, empty_key):
    if key not in res:
        die(f"missing result {key}")
    total, n = res[key]
    base = res[empty_key][0] if empty_key else 0
    return round((total - base) / n, 2)


def consolidation(path, nvms):
    jobs = [(vm, a, b) for vm, key, a, b in bench_lines(path) if key == "job"]
    if len(jobs) != nvms:
        die(f"{path}: {len(jobs)} of {nvms} VMs reported")
    t0 = min(a for _, a, _ in jobs)
    finish = {vm: b - t0 for vm, _, b in jobs}
    x = [1.0 / f for f in finish.values()]
    return {
        "vms": nvms,
        "first_start_ticks": t0,
        "finish_ticks": dict(sorted(finish.items())),
        "makespan_ticks": max(finish.values()),
        "mean_job_ticks": round(sum(b - a for _, a, b in jobs) / nvms, 1),
        "jain_fairness": round(sum(x) ** 2 / (nvms * sum(v * v for v in x)), 4),
    }


def consolidation_set(logs, prefix):
    runs = [consolidation(f"{logs}/{prefix}-{n}.log", n) for n in (1, 2, 4, 8)]
    one = runs[0]["makespan_ticks"]
    for c in runs:
        c["relative_throughput"] = round(c["vms"] * one / c["makespan_ticks"], 3)
    return runs


SCALE_VMS = (1, 16, 32, 64)
SCALE_SMP = (4, 8)


def free_kib(path):
    """The free KiB rvpv prints once its VMs exist ("hv: N of N VMs created, K KiB free")."""
    m = [FREE.match(l) for l in read(path).splitlines()]
    m = [x for x in m if x]
    if not m:
        die(f"{path}: no 'VMs created' line")
    return int(m[0].group(3))


def scale_set(logs, prefix):
    """Consolidation at scale (configs/bench-vms*.conf): 1-64 VMs of 4 MiB on -smp 4 and 8.
    Throughput against 1 VM on the same -smp; hypervisor KiB per VM beyond its 4 MiB: what
    the free pool lost between 1 and N VMs, per added VM."""
    runs = []
    for smp in SCALE_SMP:
        one = None
        for n in SCALE_VMS:
            path = f"{logs}/{prefix}-{smp}-{n}.log"
            c = consolidation(path, n)
            c["smp"], c["free_kib"] = smp, free_kib(path)
            one = one or c
            c["relative_throughput"] = round(n * one["makespan_ticks"] / c["makespan_ticks"], 3)
            c["hv_kib_per_vm"] = round((one["free_kib"] - c["free_kib"]) / (n - 1) - 4096, 1) if n > 1 else None
            runs.append(c)
    return runs


def cloc_code(path):
    total = 0
    with open(path) as f:
        for row in csv.reader(f):
            if len(row) >= 5 and row[1] in ("C", "C/C++ Header", "Assembly"):
                total += int(row[4])
    return total


PVG = re.compile(r"^(?:\S+\| )?bench: (\S+) +iters=(\d+) time=(\d+) instret=(\d+)")
DISK = re.compile(r"disk: (\d+) requests, (\d+) NOTIFY calls, (\d+) events; device: (\d+) requests, "
                  r"(\d+) kicks, (\d+) notifies, (\d+) interrupts")
FREE = re.compile(r"^hv: (\d+) of (\d+) VMs created, (\d+) KiB free")
WORKLOADS = ["cpu", "syscall", "fork", "forkexec", "write1k", "read1k", "seqwrite", "seqread"]


read = lreport.read  # a log file's text, or "" when the run left none


def pvg(path):
    """{workload: (iters, ticks, instret)} of one pv-guest session, summed over the times it ran
    (bench/run.sh repeats the short file workloads): the workloads it finished (a session that
    stopped part way still counts for those), or None if a read or write failed."""
    text = read(path)
    if re.search(r"bench: (read|write) failed", text):
        return None
    runs = {}
    for m in filter(None, map(PVG.match, text.splitlines())):
        runs[m.group(1)] = tuple(a + int(m.group(i)) for a, i in
                                 zip(runs.get(m.group(1), (0, 0, 0)), (2, 3, 4)))
    return runs or None


def pvg_compare(logs):
    nat, pv = pvg(f"{logs}/pvg-native.log"), pvg(f"{logs}/pvg-pv.log")
    if not nat or not pv:
        return None
    out = {}
    for w in WORKLOADS:
        if w in nat and w in pv:
            out[w] = {"iters": nat[w][0], "native_instr_per_iter": round(nat[w][2] / nat[w][0], 1),
                      "pv_instr_per_iter": round(pv[w][2] / pv[w][0], 1),
                      "ratio": round(pv[w][2] / nat[w][2], 4)}
    return out


def pvg_wall(logs):
    """Per workload: PV/native time ratios of the alternating host-time rounds."""
    ratios, mbs = {}, {"native": {}, "pv": {}}
    for npath in sorted(glob.glob(f"{logs}/pvg-wall-native-*.log")):
        nat, pv = pvg(npath), pvg(npath.replace("-native-", "-pv-"))
        if not nat or not pv:
            continue
        for w in WORKLOADS:
            if w in nat and w in pv and nat[w][1] > 0:
                ratios.setdefault(w, []).append(pv[w][1] / nat[w][1])
            for kind, run in (("native", nat), ("pv", pv)):
                if w.startswith("seq") and w in run:  # iters = KiB, ticks of 10 MHz
                    mbs[kind].setdefault(w, []).append(run[w][0] / 1024 / (run[w][1] / 1e7))
    if not ratios:
        return None
    return {w: {"rounds": len(r), "median": round(statistics.median(r), 3),
                "min": round(min(r), 3), "max": round(max(r), 3)} for w, r in ratios.items()}, \
        {k: {w: round(statistics.median(v), 2) for w, v in d.items()} for k, d in mbs.items()}


def disk(logs):
    res = {}
    for _, key, total, n in bench_lines(f"{logs}/disk-rvpv.log"):
        res[key] = (total, n)
    m = DISK.search(read(f"{logs}/disk-rvpv.log"))
    if "done" not in res or not m:
        return None  # reported as not measured
    out = {}
    for mode in ("write1", "write16", "read1", "read16"):
        g = {part: res[f"disk_{mode}_{part}"][0] for part in ("guest", "notify", "wait", "calls", "sleeps")}
        n = res[f"disk_{mode}_guest"][1]
        out[mode] = {"requests": n, "guest_instr_per_req": round(g["guest"] / n, 1),
                     "notify_instr_per_req": round(g["notify"] / n, 1),
                     "wait_per_req": round(g["wait"] / n, 1),
                     "guest_calls_per_req": round(g["calls"] / n, 3), "sleeps": g["sleeps"]}
    c = [int(x) for x in m.groups()]
    out["hv_counters"] = dict(zip(["requests", "notify_calls", "events", "device_requests",
                                   "device_kicks", "device_notifies", "device_interrupts"], c))
    return out


def disk_pvg(logs):
    """rvpv's disk counters for the pv-guest's sequential file, net of a session without it."""
    a = DISK.search(read(f"{logs}/pvg-disk-none.log"))
    b = DISK.search(read(f"{logs}/pvg-disk-seqwrite.log"))
    if not a or not b:
        return None
    d = [int(y) - int(x) for x, y in zip(a.groups(), b.groups())]
    return {"requests": d[0], "notify_calls": d[1], "events": d[2], "device_interrupts": d[6],
            "kib_moved": 512}


def print_disk(dsk):
    if not dsk:
        print("\ndisk benchmark: not measured (the guest did not finish; see bench/logs/disk-rvpv.log)")
        return
    print("\n| Disk, 4 KiB requests (rvpv) | guest instr./req. | NOTIFY instr./req. | wait per req. "
          "| guest calls/req. | sleeps |")
    print("|---|---:|---:|---:|---:|---:|")
    for mode in ("write1", "write16", "read1", "read16"):
        d = dsk[mode]
        print(f"| {mode.rstrip('0123456789')}, batch {mode.lstrip('readwrit')} "
              f"| {d['guest_instr_per_req']} | {d['notify_instr_per_req']} | {d['wait_per_req']} "
              f"| {d['guest_calls_per_req']} | {d['sleeps']} |")
    print("hv disk counters: " + ", ".join(f"{k} {v}" for k, v in dsk["hv_counters"].items()))


def boot(logs):
    out = {}
    for kind, n in (("rvpv", 4), ("native", 2)):
        text = read(f"{logs}/boot-{kind}.txt")
        stops = [l.split() for l in text.splitlines() if l.startswith("BOOT ")]
        if len(stops) == n:  # else the probe failed: not measured
            out[kind] = {"first_console_byte": int(stops[0][2]),
                         "shell_prompts": [int(s[2]) for s in stops if s[1] == "fflush"]}
            if kind == "rvpv":
                out[kind]["vms_created"] = int(stops[1][2])
    return out


IDLE = re.compile(r"^IDLE exits=(\d+) secs=([\d.]+) per_sec=([\d.]+) before=\"([^\"]*)\" after=\"([^\"]*)\"", re.M)


def idle(logs):
    m = IDLE.search(read(f"{logs}/idle.txt"))
    return {"exits": int(m.group(1)), "host_secs": float(m.group(2)), "exits_per_sec": float(m.group(3)),
            "counters_before": m.group(4), "counters_after": m.group(5)} if m else None


def syms(path):
    d = dict(l.split() for l in read(path).splitlines())
    return {k: int(v, 16) for k, v in d.items()}


def ram(logs):
    """Hypervisor RAM: its image (minus the guest images linked in) plus what palloc has handed
    out that is not guest RAM, from the free-memory lines of runs with 1, 2 and 8 VMs."""
    free = {}
    for n in (1, 2, 8):
        m = [FREE.match(l) for l in read(f"{logs}/consol-{n}.log").splitlines()]
        m = [x for x in m if x]
        if m:
            free[n] = int(m[0].group(3))
    s = syms(f"{logs}/syms-bench-c1.txt")
    if len(free) < 3 or "__hv_end" not in s:
        return None
    images = sum(s[f"{k}_end"] - s[k] for k in s if re.fullmatch(r"vm_image_\d+", k))
    image_kib = (s["__hv_end"] - s["__hv_start"] - images) / 1024
    managed_kib = (0x80000000 + (1 << 30) - s["__hv_end"]) // 1024  # palloc's range, -m 1G
    per_vm = (free[1] - free[8]) / 7 - 4096  # each of those VMs has 4 MiB of RAM
    boot_alloc = managed_kib - free[1] - (per_vm + 4096)
    out = {"image_kib": round(image_kib, 1), "palloc_managed_kib": managed_kib,
           "palloc_at_boot_kib": round(boot_alloc, 1),
           "total_no_vm_kib": round(image_kib + boot_alloc, 1),
           "per_vm_4mib_kib": round(per_vm, 1),
           "per_vm_4mib_check_2vm_kib": free[1] - free[2] - 4096}
    m = [FREE.match(l) for l in read(f"{logs}/pvg-pv.log").splitlines()]
    m = [x for x in m if x]
    sp = syms(f"{logs}/syms-bench-pv.txt")
    if m and "__hv_end" in sp:
        managed_pv = (0x80000000 + (1 << 30) - sp["__hv_end"]) // 1024
        out["per_vm_pvguest_64mib_disk_kib"] = round(managed_pv - int(m[0].group(3)) - boot_alloc - 65536, 1)
    return out


def main():
    if sys.argv[1] == "--ratio-data":
        data = json.load(open(sys.argv[2]))
        wall = (data.get("pv_guest_wall") or {}).get("ratios", {})
        icount = data.get("pv_guest") or {}
        for i, w in enumerate(w for w in WORKLOADS if w in icount or w in wall):
            h = wall.get(w, {"median": "NaN", "min": "NaN", "max": "NaN"})
            print(i, w, icount.get(w, {"ratio": "NaN"})["ratio"], h["median"], h["min"], h["max"])
        return
    if sys.argv[1] == "--linux-data":
        print(lreport.plot_data(json.load(open(sys.argv[2]))["linux"]))
        return
    if sys.argv[1] == "--scale-data":
        # one block per -smp (gnuplot's index): VMs, throughput vs 1 VM, Jain, hv KiB per VM
        data = json.load(open(sys.argv[2]))
        for smp in SCALE_SMP:
            print(f"# -smp {smp}")
            for c in (c for c in data["consolidation_scale"] if c["smp"] == smp):
                print(c["vms"], c["relative_throughput"], c["jain_fairness"], c["hv_kib_per_vm"] or "NaN")
            print("\n")
        return
    if sys.argv[1] == "--plot-data":
        data = json.load(open(sys.argv[2]))
        host = {c["vms"]: c for c in data["consolidation_host_time"]}
        for c in data["consolidation"]:
            h = host.get(c["vms"], {"relative_throughput": "NaN", "jain_fairness": "NaN"})
            print(c["vms"], c["relative_throughput"], c["jain_fairness"],
                  h["relative_throughput"], h["jain_fairness"])
        return
    logs, out = sys.argv[1], sys.argv[2]
    rv = micro(f"{logs}/micro-rvpv.log")
    nat = micro(f"{logs}/micro-native.log")
    m = {
        "null_call": per_op(rv, "null_call", "empty_loop"),
        "cpu_set_timer": per_op(rv, "cpu_set_timer", "empty_loop"),
        "sbi_base_rvpv": per_op(rv, "sbi_base_rvpv", "empty_loop"),
        "sbi_base_opensbi": per_op(nat, "sbi_base_native", "empty_loop"),
        "console_write_64": per_op(rv, "console64", "console64_empty"),
        "event_send_self_irq_eoi": per_op(rv, "event_send_eoi", None),
        "timer_sbi_rvpv": per_op(rv, "timer_sbi_rvpv", None),
        "timer_sbi_opensbi": per_op(nat, "timer_sbi_native", None),
        "timer_sstc_rvpv": per_op(rv, "timer_sstc", None),
        "empty_loop_iteration": per_op(rv, "empty_loop", None),
    }
    smp_rv, smp_nat = micro(f"{logs}/smp-rvpv.log"), micro(f"{logs}/smp-native.log")
    y1, yvm, yvc = (micro(f"{logs}/{c}.log") for c in ("yield1", "yield-vm", "yield-vcpu"))
    m.update({
        "ipi_round_trip_rvpv": per_op(smp_rv, "ipi_rt_rvpv", None),
        "ipi_round_trip_opensbi": per_op(smp_nat, "ipi_rt_native", None),
        "remote_sfence_vma_rvpv": per_op(smp_rv, "rfence_rvpv", None),
        "yield_alone": per_op(y1, "yield", None),
        # one loop iteration of one side = two yields, each switching to the other side
        "yield_with_vm_switch": round(per_op(yvm, "yield", None) / 2, 2),
        "yield_with_vcpu_switch": round(per_op(yvc, "yield_vcpus", None) / 2, 2),
    })
    ratio = round(m["sbi_base_rvpv"] / m["sbi_base_opensbi"], 3)
    cons = consolidation_set(logs, "consol")
    host = consolidation_set(logs, "consol-host") if os.path.exists(f"{logs}/consol-host-1.log") else []
    scale = scale_set(logs, "scale")
    scale_host = scale_set(logs, "scale-host") if os.path.exists(f"{logs}/scale-host-4-1.log") else []
    per_hart = [(a["free_kib"] - b["free_kib"]) / (SCALE_SMP[1] - SCALE_SMP[0])
                for a in scale for b in scale if a["vms"] == b["vms"] == 1 and a["smp"] < b["smp"]]
    size_words = open(f"{logs}/size.txt").read().split("\n")[1].split()
    size = {
        "hv_lines_c_asm": cloc_code(f"{logs}/cloc-hv.csv"),
        "hv_plus_sbi_hv_lines_c_asm": cloc_code(f"{logs}/cloc-hv-sbi.csv"),
        "text": int(size_words[0]), "data": int(size_words[1]), "bss": int(size_words[2]),
    }
    targets = [
        ("null hypercall <= 40 instructions", m["null_call"] <= 40, m["null_call"]),
        ("SBI BASE <= 0.5x OpenSBI", ratio <= 0.5, ratio),
        ("hv + sbi/hv <= 6500 lines", size["hv_plus_sbi_hv_lines_c_asm"] <= 6500,
         size["hv_plus_sbi_hv_lines_c_asm"]),
    ]
    cmp_, wall, dsk, dpv, bt, rm = pvg_compare(logs), pvg_wall(logs), disk(logs), disk_pvg(logs), \
        boot(logs), ram(logs)
    idl = idle(logs)
    goals = []
    if cmp_:
        for w in ("cpu", "syscall"):
            goals.append((f"{w} <= 1.02x native instructions", cmp_[w]["ratio"] <= 1.02, cmp_[w]["ratio"]))
    if wall:
        for w in ("write1k", "read1k", "seqwrite", "seqread"):
            if w in wall[0]:
                goals.append((f"file I/O {w} <= 1.15x native wall time (median)",
                              wall[0][w]["median"] <= 1.15, wall[0][w]["median"]))
    # issue 18: the light path near the bare VS->HS->VS round trip (18), cross-vCPU IPIs near native
    goals.append(("null hypercall <= 19 instructions", m["null_call"] <= 19, m["null_call"]))
    goals.append(("SBI BASE <= 60 instructions", m["sbi_base_rvpv"] <= 60, m["sbi_base_rvpv"]))
    ipi = round(m["ipi_round_trip_rvpv"] / m["ipi_round_trip_opensbi"], 3)
    goals.append(("IPI round trip between two vCPUs <= 1.3x native (same machine)", ipi <= 1.3, ipi))
    goals.append(("timer: 0 exits with Sstc (stimecmp path <= 100 instr./iter.)",
                  m["timer_sstc_rvpv"] <= 100, m["timer_sstc_rvpv"]))
    hc = dsk["hv_counters"] if dsk else None
    batches = 2 * (64 + 64 // 16)  # the disk guest's batches: 64 single requests + 4 of 16, each way
    if hc:
        # at most one interrupt: a batch the device finishes during the kick needs none
        goals.append(("one NOTIFY exit and at most one device interrupt per batch of disk requests",
                      hc["notify_calls"] == batches and hc["device_interrupts"] <= batches,
                      f"{hc['notify_calls']} NOTIFY, {hc['device_interrupts']} interrupts for {batches} batches"))
    if idl:
        goals.append(("idle pv-guest <= 1 exit per idle second", idl["exits_per_sec"] <= 1, idl["exits_per_sec"]))
    if "rvpv" in bt:
        goals.append(("first guest prompt <= 20 M instructions from QEMU start",
                      bt["rvpv"]["shell_prompts"][0] <= 20e6, bt["rvpv"]["shell_prompts"][0]))
    lb = lreport.linux(logs)
    goals += lreport.goals(lb)
    if rm:
        goals.append(("hv RAM <= 1 MiB (no VM)", rm["total_no_vm_kib"] <= 1024, rm["total_no_vm_kib"]))
        goals.append(("<= 64 KiB per 4 MiB VM beyond its RAM (G-stage tables included)",
                      rm["per_vm_4mib_kib"] <= 64, rm["per_vm_4mib_kib"]))
    # a session that stopped is retried (bench/run.sh): a hang must still show (commit f064676)
    failed = sorted(os.path.basename(f) for f in glob.glob(f"{logs}/*.failed-*"))
    goals.append(("no pv-guest session stopped (none retried)", not failed, len(failed)))
    qemu = subprocess.run(["qemu-system-riscv64", "--version"], capture_output=True,
                          text=True).stdout.split("\n")[0]
    data = {
        "units": "instructions per operation (rdinstret, QEMU -icount shift=0); time in 10 MHz ticks",
        "qemu": qemu,
        "micro": m,
        "sbi_base_ratio_rvpv_over_opensbi": ratio,
        "consolidation": cons,
        "consolidation_host_time": host,
        "consolidation_scale": scale,
        "consolidation_scale_host_time": scale_host,
        "hv_kib_per_hart": per_hart[0] if per_hart else None,
        "size": size,
        "targets": [{"target": t, "met": ok, "value": v} for t, ok, v in targets],
        "goals": [{"goal": t, "met": ok, "value": v} for t, ok, v in goals],
        "pv_guest": cmp_,
        "pv_guest_wall": {"ratios": wall[0], "seq_mb_per_s": wall[1]} if wall else None,
        "disk": dsk,
        "disk_pv_guest_seq": dpv,
        "boot": bt,
        "linux": lb,
        "ram": rm,
        "idle_pv_guest": idl,
        "pv_guest_failed_sessions": failed,
    }
    with open(out, "w") as f:
        json.dump(data, f, indent=1)

    print("\n| Measurement | rvpv | OpenSBI, no hv |")
    print("|---|---:|---:|")
    print(f"| CORE_NULL_CALL round trip (instr.) | {m['null_call']} | - |")
    print(f"| CPU_SET_TIMER(UINT64_MAX), no port bound (instr.) | {m['cpu_set_timer']} | - |")
    print(f"| SBI BASE get_spec_version (instr.) | {m['sbi_base_rvpv']} | {m['sbi_base_opensbi']} |")
    print(f"| SBI BASE ratio rvpv / OpenSBI | {ratio} | |")
    print(f"| CONSOLE_WRITE 64 bytes (instr.) | {m['console_write_64']} | - |")
    print(f"| EVENT_SEND self + IRQ to handler + EOI (instr./iter.) | {m['event_send_self_irq_eoi']} | - |")
    print(f"| SBI set_timer(0) + IRQ to handler + disarm (instr./iter.) | {m['timer_sbi_rvpv']} | {m['timer_sbi_opensbi']} |")
    print(f"| stimecmp (Sstc) + IRQ to handler + disarm (instr./iter.) | {m['timer_sstc_rvpv']} | - |")
    print(f"| IPI round trip between two vCPUs / harts (-smp 2, clock of both harts) | {m['ipi_round_trip_rvpv']} | {m['ipi_round_trip_opensbi']} |")
    print(f"| SBI remote_sfence_vma to the other vCPU (-smp 2, clock of both harts) | {m['remote_sfence_vma_rvpv']} | not measurable |")
    print(f"| CPU_YIELD, nothing else to run (-smp 1) | {m['yield_alone']} | - |")
    print(f"| CPU_YIELD switching to another VM (-smp 1) | {m['yield_with_vm_switch']} | - |")
    print(f"| CPU_YIELD switching to another vCPU of the VM (-smp 1) | {m['yield_with_vcpu_switch']} | - |")
    for title, runs in (("-icount", cons), ("host time, no -icount", host)):
        if not runs:
            continue
        print(f"\n| VMs (-smp 2, {title}) | makespan (ticks) | mean job (ticks) | throughput vs 1 VM | Jain |")
        print("|---:|---:|---:|---:|---:|")
        for c in runs:
            print(f"| {c['vms']} | {c['makespan_ticks']} | {c['mean_job_ticks']} | "
                  f"{c['relative_throughput']} | {c['jain_fairness']} |")
    for title, runs in (("-icount", scale), ("host time, no -icount", scale_host)):
        if not runs:
            continue
        print(f"\n| -smp | VMs ({title}) | makespan (ticks) | mean job (ticks) | throughput vs 1 VM | Jain | hv KiB per VM |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for c in runs:
            print(f"| {c['smp']} | {c['vms']} | {c['makespan_ticks']} | {c['mean_job_ticks']} | "
                  f"{c['relative_throughput']} | {c['jain_fairness']} | {c['hv_kib_per_vm'] or '-'} |")
    if per_hart:
        print(f"hv KiB per hart (free with 1 VM on -smp {SCALE_SMP[0]} minus on -smp {SCALE_SMP[1]}, "
              f"per hart): {per_hart[0]}")
    print(f"\nhv/ C+asm lines (cloc code): {size['hv_lines_c_asm']} "
          f"(with sbi/hv/: {size['hv_plus_sbi_hv_lines_c_asm']}); hv.elf text {size['text']}, "
          f"data {size['data']}, bss {size['bss']} bytes")
    print_disk(dsk)
    if dpv:
        print(f"pv-guest 256 KiB written + synced + read back: {dpv['requests']} requests, "
              f"{dpv['notify_calls']} NOTIFY calls, {dpv['events']} events, "
              f"{dpv['device_interrupts']} device interrupts")
    if cmp_ or wall:
        print("\n| pv-guest bench (-icount) | native instr./iter. | PV on rvpv instr./iter. | PV/native instr. | PV/native wall (median, min-max) |")
        print("|---|---:|---:|---:|---:|")
        for w in WORKLOADS:
            r = (cmp_ or {}).get(w)
            h = wall[0].get(w) if wall else None
            if not r and not h:
                continue
            ws = f"{h['median']} ({h['min']}-{h['max']}, {h['rounds']} rounds)" if h else "not measured"
            rs = f"{r['native_instr_per_iter']} | {r['pv_instr_per_iter']} | {r['ratio']}" if r else "not measured | | "
            print(f"| {w} | {rs} | {ws} |")
        if wall:
            print("sequential MB/s (host time, median): " + "; ".join(
                f"{k} {w} {v}" for k, d in wall[1].items() for w, v in d.items()))
    else:
        print("\npv-guest bench: not measured (a session did not finish; see bench/logs/pvg-*.log)")
    if data["pv_guest_failed_sessions"]:
        print("pv-guest sessions that stopped and were retried: " + ", ".join(data["pv_guest_failed_sessions"]))
    for kind, b in bt.items():
        made = f"VMs created at {b['vms_created']}, " if "vms_created" in b else ""
        print(f"boot ({kind}): first console byte at {b['first_console_byte']}, {made}shell prompts at "
              f"{', '.join(str(x) for x in b['shell_prompts'])} (QEMU instruction clock)")
    if not bt:
        print("boot: not measured (see bench/logs/boot-*.txt)")
    if idl:
        print(f"idle pv-guest (host time): {idl['exits']} exits in {idl['host_secs']} s = "
              f"{idl['exits_per_sec']} per second (exit counters {idl['counters_after'] or 'none'})")
    else:
        print("idle pv-guest: not measured (see bench/logs/idle.txt)")
    lreport.print_linux(lb)
    if rm:
        print(f"hv RAM: image {rm['image_kib']} KiB + {rm['palloc_at_boot_kib']} KiB allocated at boot "
              f"= {rm['total_no_vm_kib']} KiB without VMs; per 4 MiB VM beyond its RAM "
              f"{rm['per_vm_4mib_kib']} KiB; per 64 MiB pv-guest with a disk "
              f"{rm.get('per_vm_pvguest_64mib_disk_kib', 'not measured')} KiB")
    for t, ok, v in targets:
        print(f"target {t}: {'met' if ok else 'NOT met'} ({v})")
    for t, ok, v in goals:
        print(f"goal {t}: {'met' if ok else 'NOT met'} ({v})")


if __name__ == "__main__":
    main()
