#!/usr/bin/env bash
# Host unit test (ASan/UBSan) of hv/core/exit.c's TLB fences with the hfence instructions
# recorded (tests/unit/exit_load_test.c): hfence.gvma before a VM's first entry on each hart,
# again when a new VM reuses a VMID and when the G-stage changes while it runs; hfence.vvma when
# another vCPU of the VM was last on the hart. QEMU flushes its TLB on every hgatp write, so no
# boot test can see a missing one. Also: a vCPU woken while its fence or balloon release waits
# for another's flush blocks again instead of entering the guest (test 48 sees it only 3 of 4).
set -u
bin=$B/tests/unit/exit_load_test
[ -x "$bin" ] || make --no-print-directory B="$B" "$bin" || exit 1
out=$("$bin" 2>&1); rc=$?
echo "$out"
[ $rc -eq 0 ] && echo "$out" | grep -q "^exit_load: [1-9][0-9]* passed, 0 failed$"
