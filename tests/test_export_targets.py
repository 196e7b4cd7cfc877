"""No export writes over the app's own files, a device, or a file of another kind — force or not."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from datetime import datetime
from pathlib import Path

import pytest

from exports.atomic import check_replaceable, save
from meeting.dates import TOKYO
from meeting.db import open_database
from meeting.entry.cli import main
from meeting.errors import InputError


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_db(tmp_path, capsys) -> Path:
    path = tmp_path / "clerk.db"
    assert run(capsys, "--db", str(path), "demo")[0] == 0
    return path


def _ids(path: Path) -> tuple[int, int, int]:
    """A held session, its council and a consultation with an answer, from the demo."""
    db = open_database(path)
    try:
        session = db.execute("SELECT id, council_id FROM sessions WHERE status = 'held'").fetchone()
        consultation = db.execute("SELECT consultation_id FROM answers").fetchone()[0]
    finally:
        db.close()
    return session[0], session[1], consultation


def _every_export(path: Path, target: Path) -> list[list[str]]:
    session, council, consultation = _ids(path)
    out = ["-o", str(target)]
    return [
        ["export", "ics", "--session", str(session), *out],
        ["export", "ics", "--council", str(council), *out],
        ["record", "export", "--session", str(session), *out, "--force"],
        *(
            ["export", kind, "--session", str(session), *out, "--force", "--allow-gaps"]
            for kind in ("minutes", "summary", "agenda")
        ),
        ["export", "answer", "--consultation", str(consultation), *out, "--force", "--allow-gaps"],
        ["export", "request", "--consultation", str(consultation), *out, "--force"],
        ["export", "annual", "--council", str(council), "--year", "2026", *out, "--force"],
    ]


def test_no_export_replaces_the_open_database_or_its_backup(demo_db, capsys):
    backup = demo_db.with_name(demo_db.name + ".bak-7")
    backup.write_bytes(demo_db.read_bytes())
    for target in (demo_db, backup):
        before = digest(target)
        for command in _every_export(demo_db, target):
            code, out, err = run(capsys, "--db", str(demo_db), *command)
            assert code != 0, command
            assert str(target) in err and "SQLite のデータベース" in err, (command, err)
            assert "Traceback" not in err
            assert digest(target) == before, command
    db = open_database(demo_db)  # still the clerk's database, whole
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_the_write_ahead_log_and_shared_memory_are_refused(demo_db, capsys):
    db = open_database(demo_db)  # holds -wal and -shm open while the export runs
    try:
        for side in ("-wal", "-shm"):
            target = demo_db.with_name(demo_db.name + side)
            assert target.exists()
            session = _ids(demo_db)[0]
            code, _, err = run(
                capsys,
                "--db",
                str(demo_db),
                "record",
                "export",
                "--session",
                str(session),
                "-o",
                str(target),
                "--force",
            )
            assert code != 0 and "付属ファイル" in err and str(target) in err
    finally:
        db.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a symbolic link needs a privilege there")
def test_a_link_to_the_database_is_followed_and_refused(demo_db, tmp_path, capsys):
    link = tmp_path / "invite.ics"
    link.symlink_to(demo_db)
    before = digest(demo_db)
    session = str(_ids(demo_db)[0])
    code, _, err = run(
        capsys, "--db", str(demo_db), "export", "ics", "--session", session, "-o", str(link)
    )
    assert code != 0 and "SQLite" in err
    assert link.is_symlink() and digest(demo_db) == before


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_a_device_is_never_replaced_by_a_regular_file(demo_db, capsys, device):
    if not Path(device).exists():
        pytest.skip(f"{device} is not on this system")
    session = str(_ids(demo_db)[0])
    for command in (
        ["export", "ics", "--session", session, "-o", device],
        ["export", "minutes", "--session", session, "-o", device, "--force"],
        ["record", "export", "--session", session, "-o", device, "--force"],
    ):
        code, _, err = run(capsys, "--db", str(demo_db), *command)
        assert code != 0 and device in err and "通常のファイルではありません" in err
        assert stat.S_ISCHR(os.stat(device).st_mode)


@pytest.mark.parametrize(
    ("name", "content", "kind", "why"),
    [
        ("report.docx", b"SQLite format 3\x00" + b"\x00" * 100, "docx", "SQLite"),
        ("report.docx", b"just some text", "docx", "Word 文書"),
        ("record.json", b'{"name": "someone else\'s data"}', "json", "記録ファイル"),
        ("record.json", b"not json at all", "json", "記録ファイル"),
        ("invite.ics", b"<html>a web page</html>", "ics", "カレンダー"),
        ("notes.md", b"PK\x03\x04binary zip", "md", "バイナリ"),
        ("notes.md", b"\xd0\xcf\x11\xe0 an old .xls", "md", "バイナリ"),
        ("notes.md", b"%PDF-1.7", "md", "バイナリ"),
        ("minutes.pdf", b"SQLite format 3\x00" + b"\x00" * 100, "pdf", "SQLite"),
        ("minutes.pdf", b"PK\x03\x04 a Word file named .pdf", "pdf", "PDFではありません"),
        ("notes.md", "シフトJISの文章です".encode("cp932"), "md", "UTF-8"),
    ],
)
def test_a_file_of_another_kind_is_refused(tmp_path, name, content, kind, why):
    target = tmp_path / name
    target.write_bytes(content)
    with pytest.raises(InputError) as caught:
        save(target, lambda tmp: Path(tmp).write_text("new"), kind=kind)
    assert str(target) in caught.value.message and why in caught.value.message
    assert target.read_bytes() == content


def test_a_document_of_the_same_kind_is_replaced_when_asked(demo_db, tmp_path, capsys):
    session = str(_ids(demo_db)[0])
    base = ["--db", str(demo_db)]
    for name, command in (
        ("r.json", ["record", "export", "--session", session]),
        ("m.docx", ["export", "minutes", "--session", session, "--allow-gaps"]),
        ("m.md", ["export", "minutes", "--session", session, "--allow-gaps"]),
        ("i.ics", ["export", "ics", "--session", session]),
    ):
        target = tmp_path / name
        assert run(capsys, *base, *command, "-o", str(target))[0] == 0
        again = command + (["--force"] if name != "i.ics" else [])
        assert run(capsys, *base, *again, "-o", str(target))[0] == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["format"]


def test_an_empty_file_may_be_replaced(tmp_path):
    target = tmp_path / "new.docx"
    target.touch()
    assert check_replaceable(target, kind="docx") == target


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX's")
def test_invites_are_private_like_every_other_file(demo_db, tmp_path, capsys):
    target = tmp_path / "invite.ics"
    session = str(_ids(demo_db)[0])
    assert (
        run(capsys, "--db", str(demo_db), "export", "ics", "--session", session, "-o", str(target))[
            0
        ]
        == 0
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for name, command in (
        ("m.docx", ["export", "minutes", "--session", session, "--allow-gaps"]),
        ("r.json", ["record", "export", "--session", session]),
    ):
        assert run(capsys, "--db", str(demo_db), *command, "-o", str(tmp_path / name))[0] == 0
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


async def test_the_export_screen_refuses_the_database_as_its_target(demo_db):
    from textual.widgets import DataTable, Input

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.export import ExportScreen

    db = open_database(demo_db)
    before = "\n".join(db.conn.iterdump())
    app = MeetingApp(db, clock=fixed_clock(datetime(2026, 11, 25, 9, tzinfo=TOKYO)))
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        held = _ids(demo_db)[0]
        ids = [s.id for s in home.sessions]
        home.query_one("#sessions", DataTable).move_cursor(row=ids.index(held))
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        screen.query_one("#path", Input).value = str(demo_db.with_suffix(".docx"))
        demo_db.with_suffix(".docx").write_bytes(demo_db.read_bytes())  # a copy named .docx
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("SQLite のデータベース" in n.message for n in app._notifications)

        # The open database itself: refused by what it is, without opening it (closing any
        # descriptor of it would drop this process's locks and let the log be deleted).
        screen.query_one("#path", Input).value = str(demo_db)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("いま開いている" in n.message for n in app._notifications)
        assert demo_db.with_name(demo_db.name + "-shm").exists()
    assert "\n".join(db.conn.iterdump()) == before
    db.close()
