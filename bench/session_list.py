"""The session list in the store: one fiscal year, two (the home screen's default), every year.

Each archive is read in a fresh process per run (three runs); in a run each list is read once
untimed and then five times timed (median). Medians of the runs with min–max.

Usage: python bench/session_list.py ARCHIVE [ARCHIVE …] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ONE_RUN = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[2])
from meeting.db import open_database
from meeting.store import list_councils, list_sessions, session_years

db = open_database(sys.argv[1])
council = list_councils(db)[0].id
newest = max(session_years(db, council))
reads = {
    "one year": lambda: list_sessions(db, council, fiscal_year=newest),
    "two years": lambda: list_sessions(db, council, since_fiscal_year=newest - 1),
    "every year": lambda: list_sessions(db, council),
}
out = {}
for name, read in reads.items():
    count = len(read())
    times = []
    for _ in range(5):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    out[name] = (statistics.median(times), count)
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archives", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| archive | list | sessions | median of runs (min–max) |")
    print("|---|---|---|---|")
    for archive in args.archives:
        runs: dict[str, list[float]] = {}
        counts: dict[str, int] = {}
        for _ in range(args.runs):
            done = subprocess.run(
                [sys.executable, "-c", ONE_RUN, str(archive), str(ROOT)],
                capture_output=True,
                text=True,
                check=True,
            )
            for name, (seconds, count) in json.loads(done.stdout).items():
                runs.setdefault(name, []).append(seconds * 1000)
                counts[name] = count
        for name, values in runs.items():
            print(
                f"| {archive.name} | {name} | {counts[name]:,} | {statistics.median(values):.1f} ms"
                f" ({min(values):.1f}–{max(values):.1f}) |"
            )


if __name__ == "__main__":
    main()
