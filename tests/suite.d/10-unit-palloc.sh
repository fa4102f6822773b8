#!/usr/bin/env bash
# Host unit test (ASan/UBSan): the physical page allocator.
exec "$B/unit/palloc_test"
