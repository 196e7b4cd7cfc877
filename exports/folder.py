"""Open the folder a document was written to, with the desktop's own file manager."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from meeting.errors import InputError


def open_command(folder: Path) -> list[str] | None:
    """The command that shows ``folder`` on a macOS or Linux desktop, or None on a bare terminal
    (Windows opens it through the shell instead: :func:`open_folder`)."""
    if sys.platform == "darwin":
        return ["open", str(folder)]
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None  # over ssh or on a console: nothing could show it
    for opener in ("xdg-open", "gio"):
        if path := shutil.which(opener):
            return [path, str(folder)] if opener == "xdg-open" else [path, "open", str(folder)]
    return None


def open_folder(folder: Path) -> None:
    """Start the file manager on ``folder``; say plainly when it cannot be done."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("フォルダ", f"フォルダがありません: {folder}")
    if sys.platform == "win32":
        _start(folder)
        return
    command = open_command(folder)
    if command is None:
        raise InputError(
            "フォルダ", f"この端末ではフォルダを開けません。場所（コピーしました）: {folder}"
        )
    subprocess.Popen(  # noqa: S603 - a fixed opener and a path, no shell
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _start(folder: Path) -> None:
    """Windows: Explorer, as a double-click opens it (no console window, no command line)."""
    try:
        os.startfile(folder)  # type: ignore[attr-defined,unused-ignore]  # Windows only
    except OSError as e:
        raise InputError("フォルダ", f"フォルダを開けません（{e.strerror}）: {folder}") from None
