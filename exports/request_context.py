"""The consultation request's (諮問書) template context: every fact the letter prints, as data.

Made from :class:`agendas.notice.ConsultationRequest`, which is made from a
:class:`agendas.model.Consultation`: the appellant of an appeal is in neither, so no template
can print them. The template decides the letter's layout: where the number and the date go,
the title, the wording of the lead, how the items are numbered, 記 and 以上.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from agendas.notice import ConsultationRequest, RequestRecord
from agendas.rules import question_line, question_mark
from agendas.sections import SectionBody, Table
from exports.context import CouncilFacts


@dataclass(frozen=True)
class QuestionFacts:
    """One question of the consultation (①②③)."""

    mark: str
    """①, ②, ③…"""
    kind: str
    """オンライン結合, 目的外利用, 外部提供…"""
    article: str
    """The article it is asked under: 条例第11条第1項."""
    text: str
    """What is asked; "" when only the kind is given."""
    line: str
    """As the app prints it: ①　オンライン結合（条例第11条第1項）　…"""


@dataclass(frozen=True)
class AppealFacts:
    """An appeal's (審査請求) decision appealed. Never the appellant."""

    disposition: str
    """The decision in its own words (…の部分開示決定), else its kind (部分開示)."""
    kind: str
    """不開示, 部分開示, 存否応答拒否…; "" when not given."""
    disposition_on: date | None
    disposition_number: str
    """8ひ道第140号; "" when not given."""
    appealed_on: date | None
    """The day the appeal was made."""


@dataclass(frozen=True)
class Block:
    """A paragraph or a simple table of a free section, as the clerk typed it."""

    text: str = ""
    """The paragraph's text ("" for a table)."""
    header: list[str] = field(default_factory=list)
    """A table's first row; empty for a paragraph."""
    rows: list[list[str]] = field(default_factory=list)
    """A table's further rows, each as wide as the header."""

    @property
    def table(self) -> bool:
        return bool(self.header)


@dataclass(frozen=True)
class SectionFacts:
    """A free section (業務の概要, 提供する個人情報…): its heading and its blocks in order."""

    heading: str
    blocks: list[Block]


@dataclass(frozen=True)
class Attachment:
    mark: str
    """別紙1, 別紙2… (or the mark the clerk wrote)."""
    name: str
    label: str
    """別紙1　防災アプリの画面の構成"""


@dataclass(frozen=True)
class RequestItem:
    """One numbered item in the order the app's 諮問書 prints them (件名, the decision appealed,
    諮問の内容, 諮問機関, 利用機関, the free sections, 添付資料); the template numbers them."""

    label: str
    """件名, 諮問の内容, 諮問機関…, or a section's heading ("" when it has none)."""
    value: str = ""
    """What follows the label on its line: the title, the departments…; "" when the item's
    content is under it."""
    lines: list[str] = field(default_factory=list)
    """Lines under the item that start with their mark (①…, 別紙1…)."""
    blocks: list[Block] = field(default_factory=list)
    """A free section's paragraphs and tables."""


