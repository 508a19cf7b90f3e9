"""The `briefing` command: every thing the core does, with `--json` for scripts.

With no subcommand it opens the terminal app, which the `briefing` entry point
(`tui.launch`) plugs in as `open_app`: the core never imports the UI. Errors print one
line on stderr and exit 1; usage and config errors exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from index.errors import BriefingError, ConfigError

USAGE_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description=(
            "Read a folder of news articles in the terminal and turn them into sourced briefs."
        ),
    )
    parser.add_argument(
        "--config", type=Path, help="config file (default: the built-in config.yaml)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.add_argument("--config", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return sub

    command("app", "open the terminal app (the default)")
    sub = command("index", "bring the index up to date with the corpus")
    sub.add_argument("--rebuild", action="store_true", help="start over from an empty index")
    sub.add_argument("--json", action="store_true", help="print a JSON summary")
    sub.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a busy index")
    sub.add_argument(
        "--quick",
        action="store_true",
        help="make a few new articles searchable and stop; the analysis stays provisional "
        "until the next run",
    )
    sub.add_argument(
        "--all-warnings",
        action="store_true",
        help="also list the warnings an earlier run gave (files that still index nothing)",
    )

    sub = command("list", "list the articles, newest first")
    sub.add_argument("--json", action="store_true")

    sub = command("show", "show one article")
    sub.add_argument("id")
    sub.add_argument("--json", action="store_true")

    sub = command("search", "search titles and text (Whoosh query language)")
    sub.add_argument("query")
    sub.add_argument("--limit", type=int, default=20)
    sub.add_argument("--sort", choices=["score", "date"], default="score")
    sub.add_argument("--json", action="store_true")

    sub = command("entities", "people, organisations and places, most mentioned first")
    sub.add_argument("--type", choices=["person", "organization", "place"])
    sub.add_argument("--article", metavar="ID")
    sub.add_argument("--json", action="store_true")

    sub = command("engagements", "engagements reported or mentioned, by date")
    sub.add_argument("--json", action="store_true")

    sub = command("stories", "groups of articles about one event")
    sub.add_argument("--json", action="store_true")

    sub = command("brief", "one sourced paragraph on an engagement or story")
    sub.add_argument("id")
    sub.add_argument("--format", choices=["text", "markdown", "json"], default="text")
    sub.add_argument("--copy", action="store_true", help="also copy it to the system clipboard")
    return parser


AppOpener = Callable[..., int]


def main(argv: list[str] | None = None, open_app: AppOpener | None = None) -> int:
    """Run one command; `open_app(briefing, startup_error=None)` opens the terminal app."""
    args = _parser().parse_args(argv)
    if args.command in (None, "app") and open_app is None:
        print("briefing: the terminal app opens from the `briefing` command", file=sys.stderr)
        return USAGE_ERROR
    try:
        from index.facade import Briefing

        try:
            briefing = Briefing.from_config_file(args.config)
        except ConfigError as error:
            if args.command in (None, "app") and sys.stdin.isatty() and sys.stdout.isatty():
                # In the app the user sees the broken key and line without losing the screen.
                return open_app(None, startup_error=str(error))
            raise
        if args.command in (None, "app"):
            return open_app(briefing)
        handler = globals()[f"_run_{args.command}"]
        return handler(briefing, args) or 0
    except BriefingError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _print_json(data) -> None:
    """A list one element to a line, anything else indented. Indented JSON is written by
    the json module's Python encoder, the compact one by its C encoder: at 50k articles
    `briefing list --json` spent 0.97 s of its 1.4 s indenting."""
    if isinstance(data, list):
        lines = (json.dumps(item, ensure_ascii=False) for item in data)
        sys.stdout.write("[\n" + ",\n".join(lines) + "\n]\n" if data else "[]\n")
        return
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _run_index(briefing, args) -> int:
    from index.cli_progress import progress_reporter

    with progress_reporter(enabled=not args.json) as reporter:
        report = briefing.refresh(
            rebuild=args.rebuild,
            progress=reporter.files,
            stage=reporter.stage,
            wait_seconds=args.wait,
            reconcile=not args.quick,
        )
    if args.json:
        _print_json(report.to_json())
        return 0
    _print_warnings(report, args.all_warnings)
    if not report.changed and not report.rebuilt_because and not args.rebuild:
        print(f"index is up to date: {report.unchanged} articles, nothing written")
    else:
        print(
            f"indexed: {report.added} added, {report.updated} updated, {report.removed} removed, "
            f"{report.skipped} skipped, {report.unchanged} unchanged"
        )
    if report.provisional:
        print("the analysis is provisional: the next `briefing index` completes it")
    return 0


def _print_warnings(report, every: bool) -> None:
    """The run's new warnings, and those an earlier run gave counted on one line (at 50k
    articles, hundreds of duplicates, every run), unless `every` asks for them all."""
    shown = report.warnings if every else report.new_warnings
    for warning in shown:
        print(f"warning: {warning}", file=sys.stderr)
    again = len(report.warnings) - len(shown)
    if again:
        print(
            f"warning: {again} more as before, from files that still index nothing "
            "(--all-warnings lists them)",
            file=sys.stderr,
        )


def _run_list(briefing, args) -> int:
    articles = briefing.articles()
    if args.json:
        _print_json([a.to_json() for a in articles])
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("published", "source", "title", "id"):
        table.add_column(column, overflow="fold" if column == "title" else "ellipsis")
    for a in articles:
        table.add_row(
            a.published.isoformat() if a.published else "unknown",
            Text(a.source or "—"),
            Text(a.title),
            Text(a.id, style="dim"),
        )
    _console().print(table)
    return 0


def _run_show(briefing, args) -> int:
    article = briefing.article(args.id)
    if args.json:
        _print_json(article.to_json())
        return 0
    from rich.text import Text

    console = _console()
    console.print(Text(article.title, style="bold"))
    meta = " · ".join(
        part
        for part in (
            article.source,
            article.published.isoformat() if article.published else "date unknown",
            article.dateline,
            article.id,
        )
        if part
    )
    console.print(Text(meta, style="dim"))
    for paragraph in article.paragraphs:
        console.print()
        console.print(Text(paragraph.text, style="dim italic" if paragraph.boilerplate else ""))
    return 0


def _run_search(briefing, args) -> int:
    result = briefing.search(args.query, limit=args.limit, sort=args.sort)
    if args.json:
        _print_json([hit.to_json() for hit in result.hits])
        if not result.hits and result.suggestion:
            print(f"did you mean: {result.suggestion}", file=sys.stderr)
        return 0
    from rich.table import Table
    from rich.text import Text

    console = _console()
    if not result.hits:
        line = f"no articles match {args.query!r}"
        if result.suggestion:
            line += f"; did you mean: {result.suggestion}"
        console.print(Text(line))
        return 0
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    table.add_column("published", no_wrap=True)
    table.add_column("source", no_wrap=True)
    table.add_column("title / snippet", ratio=1)
    for hit in result.hits:
        snippet = Text(hit.snippet, style="dim")
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        cell = Text.assemble(
            Text(hit.title, style="bold"), "\n", snippet, "\n", Text(hit.id, style="dim")
        )
        table.add_row(
            hit.published.isoformat() if hit.published else "unknown", Text(hit.source or "—"), cell
        )
    console.print(Text(f"{result.total} matching articles", style="bold"))
    console.print(table)
    return 0


def _run_entities(briefing, args) -> int:
    entities = briefing.entities(kind=args.type, article=args.article)
    if args.json:
        _print_json([e.to_json() for e in entities])
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("name", "type", "mentions", "side", "role", "aliases"):
        table.add_column(column)
    for e in entities:
        table.add_row(
            Text(e.name),
            e.type,
            str(e.total_mentions),
            Text(e.side or ""),
            Text(e.role or ""),
            Text(", ".join(sorted(set(e.aliases) - {e.name}))),
        )
    _console().print(table)
    return 0


def _run_engagements(briefing, args) -> int:
    engagements = briefing.engagements()
    if args.json:
        _print_json([e.to_json() for e in engagements])
        return 0
    from rich.text import Text

    console = _console()
    for e in engagements:
        when = e.date.isoformat() if e.date else "date unknown"
        if e.date and e.date_precision == "month":
            when = e.date.strftime("%Y-%m")
        if e.end_date:
            when += f"..{e.end_date.isoformat()}"
        kind = "reported" if e.reported else "mentioned"
        if e.date_inferred:
            when += "~"
        line = Text.assemble(
            Text(f"{when:<24}", style="bold"), Text(f"{kind:<10}", style="dim"), Text(e.title)
        )
        console.print(line)
        articles = e.articles if e.reported else e.mentioned_in
        console.print(Text(f"{'':<34}{e.id} · {e.format} · {', '.join(articles)}", style="dim"))
    return 0


def _run_stories(briefing, args) -> int:
    stories = briefing.stories()
    if args.json:
        _print_json([s.to_json() for s in stories])
        return 0
    from rich.text import Text

    console = _console()
    for s in stories:
        when = s.date.isoformat() if s.date else "unknown"
        console.print(
            Text.assemble(
                Text(f"{when:<12}", style="bold"), Text(f"{len(s.articles):>3}  "), Text(s.title)
            )
        )
        console.print(Text(f"{'':<17}{s.id}", style="dim"))
    return 0


def _run_brief(briefing, args) -> int:
    brief = briefing.brief(args.id)
    print(briefing.render_brief(brief, args.format))
    if args.copy:
        from index.clipboard import copy_to_system_clipboard

        tool = copy_to_system_clipboard(briefing.render_brief(brief, "text"))
        if tool:
            print(f"copied the brief to the clipboard with {tool}", file=sys.stderr)
        else:
            print(
                "briefing: no clipboard tool found (install wl-copy, xclip, xsel or pbcopy); "
                "nothing was copied",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
