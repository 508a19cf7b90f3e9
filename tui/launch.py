"""The `briefing` command: the core's CLI with this app plugged in.

`index.cli` runs every subcommand and never imports the UI; with no subcommand it calls
the opener given here. Textual is imported only when the app opens, so `briefing search`
starts as fast as the core alone.
"""

from __future__ import annotations

import sys

from index.cli import main as cli_main


def open_app(briefing, startup_error: str | None = None) -> int:
    from tui.app import run_app

    return run_app(briefing, startup_error)


def main(argv: list[str] | None = None) -> int:
    return cli_main(argv, open_app=open_app)


if __name__ == "__main__":
    sys.exit(main())