@dataclass(frozen=True)
class RequestContext:
    """What a 諮問書 template is given."""

    title: str
    """The case's title (件名): …について（諮問）."""
    council: CouncilFacts
    number: str
    """The letter's number (8ひ危第57号); "" when not yet given: nothing is printed."""
    date: date | None
    """The filing date; None when not yet known."""
    chair: str
    """The chair in office on that date (森川 聡子); "" when there is no roster."""
    sender: str
    """Who sends it: the consultation's sender, else the mayor (ひばり野市長)."""
    departments: list[str]
    """The issuing (consulting) departments: 危機管理部防災課."""
    consulted_under: str
    """The article under which the council is consulted (…条例第7条); "" when none is set."""
    wording: str
    """How the council's letters ask: 諮問します or 意見を求めます."""
    is_appeal: bool
    appeal: AppealFacts | None
    """The decision appealed, for an appeal (審査請求); None otherwise."""
    questions: list[QuestionFacts]
    consulting: list[str]
    """諮問機関 (for an appeal, the 実施機関)."""
    using: list[str]
    """利用機関; empty when none."""
    sections: list[SectionFacts]
    attachments: list[Attachment]
    generated_at: datetime

    @property
    def addressee(self) -> str:
        """ひばり野市…審議会会長　森川 聡子　様"""
        chair = f"　{self.chair}" if self.chair else ""
        return f"{self.council.name}会長{chair}　様"

    @property
    def lead(self) -> str:
        """「…条例第7条の規定により、次のとおり諮問します。」"""
        basis = f"{self.consulted_under}の規定により、" if self.consulted_under else ""
        return f"{basis}次のとおり{self.wording}。"

    @property
    def items(self) -> list[RequestItem]:
        """The numbered items as the app's 諮問書 lists them."""
        out = [RequestItem("件名", self.title)]
        if self.appeal is not None:
            a = self.appeal
            out.append(RequestItem("審査請求に係る処分", a.disposition))
            when = _date(a.disposition_on)
            when += ("付け" if when and a.disposition_number else "") + a.disposition_number
            if when:
                out.append(RequestItem("処分の日付及び番号", when))
            if a.appealed_on:
                out.append(RequestItem("審査請求のあった日", _date(a.appealed_on)))
        if self.questions:
            out.append(RequestItem("諮問の内容", lines=[q.line for q in self.questions]))
        label = "実施機関" if self.is_appeal else "諮問機関"
        out.append(RequestItem(label, "、".join(self.consulting)))
        if self.using:
            out.append(RequestItem("利用機関", "、".join(self.using)))
        out += [RequestItem(s.heading, blocks=s.blocks) for s in self.sections]
        if self.attachments:
            out.append(RequestItem("添付資料", lines=[a.label for a in self.attachments]))
        return out


def _date(day: date | None) -> str:
    from meeting.dates import format_date

    return format_date(day, weekday=False) if day else ""


def request_context(
    record: RequestRecord, request: ConsultationRequest, *, now: datetime
) -> RequestContext:
    c = request.consultation
    appeal = None
    if c.is_appeal:
        a = c.appeal
        kind = a.disposition.label if a.disposition else ""
        disposition = a.disposition_detail or kind
        appeal = AppealFacts(
            disposition, kind, a.disposition_on, a.disposition_number, a.appealed_on
        )
    return RequestContext(
        title=c.title,
        council=CouncilFacts.of(record.council),
        number=c.number,
        date=c.filed_on,
        chair=request.chair,
        sender=request.sender,
        departments=[d.label for d in c.consulting] if request.departments else [],
        consulted_under=request.consulted_under,
        wording=request.wording.label,
        is_appeal=c.is_appeal,
        appeal=appeal,
        questions=[
            QuestionFacts(question_mark(i), q.kind.label, q.article, q.text, question_line(i, q))
            for i, q in enumerate(c.questions)
        ],
        consulting=[d.label for d in c.consulting],
        using=[d.label for d in c.using],
        sections=[_section(s) for s in request.sections],
        attachments=[
            _attachment(label, name)
            for label, name in zip(request.attachments, c.attachments, strict=True)
        ],
        generated_at=now,
    )


def _section(section: SectionBody) -> SectionFacts:
    blocks = []
    for b in section.blocks:
        if isinstance(b, Table):
            header, *rows = b.rows
            blocks.append(Block(header=list(header), rows=[list(r) for r in rows]))
        else:
            blocks.append(Block(text=b.text))
    return SectionFacts(section.heading, blocks)


def _attachment(label: str, name: str) -> Attachment:
    """別紙1 and the name; a name the clerk marked (別紙A　…) keeps its own mark."""
    name = name.strip()
    if label != name:
        return Attachment(label[: len(label) - len(name)].rstrip("　"), name, label)
    mark, _, rest = re.sub(r"^(\S+)[ 　]+", r"\1\n", label).partition("\n")
    return Attachment(mark, rest, label)
