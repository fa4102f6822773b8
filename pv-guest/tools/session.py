#!/usr/bin/env python3
"""Drive a pv-guest console session: start QEMU (argv after --), wait for each shell prompt
and type the next line of the script (stdin), then wait for QEMU to exit by itself.
With --typeahead-after TEXT the whole script is typed at once when TEXT first appears
(for consoles that only show whole lines, such as rvpv's).
The console output (CR removed) goes to --log. Exit status: 0 when every line was sent and
QEMU exited with status 0 before --timeout seconds; 1 otherwise. Timeouts are generous
because the guest's speed is not what is tested."""
import argparse, os, select, subprocess, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("--log", required=True)
ap.add_argument("--timeout", type=float, default=120)
ap.add_argument("--prompt", default="$ ")
ap.add_argument("--typeahead-after")
ap.add_argument("qemu", nargs=argparse.REMAINDER)
a = ap.parse_args()
cmd = a.qemu[1:] if a.qemu and a.qemu[0] == "--" else a.qemu
lines = [l.rstrip("\n") for l in sys.stdin]

p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out = b""
deadline = time.monotonic() + a.timeout
sent = 0
prompt = a.prompt.encode()
ok = True

def pump(wait):
    global out
    r, _, _ = select.select([p.stdout], [], [], wait)
    if r:
        data = os.read(p.stdout.fileno(), 4096)
        if not data:
            return False
        out += data
    return True

alive = True
while alive and time.monotonic() < deadline:
    # the (sent+1)-th prompt means the shell is ready for line number sent
    if a.typeahead_after and sent < len(lines) and a.typeahead_after.encode() in out:
        p.stdin.write("".join(l + "\n" for l in lines).encode())
        p.stdin.flush()
        sent = len(lines)
        continue
    if not a.typeahead_after and sent < len(lines) and out.count(prompt) > sent:
        p.stdin.write((lines[sent] + "\n").encode())
        p.stdin.flush()
        sent += 1
        continue
    alive = pump(0.2)
    if p.poll() is not None and not select.select([p.stdout], [], [], 0)[0]:
        break
try:
    p.wait(timeout=max(0.1, deadline - time.monotonic()))
except subprocess.TimeoutExpired:
    p.kill()
    print("session: timeout after %ds (%d of %d lines sent)" % (a.timeout, sent, len(lines)))
    ok = False
while pump(0.1):
    pass
rc = p.wait()
with open(a.log, "w") as f:
    f.write(out.decode(errors="replace").replace("\r", ""))
if sent < len(lines):
    print("session: only %d of %d lines sent" % (sent, len(lines)))
    ok = False
if rc != 0:
    print("session: qemu exited with status %d" % rc)
    ok = False
sys.exit(0 if ok else 1)
