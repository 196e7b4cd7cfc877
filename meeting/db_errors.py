"""The database file's troubles in the clerk's words: read-only, full, locked or broken.

SQLite and the system name the same trouble in several ways (a result code, an errno, only a
message). A read-only file or folder, a full disk and a lock held by another program are each
named as what they are, never as a broken file: only a file SQLite finds malformed is called
broken. Opening, restoring and the clerk's typing all say it through here.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

# SQLite's primary result codes (sqlite3.h); Python gives them as ``sqlite_errorcode``.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 11, 13, 14
_SQLITE_PERM, _SQLITE_NOTADB = 3, 26
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}


def explain(error: BaseException, path: Path | str | None = None) -> str:
    """What went wrong with the database file, in the clerk's words, with the system's detail.

    A read-only file or folder, a full disk and a lock held by another program each get their
    own message; only a file SQLite finds malformed is called broken.
    """
    detail = ((error.strerror or str(error)) if isinstance(error, OSError) else str(error)) or type(
        error
    ).__name__
    kind = kind_of_trouble(error, Path(path) if path is not None else None)
    if kind == "readonly":
        return f"読み取り専用です（{detail}）。書き込めるようにしてから、やり直してください"
    if kind == "full":
        return f"ディスクがいっぱいです（{detail}）。空きを作ってから、やり直してください"
    if kind == "locked":
        return f"他のプログラムが使用中です（{detail}）。しばらくしてから、やり直してください"
    if kind == "corrupt":
        return f"データベースが壊れていて読めません（{detail}）"
    if kind == "cantopen":
        return f"開けません（{detail}）"
    return f"データベースを使えません（{detail}）"


_SHORT = {
    "readonly": "データベースが読み取り専用です",
    "full": "ディスクがいっぱいです",
    "locked": "他のプログラムが記録を使用中です",
    "corrupt": "データベースが壊れています",
    "cantopen": "データベースを開けません",
}


def database_trouble(error: BaseException) -> str:
    """:func:`explain` in a few words, for a status line while the clerk types."""
    return _SHORT.get(kind_of_trouble(error, None)) or f"データベースのエラーです（{error}）"


def is_space_or_permission(error: OSError) -> bool:
    """A full disk, or a file or folder that may not be written: what :func:`explain` names."""
    return error.errno in _READ_ONLY_ERRNOS | _FULL_ERRNOS


def kind_of_trouble(error: BaseException, path: Path | None) -> str:
    """``readonly``, ``full``, ``locked``, ``corrupt``, ``cantopen`` or ``other``; ``path``
    lets the file system answer when SQLite only says it could not open or read."""
    if isinstance(error, OSError):
        if error.errno in _FULL_ERRNOS:
            return "full"
        if error.errno in _READ_ONLY_ERRNOS:
            return "readonly"
        return "other"
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    message = str(error).lower()
    if primary == _SQLITE_FULL or "disk is full" in message:
        return "full"
    if primary == _SQLITE_READONLY or "readonly database" in message:
        return "readonly"
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in message:
        return "locked"
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in message:
        return "corrupt"
    if primary == _SQLITE_PERM:
        return "readonly"
    if primary in (_SQLITE_IOERR, _SQLITE_CANTOPEN) or "unable to open" in message:
        # SQLite does not say why: ask the file system.
        if path is not None and _no_space(path):
            return "full"
        if path is not None and _read_only(path):
            return "readonly"
        return "cantopen" if primary != _SQLITE_IOERR else "other"
    return "other"


def _no_space(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free == 0
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return target.exists() and not os.access(target, os.W_OK)
