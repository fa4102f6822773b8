#!/usr/bin/env python3
"""Where the instructions of the IPI round trip go (issue 18): reads a QEMU log made with
`-d exec,nochain,in_asm -dfilter 0x80000000..0x80240000` of configs/bench-smp.conf under
-icount, and sums the instructions executed between the FIRST-th and LAST-th execution of
arch_hart_kick (two kicks per round trip), by mode (rvpv, OpenSBI, guest) and by function.
scripts/qemu.sh's machine has the ACLINT, so the kicks are SSWI stores; add -C for kicks
through OpenSBI (SBI IPI).
Usage: profile.py TRACE HV_ELF GUEST_ELF [FIRST LAST]   (defaults 20 120: 50 round trips)
    scripts/qemu.sh -s 2 -i off -m 1G -k build/hv/bench-smp/hv.elf -- -d exec,nochain,in_asm \
      -dfilter 0x80000000..0x80240000 -D trace.log </dev/null
    bench/profile.py trace.log build/hv/bench-smp/hv.elf build/bench/smp.elf"""
import bisect, collections, re, subprocess, sys

FW = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.elf"


def syms(elf):
    out = subprocess.run(["riscv64-unknown-elf-nm", "-n", elf], capture_output=True, text=True).stdout
    rows = [x.split() for x in out.splitlines()]
    rows = [(int(r[0], 16), r[2]) for r in rows if len(r) == 3 and r[1] in "tTwW"]
    return [a for a, _ in rows], [n for _, n in rows]


def name(tab, pc):
    i = bisect.bisect_right(tab[0], pc) - 1
    return tab[1][i] if i >= 0 else hex(pc)


trace, hv, guest = sys.argv[1:4]
first, last = (int(x) for x in sys.argv[4:6]) if len(sys.argv) > 5 else (20, 120)
H, O, G = syms(hv), syms(FW), syms(guest)
kick = H[0][H[1].index("arch_hart_kick")]
tbs, cur, events = {}, None, []
for line in open(trace, errors="replace"):
    if line.startswith("IN:"):
        cur = {"n": 0, "pc": None}
    elif line.startswith("Priv:") and cur is not None:
        m = re.match(r"Priv: (\d); Virt: (\d)", line)
        cur["priv"], cur["virt"] = int(m[1]), int(m[2])
    elif line.startswith("0x") and cur is not None:
        if cur["pc"] is None:
            cur["pc"] = int(line.split(":")[0], 16)
        cur["n"] += 1
    elif line.startswith("Trace"):
        tc = line.split()[2]
        if cur is not None and cur["pc"] is not None:
            tbs[tc], cur = cur, None
        if tc in tbs:
            events.append(tbs[tc])
kicks = [i for i, tb in enumerate(events) if not tb["virt"] and tb["priv"] == 1 and tb["pc"] == kick]
rounds = (last - first) / 2
by_fn, by_mode = collections.Counter(), collections.Counter()
for tb in events[kicks[first]:kicks[last]]:
    mode = "guest" if tb["virt"] else "opensbi" if tb["priv"] == 3 else "rvpv"
    tab = G if tb["virt"] else O if tb["priv"] == 3 else H
    by_mode[mode] += tb["n"]
    by_fn[mode + ":" + name(tab, tb["pc"])] += tb["n"]
print(f"{len(kicks)} kicks; per round trip over {rounds:g}: " +
      ", ".join(f"{k} {v / rounds:.1f}" for k, v in by_mode.items()) +
      f", total {sum(by_mode.values()) / rounds:.1f}")
for k, v in by_fn.most_common(40):
    print(f"{v / rounds:8.1f} {k}")
