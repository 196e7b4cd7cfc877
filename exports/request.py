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
from typing import TYPE_CHECKING, Literal

from agendas.notice import ConsultationRequest
from agendas.rules import question_line
from agendas.sections import Paragraph, Table
from meeting.dates import format_date

if TYPE_CHECKING:
    pass

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
