"""The vim-style movement bindings every list-like pane shares, with ids users can remap.

One id per motion (`cursor_down`, `cursor_up`, `first`, `last`), so remapping `cursor_down`
in `config.yaml` changes it in the article list, the timeline, the entities and the reader.
"""

from __future__ import annotations

from textual.binding import Binding

VIM_MOTION = [
    Binding("j", "cursor_down", "Down", show=False, id="cursor_down", tooltip="Move down"),
    Binding("k", "cursor_up", "Up", show=False, id="cursor_up", tooltip="Move up"),
    Binding("g", "first", "First", show=False, id="first", tooltip="Go to the first row"),
    Binding("G", "last", "Last", show=False, id="last", tooltip="Go to the last row"),
]
