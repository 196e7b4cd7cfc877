"""``meeting settings`` and ``meeting path``: the settings file, and where every file is; and
what the command line says when something unexpected stops it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from meeting.text import visible


def add_parsers(commands: Any) -> None:
    settings = commands.add_parser(
        "settings",
        help="the settings file (documents folder, theme, backup folder, keys): create or check",
        description="The settings are a TOML file in the user config directory (meeting path "
        "prints where). init writes it with every setting commented out, to edit; check says "
        "what is wrong in it (a bad line, an unknown theme or key id, two keys on one screen).",
    )
    actions = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("init", help="write the commented settings file (refused if it is there)")
    actions.add_parser("check", help="read the settings file and name what is wrong (exit 1)")
    actions.add_parser("keys", help="every key's id (for [keymap]), its key and what it does")
    commands.add_parser(
        "path",
        help="print where the database (first line), settings, templates, backups, the log and the "
        "cache are",
    )


def run_settings(args: argparse.Namespace) -> int:
    from meeting.settings import load_settings, write_default

    if args.action == "init":
        print(f"設定ファイルを作りました: {write_default()}")
        return 0
    if args.action == "keys":
        return _print_keys(load_settings().settings.keymap)
    loaded = load_settings()
    problems = list(loaded.problems) + _app_problems(loaded)
    for problem in problems:
        print(f"meeting: {visible(problem)}", file=sys.stderr)
    if not problems:
        state = "問題はありません" if loaded.path.exists() else "まだありません（既定の設定）"
        print(f"{loaded.path}: {state}")
    return 1 if problems else 0


def _app_problems(loaded: Any) -> list[str]:
    """The theme and the keys, checked against the app's themes and screens (without running
    it)."""
    from meeting.app_settings import check
    from meeting.settings import theme_problem

    app = _bare_app()
    problems = [p for p in [theme_problem(loaded, app.available_themes)] if p]
    if loaded.settings.keymap:
        problems += check(loaded.settings.keymap, app)
    return problems


def _print_keys(keymap: Mapping[str, str]) -> int:
    """Each binding id once, with its key (as rebound, and the default beside it)."""
    from meeting.app_settings import bindings

    keys: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for b in bindings(_bare_app()):
        if b.id:
            keys.setdefault(b.id, [])
            if b.key not in keys[b.id]:
                keys[b.id].append(b.key)
            labels[b.id] = b.label
    width = max(len(binding_id) for binding_id in keys)
    for binding_id in sorted(keys, key=_natural):
        default = ",".join(keys[binding_id])
        rebound = keymap.get(binding_id)
        key = f"{rebound}（既定 {default}）" if rebound else default
        print(visible(f"{binding_id:<{width}}  {key:<12}  {labels[binding_id]}".rstrip()))
    return 0


def _natural(text: str) -> list[object]:
    """live.member-2 before live.member-10."""
    import re

    return [int(p) if p.isdigit() else p for p in re.split(r"([0-9]+)", text)]


def _bare_app() -> Any:
    """The app's class with its bindings and themes, and no database: nothing is drawn."""
    from meeting.app import MeetingApp

    return MeetingApp(None)  # type: ignore[arg-type]


def print_paths(db_path: Path) -> int:
    """The database first (scripts read the first line), then what the support desk asks for."""
    from meeting.crashlog import log_path
    from meeting.locations import cache_dir
    from meeting.settings import load_settings

    loaded = load_settings()
    settings = loaded.settings
    print(db_path)
    made = "" if loaded.path.exists() else "（まだありません。meeting settings init で作れます）"
    print(f"設定: {loaded.path}{made}")
    print("書式（テンプレート）: データベース内（既定の書式はプログラムに同梱）")
    if settings.backup_folder is not None:
        print(f"バックアップ: {settings.backup_folder}（最新{settings.backup_keep}件）")
    else:
        print("バックアップ: 自動バックアップなし（meeting backup --to DIR --daily で設定）")
    if settings.documents_folder is not None:
        print(f"文書の既定のフォルダ: {settings.documents_folder}")
    print(f"ログ: {log_path()}")
    print(f"キャッシュ（作り直せるもの・消してよい）: {cache_dir()}")
    return 0


def unexpected(error: BaseException, command: str | None) -> int:
    """An error no handler expected: one line naming it and the log that holds its traceback."""
    from meeting.clock import system_clock
    from meeting.crashlog import record_crash

    log = record_crash(error, where=f"meeting {command or 'app'}", at=system_clock())
    where = f"詳しい記録: {log}" if log else "記録も書けませんでした"
    message = f"予期しないエラーが起きました（{type(error).__name__}: {error}）。{where}"
    print(f"meeting: {visible(message)}", file=sys.stderr)
    return 1


def after_app(app: Any) -> int:
    """The app ended by an error (Textual printed it): say where the log keeps it."""
    if not app.return_code:
        return 0
    if app.crash_log:
        message = f"予期しないエラーで終了しました。詳しい記録: {app.crash_log}"
        print(f"meeting: {message}", file=sys.stderr)
    return 1
