"""The full minutes (会議録) of a session, gathered from the stored record alone.

Writers (docx, Markdown) lay out a :class:`Minutes`; nothing here knows about Word. The public
version leaves every closed part out and says where; it never carries a closed line's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlite_utils import Database

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK, heading_of, item_title
from exports.openness import (
    CLOSED_NOTE,
    CLOSED_SESSION_NOTE,
    Openness,
    closed_item_note,
)
from exports.session_record import SessionRecord, read_record
from exports.staff import group_staff
from meeting.dates import format_date, format_time, format_time_range, to_tokyo
from meeting.model import Member, SessionForm
from meeting.sessions import session_title, sitting_label
from minutes.anonymise import NameLabel, Replacement, anonymise_text
from minutes.model import Decision, SpeakerKind, UtteranceKind
from minutes.roll import OtherKind
from minutes.speakers import Speaker, format_line, speaker_tag, surname

__all__ = [
    "CLOSED_NOTE",
    "CLOSED_SESSION_NOTE",
    "GAP",
    "Line",
    "Minutes",
    "MinutesRecord",
    "closed_item_note",
    "gather_minutes",
    "minutes_of",
    "read_minutes",
    "record_lines",
]

GAP = "（記録なし）"
"""Where the record is missing something, the document says so rather than leave a blank."""


class Line(NamedTuple):
    """One paragraph of 会議の内容: a speech (tag and text), a narration (text only), or an
    opinion attached to the item's decision.

    A named tuple, not a frozen dataclass: a long record makes one for each of its lines before
    the export screen shows the first page, and a frozen dataclass of these fields takes two and
    a half times as long to make (bench/README.md, issue 17)."""

    text: str
    tag: str = ""
    heading: bool = False
    """A heading of the record's own (〔2日目〕), kept with the line after it."""
    continued: bool = False
    """A new paragraph of the same speaker's turn: printed without the tag (one label a turn)."""
    attached: str = ""
    """An opinion attached to the decision (付帯意見, 付言事項, 留意事項, 要望): its kind."""
    item_id: int | None = None
    """The agenda item the line belongs to, if any."""
    closing: bool = False
    """The decision's closing line (—…承認される。—), which some councils do not print."""

    @property
    def narration(self) -> bool:
        return not self.tag and not self.attached and not self.heading

    def printed(self, *, anonymised: bool) -> str:
        """As plain text: 森川会長：… or (A委員) …, a continued paragraph without its tag,
        【付帯意見】…, a narration or a heading as it is."""
        if self.attached:
            return f"【{self.attached}】{self.text}"
        if not self.tag or self.continued:
            return self.text
        return format_line(self.tag, self.text, anonymised=anonymised)


@dataclass(frozen=True)
class Minutes:
    title: str
    header: list[tuple[str, str]]
    """(label, value) in the order the header block prints them."""
    agenda: list[str]
    """One entry per item: 「1 会長挨拶」; a heading's child indented under it 「　(1) …」."""
    body: list[Line]
    anonymised: bool
    notes: list[str] = field(default_factory=list)
    """What the record is missing (no roll call, no lines), for the clerk to see."""
    stamp: str = ""
    """（案） for a draft, 第N版（…確定） once the council has confirmed the record."""
    errata: list[str] = field(default_factory=list)
    """One line per erratum (正誤) recorded after confirmation, oldest first."""
    replacements: list[str] = field(default_factory=list)
    """Members' names replaced by their labels in the text (議事2(1) 14:35 青木委員 → A委員),
    for the clerk to check; never a gap."""

    def text_lines(self) -> list[str]:
        return [line.printed(anonymised=self.anonymised) for line in self.body]


