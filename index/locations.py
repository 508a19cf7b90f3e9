"""Where briefing's files live: the embedded default config and its base folder.

From a source checkout or an editable install the default is the repository's own
`config.yaml`, and its relative paths resolve against the repository. From an installed
wheel it is the copy packaged as `index/default_config.yaml`, and relative paths resolve
against the working directory, since site-packages holds no corpus.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_CONFIG = PACKAGE_DIR.parent / "config.yaml"
PACKAGED_CONFIG = PACKAGE_DIR / "default_config.yaml"


def default_config() -> tuple[Path, Path]:
    """The default config file and the folder its relative paths resolve against."""
    if CHECKOUT_CONFIG.is_file() and (PACKAGE_DIR.parent / "pyproject.toml").is_file():
        return CHECKOUT_CONFIG, CHECKOUT_CONFIG.parent
    return PACKAGED_CONFIG, Path.cwd()
