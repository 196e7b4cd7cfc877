"""Each session's agenda (会議次第): the only module with the SQL of agenda items.

Putting a consultation on an agenda moves it along its life; an item that already has a record
cannot be removed until its record is moved to another item.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from agendas.model import (
    AgendaItem,
    Consultation,
    ConsultationNumber,
    ConsultationStatus,
    ItemKind,
)
from agendas.rules import check_transition, in_tree_order, item_title
from agendas.store.consultations import (
    find_consultations,
    get_consultation,
    put_on_agenda,
    take_off_agenda,
    write_status,
)
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.store import NotFound, ensure_draft, get_session
from meeting.store.rows import lastrowid, one, rows, single

_COLUMNS = (
    "id, session_id, position, kind, title, public, consultation_id, carried_from_id, sitting_id,"
    " closed_reason, parent_id"
)


def add_agenda_item(
    db: Database,
    session_id: int,
    kind: ItemKind,
    title: str = "",
    *,
    public: bool = True,
    consultation_id: int | None = None,
    carried_from_id: int | None = None,
    sitting_id: int | None = None,
    parent_id: int | None = None,
) -> AgendaItem:
    """Append an item (under the heading ``parent_id``, after its last child, when given); a
    consultation item takes the consultation's title unless given one."""
    session = get_session(db, session_id)
    if parent_id is not None:
        heading = get_item(db, parent_id)
        if heading.session_id != session_id or heading.parent_id is not None:
            raise InputError("見出し", f"「{item_title(heading)}」の下には入れられません")
    if sitting_id is not None and sitting_id not in [s.id for s in session.sittings]:
        raise InputError("日程", f"この会議に日程 {sitting_id} はありません")
    consultation: Consultation | None = None
    if kind is ItemKind.CONSULTATION:
        if consultation_id is None:
            raise InputError("諮問", "諮問案件には諮問を選んでください")
        consultation = get_consultation(db, consultation_id)
        if consultation.council_id != session.council_id:
            raise InputError("諮問", f"{_name(consultation)}はこの審議会の諮問ではありません")
        if consultation.status in (ConsultationStatus.ANSWERED, ConsultationStatus.WITHDRAWN):
            raise InputError("諮問", f"{_name(consultation)}は{consultation.status.label}です")
        title = title.strip() or consultation.title
    title = title.strip() or kind.label
    with immediate(db):
        position = single(
            db,
            "SELECT coalesce(max(position), 0) + 1 AS next FROM agenda_items WHERE session_id = ?",
            [session_id],
        )["next"]
        cursor = db.execute(
            "INSERT INTO agenda_items (session_id, position, kind, title, public, consultation_id,"
            " carried_from_id, sitting_id, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                session_id,
                position,
                kind.value,
                title,
                int(public),
                consultation_id,
                carried_from_id,
                sitting_id,
                parent_id,
            ],
        )
        if parent_id is not None:
            _keep_tree_order(db, session_id)
        if consultation is not None and consultation.status in (
            ConsultationStatus.FILED,
            ConsultationStatus.CARRIED_OVER,
        ):
            put_on_agenda(db, consultation.id)
    return get_item(db, lastrowid(cursor))


def get_item(db: Database, item_id: int) -> AgendaItem:
    row = one(db, f"SELECT {_COLUMNS} FROM agenda_items WHERE id = ?", [item_id])
    if row is None:
        raise NotFound(f"議題 {item_id} はありません")
    return _item(row)


def agenda(db: Database, session_id: int) -> list[AgendaItem]:
    """The session's items in the agenda's order: each heading followed by its children."""
    return in_tree_order(
        [
            _item(r)
            for r in rows(
                db,
                f"SELECT {_COLUMNS} FROM agenda_items WHERE session_id = ? ORDER BY position",
                [session_id],
            )
        ]
    )


