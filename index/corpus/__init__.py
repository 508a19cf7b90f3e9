"""Loading and cleaning articles: the corpus folder in, clean `Article`s and warnings out.

This package owns everything between files on disk and `index.model.Article`: finding files
(`load`), reading formats (`formats`, `htmltext`), decoding (`decode`), sanitising untrusted
text (`clean`), paragraphs (`paragraphs`), boilerplate (`boilerplate`), datelines
(`dateline`), dates (`dates`), sources (`sources`), titles (`titles`) and identity
(`identity`). It is headless: it never imports textual, tui or rich.
"""

from index.corpus.formats import ARTICLE_SUFFIXES
from index.corpus.identity import normalised_text_hash
from index.corpus.load import (
    CorpusLoad,
    FileResult,
    LoadWarning,
    load_corpus,
    read_article_file,
    scan_corpus,
    scan_corpus_by_key,
    scan_corpus_files,
)

__all__ = [
    "ARTICLE_SUFFIXES",
    "CorpusLoad",
    "FileResult",
    "LoadWarning",
    "load_corpus",
    "normalised_text_hash",
    "read_article_file",
    "scan_corpus",
    "scan_corpus_by_key",
    "scan_corpus_files",
]
