"""Where lines stand: up and down among the item's lines, to another item, deleted and put back.

A closed line moved to a public item asks whether it stays closed; nothing opens by moving.
"""

from __future__ import annotations

from agendas.model import AgendaItem
from agendas.rules import item_numbered, item_title, numbered
from agendas.store import agenda
from meeting.screens.dialogs import AskDialog, ChoiceDialog, ConfirmDialog
from meeting.screens.lines_view import LinesView
from meeting.store import get_council
from minutes.approval import approval
from minutes.labels import named_tag
from minutes.line_order import delete_line, deleted_lines, move_line, restore_line, shift_line
from minutes.store import closed_lines


class LineOrder(LinesView):
    """Moving, deleting and restoring lines; a confirmed record's lines are never deleted."""

    def action_shift(self, step: int) -> None:
        line = self.selected()
        if line is not None:
            self._run(lambda: shift_line(self.db, line.id, step, at=self.now()), line.id)

    def action_delete(self) -> None:
        line = self.selected()
        if line is None:
            return
        state = approval(self.db, self.session.id)
        if state.confirmed:
            self.notify(
                f"会議録は{state.stamp}です。行は消せません（e で正誤を記録します）",
                severity="warning",
                timeout=6,
            )
            return
        ids = [u.id for u in self.lines]
        after = ids[ids.index(line.id) + 1] if line.id != ids[-1] else None
        then = after if after is not None else (ids[-2] if len(ids) > 1 else None)

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(
                    lambda: delete_line(self.db, line.id, at=self.now()),
                    then,
                    "行を消しました（u で戻せます）",
                )

        said = named_tag(line, self.members)
        self.app.push_screen(
            ConfirmDialog(f"この行を消しますか？\n{said}：{line.text[:80]}", yes="消す"),
            answered,
        )

    def action_restore(self) -> None:
        gone = deleted_lines(self.db, self.session.id, self.item.id if self.item else None)
        if not gone:
            self.notify("この議題で消した行はありません")
            return

        def chosen(line_id: object) -> None:
            if isinstance(line_id, int):
                self._run(
                    lambda: restore_line(self.db, line_id, at=self.now()),
                    line_id,
                    "消した行を元の場所に戻しました",
                )

        choices: list[tuple[str, object]] = [
            (f"{u.spoken_at.strftime('%H:%M')} {named_tag(u, self.members)}：{u.text}", u.id)
            for u in gone
        ]
        self.app.push_screen(ChoiceDialog("戻す行（新しく消したものから）", choices), chosen)

    def action_move(self) -> None:
        line = self.selected()
        if line is None:
            return
        council = get_council(self.db, self.session.council_id)
        shown = numbered(agenda(self.db, self.session.id), council.agenda_numbering)
        by_id = {n.item.id: n.number for n in shown}
        closed_here = line.id in closed_lines(self.db, self.session.id) or (
            self.item is not None and not self.item.public
        )

        def parse(text: str) -> AgendaItem:
            return item_numbered(shown, text)  # the number the agenda shows: 3, 2(1)

        def move(target: AgendaItem, public: bool | None) -> None:
            now = self.now()
            where = f"議題{by_id.get(target.id, '')} {item_title(target)} に移しました"
            done = where + ("（非公開のまま）" if public is False else "")
            self._run(
                lambda: move_line(self.db, line.id, target.id, at=now, public=public),
                done=done,
            )

        def chosen(target: AgendaItem | None) -> None:
            if target is None:
                return
            if not closed_here or not target.public:
                move(target, None)
                return
            self.app.push_screen(
                ChoiceDialog(
                    "非公開の行です。非公開のまま移しますか？",
                    [("非公開のまま", False), ("公開にして移す", True)],
                ),
                lambda public: move(target, public) if isinstance(public, bool) else None,
            )

        numbers = "、".join(n.number for n in shown if n.number)
        self.app.push_screen(
            AskDialog("ほかの議題へ移す", f"移す先の議題の番号（{numbers}）", "", parse), chosen
        )
