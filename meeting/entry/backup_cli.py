"""``meeting backup`` and ``meeting restore``, and the backup the app makes when it closes."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Any

from meeting.clock import system_clock
from meeting.errors import InputError
from meeting.text import visible


def keep_count(text: str) -> int:
    """How many backups to keep: a whole number from 1, said in Japanese when it is not."""
    s = unicodedata.normalize("NFKC", text).strip()
    if not s.isascii() or not s.isdigit():  # 0 is refused with the other checks
        raise argparse.ArgumentTypeError(f"「{visible(text)}」は残す数になりません（1以上の整数）")
    return int(s)


def add_parsers(commands: Any) -> None:
    backup = commands.add_parser(
        "backup",
        help="copy the database into a dated file in a folder (the shared folder), keeping N",
        description="Copy the database, consistently even while the app is open, into "
        "DIR/meeting-YYYYMMDD-HHMM.db, then keep the last N of those dated files (nothing else "
        "in DIR is touched). With --daily the app also does this when it closes, at most once "
        "a day. A backup on a network share is safe; the live database is not.",
    )
    backup.add_argument("--to", metavar="DIR", help="the folder (default: the --daily one)")
    backup.add_argument(
        "--keep", type=keep_count, metavar="N", help="how many dated backups to keep (default: 10)"
    )
    daily = backup.add_mutually_exclusive_group()
    daily.add_argument(
        "--daily",
        action="store_true",
        help="remember DIR (and N): the app backs up there when it closes, once a day",
    )
    daily.add_argument(
        "--no-daily", action="store_true", help="stop the app's daily backup (and make none now)"
    )
    restore = commands.add_parser(
        "restore",
        help="put a backup in place of the database (checked first; the current one kept aside)",
        description="Check FILE (SQLite's integrity check; a meeting database not newer than "
        "this version), move the current database aside as <db>.before-restore-YYYYMMDD-HHMMSS, "
        "and put FILE in its place. An older schema is brought up to date. Close the app and "
        "the chair's view first.",
    )
    restore.add_argument("file", metavar="FILE", help="the backup (a meeting-YYYYMMDD-HHMM.db)")


def run_backup(db: Any, path: Path, args: argparse.Namespace) -> int:
    from meeting.backup import DEFAULT_KEEP, Daily, check_keep, daily_backup, make_backup
    from meeting.backup import set_daily_backup as remember

    if args.no_daily:
        if args.to or args.keep is not None:
            raise InputError("--no-daily", "--to や --keep とは一緒に使えません")
        remember(None)
        print("アプリを閉じるときの自動バックアップをやめました")
        return 0
    daily = daily_backup()
    if args.to:
        folder = Path(args.to).expanduser().absolute()
    elif daily is not None:
        folder = daily.folder
    else:
        raise InputError("--to", "バックアップ先のフォルダを --to で指定してください")
    keep = args.keep if args.keep is not None else (daily.keep if daily else DEFAULT_KEEP)
    check_keep(keep)
    made = make_backup(db, path, folder, at=system_clock(), keep=keep)
    print(made.path)
    if made.removed:
        print(f"古いバックアップを{len(made.removed)}件削除しました（最新{keep}件を残します）")
    if args.daily:
        settings = remember(Daily(folder, keep))
        print(f"アプリを閉じるとき（1日1回）{folder} にバックアップします（設定: {settings}）")
    return 0


def run_restore(path: Path, args: argparse.Namespace) -> int:
    from meeting.backup import restore
    from meeting.db import open_database

    restored = restore(path, Path(args.file), at=system_clock(), shared_folder=args.shared_folder)
    open_database(path, shared_folder=args.shared_folder).close()  # an older schema migrated
    print(f"復元しました: {path}（{args.file}、スキーマ第{restored.version}版）")
    if restored.aside:
        print(f"元のデータベースは {restored.aside[0]} に残しました")
    return 0


def backup_after_app(db: Any, path: Path) -> None:
    """The daily backup when the app closes; a failure is said, never in the way of quitting."""
    import sqlite3

    from meeting.backup import backup_on_close

    try:
        made = backup_on_close(db, path, at=system_clock())
    except InputError as e:
        print(f"meeting: 自動バックアップできません: {visible(e.message)}", file=sys.stderr)
        return
    except (OSError, sqlite3.Error) as e:
        print(f"meeting: 自動バックアップできません: {visible(str(e))}", file=sys.stderr)
        return
    if made is not None:
        print(f"バックアップしました: {made.path}")
