"""The 会議録 rendered from its Word template, against raw python-docx, at 1,000 and 10,000 lines.

    python bench/templates.py [--runs N] [--lines 100 1000 10000]

Ours is the whole export in one process as the app does it (gather, make the context, render
the template through docxtpl, save); raw python-docx writes the same paragraphs' text into a
blank document, once through ``add_paragraph`` (what a script would write; it grows faster
than the lines, as python-docx looks for the section properties each time) and once putting
each paragraph in place directly (linear: the stricter peer). Both defaults are measured;
the writers alternate run by run (A B C D A B C D …), wall and CPU time, medians with
min–max. Figures, not tests: CI never runs this.
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


def _timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Wall and CPU seconds of one call (CPU time is what a shared machine disturbs least)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _cell(samples: list[float]) -> str:
    return f"{statistics.median(samples):.3f} s ({min(samples):.3f}–{max(samples):.3f})"


def main() -> None:
    from dataclasses import replace

    from docx import Document
    from docx.oxml import OxmlElement
    from docx.text.paragraph import Paragraph

    from exports.registry import prepare
    from exports.template_sets import DEFAULTS

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, nargs="*", default=[100, 1000, 10000])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="meeting-bench-"))
    rows = []
    for lines in args.lines:
        db, session_id = _session(work, lines)
        text = [p for p in prepare(db, "minutes", session_id).preview if p]

        def raw(text: list[str] = text) -> None:
            """What a script writes with python-docx's API: add_paragraph looks for the section
            properties among the body's children each time, so it grows with the document."""
            doc = Document()
            for line in text:
                doc.add_paragraph(line)
            doc.save(str(work / "raw.docx"))

        def raw_linear(text: list[str] = text) -> None:
            """python-docx with each paragraph put before the section properties directly."""
            doc = Document()
            body = doc.element.body
            sect = body.sectPr
            for line in text:
                p = OxmlElement("w:p")
                Paragraph(p, body).add_run(line)
                sect.addprevious(p)
            doc.save(str(work / "raw-linear.docx"))

        sides = {"raw python-docx": raw, "raw python-docx, linear": raw_linear}
        for default in DEFAULTS["minutes"]:
            template = default.load()

            def ours(db=db, session_id=session_id, template=template) -> None:  # type: ignore[no-untyped-def]
                prepared = replace(prepare(db, "minutes", session_id), template=template)
                prepared.write(work / "ours.docx")

            sides[f"ours ({default.name})"] = ours
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        for fn in sides.values():  # once each before timing: imports, caches
            fn()
        for _ in range(args.runs):  # A B C D A B C D …
            for name, fn in sides.items():
                samples[name].append(_timed(fn))
        for name, got in samples.items():
            rows.append((lines, name, [w for w, _ in got], [c for _, c in got]))
        db.close()
    print("| lines | writer | wall, median (min–max) | CPU, median (min–max) |")
    print("|---|---|---|---|")
    for lines, name, wall, cpu in rows:
        print(f"| {lines:,} | {name} | {_cell(wall)} | {_cell(cpu)} |")
    print()
    print("Ratios of medians, ours / raw (wall; CPU):")
    for lines in args.lines:
        of = {name: (wall, cpu) for n, name, wall, cpu in rows if n == lines}
        for name, (wall, cpu) in of.items():
            if not name.startswith("ours"):
                continue
            for peer in ("raw python-docx", "raw python-docx, linear"):
                pw, pc = of[peer]
                print(
                    f"  {lines:,} {name} / {peer}: "
                    f"{statistics.median(wall) / statistics.median(pw):.2f}×; "
                    f"{statistics.median(cpu) / statistics.median(pc):.2f}×"
                )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
