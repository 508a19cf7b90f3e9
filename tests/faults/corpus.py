"""A corpus of a few hundred articles generated from the seeds, for the fault runs.

Each article is a seed with its people, countries, places, dates and paragraph order
varied by a seeded random generator, written in one of the supported formats, so the
index, the entity extraction and the analysis all see realistic and distinct articles.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Seed words swapped for others, so articles differ in who, where and when.
PEOPLE = [
    ("Lloyd Austin", "Austin"), ("Dong Jun", "Dong"), ("Samuel Paparo", "Paparo"),
    ("Charles Q. Brown", "Brown"), ("Gilberto Teodoro", "Teodoro"), ("Richard Marles", "Marles"),
    ("Minoru Kihara", "Kihara"), ("Shin Won-sik", "Shin"), ("Prabowo Subianto", "Prabowo"),
    ("Rajnath Singh", "Singh"), ("Grant Shapps", "Shapps"), ("Boris Pistorius", "Pistorius"),
    ("Sebastien Lecornu", "Lecornu"), ("Judith Collins", "Collins"), ("Ng Eng Hen", "Ng"),
]  # fmt: skip
COUNTRIES = [
    "China", "Japan", "Australia", "the Philippines", "India", "South Korea", "Indonesia",
    "Vietnam", "Singapore", "France", "Germany", "Britain", "New Zealand", "Malaysia",
]  # fmt: skip
CITIES = [
    "Beijing", "Tokyo", "Canberra", "Manila", "New Delhi", "Seoul", "Jakarta", "Hanoi",
    "Singapore", "Paris", "Berlin", "London", "Wellington", "Kuala Lumpur", "Honolulu",
]  # fmt: skip
SEAS = ["South China Sea", "East China Sea", "Coral Sea", "Sulu Sea", "Java Sea", "Yellow Sea"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


def _vary(text: str, rng: random.Random, n: int) -> str:
    people = rng.sample(PEOPLE, 2)
    swaps = {
        "Lloyd Austin": people[0][0], "Austin": people[0][1], "Dong Jun": people[1][0],
        "Dong": people[1][1], "Paparo": rng.choice(PEOPLE)[1], "China": rng.choice(COUNTRIES),
        "Beijing": rng.choice(CITIES), "Washington": rng.choice(CITIES),
        "South China Sea": rng.choice(SEAS), "April": rng.choice(MONTHS),
        "September": rng.choice(MONTHS),
    }  # fmt: skip
    pattern = re.compile("|".join(re.escape(k) for k in sorted(swaps, key=len, reverse=True)))
    text = pattern.sub(lambda m: swaps[m.group()], text)
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    head, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    rest = rest[: max(2, len(rest) - rng.randint(0, 3))]
    # A word only this article has, so every article can be found by a search of its own.
    return "\n\n".join([*head, *rest, f"Case file marker zq{n:04d}x was noted by officials."])


def make_corpus(folder: Path, count: int = 300, seed: int = 1, first: int = 0) -> Path:
    """Write articles number `first` to `first + count - 1` under `folder`, in subfolders."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir())]
    for n in range(first, first + count):
        body = _vary(rng.choice(seeds), rng, n)
        # The seeds start with " date 2024-04-17 ..." on some lines; keep any date prefix.
        sub = folder / f"batch{n % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        day = f"2024-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        title = f"Defence talks {n}: {body.split('.')[0][:60].strip()}"
        kind = n % 5
        if kind in (0, 1):
            (sub / f"a{n:03}.txt").write_text(body, encoding="utf-8")
        elif kind == 2:
            front = f"---\ntitle: {json.dumps(title)}\ndate: {day}\nsource: Wire {n % 7}\n---\n"
            (sub / f"a{n:03}.md").write_text(front + body, encoding="utf-8")
        elif kind == 3:
            paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            page = (
                f"<html><head><title>{title}</title>"
                f'<meta property="article:published_time" content="{day}"></head>'
                f"<body><nav>Home | World</nav><article>{paragraphs}</article></body></html>"
            )
            (sub / f"a{n:03}.html").write_text(page, encoding="utf-8")
        else:
            record = {"title": title, "date": day, "source": "Example Wire", "text": body}
            (sub / f"a{n:03}.json").write_text(json.dumps(record), encoding="utf-8")
    return folder


def evolve(folder: Path, seed: int = 2) -> None:
    """The next state of a corpus made by `make_corpus`: some articles deleted, some
    rewritten, some renamed, some appended to, and new ones added."""
    rng = random.Random(seed)
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    count = len(files)
    rng.shuffle(files)
    deleted, rewritten, renamed, appended = files[:12], files[12:24], files[24:30], files[30:40]
    for path in deleted:
        path.unlink()
    for path in rewritten:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace("officials", "diplomats").replace("talks", "meetings"), encoding="utf-8"
        )
    for path in renamed:
        path.rename(path.with_name("renamed_" + path.name))
    for path in appended:
        if path.suffix == ".txt":
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\n\nA later update added this quokka paragraph.\n")
    make_corpus(folder / "new", count=30, seed=seed + 100, first=count)
