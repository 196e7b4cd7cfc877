"""What the roll-call screen does besides the roll call: others in the room, 傍聴人, recusals,
the chair's opening line, and how the record names speakers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from agendas.store import agenda
from meeting.errors import InputError
from meeting.forms import parse_count, parse_item_numbers
from meeting.model import Member, Role, Session, Sitting, SpeakerNames
from meeting.quorum import QuorumState, opening_statement
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, ChoiceDialog
from meeting.screens.others import OtherForm
from meeting.store import get_council, set_speaker_names, speaker_names_of
from meeting.widgets.safe import tell
from minutes.model import SpeakerKind
from minutes.roll import OtherAttendee, public_attendees, recuse, set_public_attendees
from minutes.speakers import Speaker
from minutes.utterances import enter_line, letters, set_letter

if TYPE_CHECKING:
    pass

FOLLOW_COUNCIL = "council"


class SessionExtras(AppScreen):
    """Actions of the roll-call screen; the screen supplies its session, members and state."""

    session: Session
    members: list[Member]
    state: QuorumState | None

    @property
    def sitting(self) -> Sitting | None:  # pragma: no cover - the screen defines it
        raise NotImplementedError

    def selected(self) -> Member | None:  # pragma: no cover - the screen defines it
        raise NotImplementedError

    def refresh_others(self) -> None:  # pragma: no cover - the screen defines it
        raise NotImplementedError

    # Others in the room

    def action_add_other(self) -> None:
        def saved(other: OtherAttendee | None) -> None:
            if other is not None:
                self.refresh_others()
                self.notify(f"{other.kind.label}の出席者を追加しました")

        self.app.push_screen(OtherForm(self.session), saved)

    def action_public(self) -> None:
        sitting = self.sitting
        if sitting is None:
            return
        current = public_attendees(self.db, sitting.id)

        def chosen(count: int | None) -> None:
            if count is None:
                return
            try:
                set_public_attendees(self.db, sitting.id, count)
            except InputError as error:
                tell(self, error.message, title=error.field, severity="error")
                return
            self.refresh_others()

        self.app.push_screen(
            AskDialog(
                "傍聴人", "人数", str(current), lambda t: parse_count(t, field="傍聴人") or 0
            ),
            chosen,
        )

    def action_recuse(self) -> None:
        member = self.selected()
        if member is None:
            return
        db = self.db
        positions = {item.position: item.id for item in agenda(db, self.session.id)}

        def parse(text: str) -> int:
            numbers = parse_item_numbers(text)
            if len(numbers) != 1 or numbers[0] not in positions:
                raise InputError(
                    "議題", f"会議次第にある議題の番号を一つ入れてください（{sorted(positions)}）"
                )
            return positions[numbers[0]]

        def chosen(item_id: int | None) -> None:
            if item_id is not None:
                recuse(db, item_id, member.id, "利害関係")
                tell(self, f"{member.name}さんをこの議題の定足数から外しました")

        if not positions:
            self.notify("会議次第に議題がありません", severity="warning")
            return
        self.app.push_screen(
            AskDialog(f"{member.name}さん — 利害関係による除斥", "議題の番号", "", parse), chosen
        )

    # The chair's opening

    def action_opening(self) -> None:
        if self.state is None:
            self.notify("定足数を計算できないため、開会の発言を作れません", severity="error")
            return
        chair = next((m for m in self.members if m.role is Role.CHAIR), None)
        if chair is None:
            self.notify("名簿に会長がいません（委員名簿で役職を入れてください）", severity="error")
            return
        items = agenda(self.db, self.session.id)
        enter_line(
            self.db,
            self.session.id,
            opening_statement(self.state),
            at=self.now(),
            agenda_item_id=items[0].id if items else None,
            speaker=Speaker(SpeakerKind.MEMBER, chair.id),
            sitting_id=self.sitting.id if self.sitting else None,
            from_line=False,
        )
        tell(self, f"{chair.name}会長の発言として記録しました")

    def action_speaker_names(self) -> None:
        council = get_council(self.db, self.session.council_id)
        choices: list[tuple[str, object]] = [
            (f"審議会の設定どおり（{council.speaker_names.label}）", FOLLOW_COUNCIL),
            *[(names.label, names) for names in SpeakerNames],
        ]

        def chosen(value: object) -> None:
            if value is None:
                return
            names = value if isinstance(value, SpeakerNames) else None
            self.session = set_speaker_names(self.db, self.session.id, names)
            shown = speaker_names_of(self.db, self.session).label
            self.notify(f"この会議の会議録の発言者: {shown}")

        self.app.push_screen(ChoiceDialog("会議録の発言者の表記", choices), chosen)

    def action_letter(self) -> None:
        member = self.selected()
        if member is None:
            return
        current = letters(self.db, self.session.id).get(member.id, "")

        def chosen(letter: str | None) -> None:
            if letter is None:
                return
            try:
                set_letter(self.db, self.session.id, member.id, letter)
            except InputError as error:
                tell(self, error.message, title=error.field, severity="error")
                return
            tell(self, f"{member.name}さんは{letter.upper()}委員です")

        self.app.push_screen(
            AskDialog(f"{member.name}さんの記号", "記号（A, B…）", current, lambda t: t.strip()),
            chosen,
        )
