"""A line's place in its item, and taking lines out: move a line up or down among its item's
lines, delete a line (kept in its history, and put back on request), take back the line just
entered, and place a line moved to another item where it was said.

Each change is one transaction that reads what it moves inside it (another instance may be
writing) and writes the line's history. A new paragraph of a turn
(``continues``) only follows its speaker's line: a change of order that leaves one after
someone else's line makes it a turn of its own again, in its history too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlite_utils import Database

from meeting.dates import from_iso
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.store import ensure_draft
from minutes.model import Utterance, UtteranceKind
from minutes.store import decisions, item_utterances, lines, order
from minutes.store.history import add_change, changes
from minutes.store.items import item_place
from minutes.store.opinions import move_opinions
from minutes.utterances import CLERK, get_line, give_letter, line_snapshot

DELETIONS = ("delete", "take-back")
"""The changes that take a line out of the record and can be undone by putting it back."""


def shift_line(
    db: Database, utterance_id: int, step: int, *, at: datetime, actor: str = CLERK
) -> Utterance:
    """Swap a line with the line of its item just before (``step`` < 0) or after it."""
    with immediate(db):
        line = get_line(db, utterance_id)
        ensure_draft(db, line.session_id)
        other = order.item_neighbour(db, line.session_id, line.agenda_item_id, line.position, step)
        if other is None:
            where = "最初" if step < 0 else "最後"
            raise InputError("順序", f"この議題の{where}の行です")
        order.set_position(db, line.id, other.position)
        order.set_position(db, other.id, line.position)
        for moved, was, now in (
            (line, line.position, other.position),
            (other, other.position, line.position),
        ):
            add_change(
                db, moved.id, "order", {"position": was}, {"position": now}, at=at, actor=actor
            )
        _settle_turns(db, line.session_id, line.agenda_item_id, at=at, actor=actor)
    return get_line(db, utterance_id)


def delete_line(db: Database, utterance_id: int, *, at: datetime, actor: str = CLERK) -> Utterance:
    """Take a line out of the record. Its history keeps it as it was (:func:`restore_line` puts
    it back); the opinions made from it keep their text. Returns the line as it was."""
    return _take_out(db, get_line(db, utterance_id), "delete", at=at, actor=actor)


def take_back(
    db: Database, session_id: int, utterance_id: int, *, at: datetime, actor: str = CLERK
) -> Utterance:
    """Undo the line just entered: it leaves the record (kept in its history) and its text goes
    back to the clerk's line. Only the session's line entered last, and never a decision's
    closing line."""
    line = get_line(db, utterance_id)
    last = order.newest_line_id(db, session_id)
    if line.session_id != session_id or last != line.id:
        raise InputError("元に戻す", "最後に記録した行だけを戻せます（ほかは記録を直す画面で）")
    if line.kind is UtteranceKind.NARRATION and any(
        d.agenda_item_id == line.agenda_item_id and d.narration == line.text
        for d in decisions(db, session_id)
    ):
        raise InputError("元に戻す", "決定の締めの行は戻せません（記録を直す画面で直せます）")
    return _take_out(db, line, "take-back", at=at, actor=actor)


def _take_out(db: Database, line: Utterance, action: str, *, at: datetime, actor: str) -> Utterance:
    """The line leaves the record; its history keeps it, with where it stood among its item's
    lines (the lines before and after it) and whether it was closed, so that it comes back
    there, and closed."""
    session_id, item_id = line.session_id, line.agenda_item_id
    with immediate(db):
        line = get_line(db, line.id)
        ensure_draft(db, session_id)
        before = order.item_neighbour(db, session_id, item_id, line.position, -1)
        following = order.item_neighbour(db, session_id, item_id, line.position, 1)
        closed = lines.line_in_closed_part(db, line.id)
        opinions = order.detach_opinions(db, line.id)
        lines.delete_line(db, line.id)
        if order.opening_waiting(db, session_id) == line.id:
            order.set_opening_waiting(db, session_id, None)
        if line.member_id is not None and not order.member_speaks(db, session_id, line.member_id):
            order.drop_last_letter(db, session_id, line.member_id)
        after: dict[str, Any] = {
            "after": before.id if before else None,
            "before": following.id if following else None,
            "closed": closed,
        }
        if opinions:
            after["opinions"] = opinions
        add_change(db, line.id, action, line_snapshot(line), after, at=at, actor=actor)
        _settle_turns(db, session_id, item_id, at=at, actor=actor)
    return line


def opening_waits(db: Database, session_id: int) -> bool:
    """The chair's opening was recorded before anyone spoke and waits for the secretariat's."""
    return order.opening_waiting(db, session_id) is not None


def deleted_lines(db: Database, session_id: int, agenda_item_id: int | None) -> list[Utterance]:
    """The item's lines taken out and not put back, the last taken out first."""
    found = order.deleted_snapshots(db, session_id)
    return [_from_snapshot(s) for s in found if s["agenda_item_id"] == agenda_item_id]


