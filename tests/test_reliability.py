"""Proof under force: SIGKILL at random moments, two processes at once, every schema version.

Short variants run in CI; ``MEETING_LONG=1`` (``bash tests/run-long.sh``) runs the long ones:
1,000 kills of the typist, 100 kills of an export and of a migration, and a ten-minute
clerk-and-chair run. Each test prints its counts (``pytest -s`` shows them).
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from sqlite_utils import Database

from agendas.consultations import add_consultation
from agendas.model import ConsultationDraft, ConsultationKind, Department, ItemKind, Question
from agendas.store import add_agenda_item
from meeting.dates import TOKYO
from meeting.db import open_database, schema_version
from meeting.entry.demo import load_demo
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS, SCHEMA_VERSION
from meeting.model import SessionStatus
from meeting.search_index import nfkc
from meeting.store import list_sessions
from minutes.store import decisions, utterances
from minutes.utterances import load_draft

HERE = Path(__file__).parent
LONG = os.environ.get("MEETING_LONG") == "1"
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TOKYO)
PHRASE = "第{i}行目の発言です。個人情報の取扱いについて確認します。"


def spawn(*args: object, script: str | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ, MEETING_NOW=NOW.isoformat(), PYTHONPATH=str(HERE.parent))
    command = [sys.executable, str(HERE / script)] if script else [sys.executable, "-m", "meeting"]
    return subprocess.Popen(
        [*command, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=HERE.parent,
    )


def whole(path: Path) -> bool:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


# Crash: the typist killed at random moments


def test_sigkill_at_random_moments_never_loses_an_entered_line(sitting_now):
    path, session = sitting_now
    rounds = 1000 if LONG else 50
    rng = random.Random(20261125)
    kept: list[str] = []
    draft_before = ""
    mid_write = 0
    for n in range(rounds):
        start = n * 100_000
        typist = spawn(path, session.id, start, script="probe_typist.py")
        restored = typist.stdout.readline()
        assert restored.startswith("RESTORED"), typist.stderr.read()
        assert restored.removeprefix("RESTORED").strip() == draft_before  # the draft is back
        time.sleep(rng.uniform(0, 0.06))
        typist.kill()  # SIGKILL (TerminateProcess on Windows)
        out, _ = typist.communicate()
        entered = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ENTERED")]

        assert whole(path)
        db = open_database(path)
        texts = [u.text for u in utterances(db, session.id)]
        ours = texts[len(kept) :]
        last = start + len(ours) - 1
        assert texts[: len(kept)] == kept  # nothing earlier changed
        assert ours == [PHRASE.format(i=i) for i in range(start, last + 1)]  # in order, once
        assert set(entered) <= set(range(start, last + 1))  # every Enter seen is kept
        mid_write += last + 1 - start - len(entered)  # committed, killed before it said so
        draft = load_draft(db, session.id)
        # The line being typed when the process died is either kept or back as the draft;
        # killed before its first save, the typist leaves the draft it found.
        typing = PHRASE.format(i=last + 1)
        assert draft is None or draft.text == typing or (not ours and draft.text == draft_before)
        draft_before = draft.text if draft else ""
        kept = texts
        db.close()
    print(
        f"\ncrash: {rounds} kills, {len(kept)} lines kept in order, {mid_write} killed between"
        " commit and report, none lost"
    )


def test_killed_exports_leave_the_database_whole_and_no_half_file(db, now, tmp_path):
    council = load_demo(db, now=now)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    path = tmp_path / "meeting.db"
    rounds = 100 if LONG else 5
    rng = random.Random(7)
    out = tmp_path / "out" / "minutes.docx"
    out.parent.mkdir()
    before = {u.id: u.text for u in utterances(db, held.id)}
    finished = 0
    for _ in range(rounds):
        writer = spawn(
            "--db", path, "export", "minutes", "--session", held.id, "-o", out, "--force"
        )
        time.sleep(rng.uniform(0.05, 0.6))
        writer.kill()
        writer.wait()
        finished += writer.returncode == 0
        assert whole(path)
        if out.exists():
            Document(str(out))  # never half a document: whole, or not there
    reopened = open_database(path)
    assert {u.id: u.text for u in utterances(reopened, held.id)} == before
    # The next export clears what a killed one left behind once it is stale.
    for leftover in out.parent.glob(".*.tmp"):
        os.utime(leftover, (0, 0))
    assert (
        spawn("--db", path, "export", "minutes", "--session", held.id, "-o", out, "--force").wait()
        == 0
    )
    assert sorted(p.name for p in out.parent.iterdir()) == ["minutes.docx"]
    print(f"\nexport: {rounds} kills ({finished} finished first), database whole each time")


def _old_database(path: Path, version: int) -> Database:
    """A database as the meeting of schema ``version`` left it."""
    conn = sqlite3.connect(path)
    conn.create_function("nfkc", 1, nfkc, deterministic=True)
    db = Database(conn)
    if version < SCHEMA_VERSION:
        MIGRATIONS.apply(db, stop_before=MIGRATION_NAMES[version])
    else:
        MIGRATIONS.apply(db)
    assert schema_version(db) == version
    return db


def _fill_from(source: Database, target: Database) -> dict[str, int]:
    """Copy every row of ``source`` whose table exists in ``target``, in its columns."""
    target.execute("PRAGMA foreign_keys = OFF")
    counts = {}
    for table in target.table_names():
        if table.startswith(("_sqlite", "schema_version", "utterance_search")):
            continue
        if table not in source.table_names():
            continue
        columns = [c.name for c in target[table].columns]
        rows = source.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        marks = ", ".join("?" * len(columns))
        target.conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows
        )
        counts[table] = len(rows)
    target.conn.commit()
    return counts


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_database_of_every_earlier_version_migrates_with_every_row(db, now, tmp_path, version):
    load_demo(db, now=now)
    path = tmp_path / f"v{version}.db"
    old = _old_database(path, version)
    counts = _fill_from(db, old)
    old_rows = {t: old.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in counts}
    old.close()

    migrated = open_database(path)
    assert schema_version(migrated) == SCHEMA_VERSION
    for table, rows in old_rows.items():
        width = len(rows[0]) if rows else 0
        now_rows = migrated.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        assert [r[:width] for r in now_rows] == rows, table  # no row lost, no value changed
    backup = Database(sqlite3.connect(tmp_path / f"v{version}.db.bak-{version}"))
    assert schema_version(backup) == version
    assert {t: backup.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts} == counts
    if "utterances" in counts:  # the search index covers what was there before it existed
        total = migrated.execute("SELECT count(*) FROM utterance_search").fetchone()[0]
        assert total == counts["utterances"]


def test_killed_migrations_leave_a_whole_database_and_the_backup(db, now, tmp_path):
    load_demo(db, now=now)
    version = 4
    template = tmp_path / "template.db"
    old = _old_database(template, version)
    _fill_from(db, old)
    # Enough lines that the migrations (the search index above all) take a while to run.
    session_id, member_id = old.execute(
        "SELECT session_id, member_id FROM utterances WHERE member_id IS NOT NULL"
    ).fetchone()
    old.conn.executemany(
        "INSERT INTO utterances (session_id, position, speaker_kind, member_id, text, spoken_at)"
        " VALUES (?, ?, 'member', ?, ?, '2026-10-21T14:00:00+09:00')",
        [(session_id, 1000 + i, member_id, PHRASE.format(i=i) * 3) for i in range(60_000)],
    )
    old.conn.commit()
    counts = {
        t: old.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("councils", "members", "sessions", "utterances")
    }
    old.close()
    rounds = 100 if LONG else 5
    rng = random.Random(11)
    completed = 0
    left_at: list[int] = []
    for n in range(rounds):
        path = tmp_path / f"m{n}.db"
        shutil.copy(template, path)
        cli = spawn("--db", path, "sessions")
        time.sleep(rng.uniform(0.3, 1.5))
        cli.kill()
        cli.wait()
        completed += cli.returncode == 0
        assert whole(path)
        conn = sqlite3.connect(path)
        left_at.append(conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])
        conn.close()
        migrated = open_database(path)  # finishes what was cut short
        assert schema_version(migrated) == SCHEMA_VERSION
        for table, count in counts.items():
            assert migrated.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count
        backup = tmp_path / f"m{n}.db.bak-{version}"
        assert backup.exists() and whole(backup)
        kept = Database(sqlite3.connect(backup))
        assert schema_version(kept) == version
        assert kept.execute("SELECT count(*) FROM utterances").fetchone()[0] == counts["utterances"]
        migrated.close()
    print(
        f"\nmigration: {rounds} kills ({completed} finished first; schema versions left by the"
        f" kills: {dict(sorted(Counter(left_at).items()))}), each whole and migrated on reopen,"
        f" backup of v{version} kept"
    )


# Two processes: the clerk writing, the chair polling


def _two_processes(db, council, path, session, *, ops: int, seconds: float) -> str:
    items = []
    for n in range(30):
        c = add_consultation(
            db,
            council.id,
            ConsultationDraft(
                number=f"8か第{900 + n}号",
                title=f"試験の諮問{n}について（諮問）",
                consulting=(Department("総務部", "総務課"),),
                questions=(Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第2項"),),
            ),
            now=NOW - timedelta(days=30),
        )
        items.append(add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=c.id))
    before = len(utterances(db, session.id))
    chair = spawn(path, session.id, seconds + 60 if seconds else 120, script="probe_chair.py")
    assert chair.stdout.readline().strip() == "READY", chair.stderr.read()
    writer = spawn(path, session.id, ops, seconds, script="probe_writer.py")
    done, errors = writer.communicate(timeout=seconds + 300 if seconds else 300)
    assert writer.returncode == 0, errors
    assert "locked" not in errors
    counts = dict(part.split("=") for part in done.split()[2:])
    lines = utterances(db, session.id)
    texts = [u.text for u in lines]
    assert len(lines) == before + int(counts["lines"]) + int(counts["decisions"])
    assert len(set(texts)) == len(texts)  # none twice
    assert len(decisions(db, session.id)) == int(counts["decisions"])
    final = texts[-1]
    started = time.monotonic()
    while True:  # the chair shows the final state
        shown = chair.stdout.readline()
        assert shown, chair.stderr.read()
        if final in shown:
            break
    caught_up = time.monotonic() - started
    chair.kill()
    _, chair_errors = chair.communicate()
    assert "locked" not in chair_errors and "Traceback" not in chair_errors
    return f"{done.strip()}; the chair showed the last line {caught_up:.2f} s after the end"


def test_clerk_and_chair_two_thousand_operations(db, council, sitting_now):
    path, session = sitting_now
    summary = _two_processes(db, council, path, session, ops=2000, seconds=0)
    print(f"\ntwo processes: {summary}")


@pytest.mark.long
def test_clerk_and_chair_for_ten_minutes(db, council, sitting_now):
    path, session = sitting_now
    summary = _two_processes(db, council, path, session, ops=0, seconds=600)
    print(f"\ntwo processes, ten minutes: {summary}")
