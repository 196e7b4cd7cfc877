"""A line promoted to an opinion attached to the item's decision (付帯意見 and the like).

A closed line's opinion stays out of the answer unless the clerk says to make it public.
"""

from __future__ import annotations

from meeting.screens.dialogs import ChoiceDialog
from meeting.screens.lines_view import LinesView
from minutes.opinions import OpinionKind, promote_to_opinion
from minutes.store import decisions, line_in_closed_part


class LineOpinion(LinesView):
    """p: the selected line becomes an opinion on the item's latest decision."""

    def action_promote(self) -> None:
        line = self.selected()
        item = self.item
        if line is None or item is None:
            return
        found = [d for d in decisions(self.db, self.session.id) if d.agenda_item_id == item.id]
        if not found:
            self.notify(
                "この議題にはまだ決定がありません（ctrl+o で記録します）", severity="warning"
            )
            return
        decision = found[-1]

        def promote(kind: OpinionKind, public: bool) -> None:
            self._run(
                lambda: promote_to_opinion(self.db, line.id, decision.id, kind, public=public),
                line.id,
                f"{kind.value}として決定に付けました"
                + ("" if public else "（非公開: 答申書に載せません）"),
            )

        def chosen(kind: object) -> None:
            if not isinstance(kind, OpinionKind):
                return
            if not line_in_closed_part(self.db, line.id):
                promote(kind, True)
                return
            self.app.push_screen(
                ChoiceDialog(
                    f"非公開の行です。{kind.value}も非公開にしますか？",
                    [
                        ("非公開のまま（公開の文書にも答申書にも載せない）", False),
                        ("公開にする（答申書に載る）", True),
                    ],
                ),
                lambda public: promote(kind, public) if isinstance(public, bool) else None,
            )

        self.app.push_screen(
            ChoiceDialog("意見の種類", [(k.value, k) for k in OpinionKind]), chosen
        )
