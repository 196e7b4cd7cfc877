"""Build the default Word templates shipped in ``exports/default_templates/``.

Run ``python -m exports.template_build`` after changing a default; the files are committed,
and a test checks they are what this module builds. A template is an ordinary Word document:
the official page (A4, ＭＳ 明朝, the line grid), named paragraph styles (表題, 見出し 1–3 on
Word's Heading 1–3 so the navigation pane and a PDF's bookmarks see the structure, 発言 with
its hanging indent, ト書き, 記, 以上), compatibility mode 15, and Jinja2 tags that docxtpl
renders: ``{%p for … %}`` paragraphs that repeat, ``{{ … }}`` values.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import Any

from exports.docx_format import MINCHO, PageFormat, _keep_together, _set_fonts, new_document

FOLDER = Path(__file__).parent / "default_templates"

_STYLES: dict[str, dict[str, Any]] = {
    # name: (base, alignment, left 字, hanging 字, first-line 字, bold, size, keep with next)
    "Title": {"align": "center", "bold": True, "size": 14, "keep": True},
    "Heading 1": {"bold": True, "keep": True},
    "Heading 2": {"bold": True, "keep": True},
    "Heading 3": {"keep": True, "left": 1},
    "発言": {"hanging": 1},
    "発言続き": {"first": 1},
    "ト書き": {"align": "center"},
    "本文字下げ": {"first": 1},
    "字下げ1": {"left": 1},
    "字下げ2": {"left": 2},
    "箇条": {"left": 1, "hanging": 1},
    "箇条2": {"left": 2, "hanging": 1},
    "記": {"align": "center", "keep": True},
    "以上": {"align": "right"},
    "右寄せ": {"align": "right"},
}
"""The paragraph styles every default defines; a council's own template may define others."""


class Builder:
    """A default template being written: paragraphs in named styles, tags as their text."""

    def __init__(self, page: PageFormat | None = None) -> None:
        self.page = page or PageFormat()
        self.doc = new_document(self.page)
        self._styles()
        self._word_2013_and_later()

    def _styles(self) -> None:
        for name, how in _STYLES.items():
            self.define_style(name, how)

    def define_style(self, name: str, how: dict[str, Any]) -> None:
        """A named paragraph style (as in :data:`_STYLES`), for a default that needs one more."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt, RGBColor, Twips

        styles = self.doc.styles
        try:
            style = styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = True
        rpr = style.element.get_or_add_rPr()
        for child in list(rpr):  # the English template's theme fonts, colours and sizes
            rpr.remove(child)
        _set_fonts(rpr, MINCHO)
        style.font.bold = bool(how.get("bold"))
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.size = Pt(how.get("size", self.page.size_pt))
        pf = style.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.keep_with_next = bool(how.get("keep"))
        pf.alignment = {
            "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "left": WD_ALIGN_PARAGRAPH.LEFT,
        }.get(how.get("align", ""), WD_ALIGN_PARAGRAPH.JUSTIFY)
        size = self.page.size_pt
        left, hanging, first = how.get("left", 0), how.get("hanging", 0), how.get("first", 0)
        pf.left_indent = Twips(round((left + hanging) * size * 20))
        pf.first_line_indent = Twips(round((first - hanging) * size * 20))
        ppr = style.element.get_or_add_pPr()
        for tag in ("w:pBdr", "w:contextualSpacing", "w:keepLines"):  # Title's blue rule
            for el in ppr.findall(qn(tag)):
                ppr.remove(el)
        if how.get("size", size) > size:  # a larger line off the grid, not two lines of it
            snap = OxmlElement("w:snapToGrid")
            snap.set(qn("w:val"), "0")
            ppr.insert_element_before(
                snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:jc", "w:outlineLvl"
            )
        ind = ppr.find(qn("w:ind"))
        if ind is not None:
            ind.set(qn("w:leftChars"), str(int((left + hanging) * 100)))
            if hanging:
                ind.set(qn("w:hangingChars"), str(int(hanging * 100)))
            elif first:
                ind.set(qn("w:firstLineChars"), str(int(first * 100)))

    def _word_2013_and_later(self) -> None:
        """Compatibility mode 15 (Word 2013 and later: no 互換モード), a line ending in a
        break not stretched (doNotExpandShiftReturn), and nothing of python-docx's template:
        no thumbnail, no "Macintosh Word", properties that are the document's own."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        settings = self.doc.settings.element
        compat = settings.find(qn("w:compat"))
        for setting in compat.findall(qn("w:compatSetting")):
            if setting.get(qn("w:name")) == "compatibilityMode":
                setting.set(qn("w:val"), "15")
        shift = OxmlElement("w:doNotExpandShiftReturn")
        compat.insert(0, shift)
        for tag in ("w:rsids", "w:savePreviewPicture"):
            for el in settings.findall(qn(tag)):
                settings.remove(el)
        package = self.doc.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del package.rels[rel_id]
        for rel_id, rel in list(self.doc.part.rels.items()):
            if rel.reltype.endswith("/customXml") or rel.reltype.endswith("/stylesWithEffects"):
                del self.doc.part.rels[rel_id]
        core = self.doc.core_properties
        core.title = "{{ title }}"
        core.author = "{{ council.name }}"
        core.subject = ""
        core.keywords = ""
        core.category = ""
        core.comments = ""
        core.last_modified_by = ""
        core.revision = 1
        from datetime import datetime

        epoch = datetime(2026, 1, 1, tzinfo=UTC)
        core.created = epoch
        core.modified = epoch
        for part in package.parts:
            if str(part.partname) == "/docProps/app.xml":
                part._blob = _APP_XML

    def p(self, text: str = "", style: str = "Normal") -> Any:
        """A paragraph in ``style`` holding ``text`` (tags and all) in one run."""
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            paragraph.add_run(text)
        return paragraph

    def tag(self, tag: str) -> Any:
        """A paragraph holding only a ``{%p … %}`` tag: docxtpl removes it when rendering."""
        return self.p("{%p " + tag + " %}")

    def table(self, rows: Sequence[tuple[str, Sequence[str]]], first_chars: float) -> Any:
        """A two-column table: a label, and a cell of paragraphs (tags or text)."""
        from docx.shared import Mm

        widths = self.page.columns(first_chars)
        table = self.doc.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        table.autofit = False
        for label, lines in rows:
            cells = table.add_row().cells
            cells[0].text = label
            cells[0].paragraphs[0].paragraph_format.alignment = 0
            first, *more = lines
            cells[1].paragraphs[0].add_run(first)
            cells[1].paragraphs[0].paragraph_format.alignment = 0
            for line in more:
                cells[1].add_paragraph(line).paragraph_format.alignment = 0
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)
        _keep_together(table)
        return table

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>meeting</Application><DocSecurity>0</DocSecurity></Properties>"
)


def build_all() -> dict[str, bytes]:
    """Every default's Word file, by file name."""
    from exports import template_defaults

    return {name: make(None).bytes() for name, make in template_defaults.BUILDERS.items()}


def main(argv: Sequence[str] = ()) -> int:
    FOLDER.mkdir(exist_ok=True)
    for name, data in build_all().items():
        (FOLDER / name).write_bytes(data)
        print(FOLDER / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
