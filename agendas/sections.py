"""The 諮問書's free sections as the clerk types them, read into paragraphs and simple tables.

The clerk types every section in one plain text area: a line 【業務の概要】 starts a section;
within it each line is a paragraph, and consecutive lines holding a cell separator (``｜``,
``|`` or a tab) make a table, one row a line, its first row the header (「項目｜内容」). A
separator at the start or the end of a row is only its edge. The documents print a table as a
Word table and as a Markdown table; the cells stay text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agendas.model import Section

SEPARATORS = "｜|\t"
_SPLIT = re.compile(r"[｜|\t]")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    """Every row as wide as the widest, the first the header."""


Block = Paragraph | Table


@dataclass(frozen=True)
class SectionBody:
    """A section as the documents print it: its heading and its blocks in order."""

    heading: str
    blocks: tuple[Block, ...]


def is_row(line: str) -> bool:
    return any(s in line for s in SEPARATORS)


def cells(line: str) -> tuple[str, ...]:
    """A row's cells, trimmed; a separator at either edge is the row's edge, not a cell."""
    parts = [p.strip(" \u3000") for p in _SPLIT.split(line.strip(" \u3000"))]
    if len(parts) > 1 and not parts[0]:
        parts = parts[1:]
    if len(parts) > 1 and not parts[-1]:
        parts = parts[:-1]
    return tuple(parts)


def blocks(text: str) -> tuple[Block, ...]:
    """Paragraphs and tables, in order; blank lines only separate."""
    out: list[Block] = []
    rows: list[tuple[str, ...]] = []

    def flush() -> None:
        if rows:
            width = max(len(r) for r in rows)
            out.append(Table(tuple(r + ("",) * (width - len(r)) for r in rows)))
            rows.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if is_row(line):
            rows.append(cells(line))
            continue
        flush()
        if line.strip():
            out.append(Paragraph(line.rstrip()))
    flush()
    return tuple(out)


_HEADING = re.compile(r"^[ \u3000]*【([^】]*)】[ \u3000]*$")


def parse_sections(text: str) -> tuple[Section, ...]:
    """The sections as the clerk types them in one text area: a line 【見出し】 starts a
    section, the lines after it are its text (text before the first heading has none)."""
    sections: list[Section] = []
    heading: str | None = None
    lines: list[str] = []

    def flush() -> None:
        body = "\n".join(lines).strip("\n")
        if heading is not None or body.strip():
            sections.append(Section((heading or "").strip(), body))

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        m = _HEADING.match(line)
        if m:
            flush()
            heading, lines = m.group(1), []
        else:
            lines.append(line.rstrip())
    flush()
    return tuple(sections)


def sections_text(sections: tuple[Section, ...]) -> str:
    """The sections back as the clerk typed them (``parse_sections`` reads it again)."""
    out: list[str] = []
    for s in sections:
        head = f"【{s.heading}】\n" if s.heading or out or s.text.strip() == "" else ""
        out.append(head + s.text)
    return "\n".join(out)


def section_body(section: Section) -> SectionBody:
    return SectionBody(section.heading.strip(), blocks(section.text))


def attachment_label(index: int, name: str) -> str:
    """別紙1, 別紙2… before the name, unless the clerk wrote a 別紙 mark already."""
    name = name.strip()
    return name if name.startswith("別紙") else f"別紙{index + 1}　{name}"
