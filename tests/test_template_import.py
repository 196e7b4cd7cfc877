"""A template the clerk edited in Word is checked before it is kept: each thing Word does to a
tag, and each mistake a clerk makes in one, is refused with the paragraph where it is, and the
database is left as it was. The files are real .docx built here with python-docx from the
shipped default, the way Word would save them."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from exports.council_templates import import_template, use_template
from exports.template_check import check_template, demo_contexts
from exports.template_sets import council_template, default_named
from exports.templating import TemplateProblem, docx_document
from meeting.db import open_database
from meeting.entry.demo import load_demo
from tests.conftest import NOW

BASE = default_named("minutes", "standard").load()


@pytest.fixture(scope="module")
def contexts(tmp_path_factory):
    """The demo's minutes, public and internal, as the import check renders them."""
    db = open_database(tmp_path_factory.mktemp("demo") / "demo.db")
    load_demo(db, now=NOW)
    found = demo_contexts(db, "minutes")
    db.close()
    return found


def word(*runs: str, deleted: str | None = None) -> bytes:
    """The standard default with one more paragraph, written as ``runs`` (each a run of its
    own, every other one bold: Word splits text where its formatting changes). ``deleted``: a
    tracked deletion between the first run and the rest, as Word keeps one."""
    document = Document(io.BytesIO(BASE.docx))
    paragraph = document.add_paragraph()
    for n, text in enumerate(runs):
        paragraph.add_run(text).bold = bool(n % 2)
        if n == 0 and deleted is not None:
            deletion = OxmlElement("w:del")
            for name, value in (
                ("w:id", "90"),
                ("w:author", "事務局"),
                ("w:date", "2026-01-01T00:00:00Z"),
            ):
                deletion.set(qn(name), value)
            run = OxmlElement("w:r")
            text_deleted = OxmlElement("w:delText")
            text_deleted.text = deleted
            run.append(text_deleted)
            deletion.append(run)
            paragraph._p.append(deletion)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def stored(db) -> list[tuple]:
    """Everything the templates' tables hold."""
    return [
        tuple(row)
        for table in ("templates", "template_choices", "session_templates")
        for row in db.execute(f"SELECT * FROM {table}").fetchall()
    ]


REFUSED = [
    (
        "a tag Word split and could not be put together (a tracked change inside it)",
        word("{", "{ council.name }}", deleted="x"),
        ["「{{ council.name }}」", "読み取れずに残りました", "変更履歴"],
    ),
    (
        "Word's smart quotes inside a tag",
        word("{% if council.name == “ひばり野” %}", "はい{% endif %}"),
        ["「{% if council.name == “ひばり野” %}", "“ ”", "半角の \" か '"],
    ),
    (
        "an unknown variable",
        word("議長：", "{{ chairman }}"),
        ["「議長：{{ chairman }}」", "「chairman」という項目はありません"],
    ),
    (
        "an unknown variable where the demo does not reach",
        word("{% if internal and not internal %}", "{{ chair_name }}{% endif %}"),
        ["「chair_name」という項目はありません", "{% if internal and not internal %}"],
    ),
    (
        "a misspelt field of a known variable",
        word("{{ council.nmae }}"),
        ["「{{ council.nmae }}」", "「nmae」という項目はありません"],
    ),
    (
        "an unknown filter",
        word("開催日：{{ session.title | seireki }}"),
        ["「開催日：{{ session.title | seireki }}」", "「seireki」というフィルタはありません"],
    ),
    (
        "a syntax error: a loop never closed",
        word("{% for x in sittings %}", "{{ x.place }}"),
        ["{% for x in sittings %}", "閉じられていません", "{% endfor %}"],
    ),
    (
        "a syntax error: a tag not closed",
        word("審議会：{{ council.name }"),
        ["「審議会：{{ council.name }」", "タグ「{{」の終わりがありません"],
    ),
    (
        "braces typed in full width",
        word("｛｛ council.name ｝｝"),
        ["「｛｛ council.name ｝｝」", "全角"],
    ),
    ("a file that is not a .docx", "会議録のひな形".encode(), ["Word 文書（.docx）ではありません"]),
    ("an empty file", b"", ["ファイルが空です"]),
]


@pytest.mark.parametrize(("docx", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_a_bad_template_is_refused_naming_where_and_nothing_is_saved(
    db, council, contexts, docx, words
):
    before = stored(db)

    def check(kind, docx, markdown):
        check_template(kind, docx, markdown, contexts)

    with pytest.raises(TemplateProblem) as refused:
        import_template(
            db, council.id, "minutes", docx, None, source="会議録.docx", check=check, at=NOW
        )
    for expected in words:
        assert expected in refused.value.message
    assert stored(db) == before
    assert council_template(db, council.id, "minutes").name == "standard"


def test_a_tag_split_across_runs_is_put_together_and_kept(db, council, contexts):
    """Word splits a tag where its formatting changes; docxtpl joins the runs again, so the
    template is accepted and prints the value."""
    docx = word("審議会名：{{ council", ".name }}")
    check_template("minutes", docx, None, contexts)
    context = contexts[0][1]
    text = "\n".join(p.text for p in docx_document(docx, context).docx.paragraphs)
    assert f"審議会名：{context.council.name}" in text


def test_a_markdown_template_is_checked_with_its_line(contexts):
    with pytest.raises(TemplateProblem) as refused:
        check_template("minutes", BASE.docx, "# {{ council.name }}\n\n{{ chairman }}\n", contexts)
    assert "Markdown のテンプレートの3行目「{{ chairman }}」" in refused.value.message
    with pytest.raises(TemplateProblem) as refused:
        check_template("minutes", BASE.docx, "# {% if internal %}内部\n", contexts)
    assert "1行目" in refused.value.message
    with pytest.raises(TemplateProblem) as refused:
        check_template("minutes", BASE.docx, "{{ council.name | join(“、”) }}\n", contexts)
    assert "“ ”" in refused.value.message


def test_every_default_passes_the_check(contexts):
    for name in ("standard", "yotsukaido"):
        default = default_named("minutes", name).load()
        check_template("minutes", default.docx, default.markdown, contexts)


def test_an_import_is_a_new_version_chosen_and_the_history_stays(db, council, contexts):
    def check(kind, docx, markdown):
        check_template(kind, docx, markdown, contexts)

    first = import_template(
        db, council.id, "minutes", word("第一版"), None, source="a.docx", check=check, at=NOW
    )
    second = import_template(
        db,
        council.id,
        "minutes",
        word("第二版"),
        "# {{ council.name }}\n",
        source="b.docx",
        check=check,
        at=NOW,
    )
    assert (first.version, second.version) == (1, 2)
    assert first.markdown == BASE.markdown  # no Markdown given: the one chosen then goes with it
    chosen = council_template(db, council.id, "minutes")
    assert chosen.version == 2 and chosen.docx == second.docx
    use_template(db, council.id, "minutes", "yotsukaido")
    assert council_template(db, council.id, "minutes").name == "yotsukaido"
    assert "第2版" in use_template(db, council.id, "minutes", "own")
    assert db.execute("SELECT count(*) FROM templates").fetchone()[0] == 2
