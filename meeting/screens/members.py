"""The roster of a council: list, add, edit, remove a mistaken entry; import the office's roster
file (CSV or Excel) after a preview, and export it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Label, Static

from exports.roster import SUFFIXES, write_roster
from meeting.dates import format_date
from meeting.errors import InputError
from meeting.forms import member_draft, term_text
from meeting.locations import export_folder
from meeting.model import Council, Member, Role
from meeting.roster_file import RosterFile, read_roster_file
from meeting.roster_import import RosterPlan
from meeting.screens.base import AppScreen, FormScreen, choice_field, text_field
from meeting.screens.dialogs import AskDialog, ConfirmDialog, HelpScreen, SavePathDialog
from meeting.screens.roster_preview import RosterPreview
from meeting.store import (
    add_member,
    delete_member,
    import_roster,
    list_members,
    preview_roster_import,
    update_member,
)
from meeting.widgets.footer import Footer
from meeting.widgets.safe import cell, line, tell


class MembersScreen(AppScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="members.help"),
        Binding("escape", "back", "戻る", id="members.back"),
        Binding("a", "add", "委員を追加", id="members.add"),
        Binding("e", "edit", "編集", id="members.edit", tooltip="選んだ委員を編集します"),
        Binding(
            "x", "delete", "削除", id="members.delete", tooltip="誤って登録した委員を削除します"
        ),
        Binding(
            "i",
            "import",
            "名簿を取り込む",
            id="members.import",
            tooltip="Excel（.xlsx）や CSV の名簿から追加・更新します（先に確認を表示）",
        ),
        Binding(
            "w",
            "export",
            "名簿を書き出す",
            id="members.export",
            tooltip="名簿を Excel（.xlsx）か CSV に書き出します（取り込みと同じ見出し）",
        ),
    ]

    def __init__(self, council: Council) -> None:
        super().__init__()
        self.council = council
        self.members: list[Member] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="roster"):
            yield Label(line(f"{self.council.name} 委員名簿"), classes="title")
            yield Static("", id="roster-summary")
            yield DataTable(id="members", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#members", DataTable)
        table.add_columns("役職", "氏名", "ふりがな", "状態", "任期", "所属", "メール")
        self.refresh_members()
        table.focus()

    def refresh_members(self, select: int | None = None) -> None:
        today = self.now().date()
        self.members = list_members(self.db, self.council.id)
        table = self.query_one("#members", DataTable)
        table.clear()
        for m in self.members:
            table.add_row(
                m.role.label,
                cell(m.name),
                cell(m.reading),
                "在任" if m.in_office(today) else "任期外",
                term_text(m),
                cell(m.affiliation),
                cell(m.email),
                key=str(m.id),
            )
        in_office = sum(m.in_office(today) for m in self.members)
        self.query_one("#roster-summary", Static).update(
            f"在任 {in_office}名（登録 {len(self.members)}名）。\n"
            "任期外の委員は過去の記録に残り、新しい会議には招集されません。"
            if self.members
            else "委員がまだいません。a で追加します（i で Excel や CSV の名簿から取り込めます）。"
        )
        if select is not None:
            ids = [m.id for m in self.members]
            if select in ids:
                table.move_cursor(row=ids.index(select))

    def selected(self) -> Member | None:
        table = self.query_one("#members", DataTable)
        if not self.members or table.cursor_row < 0:
            return None
        return self.members[min(table.cursor_row, len(self.members) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self.app.push_screen(MemberForm(self.council), self._saved)

    def action_edit(self) -> None:
        if member := self.selected():
            self.app.push_screen(MemberForm(self.council, member), self._saved)

    def _saved(self, member: Member | None) -> None:
        if member is not None:
            self.refresh_members(select=member.id)
            tell(self, f"{member.name}さんを保存しました")

    def action_delete(self) -> None:
        member = self.selected()
        if member is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                delete_member(self.db, member.id)
            except InputError as error:
                tell(self, error.message, title=error.field, severity="error", timeout=8)
                return
            self.refresh_members()
            tell(self, f"{member.name}さんを名簿から削除しました")

        self.app.push_screen(
            ConfirmDialog(
                f"{member.name}さんを名簿から削除しますか？\n"
                "任期が終わった委員は削除せず、任期の終了日を入れてください。",
                yes="削除",
            ),
            confirmed,
        )

    def action_import(self) -> None:
        """Ask for the file; a file that cannot be read is named in the dialog, which stays."""

        def parse(text: str) -> RosterFile:
            path = Path(text.strip()).expanduser()
            if not text.strip():
                raise InputError("ファイル", "名簿のファイル名（.xlsx か .csv）を入れてください")
            if not path.is_file():
                raise InputError("ファイル", f"ファイルがありません: {path}")
            try:
                return read_roster_file(path)
            except OSError as error:
                raise InputError("ファイル", f"{path} を読めません（{error.strerror}）") from None

        def chosen(file: RosterFile | None) -> None:
            if file is not None:
                plan = preview_roster_import(self.db, self.council.id, file)
                self.app.push_screen(RosterPreview(plan), lambda yes: self._import(plan, yes))

        default = export_folder(self.council.id) / "委員名簿.xlsx"
        self.app.push_screen(
            AskDialog(
                "名簿を取り込む",
                "名簿のファイル（.xlsx か .csv）。見出しの行に「氏名」（と「ふりがな」「役職」"
                "「任期開始」「任期終了」「所属」「メール」）",
                str(default),
                parse,
                select=False,
            ),
            chosen,
        )

    def _import(self, plan: RosterPlan, yes: bool | None) -> None:
        if not yes:
            return
        try:
            done = import_roster(self.db, self.council.id, plan.file, plan)
        except InputError as error:
            tell(self, error.message, title=error.field, severity="error", timeout=10)
            return
        self.refresh_members()
        tell(self, f"名簿に取り込みました: {done.done}", timeout=8)

    def action_export(self) -> None:
        default = export_folder(self.council.id) / "委員名簿.xlsx"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            if path.suffix.lower() not in SUFFIXES:
                tell(
                    self, f"{path.name}: .xlsx か .csv のファイル名にしてください", severity="error"
                )
                return
            if path.exists():
                self.app.push_screen(
                    ConfirmDialog(f"{path} は既にあります。上書きしますか？", yes="上書き"),
                    lambda yes: self._export(path) if yes else None,
                )
            else:
                self._export(path)

        self.app.push_screen(
            SavePathDialog("名簿を書き出す（.xlsx か .csv。取り込みと同じ見出し）", default), chosen
        )

    def _export(self, path: Path) -> None:
        members = list_members(self.db, self.council.id)
        try:
            written = write_roster(members, path)
        except InputError as error:
            tell(self, f"書き出せません: {error.message}", severity="error", timeout=10)
            return
        except OSError as error:
            tell(self, f"書き出せません: {error}", severity="error", timeout=10)
            return
        tell(self, f"書き出しました: {written}（{len(members)}名）", timeout=10)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))


class MemberForm(FormScreen[Member | None]):
    FIELDS = {
        "氏名": "name",
        "任期の開始日": "term_start",
        "任期の終了日": "term_end",
        "メール": "email",
        "役職": "role",
    }

    def __init__(self, council: Council, member: Member | None = None) -> None:
        super().__init__()
        self.council = council
        self.member = member

    def heading(self) -> str:
        return f"委員を編集 — {self.member.name}" if self.member else "委員を追加"

    def fields(self) -> ComposeResult:
        m = self.member
        yield text_field("氏名", m.name if m else "", "name", "山田 太郎")
        yield text_field("ふりがな", m.reading if m else "", "reading", "やまだ たろう")
        yield choice_field(
            "役職", [(r.label, r) for r in Role], m.role if m else Role.MEMBER, "role"
        )
        yield text_field(
            "任期の開始日",
            _date_text(m.term_start if m else None),
            "term_start",
            "令和7年7月1日",
        )
        yield text_field(
            "任期の終了日", _date_text(m.term_end if m else None), "term_end", "空欄は定めなし"
        )
        yield text_field("所属・職", m.affiliation if m else "", "affiliation", "○○大学教授")
        yield text_field("メール", m.email if m else "", "email", "空欄なら招集案内を送りません")

    def save(self) -> Member:
        draft = member_draft(
            name=self.value("name"),
            reading=self.value("reading"),
            role=self.choice("role"),
            term_start=self.value("term_start"),
            term_end=self.value("term_end"),
            affiliation=self.value("affiliation"),
            email=self.value("email"),
        )
        if self.member is None:
            return add_member(self.db, self.council.id, draft)
        return update_member(self.db, self.member.id, draft)


def _date_text(day: date | None) -> str:
    return format_date(day, weekday=False) if day else ""