def record_lines(
    record: SessionRecord,
    openness: Openness,
    *,
    anonymised: bool,
    item_id: int | None = None,
    headings: bool = True,
) -> tuple[list[Line], list[str]]:
    """The lines of the record (of one item, if given) as ``openness`` lets this version print
    them, tagged as the record names speakers, and the names replaced in their text when
    ``anonymised`` (for the clerk to check).

    A line that continues its speaker's turn prints without the tag when the line printed
    before it is that speaker's; the opinions attached to an item's decision follow its closing
    line (or the item's last line)."""
    labels = record.labels if anonymised else []
    by_item = {i.id: i for i in record.items}
    by_id = {m.id: m for m in record.members}
    lines = [u for u in record.lines if item_id is None or u.agenda_item_id == item_id]
    body: list[Line] = []
    replaced: list[str] = []
    last_of: dict[int, int] = {}
    """Each item's last line printed, by its place in ``body``; its closing line if it has one."""
    closing = {d.agenda_item_id: d.narration for d in record.decisions}
    closed_by: set[int] = set()
    """Items whose closing line (the decision's narration) is printed: their opinions follow it."""
    tags: dict[tuple[SpeakerKind, int | None, str], str] = {}
    """Each speaker's tag, worked out once (a long record has a few speakers)."""
    turn: tuple[SpeakerKind, int | None, str] | None = None
    """Whose turn the last line printed was, or None after anything but a speech."""
    for shown in openness.shown(lines, by_item, record.numbers, headings=headings):
        if isinstance(shown, str):  # a note, or a closed item's title
            body.append(Line(shown))
            turn = None
            continue
        line, text = shown.line, shown.line.text
        at_item = line.agenda_item_id
        if at_item is not None and at_item not in closed_by:
            last_of[at_item] = len(body)
            if line.kind is UtteranceKind.NARRATION and line.text == closing.get(at_item):
                closed_by.add(at_item)
        if labels:
            text, found = anonymise_text(text, labels)
            where = _where(by_item.get(at_item or -1), record.numbers, line.spoken_at)
            replaced += [f"{where}{r}" for r in found]
        if shown.mark:
            text = shown.mark + text
        if line.kind is UtteranceKind.NARRATION:
            is_closing = at_item is not None and line.text == closing.get(at_item)
            body.append(Line(text, item_id=at_item, closing=is_closing))
            turn = None
            continue
        speaker = (line.speaker_kind or SpeakerKind.OTHER, line.member_id, line.speaker_label)
        tag = tags.get(speaker)
        if tag is None:
            tag = tags[speaker] = speaker_tag(
                Speaker(*speaker),
                by_id.get(line.member_id or -1),
                anonymised=anonymised,
                letter=record.letters.get(line.member_id or -1),
            )
        body.append(Line(text, tag, continued=line.continues and turn == speaker, item_id=at_item))
        turn = speaker
    attached, named = _attached(record, openness, labels, item_id)
    places = [
        (last_of.get(at_item, len(body) - 1) + 1, n) for n, (at_item, _) in enumerate(attached)
    ]
    for place, n in sorted(places, reverse=True):  # from the end, so each place stays true
        body[place:place] = attached[n][1]
    return body, replaced + named


def _attached(
    record: SessionRecord, openness: Openness, labels: list[NameLabel], item_id: int | None
) -> tuple[list[tuple[int, list[Line]]], list[str]]:
    """The opinions attached to each item's decision (of one item, if given), as this version
    prints them, in the agenda's order; an opinion the closing line already quotes is not
    printed twice. With ``labels``, names become labels; the second list says which."""
    order = {n.item.id: place for place, n in enumerate(record.numbered)}
    by_item = {i.id: i for i in record.items}
    out: list[tuple[int, list[Line]]] = []
    named: list[str] = []
    decided = sorted(record.decisions, key=lambda d: (order.get(d.agenda_item_id, 0), d.id))
    for d in decided:
        if item_id not in (None, d.agenda_item_id) or openness.leaves_out_item(d.agenda_item_id):
            continue
        printed = []
        for o in record.opinions.get(d.id, []):
            if o.text in d.narration or (openness.public and not o.public):
                continue
            text, found = anonymise_text(o.text, labels)
            where = _where(by_item.get(d.agenda_item_id), record.numbers, d.decided_at)
            named += [f"{where}{o.kind.value} {r}" for r in found]
            mark = CLOSED_MARK if not o.public else ""
            printed.append(Line(mark + text, attached=o.kind.value, item_id=d.agenda_item_id))
        if printed:
            out.append((d.agenda_item_id, printed))
    return out, named


def _where(item: AgendaItem | None, numbers: dict[int, str], spoken_at: datetime) -> str:
    """議事2(1) 14:35 : where a replaced name stands, for the clerk to find it."""
    time = to_tokyo(spoken_at).strftime("%H:%M")
    if item is None:
        return f"{time} "
    heading = heading_of(item)
    place = f"議事{numbers[item.id]}" if heading == "議事" else f"{numbers[item.id]} {heading}"
    return f"{place} {time} "


@dataclass(frozen=True)
class MinutesRecord:
    """What the minutes are made from: the session's record, its decisions and its audience."""

    record: SessionRecord
    decisions: list[Decision]
    audience: int
    """Public attendees (傍聴人) over the sittings held."""


