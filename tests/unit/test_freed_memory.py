"""Freed memory inside the C library's heap goes back to the system when asked."""

from __future__ import annotations

import platform

from index.freed_memory import give_back_freed_memory


def _resident_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def test_freed_blocks_below_live_ones_go_back_to_the_system():
    assert platform.libc_ver()[0] == "glibc"  # what CI and the benchmarks run on
    blocks = [bytes(1000) + bytes([i % 256]) for i in range(100_000)]  # 100 MB, by malloc
    kept_above = [bytes(1000) for _ in range(10)]  # keeps the heap's top in use
    before_free = _resident_mb()
    del blocks

    assert give_back_freed_memory()
    assert _resident_mb() < before_free - 50
    assert kept_above[-1] == bytes(1000)
