"""The chair's view in a browser (``meeting chair --serve``): the token, the served command,
the read-only file, closed text hidden, and the view following the clerk."""

from __future__ import annotations

import asyncio
import gc
import shlex
import socket
import sqlite3
import sys
from datetime import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from agendas.model import ItemKind, Outcome
from agendas.store import add_agenda_item, set_item_public
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.dates import at
from meeting.db import open_read_only
from meeting.entry import serve
from meeting.entry.chair_server import REFUSED, ChairServer
from meeting.entry.cli import main
from meeting.errors import DatabaseFileError
from meeting.model import SessionPlan, SittingPlan
from meeting.quorum import Presence
from meeting.store import list_members, schedule_session
from minutes.decide import DecisionDraft, decide
from minutes.model import SpeakerKind
from minutes.roll import set_presence
from minutes.speakers import Speaker
from minutes.utterances import enter_line, set_lines_public
from tests.conftest import NOW

TOKEN = "Qx7-token_for_the_tests"
SECRETARIAT = Speaker(SpeakerKind.SECRETARIAT)


def _server(command: str = "true") -> ChairServer:
    return ChairServer(command, token=TOKEN, port=8123, say=lambda _: None)


async def _client(server: ChairServer) -> TestClient:
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    return client


# The token


@pytest.mark.parametrize(
    "path",
    ["/", "/?token=wrong", f"/?token={TOKEN}x", "/ws", "/static/js/textual.js", "/download/k"],
)
async def test_a_request_without_the_token_is_refused_in_japanese(path):
    client = await _client(_server())
    try:
        response = await client.get(path)
        assert response.status == 403
        assert await response.text() == REFUSED
        assert "Set-Cookie" not in response.headers
    finally:
        await client.close()


async def test_the_token_opens_the_page_and_its_cookie_the_rest():
    client = await _client(_server())
    try:
        page = await client.get(f"/?token={TOKEN}")
        assert page.status == 200
        html = await page.text()
        assert "会長用画面" in html and 'lang="ja"' in html
        assert "googleapis" not in html  # nothing fetched from outside the room
        host = f"{client.server.host}:{client.server.port}"
        assert f'data-session-websocket-url="ws://{host}/ws"' in html  # the host the browser used
        assert f'href="http://{host}/static/css/xterm.css"' in html
        cookie = page.cookies["meeting-chair-8123"]
        assert cookie.value == TOKEN
        assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/"
        assert page.headers["Referrer-Policy"] == "no-referrer"
        assert page.headers["Cache-Control"] == "no-store"

        client.session.cookie_jar.clear()  # from here, each request carries only its own
        assert (await client.get("/static/js/textual.js")).status == 403
        with_cookie = {"Cookie": f"meeting-chair-8123={TOKEN}"}
        script = await client.get("/static/js/textual.js", headers=with_cookie)
        assert script.status == 200
        wrong_cookie = {"Cookie": "meeting-chair-8123=guess"}
        assert (await client.get("/static/js/textual.js", headers=wrong_cookie)).status == 403
        other_port = {"Cookie": f"meeting-chair-8000={TOKEN}"}  # another server's cookie
        assert (await client.get("/", headers=other_port)).status == 403
    finally:
        await client.close()


