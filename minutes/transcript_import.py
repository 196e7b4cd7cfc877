"""Importing a transcript into a session's record: a plan to show, then one transaction.

The lines land after every line already in the record, as ordinary lines the clerk then
corrects on the lines screen; nothing in the record is changed. Each has in its history that it
was imported, from which file and where in it. A failed import leaves the database as it was.

Where the lines go: the item the clerk chooses; or, when the file has times and the live record
has taken up items in the sitting (the agenda itself carries no times), each line to the item
under way at its moment. A file's times count from the recording's start (the sitting's
recording, else the sitting's start), unless they read as clock times (from 5:00 on).

A speaker's consecutive cues of a timed file (VTT, SRT, CSV), cut every few seconds by the
service, become one line: the record keeps a turn a line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from agendas.model import AgendaItem
from agendas.rules import item_title, numbered
from agendas.store import agenda
from meeting.db_writes import immediate
from meeting.errors import InputError
from meeting.model import Member, Session, Sitting
from meeting.store import ensure_draft, get_council, get_member
from minutes.model import SpeakerKind, UtteranceKind
from minutes.recording import recording_of
from minutes.speakers import Speaker
from minutes.store import lines, order
from minutes.store.history import add_change
from minutes.store.transcripts import item_starts, keep_label_map
from minutes.transcript import FIELD, Said, Transcript, join_text, label_text
from minutes.transcript_labels import Assignment, Use
from minutes.utterances import CLERK, give_missing_letters, keep_text

CLOCK_FROM = timedelta(hours=5)
"""A file whose times start this late holds clock times (10:02:15), not a recording's."""


class UnmappedLabels(InputError):
    """Labels the clerk has not said who they are: named, with their counts."""

    def __init__(self, labels: Sequence[tuple[str, int]]) -> None:
        self.labels = [label for label, _ in labels]
        shown = "、".join(f"「{label_text(label)}」（{count}行）" for label, count in labels)
        super().__init__("話者", f"発言者が決まっていないラベルがあります: {shown}")


@dataclass(frozen=True)
class PlannedLine:
    agenda_item_id: int | None
    speaker: Speaker | None
    """None for a stage direction (ト書き)."""
    text: str
    spoken_at: datetime
    continues: bool
    where: str
    """Where it begins in the file (12行目, 段落3), kept in its history."""


@dataclass(frozen=True)
class Plan:
    session_id: int
    sitting_id: int | None
    name: str
    lines: tuple[PlannedLine, ...]
    mapping: tuple[tuple[str, Assignment], ...]
    """Each label with what it becomes, remembered for the session when the import is made."""
    dropped: int
    """Lines of the file left out (labels mapped to 取り込まない)."""
    by_time: bool
    notes: tuple[str, ...] = ()

    def per_item(self) -> Counter[int | None]:
        return Counter(line.agenda_item_id for line in self.lines)


@dataclass(frozen=True)
class Placement:
    """Where the lines may go: by time (when both the file and the record have times), or to
    one item of the agenda."""

    by_time: bool
    items: tuple[AgendaItem, ...]
    numbers: dict[int, str]
    """Each item's number as the agenda shows it (3, 2(1))."""


def placement(
    db: Database, session: Session, transcript: Transcript, sitting: Sitting | None
) -> Placement:
    items = agenda(db, session.id)
    shown = numbered(items, get_council(db, session.council_id).agenda_numbering)
    timed = any(s.time is not None for s in transcript.lines)
    starts = item_starts(db, session.id, sitting.id if sitting else None) if timed else []
    return Placement(bool(starts), tuple(items), {n.item.id: n.number for n in shown})


