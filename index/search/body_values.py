"""The body's postings values (each stem, its positions and characters) computed in one
loop, not through Whoosh's chain of generators.

Whoosh analyses a text through a generator per stage (tokenizer, lowercase, stopwords,
stems), each handing on one shared Token, and its Characters format then collects each
token's place: several calls a word, most of the 1.3 ms of CPU an article's body cost
the writer. `FusedCharacters` takes the same steps in one loop when the analyzer is the
schema's own chain of Whoosh's stemming analyzer, and hands any other analyzer or call
to Whoosh. The values are Whoosh's, byte for byte (a test compares them).
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh import formats
from whoosh.analysis import (
    CompositeAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang.porter import stem as porter_stem

from index.search import word_pairs

# Porter stems of the words seen: Whoosh's own cache is Python code that counts every
# use. Bounded, as the filter's is.
_STEMS_KEPT = 50_000
_stems: dict[str, str] = {}


class FusedCharacters(formats.Characters):
    """Whoosh's Characters format, its word values for the index computed in one loop."""

    def word_values(self, value, analyzer, **kwargs):
        chain = _stemming_chain(analyzer)
        if chain is None or kwargs != {"mode": "index"} or not isinstance(value, str):
            return super().word_values(value, analyzer, **kwargs)
        return self._fused(value, analyzer, *chain)

    def _fused(
        self,
        value: str,
        analyzer: CompositeAnalyzer,
        tokenizer: RegexTokenizer,
        stop: StopFilter,
        stem: StemFilter,
    ) -> Iterator[tuple[str, int, float, bytes]]:
        stoplist, minsize, maxsize, renumber = stop.stops, stop.min, stop.max, stop.renumber
        ignore = stem.ignore
        stems = _stems
        places: dict[str, list[tuple[int, int, int]]] = {}
        words: list[str] = []
        pos = None
        for index, match in enumerate(tokenizer.expression.finditer(value)):
            text = match.group(0).lower()
            if len(text) < minsize or (maxsize is not None and len(text) > maxsize):
                continue
            if text in stoplist:
                continue
            # StopFilter's renumbering: the first word kept keeps its place, the next
            # ones follow it without the stopwords' gaps.
            if not renumber or pos is None:
                pos = index
            else:
                pos += 1
            if text not in ignore:
                stemmed = stems.get(text)
                if stemmed is None:
                    if len(stems) >= _STEMS_KEPT:
                        stems.clear()
                    stemmed = stems[text] = porter_stem(text)
                text = stemmed
            words.append(text)
            found = places.get(text)
            if found is None:
                places[text] = [(pos, match.start(), match.end())]
            else:
                found.append((pos, match.start(), match.end()))
        if isinstance(analyzer, word_pairs.RecordingAnalyzer):
            word_pairs.record(value, words)
        boost = self.field_boost
        for word, poslist in places.items():
            # Whoosh sums each token's boost of 1.0: a float of the count, times the field's.
            yield word, len(poslist), float(len(poslist)) * boost, self.encode(poslist)


def _stemming_chain(analyzer) -> tuple[RegexTokenizer, StopFilter, StemFilter] | None:
    """The tokenizer, stop and stem filters of Whoosh's stemming analyzer as the schema
    builds it (tokenizer, lowercase, stopwords, Porter stems); None for any other."""
    if not isinstance(analyzer, CompositeAnalyzer) or len(analyzer.items) != 4:
        return None
    tokenizer, lower, stop, stem = analyzer.items
    if (
        type(tokenizer) is RegexTokenizer
        and not tokenizer.gaps
        and type(lower) is LowercaseFilter
        and type(stop) is StopFilter
        and type(stem) is StemFilter
        and stem.stemfn is porter_stem
        and not stem.lang
    ):
        return tokenizer, stop, stem
    return None