# Only the years in which this session's consultations were first taken up are numbered.
_FIRST_TAKEN_UP = """
WITH years AS (
    SELECT min(s.fiscal_year) AS fiscal_year FROM agenda_items a
    JOIN sessions s ON s.id = a.session_id
    WHERE a.kind = 'consultation' AND s.status <> 'cancelled' AND a.consultation_id IN (
        SELECT consultation_id FROM agenda_items WHERE session_id = :session)
    GROUP BY a.consultation_id
), taken AS (
    SELECT a.id, a.consultation_id, s.fiscal_year, row_number() OVER (
        ORDER BY s.fiscal_year, s.number, coalesce(t.ordinal, 1), a.position, a.id) AS seq
    FROM agenda_items a JOIN sessions s ON s.id = a.session_id
    LEFT JOIN sittings t ON t.id = a.sitting_id
    WHERE s.council_id = (SELECT council_id FROM sessions WHERE id = :session)
    AND s.fiscal_year IN (SELECT fiscal_year FROM years)
    AND a.kind = 'consultation' AND a.consultation_id IS NOT NULL AND s.status <> 'cancelled'
), first AS (
    SELECT consultation_id, fiscal_year, id AS first_item_id, min(seq) AS seq FROM taken
    GROUP BY consultation_id
), numbered AS (
    SELECT consultation_id, first_item_id,
    row_number() OVER (PARTITION BY fiscal_year ORDER BY seq) AS consultation_number FROM first
)
"""


def agenda_with_numbers(
    db: Database, session_id: int
) -> tuple[list[AgendaItem], dict[int, ConsultationNumber]]:
    """The agenda (:func:`agenda`) and each consultation item's 【諮問案件N】, read at once."""
    found = rows(
        db,
        _FIRST_TAKEN_UP + f"SELECT {_COLUMNS}, n.consultation_number, n.first_item_id"
        " FROM agenda_items LEFT JOIN numbered n USING (consultation_id)"
        " WHERE session_id = :session ORDER BY position",
        {"session": session_id},
    )
    numbers = {
        r["id"]: ConsultationNumber(r["consultation_number"], r["first_item_id"])
        for r in found
        if r["kind"] == ItemKind.CONSULTATION.value and r["consultation_number"] is not None
    }
    return in_tree_order([_item(r) for r in found]), numbers


def write_order(db: Database, order: list[AgendaItem]) -> None:
    """Positions 1 … N in ``order``; only those that change are written (the caller's
    transaction)."""
    for number, each in enumerate(order, start=1):
        if each.position != number:
            db.execute("UPDATE agenda_items SET position = ? WHERE id = ?", [number, each.id])


def _keep_tree_order(db: Database, session_id: int) -> None:
    """Positions in tree order (:func:`agendas.rules.in_tree_order`), 1 … N."""
    write_order(db, in_tree_order(agenda(db, session_id)))


def set_item_sitting(db: Database, item_id: int, sitting_id: int | None) -> AgendaItem:
    item = get_item(db, item_id)
    session = get_session(db, item.session_id)
    if sitting_id is not None and sitting_id not in [s.id for s in session.sittings]:
        raise InputError("日程", f"この会議に日程 {sitting_id} はありません")
    db.execute("UPDATE agenda_items SET sitting_id = ? WHERE id = ?", [sitting_id, item_id])
    db.conn.commit()
    return get_item(db, item_id)


def record_count(db: Database, item_id: int) -> int:
    """Lines, decisions and attendance of staff that hang on the item."""
    row = single(
        db,
        "SELECT (SELECT count(*) FROM utterances WHERE agenda_item_id = :i)"
        " + (SELECT count(*) FROM decisions WHERE agenda_item_id = :i) AS count",
        {"i": item_id},
    )
    return int(row["count"])


def remove_item(db: Database, item_id: int) -> None:
    """Remove an item that has no record yet; one with a record must first move it elsewhere."""
    item = get_item(db, item_id)
    if one(db, "SELECT 1 FROM agenda_items WHERE parent_id = ?", [item_id]):
        raise InputError(
            "議題",
            f"「{item_title(item)}」の下に議題があります。先に見出しから出すか、削除してください",
        )
    if count := record_count(db, item_id):
        raise InputError(
            "議題",
            f"「{item_title(item)}」には記録が{count}件あります。"
            "先に記録を別の議題へ移してください",
        )
    if one(db, "SELECT 1 FROM agenda_items WHERE carried_from_id = ?", [item_id]):
        raise InputError(
            "議題", f"「{item_title(item)}」は次の会議で継続されているため削除できません"
        )
    with immediate(db):
        db.execute("DELETE FROM others_items WHERE agenda_item_id = ?", [item_id])
        db.execute("DELETE FROM recusals WHERE agenda_item_id = ?", [item_id])
        db.execute("DELETE FROM agenda_items WHERE id = ?", [item_id])
        db.execute(
            "UPDATE agenda_items SET position = position - 1 WHERE session_id = ? AND position > ?",
            [item.session_id, item.position],
        )
        if item.consultation_id is not None:
            take_off_agenda(db, item.consultation_id)


