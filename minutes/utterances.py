"""Taking the record live: the draft line, entering it, and changing a line later with its history.

Every function here is one transaction: a line is kept the moment it is entered, the draft is
cleared in the same transaction (so a crash never shows a line twice or loses the draft), and
every change to a line writes its before and after to ``utterance_history``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlite_utils import Database

from meeting.dates import to_iso
from meeting.db_writes import immediate, patience
from meeting.errors import InputError
from meeting.model import Role
from meeting.store import ensure_draft, get_member, get_session
from meeting.store.rows import NotInserted
from minutes.model import SpeakerKind, Utterance, UtteranceKind
from minutes.speakers import Speaker, next_letter
from minutes.store import drafts, lines, order
from minutes.store.history import add_change, changes
from minutes.store.letters import (
    add_letter,
    has_letter,
    member_role,
    replace_letter,
    speakers_in_order,
)
from minutes.store.letters import letters as letters  # the session's letters, for the screens
from minutes.store.lines import get_utterance

CLERK = "事務局"


@dataclass(frozen=True)
class Draft:
    """What is typed but not yet entered, kept so a crash does not lose it."""

    text: str
    agenda_item_id: int | None
    speaker: Speaker | None


@dataclass(frozen=True)
class Change:
    utterance_id: int
    changed_at: datetime
    actor: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def keep_text(text: str) -> str:
    """Text as it can be stored: a lone surrogate (never typed, sometimes pasted) becomes U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


# The draft


def save_draft(
    db: Database, session_id: int, draft: Draft, *, at: datetime, wait: float | None = None
) -> None:
    """Keep what is typed; ``wait`` bounds the wait for another program's lock (seconds).

    On a database error nothing is half-saved: the error is raised for the caller to retry.
    """
    with contextlib.ExitStack() as stack:
        if wait is not None:
            stack.enter_context(patience(db, wait))
        try:
            _save_draft(db, session_id, draft, at=at)
        except sqlite3.Error:
            db.conn.rollback()
            raise


def _save_draft(db: Database, session_id: int, draft: Draft, *, at: datetime) -> None:
    s = draft.speaker
    drafts.write_draft(
        db,
        session_id,
        text=keep_text(draft.text),
        agenda_item_id=draft.agenda_item_id,
        speaker_kind=s.kind.value if s else None,
        member_id=s.member_id if s else None,
        speaker_label=keep_text(s.label) if s else "",
        updated_at=at,
    )
    db.conn.commit()


def load_draft(db: Database, session_id: int) -> Draft | None:
    row = drafts.read_draft(db, session_id)
    if row is None:
        return None
    speaker = (
        Speaker(SpeakerKind(row["speaker_kind"]), row["member_id"], row["speaker_label"])
        if row["speaker_kind"]
        else None
    )
    return Draft(row["text"], row["agenda_item_id"], speaker)


# Entering a line


def enter_line(
    db: Database,
    session_id: int,
    text: str,
    *,
    at: datetime,
    agenda_item_id: int | None,
    speaker: Speaker | None,
    narration: bool = False,
    sitting_id: int | None = None,
    from_line: bool | None = None,
    wait: float | None = None,
    continues: bool = False,
) -> Utterance | None:
    """Keep one line and clear the draft, together; an empty line is ignored (None).

    ``continues`` makes it a new paragraph of the previous line's turn: the speaker is that
    line's (``speaker`` is not needed), and the documents print one label for the turn. The
    previous line must be a speech of the same item.

    ``from_line`` says the text came from the clerk's typing line, whose draft it replaces; by
    default a speech does and a narration (picked from a list) does not, so a half-typed line
    stays a draft. ``wait`` bounds the wait for another program's lock (seconds); a database
    error (locked, disk full, read-only) is raised with nothing written.
    """
    if not text.strip():
        return None
    text = keep_text(text)
    if continues:
        if narration:
            raise InputError("段落", "ト書きは発言の続きにできません")
        speaker = turn_of(db, session_id, agenda_item_id)
    if not narration and speaker is None:
        raise InputError("発言者", "発言者を選んでください（F2～、または Esc の後のキー）")
    if speaker and speaker.kind is SpeakerKind.MEMBER and speaker.member_id is None:
        raise InputError("発言者", "委員を選んでください")
    with contextlib.ExitStack() as stack:
        if wait is not None:
            stack.enter_context(patience(db, wait))
        return _enter(
            db,
            session_id,
            text,
            at,
            agenda_item_id,
            speaker,
            narration,
            sitting_id,
            from_line,
            continues,
        )


def _enter(
    db: Database,
    session_id: int,
    text: str,
    at: datetime,
    agenda_item_id: int | None,
    speaker: Speaker | None,
    narration: bool,
    sitting_id: int | None,
    from_line: bool | None,
    continues: bool = False,
) -> Utterance:
    said = None if narration else speaker
    with immediate(db):
        ensure_draft(db, session_id)
        line_id = lines.insert_line(
            db,
            session_id=session_id,
            agenda_item_id=agenda_item_id,
            position=_place(db, session_id, agenda_item_id, said),
            kind=UtteranceKind.NARRATION if narration else UtteranceKind.SPEECH,
            speaker_kind=said.kind if said else None,
            member_id=said.member_id if said else None,
            speaker_label=keep_text(said.label) if said else "",
            text=text,
            spoken_at=at,
            sitting_id=sitting_id,
            continues=continues,
        )
        if not narration if from_line is None else from_line:
            drafts.clear_draft(db, session_id)
        if said and said.member_id is not None:
            give_letter(db, session_id, said.member_id)
    return _line(db, session_id, line_id)


