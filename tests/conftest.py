"""Shared fixtures: a private temporary database and a fixed clock, never the real ones."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import settings

from meeting.dates import TOKYO
from meeting.db import open_database
from meeting.model import CouncilDraft, MemberDraft, Role
from meeting.store import add_council, add_member

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=TOKYO)

# Property tests draw the same examples on every run (deterministic CI); explore new ones with
# ``pytest --hypothesis-seed=N``.
settings.register_profile("meeting", derandomize=True, database=None)
settings.load_profile("meeting")


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """No test reads the real home, data, config or log directory, or the real clock."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))  # the log dir on Linux
    monkeypatch.setenv("MEETING_DB", str(tmp_path / "default.db"))
    monkeypatch.setenv("MEETING_NOW", NOW.isoformat())
    # The settings and the log, on every OS (platformdirs asks Windows, not the environment).
    monkeypatch.setenv("MEETING_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("MEETING_LOG", str(tmp_path / "meeting.log"))
    monkeypatch.setenv("MEETING_CACHE_DIR", str(tmp_path / "cache"))  # compiled templates
    # An unexpected exception behind the app's error boundary still fails the test.
    monkeypatch.setenv("MEETING_STRICT", "1")


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "meeting.db")
    yield database
    database.close()


@pytest.fixture
def council(db):
    """A fictional council of seven, one of whose members' term has ended."""
    c = add_council(
        db,
        CouncilDraft(
            name="かもめ台市情報公開・個人情報保護審議会",
            municipality="かもめ台市",
            quorum_article="かもめ台市情報公開・個人情報保護審議会条例第5条第2項",
            secretariat_name="かもめ台市総務課",
            secretariat_email="soumu@city.kamomedai.example",
        ),
        now=NOW,
    )
    people = [
        ("青木 一郎", Role.CHAIR, "aoki@example.jp"),
        ("井上 花", Role.VICE_CHAIR, "inoue@example.jp"),
        ("上田 進", Role.MEMBER, ""),
        ("江口 和子", Role.MEMBER, "eguchi@example.jp"),
        ("小野 大樹", Role.MEMBER, "ono@example.jp"),
        ("加藤 静", Role.MEMBER, "kato@example.jp"),
    ]
    for name, role, email in people:
        add_member(
            db,
            c.id,
            MemberDraft(name, role=role, term_start=datetime(2025, 4, 1).date(), email=email),
        )
    add_member(
        db,
        c.id,
        MemberDraft(
            "木村 元",
            term_start=datetime(2023, 4, 1).date(),
            term_end=datetime(2025, 3, 31).date(),
            email="kimura@example.jp",
        ),
    )
    return c


@pytest.fixture
def consultation(db, council):
    """A filed consultation of the fixture council, with one question."""
    from agendas.consultations import add_consultation
    from agendas.model import ConsultationDraft, ConsultationKind, Department, Question

    return add_consultation(
        db,
        council.id,
        ConsultationDraft(
            number="8か市第301号",
            title="住民情報の目的外利用について（諮問）",
            consulting=(Department("市民部", "市民課"),),
            questions=(Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第3項第4号"),),
        ),
        now=NOW,
    )


@pytest.fixture
def sitting_now(db, council, tmp_path):
    """A session of the fixture council sitting 9:00–12:00 today, everyone present.

    Returns the database file's path (for other processes) and the session."""
    from datetime import time

    from meeting.dates import at
    from meeting.model import SessionPlan, SittingPlan
    from meeting.quorum import Presence
    from meeting.store import list_members, schedule_session
    from minutes.roll import set_presence

    day = NOW.date()
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(9)), at(day, time(12)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    for m in list_members(db, council.id, on=day):
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    return tmp_path / "meeting.db", session