# textual-serve leaves the finished process's transport open for the garbage collector.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
async def test_the_websocket_needs_the_cookie_and_then_streams_the_served_chair(
    sitting_now, monkeypatch
):
    path, session = sitting_now
    started: list[asyncio.subprocess.Process] = []
    spawn = asyncio.create_subprocess_shell

    async def keep(*args, **kwargs):
        started.append(await spawn(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(asyncio, "create_subprocess_shell", keep)
    server = _server(serve.served_command(path, session.id))
    client = await _client(server)
    try:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect("/ws?width=100&height=30")
        assert refused.value.status == 403

        ws = await client.ws_connect(
            "/ws?width=100&height=30", headers={"Cookie": f"meeting-chair-8123={TOKEN}"}
        )
        screen = b""
        while "会長用" not in screen.decode("utf-8", "replace"):
            message = await ws.receive(timeout=30)
            assert message.type is aiohttp.WSMsgType.BINARY, message
            screen += message.data
        assert server.viewers == 1
        await ws.close()
        for _ in range(200):  # the chair's view quits when its browser goes
            if server.viewers == 0:
                break
            await asyncio.sleep(0.05)
        assert server.viewers == 0
        assert await asyncio.wait_for(started[0].wait(), 30) == 0
    finally:
        await client.close()
    assert len(started) == 1  # the refused handshake started nothing
    gc.collect()  # while this test's loop is open


# The command it serves


def test_the_served_command_is_the_read_only_chair_of_this_file_and_session(tmp_path):
    db_path = tmp_path / "会議 の.db"
    command = serve.served_command(db_path, 42, python="/opt/py thon/bin/python3")
    assert shlex.split(command) == [
        "/opt/py thon/bin/python3",
        "-m",
        "meeting",
        "--db",
        str(db_path),
        "chair",
        "--session",
        "42",
        "--served",
    ]


def test_a_relative_database_path_is_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    command = shlex.split(serve.served_command(Path("x.db"), 1))
    assert command[0] == sys.executable
    assert command[command.index("--db") + 1] == str(tmp_path / "x.db")


def test_serve_picks_the_session_in_progress_and_passes_the_file(sitting_now, monkeypatch):
    path, session = sitting_now
    asked = {}

    def fake_serve(db_path, chosen, *, lan, port):
        asked.update(db_path=db_path, session=chosen.id, lan=lan, port=port)
        return 0

    monkeypatch.setattr(serve, "serve_chair", fake_serve)
    assert main(["chair", "--serve", "--db", str(path)]) == 0
    assert asked == {"db_path": path, "session": session.id, "lan": False, "port": None}
    assert main(["chair", "--serve", "--lan", "--port", "８０８１", "--db", str(path)]) == 0
    assert asked["lan"] is True and asked["port"] == 8081


def test_without_a_session_to_follow_serve_says_how_to_choose(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "empty.db"), "chair", "--serve"]) == 2
    assert "--session ID で選んでください" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "65536", "abc", "-1", "80.5"])
def test_a_bad_port_is_a_usage_error(sitting_now, port, capsys):
    path, _ = sitting_now
    with pytest.raises(SystemExit) as exited:
        main(["chair", "--serve", "--port", port, "--db", str(path)])
    assert exited.value.code == 2
    assert "ポート番号ではありません（1から65535まで）" in capsys.readouterr().err


@pytest.mark.parametrize("flags", [["--lan"], ["--port", "8080"], ["--serve", "--served"]])
def test_serving_flags_out_of_place_are_usage_errors(sitting_now, flags, capsys):
    path, _ = sitting_now
    assert main(["chair", *flags, "--db", str(path)]) == 2
    assert "--serve と一緒" in capsys.readouterr().err