def plan_import(
    db: Database,
    session: Session,
    transcript: Transcript,
    mapping: Mapping[str, Assignment | None],
    *,
    item_id: int | None,
    by_time: bool = False,
    sitting: Sitting | None = None,
    free_unmapped: bool = False,
    now: datetime,
) -> Plan:
    """What the import would add: every line with its item, speaker and moment.

    A label with no assignment is refused, naming it, unless ``free_unmapped`` keeps it as a
    free label (its own name). ``item_id`` is where every line goes, unless ``by_time``."""
    mapping = _complete(transcript, mapping, free_unmapped)
    _check_members(db, session, mapping)
    sitting = sitting or (session.active_sittings[0] if session.active_sittings else None)
    items = {i.id for i in agenda(db, session.id)}
    if not by_time and item_id is not None and item_id not in items:
        raise InputError("議題", f"議題 {item_id} はこの会議の会議次第にありません")
    moments = _moments(db, transcript.lines, sitting, now)
    if by_time:
        starts = item_starts(db, session.id, sitting.id if sitting else None)
        if not starts or all(s.time is None for s in transcript.lines):
            raise InputError("議題", "時刻で議題に振り分けられません。取り込む議題を選んでください")
        places = _by_time(moments, transcript.lines, starts)
    else:
        places = [item_id] * len(transcript.lines)
    planned: list[PlannedLine] = []
    dropped = 0
    for said, moment, place in zip(transcript.lines, moments, places, strict=True):
        assignment = mapping[said.label]
        if assignment is None or assignment.use is Use.DROP:
            dropped += 1
            continue
        speaker = assignment.speaker if assignment.use is Use.SPEECH else None
        _add(planned, said, speaker, place, moment, transcript)
    used = {s.label for s in transcript.lines}
    return Plan(
        session.id,
        sitting.id if sitting else None,
        transcript.name,
        tuple(planned),
        tuple((label, a) for label, a in mapping.items() if label in used and a is not None),
        dropped,
        by_time,
        transcript.notes,
    )


def check_mapped(transcript: Transcript, mapping: Mapping[str, Assignment | None]) -> None:
    """Refuse a mapping that leaves a label of the file unsaid, naming each."""
    if missing := _missing(transcript, mapping):
        raise UnmappedLabels(missing)


def _missing(
    transcript: Transcript, mapping: Mapping[str, Assignment | None]
) -> list[tuple[str, int]]:
    counts = Counter(s.label for s in transcript.lines)
    return [(label, counts[label]) for label in counts if mapping.get(label) is None]


def _complete(
    transcript: Transcript, mapping: Mapping[str, Assignment | None], free_unmapped: bool
) -> dict[str, Assignment | None]:
    missing = _missing(transcript, mapping)
    if missing and not free_unmapped:
        raise UnmappedLabels(missing)
    out: dict[str, Assignment | None] = dict(mapping)
    for label, _ in missing:
        out[label] = Assignment(Use.SPEECH, Speaker(SpeakerKind.OTHER, label=label or "発言者"))
    return out


def _check_members(
    db: Database, session: Session, mapping: Mapping[str, Assignment | None]
) -> None:
    for label, assignment in mapping.items():
        speaker = assignment.speaker if assignment else None
        if speaker is None or speaker.member_id is None:
            continue
        member = get_member(db, speaker.member_id)
        if member.council_id != session.council_id:
            raise InputError(
                "話者",
                f"「{label_text(label)}」の{member.name}さんはこの審議会の委員ではありません",
            )


def _moments(
    db: Database, said: Sequence[Said], sitting: Sitting | None, now: datetime
) -> list[datetime]:
    """Each line's moment: from the recording's start, or the clock; a line without a time
    takes the one before it (the first ones, the start)."""
    recording = recording_of(db, sitting.id) if sitting else None
    start = recording.started_at if recording else (sitting.starts_at if sitting else now)
    times = [s.time for s in said if s.time is not None]
    clock = bool(times) and min(times) >= CLOCK_FROM
    midnight = start.replace(hour=0, minute=0, second=0, microsecond=0)
    out = []
    last = start
    for s in said:
        if s.time is not None:
            last = (midnight if clock else start) + s.time
        out.append(last)
    return out


def _by_time(
    moments: Sequence[datetime], said: Sequence[Said], starts: Sequence[tuple[int, datetime]]
) -> list[int | None]:
    """The item under way at each line's moment (the first one before any began)."""
    out: list[int | None] = []
    for moment, s in zip(moments, said, strict=True):
        if s.time is None and out:
            out.append(out[-1])
            continue
        under_way = [item for item, started in starts if started <= moment]
        out.append(under_way[-1] if under_way else starts[0][0])
    return out


