"""Errors the clerk sees: each names what is wrong, in Japanese, and where."""

from __future__ import annotations

import errno
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


class ConversionError(RuntimeError):
    """A document could not be converted by an outside program (LibreOffice for a PDF):
    the program is missing, failed or took too long. Nothing was written at the target.

    Like :class:`InputError`, ``field`` is a Japanese label and ``message`` says what to do;
    unlike it, the clerk typed nothing wrong, so the command line exits 1, not 2.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class FileInUseError(PermissionError):
    """A file another program holds open cannot be replaced: Word on Windows locks the document
    it shows, and the rename that writes a new version fails. Nothing was written; the file is
    as it was. A PermissionError still (every handler of one catches it), saying so in Japanese.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.field = "保存先"
        self.message = (
            f"{self.path} は Word などで開いているため書き込めません。"
            "閉じてからもう一度お試しください"
        )
        super().__init__(errno.EACCES, self.message, str(path))

    def __str__(self) -> str:
        return self.message
