# gdb-multiarch script (source it with -x): makes the race of OpenSBI 1.1's sbi_hsm_hart_start
# happen on purpose. Debian's fw_dynamic.bin 1.1-2 publishes START_PENDING with the cmpxchg
# that returns at HSM_CMPXCHG_DONE and only then stores the hart's start address and argument.
# The hart that starts the other one is held right there while the other hart alone runs on
# (scheduler-locking): a stopped hart polls its state (OpenSBI left the cold-boot IPI pending),
# finishes its warm boot and jumps to whatever start address it reads. The script reports
# where that hart entered the hypervisor and lets the machine run on (exit status 3: it could
# not race). Environment: PORT, ENTRY
# (_start), SECONDARY (hart_secondary_entry).
import os
import gdb

HSM_CMPXCHG_DONE = 0x80009be2
run = gdb.execute
run("set pagination off")
run("set confirm off")
run("target remote :%s" % os.environ["PORT"])
run("break *0x%x" % HSM_CMPXCHG_DONE)
run("continue")
def pc_of(thread):
    run("thread %d" % thread, to_string=True)
    return int(gdb.parse_and_eval("$pc"))
threads = [t.num for t in gdb.selected_inferior().threads()]
pcs = {t: pc_of(t) for t in threads}
print("race: pcs " + ", ".join("thread %d 0x%x" % (t, p) for t, p in sorted(pcs.items())))
starter = [t for t, p in pcs.items() if p == HSM_CMPXCHG_DONE][0]
target = [t for t in threads if t != starter][0]
if pcs[target] == HSM_CMPXCHG_DONE:
    print("race: both harts are starting a hart")
    run("detach")
    gdb.execute("quit 4")
if pcs[target] >= 0x80200000:
    # QEMU stops the harts one by one: the other one saw START_PENDING and got through its
    # warm boot while this stop was under way, so it took the stale address by itself
    print("race: thread %d entered the hypervisor before the start address was stored" % target)
    run("delete")
    run("detach")
    gdb.execute("quit 0")
run("thread %d" % target, to_string=True)
mip = int(gdb.parse_and_eval("$mip"))
print("race: thread %d is to be started, mip=0x%x" % (target, mip))
# in sbi_hsm_hart_wait's wfi loop (0x80009b00..0x80009b0e) only a pending IPI keeps it awake
if 0x80009b00 <= pcs[target] <= 0x80009b0e and not mip & 0x8:
    print("race: no pending IPI, that hart sleeps: it cannot race")
    run("delete")
    run("detach")
    gdb.execute("quit 3")
run("delete")
run("set scheduler-locking on")
run("break *%s" % os.environ["ENTRY"])
run("break *%s" % os.environ["SECONDARY"])
run("continue")
pc, a0, a1 = (int(gdb.parse_and_eval(r)) for r in ("$pc", "$a0", "$a1"))
print("race: entered the hypervisor at 0x%x with a0=0x%x a1=0x%x" % (pc, a0, a1))
run("delete")
run("set scheduler-locking off")
run("detach")
