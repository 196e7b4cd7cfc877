"""The 会議録 rendered from its Word template, against raw python-docx, at 1,000 and 10,000 lines.

    python bench/templates.py [--runs N]

Ours is the whole export in one process as the app does it (gather, make the context, render
the template through docxtpl, save); raw python-docx writes the same paragraphs' text into a
blank document. Both defaults are measured. Figures, not tests: CI never runs this.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
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

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)


def _session(work: Path, lines: int):  # type: ignore[no-untyped-def]
    from meeting.db import open_database
    from meeting.model import CouncilDraft, MemberDraft, Role, SessionPlan, SittingPlan
    from meeting.store import add_council, add_member, schedule_session
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    db = open_database(work / f"s{lines}.db")
    council = add_council(db, CouncilDraft("あおば台市審議会", "あおば台市"), now=NOW)
    chair = add_member(db, council.id, MemberDraft("森 一郎", role=Role.CHAIR))
    start = NOW + timedelta(days=7)
    session = schedule_session(
        db,
        council.id,
        SessionPlan(sittings=(SittingPlan(start, start + timedelta(hours=2), "第1会議室"),)),
        now=NOW,
    )
    rng = random.Random(7)
    for i in range(lines):
        speaker = Speaker(SpeakerKind.MEMBER, chair.id) if i % 2 else Speaker(SpeakerKind.AGENCY)
        enter_line(
            db, session.id, archive.sentence(rng), at=start, agenda_item_id=None, speaker=speaker
        )
    return db, session.id


def _median(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    from dataclasses import replace

    from docx import Document

    from exports.registry import prepare
    from exports.template_sets import DEFAULTS

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="meeting-bench-"))
    rows = []
    for lines in (1000, 10000):
        db, session_id = _session(work, lines)
        text = [p for p in prepare(db, "minutes", session_id).preview if p]

        def raw(text: list[str] = text) -> None:
            doc = Document()
            for line in text:
                doc.add_paragraph(line)
            doc.save(str(work / "raw.docx"))

        raw_s = _median(args.runs, raw)
        for default in DEFAULTS["minutes"]:
            template = default.load()

            def ours(db=db, session_id=session_id, template=template) -> None:  # type: ignore[no-untyped-def]
                prepared = replace(prepare(db, "minutes", session_id), template=template)
                prepared.write(work / "ours.docx")

            ours_s = _median(args.runs, ours)
            rows.append((lines, default.name, ours_s, raw_s))
        db.close()
    print("| lines | template | ours | raw python-docx | ratio |")
    print("|---|---|---|---|---|")
    for lines, name, ours_s, raw_s in rows:
        print(f"| {lines:,} | {name} | {ours_s:.3f} s | {raw_s:.3f} s | {ours_s / raw_s:.2f}× |")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
