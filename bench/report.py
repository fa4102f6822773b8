#!/usr/bin/env python3
"""Turns the logs of bench/run.sh into the results table (stdout) and bench.json.

Usage: report.py LOGDIR OUT.json | report.py --plot-data BENCH.json
Instruction counts are rdinstret deltas per call, minus the same loop without the call.
"""
import csv
import json
import os
import re
import subprocess
import sys

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


def cloc_code(path):
    total = 0
    with open(path) as f:
        for row in csv.reader(f):
            if len(row) >= 5 and row[1] in ("C", "C/C++ Header", "Assembly"):
                total += int(row[4])
    return total


def main():
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
        "sbi_base_rvpv": per_op(rv, "sbi_base_rvpv", "empty_loop"),
        "sbi_base_opensbi": per_op(nat, "sbi_base_native", "empty_loop"),
        "console_write_64": per_op(rv, "console64", "console64_empty"),
        "event_send_self_irq_eoi": per_op(rv, "event_send_eoi", None),
        "timer_sbi_rvpv": per_op(rv, "timer_sbi_rvpv", None),
        "timer_sbi_opensbi": per_op(nat, "timer_sbi_native", None),
        "timer_sstc_rvpv": per_op(rv, "timer_sstc", None),
        "empty_loop_iteration": per_op(rv, "empty_loop", None),
    }
    ratio = round(m["sbi_base_rvpv"] / m["sbi_base_opensbi"], 3)
    cons = consolidation_set(logs, "consol")
    host = consolidation_set(logs, "consol-host") if os.path.exists(f"{logs}/consol-host-1.log") else []
    size_words = open(f"{logs}/size.txt").read().split("\n")[1].split()
    size = {
        "hv_lines_c_asm": cloc_code(f"{logs}/cloc-hv.csv"),
        "hv_plus_sbi_hv_lines_c_asm": cloc_code(f"{logs}/cloc-hv-sbi.csv"),
        "text": int(size_words[0]), "data": int(size_words[1]), "bss": int(size_words[2]),
    }
    targets = [
        ("null hypercall <= 40 instructions", m["null_call"] <= 40, m["null_call"]),
        ("SBI BASE <= 0.5x OpenSBI", ratio <= 0.5, ratio),
        ("hv <= 5000 lines", size["hv_lines_c_asm"] <= 5000, size["hv_lines_c_asm"]),
    ]
    qemu = subprocess.run(["qemu-system-riscv64", "--version"], capture_output=True,
                          text=True).stdout.split("\n")[0]
    data = {
        "units": "instructions per operation (rdinstret, QEMU -icount shift=0); time in 10 MHz ticks",
        "qemu": qemu,
        "micro": m,
        "sbi_base_ratio_rvpv_over_opensbi": ratio,
        "consolidation": cons,
        "consolidation_host_time": host,
        "size": size,
        "targets": [{"target": t, "met": ok, "value": v} for t, ok, v in targets],
    }
    with open(out, "w") as f:
        json.dump(data, f, indent=1)

    print("\n| Measurement | rvpv | OpenSBI, no hv |")
    print("|---|---:|---:|")
    print(f"| CORE_NULL_CALL round trip (instr.) | {m['null_call']} | - |")
    print(f"| SBI BASE get_spec_version (instr.) | {m['sbi_base_rvpv']} | {m['sbi_base_opensbi']} |")
    print(f"| SBI BASE ratio rvpv / OpenSBI | {ratio} | |")
    print(f"| CONSOLE_WRITE 64 bytes (instr.) | {m['console_write_64']} | - |")
    print(f"| EVENT_SEND self + IRQ to handler + EOI (instr./iter.) | {m['event_send_self_irq_eoi']} | - |")
    print(f"| SBI set_timer(0) + IRQ to handler + disarm (instr./iter.) | {m['timer_sbi_rvpv']} | {m['timer_sbi_opensbi']} |")
    print(f"| stimecmp (Sstc) + IRQ to handler + disarm (instr./iter.) | {m['timer_sstc_rvpv']} | - |")
    for title, runs in (("-icount", cons), ("host time, no -icount", host)):
        if not runs:
            continue
        print(f"\n| VMs (-smp 2, {title}) | makespan (ticks) | mean job (ticks) | throughput vs 1 VM | Jain |")
        print("|---:|---:|---:|---:|---:|")
        for c in runs:
            print(f"| {c['vms']} | {c['makespan_ticks']} | {c['mean_job_ticks']} | "
                  f"{c['relative_throughput']} | {c['jain_fairness']} |")
    print(f"\nhv/ C+asm lines (cloc code): {size['hv_lines_c_asm']} "
          f"(with sbi/hv/: {size['hv_plus_sbi_hv_lines_c_asm']}); hv.elf text {size['text']}, "
          f"data {size['data']}, bss {size['bss']} bytes")
    for t, ok, v in targets:
        print(f"target {t}: {'met' if ok else 'NOT met'} ({v})")


if __name__ == "__main__":
    main()
