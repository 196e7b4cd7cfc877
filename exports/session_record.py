"""What a session's minutes and summary are both made from, read from the store once.

The documents' code works on what was read, never on the store, so each table is read once
however many times a document looks at it (the lines for the body and again for the errata;
the agenda for the header, the numbers and the closed parts).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlite_utils import Database

from agendas.model import AgendaItem, ConsultationNumber
from agendas.rules import Numbered, numbered
from agendas.store import agenda_with_numbers
from exports.docx_format import PageFormat
from exports.openness import Openness
from meeting.errors import InputError
from meeting.model import Council, Member, Session, Sitting, SpeakerNames
from meeting.quorum import Presence
from meeting.store import get_council, session_and_next
from minutes.anonymise import NameLabel, name_labels
from minutes.approval import Approval, approval_of
from minutes.model import Decision, Utterance, UtteranceKind
from minutes.opinions import Opinion, session_opinions
from minutes.roll import OtherAttendee, members_for, others_present, roll_calls
from minutes.store import decisions, utterances
from minutes.store.letters import letters


@dataclass(frozen=True)
class SessionRecord:
    session: Session
    council: Council
    members: list[Member]
    """The roll: members in office on the session's first day, chair first."""
    items: list[AgendaItem]
    """In the agenda's order: each heading followed by its children."""
    numbered: list[Numbered]
    """Each item with its number as the council numbers its agenda, in the agenda's order."""
    lines: list[Utterance]
    closed_lines: frozenset[int]
    """Lines closed themselves (a closed item or session closes its lines without these)."""
    letters: dict[int, str]
    """The letter (A, B…) an anonymised record gives each member, by member ID."""
    others: list[OtherAttendee]
    rolls: dict[int, dict[int, Presence]]
    """The roll call of each sitting held, by sitting ID."""
    approval: Approval
    consultation_numbers: dict[int, ConsultationNumber]
    """Each consultation item's 【諮問案件N】, by item ID."""
    next_session: Session | None
    """The council's next session after this one: the date 次回の開催について decided."""
    decisions: list[Decision]
    opinions: dict[int, list[Opinion]]
    """The opinions attached to each decision, by decision ID."""

    @property
    def numbers(self) -> dict[int, str]:
        """Each item's number as the agenda prints it (1, 2(1)…), by item ID."""
        return {n.item.id: n.number for n in self.numbered}

    @property
    def page(self) -> PageFormat:
        return PageFormat.of(self.council.page)

    @property
    def anonymised(self) -> bool:
        names = self.session.speaker_names or self.council.speaker_names
        return names is SpeakerNames.ANONYMISED

    @property
    def labels(self) -> list[NameLabel]:
        """The labels members' names become inside an anonymised record's text."""
        return name_labels(self.members, self.letters)

    def openness(self, *, public: bool) -> Openness:
        return Openness.of(
            public=public,
            session_public=self.session.public,
            items=self.items,
            closed_lines=self.closed_lines,
        )

    def item_sitting(self, item: AgendaItem) -> int | None:
        """The sitting an item is taken at: its own, or (none given, or a cancelled one) the
        first."""
        held = [s.id for s in self.session.active_sittings]
        if item.sitting_id in held:
            return item.sitting_id
        return held[0] if held else None

    def line_sitting(self, line: Utterance) -> int | None:
        """The sitting a line was entered in; a line that does not say, its item's."""
        held = [s.id for s in self.session.active_sittings]
        if line.sitting_id in held:
            return line.sitting_id
        item = next((i for i in self.items if i.id == line.agenda_item_id), None)
        if item is not None:
            return self.item_sitting(item)
        return held[0] if held else None

    def of_sitting(self, ordinal: int) -> SessionRecord:
        """The record of one sitting (1日目, 2日目…): its day, its roll call, its items and
        lines, and the staff who came for its items (or for the whole session). Items keep
        the numbers the session's agenda gives them."""
        sitting = sitting_numbered(self.session, ordinal)
        lines = [u for u in self.lines if self.line_sitting(u) == sitting.id]
        # an item of another day whose lines went on this day is taken up this day too: kept,
        # so that its lines are known as its own (a closed item's stay closed)
        spoken = {u.agenda_item_id for u in lines}
        taken = {i.id for i in self.items if self.item_sitting(i) == sitting.id or i.id in spoken}
        # a heading comes along with its children taken this day
        taken |= {i.parent_id for i in self.items if i.id in taken and i.parent_id is not None}
        items = [i for i in self.items if i.id in taken]
        kept = {i.id for i in items}
        return replace(
            self,
            session=replace(self.session, sittings=(sitting,)),
            items=items,
            numbered=[n for n in self.numbered if n.item.id in kept],
            lines=lines,
            others=[
                replace(o, item_ids=tuple(i for i in o.item_ids if i in kept))
                for o in self.others
                if not o.item_ids or set(o.item_ids) & kept
            ],
            rolls={sitting.id: self.rolls.get(sitting.id, {})},
            decisions=[d for d in self.decisions if self.decision_sitting(d) == sitting.id],
        )

    def decision_sitting(self, decision: Decision) -> int | None:
        """The sitting a decision was made at: the day its closing line was spoken, or (no
        such line) its item's day. Its opinions print in that day's documents only."""
        for line in self.lines:
            if (
                line.agenda_item_id == decision.agenda_item_id
                and line.kind is UtteranceKind.NARRATION
                and line.text == decision.narration
            ):
                return self.line_sitting(line)
        item = next((i for i in self.items if i.id == decision.agenda_item_id), None)
        return self.item_sitting(item) if item is not None else None


def sitting_numbered(session: Session, ordinal: int) -> Sitting:
    """The session's sitting held as its ``ordinal``-th day, or an error naming the days."""
    for sitting in session.active_sittings:
        if sitting.ordinal == ordinal:
            return sitting
    held = len(session.active_sittings)
    days = f"{held}日目まで" if held else "日程がありません"
    raise InputError("日程", f"この会議に{ordinal}日目はありません（{days}）")


def read_record(db: Database, session_id: int) -> SessionRecord:
    session, following = session_and_next(db, session_id)
    council = get_council(db, session.council_id)
    items, consultation_numbers = agenda_with_numbers(db, session_id)
    lines = utterances(db, session_id)
    return SessionRecord(
        session=session,
        council=council,
        members=members_for(db, session),
        items=items,
        numbered=numbered(items, council.agenda_numbering),
        lines=lines,
        closed_lines=frozenset(u.id for u in lines if not u.public),
        letters=letters(db, session_id),
        others=others_present(db, session_id),
        rolls=roll_calls(db, [s.id for s in session.active_sittings]),
        approval=approval_of(db, session),
        consultation_numbers=consultation_numbers,
        next_session=following,
        decisions=decisions(db, session_id),
        opinions=session_opinions(db, session_id),
    )
