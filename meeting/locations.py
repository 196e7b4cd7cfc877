"""Where the database lives: ``--db``, then ``MEETING_DB``, then the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "MEETING_DB"
DB_FILENAME = "meeting.db"


def default_database_path() -> Path:
    """The embedded default: ``meeting.db`` in the platform's user data directory."""
    return user_data_path("meeting", appauthor=False) / DB_FILENAME


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    if env := os.environ.get(DB_ENV):
        return Path(env).expanduser()
    return default_database_path()
