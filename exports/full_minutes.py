"""The full minutes (会議録) of a session, gathered from the stored record alone.

Writers (docx, Markdown) lay out a :class:`Minutes`; nothing here knows about Word. The public
version leaves every closed part out and says where; it never carries a closed line's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK, agenda_numbers, closed_item_mark, heading_of, item_title
from agendas.store import agenda
from meeting.dates import format_date, format_time, format_time_range, to_tokyo
from meeting.model import Member, SessionForm, SpeakerNames
from meeting.sessions import session_title, sitting_label
from meeting.store import get_council, get_session, speaker_names_of
from minutes.anonymise import NameLabel, Replacement, anonymise_text, name_labels
from minutes.approval import Approval, approval
from minutes.model import SpeakerKind, UtteranceKind
from minutes.roll import OtherKind, members_for, others_present, public_attendees, roll_call
from minutes.speakers import Speaker, format_line, speaker_tag, surname
from minutes.store import closed_lines, decisions, get_utterance, utterances
from minutes.utterances import letters

CLOSED_NOTE = "（非公開部分につき省略）"
"""Where the public version leaves out closed lines of a public item."""
CLOSED_SESSION_NOTE = "（非公開の会議のため、会議の内容は省略）"
"""The whole 会議の内容 of a closed session's public version."""
GAP = "（記録なし）"
"""Where the record is missing something, the document says so rather than leave a blank."""


@dataclass(frozen=True)
class Line:
    """One paragraph of 会議の内容: a speech (tag and text) or a narration (text only)."""

    text: str
    tag: str = ""

    @property
    def narration(self) -> bool:
        return not self.tag


@dataclass(frozen=True)
class Minutes:
    title: str
    header: list[tuple[str, str]]
    """(label, value) in the order the header block prints them."""
    agenda: list[str]
    body: list[Line]
    internal: bool
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
        return [
            line.text
            if line.narration
            else format_line(line.tag, line.text, anonymised=self.anonymised)
            for line in self.body
        ]


def closed_item_note(item: AgendaItem) -> str:
    """（非公開（〇〇市情報公開条例第7条第2号に該当する情報を含むため）につき省略）."""
    reason = f"（{item.closed_reason}）" if item.closed_reason else ""
    return f"（非公開{reason}につき省略）"


def session_labels(db: Database, session_id: int, members: list[Member]) -> list[NameLabel]:
    """The labels members' names become inside an anonymised record's text."""
    return name_labels(members, letters(db, session_id))


def record_lines(
    db: Database,
    session_id: int,
    members: list[Member],
    *,
    public: bool,
    anonymised: bool,
    item_id: int | None = None,
    headings: bool = True,
) -> tuple[list[Line], list[str]]:
    """The lines of the record (of one item, if given), tagged as the record names speakers,
    and the names replaced in their text when anonymised (for the clerk to check).

    In the public version a closed stretch becomes one line saying it was left out; a closed
    item becomes its title (when ``headings``) and a line with the reason; a closed session
    becomes one line. The internal version marks what the public one leaves out.
    """
    if public and not get_session(db, session_id).public:
        return [Line(CLOSED_SESSION_NOTE)], []
    items = agenda(db, session_id)
    by_item = {i.id: i for i in items}
    numbers = dict(zip([i.id for i in items], agenda_numbers(items), strict=True))
    by_id = {m.id: m for m in members}
    closed_rows = closed_lines(db, session_id)
    anon_letters = letters(db, session_id)
    labels = name_labels(members, anon_letters) if anonymised else []
    body: list[Line] = []
    replaced: list[str] = []
    omitted: object = None
    """What the last line left out: a closed item, or closed lines (True)."""
    for line in utterances(db, session_id):
        if item_id is not None and line.agenda_item_id != item_id:
            continue
        item = by_item.get(line.agenda_item_id or -1)
        closed_item = item if item is not None and not item.public else None
        if closed_item is not None and omitted is not closed_item:
            title = f"{numbers[closed_item.id]}　{item_title(closed_item)}"
            if public:
                body += [Line(f"【{title}】")] if headings else []
                body.append(Line(closed_item_note(closed_item)))
            elif headings:
                body.append(Line(f"{closed_item_mark(closed_item)}{title}"))
            omitted = closed_item
        if public and closed_item is not None:
            continue
        if public and line.id in closed_rows:
            if omitted is not True:
                body.append(Line(CLOSED_NOTE))
                omitted = True
            continue
        if closed_item is None:
            omitted = None
        text = line.text
        if labels:
            text, found = anonymise_text(text, labels)
            where = _where(item, numbers, line.spoken_at)
            replaced += [f"{where}{r}" for r in found]
        if not public and line.id in closed_rows:
            text = CLOSED_MARK + text
        if line.kind is UtteranceKind.NARRATION:
            body.append(Line(text))
            continue
        speaker = Speaker(
            line.speaker_kind or SpeakerKind.OTHER, line.member_id, line.speaker_label
        )
        member = by_id.get(line.member_id or -1)
        letter = anon_letters.get(line.member_id or -1)
        body.append(Line(text, speaker_tag(speaker, member, anonymised=anonymised, letter=letter)))
    return body, replaced


def _where(item: AgendaItem | None, numbers: dict[int, str], spoken_at: datetime) -> str:
    """議事2(1) 14:35 : where a replaced name stands, for the clerk to find it."""
    time = to_tokyo(spoken_at).strftime("%H:%M")
    if item is None:
        return f"{time} "
    heading = heading_of(item)
    place = f"議事{numbers[item.id]}" if heading == "議事" else f"{numbers[item.id]} {heading}"
    return f"{place} {time} "


