"""Reading each supported file format into raw records: body text plus the file's own metadata.

This module owns the file formats, and nothing about what the text means: `.txt` (optional
leading metadata lines, including the seeds' ` date 2024-04-17 ` prefix on the first line),
`.md` (optional YAML front matter and light Markdown), `.html`/`.htm` (via `htmltext`),
`.json` (an object or a list of objects) and `.jsonl` (one object per line). Every parser takes
decoded text and returns records and problems (short reasons for warnings); none of them raises
for bad content. Text formats are sanitised before parsing, so header and front-matter rules
see clean lines; JSON only has its line endings unified first, because sanitising would turn
a U+2028 inside a JSON string into a line break, and escapes written as `\\u001b` only exist
after parsing (every field is sanitised again when the article is built).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from index.corpus.clean import sanitize_text, unify_line_endings
from index.corpus.htmltext import read_html

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")

# Keys accepted for each metadata field, in order of preference.
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "published_at", "publish_date", "pubdate", "datePublished")
_SOURCE_KEYS = ("source", "publisher", "site_name", "site")
_URL_KEYS = ("url", "link", "canonical_url")
_TEXT_KEYS = ("text", "body")

# A long front matter block is not front matter; this also bounds what YAML has to parse.
_MAX_FRONT_MATTER_CHARS = 64_000
_MAX_HEADER_LINES = 12


@dataclass
class RawRecord:
    """One article as a file states it, before cleaning: body text and metadata values.

    `item` is the 1-based line (jsonl) or list position (json) inside a file holding several
    articles, and becomes the `#n` of the article id; None for one article per file.
    `title_from_heading` marks a Markdown `# heading` used as the title.
    """

    text: str
    title: str | None = None
    date: str | date | None = None
    source: str | None = None
    url: str | None = None
    item: int | None = None


@dataclass
class ParsedFile:
    records: list[RawRecord] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# --- .txt -------------------------------------------------------------------------------------

# The seeds' form: " date 2024-04-17 China has said ..." - metadata and text on one line.
_INLINE_DATE = re.compile(
    r"\A[ \t]*(?:date|published)[ \t]*:?[ \t]+"
    r"(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)(?=\s|\Z)[ \t]*",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(
    r"[ \t]*(title|headline|source|url|link|date|published|author|byline)"
    r"[ \t]*:[ \t]*(\S.*?)?[ \t]*",
    re.IGNORECASE,
)
_HEADER_FIELDS = {
    "title": "title", "headline": "title", "source": "source", "url": "url", "link": "url",
    "date": "date", "published": "date",
}  # fmt: skip


def parse_txt(text: str) -> ParsedFile:
    """A plain-text article, with optional metadata lines (or a ` date ` prefix) on top."""
    text = sanitize_text(text)
    record = RawRecord(text="")
    inline = _INLINE_DATE.match(text)
    if inline:
        record.date = inline.group(1)
        text = text[inline.end() :]
        if text.startswith("\n"):  # "date: 2024-04-17" alone on its line: more header may follow
            text = text[1:]
    lines = text.split("\n")
    consumed = 0
    for line in lines[:_MAX_HEADER_LINES]:
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            break
        consumed += 1
        key = _HEADER_FIELDS.get(match.group(1).lower())
        value = match.group(2)
        if key and value and getattr(record, key) is None:
            setattr(record, key, value)
    record.text = "\n".join(lines[consumed:]) if consumed else text
    return ParsedFile([record])


# --- .md --------------------------------------------------------------------------------------

_FRONT_MATTER_OPEN = re.compile(r"\A[ \t]*---[ \t]*\n")
_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_FIRST_H1 = re.compile(r"\A\s*#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^)\s]+)(?:[ \t]+\"[^\"\n]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_MD_RULE = re.compile(
    r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$", re.MULTILINE
)


def parse_md(text: str) -> ParsedFile:
    """A Markdown article with optional YAML front matter (title, date, source, url)."""
    text = sanitize_text(text)
    parsed = ParsedFile()
    record = RawRecord(text=text)
    if _FRONT_MATTER_OPEN.match(text):
        opened = _FRONT_MATTER_OPEN.match(text)
        closing = _FRONT_MATTER_CLOSE.search(text, opened.end())
        if closing is None or closing.start() - opened.end() > _MAX_FRONT_MATTER_CHARS:
            parsed.problems.append("unclosed YAML front matter; read as plain text")
        else:
            header = text[opened.end() : closing.start()]
            record.text = text[closing.end() :]
            metadata, problem = _read_yaml_mapping(header)
            if problem:
                parsed.problems.append(f"invalid YAML front matter ({problem}); metadata ignored")
            _apply_metadata(record, metadata)
    body = record.text
    heading = _MD_FIRST_H1.match(body)
    if heading and record.title is None and heading.group(1).strip():
        # A leading "# Heading" is the headline: it becomes the title, not a body paragraph.
        record.title = heading.group(1)
        body = body[heading.end() :]
    body = _MD_RULE.sub("", body)
    body = _MD_HEADING.sub(r"\1", body)
    body = _MD_IMAGE.sub("", body)
    body = _MD_LINK.sub(r"\1", body)
    body = _MD_STRONG.sub(r"\2", body)
    body = _MD_QUOTE.sub("", body)
    record.text = body
    parsed.records.append(record)
    return parsed


@functools.cache
def _front_matter_loader() -> type:
    # Deferred import: only Markdown files with front matter need YAML.
    import yaml

    class NoAliasSafeLoader(yaml.SafeLoader):
        """Safe loading without aliases: a few bytes of aliases can expand to gigabytes."""

        def compose_node(self, parent, index):  # type: ignore[override]
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("aliases are not allowed in front matter")
            return super().compose_node(parent, index)

    return NoAliasSafeLoader


def _read_yaml_mapping(header: str) -> tuple[dict, str | None]:
    import yaml

    try:
        data = yaml.load(header, Loader=_front_matter_loader())  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        reason = str(exc).split("\n", 1)[0]
        return {}, reason[:120] or type(exc).__name__
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, "not a mapping"
    return data, None


# --- .html ------------------------------------------------------------------------------------


def parse_html(text: str) -> ParsedFile:
    """An HTML page: its main text as blank-line separated paragraphs, plus meta tags."""
    try:
        page = read_html(sanitize_text(text))
    except Exception as exc:  # html.parser can still trip on pathological markup
        return ParsedFile(problems=[f"unreadable HTML ({type(exc).__name__})"])
    if not page.paragraphs:
        return ParsedFile(problems=["HTML has no body text"])
    record = RawRecord(text="\n\n".join(page.paragraphs))
    _apply_metadata(record, page.meta)
    return ParsedFile([record])


# --- .json / .jsonl ---------------------------------------------------------------------------


def parse_json(text: str) -> ParsedFile:
    """One JSON object, or a list of them (each item becomes `file#n`)."""
    parsed = ParsedFile()
    try:
        data = json.loads(unify_line_endings(text))
    except (ValueError, RecursionError) as exc:
        parsed.problems.append(f"malformed JSON ({_json_error(exc)})")
        return parsed
    if isinstance(data, dict):
        _add_json_object(parsed, data, item=None, where="")
    elif isinstance(data, list):
        if not data:
            parsed.problems.append("empty JSON list: no articles")
        for n, value in enumerate(data, start=1):
            _add_json_object(parsed, value, item=n, where=f"item {n}: ")
    else:
        parsed.problems.append("JSON is neither an object nor a list of objects")
    return parsed


def parse_jsonl(text: str) -> ParsedFile:
    """One JSON object per line; blank lines are skipped; line n becomes `file#n`."""
    parsed = ParsedFile()
    for n, line in enumerate(unify_line_endings(text).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as exc:
            parsed.problems.append(f"line {n}: malformed JSON ({_json_error(exc)})")
            continue
        _add_json_object(parsed, value, item=n, where=f"line {n}: ")
    if not parsed.records and not parsed.problems:
        parsed.problems.append("no JSON lines")
    return parsed


def _add_json_object(parsed: ParsedFile, value: object, item: int | None, where: str) -> None:
    if not isinstance(value, dict):
        parsed.problems.append(f"{where}not a JSON object")
        return
    text = None
    for key in _TEXT_KEYS:
        text = _as_text(value.get(key))
        if text is not None:
            break
    if text is None:
        parsed.problems.append(f"{where}no text or body field")
        return
    record = RawRecord(text=text, item=item)
    _apply_metadata(record, value)
    parsed.records.append(record)


def _as_text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
        return "\n\n".join(value)  # a list of paragraphs
    return None


def _json_error(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return (
            f"{exc.msg}, column {exc.colno}" if exc.lineno == 1 else f"{exc.msg}, line {exc.lineno}"
        )
    return type(exc).__name__


# --- shared -----------------------------------------------------------------------------------


def _apply_metadata(record: RawRecord, metadata: dict) -> None:
    """Fill the record's metadata from a mapping, taking the first usable key of each field."""
    record.title = record.title or _first_string(metadata, _TITLE_KEYS)
    record.url = record.url or _first_string(metadata, _URL_KEYS)
    if record.source is None:
        source = next((metadata[k] for k in _SOURCE_KEYS if k in metadata), None)
        if isinstance(source, dict):  # {"source": {"name": "Reuters", "id": ...}}
            source = source.get("name")
        record.source = source.strip() if isinstance(source, str) and source.strip() else None
    if record.date is None:
        for key in _DATE_KEYS:
            value = metadata.get(key)
            if isinstance(value, (str, date, datetime)) and value:
                record.date = value
                break


def _first_string(metadata: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
    return None


PARSERS: dict[str, Callable[[str], ParsedFile]] = {
    ".txt": parse_txt,
    ".md": parse_md,
    ".html": parse_html,
    ".htm": parse_html,
    ".json": parse_json,
    ".jsonl": parse_jsonl,
}
