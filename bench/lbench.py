#!/usr/bin/env python3
"""Drives one boot of the Linux benchmark (bench/lbench.c as /init; make bench, bench/run.sh).
Boots QEMU (argv after --), copies its console to --log and answers lbench's sync points:
at each "lbench: ready PHASE" it reads rvpv's monitor first (--monitor: Ctrl-] moves the input
to the monitor, as the set has one VM; `list`; Ctrl-] back to the VM) and then types the line
lbench waits for (1 with --soak: a soaker beside the phase, see bench/lbench.c, else 0);
at "lbench: ready idle" that line is --idle SECS, and with --monitor the
monitor is listed again once lbench says "idle start" and SECS - 2 seconds of host time later
(the guest sleeps SECS: the window lies inside its sleep). Prints one line per listing, the VM's
counters as the monitor showed them:
    MON PHASE exits="..." calls="..." disk="..." t=HOST_SECONDS
PHASE is the phase about to start (none, seqwrite, ..., idle) or "idle-end". Exit 0 once lbench
says "lbench: done", 1 on a timeout (--timeout, host seconds) or when QEMU ends before.
Usage: lbench.py --log LOG [--monitor] [--soak] [--idle SECS] [--timeout 300] -- scripts/qemu.sh ..."""
import argparse, os, re, select, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--log", required=True)
ap.add_argument("--monitor", action="store_true")
ap.add_argument("--idle", type=float, default=0)
ap.add_argument("--soak", action="store_true")
ap.add_argument("--timeout", type=float, default=300)
ap.add_argument("qemu", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.qemu[1:] if a.qemu and a.qemu[0] == "--" else a.qemu
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out, deadline = b"", time.monotonic() + a.timeout
log = open(a.log, "wb")


def finish(rc, why=None):
    p.kill()
    p.wait()
    log.close()
    if why:
        print(f"lbench: {why} (log {a.log})", file=sys.stderr)
    sys.exit(rc)


def wait_for(pattern, start):
    """the first match of the regular expression (bytes) at or after start"""
    global out
    while True:
        m = re.compile(pattern).search(out, start)
        if m:
            return m
        left = deadline - time.monotonic()
        if left <= 0:
            finish(1, f"timed out waiting for {pattern!r}")
        r, _, _ = select.select([p.stdout], [], [], min(left, 0.5))
        if r:
            data = os.read(p.stdout.fileno(), 4096)
            if not data:
                finish(1, f"QEMU ended while waiting for {pattern!r}")
            out += data
            log.write(data.replace(b"\r", b""))
            log.flush()


def send(s):
    p.stdin.write(s)
    p.stdin.flush()


def listing(phase, pos):
    """one `list` in the monitor; returns the position after it"""
    send(b"\x1d")
    pos = wait_for(rb"now goes to the monitor", pos).end()
    send(b"list\r")
    t = time.monotonic()
    # the VM's lines: exits, calls, then others (halts, memory, ...) and the disk's, then free
    m = wait_for(rb"\n *exits:([^\n]*)\n *calls:([^\n]*)\n(?: +(?!disk:)[^ \n][^\n]*\n)*(?: *disk: ([^\n]*)\n)?free: ", pos)
    f = [(g or b"").decode().strip() for g in m.groups()]
    print(f'MON {phase} exits="{f[0]}" calls="{f[1]}" disk="{f[2]}" t={t:.3f}', flush=True)
    send(b"\x1d")
    return wait_for(rb"now goes to vm", m.end()).end()


pos = 0
while True:
    m = wait_for(rb"lbench: (ready (\w+)\r?\n|done)", pos)
    pos = m.end()
    if m.group(1) == b"done":
        break
    phase = m.group(2).decode()
    if a.monitor:
        pos = listing(phase, pos)
    if phase != "idle":
        send(b"1\r" if a.soak else b"0\r")
        continue
    send(b"%d\r" % int(a.idle))
    if a.idle > 0 and a.monitor:
        pos = wait_for(rb"lbench: idle start", pos).end()
        pos = listing("idle", pos)
        time.sleep(max(0.0, a.idle - 2))
        pos = listing("idle-end", pos)
finish(0)
