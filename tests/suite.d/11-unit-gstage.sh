#!/usr/bin/env bash
# Host unit test (ASan/UBSan): the Sv39x4 G-stage table builder.
exec "$B/unit/gstage_test"
