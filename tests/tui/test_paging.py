"""The article list on a corpus longer than a page: a screenful of rows is made, then more
a page at a time as the cursor nears the last; a search shows its first page of hits at
once, counts every match after, and fetches the next page when the cursor reaches the last
hit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tui_support import WIDE, ClipboardRecorder, settle, write_corpus

from index.config import load_config
from index.facade import Briefing
from tests.faults.corpus import make_corpus
from tui.app import create_app
from tui.screens.main import SNIPPET_ROWS
from tui.widgets.article_list import PAGE, ArticleList

ADDED = 130


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("long")
    config = write_corpus(root)
    make_corpus(root / "seeds" / "added", count=ADDED, seed=11)
    Briefing(load_config(config)).refresh()
    return root


@pytest.fixture
def briefing(long_corpus: Path, tmp_path: Path) -> Briefing:
    root = tmp_path / "corpus"
    shutil.copytree(long_corpus, root)
    return Briefing(load_config(root / "config.yaml"))


def _fills_the_pane(articles: ArticleList, rows: int) -> bool:
    """Whether `rows` rows fill the list's pane even if each is two lines, its fewest."""
    return 2 * rows >= articles.scrollable_content_region.height > 0


async def test_the_list_makes_a_screenful_then_rows_a_page_at_a_time(briefing):
    app = create_app(briefing, system_clipboard=ClipboardRecorder())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        total = len(briefing.articles())
        assert total == ADDED + 5 > 2 * PAGE
        assert articles.row_count == total
        made = articles.option_count
        assert _fills_the_pane(articles, made) and made < PAGE
        assert articles.border_title == f"Articles · {total}"
        await pilot.press(*["j"] * (made - 5))  # near the last row made: the next page
        assert articles.option_count == made + PAGE
        await pilot.press("G")  # the real last row, not the last one made
        assert articles.current_id == briefing.articles()[-1].id
        assert articles.option_count <= PAGE + 1  # the rows above it, not all of them


async def _jump(app, pilot, article_id: str) -> ArticleList:
    """Open `article_id` as following a link does: the list kept on it, wherever it is."""
    articles = app.screen.query_one(ArticleList)
    app.screen.jump_to_article(article_id)
    await settle(pilot)
    app.screen.set_focus(articles)
    return articles


async def test_a_row_kept_deep_in_the_list_makes_only_the_rows_around_it(briefing):
    rows = [summary.id for summary in briefing.articles()]
    deep = len(rows) - 15  # more than a page down
    assert deep > PAGE
    app = create_app(briefing, system_clipboard=ClipboardRecorder())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        articles = await _jump(app, pilot, rows[deep])
        assert articles.current_id == rows[deep]
        assert articles.option_count <= PAGE  # not the `deep` rows above it
        # Up through the window's first row and on: every row, in order, none skipped.
        passed = []
        for _ in range(PAGE + 10):
            await pilot.press("k")
            passed.append(articles.current_id)
        assert passed == rows[deep - PAGE - 10 : deep][::-1]
        await _jump(app, pilot, rows[deep])  # a window far from the first row again
        await pilot.press("g")  # straight to the first row, making only the rows around it
        assert articles.current_id == rows[0] and articles.option_count <= PAGE


async def test_scrolling_above_the_window_makes_the_rows_above_and_keeps_the_view(briefing):
    rows = [summary.id for summary in briefing.articles()]
    deep = len(rows) - 15
    app = create_app(briefing, system_clipboard=ClipboardRecorder())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        articles = await _jump(app, pilot, rows[deep])
        first_made = articles.get_option_at_index(0).id[2:]
        articles.scroll_to(y=0, animate=False, immediate=True)  # the wheel, to the top
        await pilot.pause()
        assert articles.current_id == rows[deep]  # the cursor, and the reader, stay
        assert articles.get_option_at_index(0).id[2:] == rows[rows.index(first_made) - PAGE]
        top = articles._lines[int(articles.scroll_y)][0]
        assert articles.get_option_at_index(top).id[2:] == first_made  # still in view


async def test_a_search_shows_a_page_then_counts_then_fetches_the_next(briefing):
    query = "defence"  # in every generated title
    everything = briefing.search(query, limit=500)
    assert everything.total > PAGE + 10
    app = create_app(briefing, system_clipboard=ClipboardRecorder())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *query)
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.row_count == PAGE
        assert _fills_the_pane(articles, articles.option_count) and articles.option_count < PAGE
        assert articles.border_title == f"Hits · {PAGE} of {everything.total}"
        status = str(app.screen.query_one("#status-text").content)
        assert f"{everything.total} hits" in status
        hits = app.screen.result.hits
        assert [h.id for h in hits] == [h.id for h in everything.hits[:PAGE]]
        assert all(h.snippet for h in hits[:SNIPPET_ROWS])
        assert not any(h.snippet for h in hits[SNIPPET_ROWS:])
        await pilot.press("enter", "G")  # to the last hit: the next page is fetched
        await settle(pilot)
        assert articles.row_count == min(2 * PAGE, everything.total)
        shown = [h.id for h in app.screen.result.hits]
        assert shown == [h.id for h in everything.hits[: articles.row_count]]
        assert all(h.snippet for h in app.screen.result.hits[PAGE:])  # the new page's own


async def test_nothing_found_suggests_after_the_list_is_shown(briefing):
    app = create_app(briefing, system_clipboard=ClipboardRecorder())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"defenxe")
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.option_count == 0
        suggestion = briefing.suggest("defenxe")
        assert suggestion in ("defence", "defense")
        status = str(app.screen.query_one("#status-text").content)
        assert f"0 hits; did you mean {suggestion}?" in status
        assert f"Did you mean: {suggestion}?" in str(articles.border_subtitle)


async def test_the_entity_tree_lists_the_most_mentioned_and_says_how_to_find_the_rest(
    briefing, monkeypatch
):
    import tui.widgets.entities as entities_pane

    monkeypatch.setattr(entities_pane, "SHOWN_PER_TYPE", 3)
    people = briefing.entities(kind="person")
    assert len(people) > 3
    app = create_app(briefing, system_clipboard=ClipboardRecorder())
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        tree = app.screen.query_one(entities_pane.EntityTree)
        branch = next(n for n in tree.root.children if str(n.label).startswith("People"))
        assert str(branch.label) == f"People {len(people)}"
        shown = [leaf.data[0] for leaf in branch.children if leaf.data]
        assert shown == [e.name for e in people[:3]]
        assert str(branch.children[-1].label) == f"… {len(people) - 3} more: search person:NAME"
        assert branch.children[-1].data is None
