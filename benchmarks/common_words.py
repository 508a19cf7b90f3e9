"""Writes `index/search/common_words.txt`: the stems whose neighbouring pairs are indexed.

    python -m benchmarks.common_words            # rewrite the list
    python -m benchmarks.common_words --check    # exit 1 if the shipped list differs

The list is the 2,000 body stems (the body's own analyzer) found in the most of the real news
articles in ../shared/corpora (ECB+, Clust-McMs, Multi-News: about 1,200 usable), ties broken
alphabetically. 2,000 is a cost, not a tuning: on the 50k bench corpus its pairs add about
86 % to the body's postings (without positions), 1,000 would add 59 % and 5,000 118 %
(docs/scaling.md). The bench corpus is recombined from these same articles, so it meets the
list more often than a reader's own archive would.

A new list changes what an index holds: the index stamps the list's digest and is rebuilt
on open by a build with another list.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from benchmarks.scale_corpus import real_articles
from index.search.schema import article_schema
from index.search.word_pairs import WORD_LIST

LIST_SIZE = 2000


def common_words(size: int = LIST_SIZE) -> list[str]:
    """The `size` stems in the most real articles, alphabetically."""
    analyzer = article_schema()["body"].analyzer
    found_in: Counter[str] = Counter()
    for article in real_articles():
        found_in.update({token.text for token in analyzer(" ".join(article.sentences))})
    ranked = sorted(found_in.items(), key=lambda item: (-item[1], item[0]))
    return sorted(word for word, _ in ranked[:size])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.common_words")
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    options = parser.parse_args(argv)
    text = "\n".join(common_words()) + "\n"
    if options.check:
        same = WORD_LIST.read_text(encoding="utf-8") == text
        print(f"{WORD_LIST}: {'up to date' if same else 'differs from the corpora'}")
        return 0 if same else 1
    WORD_LIST.write_text(text, encoding="utf-8")
    print(f"{WORD_LIST}: {LIST_SIZE} words")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