def staff_label(name: str, organisation: str, title: str) -> str:
    """岩井総務課長: family name, the last part of the department, the title."""
    division = organisation.split()[-1] if organisation.split() else ""
    if division and title and division[-1] == title[0]:
        division = division[:-1]  # 総務課 + 課長 → 総務課長, 中央図書館 + 館長 → 中央図書館長
    return f"{surname(name)}{division}{title}"


def gather_minutes(db: Database, session_id: int, *, public: bool) -> Minutes:
    session = get_session(db, session_id)
    council = get_council(db, session.council_id)
    anonymised = speaker_names_of(db, session) is SpeakerNames.ANONYMISED
    members = members_for(db, session)
    items = agenda(db, session_id)
    closed_items = {i.id for i in items if not i.public or not session.public}
    numbers = dict(zip([i.id for i in items], agenda_numbers(items), strict=True))
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

    # 出席者
    present_names: list[str] = []
    absent_names: list[str] = []
    rolls = [roll_call(db, s.id) for s in session.active_sittings]
    no_roll = session.form is not SessionForm.WRITTEN_RESOLUTION and not any(rolls)
    if no_roll:
        notes.append("出欠が記録されていません")
    for m in members:
        here = any(r.get(m.id) and r[m.id].present for r in rolls)
        label = f"{surname(m.name)}{m.role.label}"
        (present_names if here else absent_names).append(label)
    others = others_present(db, session_id)
    header = [
        ("日時", "\n".join(when)),
        ("場所", "\n".join(where)),
        ("出席委員", GAP if no_roll else "、".join(present_names) or "なし"),
        ("欠席委員", GAP if no_roll else "、".join(absent_names) or "なし"),
    ]
    for kind in OtherKind:
        people = []
        for o in others:
            if o.kind is not kind:
                continue
            if public and o.item_ids and set(o.item_ids) <= closed_items:
                continue
            who = (
                f"{o.organisation}{o.headcount}人"
                if kind is OtherKind.OBSERVER
                else staff_label(o.name, o.organisation, o.title)
            )
            if o.item_ids:
                who += (
                    "（" + "・".join(f"議事{numbers.get(i, '')}" for i in o.item_ids) + "のみ出席）"
                )
            people.append(who)
        if people or kind is OtherKind.SECRETARIAT:
            header.append((kind.label, "、".join(people) or "なし"))
    partly = bool(closed_items) or bool(closed_lines(db, session_id))
    openness = "非公開" if not session.public else ("一部非公開" if partly else "公開")
    header.append(("公開・非公開の別", openness))
    audience = sum(public_attendees(db, s.id) for s in session.active_sittings)
    header.append(("傍聴人", f"{audience}人"))

    # 会議次第: titles are public (the agenda notice printed them); the internal version marks
    # the closed items with their reason.
    agenda_lines = [
        f"{numbers[i.id]} {item_title(i)}"
        + ("" if public or i.public else f"　{closed_item_mark(i)}")
        for i in items
    ]

    # 会議の内容
    lines = utterances(db, session_id)
    body, replaced = record_lines(db, session_id, members, public=public, anonymised=anonymised)
    if not lines:
        notes.append("会議の記録（発言）がありません")
        if not (public and not session.public):
            body.append(Line(GAP))
    labels = session_labels(db, session_id, members) if anonymised else []
    decided = {d.agenda_item_id: d for d in decisions(db, session_id)}
    for item_id, d in decided.items():
        if d.override_reason and not (public and item_id in closed_items):
            reason, named = anonymise_text(d.override_reason, labels)
            replaced += [f"決定の理由 {r}" for r in named]
            body.append(
                Line(
                    f"—この決定は定足数を欠いた状態で行われた（出席{d.quorum_present}名、"
                    f"定足数{d.quorum_needed}名）。理由: {reason}—"
                )
            )
    body.append(Line("以上"))
    state = approval(db, session_id)
    errata, in_errata = errata_lines(db, session_id, state, numbers, public=public, labels=labels)
    replaced += in_errata

    title = f"{session_title(session)}{council.name}会議録"
    return Minutes(
        title=title if public else f"{title}（内部用・非公開部分を含む）",
        header=header,
        agenda=agenda_lines,
        body=body,
        internal=not public,
        anonymised=anonymised,
        notes=notes,
        stamp=state.stamp,
        errata=errata,
        replacements=replaced,
    )


def errata_lines(
    db: Database,
    session_id: int,
    state: Approval,
    numbers: dict[int, str],
    *,
    public: bool,
    labels: list[NameLabel] | None = None,
) -> tuple[list[str], list[str]]:
    """第2版（令和…）議事2（午後2時15分）「…」を「…」に訂正。理由: …; none for closed lines, and
    none at all in a closed session's public version. With ``labels``, names become labels;
    the second list says which."""
    if public and not get_session(db, session_id).public:
        return [], []
    closed_items = {i.id for i in agenda(db, session_id) if not i.public}
    closed_rows = closed_lines(db, session_id)
    out: list[str] = []
    replaced: list[str] = []
    for e in state.errata:
        line = get_utterance(db, e.utterance_id)
        if line is None:
            continue
        if public and (line.id in closed_rows or line.agenda_item_id in closed_items):
            continue
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
