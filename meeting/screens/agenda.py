"""A session's agenda (会議次第): add, remove, reorder by keyboard, carry over, split by sitting."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label, Static

from agendas.model import AgendaItem, Consultation, ItemKind
from agendas.offers import TITLED_KINDS, add_choices, next_sitting
from agendas.rules import CLOSED_MARK, check_position, item_title, numbered
from agendas.store import (
    add_agenda_item,
    add_offered,
    agenda,
    carry_over,
    indent_item,
    move_item,
    move_record,
    offered_items,
    record_count,
    remove_item,
    set_item_public,
    set_item_sitting,
    set_parent,
    step_item,
)
from meeting.errors import InputError
from meeting.forms import parse_item_numbers as parse_numbers
from meeting.model import AgendaNumbering, Session
from meeting.screens.base import AppScreen
from meeting.screens.dialogs import AskDialog, ChoiceDialog, ConfirmDialog, HelpScreen
from meeting.sessions import session_name, sitting_label
from meeting.store import get_council
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell


class AgendaScreen(AppScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="agenda.help"),
        Binding("escape", "back", "戻る", id="agenda.back"),
        Binding("a", "add", "議題を追加", id="agenda.add"),
        Binding("x", "remove", "削除", id="agenda.remove"),
        Binding("ctrl+up", "move(-1)", "上へ", id="agenda.up", key_display="ctrl+↑"),
        Binding("ctrl+down", "move(1)", "下へ", id="agenda.down", key_display="ctrl+↓"),
        Binding("n", "move_to", "順番を指定", id="agenda.move-to", show=False),
        Binding(
            "i",
            "indent",
            "見出しの下へ",
            id="agenda.indent",
            tooltip="上の議題を見出しにして、その下の(1)(2)…にします",
        ),
        Binding(
            "u",
            "outdent",
            "見出しから出す",
            id="agenda.outdent",
            tooltip="見出しの下から出して、見出しと同じ段の議題にします",
        ),
        Binding("c", "carry_over", "継続審議", id="agenda.carry-over"),
        Binding(
            "d", "next_sitting", "日程を変更", id="agenda.sitting", tooltip="次の日程に移します"
        ),
        Binding("v", "move_record", "記録を移す", id="agenda.move-record", show=False),
        Binding(
            "p",
            "toggle_public",
            "公開/非公開",
            id="agenda.public",
            tooltip="議題を非公開にし（理由を添えて）、または公開に戻します",
        ),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.items: list[AgendaItem] = []
        self.numbering = AgendaNumbering.NESTED
        """How the council numbers its agenda (read on mount)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="agenda-pane"):
            yield Label(f"{session_name(self.session)} 会議次第", classes="title")
            yield DataTable(id="agenda", cursor_type="row", zebra_stripes=True)
            yield Static("", id="agenda-note")
        yield Footer()

    def on_mount(self) -> None:
        self.numbering = get_council(self.db, self.session.council_id).agenda_numbering
        table = self.query_one("#agenda", DataTable)
        table.add_columns("番号", "種別", "日程", "記録", "議題")
        self.refresh_agenda()
        table.focus()

    def refresh_agenda(self, select: int | None = None) -> None:
        db = self.db
        table = self.query_one("#agenda", DataTable)
        current = self.selected()
        self.items = agenda(db, self.session.id)
        ordinal = {s.id: s.ordinal for s in self.session.sittings}
        table.clear()
        for entry in numbered(self.items, self.numbering):
            item = entry.item
            count = record_count(db, item.id)
            table.add_row(
                "　" * entry.depth + entry.listed,
                item.kind.label,
                sitting_label(ordinal.get(item.sitting_id or 0, 1)),
                f"{count}件" if count else "",
                cell(("" if item.public else CLOSED_MARK) + item_title(item)),
                key=str(item.id),
            )
        wanted = select if select is not None else (current.id if current else None)
        ids = [i.id for i in self.items]
        if wanted in ids:
            table.move_cursor(row=ids.index(wanted))
        self.query_one("#agenda-note", Static).update(
            "a で議題を追加。継続審議の諮問は「前回の補足説明」として先に示されます。"
            if not self.items
            else ""
        )

    def selected(self) -> AgendaItem | None:
        if not self.items:
            return None
        row = self.query_one("#agenda", DataTable).cursor_row
        return self.items[min(max(row, 0), len(self.items) - 1)]

    def _run(self, work: Callable[[], object], done: str = "", select: int | None = None) -> None:
        """Call a core function; a refusal is shown, and the agenda is shown as it now is."""
        try:
            result = work()
        except InputError as error:
            self.notify(error.message, title=error.field, severity="error", timeout=8)
            return
        if select is None and isinstance(result, AgendaItem):
            select = result.id
        self.refresh_agenda(select=select)
        if done:
            self.notify(done)

    def action_add(self) -> None:
        db = self.db
        choices = add_choices(offered_items(db, self.session.council_id))

        def chosen(choice: object) -> None:
            if choice is None:
                return
            if isinstance(choice, ItemKind):
                if choice in TITLED_KINDS:
                    self._ask_title(choice)
                else:
                    self._run(lambda: add_agenda_item(db, self.session.id, choice))
                return
            consultation, previous = cast(tuple[Consultation, AgendaItem | None], choice)
            self._run(lambda: add_offered(db, self.session.id, consultation, previous))

        self.app.push_screen(ChoiceDialog("議題を追加", choices), chosen)

    def _ask_title(self, kind: ItemKind) -> None:
        def named(title: str | None) -> None:
            if title:
                self._run(lambda: add_agenda_item(self.db, self.session.id, kind, title))

        self.app.push_screen(
            AskDialog(kind.label, "議題の名前", kind.label, lambda t: t.strip() or kind.label),
            named,
        )

    def action_remove(self) -> None:
        item = self.selected()
        if item is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._run(lambda: remove_item(self.db, item.id), "議題を削除しました")

        self.app.push_screen(
            ConfirmDialog(f"「{item_title(item)}」を会議次第から削除しますか？", yes="削除"),
            confirmed,
        )

    def action_move(self, step: int) -> None:
        item = self.selected()
        if item is not None:
            self._run(lambda: step_item(self.db, item.id, step), select=item.id)

    def action_indent(self) -> None:
        item = self.selected()
        if item is not None:
            self._run(lambda: indent_item(self.db, item.id), select=item.id)

    def action_outdent(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.parent_id is None:
            self.notify("見出しの下の議題ではありません", severity="warning")
            return
        self._run(lambda: set_parent(self.db, item.id, None), select=item.id)

    def action_move_to(self) -> None:
        item = self.selected()
        if item is None:
            return

        def parse(text: str) -> int:
            numbers = parse_numbers(text, field="順番")
            if len(numbers) != 1:
                raise InputError("順番", "一つの数を入れてください")
            check_position(numbers[0], len(self.items))
            return numbers[0]

        self.app.push_screen(
            AskDialog(
                "順番を指定",
                f"何番目に移しますか（1～{len(self.items)}）",
                str(self.items.index(item) + 1),
                parse,
            ),
            lambda n: (
                self._run(lambda: move_item(self.db, item.id, n), select=item.id) if n else None
            ),
        )

    def action_carry_over(self) -> None:
        item = self.selected()
        if item is not None:
            self._run(
                lambda: carry_over(self.db, item.id),
                "継続審議にしました。次の会議の会議次第に「前回の補足説明」として示されます",
                select=item.id,
            )

    def action_next_sitting(self) -> None:
        item = self.selected()
        target = next_sitting(item, self.session.active_sittings) if item else None
        if item is None or target is None:
            self.notify("日程が一つの会議です", severity="warning")
            return
        self._run(lambda: set_item_sitting(self.db, item.id, target.id))

    def action_move_record(self) -> None:
        item = self.selected()
        if item is None:
            return
        positions = {n: i for n, i in enumerate(self.items, start=1) if i.id != item.id}

        def parse(text: str) -> AgendaItem:
            numbers = parse_numbers(text, field="移す先")
            if len(numbers) != 1 or numbers[0] not in positions:
                raise InputError(
                    "移す先", f"ほかの議題の順番を一つ入れてください（{sorted(positions)}）"
                )
            return positions[numbers[0]]

        def chosen(target: AgendaItem | None) -> None:
            if target is None:
                return
            if item.public or not target.public:
                self._move_record(item, target, None)
                return
            self.app.push_screen(
                ChoiceDialog(
                    f"「{item_title(item)}」は非公開です。非公開のまま移しますか？",
                    [("非公開のまま移す", False), ("公開にして移す", True)],
                ),
                lambda public: (
                    self._move_record(item, target, public) if isinstance(public, bool) else None
                ),
            )

        self.app.push_screen(AskDialog("記録を移す", "移す先の議題の順番", "", parse), chosen)

    def _move_record(self, item: AgendaItem, target: AgendaItem, public: bool | None) -> None:
        self._run(
            lambda: move_record(self.db, item.id, target.id, public=public),
            f"記録を「{item_title(target)}」へ移しました"
            + ("（非公開のまま）" if public is False else ""),
            select=item.id,
        )

    def action_toggle_public(self) -> None:
        """Close the selected item with the reason the documents print, or open it again."""
        item = self.selected()
        if item is None:
            return
        db = self.db
        if not item.public:

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._run(
                        lambda: set_item_public(db, item.id, True),
                        f"「{item_title(item)}」を公開に戻しました",
                        select=item.id,
                    )

            self.app.push_screen(
                ConfirmDialog(
                    f"「{item_title(item)}」を公開に戻しますか？"
                    "公開用の会議録・会議概要にこの議題の記録が載ります",
                    yes="公開に戻す",
                ),
                confirmed,
            )
            return

        def reasoned(reason: str | None) -> None:
            if reason is not None:
                self._run(
                    lambda: set_item_public(db, item.id, False, reason),
                    f"「{item_title(item)}」を非公開にしました",
                    select=item.id,
                )

        self.app.push_screen(
            AskDialog(
                "議題を非公開にする",
                "非公開の理由（文書に載ります。例: 〇〇市情報公開条例第7条第2号に該当する情報を"
                "含むため。空なら「非公開」とだけ載ります）",
                item.closed_reason,
                lambda text: " ".join(text.split()),
            ),
            reasoned,
        )

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