def read_minutes(db: Database, session_id: int) -> MinutesRecord:
    record = read_record(db, session_id)
    return MinutesRecord(
        record,
        record.decisions,
        sum(s.public_attendees for s in record.session.active_sittings),
    )


def gather_minutes(
    db: Database, session_id: int, *, public: bool, sitting: int | None = None
) -> Minutes:
    return minutes_of(read_minutes(db, session_id), public=public, sitting=sitting)


def minutes_of(read: MinutesRecord, *, public: bool, sitting: int | None = None) -> Minutes:
    """The minutes of the whole session, or of its ``sitting``-th day alone (titled （2日目））."""
    if sitting is not None:
        record = read.record.of_sitting(sitting)
        kept = {i.id for i in record.items}
        read = MinutesRecord(
            record,
            [d for d in read.decisions if d.agenda_item_id in kept],
            sum(s.public_attendees for s in record.session.active_sittings),
        )
    record = read.record
    session, numbers = record.session, record.numbers
    openness = record.openness(public=public)
    notes: list[str] = []

    # 日時 and 場所, one line per sitting
    when, where = [], []
    for s in session.active_sittings:
        day = format_date(to_tokyo(s.starts_at).date())
        prefix = f"{sitting_label(s.ordinal)} " if len(session.active_sittings) > 1 else ""
        when.append(f"{prefix}{day}{format_time_range(s.starts_at, s.ends_at)}")
        where.append(f"{prefix}{s.place}")
    if (
        session.form is SessionForm.WRITTEN_RESOLUTION
        and session.written_from
        and session.written_until
    ):
        when.append(
            f"{format_date(session.written_from)}～{format_date(session.written_until)}（書面決議）"
        )
        where.append("書面による")

    # 出席者: per sitting when the session sat more than one day
    present, absent = _attendance_lines(record, notes)
    header = [
        ("日時", "\n".join(when)),
        ("場所", "\n".join(where)),
        ("出席委員", present),
        ("欠席委員", absent),
    ]
    naming = record.council.staff_names
    for kind in OtherKind:
        shown = [
            o
            for o in record.others
            if o.kind is kind and not openness.leaves_out_attendee(o.item_ids)
        ]
        if kind is OtherKind.OBSERVER:
            people = [f"{o.organisation}{o.headcount}人{_only(o.item_ids, numbers)}" for o in shown]
        else:
            people = [
                g.text(heading=kind.label) + _only(g.item_ids, numbers)
                for g in group_staff(shown, naming, by_items=True)
            ]
        if people or kind is OtherKind.SECRETARIAT:
            header.append((kind.label, "、".join(people) or "なし"))
    openly = (
        "非公開" if not session.public else ("一部非公開" if openness.partly_closed else "公開")
    )
    header.append(("公開・非公開の別", openly))
    header.append(("傍聴人", f"{read.audience}人"))

    # 会議次第: titles are public (the agenda notice printed them); the internal version marks
    # the closed items with their reason.
    agenda_lines = [
        n.line(item_title(n.item) + _after(openness.item_mark(n.item)), space=" ")
        for n in record.numbered
    ]

    # 会議の内容
    body, replaced = _by_day(record, openness)
    if not record.lines:
        notes.append("会議の記録（発言）がありません")
        if not openness.closed_session:
            body.append(Line(GAP))
    labels = record.labels if record.anonymised else []
    decided = {d.agenda_item_id: d for d in read.decisions}
    for item_id, d in decided.items():
        if d.override_reason and not openness.leaves_out_item(item_id):
            reason, named = anonymise_text(d.override_reason, labels)
            replaced += [f"決定の理由 {r}" for r in named]
            body.append(
                Line(
                    f"—この決定は定足数を欠いた状態で行われた（出席{d.quorum_present}名、"
                    f"定足数{d.quorum_needed}名）。理由: {reason}—"
                )
            )
    body.append(Line("以上"))
    errata, in_errata = errata_lines(record, openness, labels=labels)
    replaced += in_errata

    title = f"{session_title(session)}{record.council.name}会議録"
    if sitting is not None:
        title += f"（{sitting_label(sitting)}）"
    return Minutes(
        title=title if public else f"{title}（内部用・非公開部分を含む）",
        header=header,
        agenda=agenda_lines,
        body=body,
        anonymised=record.anonymised,
        notes=notes,
        stamp=record.approval.stamp,
        errata=errata,
        replacements=replaced,
    )


