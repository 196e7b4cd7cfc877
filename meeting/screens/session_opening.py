"""The chair's opening: the statement the quorum makes, entered in the record as the chair's."""

from __future__ import annotations

from meeting.errors import InputError
from meeting.screens.session_view import SessionView
from meeting.widgets.safe import tell
from minutes.line_order import opening_waits
from minutes.opening import enter_opening


class ChairOpening(SessionView):
    """t: the opening statement on screen, said by the chair."""

    def action_opening(self) -> None:
        if self.state is None:
            self.notify("定足数を計算できないため、開会の発言を作れません", severity="error")
            return
        try:
            chair = enter_opening(
                self.db,
                self.session.id,
                self.members,
                self.state,
                at=self.now(),
                sitting_id=self.sitting.id if self.sitting else None,
            )
        except InputError as error:
            self.notify(error.message, severity="error")
            return
        waits = "（事務局の開会の発言を入力すると、その後に入ります）"
        said = waits if opening_waits(self.db, self.session.id) else ""
        tell(self, f"{chair.name}会長の発言として記録しました{said}")
