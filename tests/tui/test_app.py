"""Pilot tests of the app: every key in the issue, search as you type, filters, copy, refresh.

Each test builds the app with `create_app` on its own indexed copy of the seeds and drives it
with keys, then waits for the workers and asserts on the app's state, its messages, its
clipboard and its notifications.
"""

from __future__ import annotations

import asyncio
import shutil

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList, ProgressBar
from textual.worker import Worker
from tui_support import (
    MARKUP_ARTICLE,
    WIDE,
    ClipboardRecorder,
    notifications,
    option_texts,
    palette_ready,
    settle,
    write_corpus,
)

from index.config import load_config
from index.facade import Briefing
from tui.app import create_app
from tui.messages import (
    RefreshFinished,
    RefreshProgress,
    RefreshSearchable,
    RefreshStage,
    SearchFinished,
)
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.engagements import BriefView
from tui.widgets.entities import EntityTree
from tui.widgets.reader import Reader
from tui.widgets.search_box import SearchBox

NARROW = (80, 24)
AUSTIN_DONG = "austin-dong"


def austin_dong(briefing: Briefing):
    return next(e for e in briefing.engagements() if AUSTIN_DONG in e.id)


async def choose_austin_dong(pilot, briefing: Briefing) -> None:
    """e, then move down the timeline to the Austin–Dong call, then Enter."""
    await pilot.press("e")
    target = [e.id for e in briefing.engagements()].index(austin_dong(briefing).id)
    await pilot.press("g", *["j"] * target, "enter")
    await settle(pilot)


# -- start-up ----------------------------------------------------------------------------------


async def test_opens_on_existing_index_with_list_focused(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        articles = screen.query_one(ArticleList)
        assert app.focused is articles
        assert articles.option_count == len(briefing.articles()) == 5
        status = str(screen.query_one("#status-text").content)
        assert "5 articles" in status and "index ready" in status
        # newest first
        first = briefing.articles()[0]
        assert articles.current_id == first.id
        assert first.title in screen.query_one(Reader).plain


async def test_without_index_it_refreshes_in_a_worker_with_progress(corpus, system_clipboard):
    shutil.rmtree(corpus / ".briefing")
    briefing = Briefing(load_config(corpus / "config.yaml"))
    seen = []
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE, message_hook=seen.append) as pilot:
        await settle(pilot)
        assert any(isinstance(m, RefreshProgress) for m in seen)
        # Each message is seen twice: by the screen, then by the app it bubbles to.
        stages = list(dict.fromkeys(m.name for m in seen if isinstance(m, RefreshStage)))
        assert stages[0] == "grouping stories"
        assert stages[-2:] == ["writing the index", "saving the analysis"]
        assert any(isinstance(m, RefreshFinished) for m in seen)
        assert app.screen.query_one(ArticleList).option_count == 5
        assert any("index refreshed" in n for n in notifications(app))


async def test_damaged_index_shows_a_message_not_a_traceback(corpus, system_clipboard):
    for path in (corpus / ".briefing" / "index").iterdir():
        if path.is_file():
            path.write_bytes(b"not an index")
    briefing = Briefing(load_config(corpus / "config.yaml"))
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert app.is_running
        status = str(app.screen.query_one("#status-text").content)
        reader = app.screen.query_one(Reader).plain
        assert "index" in (status + reader).lower()
        assert "Traceback" not in reader


