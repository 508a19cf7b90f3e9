"""The fast path of an update: a new article searchable with its entities and engagement
before the full analysis runs, and the full analysis leaving what a clean build leaves."""

from __future__ import annotations

import shutil
import subprocess
import sys

from index.analysis import load_analysis
from index.facade import Briefing
from tests.conftest import REPO, write_config

NEW_CALL = (
    "---\ntitle: Austin and Dong hold video call\ndate: 2024-04-17\nsource: Example Wire\n---\n"
    "US Defense Secretary Lloyd Austin spoke with Chinese Defense Minister Dong Jun by video "
    "call on Tuesday, the Pentagon said. Austin and Dong discussed the South China Sea.\n"
)


def hit_ids(briefing: Briefing, text: str) -> set[str]:
    return {hit.id for hit in briefing.search(text, limit=100).hits}


def reading(briefing: Briefing) -> dict:
    """What a reader sees of the analysis and of the entity fields, for comparison."""
    briefing = Briefing(briefing.config)  # nothing cached from before
    ix = briefing._index()
    with ix.searcher() as searcher:
        fields = {
            f["id"]: tuple(f.get(k, "") for k in ("people", "orgs", "places", "engagement"))
            for f in searcher.all_stored_fields()
        }
    return {
        "fields": fields,
        "entities": [e.to_json() for e in briefing.entities()],
        "engagements": [e.to_json() for e in briefing.engagements()],
        "stories": [s.to_json() for s in briefing.stories()],
        "articles": [a.to_json() for a in briefing.articles()],
        "vocabulary": briefing._reading().vocabulary.to_json(),
    }


def test_new_article_is_searchable_with_entities_and_engagement_before_the_full_analysis(
    seed_briefing,
):
    (seed_briefing.config.corpus / "new_call.md").write_text(NEW_CALL)
    seen: dict = {}

    def searchable() -> None:
        # Mid-refresh: phase 1 has committed, the full analysis has not run yet.
        probe = Briefing(seed_briefing.config)
        seen["person"] = hit_ids(probe, "person:dong")
        seen["engagement"] = hit_ids(probe, "engagement:2024-04-16-austin-dong")
        seen["provisional"] = load_analysis(seed_briefing.config.analysis_path).provisional
        seen["engaged"] = probe.engagement("2024-04-16-austin-dong").articles

    report = seed_briefing.refresh(searchable=searchable)
    assert report.added == 1
    assert report.searchable_after_s is not None and report.searchable_after_s > 0
    assert "new_call" in seen["person"]
    # The same video call as the three seed reports: it joins their engagement.
    assert "new_call" in seen["engagement"]
    assert "new_call" in seen["engaged"] and len(seen["engaged"]) == 4
    assert seen["provisional"] is True
    assert not load_analysis(seed_briefing.config.analysis_path).provisional
    assert "new_call" in hit_ids(seed_briefing, "engagement:2024-04-16-austin-dong")


def test_after_the_full_analysis_the_index_equals_a_clean_build(seed_briefing, tmp_path):
    (seed_briefing.config.corpus / "new_call.md").write_text(NEW_CALL)
    (seed_briefing.config.corpus / "004_0011330f49dcaf1b.txt").unlink()
    seed_briefing.refresh()

    clean = tmp_path / "clean"
    shutil.copytree(seed_briefing.config.corpus, clean / "corpus")
    built = Briefing.from_config_file(write_config(clean, clean / "corpus"))
    built.refresh()
    assert reading(seed_briefing) == reading(built)


def test_quick_leaves_a_provisional_analysis_the_next_refresh_completes(seed_briefing, tmp_path):
    (seed_briefing.config.corpus / "new_call.md").write_text(NEW_CALL)
    report = seed_briefing.refresh(reconcile=False)
    assert report.provisional and report.added == 1
    assert load_analysis(seed_briefing.config.analysis_path).provisional
    assert "new_call" in hit_ids(seed_briefing, "person:austin")

    report = seed_briefing.refresh()
    assert not report.changed
    assert not load_analysis(seed_briefing.config.analysis_path).provisional

    clean = tmp_path / "clean"
    shutil.copytree(seed_briefing.config.corpus, clean / "corpus")
    built = Briefing.from_config_file(write_config(clean, clean / "corpus"))
    built.refresh()
    assert reading(seed_briefing) == reading(built)


def test_a_new_contact_becomes_its_own_engagement(seed_briefing):
    (seed_briefing.config.corpus / "new_meeting.md").write_text(
        "---\ntitle: Blinken meets Wang Yi\ndate: 2024-05-02\n---\n"
        "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing "
        "on Thursday for talks on trade.\n"
    )
    seen: dict = {}

    def searchable() -> None:
        probe = Briefing(seed_briefing.config)
        seen["ids"] = [e.id for e in probe.engagements() if "new_meeting" in e.articles]
        seen["people"] = hit_ids(probe, "person:blinken")

    seed_briefing.refresh(searchable=searchable)
    assert seen["people"] == {"new_meeting"}
    assert len(seen["ids"]) == 1 and "blinken" in seen["ids"][0]
    assert seen["ids"][0] in {e.id for e in seed_briefing.engagements()}


def test_did_you_mean_learns_new_words_and_forgets_removed_ones(seed_briefing):
    assert seed_briefing.suggest("zanzibarr") is None
    (seed_briefing.config.corpus / "zanzibar.md").write_text(
        "---\ntitle: Zanzibar port call\ndate: 2024-05-03\n---\n"
        "A US destroyer made a port call in Zanzibar on Friday.\n"
    )
    seed_briefing.refresh(reconcile=False)  # the fast path adds the article's words
    assert seed_briefing.suggest("zanzibarr") == "zanzibar"
    before = seed_briefing._reading().vocabulary.counts["destroyer"]
    (seed_briefing.config.corpus / "zanzibar.md").unlink()
    seed_briefing.refresh()
    vocabulary = seed_briefing._reading().vocabulary
    assert "zanzibar" not in vocabulary
    assert vocabulary.counts["destroyer"] == before - 1
    assert seed_briefing.suggest("zanzibarr") is None


UNRELATED = (
    "---\ntitle: Harvest festival opens\ndate: 2024-09-01\nsource: Example Wire\n---\n"
    "The harvest festival opened in the village square on Sunday with a parade of tractors.\n"
)


def test_an_article_that_starts_its_own_story_is_added_without_loading_numpy(seed_briefing):
    """numpy scores the links between many articles; one fresh article with no story to
    join is a story of its own without it. Loading numpy takes 63-84 ms on the benchmark
    machine, about 3 % of adding one article to a 50k index."""
    (seed_briefing.config.corpus / "festival.md").write_text(UNRELATED)
    probe = (
        "import sys\n"
        "from index.facade import Briefing\n"
        f"config = {str(seed_briefing.config.source)!r}\n"
        "report = Briefing.from_config_file(config).refresh(reconcile=False)\n"
        "print(report.added, report.provisional, 'numpy' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True)

    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["1", "True", "False"]
    own = [s for s in Briefing(seed_briefing.config).stories() if "festival" in s.articles]
    assert [story.articles for story in own] == [["festival"]]