def _after(mark: str) -> str:
    return f"　{mark}" if mark else ""


def _by_day(record: SessionRecord, openness: Openness) -> tuple[list[Line], list[str]]:
    """The record's lines (:func:`record_lines`); a session that sat more than one day says
    where each day starts (〔2日目〕)."""
    sittings = record.session.active_sittings
    if len(sittings) < 2 or openness.closed_session:
        return record_lines(record, openness, anonymised=record.anonymised)
    body: list[Line] = []
    replaced: list[str] = []
    for s in sittings:
        lines, found = record_lines(
            record.of_sitting(s.ordinal), openness, anonymised=record.anonymised
        )
        if lines:
            body += [Line(f"〔{sitting_label(s.ordinal)}〕", heading=True), *lines]
            replaced += found
    return body, replaced


def _only(item_ids: tuple[int, ...], numbers: dict[int, str]) -> str:
    """（議事2(1)のみ出席） after those who came for some items only."""
    if not item_ids:
        return ""
    return "（" + "・".join(f"議事{numbers.get(i, '')}" for i in item_ids) + "のみ出席）"


def _attendance_lines(record: SessionRecord, notes: list[str]) -> tuple[str, str]:
    """出席委員 and 欠席委員 as the header prints them: one line per sitting (1日目 …) when the
    session sat more than one day, so that a member absent on the second day is absent there;
    （記録なし） for a sitting with no roll call (and a note for the clerk)."""
    session = record.session
    sittings = session.active_sittings
    written = session.form is SessionForm.WRITTEN_RESOLUTION
    if written or not sittings:
        rolls = list(record.rolls.values())
        if not written and not any(rolls):
            notes.append("出欠が記録されていません")
            return GAP, GAP
        here = [m for m in record.members if any(r.get(m.id) and r[m.id].present for r in rolls)]
        return _names(record, here, present=True), _names(record, here, present=False)
    present: list[str] = []
    absent: list[str] = []
    many = len(sittings) > 1
    for s in sittings:
        roll = record.rolls.get(s.id, {})
        prefix = f"{sitting_label(s.ordinal)} " if many else ""
        if not roll:
            day = f"{sitting_label(s.ordinal)}の" if many else ""  # one phrase: never split
            notes.append(day + "出欠が記録されていません")
            present.append(prefix + GAP)
            absent.append(prefix + GAP)
            continue
        here = [m for m in record.members if roll.get(m.id) and roll[m.id].present]
        present.append(prefix + _names(record, here, present=True))
        absent.append(prefix + _names(record, here, present=False))
    return "\n".join(present), "\n".join(absent)


def _names(record: SessionRecord, here: list[Member], *, present: bool) -> str:
    chosen = [m for m in record.members if (m in here) is present]
    return "、".join(f"{surname(m.name)}{m.role.label}" for m in chosen) or "なし"


def errata_lines(
    record: SessionRecord, openness: Openness, *, labels: list[NameLabel] | None = None
) -> tuple[list[str], list[str]]:
    """第2版（令和…）議事2（午後2時15分）「…」を「…」に訂正。理由: …; none for a line the
    version leaves out (none at all in a closed session's public version). With ``labels``,
    names become labels; the second list says which."""
    lines = {u.id: u for u in record.lines}
    out: list[str] = []
    replaced: list[str] = []
    for e in record.approval.errata:
        line = lines.get(e.utterance_id)
        if line is None or openness.leaves_out_line(line):
            continue
        numbers = record.numbers
        where = f"議事{numbers[line.agenda_item_id]}" if line.agenda_item_id in numbers else ""
        (before, after, reason), found = _anonymise_all((e.before, e.after, e.reason), labels)
        replaced += [f"正誤 第{e.revision}版 {r}" for r in found]
        out.append(
            f"第{e.revision}版（{format_date(e.recorded_at.date(), weekday=False)}）"
            f"{where}（{format_time(to_tokyo(line.spoken_at).time())}）の発言"
            f"「{before}」を「{after}」に訂正。理由: {reason}"
        )
    return out, replaced


def _anonymise_all(
    texts: tuple[str, ...], labels: list[NameLabel] | None
) -> tuple[tuple[str, ...], list[Replacement]]:
    out: list[str] = []
    found: list[Replacement] = []
    for text in texts:
        new, replaced = anonymise_text(text, labels or [])
        out.append(new)
        found += replaced
    return tuple(out), found
