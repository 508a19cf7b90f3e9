"""`python -m tui [--config PATH]`: open the app, the same as `briefing` with no subcommand.

A config or index that fails to load still opens the app, which shows the one-line error
instead of a traceback, so a user sees what to fix where they expected the reader.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tui", description="open the briefing app")
    parser.add_argument("--config", type=Path, help="config file (default: the built-in one)")
    args = parser.parse_args(argv)

    from index.errors import BriefingError
    from tui.app import run_app

    try:
        from index.facade import Briefing

        briefing = Briefing.from_config_file(args.config)
    except BriefingError as error:
        return run_app(None, startup_error=str(error))
    return run_app(briefing)


if __name__ == "__main__":
    sys.exit(main())
