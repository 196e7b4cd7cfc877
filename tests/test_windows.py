"""The clerk's Windows PC, simulated where it can be: a cp932 console, a document Word holds open,
Explorer for a folder.

Windows replaces no file another program has open, and its console (or a redirect) may speak
cp932, which has no 𠮷 and no emoji: neither may end a command with a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from meeting.entry.cli import main
from meeting.errors import FileInUseError

WORD_OPEN = "Word などで開いているため書き込めません。閉じてからもう一度お試しください"
COUNCIL = "𠮷野市情報公開審議会😀"
ITEM = "𠮷田地区の防犯カメラ🎥について"
LINE = "了解しました👍 𠮷野です"


# A cp932 console


@pytest.fixture
def any_text_db(db, now, tmp_path) -> Path:
    """A council, a session, an item and a line whose text cp932 cannot show."""
    from agendas.model import ItemKind
    from agendas.store import add_agenda_item
    from meeting.dates import at
    from meeting.model import CouncilDraft, SessionPlan, SittingPlan
    from meeting.store import add_council, schedule_session
    from minutes.model import SpeakerKind
    from minutes.speakers import Speaker
    from minutes.utterances import enter_line

    council = add_council(db, CouncilDraft(name=COUNCIL, municipality="𠮷野市"), now=now)
    day = now.date()
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(10)), None, "𠮷野市役所🏢"),))
    session = schedule_session(db, council.id, plan, now=now)
    item = add_agenda_item(db, session.id, ItemKind.OTHER, ITEM)
    speaker = Speaker(SpeakerKind.OTHER, None, "𠮷田さん")
    enter_line(db, session.id, LINE, at=now, agenda_item_id=item.id, speaker=speaker)
    db.close()
    return tmp_path / "meeting.db"


def run_cp932(db: Path, *args: str) -> tuple[int, bytes, bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "cp932", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "meeting", "--db", str(db), *args],
        capture_output=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).parent.parent,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode("cp932", "replace")
    assert b"UnicodeEncodeError" not in done.stderr
    return done.returncode, done.stdout, done.stderr


def test_json_on_a_cp932_console_keeps_every_character(any_text_db):
    code, out, _ = run_cp932(any_text_db, "sessions", "--json")
    assert code == 0
    out.decode("ascii")  # \u escapes: readable in cp932, in UTF-8, anywhere
    sessions = json.loads(out.decode("cp932"))
    assert sessions[0]["council"] == COUNCIL
    assert sessions[0]["sittings"][0]["place"] == "𠮷野市役所🏢"


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["sessions"], "?野市情報公開審議会?"),
        (["record", "show", "--session", "1"], "?田地区の防犯カメラ?について"),
        (["template", "list"], "?野市情報公開審議会?（審議会ID 1）"),
        (["close", "item", "1", "--reason", "𠮷😀"], "を非公開にしました（??）"),
        (["path"], "meeting.db"),
    ],
    ids=["sessions", "record-show", "template-list", "close", "path"],
)
def test_tables_on_a_cp932_console_show_what_it_can(any_text_db, args, shown):
    code, out, _ = run_cp932(any_text_db, *args)
    assert code == 0
    text = out.decode("cp932")  # strictly: every byte is cp932
    assert shown in text, text


def test_a_line_with_emoji_is_shown_as_far_as_cp932_goes(any_text_db):
    code, out, _ = run_cp932(any_text_db, "record", "show", "--session", "1")
    assert code == 0
    assert "了解しました? ?野です" in out.decode("cp932")


def test_an_error_naming_such_text_is_one_line_on_a_cp932_console(any_text_db, tmp_path):
    missing = tmp_path / "𠮷😀" / "x.ics"
    code, _, err = run_cp932(any_text_db, "export", "ics", "--session", "1", "-o", str(missing))
    assert code == 2
    assert err.count(b"\n") == 1


# A document open in Word


@pytest.fixture
def demo_db(tmp_path, capsys) -> Path:
    path = tmp_path / "clerk.db"
    assert main(["--db", str(path), "demo"]) == 0
    capsys.readouterr()
    return path


def _held(path: Path) -> str:
    from meeting.db import open_database
    from meeting.model import SessionStatus
    from meeting.store import list_councils, list_sessions

    db = open_database(path)
    try:
        council = list_councils(db)[0]
        return str(
            next(s.id for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
        )
    finally:
        db.close()


@pytest.fixture
def word_has_it_open(monkeypatch):
    """Windows' answer to replacing a file Word shows: access denied (simulated)."""
    real = os.replace
    refused: list[Path] = []

    def replace(src, dst, *args, **kwargs):
        if Path(dst).suffix in (".docx", ".md", ".pdf", ".ics") and Path(dst).exists():
            refused.append(Path(dst))
            raise PermissionError(13, "アクセスが拒否されました。", str(src), 5, str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    return refused


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_the_command_line_names_a_document_open_in_word(demo_db, tmp_path, capsys, request):
    out = tmp_path / "会議概要.docx"
    args = ["--db", str(demo_db), "export", "summary", "--session", _held(demo_db), "-o", str(out)]
    assert main(args) == 0
    before = out.read_bytes()
    capsys.readouterr()
    refused = request.getfixturevalue("word_has_it_open")
    assert main([*args, "--force"]) == 1
    err = capsys.readouterr().err
    assert err == f"meeting: {out} は {WORD_OPEN}\n"
    assert refused == [out]
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_read_only_document_is_not_said_to_be_open_in_word(tmp_path, word_has_it_open):
    from exports.atomic import save

    out = tmp_path / "答申書.md"
    out.write_text("前の版", encoding="utf-8")
    out.chmod(0o444)
    try:
        if os.access(out, os.W_OK):
            pytest.skip("this user writes a read-only file all the same (root)")
        with pytest.raises(PermissionError) as caught:
            save(out, lambda tmp: Path(tmp).write_text("新しい版", encoding="utf-8"))
        assert not isinstance(caught.value, FileInUseError)
    finally:
        out.chmod(0o644)
    assert _leftovers(tmp_path) == []


def test_the_error_is_a_permission_error_that_says_what_to_do(tmp_path):
    error = FileInUseError(tmp_path / "会議録.docx")
    assert isinstance(error, PermissionError)
    assert str(error) == f"{tmp_path / '会議録.docx'} は {WORD_OPEN}"


async def test_the_export_screen_names_a_document_open_in_word(demo_db, tmp_path, request):
    from datetime import datetime

    from textual.widgets import DataTable, Input

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.dates import TOKYO
    from meeting.db import open_database
    from meeting.screens.dialogs import ConfirmDialog
    from meeting.screens.export import ExportScreen

    out = tmp_path / "会議録.docx"
    held = _held(demo_db)
    assert main(["--db", str(demo_db), "export", "minutes", "--session", held, "-o", str(out)]) == 0
    before = out.read_bytes()
    request.getfixturevalue("word_has_it_open")
    db = open_database(demo_db)
    app = MeetingApp(db, clock=fixed_clock(datetime(2026, 11, 25, 9, tzinfo=TOKYO)))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            home = app.screen
            ids = [s.id for s in home.sessions]
            home.query_one("#sessions", DataTable).move_cursor(row=ids.index(int(held)))
            await pilot.press("w")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one("#path", Input).value = str(out)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)  # 上書きしますか
            await pilot.press("y")
            await app.workers.wait_for_complete()
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(f"{out} は {WORD_OPEN}" in m for m in messages), messages
            assert isinstance(app.screen, ExportScreen)  # the clerk closes Word and tries again
    finally:
        db.close()
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


# Explorer for a folder


def test_windows_opens_a_folder_with_the_shell(tmp_path, monkeypatch):
    from exports import folder as folders
    from meeting.errors import InputError

    opened: list[Path] = []
    monkeypatch.setattr(folders.sys, "platform", "win32")
    monkeypatch.setattr(folders.os, "startfile", opened.append, raising=False)
    monkeypatch.setattr(
        folders.subprocess, "Popen", lambda *a, **k: pytest.fail("no command line on Windows")
    )
    folders.open_folder(tmp_path)
    assert opened == [tmp_path]

    def refuse(path):
        raise OSError(2, "指定されたファイルが見つかりません。")

    monkeypatch.setattr(folders.os, "startfile", refuse, raising=False)
    with pytest.raises(InputError, match="フォルダを開けません"):
        folders.open_folder(tmp_path)