def _place(
    db: Database,
    session_id: int,
    agenda_item_id: int | None,
    said: Speaker | None,
) -> int:
    """Where a new line goes: after every line, except while the chair's opening recorded
    before anyone spoke waits (:func:`minutes.opening.enter_opening`).

    Then narrations and the secretariat's lines of the same item go before it — 開会 is noted,
    the secretariat opens the meeting and hands over to the chair — and the first line of anyone
    else, or a narration after the secretariat spoke, ends the wait (the chair's opening was
    said by then). Called inside the entering transaction.
    """
    end = lines.next_line_position(db, session_id)
    waiting = order.opening_waiting(db, session_id)
    if waiting is None:
        return end
    opening = get_utterance(db, waiting)
    secretariat = said is not None and said.kind is SpeakerKind.SECRETARIAT
    before = lines.line_before(db, session_id, opening.position) if opening else None
    spoke = before is not None and before.speaker_kind is SpeakerKind.SECRETARIAT
    # A narration once the secretariat has spoken comes after the chair's opening (資料確認,
    # a department coming in): the opening was said by then.
    if (
        opening is None
        or opening.agenda_item_id != agenda_item_id
        or not (secretariat or (said is None and not spoke))
    ):
        order.set_opening_waiting(db, session_id, None)
        return end
    lines.make_room_after(db, session_id, opening.position - 1)
    return opening.position


def turn_of(db: Database, session_id: int, agenda_item_id: int | None) -> Speaker:
    """Who is speaking now: the speaker of the session's last line, which must be a speech of
    the item (a new paragraph of a turn continues the turn in hand). While the chair's opening
    waits at the end, the last line is the one before it."""
    last = lines.latest_utterances(db, session_id, 1)
    waiting = order.opening_waiting(db, session_id)
    if last and last[0].id == waiting:
        before = lines.line_before(db, session_id, last[0].position)
        last = [before] if before is not None else []
    if not last or last[0].kind is not UtteranceKind.SPEECH:
        raise InputError("段落", "続ける発言がありません（直前の行が発言ではありません）")
    line = last[0]
    if line.agenda_item_id != agenda_item_id:
        raise InputError("段落", "直前の発言は別の議題のものです。発言者を選んで入力してください")
    return Speaker(line.speaker_kind or SpeakerKind.OTHER, line.member_id, line.speaker_label)


def give_letter(db: Database, session_id: int, member_id: int) -> None:
    """The first time a member speaks in a session, they get the next letter (A, B…).

    The chair is printed as 会長 and takes no letter.
    """
    role = member_role(db, member_id)
    if role is None or role == Role.CHAIR.value:
        return
    if has_letter(db, session_id, member_id):
        return
    add_letter(db, session_id, member_id, next_letter(letters(db, session_id).values()))


def give_missing_letters(db: Database, session_id: int) -> list[tuple[int, str]]:
    """Give each member who speaks in the session and has no letter the letter their first
    line would have given them, in the order they first speak (a record imported without its
    letters); returns (member ID, letter) of each given. Part of the caller's transaction."""
    given = []
    for member_id in speakers_in_order(db, session_id):
        if member_role(db, member_id) == Role.CHAIR.value or has_letter(db, session_id, member_id):
            continue
        letter = next_letter(letters(db, session_id).values())
        add_letter(db, session_id, member_id, letter)
        given.append((member_id, letter))
    return given


def set_letter(db: Database, session_id: int, member_id: int, letter: str) -> None:
    letter = letter.strip().upper()
    if not letter:
        raise InputError("記号", "記号を入れてください（例: A）")
    with immediate(db):
        ensure_draft(db, session_id)
        taken = {v: k for k, v in letters(db, session_id).items()}
        if taken.get(letter, member_id) != member_id:
            raise InputError("記号", f"{letter}委員は既にほかの委員です")
        replace_letter(db, session_id, member_id, letter)


# Changing a line later


def check_text(text: str) -> str:
    """A line's new text as it is kept; an empty one is refused (a line is removed by merging
    it, not by emptying it). The correcting dialog asks it before closing, so nothing typed
    is lost to the refusal."""
    if not text.strip():
        raise InputError("発言", "空にはできません。行を消すには別の行とまとめてください")
    return keep_text(text)


def correct_line(
    db: Database, utterance_id: int, text: str, *, at: datetime, actor: str = CLERK
) -> Utterance:
    return _change(db, utterance_id, "correct", {"text": check_text(text)}, at=at, actor=actor)


