"""The checks before a document is written, and shorthands over the registry for scripts.

Which documents there are, and how each is gathered and written, is the registry's
(:mod:`exports.registry`); here is what every route to writing one shares.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlite_utils import Database

from exports.atomic import check_replaceable
from exports.kinds import About
from exports.pdf import find_soffice
from exports.registry import SUFFIX_HINT, SUFFIXES, Prepared, kinds_about, prepare
from meeting.errors import InputError

__all__ = [
    "KINDS",
    "Prepared",
    "check_gaps",
    "check_target",
    "prepare_answer",
    "prepare_document",
    "prepare_request",
    "write_document",
]

KINDS = {k.name: k.label for k in kinds_about(About.SESSION)}
"""The documents of a session, by name: 会議録, 会議概要, 会議議事予定."""


def prepare_document(db: Database, kind: str, session_id: int, *, public: bool) -> Prepared[Any]:
    return prepare(db, kind, session_id, public=public, about=About.SESSION)


def prepare_request(db: Database, consultation_id: int) -> Prepared[Any]:
    return prepare(db, "request", consultation_id)


def prepare_answer(db: Database, consultation_id: int) -> Prepared[Any]:
    return prepare(db, "answer", consultation_id)


def check_target(out: Path, *, force: bool) -> None:
    """Refuse a wrong suffix, a missing folder, or an existing file unless ``force``; for a
    .pdf, say how to install LibreOffice when it is missing, before anything is gathered."""
    check_replaceable(out, kind=out.suffix.lstrip(".") or None)
    if out.suffix not in SUFFIXES:
        raise InputError("保存先", f"{out.name}: {SUFFIX_HINT}")
    if not out.parent.is_dir():
        raise InputError("保存先", f"フォルダがありません: {out.parent}")
    if out.exists() and not force:
        raise InputError("保存先", f"{out} は既にあります（上書きするには --force）")
    if out.suffix == ".pdf":
        find_soffice()


def check_gaps(prepared: Prepared[Any], *, allow_gaps: bool) -> None:
    """A record with gaps is written only when asked; the document then marks each gap."""
    if prepared.notes and not allow_gaps:
        raise InputError(
            "記録",
            "記録に足りないものがあります: "
            + "、".join(prepared.notes)
            + "。欠けている所を「（記録なし）」「（未記入）」と明記して書き出すには --allow-gaps",
        )


def write_document(
    db: Database,
    kind: str,
    subject: object,
    out: Path,
    *,
    public: bool,
    force: bool = False,
    allow_gaps: bool = False,
    pdfa: bool = False,
) -> tuple[Path, list[str]]:
    """Check the target, gather, check the gaps, write: what every route does, in one call."""
    check_target(out, force=force)
    prepared = prepare(db, kind, subject, public=public)
    check_gaps(prepared, allow_gaps=allow_gaps)
    return prepared.write(out, pdfa=pdfa), prepared.notes