def _add(
    planned: list[PlannedLine],
    said: Said,
    speaker: Speaker | None,
    item: int | None,
    moment: datetime,
    transcript: Transcript,
) -> None:
    """Add a line, or run it on into the one before: a speaker's next cue of a timed file."""
    before = planned[-1] if planned else None
    same = (
        before is not None
        and speaker is not None
        and before.speaker == speaker
        and before.agenda_item_id == item
    )
    if same and before is not None and transcript.format.timed and said.label:
        planned[-1] = PlannedLine(
            before.agenda_item_id,
            speaker,
            join_text(before.text, said.text),
            before.spoken_at,
            before.continues,
            before.where,
        )
        return
    continues = said.continues and same
    text = keep_text(said.text)
    planned.append(PlannedLine(item, speaker, text, moment, continues, transcript.where(said)))


def describe(plan: Plan, placement: Placement, members: Sequence[Member]) -> list[str]:
    """The plan as the clerk checks it: lines per item, per speaker, what is left out."""
    by_id = {i.id: i for i in placement.items}
    narrations = sum(1 for line in plan.lines if line.speaker is None)
    kinds = f"発言{len(plan.lines) - narrations}行" + (
        f"、ト書き{narrations}行" if narrations else ""
    )
    out = [f"{plan.name}: {len(plan.lines)}行（{kinds}）を記録の最後に加えます"]
    if plan.by_time:
        out[0] += "（時刻で議題に振り分け）"
    for item_id, count in plan.per_item().items():
        item = by_id.get(item_id) if item_id is not None else None
        where = (
            f"{placement.numbers.get(item.id, '')} {item_title(item)}" if item else "（議題なし）"
        )
        out.append(f"  {where.strip()}: {count}行")
    for label, assignment in plan.mapping:
        out.append(f"  「{label_text(label)}」→ {assignment.text(members)}")
    if plan.dropped:
        out.append(f"  取り込まない: {plan.dropped}件")
    return out + [f"  注意: {note}" for note in plan.notes]


def import_transcript(db: Database, plan: Plan, *, at: datetime, actor: str = CLERK) -> list[int]:
    """Add the plan's lines after the record's last line, remember the labels' mapping, in one
    transaction; returns the new lines' IDs. A confirmed record is refused."""
    if not plan.lines:
        raise InputError(FIELD, "取り込む行がありません（すべて「取り込まない」になっています）")
    ids = []
    with immediate(db):
        ensure_draft(db, plan.session_id)
        order.set_opening_waiting(db, plan.session_id, None)  # the imported lines follow it
        position = lines.next_line_position(db, plan.session_id)
        for offset, line in enumerate(plan.lines):
            line_id = lines.insert_line(
                db,
                session_id=plan.session_id,
                agenda_item_id=line.agenda_item_id,
                position=position + offset,
                kind=UtteranceKind.SPEECH if line.speaker else UtteranceKind.NARRATION,
                speaker_kind=line.speaker.kind if line.speaker else None,
                member_id=line.speaker.member_id if line.speaker else None,
                speaker_label=keep_text(line.speaker.label) if line.speaker else "",
                text=line.text,
                spoken_at=line.spoken_at,
                sitting_id=plan.sitting_id,
                continues=line.continues,
            )
            after = {"file": plan.name, "where": line.where, "text": line.text}
            add_change(db, line_id, "import", None, after, at=at, actor=actor)
            ids.append(line_id)
        for label, assignment in plan.mapping:
            speaker = assignment.speaker
            keep_label_map(
                db,
                plan.session_id,
                label,
                becomes=assignment.use.value,
                speaker_kind=speaker.kind.value if speaker else None,
                member_id=speaker.member_id if speaker else None,
                speaker_label=keep_text(speaker.label) if speaker else "",
                at=at,
            )
        give_missing_letters(db, plan.session_id)
    return ids
