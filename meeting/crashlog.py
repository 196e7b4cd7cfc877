"""The crash log: what went wrong, kept for whoever supports the clerk, never shown as a traceback.

One entry per unexpected error, appended to a private file (0600) in the user log directory:
the time, the version, where it happened and the traceback. The record itself is in the
database and is not copied here.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path

from platformdirs import user_log_path

from meeting import __version__

LOG_ENV = "MEETING_LOG"


def crash_log_path() -> Path:
    """``$MEETING_LOG``, else ``crash.log`` in the platform's user log directory."""
    if env := os.environ.get(LOG_ENV):
        return Path(env).expanduser()
    return user_log_path("meeting", appauthor=False) / "crash.log"


def record_crash(error: BaseException, *, where: str, at: datetime) -> Path | None:
    """Append one entry; returns the log's path, or None if even the log cannot be written."""
    path = crash_log_path()
    entry = (
        f"==== {at.isoformat(timespec='seconds')}  meeting {__version__}  {where}\n"
        + "".join(traceback.format_exception(error))
        + "\n"
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as log:
            log.write(entry)
    except OSError:
        return None
    return path