def test_a_port_in_use_is_named_and_exits_1(sitting_now, capsys):
    path, _ = sitting_now
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["chair", "--serve", "--port", str(port), "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"ポート {port} は使われています" in err
    assert "Traceback" not in err


# Read-only


def test_the_served_chair_opens_the_file_read_only_and_cannot_write(sitting_now):
    path, session = sitting_now
    reader = open_read_only(path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            enter_line(
                reader, session.id, "書けない", at=NOW, agenda_item_id=None, speaker=SECRETARIAT
            )
        with pytest.raises(sqlite3.OperationalError):
            reader.execute("CREATE TABLE x (y)")
    finally:
        reader.close()


def test_a_read_only_open_never_creates_or_takes_a_foreign_file(tmp_path):
    missing = tmp_path / "none.db"
    with pytest.raises(DatabaseFileError, match="ファイルがありません"):
        open_read_only(missing)
    assert not missing.exists()
    text = tmp_path / "notes.db"
    text.write_text("会議のメモ")
    with pytest.raises(DatabaseFileError, match="SQLite のデータベースではありません"):
        open_read_only(text)
    assert text.read_text() == "会議のメモ"


def test_an_old_schema_is_refused_read_only(tmp_path):
    from meeting.db import open_database

    open_database(tmp_path / "m.db").close()
    with pytest.raises(DatabaseFileError, match="古い版"):
        open_read_only(tmp_path / "m.db", known=(*_names(tmp_path / "m.db"), "later"))


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


# The view: following the clerk, closed text hidden


async def _wait_for(pilot, screen, words: str, where: str = "#chair-latest") -> str:
    for _ in range(100):
        shown = str(screen.query_one(where).render())
        if words in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"{words!r} not in {shown!r}")


def _served_app(path: Path, session_id: int, *, served: bool = True) -> MeetingApp:
    return MeetingApp(
        open_read_only(path), clock=fixed_clock(NOW), chair_session=session_id, served=served
    )


async def test_the_served_view_follows_the_clerk_and_no_key_writes(db, sitting_now):
    path, session = sitting_now
    app = _served_app(path, session.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert "閲覧のみ" in screen.title
        enter_line(
            db, session.id, "委員会を開会します。", at=NOW, agenda_item_id=None, speaker=SECRETARIAT
        )
        await _wait_for(pilot, screen, "委員会を開会します。")
        before = list(db.conn.iterdump())
        for key in ("enter", "a", "e", "h", "p", "x", "ctrl+s", "ctrl+o", "delete", "escape"):
            await pilot.press(key)
        await pilot.pause()
        assert app.screen is screen
    assert list(db.conn.iterdump()) == before


def _closed_parts(db, session, consultation) -> None:
    """A closed item with a line and its decision, then a closed line, then a public line."""
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    line = dict(at=NOW, speaker=SECRETARIAT)
    enter_line(db, session.id, "閉じた議題の秘密。", agenda_item_id=item.id, **line)
    decide(db, item.id, DecisionDraft(Outcome.APPROVED, "—承認される。—"), at=NOW)
    set_item_public(db, item.id, False, "条例第7条第2号に該当する情報を含むため")
    closed = enter_line(db, session.id, "閉じた行の秘密。", agenda_item_id=None, **line)
    set_lines_public(db, closed.id, public=False, at=NOW)
    enter_line(db, session.id, "公開の発言です。", agenda_item_id=None, **line)


async def test_closed_text_is_hidden_in_the_served_view(db, sitting_now, consultation):
    path, session = sitting_now
    _closed_parts(db, session, consultation)
    async with _served_app(path, session.id).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        latest = await _wait_for(pilot, screen, "公開の発言です。")
        assert "秘密" not in latest and "承認" not in latest
        assert latest.count("【非公開】") == 2  # the closed item's closing line, the closed line
        decisions = await _wait_for(pilot, screen, "【非公開】", "#chair-decisions")
        assert "承認" not in decisions


async def test_the_terminal_view_still_marks_closed_text_and_shows_it(
    db, sitting_now, consultation
):
    path, session = sitting_now
    _closed_parts(db, session, consultation)
    async with _served_app(path, session.id, served=False).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        latest = await _wait_for(pilot, pilot.app.screen, "閉じた行の秘密。")
        assert "【非公開】" in latest
        await _wait_for(pilot, pilot.app.screen, "承認", "#chair-decisions")


async def test_a_closed_session_is_shown_whole_in_the_served_view(
    db, council, consultation, tmp_path
):
    day = NOW.date()
    plan = SessionPlan(
        public=False, sittings=(SittingPlan(at(day, time(9)), at(day, time(12)), "第2会議室"),)
    )
    session = schedule_session(db, council.id, plan, now=NOW)
    for m in list_members(db, council.id, on=day):
        set_presence(db, session.id, session.sittings[0].id, m.id, Presence(True))
    _closed_parts(db, session, consultation)
    async with _served_app(tmp_path / "meeting.db", session.id).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = pilot.app.screen
        assert "非公開の会議" in screen.title
        await _wait_for(pilot, screen, "閉じた行の秘密。")
        await _wait_for(pilot, screen, "承認", "#chair-decisions")
