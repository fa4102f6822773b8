#!/usr/bin/env python3
"""Runs a command (QEMU, usually under strace), waits for a marker line on its output, then
SIGKILLs QEMU itself: no orderly exit, no late write-back, so what the image file holds is what
was synced before. Used by the durability cases (tests/suite.d/46, 66).

  killat.py --log LOG --marker TEXT [--after TEXT --type TEXT] [--timeout SECS] -- CMD...

--after/--type: once TEXT has been seen, type TYPE (backslash escapes allowed) on CMD's stdin.
The output goes to LOG with CRs dropped. Exit status 0 once the marker showed, else a message."""
import argparse, os, select, signal, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--log", required=True)
ap.add_argument("--marker", required=True)
ap.add_argument("--after")
ap.add_argument("--type")
ap.add_argument("--timeout", type=float, default=180)
ap.add_argument("cmd", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
typing = a.type.encode().decode("unicode_escape").encode() if a.type is not None else None
p = subprocess.Popen(cmd, stdin=subprocess.PIPE if typing else subprocess.DEVNULL,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out, typed, seen = b"", False, False
deadline = time.monotonic() + a.timeout
while time.monotonic() < deadline and not seen:
    r, _, _ = select.select([p.stdout], [], [], 0.2)
    if r:
        d = os.read(p.stdout.fileno(), 4096)
        if not d:
            break
        out += d
    if typing and not typed and a.after.encode() in out:
        p.stdin.write(typing)
        p.stdin.flush()
        typed = True
    seen = a.marker.encode() in out.replace(b"\r", b"")
# the child of strace (scripts/qemu.sh execs QEMU), not a process found by name
kids = open(f"/proc/{p.pid}/task/{p.pid}/children").read().split() if p.poll() is None else []
for k in kids:
    os.kill(int(k), signal.SIGKILL)
if not kids:
    p.kill()
out += p.communicate()[0] or b""
open(a.log, "wb").write(out.replace(b"\r", b""))
if not seen:
    sys.exit(f"FAIL: no {a.marker!r} line within {a.timeout:g} s")
print(f"SIGKILLed QEMU (pid {' '.join(kids)}) once {a.marker!r} showed")
