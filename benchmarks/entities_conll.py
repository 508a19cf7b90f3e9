"""Scores the entity tagger on the CoNLL-2003 English development set (`eng.testa`), read in place.

Runs `tag_document` once per document (sentences between -DOCSTART- lines), so a surname may
borrow the type of a full name used earlier in the same story, and compares entity spans with
the gold IOB1 tags: PER, ORG and LOC precision, recall and F1 and their micro-average, MISC
dropped from both sides. Prints a Markdown table, or JSON with --json; also reports tagging
speed. The data stays in ../shared (research-only licence); nothing here learns from it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from index.extract.entities import tag_document

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
TESTA = SHARED / "corpora" / "conll2003" / "eng.testa"
TYPES = ("PER", "ORG", "LOC")


def read_documents(path: Path) -> list[list[tuple[list[str], list[str]]]]:
    """Documents as lists of (tokens, IOB1 tags) sentences."""
    documents: list[list[tuple[list[str], list[str]]]] = []
    sentence_tokens: list[str] = []
    sentence_tags: list[str] = []

    def close_sentence() -> None:
        if sentence_tokens:
            if not documents:
                documents.append([])
            documents[-1].append((list(sentence_tokens), list(sentence_tags)))
            sentence_tokens.clear()
            sentence_tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            close_sentence()
            continue
        columns = line.split()
        if columns[0] == "-DOCSTART-":
            close_sentence()
            documents.append([])
            continue
        sentence_tokens.append(columns[0])
        sentence_tags.append(columns[-1])
    close_sentence()
    return [doc for doc in documents if doc]


def gold_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """IOB1: I- continues an entity of its type, B- starts a new one; MISC is dropped."""
    spans: set[tuple[int, int, str]] = set()
    start, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if start is not None and not continues:
            if kind in TYPES:
                spans.add((start, i, kind))
            start, kind = None, None
        if prefix in ("I", "B") and not continues:
            start, kind = i, label
    return spans


def evaluate(limit: int | None = None) -> dict:
    documents = read_documents(TESTA)
    if limit:
        documents = documents[:limit]
    true_pos, predicted, gold = Counter(), Counter(), Counter()
    errors: Counter = Counter()
    tokens_seen = 0
    started = time.perf_counter()
    tagged = [tag_document([tokens for tokens, _ in doc]) for doc in documents]
    elapsed = time.perf_counter() - started
    for doc, doc_spans in zip(documents, tagged, strict=True):
        for (tokens, tags), spans in zip(doc, doc_spans, strict=True):
            tokens_seen += len(tokens)
            expected = gold_spans(tags)
            found = set(spans)
            for span in found:
                predicted[span[2]] += 1
                if span in expected:
                    true_pos[span[2]] += 1
            for span in expected:
                gold[span[2]] += 1
            by_extent = {(s, e): label for s, e, label in expected}
            misc = {(s, e) for s, e in _misc_extents(tags)}
            for s, e, label in found - expected:
                if (s, e) in by_extent:
                    errors[f"wrong type: {by_extent[(s, e)]} tagged {label}"] += 1
                elif (s, e) in misc:
                    errors[f"MISC tagged {label}"] += 1
                elif any(s < ge and gs < e for gs, ge, _ in expected):
                    errors["overlapping but wrong extent"] += 1
                else:
                    errors[f"spurious {label}"] += 1
            for s, e, label in expected - found:
                if not any(s < fe and fs < e for fs, fe, _ in found):
                    errors[f"missed {label}"] += 1
    rows = {}
    for label in (*TYPES, "overall"):
        tp = sum(true_pos.values()) if label == "overall" else true_pos[label]
        pred = sum(predicted.values()) if label == "overall" else predicted[label]
        gld = sum(gold.values()) if label == "overall" else gold[label]
        precision = tp / pred if pred else 0.0
        recall = tp / gld if gld else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "gold": gld,
            "predicted": pred,
        }
    return {
        "documents": len(documents),
        "tokens": tokens_seen,
        "scores": rows,
        "ms_per_document": round(1000 * elapsed / max(1, len(documents)), 3),
        "ms_per_1000_tokens": round(1000 * elapsed / max(1, tokens_seen) * 1000, 3),
        "errors": dict(errors.most_common(12)),
    }


def _misc_extents(tags: list[str]) -> set[tuple[int, int]]:
    extents = set()
    start = None
    for i, tag in enumerate(tags + ["O"]):
        if tag.endswith("MISC") and (start is None or tag.startswith("B-")):
            if start is not None:
                extents.add((start, i))
            start = i
        elif not tag.endswith("MISC") and start is not None:
            extents.add((start, i))
            start = None
    return extents


def markdown(result: dict) -> str:
    lines = [
        "| type | precision | recall | F1 | gold | predicted |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for label, row in result["scores"].items():
        lines.append(
            f"| {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} "
            f"| {row['gold']} | {row['predicted']} |"
        )
    lines.append("")
    lines.append(
        f"{result['documents']} documents, {result['tokens']} tokens, "
        f"{result['ms_per_document']} ms/document, {result['ms_per_1000_tokens']} ms/1000 tokens"
    )
    lines.append("")
    lines.append(
        "Main error classes: " + "; ".join(f"{k} {v}" for k, v in result["errors"].items())
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if not TESTA.exists():
        print(f"CoNLL data not found at {TESTA}", file=sys.stderr)
        return 2
    result = evaluate(args.limit)
    print(json.dumps(result, indent=2) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
