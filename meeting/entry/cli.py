"""The ``meeting`` command: the app by default, and a few commands for scripts and tests.

This module is the console entry point: it opens the app, or reads a command with the whole
parser (``meeting.entry.parser``) and runs it from its own module, imported only when it runs,
then turns every expected error into one line and an exit status.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from meeting.clock import system_clock
from meeting.entry.console import console_safe
from meeting.errors import ConversionError, DatabaseFileError, FileInUseError, InputError
from meeting.locations import database_path
from meeting.text import visible

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

    from meeting.model import Council

USAGE = 2
"""Exit status for what the caller asked: bad arguments, input refused, an ID that is not there."""
FAILURE = 1
"""Exit status for what went wrong running it: the database file, the disk, a lock, the system."""
READER_GONE = 141
"""Exit status when the output's reader stopped reading (128 + SIGPIPE, as a shell reports it)."""


def _app_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The app's own command lines — ``meeting``, ``meeting --db F``, ``meeting app
    --shared-folder`` … — read without building every command's parser, which is a launch's
    largest piece of work before the app's own (bench/README.md, the launch). Anything else,
    help and mistakes included, is None: the whole parser reads it, as before."""
    db: str | None = None
    shared = app = False
    words = iter(argv)
    for word in words:
        if word == "--shared-folder" and not shared:
            shared = True
        elif word == "app" and not app:
            app = True
        elif word == "--db" and db is None:
            db = next(words, None)
            if db is None or db.startswith("-"):
                return None  # the parser names what is missing
        elif word.startswith("--db=") and db is None:
            db = word.removeprefix("--db=")
        else:
            return None
    return argparse.Namespace(command="app" if app else None, db=db, shared_folder=shared)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit 2 for a usage error (argparse exits 2 itself), 1 for a runtime one
    (the app too, when it stopped on an error), 130 when stopped with Ctrl+C (128 + SIGINT, as
    a shell reports it), 141 when the output's reader stopped reading (``| head``), silently.

    Every expected error is one line on stderr, never a traceback.
    """
    console_safe()
    args = _app_arguments(sys.argv[1:] if argv is None else argv)
    if args is None:
        from meeting.entry.parser import build_parser

        args = build_parser().parse_args(argv)
    path = database_path(args.db)
    shared = args.shared_folder
    try:
        code = _command(args, path, shared)
        sys.stdout.flush()  # a reader that stopped early (`| head`) is met here, not at exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except (InputError, LookupError) as e:  # LookupError: store.NotFound, an unknown ID
        return _fail(str(e), USAGE)
    except (DatabaseFileError, ConversionError) as e:
        return _fail(str(e), FAILURE)
    except sqlite3.Error as e:  # after opening: a lock held too long, a full disk…
        from meeting.db_errors import explain

        return _fail(f"{path}: {explain(e, path)}", FAILURE)
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError, FileExistsError) as e:
        return _fail(_os_error(e), USAGE)  # a path given on the command line that is wrong
    except OSError as e:  # a document or a record file that cannot be read or written
        return _fail(_os_error(e), FAILURE)
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # noqa: BLE001 - a crash: one line and the log's path
        from meeting.entry.settings_cli import unexpected

        return unexpected(e, args.command)


def _command(args: argparse.Namespace, path: Path, shared: bool) -> int:
    """Run the command ``args`` names; its errors are main's to tell."""
    if args.command in (None, "app"):
        return _run_app(path, shared)
    if args.command == "path":
        from meeting.entry.settings_cli import print_paths

        return print_paths(path)
    if args.command == "settings":
        from meeting.entry.settings_cli import run_settings

        return run_settings(args)
    if args.command == "restore":
        from meeting.entry.backup_cli import run_restore

        return run_restore(path, args)
    from meeting.db import open_database, open_read_only

    # The chair's view served to a browser reads the file and never writes it.
    if getattr(args, "served", False):
        db = open_read_only(path)
    else:
        db = open_database(path, shared_folder=shared)
    try:
        if args.command == "sessions":
            from meeting.entry.sessions_cli import run_sessions

            return run_sessions(db, args)
        if args.command == "export":
            from meeting.entry.export_cli import run_export

            return run_export(db, args)
        if args.command == "demo":
            from meeting.entry.sessions_cli import run_demo

            return run_demo(db)
        if args.command == "record":
            from meeting.entry.record_cli import run_record

            return run_record(db, args)
        if args.command == "chair":
            from meeting.entry.sessions_cli import run_chair

            return run_chair(db, path, args)
        if args.command in ("close", "open"):
            from meeting.entry.record_cli import run_closing

            return run_closing(db, args)
        if args.command == "template":
            from meeting.entry import templates_cli

            return templates_cli.run(db, args)
        if args.command == "backup":
            from meeting.entry.backup_cli import run_backup

            return run_backup(db, path, args)
        if args.command == "roster":
            from meeting.entry import roster_cli

            return roster_cli.run(db, args)
    finally:
        db.close()
    return 0  # pragma: no cover - argparse rejects unknown commands


def _reader_gone() -> int:
    """The reader of the output stopped early (``meeting sessions | head``): nothing to tell,
    it read what it wanted. What is still buffered goes nowhere, so that Python's last flush
    at exit fails no more."""
    with contextlib.suppress(OSError, ValueError):  # (no file behind stdout: nothing to do)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return READER_GONE


def _os_error(e: OSError) -> str:
    from meeting.db_errors import explain, is_space_or_permission

    if isinstance(e, FileInUseError):
        return e.message
    where = f"{e.filename}: " if e.filename else ""
    return where + (explain(e) if is_space_or_permission(e) else (e.strerror or str(e)))


def _fail(message: str, code: int) -> int:
    if code == FAILURE and (error := sys.exc_info()[1]) is not None:  # kept with its traceback
        from meeting.crashlog import log_error

        log_error(error, where="meeting (command line)", at=system_clock(), what=message)
    print(f"meeting: {visible(message)}", file=sys.stderr)
    return code


def _run_app(path: Path, shared: bool) -> int:
    # The launch builds a few hundred thousand objects that all live on (modules, styles,
    # widgets); the collector would walk them again and again before the first frame. It is off
    # until then (MeetingApp.on_ready turns it back on), and back on here if the app never got
    # that far.
    gc.disable()
    try:
        return _app_until_closed(path, shared)
    finally:
        gc.enable()


def _app_until_closed(path: Path, shared: bool) -> int:
    from meeting.app import MeetingApp
    from meeting.db import open_database

    db = open_database(path, shared_folder=shared)  # a bad file is named before the screen
    from meeting.entry.backup_cli import backup_after_app
    from meeting.entry.settings_cli import after_app

    app = MeetingApp(db, db_path=path, demo=_load_demo)
    app.run()
    backup_after_app(db, path)
    return after_app(app)  # 1 when the app stopped on an error, the log named


def _load_demo(db: Database, *, now: datetime) -> Council:
    """The demo loader, imported when the clerk asks for the demo (not at every launch)."""
    from meeting.entry.demo import load_demo

    return load_demo(db, now=now)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
