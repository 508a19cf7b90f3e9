"""When search as you type waits before it searches: only inside a burst of keys.

A search cannot be stopped once it runs, so keys that arrive together (a key held down, an
input method, a macro) would each start one, and the last one, the one that counts, would
share the interpreter with all the others. Waiting a moment before every search prevents
that, but makes every key at typing speed slower by the wait: at 50k articles that was 10 of
a keystroke's 60 ms. So a key waits only when it came within the wait of the key before; a
key after a pause searches at once, and a burst costs at most one search beside its last.
"""

from __future__ import annotations

import time

SEARCH_DEBOUNCE = 0.01  # seconds: keys closer than this are one burst


class TypingPace:
    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._last_key: float | None = None

    def wait_before_search(self) -> float:
        """Seconds the search for the key just typed should wait for a newer one."""
        now = self._clock()
        in_a_burst = self._last_key is not None and now - self._last_key < SEARCH_DEBOUNCE
        self._last_key = now
        return SEARCH_DEBOUNCE if in_a_burst else 0.0
