"""Speed at scale, measured side by side with the engines a user could pick instead.

This module owns the measurements of issue 6. For one corpus size it times, in one run:
ingest (briefing's full pipeline against plain default-settings Whoosh and SQLite FTS5 with
the porter tokenizer, each in its own child process so peak RSS is that job's alone); search
p50/p95 over the fixed 200 queries of `scale_corpus.fixed_queries`, top 20 with snippets,
against FTS5 (with `snippet()`) and ripgrep scanning the corpus folder; one new article until
it is searchable with its entities and engagement; start-up of `briefing search` as a whole
process and the app's first paint under Textual's Pilot, both against a bare
`import textual.app`; keystroke-to-list latency in the app; peak RSS. Times are medians over
repeats, and every target is a ratio to a baseline measured in the same run, because ratios
hold on a noisy machine where absolute times do not.

Each child job is `python -m benchmarks.speed JOB ARGS_JSON` and prints one JSON line.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BRIEFING = str(Path(PYTHON).with_name("briefing"))
SEARCH_LIMIT = 20


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def children_peak_rss_mb() -> float:
    """The largest peak RSS of any finished child process (the ingest's workers)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class TreeMemory:
    """Samples the proportional set size (PSS) of a process (a job's) and all its descendants.

    With worker processes, the job's own peak RSS misses the workers and the sum of
    everyone's RSS counts the pages a fork shares several times; PSS splits shared pages
    among the processes that share them, so the sum is the memory the job really took.
    Linux only (reads /proc); elsewhere the peak stays None. Every half second: the kernel
    walks each process's page tables to answer, and at 0.1 s that took a fifth of a core.

    It samples from a thread, so it runs in the process that starts the job, never in the
    job: briefing forks its workers only from a process with one thread, and a sampling
    thread inside the job made the ingests of every run before the eighth pass's measure
    briefing in one process.
    """

    def __init__(self, pid: int, every: float = 0.5):
        import threading

        self.pid = pid
        self.every = every
        self.peak_mb: float | None = None
        # Each sample: seconds since the start, and each process's PSS in MB by pid.
        self.samples: list[tuple[float, dict[int, float]]] = []
        self._started = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        if Path("/proc/self/smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            each = {pid: _pss_kb(pid) for pid in _tree(self.pid)}
            seconds = time.perf_counter() - self._started
            self.samples.append((seconds, {pid: round(kb / 1024, 1) for pid, kb in each.items()}))
            mb = round(sum(each.values()) / 1024, 1)
            self.peak_mb = mb if self.peak_mb is None else max(self.peak_mb, mb)


def _tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                queue.extend(int(child) for child in task.read_text().split())
            except OSError:
                pass
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation, as numpy's default."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _config(corpus: Path, work: Path):
    from index.config import Config

    index_dir = Path(work) / "pipeline" / "index"
    return Config(source=None, corpus=Path(corpus), index_dir=index_dir, aliases={})


def write_config_yaml(corpus: Path, work: Path) -> Path:
    path = Path(work) / "pipeline" / "config.yaml"
    path.write_text(f"corpus: {corpus}\nindex_dir: index\n", encoding="utf-8")
    return path


# -- reading the corpus for the baselines -------------------------------------------------------

_HEADER = re.compile(r"(title|source|date):\s*\"?(.*?)\"?\s*$")


def read_plain(path: Path) -> dict:
    """Title, source, date and body of a scale-corpus file: header lines or YAML front matter.

    The baselines get exactly the text briefing indexes, read with the least possible work.
    """
    text = path.read_text(encoding="utf-8")
    fields = {"title": "", "source": "", "date": ""}
    lines = text.split("\n")
    start = 1 if lines and lines[0] == "---" else 0
    number = start
    for number in range(start, min(len(lines), start + 6)):
        match = _HEADER.match(lines[number])
        if not match:
            break
        fields[match.group(1)] = match.group(2)
    else:
        number += 1
    if start and number < len(lines) and lines[number] == "---":
        number += 1
    fields["body"] = "\n".join(lines[number:]).strip()
    fields["path"] = str(path)
    return fields


def _corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in Path(corpus).rglob("*") if p.suffix in (".txt", ".md") and p.is_file())


# -- child jobs ------------------------------------------------------------------------------


def job_ingest_pipeline(corpus: str, work: str, profile: str | None = None) -> dict:
    from index.facade import Briefing

    config = _config(Path(corpus), Path(work))
    shutil.rmtree(config.index_dir.parent, ignore_errors=True)
    config.index_dir.parent.mkdir(parents=True)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    from index.forking import can_fork

    # Forks its workers only if this process has one thread, as `briefing index` does.
    forks_workers = can_fork()
    phases = PhaseTimer(start)
    report = Briefing(config).refresh(rebuild=True, stage=phases.stage)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    seconds = time.perf_counter() - start
    phases.stage("")
    own = peak_rss_mb()
    return {
        "seconds": seconds,
        "articles": report.added + report.updated,
        "skipped": report.skipped,
        "duplicates": len(report.duplicates),
        # The target is judged on the whole process tree: `run_child` samples it.
        "peak_rss_mb": own,
        "main_process_peak_rss_mb": own,
        "worker_peak_rss_mb": children_peak_rss_mb(),
        "forks_workers": forks_workers,
        "phases_seconds": phases.seconds,
    }


class PhaseTimer:
    """Seconds spent in each step of a refresh, by the name `refresh(stage=...)` gives as
    the step starts; what comes before the first is reading (loading, cleaning, extracting)."""

    def __init__(self, start: float):
        self.seconds: dict[str, float] = {}
        self._current, self._since = READING_PHASE, start

    def stage(self, name: str) -> None:
        """Start step `name`; an empty name ends the last. A step named again adds to the
        time it had."""
        now = time.perf_counter()
        spent = self.seconds.get(self._current, 0.0) + now - self._since
        self.seconds[self._current] = round(spent, 3)
        self._current, self._since = name, now


READING_PHASE = "reading"


def job_ingest_whoosh(corpus: str, work: str) -> dict:
    """Plain Whoosh, default settings: default analyzer, one writer, default limitmb and procs."""
    from datetime import datetime

    from whoosh import fields, index

    target = Path(work) / "whoosh-default"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    start = time.perf_counter()
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True),
        source=fields.TEXT(stored=True),
        published=fields.DATETIME(stored=True),
        body=fields.TEXT(stored=True),
    )
    ix = index.create_in(str(target), schema)
    writer = ix.writer()
    count = 0
    for path in _corpus_files(Path(corpus)):
        doc = read_plain(path)
        extra = {}
        try:
            extra["published"] = datetime.fromisoformat(doc["date"])
        except ValueError:
            pass
        writer.add_document(
            id=doc["path"], title=doc["title"], source=doc["source"], body=doc["body"], **extra
        )
        count += 1
    writer.commit()
    return {
        "seconds": time.perf_counter() - start,
        "articles": count,
        "peak_rss_mb": peak_rss_mb(),
    }


