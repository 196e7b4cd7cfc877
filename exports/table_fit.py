"""A template's table whose columns take the width their content asks, after rendering.

A table's rows come from the record (a year's sessions, a section the clerk typed), so no
width set in the template suits every year: fixed proportions wrap 第1回 or a date while a
prose column has room to spare. A table in a Word template whose alternative-text title
(表のプロパティ → 代替テキスト → タイトル) is :data:`FIT` gets its columns from its rendered
content (:func:`exports.docx_table.column_widths`, as wide as the text less the table's
indent). A council's own template without that title keeps the widths it was drawn with.
"""

from __future__ import annotations

from typing import Any

from exports.docx_table import PADDING_MM, column_widths

FIT = "列幅：内容に合わせる"
"""The alternative-text title that asks for columns fitted to the content."""


def fit_marker(table: Any) -> None:
    """Mark a (template's) table to be fitted when rendered."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), FIT)
    table._tbl.tblPr.append(caption)


def fit_tables(docx: Any) -> None:
    """Every table of the rendered document marked :data:`FIT`, its columns fitted; and every
    cell of every table left with a paragraph (a ``{%p for %}`` over nothing leaves a cell
    without one, which Word refuses to open)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for tc in docx.element.body.iter(qn("w:tc")):
        if tc.find(qn("w:p")) is None:
            tc.append(OxmlElement("w:p"))
    for table in docx.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        if caption is not None and caption.get(qn("w:val")) == FIT and table.rows:
            _fit(docx, table)


def _fit(docx: Any, table: Any) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = docx.sections[-1]
    text_mm = (section.page_width - section.left_margin - section.right_margin) / 36000
    size = docx.styles["Normal"].font.size
    size_pt = size.pt if size is not None else 10.5
    char_mm = size_pt * 25.4 / 72
    indent = table._tbl.tblPr.find(qn("w:tblInd"))
    indent_mm = int(indent.get(qn("w:w"), "0")) / 20 * 25.4 / 72 if indent is not None else 0
    rows = [[_text(tc) for tc in tr.findall(qn("w:tc"))] for tr in table._tbl.findall(qn("w:tr"))]
    count = max(len(r) for r in rows)
    if count == 0:
        return
    rows = [r + [""] * (count - len(r)) for r in rows]
    usable = text_mm - indent_mm - count * PADDING_MM
    widths = [
        Mm(w * char_mm + PADDING_MM) for w in column_widths(rows, max(usable / char_mm, count * 2))
    ]
    grid = table._tbl.tblGrid
    for col in list(grid.findall(qn("w:gridCol"))):
        grid.remove(col)
    for width in widths:
        grid.add_gridCol().w = width
    for tr in table._tbl.findall(qn("w:tr")):
        for tc, width in zip(tr.findall(qn("w:tc")), widths, strict=False):
            tc.width = width


def _text(tc: Any) -> str:
    """A cell's text, a line per paragraph."""
    from docx.oxml.ns import qn

    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.findall(qn("w:p"))
    )