def retag_line(
    db: Database, utterance_id: int, speaker: Speaker, *, at: datetime, actor: str = CLERK
) -> Utterance:
    line = get_line(db, utterance_id)
    if speaker.member_id is not None:
        member = get_member(db, speaker.member_id)
        if member.council_id != get_session(db, line.session_id).council_id:
            raise InputError("発言者", f"{member.name}さんはこの審議会の委員ではありません")
    changed = _change(
        db,
        utterance_id,
        "retag",
        {
            "kind": UtteranceKind.SPEECH.value,
            "speaker_kind": speaker.kind.value,
            "member_id": speaker.member_id,
            "speaker_label": keep_text(speaker.label),
            "continues": 0,  # another speaker's line begins a turn of its own
        },
        at=at,
        actor=actor,
    )
    if speaker.member_id is not None:
        with immediate(db):
            give_letter(db, line.session_id, speaker.member_id)
    return changed


def set_lines_public(
    db: Database,
    first_id: int,
    last_id: int | None = None,
    *,
    public: bool,
    at: datetime,
    actor: str = CLERK,
) -> list[int]:
    """Close (非公開) or open a line, or every line from ``first_id`` to ``last_id`` (either
    order) of one session; each change is kept in the line's history. Returns the lines."""
    first = get_line(db, first_id)
    last = get_line(db, last_id) if last_id is not None else first
    if last.session_id != first.session_id:
        raise InputError("範囲", "同じ会議の行だけを範囲にできます")
    low, high = sorted((first.position, last.position))
    with immediate(db):
        ensure_draft(db, first.session_id)
        found = lines.openness_of_lines(db, first.session_id, low, high)
        for row in found:
            line_id, was = row["id"], row["public"]
            if was == public:
                continue
            lines.set_public(db, line_id, public)
            action = "open" if public else "close"
            add_change(db, line_id, action, {"public": was}, {"public": public}, at=at, actor=actor)
    return [row["id"] for row in found]


def set_continues(
    db: Database, utterance_id: int, continues: bool, *, at: datetime, actor: str = CLERK
) -> Utterance:
    """Make a line a new paragraph of the previous line's turn, or a turn of its own again.

    Only a speech by the same speaker as the line before it, in the same item, continues it."""
    line = get_line(db, utterance_id)
    if continues:
        previous = lines.line_before(db, line.session_id, line.position)
        same = previous is not None and (
            previous.kind is UtteranceKind.SPEECH
            and line.kind is UtteranceKind.SPEECH
            and previous.agenda_item_id == line.agenda_item_id
            and (previous.speaker_kind, previous.member_id, previous.speaker_label)
            == (line.speaker_kind, line.member_id, line.speaker_label)
        )
        if not same:
            raise InputError("段落", "前の行と同じ発言者の発言だけを、その続きにできます")
    return _change(db, utterance_id, "continue", {"continues": int(continues)}, at=at, actor=actor)


def split_line(
    db: Database, utterance_id: int, index: int, *, at: datetime, actor: str = CLERK
) -> tuple[Utterance, Utterance]:
    """Cut a line in two at ``index``; the second part follows it, with the same speaker."""
    line = get_line(db, utterance_id)
    head, tail = line.text[:index], line.text[index:]
    if not head.strip() or not tail.strip():
        raise InputError("分割", "行の途中で分けてください（前後のどちらかが空になります）")
    with immediate(db):
        ensure_draft(db, line.session_id)
        lines.make_room_after(db, line.session_id, line.position)
        new_id = lines.copy_after(db, utterance_id, tail)
        lines.set_text(db, utterance_id, head)
        add_change(
            db,
            utterance_id,
            "split",
            {"text": line.text},
            {"text": head, "new": new_id},
            at=at,
            actor=actor,
        )
        add_change(
            db, new_id, "split-from", None, {"text": tail, "from": utterance_id}, at=at, actor=actor
        )
    return get_line(db, utterance_id), get_line(db, new_id)


def history(db: Database, utterance_id: int) -> list[Change]:
    return [Change(**row) for row in changes(db, utterance_id)]


def get_line(db: Database, utterance_id: int) -> Utterance:
    line = get_utterance(db, utterance_id)
    if line is None:
        raise InputError("発言", f"行 {utterance_id} はありません")
    return line


def _change(
    db: Database,
    utterance_id: int,
    action: str,
    values: dict[str, Any],
    *,
    at: datetime,
    actor: str,
) -> Utterance:
    line = get_line(db, utterance_id)
    with immediate(db):
        ensure_draft(db, line.session_id)
        lines.update_line(db, utterance_id, values)
        add_change(db, utterance_id, action, line_snapshot(line), values, at=at, actor=actor)
    return get_line(db, utterance_id)


def line_snapshot(line: Utterance) -> dict[str, Any]:
    data = asdict(line)
    data["spoken_at"] = to_iso(line.spoken_at)
    return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in data.items()}


def _line(db: Database, session_id: int, utterance_id: int) -> Utterance:
    """The line just entered, read back; that it is not there is a database's fault."""
    line = get_utterance(db, utterance_id)
    if line is None or line.session_id != session_id:
        raise NotInserted(f"発言を記録しましたが、読み返せません（行 {utterance_id}）")
    return line
