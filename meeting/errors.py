"""Errors the clerk sees: each names what is wrong, in Japanese, and where."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class InputError(ValueError):
    """A value the clerk typed cannot be accepted.

    ``field`` is the Japanese label of the field, so a form can show the message beside it
    and a command line can print it as ``field: message``.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DatabaseFileError(RuntimeError):
    """The database file cannot be used as it is; it has been left untouched."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.message = message


def database_trouble(error: sqlite3.Error) -> str:
    """What went wrong with the database, in the clerk's words (the cause, not a traceback)."""
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "他のプログラムが記録を使用中です"
    if "full" in text:
        return "ディスクがいっぱいです"
    if "readonly" in text or "read-only" in text:
        return "データベースが読み取り専用です"
    if "disk i/o" in text:
        return "ディスクに書き込めません（入出力エラー）"
    if "malformed" in text or "not a database" in text:
        return "データベースが壊れています"
    return f"データベースのエラーです（{error}）"
