"""The official Word format of a Japanese municipal document, on python-docx.

A4 portrait, ＭＳ 明朝 in all four font slots with theme attributes removed, ja-JP, no
English-template spacing, a lines-only document grid, indents in 字 units, a page number
「- 1 -」 (each setting measured in Word's XML with python-docx 1.2, and rendered in LibreOffice).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from docx.text.paragraph import Paragraph

    from meeting.model import PageSetting

MINCHO = "ＭＳ 明朝"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class PageFormat:
    """A council's page (``PageSetting``); the default is Word-JP's 40字×36行 at 10.5pt.

    The side margins follow from the 字数: the text is as wide as the line of characters
    (plus a hair for rounding), so a lines-only grid gives the right 字数 in Word and in
    LibreOffice alike.
    """

    size_pt: float = 10.5
    chars: int = 40
    lines: int = 36
    top_mm: float = 35
    bottom_mm: float = 30

    @classmethod
    def of(cls, setting: PageSetting) -> PageFormat:
        return cls(size_pt=setting.size_pt, chars=setting.chars, lines=setting.lines)

    @property
    def text_width_mm(self) -> float:
        return self.chars * self.size_pt * 25.4 / 72 + 0.5

    @property
    def side_mm(self) -> float:
        return (210 - self.text_width_mm) / 2

    def columns(self, first_chars: float) -> tuple[float, float]:
        """A two-column table as wide as the text, the first column ``first_chars`` 字 wide."""
        first = first_chars * self.size_pt * 25.4 / 72 + 2.5  # cell padding
        return first, self.text_width_mm - first


def clean(text: str) -> str:
    """As entered (NFC, never NFKC), less what Word cannot hold; a soft break becomes a line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _XML_ILLEGAL.sub("", unicodedata.normalize("NFC", text))


def new_document(page: PageFormat = PageFormat()) -> DocumentType:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, MINCHO)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "ja-JP")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # in schema order, before w:spacing
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        spacing.addprevious(el)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(page.size_pt)
    _set_fonts(normal.element.get_or_add_rPr(), MINCHO)
    normal.paragraph_format.alignment = 3  # both (両端揃え)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin = section.right_margin = Mm(page.side_mm)
    height_pt = 297 - page.top_mm - page.bottom_mm
    sect = section._sectPr
    for grid in sect.findall(qn("w:docGrid")):
        sect.remove(grid)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(math.floor(height_pt / 25.4 * 72 * 20 / page.lines)))
    sect.append(grid)
    _page_number(section.footer.paragraphs[0])
    core = doc.core_properties
    core.author = ""
    core.last_modified_by = ""
    core.comments = ""
    core.title = ""
    return doc


def _set_fonts(rpr, name: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _page_number(paragraph: Paragraph) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    run = paragraph.add_run()
    for tag, kind in (("w:fldChar", "begin"), ("w:instrText", None), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if kind:
            el.set(qn("w:fldCharType"), kind)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = " PAGE "
        run._r.append(el)
    paragraph.add_run(" -")


def paragraph(
    doc: DocumentType,
    text: str = "",
    *,
    align: str = "both",
    left: float = 0,
    hanging: float = 0,
    first: float = 0,
    size_pt: float | None = None,
    bold: bool = False,
    font: str | None = None,
    page: PageFormat = PageFormat(),
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph with indents in 字 (characters of the body size), written the Word-JP way;
    a heading is ``keep_with_next``, so that it never stands alone at the foot of a page.

    Each kind of paragraph is built once through python-docx and then copied: setting the
    same properties through its API for each of a thousand lines took most of the time of a
    long minutes (bench/README.md).
    """
    from copy import deepcopy

    from docx.text.paragraph import Paragraph

    key = _Shape(
        align, left, hanging, first, size_pt, bold, font, page.size_pt, bool(text), keep_with_next
    )
    proto = _PROTOTYPES.get(key)
    if proto is None:
        proto = _PROTOTYPES[key] = _prototype(doc, key, page)
    p = deepcopy(proto)
    if text:
        _fill_run(p[-1], clean(text))
    body = doc.element.body
    sect = body.sectPr
    if sect is not None:
        sect.addprevious(p)
    else:
        body.append(p)
    return Paragraph(p, doc._body)


class _Shape(NamedTuple):
    """Everything a paragraph's properties depend on: one prototype per shape."""

    align: str
    left: float
    hanging: float
    first: float
    size_pt: float | None
    bold: bool
    font: str | None
    page_pt: float
    has_text: bool
    keep_with_next: bool = False


_PROTOTYPES: dict[_Shape, Any] = {}


def _prototype(doc: DocumentType, key: _Shape, page: PageFormat) -> Any:
    """A ``w:p`` with the paragraph's properties and, for text, an empty run with its own."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, Twips

    align, left, hanging, first, size_pt, bold, font, _, has_text, keep_with_next = key
    p = doc.add_paragraph()
    p._p.getparent().remove(p._p)  # built in the document's package, kept outside it
    p.alignment = {
        "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
    }[str(align)]

    def twips(n: float) -> Twips:  # 字 to twips at the council's size
        return Twips(round(n * page.size_pt * 20))

    pf = p.paragraph_format
    if keep_with_next:
        pf.keep_with_next = True
    if left or hanging:
        pf.left_indent = twips(left + hanging)
    if hanging:
        pf.first_line_indent = -twips(hanging)
    elif first:
        pf.first_line_indent = twips(first)
    ind = p._p.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        if hanging:
            ind.set(qn("w:hangingChars"), str(int(hanging * 100)))
            ind.set(qn("w:leftChars"), str(int((left + hanging) * 100)))
        elif first:
            ind.set(qn("w:firstLineChars"), str(int(first * 100)))
    if size_pt is not None and size_pt > page.size_pt:
        snap = OxmlElement("w:snapToGrid")
        snap.set(qn("w:val"), "0")
        # CT_PPr's sequence puts snapToGrid before spacing, ind and jc (Word is strict).
        p._p.get_or_add_pPr().insert_element_before(
            snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:rPr", "w:sectPr"
        )
    if has_text:
        run = p.add_run()
        run.bold = bool(bold)
        if size_pt is not None:
            run.font.size = Pt(size_pt)
        if font is not None:
            _set_fonts(run._r.get_or_add_rPr(), font)
    return p._p


def _fill_run(run: Any, text: str) -> None:
    """Put ``text`` in an empty run as python-docx's ``Run.text`` would: breaks and tabs."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for n, line in enumerate(text.split("\n")):
        if n:
            run.append(OxmlElement("w:br"))
        for m, part in enumerate(line.split("\t")):
            if m:
                run.append(OxmlElement("w:tab"))
            if part:
                t = OxmlElement("w:t")
                t.text = part
                if part != part.strip():
                    t.set(qn("xml:space"), "preserve")
                run.append(t)


def two_column_table(
    doc: DocumentType, rows: list[tuple[str, str]], widths_mm: tuple[float, float]
) -> Any:
    """The header block: labels left, values right; widths on columns and cells both."""
    from docx.shared import Mm

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text = clean(label)
        # a paragraph per line (1日目 …, 2日目 …): a line ended by a break would be justified
        # across the whole cell
        first, *more = clean(value).split("\n")
        cells[1].text = first
        for line in more:
            cells[1].add_paragraph(line)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    _keep_together(table)
    return table


def _keep_together(table: Any) -> None:
    """A header block is read as one: no row is split by a page break, and each row is kept
    with the next (so a heading kept with the table keeps the whole block)."""
    from docx.oxml import OxmlElement

    rows = list(table.rows)
    for n, row in enumerate(rows):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if n < len(rows) - 1:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
