"""文書の書式, as the clerk uses it: choose a default, copy one out, edit it in Word, bring it
back — a bad one is refused with the paragraph named, a good one is kept and used."""

from __future__ import annotations

from docx import Document
from textual.widgets import DataTable, Input, Static

from exports.template_sets import council_template
from meeting.app import MeetingApp
from meeting.clock import fixed_clock
from meeting.entry.demo import load_demo
from meeting.screens.dialogs import AskDialog, SavePathDialog
from meeting.screens.templates import TemplatesScreen
from tests.conftest import NOW

SIZE = (120, 40)


async def fill(pilot, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    field.insert_text_at_cursor(text)
    await pilot.pause()


async def on_row(pilot, name: str) -> None:
    """Put the cursor on the row whose template is ``name`` (既定 yotsukaido, 独自 第1版)."""
    table = pilot.app.screen.query_one("#templates", DataTable)
    row = next(i for i in range(table.row_count) if table.get_row_at(i)[2] == name)
    table.move_cursor(row=row)
    await pilot.pause()


def used(app, kind: str = "会議録") -> list[str]:
    """The template in use (●) for ``kind``: its rows follow the row that names the kind."""
    table = app.screen.query_one("#templates", DataTable)
    out, current = [], ""
    for i in range(table.row_count):
        row = table.get_row_at(i)
        current = str(row[0]) or current
        if current == kind and row[1]:
            out.append(row[2])
    return out


async def test_choose_copy_edit_and_import(db, tmp_path):
    council = load_demo(db, now=NOW)
    app = MeetingApp(db, clock=fixed_clock(NOW), demo=load_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TemplatesScreen)
        assert used(app) == ["既定 standard"]

        await on_row(pilot, "既定 yotsukaido")
        await pilot.press("enter")
        await pilot.pause()
        assert used(app) == ["既定 yotsukaido"]
        assert council_template(db, council.id, "minutes").name == "yotsukaido"

        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        copied = tmp_path / "会議録.docx"
        await fill(pilot, "#path", str(copied))
        await pilot.press("enter")
        await pilot.pause()
        assert copied.exists() and copied.with_suffix(".md").exists()

        document = Document(str(copied))  # the clerk's slip: a field the record has not
        document.add_paragraph("議長：{{ chairman }}")
        document.save(str(copied))
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        await fill(pilot, "#answer", str(copied))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        problem = str(app.screen.query_one("#template-problem", Static).render())
        assert (
            "「議長：{{ chairman }}」" in problem
            and "「chairman」という項目はありません" in problem
        )
        assert db.execute("SELECT count(*) FROM templates").fetchone()[0] == 0

        document = Document(str(copied))
        document.paragraphs[-1].text = "議長：{{ council.name }}会長"
        document.save(str(copied))
        await pilot.press("i")
        await pilot.pause()
        await fill(pilot, "#answer", str(copied))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert used(app) == ["独自 第1版"]
        assert str(app.screen.query_one("#template-problem", Static).render()) == ""
        own = council_template(db, council.id, "minutes")
        assert own.version == 1 and "会議概要" in own.markdown  # the .md beside it came too

        await on_row(pilot, "既定 standard")
        await pilot.press("enter")
        await pilot.pause()
        assert used(app) == ["既定 standard"]
        await on_row(pilot, "独自 第1版")
        await pilot.press("enter")
        await pilot.pause()
        assert used(app) == ["独自 第1版"]


async def test_a_missing_file_is_named_in_the_dialog(db, tmp_path):
    load_demo(db, now=NOW)
    app = MeetingApp(db, clock=fixed_clock(NOW), demo=load_demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await fill(pilot, "#answer", str(tmp_path / "ない.docx"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        assert "ファイルがありません" in str(app.screen.query_one("#error", Static).render())
