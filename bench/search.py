"""Search across the archive: frequent, rare and absent terms of 1, 2, 3 and 6 characters.

    python bench/search.py --archive PATH [--runs N] [--peer ROOT:PATH]

Each run is a fresh process that opens the archive and times each term ``--repeat`` times
(median). With ``--peer``, runs of another checkout of the code (ROOT, e.g. the main branch
before a change) on its own copy of the archive (PATH, at that code's schema) alternate with
ours, A B A B …; the table gives each side's median over the runs with min–max.
Figures, not tests: CI never runs this.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TERMS = [
    ("frequent", "の"),
    ("frequent", "研修"),
    ("frequent", "委託先"),
    ("frequent", "再委託の禁止"),
    ("rare", "騒"),
    ("rare", "騒音"),
    ("rare", "騒音の"),
    ("rare", "騒音の苦情が"),
    ("absent", "森"),
    ("absent", "議長"),
    ("absent", "議長の"),
    ("absent", "議長の許可を"),
    ("mixed", "騒 委託先"),
    ("mixed", "議長 委託先"),
]


def one(root: Path, archive: Path, repeat: int) -> dict[str, float]:
    """Seconds per term (median of ``repeat``), with the code of ``root``."""
    sys.path.insert(0, str(root))
    from meeting.db import open_database
    from minutes.search import search

    db = open_database(archive)
    out = {}
    for _, term in TERMS:
        search(db, term)  # the pages it reads, in the cache as after the first search
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            search(db, term)
            times.append(time.perf_counter() - started)
        out[term] = statistics.median(times)
    db.close()
    return out


def run(root: Path, archive: Path, repeat: int) -> dict[str, float]:
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--one",
            "--root",
            str(root),
            "--archive",
            str(archive),
            "--repeat",
            str(repeat),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cell(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    digits = 2 if max(ms) < 1 else 1
    return f"{statistics.median(ms):.{digits}f} ms ({min(ms):.{digits}f}–{max(ms):.{digits}f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--peer", help="ROOT:PATH of the code and archive to compare with")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.root, args.archive, args.repeat)))
        return
    sides: dict[str, tuple[Path, Path]] = {"ours": (ROOT, args.archive)}
    if args.peer:
        peer_root, peer_archive = args.peer.split(":", 1)
        sides = {"peer": (Path(peer_root), Path(peer_archive)), **sides}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    for _ in range(args.runs):
        for name, (root, archive) in sides.items():
            results[name].append(run(root, archive, args.repeat))
            print(f"{name}: run {len(results[name])} done", file=sys.stderr, flush=True)
    names = list(sides)
    print("| term | kind | chars | " + " | ".join(names) + " |")
    print("|---|---|---|" + "---|" * len(names))
    for kind, term in TERMS:
        cells = [cell([r[term] for r in results[name]]) for name in names]
        print(f"| {term} | {kind} | {len(term.replace(' ', ''))} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
