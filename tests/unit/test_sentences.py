"""The sentence splitter: abbreviations stay inside their sentence, and its backward scan
for the word before a stop reads that word as a regular expression anchored at the
sentence's end does."""

import random
import re

import pytest

from index.extract.sentences import _ABBREVIATIONS, _BOUNDARY, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gen. Q Brown met Adm. Dong Jun on Jan. 8. They talked for an hour.",
            ["Gen. Q Brown met Adm. Dong Jun on Jan. 8.", "They talked for an hour."],
        ),
        (
            "Officials said the U.S. side asked for talks. China agreed.",
            ["Officials said the U.S. side asked for talks.", "China agreed."],
        ),
        (
            'He said: "We will meet again." Then he left!  Why? Nobody knows.',
            ['He said: "We will meet again."', "Then he left!", "Why?", "Nobody knows."],
        ),
        (
            "Talks in Paris.\nTalks in Rome.\n\n  \nEnd",
            ["Talks in Paris.", "Talks in Rome.", "End"],
        ),
        ("J. Smith arrived. (Later) he spoke.", ["J. Smith arrived.", "(Later) he spoke."]),
        ("", []),
    ],
)
def test_sentences_end_at_stops_that_do_not_close_an_abbreviation(text, expected):
    assert split_sentences(text) == expected


_ANCHORED_LAST_WORD = re.compile(r"([A-Za-z.'’]+)[.!?][\"'”’)\]]*$")


def _split_with_anchored_search(text: str) -> list[str]:
    """The splitter with the word before each stop found by a search anchored at the end."""
    sentences = []
    for block in re.split(r"\n\s*\n|\n", text):
        block = block.strip()
        start = 0
        for match in _BOUNDARY.finditer(block):
            end = match.end(1)
            last_word = _ANCHORED_LAST_WORD.search(block[start:end])
            if last_word:
                word = last_word.group(1).lower().rstrip(".")
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            if piece := block[start:end].strip():
                sentences.append(piece)
            start = end
        if tail := block[start:].strip():
            sentences.append(tail)
    return sentences


def test_the_backward_scan_reads_the_word_an_anchored_search_would():
    # Runs of dots, quotes that are also word characters, stops inside words, line breaks.
    pieces = ["a", "B", "Gen", "U.S", "x", ".", ".", "!", "?", "'", "’", "”", ")", "]"]
    pieces += [" ", " ", "\n", "(", "“", "1", "Jan", "T", "é", "-", "Mr", "etc"]
    rng = random.Random(20261122)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        assert split_sentences(text) == _split_with_anchored_search(text), repr(text)
