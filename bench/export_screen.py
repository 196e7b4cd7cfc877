"""Opening the export screen on a long session: key (`w` on the home screen) to the first frame
that shows the screen with its preview's first page, and the process's peak memory.

    python bench/export_screen.py --before MAIN_CHECKOUT [--runs 5] [--lines 100 1000 10000]
        [--wait SECONDS]

Builds (once, in a temporary folder) a synthetic session of each size — fictional text from
``bench/archive.py``, five agenda items, a member and the agency speaking in turn — then runs
each side as a fresh process on its own copy of the database, before (the checkout given) and
after (this tree) alternating run by run (A B A B …). The app runs headless at 120×40; the frame
is the first ``App._display`` after the key at which the export screen is on top with its
preview holding lines. Peak memory is ``ru_maxrss`` of the process once the preview is
prepared, and again after End in the preview (the clerk scrolled to the last line). Medians
with min–max. ``--peer NAME=CHECKOUT`` adds a side (another branch merged with this one).
Figures, not tests: CI never runs this.

    python bench/export_screen.py --one DB CHECKOUT   # one run (what the driver starts)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 25, 9, 0)


def build(path: Path, lines: int) -> None:
    """A council and one session of ``lines`` lines under five agenda items."""
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE))
    import archive

    from agendas.model import ItemKind
    from agendas.store import add_agenda_item
    from meeting.dates import TOKYO
    from meeting.db import open_database
    from meeting.model import CouncilDraft, MemberDraft, Role, SessionPlan, SittingPlan
    from meeting.store import add_council, add_member, schedule_session
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    now = NOW.replace(tzinfo=TOKYO)
    db = open_database(path)
    council = add_council(db, CouncilDraft("あおば台市審議会", "あおば台市"), now=now)
    chair = add_member(db, council.id, MemberDraft("森 一郎", role=Role.CHAIR))
    member = add_member(db, council.id, MemberDraft("青木 花子"))
    start = now + timedelta(days=7)
    session = schedule_session(
        db,
        council.id,
        SessionPlan(sittings=(SittingPlan(start, start + timedelta(hours=2), "第1会議室"),)),
        now=now,
    )
    items = [add_agenda_item(db, session.id, ItemKind.REPORT, f"報告{i + 1}") for i in range(5)]
    rng = random.Random(7)
    speakers = [
        Speaker(SpeakerKind.MEMBER, chair.id),
        Speaker(SpeakerKind.MEMBER, member.id),
        Speaker(SpeakerKind.AGENCY),
    ]
    for i in range(lines):
        enter_line(
            db,
            session.id,
            f"{i + 1}行目　{archive.sentence(rng)}",
            at=start + timedelta(seconds=i),
            agenda_item_id=items[i * len(items) // lines].id,
            speaker=speakers[i % len(speakers)],
        )
    db.close()


def one(path: str, checkout: str, wait: float = 0.3) -> None:
    """One run in this process: open the home screen, press `w`, time to the export frame."""
    sys.path.insert(0, checkout)
    import asyncio
    import gc
    import resource
    import time

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.dates import TOKYO
    from meeting.db import open_database

    def shown(screen: object) -> bool:
        """The export screen with the document's first page in its preview (either side's
        widget keeps the lines; a screen drawn before the document is prepared shows only a
        line saying so)."""
        if type(screen).__name__ != "ExportScreen":
            return False
        found = screen.query("#export-preview-text")  # type: ignore[attr-defined]
        if not found or getattr(screen, "prepared", None) is None:
            return False
        return bool(getattr(found.first(), "lines", None))

    def prepared(screen: object) -> bool:
        pending = getattr(screen, "preparing", None)  # after: the worker has posted its result
        return getattr(screen, "prepared", None) is not None and not pending

    async def run() -> dict[str, float]:
        # as the command line starts the app (meeting.entry.cli._run_app): the collector off
        # until the first frame, where the app sets the launch's objects aside and turns it on
        gc.disable()
        app = MeetingApp(open_database(path), clock=fixed_clock(NOW.replace(tzinfo=TOKYO)))
        frames: list[float] = []
        screens: list[float] = []
        original = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None and type(screen).__name__ == "ExportScreen":
                screens.append(time.perf_counter())
            if renderable is not None and shown(screen):
                frames.append(time.perf_counter())
            return original(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.pause(wait)
            rss_home = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            frames.clear()
            t0 = time.perf_counter()
            await pilot.press("w")
            while not frames:
                await asyncio.sleep(0.001)
            t1 = frames[0]
            while not prepared(app.screen):
                await asyncio.sleep(0.005)
            await pilot.pause(0.3)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            scrolled = [w for w in app.screen.query("#export-preview, #export-preview-text")]
            next(w for w in scrolled if w.can_focus).focus()
            await pilot.press("end")  # the clerk scrolls to the last line
            await pilot.pause(0.3)
            rss_end = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {
            "keyframe_s": t1 - t0,
            "screen_s": screens[0] - t0,
            "rss_mb": rss,
            "rss_end_mb": rss_end,
            "rss_home_mb": rss_home,
        }

    print("RESULT " + json.dumps(asyncio.run(run())))


def _cell(samples: list[float], unit: str) -> str:
    return f"{statistics.median(samples):,.0f} {unit} ({min(samples):,.0f}–{max(samples):,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", help="the checkout measured first (main)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument(
        "--peer", action="append", default=[], metavar="NAME=CHECKOUT", help="another side"
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=0.3,
        help="seconds on the home screen before `w` (the app imports the next screens' modules"
        " WARM_AFTER seconds after its first frame: 2 measures a clerk who did not press `w`"
        " at once)",
    )
    parser.add_argument("--one", nargs=2, metavar=("DB", "CHECKOUT"))
    args = parser.parse_args()
    if args.one:
        one(*args.one, wait=args.wait)
        return
    sides = {"before": args.before, "after": str(HERE.parent)}
    sides |= dict(peer.split("=", 1) for peer in args.peer)
    sides = {name: tree for name, tree in sides.items() if tree}
    work = Path(tempfile.mkdtemp(prefix="meeting-bench-export-"))
    rows = []
    try:
        for lines in args.lines:
            base = work / f"s{lines}.db"
            build(base, lines)
            copies = {}
            for name in sides:
                copies[name] = work / f"s{lines}-{name}.db"
                shutil.copy(base, copies[name])
            got: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
            for run in range(-1, args.runs):  # an untimed run each, then A B A B …
                for name, tree in sides.items():
                    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
                    # each side its own bytecode, written by the untimed run, as installed
                    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache" / name)
                    out = subprocess.run(
                        [sys.executable, __file__, "--wait", str(args.wait), "--one"]
                        + [str(copies[name]), tree],
                        capture_output=True,
                        text=True,
                        check=True,
                        cwd=work,
                        env={**env, "PYTHONPATH": tree},
                    ).stdout
                    result = json.loads(out.split("RESULT ", 1)[1])
                    if run < 0:
                        continue
                    got[name].append(result)
                    print(lines, name, run, result, file=sys.stderr, flush=True)
            for name, results in got.items():
                rows.append((lines, name, results))
    finally:
        shutil.rmtree(work)
    print(
        "| lines | side | key → the screen's first frame | key → the first page"
        " | peak RSS, open | peak RSS, after End |"
    )
    print("|---|---|---|---|---|---|")
    for lines, name, results in rows:
        screen = _cell([r.get("screen_s", r["keyframe_s"]) * 1000 for r in results], "ms")
        keyframe = _cell([r["keyframe_s"] * 1000 for r in results], "ms")
        rss = _cell([r["rss_mb"] for r in results], "MB")
        end = _cell([r["rss_end_mb"] for r in results], "MB")
        print(f"| {lines:,} | {name} | {screen} | {keyframe} | {rss} | {end} |")


if __name__ == "__main__":
    main()