FTS5_TABLE = (
    "CREATE VIRTUAL TABLE docs USING fts5("
    "path UNINDEXED, title, body, source, published, tokenize='porter unicode61')"
)


def job_ingest_fts5(corpus: str, work: str) -> dict:
    import sqlite3

    target = Path(work) / "fts5.sqlite"
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    connection = sqlite3.connect(target)
    connection.execute(FTS5_TABLE)
    count = 0
    with connection:
        rows = []
        for path in _corpus_files(Path(corpus)):
            doc = read_plain(path)
            rows.append((doc["path"], doc["title"], doc["body"], doc["source"], doc["date"]))
            count += 1
            if len(rows) >= 1000:
                connection.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", rows)
                rows = []
        connection.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", rows)
    connection.close()
    return {
        "seconds": time.perf_counter() - start,
        "articles": count,
        "peak_rss_mb": peak_rss_mb(),
    }


def _time_queries(run, queries: list[str], repeats: int) -> tuple[list[float], list[int], list]:
    """Per-query median seconds over `repeats` rounds after one warm-up round."""
    hits, errors = [], []
    for text in queries:  # warm-up: caches, lazy imports, first reads of each segment
        try:
            hits.append(run(text))
            errors.append(None)
        except Exception as error:  # a query one engine rejects still counts its time
            hits.append(0)
            errors.append(f"{type(error).__name__}: {error}")
    rounds: list[list[float]] = [[] for _ in queries]
    for _ in range(repeats):
        for number, text in enumerate(queries):
            start = time.perf_counter()
            try:
                run(text)
            except Exception:
                pass
            rounds[number].append(time.perf_counter() - start)
    return [statistics.median(r) for r in rounds], hits, errors


