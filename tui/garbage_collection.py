"""When the app's garbage collections run: never between a key and the updated list.

Two rules. The analysis a load reads is a few hundred thousand long-lived objects: each full
collection walked them all (100 ms at 20k articles), so once loaded they are frozen out of
the collector until the next load (`thaw_before_load`, `freeze_loaded`). Textual's own
objects stay: at 50k articles a full collection over them still took 40-80 ms, and one
landing between a key and the list was most of the slowest keystrokes. So while the app
runs, Python's automatic full collections are held off, and the app runs the one that is
due when input has paused, or when so many are overdue that memory would grow
(`IdleCollector`).
"""

from __future__ import annotations

import gc
import time

IDLE_SECONDS = 1.0  # this long without a key or a mouse event counts as a pause
CHECK_SECONDS = 0.5
OVERDUE = 10  # times Python's own threshold after which a collection runs pause or not
_HELD_OFF = 2**30  # a third-generation threshold never reached


def thaw_before_load() -> None:
    """A reload: what the last load froze may be garbage now."""
    gc.unfreeze()


def freeze_loaded() -> None:
    """Leave everything alive now (the loaded analysis) out of collections until the next
    load."""
    gc.freeze()


class IdleCollector:
    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()

    def start(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            gc.set_threshold(self._saved[0], self._saved[1], _HELD_OFF)

    def stop(self) -> None:
        """Give Python its own thresholds back."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input_seen(self) -> None:
        self._last_input = time.monotonic()

    def collect_if_due(self) -> bool:
        """Run the full collection Python would have run by now, if input has paused (or
        it is long overdue); whether it ran."""
        if self._saved is None:
            return False
        due = self._saved[2]
        # The count of second-generation collections since the last full one: what
        # Python's own threshold is compared with.
        pending = gc.get_count()[2]
        paused = time.monotonic() - self._last_input >= IDLE_SECONDS
        if pending >= due and (paused or pending >= OVERDUE * due):
            gc.collect()
            return True
        return False
