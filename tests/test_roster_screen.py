"""The members screen: `i` reads the office's roster file into a preview, `y` imports it;
`w` writes the roster out. Driven by the pilot, as the clerk does it."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.screens.dialogs import AskDialog, ConfirmDialog, SavePathDialog
from meeting.screens.members import MembersScreen
from meeting.screens.roster_preview import RosterPreview
from meeting.store import list_members
from tests.conftest import NOW
from tests.roster_files import HEADER, write_csv, write_xlsx

SIZE = (120, 40)
NEWCOMER = [
    "新井 三郎",
    "あらい さぶろう",
    "委員",
    "令和８年４月１日",
    "R10.3.31",
    "○○大学",
    "arai@example.jp",
]


def make_app(db) -> MeetingApp:
    return MeetingApp(db, clock=fixed_clock(NOW))


async def type_into(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#roster-preview-rows", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_import_shows_the_preview_and_imports_on_y(db, council, tmp_path):
    path = write_xlsx(
        tmp_path / "名簿.xlsx",
        [
            HEADER,
            NEWCOMER,
            ["小野 大樹", "おの だいき", "委員", "令和7年4月1日", "", "", "ono@example.jp"],
        ],
        title="委員名簿",
    )
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MembersScreen)
        await pilot.press("i")
        assert isinstance(app.screen, AskDialog)
        await type_into(pilot, "#answer", str(path))
        assert isinstance(app.screen, RosterPreview)
        summary = shown(app, "#roster-preview-summary")
        assert "Excel ブック（シート「名簿」）として読みました" in summary
        assert "追加 1名、更新 1名、変更なし 0名、問題のある行 0件" in summary
        assert table_rows(app) == [
            ["4", "追加", "新井 三郎（委員、令和8年4月1日～令和10年3月31日、○○大学）"],
            ["5", "更新", "小野 大樹: ふりがな: （なし） → おの だいき"],
        ]
        assert list_members(db, council.id)[-1].name == "木村 元"  # nothing written yet
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        names = [m.name for m in app.screen.members]
        assert "新井 三郎" in names
        assert len(list_members(db, council.id)) == 8


async def test_a_file_with_bad_rows_cannot_be_confirmed(db, council, tmp_path):
    rows = [HEADER, NEWCOMER, ["宇野 恵", "", "委員", "令和8年2月30日", "", "", ""]]
    path = write_csv(tmp_path / "名簿.csv", rows, "cp932")
    before = list_members(db, council.id)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "i")
        await type_into(pilot, "#answer", str(path))
        assert isinstance(app.screen, RosterPreview)
        assert "Shift_JIS（cp932）" in shown(app, "#roster-preview-summary")
        assert table_rows(app)[0][:2] == ["3", "問題"]  # the bad rows first
        detail = shown(app, "#roster-preview-detail")
        assert (
            detail
            == "3行目（問題）: 宇野 恵: 任期開始: 「令和8年2月30日」: 2月30日は存在しない日付です"
        )
        assert "取り込めません" in shown(app, "#roster-preview-verdict")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RosterPreview)  # refused: still showing the rows
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
    assert list_members(db, council.id) == before


async def test_a_file_that_cannot_be_read_is_named_in_the_dialog(db, council, tmp_path):
    path = write_csv(tmp_path / "名簿.csv", [["役職", "メール"], ["委員", "x@example.jp"]])
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "i")
        await type_into(pilot, "#answer", str(tmp_path / "ない.xlsx"))
        assert isinstance(app.screen, AskDialog)
        assert "ファイルがありません" in shown(app, "#error")
        await type_into(pilot, "#answer", str(path))
        assert isinstance(app.screen, AskDialog)
        assert "「氏名」の列がありません（見つかった列: 「役職」、「メール」" in shown(
            app, "#error"
        )


async def test_export_writes_the_roster_and_asks_before_replacing(db, council, tmp_path):
    target = tmp_path / "名簿.csv"
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "w")
        assert isinstance(app.screen, SavePathDialog)
        await type_into(pilot, "#path", str(target))
        assert isinstance(app.screen, MembersScreen)
        first = target.read_text(encoding="utf-8-sig")
        assert first.splitlines()[1] == "青木 一郎,,会長,令和7年4月1日,,,aoki@example.jp"
        target.write_text("古い名簿", encoding="utf-8")
        await pilot.press("w")
        await type_into(pilot, "#path", str(target))
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert target.read_text(encoding="utf-8-sig") == first


async def test_a_file_that_changes_nothing_says_so(db, council, tmp_path):
    path = write_csv(tmp_path / "名簿.csv", [["氏名", "役職"], ["青木 一郎", "会長"]])
    before = list_members(db, council.id)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "i")
        await type_into(pilot, "#answer", str(path))
        assert "名簿は変わりません" in shown(app, "#roster-preview-verdict")
        assert "ファイルにない委員 6名はそのまま" in shown(app, "#roster-preview-summary")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        assert any("名簿は変わりません" in n.message for n in app._notifications)
    assert list_members(db, council.id) == before
