#!/usr/bin/env bash
# Host unit test (ASan/UBSan): the Sv39x4 G-stage table builder, including guest addresses at
# and above 512 GiB (the 2048-entry root), which must not alias low ones.
exec "$B/unit/gstage_test"
