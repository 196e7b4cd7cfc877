"""The default Word templates of the 諮問書 (request) and the 運用状況 (annual).

Each function builds one default (see :mod:`exports.template_defaults`); its Markdown twin is
the ``.md`` file of the same name in ``exports/default_templates/``. The tags read
:class:`exports.request_context.RequestContext` and
:class:`exports.annual_context.AnnualContext`.

A table's rows repeat with docxtpl's ``{%tr for … %}`` rows and a free section's columns with
``{%tc for … %}`` cells; a cell of several lines is a paragraph a line (``{%p for … %}``), left
aligned. The tables carry the alternative-text title :data:`exports.table_fit.FIT`: their
columns are fitted to what they hold when rendered (a date and 第1回 never wrap).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from exports.docx_format import PageFormat
from exports.table_fit import fit_marker
from exports.template_build import Builder

_STYLES: dict[str, dict[str, Any]] = {
    "項目": {"hanging": 1},
    "副題": {"align": "center"},
    "表": {"align": "left"},
    "表見出し": {"align": "left", "bold": True},
    "表番号": {"align": "left", "hanging": 1.5},
    "表箇条": {"align": "left", "hanging": 1},
}
"""The styles the letters add to every default's: an item, a subtitle, a table's cells."""

Cell = Sequence[tuple[str, str]]
"""A cell's paragraphs: (text or tag, style)."""
Row = str | Sequence[Cell]
"""A row of cells, or a ``{%tr … %}`` tag that stands for a row."""


def _builder(page: PageFormat | None) -> Builder:
    b = Builder(page)
    for name, how in _STYLES.items():
        b.define_style(name, how)
    return b


def _table(b: Builder, rows: Sequence[Row], widths: Sequence[float], *, indent: float = 0) -> Any:
    """A grid table, its first row a header repeated on each page; ``widths`` in 字 are what a
    council's copy starts from (the defaults' columns are fitted when rendered)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    size = b.page.size_pt
    table = b.doc.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    if indent:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(round(indent * size * 20)))
        ind.set(qn("w:type"), "dxa")
        table._tbl.tblPr.append(ind)
    for n, row in enumerate(rows):
        cells = table.add_row().cells
        if isinstance(row, str):
            cells[0].paragraphs[0].add_run(row)
            continue
        for cell, paragraphs in zip(cells, row, strict=True):
            for k, (text, style) in enumerate(paragraphs):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                p.style = b.doc.styles[style]
                if text:
                    p.add_run(text)
        if n == 0:
            header = OxmlElement("w:tblHeader")
            row_pr = table.rows[0]._tr.get_or_add_trPr()
            row_pr.append(header)
    total = sum(widths)
    usable_mm = b.page.text_width_mm - indent * size * 25.4 / 72
    for column, width in zip(table.columns, widths, strict=True):
        mm = Mm(usable_mm * width / total)
        column.width = mm
        for cell in column.cells:
            cell.width = mm
    fit_marker(table)
    return table


def _lines(tag: str, line: str, style: str = "表") -> list[tuple[str, str]]:
    """A cell's lines: ``{%p for … %}``, the line, ``{%p endfor %}``."""
    return [("{%p " + tag + " %}", style), (line, style), ("{%p endfor %}", style)]


# The 諮問書

_LEAD = "{% if consulted_under %}{{ consulted_under }}の規定により、{% endif %}"


def _blocks(b: Builder, under: str) -> None:
    """An item's free-section blocks: paragraphs indented under it, tables as typed."""
    b.tag("for x in i.blocks")
    b.tag("if x.table")
    _table(
        b,
        [
            [
                [("{%tc for c in x.header %}", "表見出し")],
                [("{{ c }}", "表見出し")],
                [("{%tc endfor %}", "表見出し")],
            ],
            "{%tr for row in x.rows %}",
            [
                [("{%tc for c in row %}", "表")],
                [("{{ c }}", "表")],
                [("{%tc endfor %}", "表")],
            ],
            "{%tr endfor %}",
        ],
        [1, 1, 1],
        indent=1,
    )
    b.tag("else")
    b.p("{{ x.text }}", under)
    b.tag("endif")
    b.tag("endfor")


