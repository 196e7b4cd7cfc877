"""One entry point for writing a session's documents, shared by the app and the command line."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from meeting.errors import InputError

KINDS = {"minutes": "会議録", "summary": "会議概要"}


def write_document(
    db: Database, kind: str, session_id: int, out: Path, *, public: bool, force: bool = False
) -> tuple[Path, list[str]]:
    """Write the document; refuse a wrong suffix or an existing file unless ``force``.

    Returns the path and what the record is missing (the document is still written).
    """
    from exports.minutes import gather_minutes
    from exports.summary import gather_summary
    from exports.writers import (
        minutes_docx,
        minutes_markdown,
        summary_docx,
        summary_markdown,
        write_text,
    )

    if kind not in KINDS:
        raise InputError("文書", f"{kind} という文書はありません（{', '.join(KINDS)}）")
    if out.suffix not in (".docx", ".md"):
        raise InputError("保存先", f"{out.name}: .docx か .md のファイル名にしてください")
    if out.exists() and not force:
        raise InputError("保存先", f"{out} は既にあります（上書きするには --force）")
    if kind == "minutes":
        minutes = gather_minutes(db, session_id, public=public)
        if out.suffix == ".docx":
            return minutes_docx(minutes, out), minutes.notes
        return write_text(minutes_markdown(minutes), out), minutes.notes
    summary = gather_summary(db, session_id, public=public)
    if out.suffix == ".docx":
        return summary_docx(summary, out), []
    return write_text(summary_markdown(summary), out), []
