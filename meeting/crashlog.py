"""The log: what went wrong, kept for whoever supports the clerk, never shown as a traceback.

One entry per error — an unexpected one (a crash the app survived or ended with) and an
expected one the clerk was shown in a line (a document not written, a command that failed) —
appended to ``meeting.log`` in the user log directory: the time, the version, where it happened
and the traceback. The record itself is in the database and is not copied here.

The file is private (0600 on POSIX: a traceback may quote what was typed) and rotated at about
1 MB, keeping five old ones (``meeting.log.1`` … ``.5``). It is opened for each entry and closed
after it: errors are rare, and two processes (the app and the chair's view) can then share the
file, and rotate it, on Windows too.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_path

LOG_ENV = "MEETING_LOG"
LOG_FILE = "meeting.log"
MAX_BYTES = 1_000_000
BACKUPS = 5


def log_path() -> Path:
    """``$MEETING_LOG``, else ``meeting.log`` in the platform's user log directory."""
    if env := os.environ.get(LOG_ENV):
        return Path(env).expanduser()
    return user_log_path("meeting", appauthor=False) / LOG_FILE


crash_log_path = log_path
"""The name this had when it held crashes only."""


def record_crash(error: BaseException, *, where: str, at: datetime) -> Path | None:
    """An unexpected error; returns the log's path, or None if even the log cannot be written."""
    return log_error(error, where=where, at=at, what="予期しないエラー")


def log_error(error: BaseException, *, where: str, at: datetime, what: str = "") -> Path | None:
    """One entry with the traceback; returns the log's path, or None if it cannot be written."""
    import meeting  # the version is read from the metadata when asked, not at every start

    path = log_path()
    head = f"==== {at.isoformat(timespec='seconds')}  meeting {meeting.__version__}  {where}"
    record = logging.LogRecord(
        "meeting",
        logging.ERROR,
        where,
        0,
        head + (f"  {what}" if what else ""),
        None,
        (type(error), error, error.__traceback__),
    )
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler = _PrivateRotatingFile(path)
    except OSError:
        return None
    try:
        handler.emit(record)
    finally:
        handler.close()
    return None if handler.failed else path


class _PrivateRotatingFile(RotatingFileHandler):
    """Rotated by size, created 0600, closed after each entry, silent when it cannot write
    (the caller says so instead of a '--- Logging error ---' on the clerk's screen)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            path,
            maxBytes=MAX_BYTES,
            backupCount=BACKUPS,
            encoding="utf-8",
            errors="backslashreplace",
            delay=True,
        )
        self.setFormatter(logging.Formatter("%(message)s"))
        self.terminator = "\n\n"
        self.failed = False

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)  # a log written before by another version
        return open(fd, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        if self.stream is not None:
            self.stream.close()
            self.stream = None  # type: ignore[assignment]

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True
