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


@pytest.mark.slow
@pytest.mark.parametrize("start", ["fork", "threaded"])
def test_a_build_on_several_cores_equals_one_on_one(tmp_path, monkeypatch, start):
    """Large batches are read in worker processes, analysed in a child process (its own
    children grouping stories and detecting engagements) and written by Whoosh's
    sub-writers (several segments); the index and the analysis cache they make must be
    the ones a single process makes. A threaded process (the app) never starts workers."""
    import index.article_pool as article_pool
    import index.extraction_pool as pool
    import index.pipeline as pipeline
    from index.analysis import open_analysis
    from index.config import load_config
    from index.search.store import index_key, open_index

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    # More than Whoosh's 100-document batches, so that two sub-writers each get some.
    make_corpus(corpus / "added", count=200, seed=7)
    prints = []
    for workers in (1, 2):
        folder = tmp_path / f"workers{workers}"
        folder.mkdir()
        config = write_config(folder, corpus)
        for module in (pipeline, pool, article_pool):
            monkeypatch.setattr(module, "worker_count", lambda files, n=workers: n)
            monkeypatch.setattr(module, "can_fork", lambda: start == "fork")
        if start == "threaded":
            monkeypatch.setattr(pool.multiprocessing, "get_context", _no_processes)
        report = pipeline.refresh(load_config(config))
        assert report.added == 205 and not report.warnings
        ix = open_index(folder / "index")
        if workers == 2 and start == "fork":
            assert len(ix._segments()) >= 2  # the sub-writers' segments, unmerged
        # Saved for this commit, not recomputed when the fingerprint reads it.
        cached = open_analysis(load_config(config).analysis_path)
        assert cached.index_key == index_key(ix) and not cached.provisional
        cached.close()
        ix.close()
        prints.append(fingerprint(config))
    assert difference(prints[1], prints[0]) is None


def _no_processes(*args, **kwargs):
    raise AssertionError("a threaded process must not start worker processes")
