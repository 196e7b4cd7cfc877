"""A document's work per line does not grow with the document (issue 17), and the faster
listing pass leaves every document as docxtpl's own pass makes it."""

from __future__ import annotations

import sys
import zipfile
from dataclasses import replace
from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.registry import prepare
from exports.templating import _template_class
from meeting.dates import at, to_iso
from meeting.model import SessionPlan, SittingPlan
from meeting.store import schedule_session
from tests.conftest import NOW


def _session(db, council, lines: int) -> int:
    """A held session of ``lines`` lines, the secretariat and the chair in turn; a few lines
    hold a line break and a tab, as a pasted line may."""
    day = NOW.date()
    plan = SessionPlan(sittings=(SittingPlan(at(day, time(9)), at(day, time(12)), "第1会議室"),))
    session = schedule_session(db, council.id, plan, now=NOW)
    chair = db.execute("SELECT id FROM members WHERE council_id = ? LIMIT 1", [council.id])
    member = chair.fetchone()[0]
    rows = []
    for n in range(1, lines + 1):
        text = f"第{n}の発言。委託先の管理体制について説明をお願いします。"
        if n % 25 == 0:
            text += "\n続けて、資料2の\t3ページについて"
        speaker = ("member", member) if n % 2 else ("secretariat", None)
        rows.append((session.id, session.sittings[0].id, n, *speaker, text, to_iso(NOW)))
    db.conn.executemany(
        "INSERT INTO utterances (session_id, sitting_id, position, speaker_kind, member_id,"
        " text, spoken_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.conn.commit()
    return session.id


def _calls(fn) -> int:  # type: ignore[no-untyped-def]
    """Python and C function calls made by ``fn()``: work counted, not timed."""
    count = 0

    def profile(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def test_the_minutes_cost_the_same_per_line_at_any_length(db, council, tmp_path, monkeypatch):
    """Twice the lines, twice the added work: the calls that 200 more lines add are twice
    those 100 more add (a cost per line that grew with the document would add more), and the
    section properties, which python-docx finds by walking the body, are looked up as often
    for 400 lines as for 100."""
    from docx.oxml.document import CT_Body, CT_Document

    lookups = 0
    for cls, name in ((CT_Body, "sectPr"), (CT_Document, "sectPr_lst")):
        real = getattr(cls, name)

        def counted(self, real=real):  # type: ignore[no-untyped-def]
            nonlocal lookups
            lookups += 1
            return real.fget(self)

        monkeypatch.setattr(cls, name, property(counted))
    calls, found = {}, {}
    for lines in (100, 200, 400):
        session_id = _session(db, council, lines)
        prepared = prepare(db, "minutes", session_id, public=True)
        prepared.write(tmp_path / "warm.docx")  # imports and compiled templates, once
        lookups = 0
        calls[lines] = _calls(lambda p=prepared, n=lines: p.write(tmp_path / f"{n}.docx"))
        found[lines] = lookups
    first, second = calls[200] - calls[100], calls[400] - calls[200]
    assert 1.9 <= second / first <= 2.1, calls
    assert found[400] == found[100], found


@st.composite
def body_xml(draw: st.DrawFn) -> str:
    """A rendered body: paragraphs with or without properties, runs with or without them,
    text with the characters the listing pass turns into breaks, a table's paragraphs."""
    text = st.text(st.sampled_from(list("議長あa1 <>&") + ["\t", "\a", "\n", "\f"]), max_size=8)
    paragraphs = []
    for _ in range(draw(st.integers(0, 6))):
        ppr = draw(st.sampled_from(["", '<w:pPr><w:jc w:val="center"/></w:pPr>']))
        runs = ""
        for _ in range(draw(st.integers(0, 3))):
            rpr = draw(st.sampled_from(["", "<w:rPr><w:b/></w:rPr>"]))
            words = draw(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            runs += f'<w:r>{rpr}<w:t xml:space="preserve">{words}</w:t></w:r>'
        attrs = draw(st.sampled_from(["", ' w:rsidR="00A1"']))
        paragraphs.append(f"<w:p{attrs}>{ppr}{runs}</w:p>")
        if draw(st.booleans()):
            paragraphs.append("<w:tbl><w:tr><w:tc>" + paragraphs[-1] + "</w:tc></w:tr></w:tbl>")
    return "<w:body>" + "\n".join(paragraphs) + "<w:sectPr/></w:body>"


@settings(max_examples=300)
@given(body_xml())
def test_the_listing_pass_is_docxtpls_own_on_any_body(xml):
    from docxtpl import DocxTemplate

    ours = _template_class().resolve_listing
    assert ours(None, xml) == DocxTemplate.resolve_listing(None, xml)


@pytest.mark.parametrize("template", ["standard", "yotsukaido"])
def test_a_rendered_record_is_the_same_document_as_docxtpl_makes(
    db, council, tmp_path, monkeypatch, template
):
    from docxtpl import DocxTemplate

    from exports.template_sets import default_named

    session_id = _session(db, council, 60)
    prepared = prepare(db, "minutes", session_id, public=True)
    prepared = replace(prepared, template=default_named("minutes", template).load())
    prepared.write(tmp_path / "ours.docx")
    monkeypatch.setattr("exports.templating._template_class", lambda: DocxTemplate)
    prepared.write(tmp_path / "docxtpl.docx")
    with (
        zipfile.ZipFile(tmp_path / "ours.docx") as a,
        zipfile.ZipFile(tmp_path / "docxtpl.docx") as b,
    ):
        parts = [n for n in a.namelist() if n.startswith("word/") and n.endswith(".xml")]
        assert parts == [n for n in b.namelist() if n.startswith("word/") and n.endswith(".xml")]
        for name in parts:
            assert a.read(name) == b.read(name), name
        assert "<w:br/>" in a.read("word/document.xml").decode()  # the listing pass ran
