"""Enter → line committed at ``synchronous=FULL`` (the default) against NORMAL, Enters spaced.

    python bench/enter.py [--archive PATH] [--count N] [--gap S] [--runs N]

Each run opens the archive as the app does, starts the checkpointer (as the app runs it) and
enters ``count`` lines through ``enter_line`` (the live screen's path), a draft saved before
each as typing does and ``gap`` seconds between Enters, so the checkpointer's passes fall
between and during them as they do while a clerk types. FULL and NORMAL runs alternate
(A B A B …); each run's p50 and p99 are printed, then the median of each over the runs with
its min–max. The lines entered are deleted after each run. Figures, not tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meeting.dates import TOKYO  # noqa: E402
from meeting.db import open_database  # noqa: E402
from meeting.db_writes import Checkpointer  # noqa: E402

NOW = datetime(2026, 11, 25, 9, tzinfo=TOKYO)


def one_run(
    path: Path, sync: str, count: int, gap: float, checkpoints: bool = True
) -> tuple[float, float]:
    """p50 and p99 of ``count`` Enters in ms, at ``sync``; without ``checkpoints`` no
    checkpoint runs at all (the log grows), to tell the checkpointer's share of the tail."""
    from meeting.screens.live import ENTER_WAIT
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import Draft, enter_line, save_draft

    db = open_database(path)
    db.execute(f"PRAGMA synchronous = {sync}")
    mode = db.execute("PRAGMA synchronous").fetchone()[0]
    assert mode == {"NORMAL": 1, "FULL": 2}[sync], mode
    checkpointer = Checkpointer(db)
    if not checkpoints:
        checkpointer.stop()
        db.execute("PRAGMA wal_autocheckpoint = 0")
    session_id, member = db.execute(
        "SELECT session_id, member_id FROM utterances ORDER BY id DESC LIMIT 1"
    ).fetchone()
    first_new = db.execute("SELECT max(id) FROM utterances").fetchone()[0]
    speaker = Speaker(SpeakerKind.MEMBER, member)
    samples = []
    try:
        for i in range(count):
            text = f"ベンチマークの発言{i}。委託先の管理体制について確認いたします。"
            save_draft(db, session_id, Draft(text, None, speaker), at=NOW, wait=0)
            time.sleep(gap)
            started = time.perf_counter()
            enter_line(
                db, session_id, text, at=NOW, agenda_item_id=None, speaker=speaker, wait=ENTER_WAIT
            )
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        checkpointer.stop()
        db.execute("DELETE FROM utterances WHERE id > ?", [first_new])
        db.conn.commit()
        db.close()
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--archive", type=Path, default=Path(tempfile.gettempdir()) / "meeting-bench" / "archive.db"
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--gap", type=float, default=0.02, help="seconds between Enters")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modes", nargs="*", default=["FULL", "NORMAL"])
    parser.add_argument(
        "--no-checkpoints", action="store_true", help="no checkpoint at all (the log grows)"
    )
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {mode: [] for mode in args.modes}
    for n in range(args.runs):
        for sync in args.modes:
            p50, p99 = one_run(
                args.archive, sync, args.count, args.gap, checkpoints=not args.no_checkpoints
            )
            results[sync].append((p50, p99))
            print(f"run {n + 1} {sync:6}: p50 {p50:.2f} ms, p99 {p99:.2f} ms", flush=True)
    print()
    print("| synchronous | p50 median (min–max) | p99 median (min–max) |")
    print("|---|---|---|")
    for sync, runs in results.items():
        cells = []
        for k in (0, 1):
            values = [r[k] for r in runs]
            cells.append(
                f"{statistics.median(values):.2f} ms ({min(values):.2f}–{max(values):.2f})"
            )
        print(f"| {sync} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
