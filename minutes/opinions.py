"""Narrations the clerk can extend, and opinions attached to a decision (付帯意見…).

Opinions travel to the answer (答申) later; one promoted from a member's line keeps the link.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.store import ensure_draft
from minutes.store import opinions as store
from minutes.store.decisions import session_of_decision
from minutes.store.lines import line_in_closed_part
from minutes.utterances import get_line


class OpinionKind(StrEnum):
    RIDER = "付帯意見"
    REMARK = "付言事項"
    CAUTION = "留意事項"
    REQUEST = "要望"


@dataclass(frozen=True)
class Opinion:
    id: int
    decision_id: int
    kind: OpinionKind
    text: str
    utterance_id: int | None
    public: bool = True
    """A closed opinion never prints in a public document, the answer (答申書) included."""


DEFAULT_NARRATIONS = (
    "～実施機関職員による説明～",
    "～実施機関入室～",
    "～実施機関退室～",
    "—資料をもとに実施機関から説明—",
    "～資料確認～",
)


# Narrations the clerk can extend


def narrations(db: Database, council_id: int) -> list[str]:
    own = store.council_narrations(db, council_id)
    return list(DEFAULT_NARRATIONS) + [t for t in own if t not in DEFAULT_NARRATIONS]


def add_narration(db: Database, council_id: int, text: str) -> None:
    text = text.strip()
    if not text:
        raise InputError("ト書き", "ト書きの文を入れてください（例: ～実施機関職員 紹介～）")
    store.add_council_narration(db, council_id, text)
    db.conn.commit()


# Attached opinions


def add_opinion(
    db: Database,
    decision_id: int,
    kind: OpinionKind,
    text: str,
    *,
    utterance_id: int | None = None,
    public: bool = True,
) -> Opinion:
    if not text.strip():
        raise InputError(kind.value, "意見の文を入れてください")
    with immediate(db):
        session_id = session_of_decision(db, decision_id)
        if session_id is None:
            raise InputError("決定", f"決定 {decision_id} はありません")
        ensure_draft(db, session_id)  # a confirmed record takes no new opinion
        opinion_id = store.insert_opinion(
            db,
            decision_id,
            kind=kind.value,
            text=text.strip(),
            utterance_id=utterance_id,
            position=store.next_opinion_position(db, decision_id),
            public=public,
        )
    return Opinion(opinion_id, decision_id, kind, text.strip(), utterance_id, public)


def promote_to_opinion(
    db: Database,
    utterance_id: int,
    decision_id: int,
    kind: OpinionKind,
    *,
    public: bool | None = None,
) -> Opinion:
    """A member's request in the Q&A becomes an attached opinion, keeping the link to the line.

    An opinion made from a closed line (or a line of a closed item or session) is closed unless
    ``public`` is True: the clerk decides, and by default closed text stays out of the answer.
    """
    line = get_line(db, utterance_id)
    if public is None:
        public = not line_in_closed_part(db, utterance_id)
    return add_opinion(db, decision_id, kind, line.text, utterance_id=utterance_id, public=public)


def opinions(db: Database, decision_id: int) -> list[Opinion]:
    return [_opinion(r) for r in store.opinion_rows(db, decision_id)]


def session_opinions(db: Database, session_id: int) -> dict[int, list[Opinion]]:
    """The opinions attached to each decision of the session, by decision ID, read at once."""
    found: dict[int, list[Opinion]] = {}
    for r in store.session_opinion_rows(db, session_id):
        found.setdefault(r["decision_id"], []).append(_opinion(r))
    return found


def _opinion(r: dict[str, Any]) -> Opinion:
    return Opinion(
        id=r["id"],
        decision_id=r["decision_id"],
        kind=OpinionKind(r["kind"]),
        text=r["text"],
        utterance_id=r["utterance_id"],
        public=r["public"],
    )
