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
from typing import TYPE_CHECKING, Any

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
