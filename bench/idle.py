#!/usr/bin/env python3
"""Exits of an idle pv-guest per second: boots rvpv (argv after --), waits for the shell prompt,
moves the console to the monitor (one Ctrl-]: the set has one VM), types `list`, waits
--secs seconds of host time, types `list` again, and prints the difference of the VM's exit
counters (every `exits:` field summed) over the time between the two commands:
    IDLE exits=N secs=S per_sec=R before="..." after="..."
Host time, no -icount: the guest's `time` follows the host clock then, so its tick does too.
Usage: idle.py --log LOG [--secs 10] -- scripts/qemu.sh ..."""
import argparse, os, re, select, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--log", required=True)
ap.add_argument("--secs", type=float, default=10)
ap.add_argument("--timeout", type=float, default=90)
ap.add_argument("qemu", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.qemu[1:] if a.qemu and a.qemu[0] == "--" else a.qemu
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out, deadline = b"", time.monotonic() + a.timeout


def wait_for(text, start):
    global out
    while out.find(text, start) < 0 and time.monotonic() < deadline:
        r, _, _ = select.select([p.stdout], [], [], 0.2)
        if r:
            data = os.read(p.stdout.fileno(), 4096)
            if not data:
                break
            out += data
    i = out.find(text, start)
    if i < 0:
        p.kill()
        open(a.log, "wb").write(out)
        sys.exit(f"idle: never saw {text!r} (log {a.log})")
    return i + len(text)


def send(s):
    p.stdin.write(s)
    p.stdin.flush()


def listing(pos):
    send(b"list\r")
    t = time.monotonic()
    end = wait_for(b"KiB of", pos)
    m = re.search(rb"exits:([^\n]*)", out[pos:end])
    return t, end, (m.group(1).decode().strip() if m else "")


pos = wait_for(b"| $ ", 0)
time.sleep(1)  # let the shell's prompt output and any boot-time disk traffic settle
send(b"\x1d")
pos = wait_for(b"now goes to the monitor", pos)
t1, pos, e1 = listing(pos)
time.sleep(a.secs)
t2, pos, e2 = listing(pos)
p.kill()
open(a.log, "wb").write(out.replace(b"\r", b""))
total = lambda e: sum(int(x) for x in re.findall(r"=(\d+)", e))
n, secs = total(e2) - total(e1), t2 - t1
print(f'IDLE exits={n} secs={secs:.2f} per_sec={n / secs:.2f} before="{e1}" after="{e2}"')
