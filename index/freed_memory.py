"""Give the memory a process has freed back to the system, where the C library allows it.

glibc keeps freed blocks in the process for its next allocations; only what lies at the
top of its heap goes back by itself. A step that frees a large structure made of many
blocks (story grouping's vectors: 100,000 arrays at 50k articles) and then builds another
one still shows the first in its resident memory, and the second on top of it:
`malloc_trim(0)` returns every whole free page inside the heap too. Elsewhere (macOS,
musl) this does nothing.
"""

from __future__ import annotations

import ctypes
from functools import cache


def give_back_freed_memory() -> bool:
    """Return free pages to the system; True if the C library did."""
    trim = _malloc_trim()
    return bool(trim is not None and trim(0))


@cache
def _malloc_trim():
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the interpreter runs on
    except (OSError, AttributeError):
        return None
