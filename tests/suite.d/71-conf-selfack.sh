#!/usr/bin/env bash
# The conformance guest in its "selfack" mode (configs/conformance-selfack.conf): the event
# page registered with RVPV_EVENT_F_SELF_ACK (ABI 1.3), then each raise must set the vCPU's
# sie.SEIE (its acknowledgement, cleared by the guest, with no EOI), a masked raise must not,
# EOI after an unmask must, and a vCPU blocked with sie.SEIE clear must be woken by a raise;
# no SEIP may stay asserted behind an acknowledgement (a raise taken as the call returns, one
# taken later and drained, after the next exit). Mutants event-self-ack-no-seie,
# event-settle-no-inject and event-settle-only-on-raise fail it.
set -u
hv=$B/hv/conformance-selfack/hv.elf
[ -f "$hv" ] || { echo "FAIL: no $hv"; exit 1; }
mkdir -p "$B/tests/conformance"
log=$B/tests/conformance/selfack.log
rc=0
tests/qemu/expect.sh -i "$hv" -l "$log" -t 60 -s 1 -m 256M \
  -e "(rvpv), " -o "event/self_ack/register" -o " passed, " || rc=1
tests/conformance/check-log.sh "$log" 10 || rc=1
exit $rc
