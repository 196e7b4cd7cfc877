"""The council's choice of template, and the clerk's own edited in Word: a draft follows the
choice of the day, a confirmed record prints with the template it was confirmed with."""

from __future__ import annotations

import io

import pytest
from docx import Document

from exports.council_templates import (
    council_templates,
    import_template,
    template_to_copy,
    use_template,
)
from exports.registry import prepare
from exports.template_check import check_template, demo_contexts
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.store import list_sessions
from minutes.approval import confirm_minutes
from tests.conftest import NOW


@pytest.fixture
def demo(db):
    council = load_demo(db, now=NOW)
    held, draft, *_ = list_sessions(db, council.id)
    return council, held, draft


def checked(db):
    contexts = demo_contexts(db, "minutes")

    def check(kind, docx, markdown):
        check_template(kind, docx, markdown, contexts)

    return check


def retitled(docx: bytes, word: str) -> bytes:
    """The Word file with its title's 会議録 changed to ``word``, as the clerk types it."""
    document = Document(io.BytesIO(docx))
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    for run in title.runs:
        run.text = run.text.replace("会議録", word)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def title_of(db, session_id: int, tmp_path) -> str:
    out = prepare(db, "minutes", session_id, public=True).write(tmp_path / f"{session_id}.docx")
    document = Document(str(out))
    return next(p.text for p in document.paragraphs if p.style.name == "Title")


def test_a_confirmed_record_keeps_its_template_and_a_draft_follows_the_choice(db, demo, tmp_path):
    council, held, draft = demo
    base = template_to_copy(db, council.id, "minutes").docx
    check = checked(db)
    import_template(
        db,
        council.id,
        "minutes",
        retitled(base, "議事録"),
        None,
        source="a.docx",
        check=check,
        at=NOW,
    )
    confirm_minutes(db, held.id, on=NOW.date())
    import_template(
        db,
        council.id,
        "minutes",
        retitled(base, "会議記録"),
        None,
        source="b.docx",
        check=check,
        at=NOW,
    )
    assert "議事録" in title_of(db, held.id, tmp_path)  # version 1, as confirmed
    assert "会議記録" in title_of(db, draft.id, tmp_path)  # version 2, the choice of today
    use_template(db, council.id, "minutes", "yotsukaido")
    assert "議事録" in title_of(db, held.id, tmp_path)
    assert "（会議概要）" in title_of(db, draft.id, tmp_path)


def test_a_record_confirmed_before_any_choice_keeps_the_first_default(db, demo, tmp_path):
    council, held, _ = demo
    before = title_of(db, held.id, tmp_path)
    confirm_minutes(db, held.id, on=NOW.date())
    use_template(db, council.id, "minutes", "yotsukaido")
    assert title_of(db, held.id, tmp_path) == before.replace("（案）", "")
    assert "（会議概要）" not in title_of(db, held.id, tmp_path)


def test_a_record_confirmed_with_a_default_keeps_that_default(db, demo, tmp_path):
    council, held, _ = demo
    use_template(db, council.id, "minutes", "yotsukaido")
    confirm_minutes(db, held.id, on=NOW.date())
    import_template(
        db,
        council.id,
        "minutes",
        retitled(template_to_copy(db, council.id, "minutes", "standard").docx, "議事録"),
        None,
        source="a.docx",
        check=checked(db),
        at=NOW,
    )
    assert "（会議概要）" in title_of(db, held.id, tmp_path)


def test_the_clerk_edits_a_default_in_word_and_the_export_follows(db, demo, tmp_path):
    """Copy the standard default out, change it in Word — the title, a label (出席委員 →
    審議者), 以上 taken out — bring it back: the 会議録 is written the clerk's way."""
    council, held, _ = demo
    copied = tmp_path / "会議録.docx"
    copied.write_bytes(template_to_copy(db, council.id, "minutes", "standard").docx)

    document = Document(str(copied))
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    for run in title.runs:
        run.text = run.text.replace("会議録", "会議の記録")
    for table in document.tables:
        for row in table.rows:
            for paragraph in row.cells[0].paragraphs:
                for run in paragraph.runs:
                    run.text = run.text.replace("出席委員", "審議者")
    closing = next(p for p in document.paragraphs if p.text == "以上")
    closing._p.getparent().remove(closing._p)
    document.save(str(copied))

    import_template(
        db,
        council.id,
        "minutes",
        copied.read_bytes(),
        None,
        source=copied.name,
        check=checked(db),
        at=NOW,
    )
    out = prepare(db, "minutes", held.id, public=True).write(tmp_path / "out.docx")
    written = Document(str(out))
    paragraphs = [p.text for p in written.paragraphs]
    labels = [row.cells[0].text for table in written.tables for row in table.rows]
    assert any("会議の記録" in p for p in paragraphs) and not any("会議録" in p for p in paragraphs)
    assert "審議者" in labels and "出席委員" not in labels
    assert "以上" not in paragraphs
    assert "欠席委員" in labels  # the rest is the default's


def test_the_overview_lists_defaults_own_versions_and_the_choice(db, demo):
    council, _, _ = demo
    (minutes,) = [k for k in council_templates(db, council.id) if k.kind == "minutes"]
    assert [d.name for d in minutes.defaults] == ["standard", "yotsukaido"]
    assert minutes.own == () and minutes.chosen == "standard"
    import_template(
        db,
        council.id,
        "minutes",
        template_to_copy(db, council.id, "minutes").docx,
        None,
        source="会議録.docx",
        check=checked(db),
        at=NOW,
    )
    (minutes,) = [k for k in council_templates(db, council.id) if k.kind == "minutes"]
    assert [v.version for v in minutes.own] == [1] and minutes.own[0].source == "会議録.docx"
    assert minutes.chosen == "own" and minutes.chosen_label == "独自（第1版）"


def test_a_choice_that_names_nothing_is_refused(db, demo):
    council, _, _ = demo
    with pytest.raises(InputError, match="独自のテンプレートはまだありません"):
        use_template(db, council.id, "minutes", "own")
    with pytest.raises(InputError, match="standard、yotsukaido"):
        use_template(db, council.id, "minutes", "kyoto")
    with pytest.raises(InputError, match="文書はありません"):
        use_template(db, council.id, "minutes-x", "standard")
