"""The settings file: read, written back a line at a time, and every mistake in it named."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meeting.errors import InputError
from meeting.keys import Bound, keymap_problems
from meeting.settings import (
    DEFAULT_TEXT,
    Settings,
    change_settings,
    load_settings,
    settings_path,
    toml_value,
    write_default,
)


@pytest.fixture
def path(tmp_path) -> Path:
    """Where the settings are in every test (``MEETING_CONFIG_DIR``, tests/conftest.py)."""
    assert settings_path() == tmp_path / "config" / "settings.toml"
    return settings_path()


def test_no_file_is_the_defaults(path):
    loaded = load_settings()
    assert loaded.settings == Settings() and loaded.problems == () and not path.exists()


def test_the_settings_round_trip_and_the_clerks_comments_stay(path, tmp_path):
    write_default()
    assert path.read_text(encoding="utf-8") == DEFAULT_TEXT
    assert load_settings().settings == Settings()  # every example is commented out
    with pytest.raises(InputError, match="既にあります"):
        write_default()

    path.write_text(
        DEFAULT_TEXT.replace("[screen]\n", "[screen]\n# 会議室のプロジェクターでは明るい方\n")
        + '"live.narration" = "ctrl+j"\nhome.live = "f9, r"\n',
        encoding="utf-8",
    )
    documents = tmp_path / "文書 (共有)" / "it's"
    share = tmp_path / "バックアップ"
    change_settings(
        {
            "documents.folder": documents,
            "screen.theme": "nord",
            "backup.folder": share,
            "backup.keep": 3,
        }
    )
    loaded = load_settings()
    assert loaded.problems == ()
    assert loaded.settings == Settings(
        documents_folder=documents,
        theme="nord",
        backup_folder=share,
        backup_keep=3,
        keymap={"live.narration": "ctrl+j", "home.live": "f9,r"},
    )
    text = path.read_text(encoding="utf-8")
    assert "# 会議室のプロジェクターでは明るい方\n" in text
    assert "で選ぶと、ここに書かれます。\ntheme = 'nord'\n" in text  # where the example was
    assert "# theme =" not in text and text.count("[screen]") == 1
    assert f"folder = '{share}'" in text  # a literal string: a Windows path reads as typed

    change_settings({"screen.theme": "textual-light", "backup.folder": None})
    settings = load_settings().settings
    assert settings.theme == "textual-light" and settings.backup_folder is None
    assert settings.backup_keep == 3 and settings.documents_folder == documents


def test_a_setting_with_no_table_yet_gets_one(path):
    path.parent.mkdir(parents=True)
    path.write_text('[keymap]\n"live.undo" = "ctrl+u"\n', encoding="utf-8")
    change_settings({"backup.folder": Path("/srv/backup"), "backup.keep": 4})
    loaded = load_settings()
    assert loaded.settings.backup_folder == Path("/srv/backup")
    assert loaded.settings.keymap == {"live.undo": "ctrl+u"}


@given(st.text())
def test_any_folder_name_is_written_as_toml_reads_it(text):
    assert tomllib.loads(f"v = {toml_value(text)}")["v"] == text


def test_bad_toml_is_named_with_its_line_and_never_written_over(path):
    path.parent.mkdir(parents=True)
    bad = '[screen]\ntheme = "nord"\n\n[backup]\nfolder = "D:\\共有"\n'  # \共 is no escape
    path.write_text(bad, encoding="utf-8")
    loaded = load_settings()
    assert not loaded.readable and loaded.settings == Settings()
    (problem,) = loaded.problems
    assert f"設定ファイル {path} の5行目" in problem and "既定の設定を使います" in problem
    with pytest.raises(InputError, match="書き方の誤り"):
        change_settings({"screen.theme": "dracula"})
    assert path.read_text(encoding="utf-8") == bad


def test_a_file_not_in_utf8_is_named(path):
    path.parent.mkdir(parents=True)
    path.write_bytes('[screen]\ntheme = "北"\n'.encode("cp932"))
    (problem,) = load_settings().problems
    assert "UTF-8 で保存してください" in problem


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("[screen]\ntheme = 3\n", 2, "screen.theme は文字列で"),
        ("[backup]\nkeep = 0\n", 2, "backup.keep は1以上の整数"),
        ("[backup]\nkeep = true\n", 2, "backup.keep は1以上の整数"),
        ("[documents]\nfolder = 'relative/folder'\n", 2, "絶対パス"),
        ("\n[screen]\ncolour = 'red'\n", 3, "「screen.colour」という設定はありません"),
        ("theme = 'nord'\n", 1, "「theme」という設定はありません"),
        ('[keymap]\n"live.narration" = 5\n', 2, "keymap の live.narration はキーを文字列で"),
        ("[keymap]\nlive.narration = ''\n", 2, "keymap の live.narration はキーを文字列で"),
        ("keymap = 'ctrl+j'\n", 1, "[keymap] の表に"),
    ],
    ids=[
        "theme",
        "keep-0",
        "keep-bool",
        "relative",
        "unknown",
        "top-level",
        "key",
        "empty",
        "keymap",
    ],
)
def test_a_wrong_value_is_named_with_its_line_and_the_rest_is_used(path, text, line, words):
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    loaded = load_settings()
    (problem,) = loaded.problems
    assert f"の{line}行目" in problem and words in problem, problem
    assert loaded.readable


def test_backup_json_from_before_is_folded_in_once(path, tmp_path):
    old = path.parent / "backup.json"
    old.parent.mkdir(parents=True)
    share = tmp_path / "share"
    old.write_text(json.dumps({"folder": str(share), "keep": 4}), encoding="utf-8")
    settings = load_settings().settings
    assert (settings.backup_folder, settings.backup_keep) == (share, 4)
    assert not old.exists()
    assert "# アプリを閉じるとき" in path.read_text(encoding="utf-8")  # the commented file
    assert load_settings().settings == settings


def test_the_documents_folder_of_the_settings_comes_after_the_councils_own(path, tmp_path):
    from meeting.locations import export_folder, remember_export_folder

    documents = tmp_path / "home" / "Documents"
    documents.mkdir(parents=True)
    chosen = tmp_path / "審議会の文書"
    chosen.mkdir()
    assert export_folder(1) == documents
    change_settings({"documents.folder": chosen})
    assert export_folder(1) == chosen
    last = tmp_path / "第1回"
    last.mkdir()
    remember_export_folder(1, last)
    assert export_folder(1) == last and export_folder(2) == chosen
    chosen.rmdir()  # a share not there today: the user's documents folder
    assert export_folder(2) == documents


@pytest.mark.skipif(os.name != "posix" or os.uname().sysname != "Linux", reason="XDG on Linux")
def test_the_default_place_is_the_user_config_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("MEETING_CONFIG_DIR")
    assert settings_path() == tmp_path / "xdg-config" / "meeting" / "settings.toml"


# The keymap's rules (the app gathers the bindings; see test_settings_app.py)


LIVE = [
    Bound("LiveScreen", "ctrl+l", "ト書き", "live.narration"),
    Bound("LiveScreen", "ctrl+o", "決定", "live.decision"),
    Bound("LiveScreen", "tab", "次の欄へ"),
    Bound("HomeScreen", "l", "記録", "home.live"),
    Bound("app", "ctrl+q", "終了", everywhere=True),
    Bound("app", "ctrl+p", "コマンド", "app.palette", everywhere=True),
]


@pytest.mark.parametrize(
    ("keymap", "said"),
    [
        ({"live.narration": "ctrl+j"}, []),
        ({"live.narration": "ctrl+o", "live.decision": "ctrl+l"}, []),  # swapped: no clash
        ({"home.live": "ctrl+o"}, []),  # ctrl+o is another screen's
        (
            {"live.narration": "ctrl+o"},
            ["キー設定: ctrl+o が同じ画面の live.narration（ト書き） と live.decision（決定） に"],
        ),
        ({"live.narration": "tab"}, ["tab が同じ画面の live.narration（ト書き） と 「次の欄へ」"]),
        ({"home.live": "ctrl+q"}, ["ctrl+q はどの画面でも「終了」のキーです。home.live（記録）に"]),
        (
            {"app.palette": "ctrl+l"},
            ["ctrl+l が同じ画面の app.palette（コマンド） と live.narration（ト書き） に"],
        ),
        ({"app.palette": "f5"}, []),
        ({"live.naration": "ctrl+j"}, ["「live.naration」という操作はありません（live.narration"]),
        ({"nothing.here": "f5"}, ["「nothing.here」という操作はありません（一覧は meeting"]),
        ({"live.narration": "ctrl+jj"}, ["「ctrl+jj」はキーの名前ではありません"]),
    ],
    ids=[
        "free",
        "swap",
        "other-screen",
        "clash",
        "textuals",
        "app-wide",
        "app-wide-rebound",
        "app-wide-free",
        "typo",
        "unknown",
        "bad",
    ],
)
def test_the_keymap_is_checked_against_the_bindings(keymap, said):
    problems = keymap_problems(keymap, LIVE, is_key=lambda key: key != "ctrl+jj")
    assert len(problems) == len(said), problems
    for problem, words in zip(problems, said, strict=True):
        assert words in problem, problem


def test_a_layout_the_writer_does_not_know_is_left_as_it_is(path):
    path.parent.mkdir(parents=True)
    dotted = "screen.theme = 'nord'  # a dotted key at the top, not a [screen] table\n"
    path.write_text(dotted, encoding="utf-8")
    assert load_settings().settings.theme == "nord"
    with pytest.raises(InputError, match="手で直してください"):
        change_settings({"screen.theme": "dracula"})
    assert path.read_text(encoding="utf-8") == dotted
