"""Two clean builds of one corpus are the same index, whatever Python's hash seed.

Every fault test compares a recovered index with a clean build, so a build must be a
function of the corpus alone. Python randomises the iteration order of sets of strings per
process (PYTHONHASHSEED); anything that lets that order leak into entity names, engagement
ids or stories makes two `briefing index` runs of the same corpus disagree. The fault
tests pin the hash seed of the processes they start so that they test recovery alone; this
test does not, and runs the builds under different seeds on purpose.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import SEEDS, write_config
from tests.faults.corpus import make_corpus
from tests.faults.harness import REPO, difference, fingerprint


@pytest.mark.slow
@pytest.mark.parametrize("articles", [60])
def test_clean_builds_do_not_depend_on_the_hash_seed(tmp_path, articles):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    make_corpus(corpus / "added", count=articles, seed=5)
    prints = []
    for hash_seed in ("1", "2", "3"):
        folder = tmp_path / f"build{hash_seed}"
        folder.mkdir()
        config = write_config(folder, corpus)
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-m", "index.cli", "--config", str(config), "index"],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        prints.append(fingerprint(config))
    assert difference(prints[1], prints[0]) is None
    assert difference(prints[2], prints[0]) is None
