"""The template engine: filters, the environments' escaping, the shipped defaults."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime, time

import pytest
from docx import Document
from docx.oxml.ns import qn

from exports.template_build import FOLDER, build_all
from exports.template_sets import DEFAULTS
from exports.templating import (
    TemplateProblem,
    circled,
    kanji,
    render_docx,
    render_markdown,
    wareki,
    zenkaku,
)
from meeting.dates import TOKYO


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (20, "二十"),
        (105, "百五"),
        (1000, "千"),
        (2026, "二千二十六"),
    ],
)
def test_kanji_numbers(n, text):
    assert kanji(n) == text


@pytest.mark.parametrize(
    ("n", "text"), [(1, "①"), (20, "⑳"), (21, "㉑"), (36, "㊱"), (50, "㊿"), (51, "(51)")]
)
def test_circled_numbers(n, text):
    assert circled(n) == text


def test_dates_times_and_widths_as_documents_print_them():
    assert wareki(date(2019, 5, 1)) == "令和元年5月1日（水）"
    assert wareki(date(2019, 7, 16), weekday=False) == "令和元年7月16日"
    assert wareki(datetime(2019, 7, 16, 13, 30, tzinfo=TOKYO)) == "令和元年7月16日（火）"
    assert zenkaku("(1)") == "（１）"
    out = render_markdown(
        "{{ d|wareki }}{{ s|jtime }}{{ s|time_range(e) }}{{ s|time_range(none) }}|{{ l|join }}",
        {
            "d": date(2021, 7, 26),
            "s": datetime(2021, 7, 26, 10, tzinfo=TOKYO),
            "e": datetime(2021, 7, 26, 12, tzinfo=TOKYO),
            "l": ["甲委員", "乙委員"],
        },
    )
    assert out == "令和3年7月26日（月）午前10時午前10時～正午午前10時～|甲委員、乙委員\n"
    assert render_markdown("{{ t|jtime }}", {"t": time(13, 30)}) == "午後1時30分\n"


def test_markdown_escapes_every_value_but_not_the_template():
    out = render_markdown("## {{ title }}\n\n- {{ line }}", {"title": "# 見出し*", "line": "<b>"})
    assert out == "## \\# 見出し\\*\n\n- &lt;b>\n"


def test_an_unknown_variable_or_filter_is_named(tmp_path):
    with pytest.raises(TemplateProblem) as e:
        render_markdown("{{ council.nmae }}", {"council": {"name": "x"}})
    assert "「nmae」という項目はありません" in e.value.message
    with pytest.raises(TemplateProblem) as e:
        render_markdown("{{ 1|wareki2 }}", {})
    assert "「wareki2」というフィルタはありません" in e.value.message


def test_word_values_are_escaped_and_cleaned(tmp_path):
    plain = Document()
    plain.add_paragraph("{{ x }}")
    buffer = io.BytesIO()
    plain.save(buffer)
    out = render_docx(buffer.getvalue(), {"x": "<&>\x07\x0b改行"}, tmp_path / "y.docx")
    # XML escaped, the bell dropped, a vertical tab a line break
    assert Document(out).paragraphs[0].text == "<&>\n改行"


def test_the_shipped_defaults_are_what_the_builder_builds():
    built = build_all()
    shipped = {p.name for p in FOLDER.glob("*.docx")}
    assert set(built) == shipped
    for name, data in built.items():
        with zipfile.ZipFile(io.BytesIO(data)) as new, zipfile.ZipFile(FOLDER / name) as old:
            for part in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
                assert new.read(part) == old.read(part), (
                    f"{name}: {part} (python -m exports.template_build)"
                )


def test_every_default_has_both_files_and_is_word_2013():
    for kind, defaults in DEFAULTS.items():
        assert len(defaults) >= 2, kind
        for d in defaults:
            loaded = d.load()
            assert loaded.markdown.strip() and loaded.docx
            doc = Document(io.BytesIO(loaded.docx))
            compat = doc.settings.element.find(qn("w:compat"))
            modes = [
                s.get(qn("w:val"))
                for s in compat.findall(qn("w:compatSetting"))
                if s.get(qn("w:name")) == "compatibilityMode"
            ]
            assert modes == ["15"]
            with zipfile.ZipFile(io.BytesIO(loaded.docx)) as z:
                names = z.namelist()
                assert not any("thumbnail" in n for n in names)
                assert b"Macintosh" not in z.read("docProps/app.xml")
            assert {"Title", "Heading 1", "発言", "ト書き", "以上"} <= {s.name for s in doc.styles}


def test_a_document_s_properties_are_its_own(db, council, tmp_path):

    from exports.registry import prepare
    from meeting.model import SessionPlan, SittingPlan
    from meeting.store import schedule_session
    from tests.conftest import NOW

    start = datetime(2026, 12, 14, 10, tzinfo=TOKYO)
    s = schedule_session(
        db, council.id, SessionPlan(sittings=(SittingPlan(start, None, "室"),)), now=NOW
    )
    out = prepare(db, "minutes", s.id).write(tmp_path / "m.docx")
    props = Document(out).core_properties
    assert props.title == "令和8年度第1回かもめ台市情報公開・個人情報保護審議会会議録"
    assert props.author == "かもめ台市情報公開・個人情報保護審議会"
    made = NOW.astimezone(UTC).replace(tzinfo=None)
    assert props.created.replace(tzinfo=None) == made == props.modified.replace(tzinfo=None)


def test_a_macro_s_output_is_escaped_once_when_printed_safe():
    template = "{% macro m(x) %}{{ x }}*{% endmacro %}{{ m(t)|safe }} {{ t }}"
    assert render_markdown(template, {"t": "a*b"}) == "a\\*b* a\\*b\n"
