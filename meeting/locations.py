"""Where the database lives: ``--db``, then ``MEETING_DB``, then the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "MEETING_DB"
DB_FILENAME = "meeting.db"
CACHE_ENV = "MEETING_CACHE_DIR"


def default_database_path() -> Path:
    """The embedded default: ``meeting.db`` in the platform's user data directory
    (platformdirs loads only when no path was given)."""
    from platformdirs import user_data_path

    return user_data_path("meeting", appauthor=False) / DB_FILENAME


def database_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    if env := os.environ.get(DB_ENV):
        return Path(env).expanduser()
    return default_database_path()


def cache_dir() -> Path:
    """``$MEETING_CACHE_DIR``, else ``meeting`` in the platform's user cache directory: what
    the app can make again from its own files (templates compiled), kept to start faster."""
    if env := os.environ.get(CACHE_ENV):
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("meeting", appauthor=False)


FOLDERS_FILE = "folders.json"
"""Where each council's documents were last written, on this PC (not in the database: a
folder is the PC's, and the database may move to another)."""


def _folders_file() -> Path:
    from meeting.settings import config_dir

    return config_dir() / FOLDERS_FILE


def export_folder(council_id: int) -> Path:
    """The folder the council's documents were last written to, or the documents folder of the
    settings, or the user's documents folder (ドキュメント; else the home folder, else the
    current one) the first time, or when the remembered one is gone."""
    import json

    from platformdirs import user_documents_path

    from meeting.settings import load_settings

    folders = (load_settings().settings.documents_folder, user_documents_path(), Path.home())
    first = next((d for d in folders if d is not None and d.is_dir()), Path.cwd())
    try:
        folders = json.loads(_folders_file().read_text(encoding="utf-8"))
        remembered = Path(folders[str(council_id)])
    except (OSError, ValueError, KeyError, TypeError):
        return first
    return remembered if remembered.is_dir() else first


def remember_export_folder(council_id: int, folder: Path) -> None:
    """Keep the folder for the council's next documents (best effort: never an error)."""
    import json

    path = _folders_file()
    try:
        folders = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(folders, dict):
            folders = {}
        folders[str(council_id)] = str(folder)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(folders, ensure_ascii=False, indent=1), encoding="utf-8")
        if os.name == "posix":
            path.chmod(0o600)
    except (OSError, ValueError):
        return
