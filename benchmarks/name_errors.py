"""Misread people in a large corpus, counted by kind: the errors with no gold to score them.

The hand annotations cover the seeds and CoNLL-2003; neither has the names a defence
analyst reads most often in a year of news (US officers with a middle initial, Korean and
Taiwanese leaders, "Secretary General"). These kinds of misreading are visible in a
corpus's list of people, and each is counted here from that list.

    python -m benchmarks.name_errors --config CONFIG        # the index CONFIG names
    python -m benchmarks.name_errors --entities PEOPLE.json  # `briefing entities --json` saved

Prints a Markdown table: for each kind, the people and the mentions they hold; with
`--names "George W. Bush,George W"`, the mentions each of those people holds.
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
    'office cut before its "General" (role "NATO Secretary", alias "General Mark Rutte")': (
        lambda p: bool(
            p["role"]
            and re.search(r"(?:^|\s)(?:Secretary|Director|Attorney|Inspector)$", p["role"])
            and any(alias.startswith("General ") for alias in p["aliases"])
        )
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
    return [entity.to_json() for entity in reader.entities("person")]


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


def named(people: Iterable[dict], names: list[str]) -> str:
    """The mentions each of `names` holds as a person, to follow one reading before and after."""
    mentions = {person["name"]: person["mentions"] for person in people}
    lines = ["| person | mentions |", "| --- | ---: |"]
    lines += [f"| {name} | {mentions.get(name, 0):,} |" for name in names]
    return "\n".join(lines)


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
    parser.add_argument("--names", default="", help="comma-separated people to show each")
    args = parser.parse_args(argv)
    from index.errors import BriefingError

    try:
        people = _people_of_config(args.config) if args.config else _people_of_file(args.entities)
    except (BriefingError, OSError, ValueError) as error:
        print(f"name_errors: {error}", file=sys.stderr)
        return 1
    print(markdown(count_kinds(people), len(people)))
    if args.names:
        print()
        print(named(people, [name.strip() for name in args.names.split(",") if name.strip()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
