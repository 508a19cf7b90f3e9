"""The pairs of common words stand for phrases: a pair is indexed exactly where a phrase
query finds its two words side by side, in every article, however it was written."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.common_words import LIST_SIZE, common_words
from index import pipeline
from index.facade import Briefing
from index.search.schema import article_schema, with_word_pairs
from index.search.store import create_index
from index.search.word_pairs import COMMON_WORDS, WORD_LIST, PairsAnalyzer, pair_terms
from tests.conftest import SEEDS, write_config

BODY = article_schema()["body"].analyzer
PAIRS = article_schema()["body_pairs"].analyzer


def _phrase_pairs(text: str) -> set[str]:
    """The pairs a phrase query finds: common words at neighbouring positions of the body."""
    at = {token.pos: token.text for token in BODY(text, positions=True)}
    return {
        f"{at[pos]} {at[pos + 1]}"
        for pos in at
        if pos + 1 in at and at[pos] in COMMON_WORDS and at[pos + 1] in COMMON_WORDS
    }


def _pairs(text: str) -> set[str]:
    """The pairs the index is given for `text`, as the writer asks: body first."""
    for _ in BODY(text, positions=True, chars=True, mode="index"):
        pass
    return {token.text for token in PAIRS(text, mode="index")}


def _pairs_analysed_afresh(text: str) -> set[str]:
    """The same, when the body's analyzer last saw another text."""
    for _ in BODY("Zqxv", mode="index"):
        pass
    return {token.text for token in PAIRS(text, mode="index")}


def test_a_stopword_between_two_common_words_leaves_them_a_pair_as_in_a_phrase():
    assert {"polic", "report", "offici"} <= COMMON_WORDS
    assert _pairs("The police of the report") == {"polic report"}
    assert _pairs("police Zqxv report officials") == {"report offici"}
    assert _pairs("Zqxv") == set()


def test_the_pairs_of_every_seed_article_are_where_a_phrase_finds_its_words():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert _pairs(text) == _phrase_pairs(text) != set(), path.name
        assert _pairs_analysed_afresh(text) == _phrase_pairs(text), path.name


def test_a_body_text_read_only_in_part_is_not_taken_for_its_words():
    text = "The police report was late, officials said."
    for _ in BODY("Zqxv", mode="index"):
        pass
    next(BODY(text, mode="index"))  # a stream left after its first word
    assert {t.text for t in PAIRS(text, mode="index")} == _phrase_pairs(text)


def test_the_writer_gives_the_pairs_the_words_the_body_was_just_analysed_into(
    tmp_path, monkeypatch
):
    def analysed_again(self, value):
        raise AssertionError("the body's text was analysed a second time")

    monkeypatch.setattr(PairsAnalyzer, "analysed", analysed_again)
    ix = create_index(tmp_path / "index")
    with ix.writer() as writer:
        writer.add_document(
            **with_word_pairs({"id": "1", "body": "A police report, said officials."})
        )
    with ix.searcher() as searcher:
        assert [t.decode() for t in searcher.reader().lexicon("body_pairs")] == [
            "polic report",
            "report said",
            "said offici",
        ]


def test_a_pair_term_is_named_only_for_two_common_neighbours():
    assert pair_terms(["polic", "report", "zqxv", "offici"]) == ["polic report", None, None]
    assert pair_terms(["polic"]) == []


@pytest.mark.parametrize("rewritten", ["added and edited", "fields rewritten"])
def test_every_article_indexed_holds_the_pairs_of_its_body(tmp_path, rewritten):
    """A full build, then an added and an edited article; or every article rewritten as
    an analysis that reads its entities differently rewrites it (from its stored fields)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    briefing = Briefing.from_config_file(write_config(tmp_path, corpus))
    briefing.refresh()
    ix = briefing._index()
    if rewritten == "added and edited":
        first = sorted(corpus.glob("*.txt"))[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nPolice said the report was late.\n")
        (corpus / "added.txt").write_text("# Added\n\nOfficials said a police report was filed.\n")
        briefing.refresh()
    else:
        with ix.searcher() as searcher:
            stale = {fields["id"]: b"stale" for _, fields in searcher.reader().iter_docs()}
        with ix.writer() as writer:
            assert pipeline._update_fields(writer, ix, stale, {}, {}) == len(stale)

    with ix.searcher() as searcher:
        reader = searcher.reader()
        indexed: dict[int, set[str]] = {}
        for pair in reader.lexicon("body_pairs"):
            for docnum in reader.postings("body_pairs", pair).all_ids():
                indexed.setdefault(docnum, set()).add(pair.decode("utf-8"))
        bodies = {docnum: fields["body"] for docnum, fields in reader.iter_docs()}
    assert len(bodies) == len(list(corpus.glob("*.txt")))
    assert {docnum: _phrase_pairs(body) for docnum, body in bodies.items()} == {
        docnum: indexed.get(docnum, set()) for docnum in bodies
    }
    if rewritten == "added and edited":
        assert any("polic report" in pairs for pairs in indexed.values())


def test_the_shipped_list_is_the_one_the_corpora_give():
    """`python -m benchmarks.common_words` wrote it; an edit by hand would leave indexes
    written with it stamped as if written with the generated one."""
    words = WORD_LIST.read_text(encoding="utf-8").split()
    assert len(words) == len(set(words)) == LIST_SIZE
    assert words == common_words()
