"""Bad input files: one warning naming the file and the reason, and never an exception."""

from __future__ import annotations

import os
import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.corpus import ARTICLE_SUFFIXES, load_corpus, read_article_file
from index.model import Article

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
GOOD_TEXT = "Defence chiefs of the two countries held talks on Tuesday, officials said."

# file -> (words the warning must contain, number of articles still loaded from the file)
BAD_FILES = {
    "binary.txt": (["binary", "NUL"], 0),
    "controls.txt": (["binary", "control"], 0),
    "empty.txt": (["empty"], 0),
    "whitespace.md": (["empty", "whitespace"], 0),
    "latin1.txt": (["not UTF-8", "decoded as"], 1),
    "broken.json": (["malformed JSON"], 0),
    "no_text.json": (["no text or body"], 0),
    "broken.jsonl": (["line 2", "malformed JSON"], 1),
    "unclosed_front_matter.md": (["unclosed", "front matter"], 1),
    "invalid_front_matter.md": (["invalid YAML front matter"], 1),
    "no_body.html": (["HTML", "no body text"], 0),
}


def test_every_bad_file_is_covered():
    assert sorted(p.name for p in BAD.iterdir()) == sorted([*BAD_FILES, "not_objects.json"])


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_warning(name):
    words, loaded = BAD_FILES[name]
    result = read_article_file(BAD / name, BAD)
    assert len(result.warnings) == 1, [str(w) for w in result.warnings]
    warning = result.warnings[0]
    assert warning.path == str(BAD / name)
    line = str(warning)
    assert "\n" not in line
    assert line.startswith(f"{BAD / name}: ")
    for word in words:
        assert word.lower() in line.lower(), (word, line)
    assert len(result.articles) == loaded


def test_latin1_file_decodes_correctly():
    article = read_article_file(BAD / "latin1.txt", BAD).articles[0]
    assert article.body.startswith("Le ministre de la Défense a rencontré son homologue à Pékin.")
    assert (
        "« Nous avons réaffirmé l'importance du dialogue », a ajouté un porte-parole."
        in article.body_paragraphs
    )


def test_json_list_of_non_objects_warns_per_item():
    result = read_article_file(BAD / "not_objects.json", BAD)
    assert [w.reason for w in result.warnings] == [
        f"item {n}: not a JSON object" for n in (1, 2, 3)
    ]


def test_bad_files_do_not_stop_the_good_ones(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(BAD, corpus / "bad")
    (corpus / "good.txt").write_text(GOOD_TEXT)
    load = load_corpus(corpus)
    ids = [a.id for a in load.articles]
    assert ids == [
        "bad/broken#1",
        "bad/invalid_front_matter",
        "bad/latin1",
        "bad/unclosed_front_matter",
        "good",
    ]
    warned = {Path(w.path).name for w in load.warnings}
    assert warned == set(BAD_FILES) | {"not_objects.json"}


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(GOOD_TEXT * 10)
    result = read_article_file(path, tmp_path, max_bytes=100)
    assert result.articles == []
    assert len(result.warnings) == 1 and "too large" in str(result.warnings[0])
    assert "100" in str(result.warnings[0])
    load = load_corpus(tmp_path, max_bytes=100)
    assert load.articles == [] and len(load.warnings) == 1
    assert len(read_article_file(path, tmp_path, max_bytes=10_000).articles) == 1


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD_TEXT)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    result = read_article_file(path, tmp_path)
    assert result.articles == []
    assert [w.reason for w in result.warnings] == ["cannot read: permission denied"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_for_real(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(GOOD_TEXT)
    path.chmod(0)
    try:
        result = read_article_file(path, tmp_path)
    finally:
        path.chmod(0o600)
    assert "permission denied" in str(result.warnings[0])


def test_folder_named_like_an_article_and_broken_link(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "ok.txt").write_text(GOOD_TEXT)
    load = load_corpus(tmp_path)
    assert [a.id for a in load.articles] == ["ok"]
    assert [Path(w.path).name for w in load.warnings] == ["dangling.txt"]
    assert "not found" in load.warnings[0].reason


def test_missing_corpus_folder_is_a_warning(tmp_path):
    load = load_corpus(tmp_path / "nope")
    assert load.articles == [] and "not found" in load.warnings[0].reason


def test_many_broken_lines_are_summarised(tmp_path):
    (tmp_path / "junk.jsonl").write_text("{\n" * 500)
    warnings = read_article_file(tmp_path / "junk.jsonl", tmp_path).warnings
    assert len(warnings) == 21
    assert "480 more" in warnings[-1].reason


def test_yaml_alias_bomb_is_refused(tmp_path):
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "---\nBody text of the article.\n"
    )
    (tmp_path / "bomb.md").write_text(bomb)
    result = read_article_file(tmp_path / "bomb.md", tmp_path)
    assert result.articles[0].body == "Body text of the article."
    assert "aliases" in result.warnings[0].reason


# --- never raises ------------------------------------------------------------------------------

_CONTROL_OR_ESCAPE = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}


def _assert_clean(result, path: Path) -> None:
    for warning in result.warnings:
        assert "internal error" not in warning.reason, str(warning)
        assert "\n" not in str(warning)
    for article in result.articles:
        assert isinstance(article, Article)
        assert article.body.strip()
        assert article.title
        for text in [article.title, *(p.text for p in article.paragraphs)]:
            assert not (_CONTROL_OR_ESCAPE & set(text)), repr(text)
            assert unicodedata.is_normalized("NFC", text)


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("suffix", ARTICLE_SUFFIXES)
@_SETTINGS
@given(data=st.binary(max_size=2_000))
def test_random_bytes_never_raise(suffix, data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        _assert_clean(read_article_file(path, Path(folder)), path)


# Text made of the pieces parsers care about, so the parsers themselves get exercised.
_PIECES = st.sampled_from(
    ["\n", "\n\n", "---\n", "# ", "title: ", " date 2024-04-17 ", "{", "}", "[", "]", '"text": ',
     '"', ",", "<p>", "</p>", "<script>", "<article>", "<!--", "&#27;", "&amp;",
     "\x1b]52;c;aGVsbG8=\x07",
     "\x1b[31m", "\x9b", "©", " - Copyright AFP", "(Reuters) - ", "Read More: x", "WASHINGTON ",
     "April 17, 2024", "Jan. ", "\u202e", "e\u0301", "\r\n", "\x00", "\t", "*a", "&a ", "\\u001b"]
)  # fmt: skip
_TEXTISH = st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=60).map("".join)


@pytest.mark.parametrize("suffix", ARTICLE_SUFFIXES)
@_SETTINGS
@given(text=_TEXTISH)
def test_random_structured_text_never_raises(suffix, text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        _assert_clean(read_article_file(path, Path(folder)), path)
