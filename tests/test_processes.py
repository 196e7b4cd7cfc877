"""Real processes: the clerk killed with SIGKILL between lines, and the chair following live."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from meeting.dates import TOKYO
from meeting.db import open_database
from meeting.quorum import Presence
from meeting.store import list_members
from minutes.model import SpeakerKind
from minutes.roll import set_presence
from minutes.speakers import Speaker
from minutes.store import utterances
from minutes.utterances import enter_line, load_draft

HERE = Path(__file__).parent
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)
PHRASE = "第{i}行目の発言です。個人情報の取扱いについて確認します。"


def spawn(script: str, *args: object) -> subprocess.Popen[str]:
    env = dict(os.environ, MEETING_NOW=NOW.isoformat(), PYTHONPATH=str(HERE.parent))
    return subprocess.Popen(
        [sys.executable, str(HERE / script), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_sigkill_between_lines_loses_nothing(sitting_now):
    path, session = sitting_now
    rng = random.Random(20261125)
    entered: list[int] = []
    start = 0
    for _ in range(5):
        clerk = spawn("probe_clerk.py", path, session.id, start, 1000)
        restored = clerk.stdout.readline()
        assert restored.startswith("RESTORED"), clerk.stderr.read()
        stop_after = rng.randint(1, 12)
        drafted = None
        events = 0
        while events < stop_after:
            word, number = clerk.stdout.readline().split()
            events += 1
            if word == "DRAFT":
                drafted = int(number)
            else:
                entered.append(int(number))
        clerk.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
        clerk.wait()

        db = open_database(path)
        texts = [u.text for u in utterances(db, session.id)]
        expected = [PHRASE.format(i=i) for i in entered]
        assert texts[: len(expected)] == expected  # every Enter that was seen is kept, in order
        assert len(texts) == len(set(texts))  # and none twice
        draft = load_draft(db, session.id)
        if drafted is not None and drafted not in entered:
            pending = PHRASE.format(i=drafted)
            # Killed after the draft was saved: either the Enter got in, or the draft is back.
            assert (texts and texts[-1] == pending) or (draft is not None and draft.text == pending)
            if texts and texts[-1] == pending:
                entered.append(drafted)
        db.close()
        start += 100

    # The last restart shows the draft in the line, as it was when the process died.
    clerk = spawn("probe_clerk.py", path, session.id, start, 0)
    restored = clerk.stdout.readline().removeprefix("RESTORED").strip()
    clerk.wait(timeout=30)
    db = open_database(path)
    draft = load_draft(db, session.id)
    assert restored == (draft.text if draft else "")


def test_the_chair_sees_a_new_line_and_a_departure_within_a_second(sitting_now):
    path, session = sitting_now
    chair = spawn("probe_chair.py", path, session.id, 5)
    assert chair.stdout.readline().strip() == "READY", chair.stderr.read()
    assert "成立" in chair.stdout.readline()
    db = open_database(path)

    def wait_for(words: str) -> float:
        started = time.monotonic()
        while True:
            line = chair.stdout.readline()
            assert line, chair.stderr.read()
            if words in line:
                return time.monotonic() - started

    enter_line(
        db,
        session.id,
        "委員からの新しい質問です。",
        at=NOW,
        agenda_item_id=None,
        speaker=Speaker(SpeakerKind.SECRETARIAT),
    )
    assert wait_for("委員からの新しい質問です。") < 1.0

    members = list_members(db, session.council_id, on=NOW.date())
    for m in members[:3]:
        set_presence(
            db,
            session.id,
            session.sittings[0].id,
            m.id,
            Presence(True, left_at=datetime(2026, 11, 25, 9, 50, tzinfo=TOKYO)),
        )
    assert wait_for("不成立") < 1.0
    for i in range(200):  # the clerk keeps writing while the chair polls: no lock errors
        enter_line(
            db,
            session.id,
            f"続けて{i}",
            at=NOW,
            agenda_item_id=None,
            speaker=Speaker(SpeakerKind.SECRETARIAT),
        )
    chair.wait(timeout=30)
    assert chair.returncode == 0
    assert "locked" not in chair.stderr.read()