def restore_line(db: Database, utterance_id: int, *, at: datetime, actor: str = CLERK) -> Utterance:
    """Put a deleted line back where it stood among its item's lines (after the line that was
    before it, or before the line that was after it, or by the time it was said), with its
    history. A line that was closed, or that lands after a closed line, comes back closed:
    putting a line back never makes closed words public."""
    with immediate(db):
        if lines.get_utterance(db, utterance_id) is not None:
            raise InputError("元に戻す", "その行は記録にあります")
        snapshot = _deleted_snapshot(db, utterance_id)
        session_id, item_id = snapshot["session_id"], snapshot["agenda_item_id"]
        ensure_draft(db, session_id)
        if item_id is not None:
            place = item_place(db, item_id)
            if place is None or place["session_id"] != session_id:
                raise InputError("元に戻す", "その行の議題はもうありません")
        position = _place_again(db, session_id, item_id, snapshot)
        lines.make_room_after(db, session_id, position - 1)
        deleted = snapshot["deleted"]
        anchor = lines.get_utterance(db, deleted["after"]) if deleted.get("after") else None
        closed = bool(deleted.get("closed")) or (
            anchor is not None and anchor.agenda_item_id == item_id and not anchor.public
        )
        order.put_back(db, {**snapshot, "public": snapshot["public"] and not closed}, position)
        order.attach_opinions(db, utterance_id, deleted.get("opinions", []))
        if snapshot.get("member_id") is not None:
            give_letter(db, session_id, snapshot["member_id"])
        put: dict[str, Any] = {"position": position}
        if closed and snapshot["public"]:
            put["public"] = False
        add_change(db, utterance_id, "restore", None, put, at=at, actor=actor)
        _settle_turns(db, session_id, item_id, at=at, actor=actor)
    return get_line(db, utterance_id)


def _place_again(
    db: Database, session_id: int, item_id: int | None, snapshot: dict[str, Any]
) -> int:
    """The position a deleted line takes again: after the line that stood before it, else
    before the line that stood after it (both still in its item), else among the item's lines
    by the time it was said."""
    deleted = snapshot["deleted"]
    for key, offset in (("after", 1), ("before", 0)):
        neighbour = lines.get_utterance(db, deleted[key]) if deleted.get(key) else None
        if neighbour is not None and neighbour.agenda_item_id == item_id:
            return neighbour.position + offset
    said = from_iso(snapshot["spoken_at"])
    others = item_utterances(db, session_id, item_id)
    earlier = [u for u in others if u.spoken_at <= said]
    if earlier:
        return max(u.position for u in earlier) + 1
    if others:
        return min(u.position for u in others)
    return lines.next_line_position(db, session_id)


def _deleted_snapshot(db: Database, utterance_id: int) -> dict[str, Any]:
    """The line as its deletion kept it, with the deletion's ``after`` as ``"deleted"``; only
    while the deletion is the line's last change (a line merged away is not deleted)."""
    found = changes(db, utterance_id)
    if not found or found[-1]["action"] not in DELETIONS or not found[-1]["before"]:
        raise InputError("元に戻す", f"行 {utterance_id} は消した行の中にありません")
    return {**found[-1]["before"], "deleted": found[-1]["after"] or {}}


def _from_snapshot(snapshot: dict[str, Any]) -> Utterance:
    """A deleted line as its history kept it: the row's own columns, read as a row is."""
    return lines.utterance_of(snapshot)


