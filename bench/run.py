"""The benchmark suite: one command, one table. Not run by CI (figures, not timed tests).

    python bench/run.py [--archive PATH] [--runs N]

Builds (once) the synthetic archive of ``bench/archive.py`` and measures, side by side, the
figures of the table in bench/README.md, each the median of several runs; the README also
holds the results on the development machine and the profiles behind any target missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import archive  # noqa: E402

from meeting.dates import TOKYO  # noqa: E402
from meeting.db import open_database  # noqa: E402

NOW = datetime(2026, 11, 25, 9, tzinfo=TOKYO)


def median_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(fn() for _ in range(runs))


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def launch(path: Path, runs: int) -> tuple[float, float, float]:
    """Seconds to the first full paint, ours on the archive and a bare Textual app; peak KB."""
    probe = ROOT / "bench" / "launch_probe.py"
    peak = 0

    def run(*args: str) -> float:
        nonlocal peak
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, str(probe), *args], capture_output=True, text=True, check=True
        )
        elapsed = time.perf_counter() - started
        if args[0] == "meeting":
            peak = max(peak, int(done.stdout.split("MAXRSS_KB")[1].split()[0]))
        return elapsed

    ours = median_of(runs, lambda: run("meeting", str(path)))
    bare = median_of(runs, lambda: run("bare"))
    return ours, bare, peak / 1024


def enter_latency(path: Path, count: int = 1000, gap: float = 0.02) -> tuple[float, float]:
    """Enter → committed through ``enter_line`` (the live screen's path) at the database's
    default ``synchronous=FULL``, ``gap`` seconds between Enters so that the checkpointer's
    passes fall among them as while a clerk types (bench/enter.py compares NORMAL): p50 and
    p99 in ms."""
    from meeting.db_writes import Checkpointer
    from meeting.screens.live import ENTER_WAIT
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import Draft, enter_line, save_draft

    db = open_database(path)
    checkpointer = Checkpointer(db)  # as the app runs it
    session_id, member = db.execute(
        "SELECT session_id, member_id FROM utterances ORDER BY id DESC LIMIT 1"
    ).fetchone()
    first_new = db.execute("SELECT max(id) FROM utterances").fetchone()[0]
    speaker = Speaker(SpeakerKind.MEMBER, member)
    samples = []
    for i in range(count):
        text = f"ベンチマークの発言{i}。委託先の管理体制について確認いたします。"
        save_draft(db, session_id, Draft(text, None, speaker), at=NOW, wait=0)  # as typing does
        time.sleep(gap)
        started = time.perf_counter()
        enter_line(
            db, session_id, text, at=NOW, agenda_item_id=None, speaker=speaker, wait=ENTER_WAIT
        )
        samples.append((time.perf_counter() - started) * 1000)
    checkpointer.stop()
    db.execute("DELETE FROM utterances WHERE id > ?", [first_new])
    db.conn.commit()
    db.close()
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def docx_figures(runs: int) -> dict[str, float]:
    """A 1,000-line session as .docx: ours, raw python-docx, pandoc from our Markdown."""
    from docx import Document

    from exports.full_minutes import gather_minutes
    from exports.registry import prepare
    from meeting.model import CouncilDraft, MemberDraft, Role, SessionPlan, SittingPlan
    from meeting.store import add_council, add_member, schedule_session
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    work = Path(tempfile.mkdtemp(prefix="meeting-bench-"))
    db = open_database(work / "one.db")
    council = add_council(db, CouncilDraft("あおば台市審議会", "あおば台市"), now=NOW)
    chair = add_member(db, council.id, MemberDraft("森 一郎", role=Role.CHAIR))
    start = NOW + timedelta(days=7)
    session = schedule_session(
        db,
        council.id,
        SessionPlan(sittings=(SittingPlan(start, start + timedelta(hours=2), "第1会議室"),)),
        now=NOW,
    )
    import random

    rng = random.Random(7)
    for i in range(1000):
        speaker = Speaker(SpeakerKind.MEMBER, chair.id) if i % 2 else Speaker(SpeakerKind.AGENCY)
        enter_line(
            db, session.id, archive.sentence(rng), at=start, agenda_item_id=None, speaker=speaker
        )

    def ours() -> None:
        prepare(db, "minutes", session.id, public=True).write(work / "ours.docx")

    lines = gather_minutes(db, session.id, public=True).text_lines()

    def raw() -> None:
        doc = Document()
        for line in lines:
            doc.add_paragraph(line)
        doc.save(str(work / "raw.docx"))

    markdown = work / "minutes.md"
    prepare(db, "minutes", session.id, public=True).write(markdown)
    figures = {
        "ours": median_of(runs, lambda: timed(ours)),
        "raw": median_of(runs, lambda: timed(raw)),
    }
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        try:
            import pypandoc

            pandoc = pypandoc.get_pandoc_path()
        except (ImportError, OSError):
            pandoc = None
    if pandoc:
        figures["pandoc"] = median_of(
            runs,
            lambda: timed(
                lambda: subprocess.run(
                    [
                        pandoc,
                        "-f",
                        "markdown",
                        "-t",
                        "docx",
                        str(markdown),
                        "-o",
                        str(work / "p.docx"),
                    ],
                    check=True,
                )
            ),
        )
    env = dict(os.environ, MEETING_NOW=NOW.isoformat())
    figures["ours_cli"] = median_of(
        runs,
        lambda: timed(
            lambda: subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "meeting",
                    "--db",
                    str(work / "one.db"),
                    "export",
                    "minutes",
                    "--session",
                    str(session.id),
                    "--public",
                    "--force",
                    "--allow-gaps",
                    "-o",
                    str(work / "cli.docx"),
                ],
                check=True,
                capture_output=True,
                env=env,
                cwd=ROOT,
            )
        ),
    )
    db.close()
    shutil.rmtree(work)
    return figures


def queries(path: Path, runs: int = 20) -> dict[str, float]:
    from meeting.store import list_sessions
    from minutes.search import search

    db = open_database(path)
    council_id = db.execute("SELECT id FROM councils").fetchone()[0]
    out = {
        "year": median_of(
            runs, lambda: timed(lambda: list_sessions(db, council_id, fiscal_year=2016))
        ),
        "search": median_of(runs, lambda: timed(lambda: search(db, "再委託の禁止"))),
        "search_rare": median_of(runs, lambda: timed(lambda: search(db, "データの消去を証明"))),
        "search_short": median_of(runs, lambda: timed(lambda: search(db, "研修"))),
        "search_absent": median_of(runs, lambda: timed(lambda: search(db, "議長"))),
        "hits": len(search(db, "再委託の禁止")),
    }
    db.close()
    return out


def chair_pickup(path: Path, runs: int = 5) -> float:
    """Seconds from the clerk's commit to the chair's view showing the line (another process)."""
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    db = open_database(path)
    session_id = db.execute("SELECT max(id) FROM sessions").fetchone()[0]
    first_new = db.execute("SELECT max(id) FROM utterances").fetchone()[0]
    env = dict(os.environ, MEETING_NOW=NOW.isoformat(), PYTHONPATH=str(ROOT))
    chair = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "probe_chair.py"), str(path), str(session_id), "60"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert chair.stdout is not None
    while "READY" not in chair.stdout.readline():
        pass
    samples = []
    for i in range(runs):
        words = f"議長の確認{i}番"
        time.sleep(0.3)
        started = time.perf_counter()
        enter_line(
            db,
            session_id,
            words,
            at=NOW,
            agenda_item_id=None,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
        )
        while words not in chair.stdout.readline():
            pass
        samples.append(time.perf_counter() - started)
    chair.kill()
    chair.wait()
    db.execute("DELETE FROM utterances WHERE id > ?", [first_new])
    db.conn.commit()
    db.close()
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--archive", type=Path, default=Path(tempfile.gettempdir()) / "meeting-bench" / "archive.db"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    args.archive.parent.mkdir(parents=True, exist_ok=True)
    built = archive.build(args.archive)
    sessions, lines = archive.counts(args.archive)
    print(
        f"archive: {args.archive} — {sessions} sessions, {lines} utterances"
        f" ({args.archive.stat().st_size / 1e6:.0f} MB; built in {built['built_s']:.0f} s)"
    )

    ours, bare, peak_mb = launch(args.archive, args.runs)
    p50, p99 = enter_latency(args.archive)
    docx = docx_figures(max(3, args.runs // 2 + 1))
    q = queries(args.archive)
    chair = chair_pickup(args.archive)

    rows = [
        (
            "launch to first paint, ours on the archive / bare Textual app",
            f"{ours:.2f} s / {bare:.2f} s = {ours / bare:.2f}×",
            "≤ 1.3×",
            ours / bare <= 1.3,
        ),
        (
            "Enter → line committed (enter_line, synchronous=FULL, spaced), p50 / p99",
            f"{p50:.2f} ms / {p99:.2f} ms",
            "p99 ≤ 2 ms",
            p99 <= 2,
        ),
        (
            ".docx of a 1,000-line session, ours / raw python-docx",
            f"{docx['ours']:.2f} s / {docx['raw']:.2f} s = {docx['ours'] / docx['raw']:.2f}×",
            "≤ 1.5×",
            docx["ours"] / docx["raw"] <= 1.5,
        ),
    ]
    if "pandoc" in docx:
        rows.append(
            (
                "same session via pandoc from Markdown / ours (command line, whole process)",
                f"{docx['pandoc']:.2f} s / {docx['ours_cli']:.2f} s",
                "ours faster",
                docx["ours_cli"] < docx["pandoc"],
            )
        )
    else:
        rows.append(("same session via pandoc", "pandoc not installed", "ours faster", None))
    rows += [
        (
            "session list of a fiscal year",
            f"{q['year'] * 1000:.1f} ms",
            "≤ 50 ms",
            q["year"] <= 0.05,
        ),
        (
            f"search 再委託の禁止 across the archive ({q['hits']} shown, newest first)",
            f"{q['search'] * 1000:.1f} ms",
            "≤ 50 ms",
            q["search"] <= 0.05,
        ),
        (
            "search データの消去を証明 (a longer phrase)",
            f"{q['search_rare'] * 1000:.1f} ms",
            "≤ 50 ms",
            q["search_rare"] <= 0.05,
        ),
        (
            "search 研修 (two characters, frequent: the grams index)",
            f"{q['search_short'] * 1000:.1f} ms",
            "≤ 50 ms",
            q["search_short"] <= 0.05,
        ),
        (
            "search 議長 (two characters, found nowhere: the grams index)",
            f"{q['search_absent'] * 1000:.1f} ms",
            "≤ 50 ms",
            q["search_absent"] <= 0.05,
        ),
        ("chair's view picking up a clerk's line", f"{chair:.2f} s", "≤ 0.5 s", chair <= 0.5),
        (
            "peak memory of the app with the archive open",
            f"{peak_mb:.0f} MB",
            "≤ 150 MB",
            peak_mb <= 150,
        ),
    ]
    print()
    print("| figure | measured (median) | target | met |")
    print("|---|---|---|---|")
    for name, value, target, met in rows:
        mark = "—" if met is None else ("yes" if met else "**no**")
        print(f"| {name} | {value} | {target} | {mark} |")


if __name__ == "__main__":
    main()
