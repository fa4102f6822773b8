#!/usr/bin/env python3
"""The arithmetic of bench/ab.sh: ab.py OUT DIR... reads OUT/TAG-{native,pv}-ROUND.log (TAG the
last part of each DIR), sums each workload's `bench:` time over a session (10 MHz ticks), and
prints per TAG the median over rounds of PV/native with both sides' median ticks, then for
every TAG after the first the median over rounds of TAG/first, PV and native apart."""
import collections
import glob
import os
import re
import statistics
import sys

LINE = re.compile(r"bench: (\w+)\s+iters=\d+ time=(\d+)")


def session(path):
    got = collections.Counter()
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.search(line)
            if m:
                got[m.group(1)] += int(m.group(2))
    return got


def rounds(out, tag):
    """{round: (native, pv)} for the rounds where both sessions printed something"""
    found = {}
    for npath in glob.glob(f"{out}/{tag}-native-*.log"):
        i = int(npath.rsplit("-", 1)[1][:-4])
        ppath = f"{out}/{tag}-pv-{i}.log"
        if os.path.exists(ppath):
            n, p = session(npath), session(ppath)
            if n and p:
                found[i] = (n, p)
    return found


def med(values):
    return round(statistics.median(values), 3) if values else None


def main(out, dirs):
    tags = [os.path.basename(d.rstrip("/")) for d in dirs]
    runs = {t: rounds(out, t) for t in tags}
    work = ["write1k", "read1k", "seqwrite", "seqread", "cpu"]
    print(f"{'':24}" + "".join(f"{w:>10}" for w in work))
    for t in tags:
        r = runs[t].values()
        print(f"{t + ' PV/native':24}" + "".join(
            f"{med([p[w] / n[w] for n, p in r if n[w] and p[w]]) or '-':>10}" for w in work))
        for side, k in (("native", 0), ("PV", 1)):
            print(f"{'  ' + side + ' ticks':24}" + "".join(
                f"{int(statistics.median([x[k][w] for x in r])) if r else '-':>10}" for w in work))
    base = runs[tags[0]]
    for t in tags[1:]:
        for side, k in (("native", 0), ("PV", 1)):
            both = [(base[i][k], runs[t][i][k]) for i in base if i in runs[t]]
            print(f"{t + '/' + tags[0] + ' ' + side:24}" + "".join(
                f"{med([b[w] / a[w] for a, b in both if a[w] and b[w]]) or '-':>10}" for w in work))
    print(f"rounds: " + ", ".join(f"{t} {len(runs[t])}" for t in tags))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: ab.py OUT DIR...")
    main(sys.argv[1], sys.argv[2:])
