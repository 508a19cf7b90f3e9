"""Misread people in a large corpus, counted by kind: the errors with no gold to score them.

The hand annotations cover the seeds and CoNLL-2003; neither has the names a defence
analyst reads most often in a year of news (US officers with a middle initial, Korean and
Taiwanese leaders, "Secretary General"). These kinds of misreading are visible in a
corpus's list of people, and each is counted here from that list.

    python -m benchmarks.name_errors --config CONFIG        # the index CONFIG names
    python -m benchmarks.name_errors --entities PEOPLE.json  # `briefing entities --json` saved

Prints a Markdown table: for each kind, the people and the mentions they hold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

# Each kind: what it looks like in a person's name and role. Patterns, not a list of
# names, so that a fix is seen across the whole corpus, not only for the names it named.
KINDS: dict[str, Callable[[dict], bool]] = {
    'name cut at a middle initial ("George W")': lambda p: bool(
        re.search(r"\s[A-Z]$", p["name"]) and re.match(r"[A-Z][a-z]+\s", p["name"])
    ),
    'two-word nationality read as a person ("South Korean")': lambda p: (
        p["name"]
        in {"North Korean", "South Korean", "South African", "Sri Lankan", "Saudi Arabian"}
    ),
    'spaced "U. S." read as initials ("S. Surgeon General")': lambda p: p["name"].startswith("S. "),
    '"General" of an office read as a rank ("General Mark Rutte")': lambda p: any(
        alias.startswith("General ") for alias in p["aliases"]
    ),
    'Korean or Taiwanese family name alone ("Yoon")': lambda p: (
        p["name"] in {"Yoon", "Moon", "Lai", "Tsai", "Shin", "Chiu", "Choi", "Kim", "Lee", "Park"}
    ),
    'East Asian name with a hyphenated given name, whole ("Yoon Suk-yeol")': lambda p: bool(
        re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]{0,5}-[a-z]{1,6}", p["name"])
    ),
}


def count_kinds(people: Iterable[dict]) -> dict[str, tuple[int, int]]:
    """For each kind, how many people are of it and how many mentions they hold."""
    counts = {kind: [0, 0] for kind in KINDS}
    for person in people:
        for kind, matches in KINDS.items():
            if matches(person):
                counts[kind][0] += 1
                counts[kind][1] += person["mentions"]
    return {kind: (found, mentions) for kind, (found, mentions) in counts.items()}


def _people_of_config(config_path: Path) -> list[dict]:
    from index.config import load_config
    from index.facade import Briefing

    reader = Briefing(load_config(config_path))
    return [
        {**entity.to_json(), "mentions": entity.total_mentions}
        for entity in reader.entities("person")
    ]


def _people_of_file(path: Path) -> list[dict]:
    """`briefing entities --type person --json` output: one JSON object a line."""
    people = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().rstrip(",")
        if line.startswith("{"):
            person = json.loads(line)
            if person.get("type", "person") == "person":
                people.append(person)
    return people


def markdown(counts: dict[str, tuple[int, int]], total: int) -> str:
    lines = [
        f"{total:,} people",
        "",
        "| kind | people | mentions |",
        "| --- | ---: | ---: |",
    ]
    lines += [
        f"| {kind} | {found:,} | {mentions:,} |" for kind, (found, mentions) in counts.items()
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--config", type=Path, help="read the people of this config's index")
    source.add_argument("--entities", type=Path, help="read saved `briefing entities --json`")
    args = parser.parse_args(argv)
    people = _people_of_config(args.config) if args.config else _people_of_file(args.entities)
    print(markdown(count_kinds(people), len(people)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
