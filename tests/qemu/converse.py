#!/usr/bin/env python3
"""Holds a scripted conversation with a QEMU console: each step waits for a text to appear
(after the previous match) or sends bytes. The script comes on stdin, one step a line:
    expect TEXT        wait until TEXT appears in the console output
    send TEXT          type TEXT (backslash escapes: \\n, \\x1d, ...)
    seen TEXT          wait until TEXT appears anywhere in the output (order not implied)
    maybe TEXT         like expect, but only for 20 seconds and never a failure (diagnostics)
    within SECS TEXT   like expect, but fails unless TEXT appears within SECS seconds of the
                       previous step (progress of a long run: a stall is told from slowness)
    wait SECS          let SECS seconds pass, reading the output (a guest left idle meanwhile;
                       what is measured over it must come from the guest's or rvpv's clock)
--fail-on TEXT (repeatable) fails as soon as TEXT appears anywhere. Output goes to --log as it
arrives (a long run can be watched with tail -f). Exit 0 when every step succeeded before --timeout (generous: guest
speed is not what is tested); QEMU is then stopped. Usage: converse.py --log F -- qemu ..."""
import argparse, os, select, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--log", required=True)
ap.add_argument("--timeout", type=float, default=120)
ap.add_argument("--fail-on", action="append", default=[])
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
steps = [l.rstrip("\n").split(" ", 1) for l in sys.stdin if l.strip()]
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
log = open(a.log, "wb")
out, pos, deadline, ok = b"", 0, time.monotonic() + a.timeout, True
fail_on = [t.encode() for t in a.fail_on]


def read_some(secs):
    """Waits up to secs (at most 1 s) for console output and logs it; False once QEMU's output ended."""
    global out
    r, _, _ = select.select([p.stdout], [], [], max(0, min(secs, 1)))
    data = os.read(p.stdout.fileno(), 4096) if r else b""
    if r and not data:
        return False
    out += data
    log.write(data.replace(b"\r", b""))
    log.flush()
    return True


for verb, arg in steps:
    step_start = time.monotonic()
    if verb == "send":
        p.stdin.write(arg.encode().decode("unicode_escape").encode("latin-1"))
        p.stdin.flush()
        continue
    if verb == "wait":
        until = min(deadline, step_start + float(arg))
        while time.monotonic() < until and read_some(until - time.monotonic()):
            pass
        continue
    until = deadline
    if verb == "maybe":
        until = min(deadline, step_start + 20)
    if verb == "within":
        secs, arg = arg.split(" ", 1)
        until = min(deadline, step_start + float(secs))
    want = arg.encode()
    start = 0 if verb == "seen" else pos
    bad = None
    while out.find(want, start) < 0:
        bad = next((t for t in fail_on if out.find(t, max(0, len(out) - 8192 - len(t))) >= 0), None)
        if bad:
            break
        left = until - time.monotonic()
        if not read_some(left) or left <= 0:
            break
    i = out.find(want, start)
    bad = bad or next((t for t in fail_on if out.find(t) >= 0), None)
    if bad:
        print(f"converse: saw {bad.decode()!r} while waiting for: {arg}")
        ok = False
        break
    if i < 0 and verb == "maybe":
        continue
    if i < 0:
        print(f"converse: never saw: {arg}" + (f" (within {secs} s)" if verb == "within" else ""))
        ok = False
        break
    if verb != "seen":
        pos = i + len(want)
p.kill()
rest = p.communicate()[0] or b""
log.write(rest.replace(b"\r", b""))
log.close()
sys.exit(0 if ok else 1)
