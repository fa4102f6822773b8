#!/usr/bin/env bash
# Fair shares: two identical spinning VMs on one hart (configs/fair.conf) must each get half
# of it. The monitor's `list` is read until both have run at least 400 ms, then each VM's
# run time must be within 10% of the mean. QEMU runs with -icount shift=0, so guest time is
# instruction count: the shares do not depend on how fast or loaded the host is.
set -u
log=$B/tests/fair.log
mkdir -p "$B/tests"
python3 - "$log" "$B/hv/fair/hv.elf" <<'PY'
import os, re, select, subprocess, sys, time
log, img = sys.argv[1], sys.argv[2]
p = subprocess.Popen(["scripts/qemu.sh", "-s", "1", "-m", "256M", "-i", "on", "-k", img],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out = b""
deadline = time.monotonic() + 240   # generous: only a hang ends the test this way
def read_until(pred, limit):
    global out
    while not pred() and time.monotonic() < limit:
        r, _, _ = select.select([p.stdout], [], [], 0.5)
        if r:
            d = os.read(p.stdout.fileno(), 4096)
            if not d:
                break
            out += d
    return pred()
def send(s):
    p.stdin.write(s.encode()); p.stdin.flush()
def rows(text):
    return {m.group(1): int(m.group(2)) for m in
            re.finditer(rb"^ *\d+ (fair[AB]) +running +1 +4 +(\d+) ", text, re.M)}
ok = read_until(lambda: b"fairA| spin:" in out and b"fairB| spin:" in out, deadline)
if ok:
    send("\x1d")
    ok = read_until(lambda: b"input now goes to vm fairB" in out, deadline)
if ok:
    send("\x1d")
    ok = read_until(lambda: b"input now goes to the monitor" in out, deadline)
last = {}
while ok:
    mark = len(out)
    send("list\r")
    ok = read_until(lambda: b"KiB of" in out[mark:], deadline)
    last = rows(out[mark:])
    if ok and len(last) == 2 and min(last.values()) >= 400:
        break
    time.sleep(1)
p.kill()
out += p.communicate()[0] or b""
open(log, "wb").write(out.replace(b"\r", b""))
print(out.replace(b"\r", b"").decode("latin-1")[-1500:])
if not ok or len(last) != 2:
    sys.exit("FAIL: no monitor listing with both spinners at 400 ms run time before the timeout")
a, b = last[b"fairA"], last[b"fairB"]
mean = (a + b) / 2
print(f"run time: fairA {a} ms, fairB {b} ms, {100 * a / (a + b):.1f}% / {100 * b / (a + b):.1f}%")
if abs(a - mean) > 0.1 * mean:
    sys.exit(f"FAIL: shares differ by more than 10% of the mean ({a} vs {b} ms)")
if re.search(rb"HV PANIC|fault", out):
    sys.exit("FAIL: panic or fault")
print("PASS: each spinner got its half of the hart")
PY
