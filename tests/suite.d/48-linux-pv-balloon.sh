#!/usr/bin/env bash
# PV Linux's balloon on rvpv (tests/linux/balloon.conf: 1 GiB, 2 vCPUs on two harts, /init mode
# rvpvinit=balloon, pv-guest/linux rvpv-balloon.c):
#  1. the monitor's `balloon 0 32` sets the host target (MEM_BALLOON_TARGET, its event port): the
#     guest's current_kib reaches 32768 and MemTotal falls by 32 MiB; the guest still writes and
#     reads files and runs a child; `balloon 0 0` brings it all back;
#  2. the guest's own target (/sys/kernel/rvpv_balloon/target_kib = 16 MiB), then 0;
#  3. the host's 32 MiB once more, then `restart 0`: the VM is torn down with its pages released
#     and made again, and the free pool after the restart is what it was after the first
#     creation (nothing of the old VM, released, stale or G-stage table, is kept); the new VM's
#     target is 0 again; `destroy 0` ends the run;
#  4. the monitor's lists between the steps: the VM's released memory goes 0, 32, 16, 0, 32, 0
#     MiB and its resident memory the other way, and the hypervisor's free pool grows by exactly the
#     released pages less the G-stage tables their splits made (the list's g-stage=) and shrinks
#     again; the VM's 1 GiB starts as one G-stage leaf (16 KiB of tables, not 20): the pages
#     really left the VM (an access to one would stop it: conformance's balloon cases and test
#     76 check that part). A release whose vCPU returned to the guest before its remote flushes
#     were done left its pages out of the pool (fixed in 001efdf): undone, this case failed with
#     the free pool 1-4 MiB short in 3 of 4 runs under load 10 and, since /init keeps both CPUs
#     busy with IPIs between them while the balloon moves, in 3 of 4 runs under load 4.
set -u
. tests/linux/lib.sh
linux_prepare
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p "$B/tests"
log=$B/tests/linux-pv-balloon.log
timeout -k 5 260 python3 tests/qemu/converse.py --log "$log" --timeout 240 \
  --fail-on "Kernel panic" --fail-on "): fault: " -- \
  scripts/qemu.sh -s 2 -m 2304M -k "$(linux_set balloon)" <<'EOS'
seen hv: 1 of 1 VMs created
expect lbal| balloon: ready
send \x1d
expect hv: console input now goes to the monitor
send list\r
expect free: 
send balloon 0 32\r
expect hv: vm lbal (id 0): balloon target 32 MiB
expect lbal| balloon: down, waiting
send list\r
expect free: 
send balloon 0 0\r
expect hv: vm lbal (id 0): balloon target 0 MiB
expect lbal| balloon: self down, type a line
send list\r
expect free: 
send \x1d
expect hv: console input now goes to vm lbal (id 0)
send go\r
expect lbal| balloon: self up, type a line
send \x1d
expect hv: console input now goes to the monitor
send list\r
expect free: 
send balloon 0 32\r
expect hv: vm lbal (id 0): balloon target 32 MiB
send \x1d
expect hv: console input now goes to vm lbal (id 0)
send go\r
expect lbal| balloon: down again, type a line to power off
send \x1d
expect hv: console input now goes to the monitor
send list\r
expect free: 
send restart 0\r
expect hv: vm lbal (id 0) restarted (1)
expect lbal| balloon: ready
send list\r
expect free: 
send destroy 0\r
expect hv: vm lbal (id 0): destroyed by the monitor
expect hv: all VMs have stopped, powering off
EOS
rc=$?
grep -E "^lbal\| (.*rvpv-balloon|check|balloon|init)" "$log"
grep -E "^ +memory:|^free:" "$log"
[ $rc -eq 0 ] || fail "the conversation stopped (log: $log)"
grep -qE "[: ]FAIL|Kernel panic|Oops|BUG:|id [0-9]+\): fault: " "$log" && fail "a failure in $log"
grep -q "^lbal| .*rvpv-balloon: on rvpv BALLOON_RELEASE/RECLAIM, host target on" "$log" ||
  fail "the balloon driver did not bind with a host target"
for c in sysfs host-down memtotal-down guest-works host-up self-target self-down guest-works-self \
         self-target-0 self-up host-down-again; do
  grep -q "^lbal| check balloon-$c: ok" "$log" || fail "no 'check balloon-$c: ok' from /init"
done
python3 - "$log" <<'PY' || fail "the monitor did not show the balloon"
import re, sys
text = open(sys.argv[1]).read()
rows = re.findall(r"^ +memory: resident=(\d+) KiB released=(\d+) KiB target=(\d+) KiB g-stage=(\d+) KiB\n(?:.*\n)*?free: (\d+) KiB", text, re.M)
if len(rows) != 6:
    sys.exit(f"expected 6 monitor lists with lbal's memory line, found {len(rows)}")
ram = 1024 * 1024
# list 1: before; 2: after the host's 32 MiB; 3: after the host's 0 and the guest's 16 MiB; 4: all
# back; 5: the host's 32 MiB again; 6: after the restart
host, own = 32 * 1024, 16 * 1024
want = [(0, 0), (host, host), (own, 0), (0, 0), (host, host), (0, 0)]
bad = []
for i, ((res, rel, tgt, gs, free), (w_rel, w_tgt)) in enumerate(zip(rows, want), 1):
    res, rel, tgt, gs, free = int(res), int(rel), int(tgt), int(gs), int(free)
    print(f"list {i}: resident {res} KiB, released {rel} KiB, host target {tgt} KiB, G-stage {gs} KiB, free {free} KiB")
    if rel != w_rel or res != ram - w_rel or tgt != w_tgt:
        bad.append(f"list {i}: resident {res} released {rel} target {tgt}, want released {w_rel} target {w_tgt}")
free = [int(r[4]) for r in rows]
gs = [int(r[3]) for r in rows]
# a 1 GiB VM is one G-stage leaf under the 16 KiB root (hv/core/vm.c), in the first VM and in the
# restarted one; with 2 MiB leaves its G-stage would be 20 KiB
for i in (0, 5):
    if gs[i] != 16:
        bad.append(f"list {i + 1}: G-stage tables {gs[i]} KiB, want 16 (the 1 GiB RAM as one leaf)")
# every page released is in the pool, less the G-stage tables its splits made (shown per list)
for i, what in ((1, "the host's 32 MiB"), (2, "the guest's 16 MiB"), (3, "everything reclaimed"), (4, "the host's 32 MiB again")):
    rel = int(rows[i][1])
    if free[i] - free[0] != rel - (gs[i] - gs[0]):
        bad.append(f"list {i + 1} ({what}): free pool {free[i] - free[0]:+} KiB, want {rel} released less {gs[i] - gs[0]} of G-stage tables")
# the teardown with 32 MiB released: the restarted VM finds the pool as the first one did
created = [int(x) for x in re.findall(r"^hv: 1 of 1 VMs created, (\d+) KiB free", text, re.M)]
restarted = [int(x) for x in re.findall(r"hv: vm lbal \(id 0\) restarted \(1\), (\d+) KiB free", text)]
print(f"free after the first creation {created}, after the restart {restarted}")
if len(created) != 1 or restarted != created:
    bad.append(f"free pool {restarted} KiB after the restart of a VM with pages released, {created} after its creation")
if free[5] != free[0]:
    bad.append(f"free pool {free[5]} KiB in the restarted VM's first list, {free[0]} in the first VM's")
sys.exit("; ".join(bad) or None)
PY
exit 0
