"""Copying text to the system clipboard through whichever tool the machine has.

wl-copy on Wayland, xclip or xsel on X11, pbcopy on macOS. The terminal's own clipboard
(OSC 52) belongs to the TUI; this is the part that works without a terminal, for
`briefing brief --copy` and as the app's second route.
"""

from __future__ import annotations

import os
import shutil
import subprocess

# (tool, arguments, what the machine needs for it to work)
_TOOLS = (
    ("wl-copy", [], "WAYLAND_DISPLAY"),
    ("xclip", ["-selection", "clipboard"], "DISPLAY"),
    ("xsel", ["--clipboard", "--input"], "DISPLAY"),
    ("pbcopy", [], None),
)


def available_tool() -> tuple[str, list[str]] | None:
    for name, arguments, needs in _TOOLS:
        if needs and not os.environ.get(needs):
            continue
        path = shutil.which(name)
        if path:
            return path, arguments
    return None


def copy_to_system_clipboard(text: str, timeout: float = 3.0) -> str | None:
    """Copy `text`; the name of the tool that took it, or None when no tool could."""
    tool = available_tool()
    if tool is None:
        return None
    path, arguments = tool
    try:
        # xclip stays alive to serve the selection, so do not wait for it to exit.
        process = subprocess.Popen(
            [path, *arguments],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        process.stdin.write(text.encode("utf-8"))
        process.stdin.close()
        try:
            if process.wait(timeout=timeout) != 0:
                return None
        except subprocess.TimeoutExpired:
            pass  # still serving the selection: the copy worked
    except OSError:
        return None
    return os.path.basename(path)
