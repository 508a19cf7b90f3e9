"""An index written by another schema version is detected and rebuilt, with a message.

Readers refuse it with one line that says to run `briefing index`; `briefing index` says it
is rebuilding and why, and leaves exactly a clean build behind.
"""

from __future__ import annotations

import json

import pytest

from index.extract.entities.mentions import EXTRACTION_VERSION
from index.search.schema import SCHEMA_VERSION
from index.search.store import VERSION_FILE
from tests.faults.harness import difference, fingerprint, run_briefing

STAMPS = {
    "older": lambda stamp: {**stamp, "schema_version": SCHEMA_VERSION - 1},
    "first": lambda stamp: {**stamp, "schema_version": 1},
    "newer": lambda stamp: {**stamp, "schema_version": SCHEMA_VERSION + 1},
    "missing": None,
    "garbage": "\x00not json",
    "not a number": lambda stamp: {**stamp, "schema_version": "3"},
    # Written with another list of common words: its phrases would miss pairs.
    "other common words": lambda stamp: {**stamp, "word_pairs": "0" * 16},
    "no common words": lambda stamp: {k: v for k, v in stamp.items() if k != "word_pairs"},
    # Its documents' mentions were read by another version of the extraction.
    "older extraction": lambda stamp: {**stamp, "extraction": EXTRACTION_VERSION - 1},
    "extraction before it was stamped": lambda stamp: {
        k: v for k, v in stamp.items() if k != "extraction"
    },
}


@pytest.mark.parametrize("case", sorted(STAMPS))
def test_other_schema_is_detected_and_rebuilt(seed_briefing, case):
    config = seed_briefing.config.source
    expected = fingerprint(config)
    stamp_path = seed_briefing.config.index_dir / VERSION_FILE
    change = STAMPS[case]
    if change is None:
        stamp_path.unlink()
    elif isinstance(change, str):
        stamp_path.write_text(change)
    else:
        stamp_path.write_text(json.dumps(change(json.loads(stamp_path.read_text()))))

    refused = run_briefing(config, "search", "Paparo")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    line = refused.stderr.strip()
    assert "\n" not in line and "briefing index" in line, line

    rebuilt = run_briefing(config, "index")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    message = rebuilt.stderr.lower()
    assert "schema version" in message and "rebuil" in message, rebuilt.stderr
    assert difference(fingerprint(config), expected) is None
    assert "up to date" in run_briefing(config, "index").stdout