def move_line(
    db: Database,
    utterance_id: int,
    agenda_item_id: int,
    *,
    at: datetime,
    actor: str = CLERK,
    public: bool | None = None,
) -> Utterance:
    """Move a line to another item of the session, among that item's lines by the time it was
    said (a line recorded under the wrong item belongs where it was said), not by its old place;
    :func:`shift_line` then puts it anywhere else.

    A closed line, or any line of a closed item, moved into a public item stays closed unless
    ``public`` is True (the clerk's explicit choice): moving never opens anything by itself.
    ``public=False`` closes the line wherever it goes.
    """
    with immediate(db):
        line = get_line(db, utterance_id)
        session_id = line.session_id
        ensure_draft(db, session_id)
        item = item_place(db, agenda_item_id)
        if item is None or item["session_id"] != session_id:
            raise InputError("議題", "同じ会議の議題にだけ移せます")
        if agenda_item_id == line.agenda_item_id:
            raise InputError("議題", "この行はすでにその議題の行です（順序は ⇧↑ ⇧↓ で変えます）")
        values: dict[str, Any] = {"agenda_item_id": agenda_item_id}
        if public is not None:
            values["public"] = int(public)
        elif item["public"] and _closed_here(db, utterance_id):
            values["public"] = 0
        others = item_utterances(db, session_id, agenda_item_id)
        earlier = [u for u in others if u.spoken_at <= line.spoken_at]
        lines.update_line(db, utterance_id, values)
        add_change(db, utterance_id, "move", line_snapshot(line), values, at=at, actor=actor)
        if others:
            lines.close_gap_after(db, session_id, line.position)
            if earlier:
                anchor = get_line(db, max(earlier, key=lambda u: u.position).id)
                lines.make_room_after(db, session_id, anchor.position)
                order.set_position(db, utterance_id, anchor.position + 1)
            else:
                first = get_line(db, min(others, key=lambda u: u.position).id)
                lines.make_room_after(db, session_id, first.position - 1)
                order.set_position(db, utterance_id, first.position)
        _settle_turns(db, session_id, line.agenda_item_id, at=at, actor=actor)
        _settle_turns(db, session_id, agenda_item_id, at=at, actor=actor)
    return get_line(db, utterance_id)


def _closed_here(db: Database, utterance_id: int) -> bool:
    """Closed by its own mark or by its item's (the session's mark goes with it anywhere)."""
    marks = lines.openness(db, utterance_id)
    return marks is not None and not (marks["line_public"] and marks["item_public"])


def next_in_item(db: Database, utterance_id: int) -> Utterance | None:
    """The line after this one in its item (lines of other items may sit between them)."""
    line = get_line(db, utterance_id)
    return order.item_neighbour(db, line.session_id, line.agenda_item_id, line.position, 1)


def merge_lines(
    db: Database, first_id: int, second_id: int, *, at: datetime, actor: str = CLERK
) -> Utterance:
    """Join a line with the line after it in its item: one speaker said both.

    If either line is closed (its own mark or its item's), the merged line is closed: closed
    text never reaches a public document by being joined to a public line.
    """
    with immediate(db):
        first, second = get_line(db, first_id), get_line(db, second_id)
        following = next_in_item(db, first_id)
        if following is None or following.id != second_id:
            raise InputError("結合", "同じ議題で続いている2行だけをまとめられます")
        if first.sitting_id != second.sitting_id:
            raise InputError("結合", "別の日程（1日目・2日目）の行どうしはまとめられません")
        ensure_draft(db, first.session_id)
        closed = _closed_here(db, first_id) or _closed_here(db, second_id)
        lines.merge_into(db, first_id, first.text + second.text, public=not closed)
        # The opinions made from the second line follow it before it goes (foreign keys).
        move_opinions(db, second_id, first_id)
        lines.delete_line(db, second_id)
        lines.close_gap_after(db, first.session_id, second.position)
        after: dict[str, Any] = {"text": first.text + second.text}
        if closed:
            after["public"] = False
        add_change(db, first_id, "merge", line_snapshot(first), after, at=at, actor=actor)
        add_change(
            db,
            second_id,
            "merged-into",
            line_snapshot(second),
            {"into": first_id},
            at=at,
            actor=actor,
        )
        _settle_turns(db, first.session_id, first.agenda_item_id, at=at, actor=actor)
    return get_line(db, first_id)


def _settle_turns(
    db: Database, session_id: int, agenda_item_id: int | None, *, at: datetime, actor: str
) -> None:
    """A new paragraph whose line before (in its item) is not its speaker's speech becomes a
    turn of its own; each such change is kept in the line's history."""
    previous: Utterance | None = None
    for line in item_utterances(db, session_id, agenda_item_id):
        if line.continues and not _same_turn(previous, line):
            lines.update_line(db, line.id, {"continues": 0})
            add_change(
                db, line.id, "continue", {"continues": 1}, {"continues": 0}, at=at, actor=actor
            )
        previous = line


def _same_turn(previous: Utterance | None, line: Utterance) -> bool:
    return (
        previous is not None
        and previous.kind is UtteranceKind.SPEECH
        and line.kind is UtteranceKind.SPEECH
        and (previous.speaker_kind, previous.member_id, previous.speaker_label)
        == (line.speaker_kind, line.member_id, line.speaker_label)
    )
