#!/usr/bin/env python3
"""Compares the long console lines of a conformance run byte for byte (out_long_line in out.c):
each "# long TAG LEN <pattern>" line must appear once, whole and unbroken on one console line
after the VM's "name| " prefix, exactly LEN bytes long with the generated pattern.
    check-long.py LOG TAG:LEN...   (e.g. console_write:333 dbcn_write:4500)"""
import sys

ALPHA = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def expected(tag, n):
    head = f"# long {tag} {n} "
    return head + "".join(ALPHA[(i * 7 + i // 62) % 62] for i in range(len(head), n))


log = open(sys.argv[1], "rb").read().decode("latin-1").replace("\r", "").split("\n")
bad = 0
for want in sys.argv[2:]:
    tag, n = want.split(":")
    line = expected(tag, int(n))
    head = line[: line.index(" ", len("# long ") + len(tag) + 1) + 1]
    got = [l[l.index("# long "):] for l in log if head in l]
    if not got:
        print(f"FAIL: no long line {tag} {n} on the console")
        bad = 1
    elif len(got) != 1 or got[0] != line:
        g = got[0]
        diff = next((i for i in range(min(len(g), len(line))) if g[i] != line[i]), min(len(g), len(line)))
        print(f"FAIL: long line {tag} {n}: {len(got)} line(s), first {len(g)} bytes, want {len(line)}; "
              f"first difference at byte {diff}: got {g[diff:diff + 12]!r}, want {line[diff:diff + 12]!r}")
        bad = 1
    else:
        print(f"PASS: long line {tag} {n} arrived whole, byte for byte")
sys.exit(bad)