def request_standard(page: PageFormat | None = None) -> Builder:
    """The app's own 諮問書: number and date flush right, the addressee, the sender and the
    issuing departments, 諮問書 and the case's title, the lead, 記, the items numbered 1–N
    with what is under each, 以上."""
    b = _builder(page)
    b.tag("if number")
    b.p("{{ number }}", "右寄せ")
    b.tag("endif")
    b.tag("if date")
    b.p("{{ date|wareki(false) }}", "右寄せ")
    b.tag("endif")
    b.p()
    b.p("{{ council.name }}会長{% if chair %}　{{ chair }}{% endif %}　様", "本文字下げ")
    b.tag("if sender or departments")
    b.p()
    b.tag("endif")
    b.tag("if sender")
    b.p("{{ sender }}", "右寄せ")
    b.tag("endif")
    b.tag("if departments")
    b.p("（{{ departments|join }}）", "右寄せ")
    b.tag("endif")
    b.p()
    b.p("諮問書", "Title")
    b.p("{{ title }}", "副題")
    b.p()
    b.p(_LEAD + "次のとおり{{ wording }}。", "本文字下げ")
    b.p("記", "記")
    b.tag("for i in items")
    b.p(
        "{{ loop.index }}{% if i.label %}　{{ i.label }}{% endif %}"
        "{% if i.value %}　{{ i.value }}{% endif %}",
        "項目",
    )
    b.tag("for l in i.lines")
    b.p("{{ l }}", "箇条")
    b.tag("endfor")
    _blocks(b, "字下げ1")
    b.tag("endfor")
    b.p("以上", "以上")
    return b


def request_besshi(page: PageFormat | None = None) -> Builder:
    """Another city's: the case's title as the letter's title, 「別紙のとおり…」, and on a page
    of its own the 別紙 with the items numbered 1–N as headings; no 記, no 以上."""
    b = _builder(page)
    b.tag("if number")
    b.p("{{ number }}", "右寄せ")
    b.tag("endif")
    b.tag("if date")
    b.p("{{ date|wareki(false) }}", "右寄せ")
    b.tag("endif")
    b.p()
    b.p("{{ council.name }}", "本文字下げ")
    b.p("会長{% if chair %}　{{ chair }}{% endif %}　様", "本文字下げ")
    b.tag("if sender")
    b.p()
    b.p("{{ sender }}", "右寄せ")
    b.tag("endif")
    b.p()
    b.p("{{ title }}", "Title")
    b.p()
    b.p(_LEAD + "別紙のとおり{{ wording }}。", "本文字下げ")
    b.tag("if departments")
    b.p()
    b.p("担当　{{ departments|join }}", "右寄せ")
    b.tag("endif")
    b.p("別紙", "右寄せ").paragraph_format.page_break_before = True
    b.p()
    b.tag("for i in items")
    b.p("{{ loop.index }}{% if i.label %}　{{ i.label }}{% endif %}", "Heading 2")
    b.tag("if i.value")
    b.p("{{ i.value }}", "字下げ1")
    b.tag("endif")
    b.tag("for l in i.lines")
    b.p("{{ l }}", "箇条")
    b.tag("endfor")
    _blocks(b, "字下げ1")
    b.tag("endfor")
    return b


# The 運用状況

_WRITTEN_WHEN = [
    ("{{ s.written_from|wareki }}～", "表"),
    ("{{ s.written_until|wareki }}", "表"),
    ("（書面決議）", "表"),
]