def move_record(
    db: Database, from_item_id: int, to_item_id: int, *, public: bool | None = None
) -> int:
    """Move every line and decision of one item to another item of the same session.

    Lines leaving a closed item for a public one stay closed (each line marked 非公開) unless
    ``public`` is True, when they keep only their own marks: the clerk chooses, and by default
    nothing closed becomes public by being moved. ``public=False`` closes every moved line.
    """
    source, target = get_item(db, from_item_id), get_item(db, to_item_id)
    if source.session_id != target.session_id:
        raise InputError("議題", "記録は同じ会議の議題にだけ移せます")
    with immediate(db):
        ensure_draft(db, source.session_id)
        if public is False or (public is None and not source.public and target.public):
            db.execute("UPDATE utterances SET public = 0 WHERE agenda_item_id = ?", [from_item_id])
        moved = db.execute(
            "UPDATE utterances SET agenda_item_id = ? WHERE agenda_item_id = ?",
            [to_item_id, from_item_id],
        ).rowcount
        moved += db.execute(
            "UPDATE decisions SET agenda_item_id = ? WHERE agenda_item_id = ?",
            [to_item_id, from_item_id],
        ).rowcount
    return int(moved)


def carry_over(db: Database, item_id: int) -> Consultation:
    """Mark a consultation item 継続審議: it is offered for the next session's agenda."""
    item = get_item(db, item_id)
    if item.consultation_id is None:
        raise InputError("議題", "継続審議にできるのは諮問案件だけです")
    # The register's status step, as ``agendas.consultations.set_status`` takes it (that module
    # sits above the store, which never imports upwards).
    check_transition(
        get_consultation(db, item.consultation_id).status, ConsultationStatus.CARRIED_OVER
    )
    write_status(db, item.consultation_id, ConsultationStatus.CARRIED_OVER)
    return get_consultation(db, item.consultation_id)


def offered_items(db: Database, council_id: int) -> list[tuple[Consultation, AgendaItem | None]]:
    """Consultations to offer for a new agenda: carried-over ones first, with the item they
    continue, then those filed and not yet on any agenda."""
    carried = find_consultations(db, council_id, status=ConsultationStatus.CARRIED_OVER)
    filed = find_consultations(db, council_id, status=ConsultationStatus.FILED)
    offers: list[tuple[Consultation, AgendaItem | None]] = []
    for c in carried:
        latest = one(
            db,
            f"SELECT {_COLUMNS} FROM agenda_items WHERE consultation_id = ?"
            " ORDER BY id DESC LIMIT 1",
            [c.id],
        )
        offers.append((c, _item(latest) if latest else None))
    return offers + [(c, None) for c in filed]


def add_offered(
    db: Database,
    session_id: int,
    consultation: Consultation,
    previous: AgendaItem | None,
    *,
    parent_id: int | None = None,
) -> AgendaItem:
    """Put an offered consultation on the agenda, linked to the item it continues."""
    return add_agenda_item(
        db,
        session_id,
        ItemKind.CONSULTATION,
        consultation_id=consultation.id,
        carried_from_id=previous.id if previous else None,
        parent_id=parent_id,
    )


def _item(r: dict[str, Any]) -> AgendaItem:
    return AgendaItem(
        id=r["id"],
        session_id=r["session_id"],
        position=r["position"],
        kind=ItemKind(r["kind"]),
        title=r["title"],
        public=bool(r["public"]),
        consultation_id=r["consultation_id"],
        carried_from_id=r["carried_from_id"],
        sitting_id=r["sitting_id"],
        closed_reason=r["closed_reason"],
        parent_id=r["parent_id"],
    )


def set_item_public(db: Database, item_id: int, public: bool, reason: str = "") -> AgendaItem:
    """Close (非公開) or open an item: a closed item never reaches a public document.

    ``reason`` is what the documents print for it (〇〇市情報公開条例第N条第N号に該当する情報を
    含むため); it may be left empty, and the documents then say only 非公開. Opening clears it.
    """
    reason = " ".join(reason.split()) if not public else ""
    if len(reason) > _REASON_LIMIT:
        raise InputError("非公開の理由", f"{len(reason)}字は長すぎます（{_REASON_LIMIT}字まで）")
    with immediate(db):
        ensure_draft(db, get_item(db, item_id).session_id)
        db.execute(
            "UPDATE agenda_items SET public = ?, closed_reason = ? WHERE id = ?",
            [int(public), reason, item_id],
        )
    return get_item(db, item_id)


_REASON_LIMIT = 400


def _name(consultation: Consultation) -> str:
    """How a refusal names a consultation: its number, or its title while it has none."""
    return consultation.number or f"「{consultation.title}」"
