"""Write a file all at once: beside the target, then renamed over it.

A crash (or SIGKILL) mid-write never leaves half a document at the path given; the temporary
file it leaves behind is removed by the next write of the same target.
"""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

STALE_SECONDS = 60
"""A temporary file this old belongs to a writer that died, not one still writing."""


def save(path: Path, write: Callable[[str], object], *, mode: int | None = None) -> Path:
    """Call ``write(temporary_path)``, flush it to disk and rename it to ``path``."""
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"保存先のフォルダがありません: {path.parent}")
    _remove_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _remove_stale(path: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