def annual_standard(page: PageFormat | None = None) -> Builder:
    """The app's own 運用状況: the title, the lead, the sessions' table (回数, 開催日・場所,
    会議内容及び諮問事項, 結論: per item or per session as the council chooses) and, for a
    審査会, the 審査請求の状況."""
    b = _builder(page)
    b.p("{{ year }} {{ council.name }} 運用状況", "Title")
    b.p()
    b.p("{{ lead }}", "本文字下げ")
    b.p()
    _table(
        b,
        [
            [[(h, "表見出し")] for h in ("回数", "開催日・場所", "会議内容及び諮問事項", "結論")],
            "{%tr for s in sessions %}",
            [
                [("{{ s.label }}", "表")],
                [
                    ("{%p if s.written %}", "表"),
                    *_WRITTEN_WHEN,
                    ("{%p else %}", "表"),
                    ("{%p for d in s.days %}", "表"),
                    ("{{ d.date|wareki }}", "表"),
                    ("{{ d.place }}", "表"),
                    ("{%p endfor %}", "表"),
                    ("{%p endif %}", "表"),
                ],
                _lines("for i in s.items", "{{ i.number }}　{{ i.title }}", "表番号"),
                [
                    ("{%p if per_session %}", "表"),
                    ("{{ s.conclusion }}", "表"),
                    ("{%p else %}", "表"),
                    *_lines("for i in s.items", "{{ i.number }}　{{ i.conclusion }}", "表番号"),
                    ("{%p endif %}", "表"),
                ],
            ],
            "{%tr endfor %}",
        ],
        [3, 10, 18, 9],
    )
    b.tag("if with_appeals")
    b.p()
    b.p("審査請求の状況", "Heading 2")
    b.tag("if appeals")
    _table(
        b,
        [
            [[(h, "表見出し")] for h in ("内容", "処分", "諮問年月日", "答申年月日", "答申内容")],
            "{%tr for a in appeals %}",
            [
                [("{{ a.title }}", "表")],
                [("{{ a.disposition }}", "表")],
                [("{{ a.consulted_on|wareki(false) }}", "表")],
                [
                    ("{%p if a.withdrawn %}", "表"),
                    ("取下げ", "表"),
                    ("{%p if a.withdrawn_on %}", "表"),
                    ("（{{ a.withdrawn_on|wareki(false) }}）", "表"),
                    ("{%p endif %}", "表"),
                    ("{%p elif a.answered %}", "表"),
                    ("{{ a.answered_on|wareki(false) }}", "表"),
                    ("{%p else %}", "表"),
                    ("審議中", "表"),
                    ("{%p endif %}", "表"),
                ],
                [("{{ a.conclusion }}", "表")],
            ],
            "{%tr endfor %}",
        ],
        [10, 5, 8, 8, 9],
    )
    b.tag("else")
    b.p("該当なし", "字下げ1")
    b.tag("endif")
    b.tag("endif")
    return b


def annual_sessions(page: PageFormat | None = None) -> Builder:
    """Another city's: the council's name in the title and the year under it, 1 開催状況 with
    the days (no place) and one result per session, 2 審査請求の状況 counted."""
    b = _builder(page)
    b.p("{{ council.name }}の運用状況", "Title")
    b.p("（{{ year }}）", "副題")
    b.p()
    b.p("1　開催状況", "Heading 2")
    b.p(
        "{{ year }}中に会議を{{ held }}回開催した"
        "{% if written %}（うち書面決議{{ written }}回）{% endif %}。",
        "本文字下げ",
    )
    _table(
        b,
        [
            [[(h, "表見出し")] for h in ("開催回", "開催日", "審議事項", "結果")],
            "{%tr for s in sessions %}",
            [
                [("{{ s.label }}", "表")],
                [
                    ("{%p if s.written %}", "表"),
                    ("{{ s.written_from|wareki(false) }}～", "表"),
                    ("{{ s.written_until|wareki(false) }}", "表"),
                    ("（書面決議）", "表"),
                    ("{%p else %}", "表"),
                    *_lines("for d in s.days", "{{ d.date|wareki(false) }}"),
                    ("{%p endif %}", "表"),
                ],
                _lines("for i in s.items", "・{{ i.title }}", "表箇条"),
                [("{{ s.conclusion }}", "表")],
            ],
            "{%tr endfor %}",
        ],
        [4, 9, 18, 9],
    )
    b.tag("if with_appeals")
    b.p()
    b.p("2　審査請求の状況", "Heading 2")
    b.p(
        "諮問を受けたもの{{ appeal_counts.received }}件、答申したもの"
        "{{ appeal_counts.answered }}件、取下げ{{ appeal_counts.withdrawn }}件、"
        "年度末に審議中のもの{{ appeal_counts.pending }}件",
        "本文字下げ",
    )
    b.tag("if appeals")
    _table(
        b,
        [
            [[(h, "表見出し")] for h in ("件名", "処分", "諮問日", "答申日", "答申の内容")],
            "{%tr for a in appeals %}",
            [
                [("{{ a.title }}", "表")],
                [("{{ a.disposition }}", "表")],
                [("{{ a.consulted_on|wareki(false) }}", "表")],
                [
                    (
                        "{% if a.withdrawn %}取下げ{% elif a.answered %}"
                        "{{ a.answered_on|wareki(false) }}{% else %}審議中{% endif %}",
                        "表",
                    )
                ],
                [("{{ a.conclusion }}", "表")],
            ],
            "{%tr endfor %}",
        ],
        [12, 5, 8, 8, 7],
    )
    b.tag("else")
    b.p("該当なし", "字下げ1")
    b.tag("endif")
    b.tag("endif")
    return b
