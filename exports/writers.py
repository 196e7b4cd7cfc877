"""Writing a document's file: beside the target, then renamed (exports.atomic's guard)."""

from __future__ import annotations

from pathlib import Path


def write_text(text: str, path: Path) -> Path:
    return save(path, lambda target: Path(target).write_text(text, encoding="utf-8"))


def save(path: Path, write) -> Path:  # type: ignore[no-untyped-def]
    """Write beside the target and rename, so a crash never leaves half a document."""
    from exports.atomic import save as save_atomically

    return save_atomically(path, write)