def job_search_pipeline(corpus: str, work: str, queries: list[str], repeats: int) -> dict:
    from index.facade import Briefing

    briefing = Briefing(_config(Path(corpus), Path(work)))

    def run(text: str) -> int:
        result = briefing.search(text, limit=SEARCH_LIMIT)
        return len(result.hits)

    seconds, hits, errors = _time_queries(run, queries, repeats)
    return {"seconds": seconds, "hits": hits, "errors": errors, "peak_rss_mb": peak_rss_mb()}


def job_search_fts5(work: str, queries: list[str], repeats: int) -> dict:
    import sqlite3

    connection = sqlite3.connect(Path(work) / "fts5.sqlite")
    sql = (
        "SELECT path, title, snippet(docs, 2, '', '', ' … ', 32) FROM docs "
        "WHERE docs MATCH ? ORDER BY rank LIMIT ?"
    )

    def run(text: str) -> int:
        return len(connection.execute(sql, (text, SEARCH_LIMIT)).fetchall())

    seconds, hits, errors = _time_queries(run, queries, repeats)
    return {"seconds": seconds, "hits": hits, "errors": errors, "peak_rss_mb": peak_rss_mb()}


def job_incremental(corpus: str, work: str, article_text: str, marker: str) -> dict:
    """One new file until a fresh reader finds it by a word, with entities and engagement.

    Times the fast path (`refresh(reconcile=False)`, i.e. `briefing index --quick`): the
    article is searchable with its provisional entities and engagement after it. The exact
    reconciliation that a plain refresh runs next is timed too, as `reconcile_seconds`.
    """
    from index.analysis import journal_path
    from index.facade import Briefing

    config = _config(Path(corpus), Path(work))
    folder = Path(corpus) / "zz-incremental"
    folder.mkdir(exist_ok=True)
    path = folder / "bench-new.txt"
    # Keep the index as the corpus built it, to put back afterwards (cheaper than a refresh).
    snapshot = config.index_dir.with_name("index.snapshot")
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(config.index_dir, snapshot)
    analysis_snapshot = config.analysis_path.with_name("analysis.snapshot")
    shutil.copy2(config.analysis_path, analysis_snapshot)
    # The fast path writes a journal beside the cache: kept and put back with it.
    journal = journal_path(config.analysis_path)
    journal_snapshot = journal.with_name("analysis.journal.snapshot")
    journal_snapshot.unlink(missing_ok=True)
    if journal.exists():
        shutil.copy2(journal, journal_snapshot)
    try:
        path.write_text(article_text, encoding="utf-8")
        start = time.perf_counter()
        report = Briefing(config).refresh(reconcile=False)
        refreshed = time.perf_counter()
        reader = Briefing(config)
        found = [h.id for h in reader.search(marker, limit=5).hits]
        searched = time.perf_counter()
        article_id = "zz-incremental/bench-new"
        entities = reader.entities(article=article_id)
        engagements = [
            e.id
            for e in reader.engagements()
            if article_id in e.articles or article_id in e.mentioned_in
        ]
        done = time.perf_counter()
        reconcile_started = time.perf_counter()
        Briefing(config).refresh()
        reconcile_seconds = time.perf_counter() - reconcile_started
        result = {
            "reconcile_seconds": reconcile_seconds,
            "searchable_after_s": report.searchable_after_s,
            "seconds": done - start,
            "refresh_seconds": refreshed - start,
            "search_seconds": searched - refreshed,
            "analysis_seconds": done - searched,
            "added": report.added,
            "searchable": article_id in found,
            "entities": len(entities),
            "engagements": len(engagements),
            "peak_rss_mb": peak_rss_mb(),
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(config.index_dir, ignore_errors=True)
        os.replace(snapshot, config.index_dir)
        os.replace(analysis_snapshot, config.analysis_path)
        if journal_snapshot.exists():
            os.replace(journal_snapshot, journal)
        else:
            journal.unlink(missing_ok=True)
    return result


def job_refresh_only(corpus: str, work: str) -> dict:
    from index.facade import Briefing

    start = time.perf_counter()
    report = Briefing(_config(Path(corpus), Path(work))).refresh()
    return {"seconds": time.perf_counter() - start, "report": report.to_json()}


def _find_app_factory():
    """The app's own factory, the one the CLI uses; None while the TUI is not there yet."""
    try:
        import tui.app as app_module
    except Exception as error:  # the TUI is optional for the rest of the suite
        return None, f"tui.app not importable ({type(error).__name__}: {error})"
    for name in ("make_app", "create_app", "build_app"):
        factory = getattr(app_module, name, None)
        if callable(factory):
            return factory, name
    for name in ("BriefingApp", "ReaderApp"):
        cls = getattr(app_module, name, None)
        if cls is not None:
            return cls, name
    return None, "tui.app has no make_app/create_app/BriefingApp"


def record_list_updates(article_list) -> list[float]:
    """A list that gets the clock reading each time `article_list` shows new rows: what a
    keystroke in the search box is timed to."""
    updates: list[float] = []
    show_articles = article_list.show_articles

    def observed(*args, **kwargs):
        outcome = show_articles(*args, **kwargs)
        updates.append(time.perf_counter())
        return outcome

    article_list.show_articles = observed
    return updates


async def app_ready(pilot):
    """The app's screen, once Pilot has it open on its index and its workers are done.
    Jobs run by another checkout get this function as source (`against_checkout`)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


def job_app(corpus: str, work: str, keys: str, started: float) -> dict:
    """First paint (process start to first frame under Pilot) and keystroke-to-list latency.

    `started` is the parent's clock reading when it spawned this process; CLOCK_MONOTONIC is
    system-wide on Linux, so the child can measure the whole process from it.
    """
    import asyncio

    factory, how = _find_app_factory()
    if factory is None:
        return {"error": how}
    from index.facade import Briefing

    briefing = Briefing(_config(Path(corpus), Path(work)))
    app = factory(briefing)
    result: dict = {"factory": how}

    async def drive() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            result["first_paint_seconds"] = time.monotonic() - started
            await app_ready(pilot)
            result["ready_seconds"] = time.monotonic() - started
            updates = record_list_updates(app.screen.query_one("#articles"))
            await pilot.press("slash")
            await pilot.pause()
            latencies, missed = [], 0
            for key in keys:
                seen = len(updates)
                start = time.perf_counter()
                await pilot.press("space" if key == " " else key)
                deadline = start + 3.0
                while len(updates) == seen and time.perf_counter() < deadline:
                    await asyncio.sleep(0.001)
                if len(updates) == seen:
                    missed += 1
                    continue
                latencies.append(updates[seen] - start)
                await app.workers.wait_for_complete()
            result["keystroke_seconds"] = latencies
            result["keystrokes_without_update"] = missed

    asyncio.run(drive())
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def job_prefix_search(corpus: str, work: str, keys: str, repeats: int) -> dict:
    """The keystroke proxy when the app cannot be driven: facade.search of each typed prefix."""
    from index.facade import Briefing

    briefing = Briefing(_config(Path(corpus), Path(work)))
    prefixes = []
    typed = ""
    for key in keys:
        typed += key
        if typed.strip():
            last = typed.split()[-1] if not typed.endswith(" ") else ""
            prefixes.append(typed + ("*" if last and len(last) >= 2 else ""))
    seconds, _, _ = _time_queries(
        lambda text: len(briefing.search(text, limit=200).hits), prefixes, repeats
    )
    return {"keystroke_seconds": seconds, "peak_rss_mb": peak_rss_mb()}


def job_list_articles(corpus: str, work: str) -> dict:
    """Open the facade and list every article: the app's start-up work without the UI."""
    from index.facade import Briefing

    start = time.perf_counter()
    count = len(Briefing(_config(Path(corpus), Path(work))).articles())
    return {"seconds": time.perf_counter() - start, "articles": count, "peak_rss_mb": peak_rss_mb()}


JOBS = {name[len("job_") :]: value for name, value in globals().items() if name.startswith("job_")}


def run_child(job: str, timeout: float = 1800, sample_tree: bool = False, **kwargs) -> dict:
    """Run one job in a fresh interpreter; its JSON result, or {"error": ...}.

    `sample_tree`: also sample the memory of the job's whole process tree from here
    (`peak_tree_pss_mb`), and judge its peak (`peak_rss_mb`) on the larger of the two."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    argv = [PYTHON, "-m", "benchmarks.speed", job, json.dumps(kwargs)]
    child = subprocess.Popen(
        argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    memory = TreeMemory(child.pid) if sample_tree else contextlib.nullcontext()
    try:
        with memory:
            stdout, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return {"error": f"{job} timed out after {timeout:.0f}s", "timed_out": True}
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        tail = (stderr or stdout).strip().splitlines()[-6:]
        return {"error": f"{job} failed (exit {child.returncode}): " + " | ".join(tail)}
    result = json.loads(lines[-1])
    if sample_tree and memory.peak_mb is not None:
        result["peak_tree_pss_mb"] = memory.peak_mb
        result["peak_rss_mb"] = max(result.get("peak_rss_mb") or 0.0, memory.peak_mb)
    return result


# -- measured from the parent ---------------------------------------------------------------


def time_process(argv: list[str], repeats: int, cwd: Path = REPO) -> dict:
    """Median wall time of a whole process, from spawn to exit."""
    seconds, codes = [], set()
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
        seconds.append(time.perf_counter() - start)
        codes.add(done.returncode)
    result = {"median_seconds": statistics.median(seconds), "all_seconds": seconds}
    if codes != {0}:
        result["error"] = f"exit codes {sorted(codes)}: {done.stderr.strip()[-300:]}"
    return result


def ripgrep_path() -> str | None:
    return shutil.which("rg")


def time_ripgrep(corpus: Path, queries: list[list[list[str]]], repeats: int) -> dict:
    """Each query as ripgrep over the corpus folder, whole process, output read in full.

    ripgrep has no ranking, so it prints every matching file's first matching line (the
    nearest thing to a snippet); a two-term AND is two passes, the second over the first's
    files.
    """
    rg = ripgrep_path()
    if rg is None:
        return {"error": "ripgrep (rg) is not installed: apt-get install ripgrep"}
    per_query, matched = [], []
    for stages in queries:
        rounds = []
        for _ in range(repeats):
            start = time.perf_counter()
            files = None
            output = ""
            for number, args in enumerate(stages):
                targets = [str(corpus)] if files is None else files
                if files is not None and not files:
                    output = ""
                    break
                done = subprocess.run(
                    [rg, "--no-heading", "--no-config", *args, *targets],
                    capture_output=True, text=True,
                )  # fmt: skip
                output = done.stdout
                if number < len(stages) - 1:
                    files = output.splitlines()
            rounds.append(time.perf_counter() - start)
        per_query.append(statistics.median(rounds))
        matched.append(len({line.split(":", 1)[0] for line in output.splitlines()}))
    return {"seconds": per_query, "files_matched": matched}


def summarise(seconds: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(seconds, 50) * 1000, 3),
        "p95_ms": round(percentile(seconds, 95) * 1000, 3),
        "max_ms": round(max(seconds) * 1000, 3) if seconds else None,
    }


def by_kind(kinds: list[str], seconds: list[float]) -> dict:
    groups: dict[str, list[float]] = {}
    for kind, value in zip(kinds, seconds, strict=True):
        groups.setdefault(kind, []).append(value)
    return {kind: summarise(values) for kind, values in groups.items()}


def main(argv: list[str]) -> int:
    job, args = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = JOBS[job](**args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
