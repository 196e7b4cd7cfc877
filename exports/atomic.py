"""Write a file all at once: beside the target, then renamed over it — but never over the wrong one.

A crash (or SIGKILL) mid-write never leaves half a document at the path given; the temporary
file it leaves behind is removed by the next write of the same target.

Before anything is written, the target is checked (:func:`check_replaceable`): a rename would
silently replace whatever is there, so the app's own database (and its -wal, -shm, journal and
backups), a device such as ``/dev/null``, and a file that is not a document of the kind being
written (a ``.docx`` that is a SQLite file, a ``.json`` that is not a meeting record) are
refused, ``--force`` or not. A symbolic link is written through, at the file it points to.
Every file written is private (0600 on POSIX): documents, invites and records carry members'
names. A target another program holds open (Word on Windows locks the document it shows) is
named as such (:class:`~meeting.errors.FileInUseError`), and the new version is not left beside it.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from meeting.db import is_open_database
from meeting.errors import FileInUseError, InputError

STALE_SECONDS = 60
"""A temporary file this old belongs to a writer that died, not one still writing."""

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
BINARY_SIGNATURES = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff")
"""Zip (.docx, .xlsx), PDF, OLE (.doc, .xls), PNG, JPEG: never a Markdown text."""

KIND_LABELS = {
    "docx": "Word 文書（.docx）",
    "md": "Markdown のテキスト",
    "ics": "カレンダーの招待（.ics）",
    "json": "meeting の記録ファイル（JSON）",
    "pdf": "PDF",
    "csv": "CSV のテキスト",
    "xlsx": "Excel ブック（.xlsx）",
}
_SUFFIX_KINDS = {".docx": "docx", ".md": "md", ".ics": "ics", ".json": "json", ".pdf": "pdf"}
_SUFFIX_KINDS |= {".csv": "csv", ".xlsx": "xlsx"}


def save(
    path: Path,
    write: Callable[[str], object],
    *,
    kind: str | None = None,
    mode: int = 0o600,
) -> Path:
    """Call ``write(temporary_path)``, flush it to disk and rename it to ``path``.

    ``kind`` (docx, md, ics, json, pdf) is what is being written; by default it follows the suffix.
    Returns the path written: the file a symbolic link points to, when ``path`` is one.
    """
    path = check_replaceable(Path(path), kind=kind or _SUFFIX_KINDS.get(Path(path).suffix))
    if not path.parent.is_dir():
        raise FileNotFoundError(f"保存先のフォルダがありません: {path.parent}")
    _remove_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if os.name == "posix":  # Windows keeps no such bits: the read-only flag alone
            os.chmod(tmp, mode)
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _replace(tmp: str, path: Path) -> None:
    """Rename over ``path``; a refusal on a file that may be written means another program has
    it open (Windows does not replace a file Word shows), not that it is read-only."""
    try:
        os.replace(tmp, path)
    except PermissionError as e:
        if path.is_file() and os.access(path, os.W_OK):
            raise FileInUseError(path) from e
        raise


def check_replaceable(path: Path, *, kind: str | None) -> Path:
    """The path to write ``kind`` at; raises :class:`InputError` naming the path and why not."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        info = path.stat()
    except FileNotFoundError:
        return path
    except OSError as e:
        raise InputError("保存先", f"{path} を確かめられません（{e.strerror}）") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("保存先", f"{path} はフォルダです")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            "保存先",
            f"{path} は通常のファイルではありません（デバイスなど）。"
            "置き換えると壊れるため書き出しません",
        )
    problem = _what_it_is(path, kind)
    if problem:
        raise InputError(
            "保存先", f"{path} は{problem}。上書きしません。別のファイル名にしてください"
        )
    return path


def _what_it_is(path: Path, kind: str | None) -> str:
    """Why the existing file at ``path`` must not be replaced by ``kind``, or '' if it may.

    The open database and its -wal / -shm are recognised without opening them: closing any
    descriptor of a file drops every lock this process holds on it (meeting.db).
    """
    if is_open_database(path):
        return "SQLite のデータベースです（いま開いている meeting のデータベース）"
    if _is_database_side_file(path):
        return "データベースの付属ファイル（-wal / -shm など）です"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as e:
        return f"読めないファイルです（{e.strerror}）"
    if head.startswith(SQLITE_HEADER):
        return "SQLite のデータベースです（meeting のデータベースやそのバックアップかもしれません）"
    if head[:4] in WAL_MAGIC:
        return "データベースの付属ファイル（-wal / -shm など）です"
    if not head or kind is None:
        return ""  # an empty file holds nothing to lose
    expected = KIND_LABELS.get(kind, kind)
    if kind == "docx":
        return "" if _is_word(path) else f"{expected}ではありません"
    if kind == "xlsx":
        return "" if _is_zip_with(path, "xl/workbook.xml") else f"{expected}ではありません"
    if kind == "ics":
        text = head.decode("utf-8", "replace").lstrip("\ufeff \r\n\t")
        return "" if text.upper().startswith("BEGIN:VCALENDAR") else f"{expected}ではありません"
    if kind == "json":
        return "" if _is_record(path) else f"{expected}ではありません"
    if kind == "pdf":
        return "" if head.startswith(b"%PDF-") else f"{expected}ではありません"
    if kind == "csv":  # a cp932 CSV is still a CSV
        binary = head.startswith(BINARY_SIGNATURES) or b"\x00" in head
        return f"{expected}ではありません（バイナリのファイルです）" if binary else ""
    if kind == "md":
        if head.startswith(BINARY_SIGNATURES):
            return f"{expected}ではありません（バイナリのファイルです）"
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as e:
            if e.start < len(head) - 4:  # not just a character cut at the 4 KB edge
                return f"{expected}ではありません（UTF-8 ではありません）"
    return ""


def _is_database_side_file(path: Path) -> bool:
    """``x-wal``, ``x-shm`` or ``x-journal`` beside a file ``x``: judged by name alone."""
    return any(
        path.name.endswith(side) and path.with_name(path.name[: -len(side)]).is_file()
        for side in DATABASE_SIDE_FILES
    )


def _is_word(path: Path) -> bool:
    return _is_zip_with(path, "word/document.xml")


def _is_zip_with(path: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return member in archive.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _is_record(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    from exports.record_json import FORMAT

    return isinstance(data, dict) and data.get("format") == FORMAT


def _remove_stale(path: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
