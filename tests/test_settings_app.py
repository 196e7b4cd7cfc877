"""The settings as the clerk meets them: keys rebound, a theme kept, a mistake named at start
(and the app open all the same); ``meeting path`` and ``meeting settings`` on the command line."""

from __future__ import annotations

import os
import re
from pathlib import Path

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.cli import main
from meeting.screens.dialogs import HelpScreen, SpeakerPicker
from meeting.screens.home import HomeScreen
from meeting.screens.live import LiveScreen
from meeting.settings import load_settings, settings_path
from tests.conftest import NOW
from tests.test_live_screen import open_live

SIZE = (120, 40)


def settings(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def started(pilot) -> list[str]:
    """What the app said when it started, once the keys are checked (a worker)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(pilot.app.screen, HomeScreen)  # it starts, whatever the file says
    return [n.message for n in pilot.app._notifications]


async def test_a_rebound_key_does_what_the_old_one_did(db, sitting_now):
    settings('[keymap]\n"live.narration" = "ctrl+j"\n')
    _, session = sitting_now
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        assert await started(pilot) == []
        await open_live(pilot, session)
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, LiveScreen)  # the old key does nothing now
        await pilot.press("ctrl+j")
        assert isinstance(app.screen, SpeakerPicker)  # the narrations
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert any(line.strip() == "ctrl+j  ト書き" for line in app.screen.lines)
        assert not any("ctrl+l  ト書き" in line for line in app.screen.lines)


async def test_conflicts_and_unknown_ids_are_named_at_start(db):
    settings(
        "[keymap]\n"
        '"live.narration" = "ctrl+o"\n'  # the decision's key
        'live.naration = "ctrl+j"\n'  # a typo
        '"home.live" = "ctrl+q"\n'  # quitting, on every screen
        '"live.undo" = "ctrl+jj"\n'
    )
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        said = await started(pilot)
    assert len(said) == 4, said
    for words in (
        "「live.naration」という操作はありません（live.narration のことですか）",
        "ctrl+o が同じ画面の live.narration（ト書き） と live.decision（決定）",
        "ctrl+q はどの画面でも「終了」のキーです。home.live（記録）",
        "「ctrl+jj」はキーの名前ではありません",
    ):
        assert any(words in s for s in said), (words, said)


async def test_the_theme_is_applied_and_an_unknown_one_named(db):
    settings('[screen]\ntheme = "nord"\n')
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        assert await started(pilot) == []
        assert app.theme == "nord"

    path = settings('[screen]\n\ntheme = "nordd"\n')
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        (said,) = await started(pilot)
        assert app.theme == "textual-dark"
    assert f"設定ファイル {path} の3行目: 「nordd」というテーマはありません" in said
    assert "既定の配色を使います" in said and "nord、" in said  # the names it could be


async def test_a_theme_the_clerk_chooses_is_kept_in_the_file(db):
    path = settings('[screen]\n# 明るい部屋では textual-light\ntheme = "nord"\n')
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        await started(pilot)
        assert path.read_text(encoding="utf-8").endswith('theme = "nord"\n')  # not rewritten
        app.theme = "dracula"
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == (
        "[screen]\n# 明るい部屋では textual-light\ntheme = 'dracula'\n"
    )
    assert load_settings().settings.theme == "dracula"


async def test_a_broken_file_is_named_with_its_line_and_the_app_starts(db):
    bad = '[screen]\ntheme = "nord"\n[keymap]\n"live.narration" = ctrl+j\n'
    path = settings(bad)
    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=SIZE) as pilot:
        (said,) = await started(pilot)
        assert app.theme == "textual-dark"  # the defaults, all of them
        app.theme = "dracula"  # and nothing written over what the clerk wrote
        await pilot.pause()
        assert any("保存できません" in n.message for n in app._notifications)
    assert f"設定ファイル {path} の4行目" in said and "既定の設定を使います" in said
    assert path.read_text(encoding="utf-8") == bad


# The command line


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_path_prints_every_place(tmp_path, capsys):
    code, out, _ = run(capsys, "--db", str(tmp_path / "x.db"), "path")
    assert code == 0
    assert out.splitlines() == [
        str(tmp_path / "x.db"),
        f"設定: {settings_path()}（まだありません。meeting settings init で作れます）",
        "書式（テンプレート）: データベース内（既定の書式はプログラムに同梱）",
        "バックアップ: 自動バックアップなし（meeting backup --to DIR --daily で設定）",
        f"ログ: {tmp_path / 'meeting.log'}",
        f"キャッシュ（作り直せるもの・消してよい）: {tmp_path / 'cache'}",
    ]
    share = tmp_path / "共有"
    settings(f"[backup]\nfolder = '{share}'\nkeep = 3\n[documents]\nfolder = '{tmp_path}'\n")
    out = run(capsys, "--db", str(tmp_path / "x.db"), "path")[1].splitlines()
    assert out[1] == f"設定: {settings_path()}"
    assert out[3:] == [
        f"バックアップ: {share}（最新3件）",
        f"文書の既定のフォルダ: {tmp_path}",
        f"ログ: {tmp_path / 'meeting.log'}",
        f"キャッシュ（作り直せるもの・消してよい）: {tmp_path / 'cache'}",
    ]


def test_settings_init_and_check(capsys):
    assert run(capsys, "settings", "check") == (
        0,
        f"{settings_path()}: まだありません（既定の設定）\n",
        "",
    )
    code, out, _ = run(capsys, "settings", "init")
    assert code == 0 and str(settings_path()) in out
    assert "# theme" in settings_path().read_text(encoding="utf-8")
    code, _, err = run(capsys, "settings", "init")
    assert code == 2 and "既にあります" in err
    assert run(capsys, "settings", "check")[1] == f"{settings_path()}: 問題はありません\n"

    settings('[screen]\ntheme = "nordd"\n[keymap]\n"live.narration" = "ctrl+o"\n')
    code, out, err = run(capsys, "settings", "check")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and "の2行目: 「nordd」というテーマはありません" in lines[0]
    assert "ctrl+o が同じ画面の live.narration（ト書き） と live.decision（決定）" in lines[1]


def test_backup_daily_writes_the_settings_file(tmp_path, capsys):
    db = tmp_path / "m.db"
    share = tmp_path / "share"
    share.mkdir()
    settings('# 総務課の PC\n[screen]\ntheme = "nord"\n')
    assert run(capsys, "--db", str(db), "backup", "--to", str(share), "--daily")[0] == 0
    text = settings_path().read_text(encoding="utf-8")
    assert text.startswith('# 総務課の PC\n[screen]\ntheme = "nord"\n')
    assert f"[backup]\nfolder = '{share}'\nkeep = 10\n" in text


async def test_the_browsers_chair_view_keeps_no_theme(db, sitting_now):
    path = settings('[screen]\ntheme = "nord"\n')
    _, session = sitting_now
    app = MeetingApp(db, clock=fixed_clock(NOW), chair_session=session.id, served=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "nord"
        app.theme = "dracula"
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == '[screen]\ntheme = "nord"\n'


def test_settings_keys_lists_every_id_with_its_key(capsys):
    settings('[keymap]\n"live.narration" = "ctrl+j"\n')
    code, out, _ = run(capsys, "settings", "keys")
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert code == 0
    assert "live.narration ctrl+j（既定 ctrl+l） ト書き" in lines
    assert "live.decision ctrl+o 決定" in lines and "crash.close escape,enter 閉じる" in lines
    assert "app.palette ctrl+p コマンド" in lines  # the app's own, on every screen
    ids = [line.split()[0] for line in lines]
    assert len(ids) == len(set(ids)) > 100  # each once, form.save too
    assert ids.index("live.member-2") < ids.index("live.member-10")


def test_the_readme_example_is_a_file_that_works(capsys):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    settings(re.search(r"```toml\n(.*?)```", readme, re.S)[1])
    code, _, err = run(capsys, "settings", "check")
    said = err.splitlines()
    if os.name != "nt":  # its folders are Windows paths: not absolute anywhere else
        assert len(said) == 2 and all("folder は" in s and "絶対パス" in s for s in said), said
    else:
        assert code == 0 and said == []
    loaded = load_settings()
    assert loaded.settings.theme == "nord" and loaded.settings.backup_keep == 10
    assert loaded.settings.keymap == {"live.narration": "ctrl+j", "home.live": "f9,ctrl+r"}