async def test_startup_error_is_shown_in_the_app(system_clipboard):
    error = "config.yaml: line 3: unknown key 'corpse' (known keys: corpus, ...)"
    app = create_app(None, startup_error=error, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert error in app.screen.query_one(Reader).plain
        await pilot.press("r", "c", "s")  # nothing to do, nothing breaks
        assert app.is_running


# -- moving and reading ------------------------------------------------------------------------


async def test_j_k_g_G_and_arrows_move_the_list(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert articles.highlighted == 0
        await pilot.press("j")
        assert articles.highlighted == 1
        await pilot.press("down")
        assert articles.highlighted == 2
        await pilot.press("k")
        assert articles.highlighted == 1
        await pilot.press("up")
        assert articles.highlighted == 0
        await pilot.press("G")
        assert articles.highlighted == 4
        await pilot.press("g")
        assert articles.highlighted == 0


async def test_moving_shows_the_article_and_enter_opens_it(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        second = briefing.articles()[1]
        reader = app.screen.query_one(Reader)
        assert second.title in reader.plain
        await pilot.press("enter")
        assert app.focused is reader
        await pilot.press("j", "G", "g")  # the reader scrolls with the same keys
        assert app.focused is reader


async def test_tab_and_shift_tab_cycle_panes(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        start = app.focused
        await pilot.press("tab")
        assert app.focused is not start
        assert isinstance(app.focused, Reader)
        await pilot.press("shift+tab")
        assert app.focused is start


async def test_boilerplate_is_greyed_and_entities_are_marked(briefing, system_clipboard):
    article = next(
        briefing.article(s.id) for s in briefing.articles() if briefing.article(s.id).boilerplate
    )
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.jump_to_article(article.id)
        await pilot.pause()
        body = app.screen.query_one("#reader-body").content
        boilerplate = article.boilerplate[0]
        start = body.plain.index(boilerplate)
        assert any(
            "dim" in str(span.style) and span.start <= start < span.end for span in body.spans
        )
        assert any("underline" in str(span.style) for span in body.spans)


async def test_article_text_never_renders_as_markup(corpus, system_clipboard):
    (corpus / "seeds" / "markup.md").write_text(MARKUP_ARTICLE, encoding="utf-8")
    briefing = Briefing(load_config(corpus / "config.yaml"))
    briefing.refresh()
    marked = next(s for s in briefing.articles() if s.source == "Test Wire")
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.jump_to_article(marked.id)
        await pilot.pause()
        reader = app.screen.query_one(Reader).plain
        assert "[bold]x[/bold]" in reader
        assert "[link=http://e]y[/link]" in reader
        assert "[red]z" in reader
        rows = option_texts(app.screen.query_one(ArticleList))
        assert any("[bold]x[/bold]" in row and "[link=http://e]y[/link]" in row for row in rows)
        # and the screen draws them literally
        await pilot.pause()
        assert "[bold]x[/bold]" in "".join(
            strip.text
            for strip in app.screen.query_one("#reader-body").render_lines(
                app.screen.query_one("#reader-body").region.reset_offset
            )
        )


# -- search ------------------------------------------------------------------------------------


async def test_slash_searches_as_you_type(briefing, system_clipboard):
    seen = []
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE, message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBox)
        await pilot.press(*"Honolulu")
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value == "Honolulu"
        expected = briefing.search("Honolulu")
        articles = app.screen.query_one(ArticleList)
        assert articles.option_count == expected.total > 0
        assert articles.border_title.startswith("Hits")
        finished = [m for m in seen if isinstance(m, SearchFinished)]
        assert finished and finished[-1].result.query == "Honolulu"
        # the hit is highlighted in the reader
        body = app.screen.query_one("#reader-body").content
        assert any("reverse" in str(span.style) for span in body.spans)
        # Enter hands the keyboard back to the list
        await pilot.press("enter")
        assert app.focused is articles


async def test_field_queries_work(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"source:afp")
        await settle(pilot)
        assert app.screen.query_one(ArticleList).option_count == briefing.search("source:afp").total


async def test_query_error_shows_inline_and_typing_goes_on(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nosuchfield:x")
        await settle(pilot)
        error = app.screen.query_one("#query-error")
        assert error.has_class("-on")
        assert "unknown field" in str(error.content)
        assert app.is_running
        await pilot.press(*["backspace"] * len("nosuchfield:x"), *"Austin")
        await settle(pilot)
        assert not error.has_class("-on")
        assert app.screen.query_one(ArticleList).option_count == briefing.search("Austin").total


async def test_escape_leaves_search_then_clears_it(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Honolulu")
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        await pilot.press("escape")
        assert app.focused is articles
        assert articles.option_count < 5
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value == ""
        assert articles.option_count == 5


# -- entities, engagements, stories ------------------------------------------------------------


async def test_n_and_choosing_an_entity_filters_the_list(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        tree = app.screen.query_one(EntityTree)
        assert app.focused is tree
        await pilot.press("g", "j", "enter")  # the first person
        await settle(pilot)
        name, _ = tree.get_node_at_line(1).data
        person = next(e for e in briefing.entities() if e.name == name)
        articles = app.screen.query_one(ArticleList)
        assert articles.option_count == len(person.mentions)
        assert app.screen.query_one("#chip").has_class("-on")
        assert name in str(app.screen.query_one("#status-text").content)
        await pilot.press("escape")
        assert articles.option_count == 5
        assert not app.screen.query_one("#chip").has_class("-on")


async def test_clicking_the_filter_chip_removes_the_filter(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await choose_austin_dong(pilot, briefing)
        articles = app.screen.query_one(ArticleList)
        assert articles.option_count == 3
        await pilot.click("#chip")
        await pilot.pause()
        assert articles.option_count == 5
        assert "filter cleared" in str(app.screen.query_one("#status-text").content)


async def test_a_shows_the_open_articles_entities(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        tree = app.screen.query_one(EntityTree)
        assert "this article" in tree.border_title
        article_id = app.screen.query_one(ArticleList).current_id
        leaves = [n for n in tree.root.children for n in n.children]
        assert len(leaves) == len(briefing.entities(article=article_id))


async def test_e_and_choosing_an_engagement_shows_its_articles_and_brief(
    briefing, system_clipboard
):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await choose_austin_dong(pilot, briefing)
        engagement = austin_dong(briefing)
        articles = app.screen.query_one(ArticleList)
        listed = {option.id[2:] for option in articles.options}
        assert listed == set(engagement.articles) | set(engagement.mentioned_in)
        brief = app.screen.query_one(BriefView).plain
        assert "[1]" in brief and "Sources" in brief
        assert briefing.brief(engagement.id).sentences[0].text[:40] in brief


async def test_s_groups_the_list_by_story(briefing, system_clipboard):
    stories = briefing.stories()
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        articles = app.screen.query_one(ArticleList)
        assert articles.option_count == len(stories)
        rows = option_texts(articles)
        count = len(stories[0].articles)
        assert f"{count} article" in rows[0]
        await pilot.press("enter")
        await settle(pilot)
        assert articles.option_count == count
        assert app.screen.subject[0] == stories[0].id
        await pilot.press("s")
        assert articles.option_count == len(stories)


# -- copy --------------------------------------------------------------------------------------


async def test_c_copies_the_brief_with_its_sources(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await choose_austin_dong(pilot, briefing)
        await pilot.press("c")
        await settle(pilot)
        brief = briefing.brief(austin_dong(briefing).id)
        expected = briefing.render_brief(brief, "text")
        assert app.clipboard == expected
        assert brief.sentences[0].text in app.clipboard and "[1]" in app.clipboard
        assert system_clipboard.copied == [expected]
        assert any(
            n.startswith("Copied the brief of") and "OSC 52" in n and "xclip" in n
            for n in notifications(app)
        )


async def test_shift_c_copies_the_brief_as_markdown(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await choose_austin_dong(pilot, briefing)
        await pilot.press("C")
        await settle(pilot)
        brief = briefing.brief(austin_dong(briefing).id)
        assert app.clipboard == briefing.render_brief(brief, "markdown")
        assert any("as Markdown" in n for n in notifications(app))


async def test_copy_without_a_system_tool_says_only_osc52(briefing):
    recorder = ClipboardRecorder(tool=None)
    app = create_app(briefing, system_clipboard=recorder)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        article = briefing.articles()[0]
        assert app.clipboard == f"{article.id}\t{article.title}"
        note = notifications(app)[-1]
        assert "OSC 52" in note and " and " not in note.split("OSC 52")[1]


async def test_y_copies_the_article_id_and_title(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("j", "y")
        await settle(pilot)
        article = briefing.articles()[1]
        assert app.clipboard == f"{article.id}\t{article.title}"
        assert any(article.id in n for n in notifications(app))


async def test_copy_keys_are_dimmed_until_there_is_something_to_copy(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.check_action("copy_brief", ()) is None
        assert screen.check_action("copy_brief_markdown", ()) is None
        assert screen.check_action("open_url", ()) is None  # the seeds have no URLs
        assert screen.check_action("back", ()) is None
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == ""
        await choose_austin_dong(pilot, briefing)
        assert screen.check_action("copy_brief", ()) is True
        assert screen.check_action("back", ()) is True


async def test_o_opens_the_source_url(corpus, system_clipboard, monkeypatch):
    (corpus / "seeds" / "markup.md").write_text(MARKUP_ARTICLE, encoding="utf-8")
    briefing = Briefing(load_config(corpus / "config.yaml"))
    briefing.refresh()
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    marked = next(s for s in briefing.articles() if s.source == "Test Wire")
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.screen.jump_to_article(marked.id)
        await pilot.pause()
        assert app.screen.check_action("open_url", ()) is True
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["http://example.com/markup"]


# -- refresh, help, palette, quit, keymap ------------------------------------------------------


async def test_r_refreshes_in_a_worker_and_reloads_the_list(corpus, system_clipboard):
    briefing = Briefing(load_config(corpus / "config.yaml"))
    seen = []
    asked = []
    refresh = briefing.refresh
    briefing.refresh = lambda **options: asked.append(options) or refresh(**options)
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE, message_hook=seen.append) as pilot:
        await settle(pilot)
        (corpus / "seeds" / "markup.md").write_text(MARKUP_ARTICLE, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        refresh_workers = [
            m.worker
            for m in seen
            if isinstance(m, Worker.StateChanged) and m.worker.group == "refresh"
        ]
        assert refresh_workers and all(w._thread_worker for w in refresh_workers)
        # In a process of its own: the app's threads keep this one from forking workers.
        assert [options["apart"] for options in asked] == [True]
        assert any(isinstance(m, RefreshProgress) for m in seen)
        # One new article takes the fast path: the app hears it is searchable first.
        kinds = [type(m) for m in seen if isinstance(m, (RefreshSearchable, RefreshFinished))]
        assert kinds.index(RefreshSearchable) < kinds.index(RefreshFinished)
        assert app.screen.query_one(ArticleList).option_count == 6
        assert "6 articles" in str(app.screen.query_one("#status-text").content)
        assert any("1 added" in n for n in notifications(app))


async def test_articles_searchable_mid_refresh_are_shown_with_the_step_kept(
    corpus, system_clipboard
):
    briefing = Briefing(load_config(corpus / "config.yaml"))
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(ArticleList).option_count == 5
        # A refresh under way has committed one article (as its child process would, and
        # the facade has let go of what it had read) and now checks the corpus's analysis.
        (corpus / "seeds" / "markup.md").write_text(MARKUP_ARTICLE, encoding="utf-8")
        briefing.refresh(reconcile=False)
        screen.refreshing = True
        screen.post_message(RefreshStage("grouping stories"))
        screen.post_message(RefreshSearchable())
        await settle(pilot)
        assert screen.query_one(ArticleList).option_count == 6
        status = str(screen.query_one("#status-text").content)
        assert "6 articles" in status and "grouping stories" in status
        assert "index ready" not in status


async def test_a_refresh_shows_new_warnings_and_only_counts_those_given_before(
    corpus, system_clipboard
):
    seed = next((corpus / "seeds").glob("*.txt"))
    briefing = Briefing(load_config(corpus / "config.yaml"))
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        (corpus / "seeds" / "copy_of_a_seed.txt").write_bytes(seed.read_bytes())
        await pilot.press("r")
        await settle(pilot)
        first = app._notifications
        (warned,) = [n for n in first if "warning" in n.message]
        assert "; 1 warning\n" in warned.message and "duplicate of" in warned.message
        assert warned.severity == "warning"

        app.clear_notifications()
        (corpus / "seeds" / "markup.md").write_text(MARKUP_ARTICLE, encoding="utf-8")
        await pilot.press("r")
        await settle(pilot)
        (again,) = [n for n in app._notifications if "index refreshed" in n.message]
        assert again.message.endswith("1 added, 0 updated, 0 removed; 1 warning as before")
        assert again.severity == "information"
        assert "1 warning as before" in str(app.screen.query_one("#status-text").content)


async def test_question_mark_shows_every_key(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys").content
        ids = [cell.plain for cell in table.columns[2]._cells]
        for binding_id in (
            "search",
            "back",
            "copy_brief",
            "copy_brief_markdown",
            "copy_article",
            "open_url",
            "refresh",
            "engagements",
            "entities",
            "stories",
            "cursor_down",
            "first",
            "last",
            "open",
            "help",
            "quit",
            "next_pane",
            "previous_pane",
            "maximize",
            "collapse",
        ):
            assert binding_id in ids
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_ctrl_p_jumps_to_an_engagement_by_name(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Engagement: Austin")
        await palette_ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.subject is not None and AUSTIN_DONG in app.screen.subject[0]


async def test_ctrl_p_jumps_to_an_article_by_title(briefing, system_clipboard):
    target = briefing.articles()[-1]
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *("Article: " + target.title[:30]))
        await palette_ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.article.id == target.id
        assert app.focused is app.screen.query_one(Reader)


async def test_ctrl_p_runs_an_action(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Group the list by story")
        await palette_ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.grouped


async def test_q_quits(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_keys_remap_from_config(tmp_path, system_clipboard):
    config = write_corpus(tmp_path, keys={"copy_article": "ctrl+y", "cursor_down": "ctrl+n"})
    briefing = Briefing(load_config(config))
    briefing.refresh()
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        assert app.screen.query_one(ArticleList).highlighted == 1
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == ""
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.clipboard.startswith(briefing.articles()[1].id)


async def test_unknown_binding_id_in_config_is_reported(tmp_path, system_clipboard):
    config = write_corpus(tmp_path, keys={"no_such_binding": "ctrl+y"})
    briefing = Briefing(load_config(config))
    briefing.refresh()
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert any("no_such_binding" in n for n in notifications(app))


# -- layout ------------------------------------------------------------------------------------


async def test_narrow_terminal_opens_side_panes_one_at_a_time(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-narrow")
        side, reader = screen.query_one("#side"), screen.query_one(Reader)
        assert not side.display or side.region.width == 0
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.focused, OptionList) and app.focused.id == "timeline"
        assert side.region.width > 0 and reader.region.width == 0
        assert screen.query_one("#entities").region.height == 0
        await pilot.press("escape")
        await pilot.pause()
        assert reader.region.width > 0 and side.region.width == 0
        await pilot.press("n")
        await pilot.pause()
        assert screen.query_one("#entities").region.height > 0


async def test_z_maximises_and_x_collapses(briefing, system_clipboard):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        await pilot.press("z")
        assert screen.maximized is screen.query_one(ArticleList)
        await pilot.press("escape")
        assert screen.maximized is None
        await pilot.press("tab", "z")
        assert screen.maximized is screen.query_one(Reader)
        await pilot.press("z")
        assert screen.maximized is None
        await pilot.press("e", "z")
        assert screen.maximized is screen.query_one("#engagement-pane")
        await pilot.press("escape", "shift+tab")
        await pilot.press("x")
        await pilot.pause()
        assert screen.query_one("#side").region.width == 0
        await pilot.press("x")
        await pilot.pause()
        assert screen.query_one("#side").region.width > 0


@pytest.mark.parametrize("key", ["e", "n"])
async def test_e_and_n_focus_their_panes_on_wide_terminals(briefing, system_clipboard, key):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        assert app.focused.id == ("timeline" if key == "e" else "entities")


async def test_once_every_file_is_read_the_status_says_what_the_refresh_does(
    briefing, system_clipboard
):
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.post_message(RefreshProgress(3, 5, "c.txt"))
        await pilot.pause()
        assert "indexing 3/5" in str(screen.query_one("#status-text").content)
        screen.post_message(RefreshProgress(5, 5, "e.txt"))
        await pilot.pause()
        status = str(screen.query_one("#status-text").content)
        assert "5 files read; analysing and writing the index" in status
        assert "5/5" not in status
        screen.post_message(RefreshStage("detecting engagements"))
        await pilot.pause()
        status = str(screen.query_one("#status-text").content)
        assert "5 files read; detecting engagements" in status
        assert screen.query_one(ProgressBar).total is None  # nothing to count: it pulses


async def test_quitting_during_a_refresh_stops_its_process(
    corpus, system_clipboard, refresh_children
):
    seed = next((corpus / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    for number in range(300):
        (corpus / "seeds" / f"copy_{number}.txt").write_text(
            f"{seed}\n\nNote {number} of the series.\n", encoding="utf-8"
        )
    briefing = Briefing(load_config(corpus / "config.yaml"))
    seen = []
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE, message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("r")
        for _ in range(400):
            if any(isinstance(m, RefreshProgress) for m in seen):
                break
            await pilot.pause(0.05)
        await pilot.press("q")
    (child,) = refresh_children
    for _ in range(200):  # the worker thread stops it once it sees the cancel
        if child.poll() is not None:
            break
        await asyncio.sleep(0.05)
    assert child.returncode is not None and child.returncode < 0
    assert not any(isinstance(m, RefreshFinished) for m in seen)


async def test_a_locked_index_during_refresh_is_reported_in_the_app(
    briefing, system_clipboard, monkeypatch
):
    from index.errors import IndexBusyError

    def busy(**_):
        raise IndexBusyError("index is busy: another briefing is writing it; try again")

    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(briefing, "refresh", busy)
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running
        status = str(app.screen.query_one("#status-text").content)
        assert "refresh failed" in status and "index is busy" in status
        assert any("index is busy" in n for n in notifications(app))
        assert app.screen.check_action("refresh_index", ()) is True  # it can be tried again


async def test_a_bug_in_a_worker_is_shown_not_crashed(briefing, system_clipboard, monkeypatch):
    def broken(*_, **__):
        raise RuntimeError("boom")

    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        monkeypatch.setattr(briefing, "search", broken)
        await pilot.press("slash", *"Austin")
        await settle(pilot)
        assert app.is_running
        assert any("unexpected error" in n and "boom" in n for n in notifications(app))


async def test_a_storys_brief_shows_on_a_narrow_terminal(briefing, system_clipboard):
    story = briefing.stories()[0]
    app = create_app(briefing, system_clipboard=system_clipboard)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert app.screen.side == "engagements"
        assert app.screen.query_one(BriefView).region.height > 0
        brief = app.screen.query_one(BriefView).plain
        assert story.title[:30] in brief and "[1]" in brief
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == briefing.render_brief(briefing.brief(story.id), "text")


def test_warnings_given_before_are_counted_apart_from_new_ones():
    from index.pipeline import IndexReport
    from tui.screens.main import _warnings_of

    old = [f"a{n}.txt: duplicate of b{n}; indexed once" for n in range(378)]
    report = IndexReport(warnings=[*old, "new.txt: empty"], repeated_warnings=old)
    assert _warnings_of(report) == (["new.txt: empty"], "; 1 warning (378 more as before)")
    assert _warnings_of(IndexReport(warnings=old, repeated_warnings=old)) == (
        [],
        "; 378 warnings as before",
    )
    assert _warnings_of(IndexReport()) == ([], "")
