"""The consultation request (諮問書), laid out as the municipal 往復文書 form lays it out: number
and date flush right, addressee left with 様, sender right with the issuing departments, the
title centred, one sentence citing the article under which the council is consulted, 記, the
numbered items (the question, or the decision appealed), the free sections with their tables,
the attachments (別紙), and 以上 flush right.

The letter is first a list of :class:`Part`; the preview, the .docx and the .md each lay the
same parts out, so no writer can print what another leaves out. The files the clerk exports
are rendered from the council's template (:mod:`exports.request_context`, whose first default
prints what these writers print); the preview on the screen is this layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from agendas.notice import ConsultationRequest
from agendas.rules import question_line
from agendas.sections import Paragraph, Table
from exports.docx_format import PageFormat, new_document, paragraph
from meeting.dates import format_date

if TYPE_CHECKING:
    from docx.document import Document as DocumentType

Role = Literal[
    "right",  # number and date, flush right
    "addressee",
    "sender",
    "title",  # 諮問書
    "subject",  # the consultation's title under it
    "lead",
    "ki",  # 記
    "item",  # 1　件名　…
    "sub",  # ①… and the lines under an item
    "table",
    "end",  # 以上
]


@dataclass(frozen=True)
class Part:
    role: Role
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    """A table's rows, the first its header (``role == "table"``)."""


def request_parts(request: ConsultationRequest) -> list[Part]:
    c = request.consultation
    addressee = (
        f"{request.council}会長　{request.chair}　様"
        if request.chair
        else f"{request.council}会長　様"
    )
    parts = []
    if c.number:  # one not yet numbered prints nothing in its place
        parts.append(Part("right", c.number))
    if c.filed_on:
        parts.append(Part("right", format_date(c.filed_on, weekday=False)))
    parts.append(Part("addressee", addressee))
    if request.sender:
        parts.append(Part("sender", request.sender))
    if request.departments:
        parts.append(Part("sender", f"（{request.departments}）"))
    parts += [
        Part("title", "諮問書"),
        Part("subject", c.title),
        Part("lead", request.lead),
        Part("ki", "記"),
    ]
    items: list[tuple[str, list[Part]]] = [("件名　" + c.title, [])]
    if c.is_appeal:
        a = c.appeal
        # The decision in its own words (…の部分開示決定), else its kind.
        disposition = a.disposition_detail or (a.disposition.label if a.disposition else "")
        items.append(("審査請求に係る処分　" + disposition, []))
        when = (format_date(a.disposition_on, weekday=False) if a.disposition_on else "") + (
            "付け" if a.disposition_on and a.disposition_number else ""
        )
        when += a.disposition_number
        if when:
            items.append(("処分の日付及び番号　" + when, []))
        if a.appealed_on:
            items.append(("審査請求のあった日　" + format_date(a.appealed_on, weekday=False), []))
    if c.questions:
        items.append(
            (
                "諮問の内容",
                [Part("sub", question_line(i, q)) for i, q in enumerate(c.questions)],
            )
        )
    label = "実施機関" if c.is_appeal else "諮問機関"
    items.append((f"{label}　" + "、".join(d.label for d in c.consulting), []))
    if c.using:
        items.append(("利用機関　" + "、".join(d.label for d in c.using), []))
    for section in request.sections:
        body = [
            Part("table", rows=b.rows) if isinstance(b, Table) else Part("sub", b.text)
            for b in section.blocks
            if isinstance(b, (Paragraph, Table))
        ]
        items.append((section.heading, body))
    if request.attachments:
        items.append(("添付資料", [Part("sub", a) for a in request.attachments]))
    for n, (head, under) in enumerate(items, start=1):
        parts.append(Part("item", f"{n}　{head}" if head else str(n)))
        parts += under
    parts.append(Part("end", "以上"))
    return parts


def request_lines(request: ConsultationRequest) -> list[str]:
    """The letter as lines of text, for the preview: a table row's cells between ｜."""
    out = []
    for part in request_parts(request):
        if part.role == "table":
            out += ["　" + "｜".join(row) for row in part.rows]
        elif part.role == "sub":
            out.append("　" + part.text)
        else:
            out.append(part.text)
    return out


def request_markdown(request: ConsultationRequest) -> str:
    """The letter as Markdown: 諮問書 as its heading, every line its own paragraph (no line
    relies on a hard break), a section's table as a table; every stored text escaped."""
    from exports.markdown import md_cell, md_inline, md_line

    out = ["## 諮問書"]
    for part in request_parts(request):
        if part.role == "title":
            continue
        if part.role == "table":
            width = len(part.rows[0])
            table = ["| " + " | ".join(md_cell(c) or " " for c in row) + " |" for row in part.rows]
            table.insert(1, "|" + " --- |" * width)
            out.append("\n".join(table))
        elif part.role == "subject":
            out.append(f"### {md_inline(part.text)}")
        else:
            out.append(md_line(part.text))
    return "\n\n".join(out) + "\n"


def request_docx(
    request: ConsultationRequest, path: Path, *, page: PageFormat | None = None
) -> Path:
    from exports.writers import save

    page = page or PageFormat()
    doc = new_document(page)
    previous: Role | None = None
    for part in request_parts(request):
        role = part.role
        if role in ("addressee", "title", "lead") or (role == "sender" and previous != "sender"):
            paragraph(doc, page=page)  # a blank line before each block
        if role == "right":
            paragraph(doc, part.text, align="right", page=page)
        elif role == "addressee":
            paragraph(doc, part.text, first=1, page=page)
        elif role == "sender":
            paragraph(doc, part.text, align="right", page=page)
        elif role == "title":
            paragraph(doc, part.text, align="center", size_pt=14, bold=True, page=page)
        elif role == "subject":
            paragraph(doc, part.text, align="center", page=page)
        elif role == "lead":
            paragraph(doc, part.text, first=1, page=page)
        elif role == "ki":
            paragraph(doc, part.text, align="center", page=page)
        elif role == "item":
            paragraph(doc, part.text, hanging=1, page=page)
        elif role == "sub":
            paragraph(doc, part.text, left=1, hanging=1 if _marked(part.text) else 0, page=page)
        elif role == "table":
            _table(doc, part.rows, page)
        else:
            paragraph(doc, part.text, align="right", page=page)
        previous = role
    return save(path, doc.save)


def _marked(text: str) -> bool:
    """A line that starts with its mark (①, 別紙1) hangs under it."""
    return text[:1] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" or text.startswith("別紙")


def _table(doc: DocumentType, rows: tuple[tuple[str, ...], ...], page: PageFormat) -> None:
    """A section's table, indented as its text is, the header row bold."""
    from exports.docx_table import word_table

    word_table(doc, rows, page, indent_chars=1, header=True)
