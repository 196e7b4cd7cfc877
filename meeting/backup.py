"""Backups of the database into a folder of the clerk's choosing, and restoring one.

The office keeps its files in a shared folder, and the database must not live there (see
``meeting.shares``) — but a backup may: it is a plain file written once, never opened in
place. A backup is made with SQLite's backup API (consistent while the clerk types), written
under a temporary name in the folder and renamed, so a half-written copy never carries a
backup's name. It is named by the database and the minute, ``meeting-20261201-1930.db``, and
only those dated files are pruned to the last N: nothing else in the folder is touched.

The folder for the automatic backup (when the app closes, at most once a day) is the PC's, not
the database's: it is kept in the settings file (``meeting.settings``, ``[backup]``).

A restore checks the file first (SQLite's integrity check, a ``meeting`` database, a schema not
newer than this version) on a copy beside the database, keeps the current file aside under a
dated name, and only then moves the copy into place.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from meeting import db as dbfile
from meeting.dates import to_tokyo
from meeting.db_restore import check_restorable, set_aside
from meeting.errors import DatabaseFileError, InputError
from meeting.settings import DEFAULT_KEEP, change_settings, load_settings


@dataclass(frozen=True)
class Daily:
    """Where the app puts its backup when it closes (at most once a day), keeping ``keep``."""

    folder: Path
    keep: int = DEFAULT_KEEP


@dataclass(frozen=True)
class Made:
    path: Path
    removed: tuple[Path, ...] = ()
    """Older dated backups pruned beyond the last N."""


@dataclass(frozen=True)
class Restored:
    version: int
    """The backup's schema version (an older one is migrated when the database is opened)."""
    aside: tuple[Path, ...] = ()
    """The database that was there, and its side files, under their dated names."""


def backup_name(db_path: Path, at: datetime) -> str:
    """``meeting-20261201-1930.db`` for ``meeting.db`` at 19:30 on 1 December 2026 (Tokyo)."""
    return f"{db_path.stem}-{to_tokyo(at):%Y%m%d-%H%M}.db"


def dated_backups(folder: Path, db_path: Path) -> list[Path]:
    """The dated backups of this database in ``folder``, oldest first (the name sorts by date)."""
    pattern = re.compile(rf"{re.escape(db_path.stem)}-[0-9]{{8}}-[0-9]{{4}}\.db")
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def make_backup(
    db: Database, db_path: Path, folder: Path, *, at: datetime, keep: int = DEFAULT_KEEP
) -> Made:
    """Copy the database into ``folder`` under its dated name, then keep the last ``keep``."""
    check_keep(keep)
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise InputError("バックアップ先", f"フォルダがありません: {folder}")
    target = folder / backup_name(db_path, at)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    temporary = Path(name)
    try:
        dbfile.backup(db, temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return Made(target, tuple(prune(folder, db_path, keep)))


def prune(folder: Path, db_path: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` dated backups of this database; returns those removed."""
    old = dated_backups(folder, db_path)[:-keep]
    for path in old:
        path.unlink(missing_ok=True)
    return old


def check_keep(keep: int) -> None:
    if keep < 1:
        raise InputError("--keep", f"残す数は1以上にしてください（{keep}）")


def due(folder: Path, db_path: Path, at: datetime) -> bool:
    """No backup of this database dated ``at``'s day (Tokyo) in the folder yet."""
    day = f"{db_path.stem}-{to_tokyo(at):%Y%m%d}-"
    return not any(p.name.startswith(day) for p in dated_backups(folder, db_path))


def backup_on_close(db: Database, db_path: Path, *, at: datetime) -> Made | None:
    """The app's automatic backup: into the folder the clerk set, once a day; None when no
    folder is set or today's is already there."""
    daily = daily_backup()
    if daily is None:
        return None
    folder = daily.folder
    if folder.is_dir() and not due(folder, db_path, at):
        return None
    return make_backup(db, db_path, folder, at=at, keep=daily.keep)


# The clerk's setting, on this PC


def daily_backup() -> Daily | None:
    """The folder set for the automatic backup, or None (none set, or the settings unreadable)."""
    settings = load_settings().settings
    if settings.backup_folder is None:
        return None
    return Daily(settings.backup_folder, settings.backup_keep)


def set_daily_backup(daily: Daily | None) -> Path:
    """Remember (or, with None, forget) the automatic backup's folder; returns the settings file."""
    if daily is None:
        return change_settings({"backup.folder": None})
    check_keep(daily.keep)
    return change_settings({"backup.folder": daily.folder, "backup.keep": daily.keep})


# Restoring


def restore(db_path: Path, source: Path, *, at: datetime, shared_folder: bool = False) -> Restored:
    """Put the backup ``source`` in place of the database at ``db_path``.

    Nothing is changed unless the backup is whole and readable by this version; the current
    database is then moved aside (``meeting.db.before-restore-20261201-193000``), never deleted.
    """
    source = Path(source).expanduser()
    if not source.is_file():
        raise InputError("バックアップ", f"ファイルがありません: {source}")
    if db_path.exists() and os.path.samefile(source, db_path):
        raise InputError("バックアップ", f"{source} はいま使っているデータベースそのものです")
    dbfile.check_location(db_path, shared_folder=shared_folder)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(
        prefix=f".{db_path.name}.restore.", suffix=".tmp", dir=db_path.parent
    )
    os.close(fd)
    copy = Path(name)
    try:
        shutil.copyfile(source, copy)  # into a private file (mkstemp makes it 0600)
        try:
            version = check_restorable(copy)
        except DatabaseFileError as e:
            raise InputError(
                "バックアップ",
                f"{source} は復元できません: {e.message}。データベースはそのままです",
            ) from None
        aside: list[Path] = []
        if db_path.exists():
            stamp = f"{to_tokyo(at):%Y%m%d-%H%M%S}"
            kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
            aside = set_aside(db_path, _free(kept))
        os.replace(copy, db_path)
    except BaseException:
        for side in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                copy.with_name(copy.name + side).unlink()
        raise
    return Restored(version, tuple(aside))


def _free(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3``… when a restore in the same second left one there."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
