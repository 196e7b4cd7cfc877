"""The answer's (答申書) template context: every fact the answer prints, as data.

Made from the record (:class:`exports.answer.AnswerRecord`) and the clerk's saved texts. The
answer is a public document: a closed opinion never reaches this context (only the count of
those left out, in :attr:`AnswerContext.withheld`). The template decides the title, the
citation, the sections and their order, 記 and 以上, and how the questions are numbered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from exports.answer import GAP, AnswerDocument, AnswerRecord, signatories, subject
from exports.context import CouncilFacts, Person
from exports.ladder import Block, parse_ladder
from exports.openness import public_opinions
from exports.template_sets import TemplateSet
from exports.templating import circled
from meeting.model import Role


@dataclass(frozen=True)
class LadderBlock:
    """One paragraph of a text the clerk wrote on the ladder (1 / (1) / ア, 「・」)."""

    kind: str
    """heading (1　…), item (a 「・」 bullet, or （１）… under one) or paragraph."""
    level: int
    """1 for the first level under a 第N section, 2 under that…; a paragraph has the level of
    the heading (or item) above it, 0 when there is none."""
    mark: str
    """1, (1), ア, ・, （１）… as the clerk typed it; "" for a paragraph."""
    text: str

    @property
    def line(self) -> str:
        """As the app prints it in plain text: indented with 全角 spaces, mark, 全角 space."""
        if self.kind == "paragraph":
            return "　" * (self.level + 1) + self.text
        return "　" * self.level + f"{self.mark}　{self.text}"

    @classmethod
    def of(cls, block: Block) -> LadderBlock:
        if not block.heading:
            return cls("paragraph", max(block.level, 0), "", block.text)
        return cls("item" if block.listed else "heading", block.level, block.mark, block.text)


@dataclass(frozen=True)
class AnswerQuestion:
    """One question of the consultation (the template numbers them ①②③, or not for one)."""

    kind: str
    """目的外利用, 外部提供, オンライン結合, 本人通知の省略…"""
    article: str
    """ひばり野市個人情報保護条例第9条第1項第5号"""
    text: str
    """What is asked, when the register holds it; often ""."""


@dataclass(frozen=True)
class ConsultationFacts:
    number: str
    """諮問番号: 8ひ図第112号."""
    filed_on: date | None
    """諮問日; None when the register has none (the citation then shows （未記入）)."""
    title: str
    """The consultation's title as registered: …について（諮問）."""

    @property
    def filed_text(self) -> str:
        """令和8年9月24日, or （未記入）."""
        from meeting.dates import format_date

        return format_date(self.filed_on, weekday=False) if self.filed_on else GAP


@dataclass(frozen=True)
class OpinionFacts:
    """An opinion attached to the decision that settled the consultation (public ones only)."""

    kind: str
    """付帯意見, 付言事項, 留意事項 or 要望."""
    text: str


@dataclass(frozen=True)
class MemberRow:
    """A member who deliberated, as the members' list prints them."""

    name: str
    affiliation: str
    """職業等: ひばり野大学法学部教授."""
    role: str
    """会長 or 副会長; "" for a member."""


@dataclass(frozen=True)
class AnswerContext:
    """What a 答申書 template is given."""

    number: str
    """The answer's number as registered (答申第5号); "" when the clerk said it has none,
    （未記入） when it is missing."""
    date: date | None
    """The answer's date; None when not known."""
    date_text: str
    """令和8年10月28日; "" when the clerk said it is not known yet, （未記入） when missing."""
    addressee: str
    """ひばり野市長　高野　誠一　様 (様 included), as the clerk wrote it."""
    council: CouncilFacts
    chair: Person | None
    """The chair who signs; None when the roster has none."""
    title: str
    """The app's title: the consultation's subject with （答申）."""
    subject: str
    """The consultation's title without （諮問）: …の外部提供について."""
    consultation: ConsultationFacts
    questions: list[AnswerQuestion]
    conclusions: list[str]
    """審査会の結論 / 答申の内容, one per question in the same order (（未記入） for one not
    written)."""
    summary: list[LadderBlock]
    """諮問の概要."""
    basis: list[LadderBlock]
    """諮問する根拠; empty when not written."""
    claims: list[LadderBlock]
    """実施機関の主張要旨; empty when not written."""
    reasoning: list[LadderBlock]
    """The council's reasoning (審査会の判断, 審議会の意見); empty when not written."""
    remarks: list[LadderBlock]
    """付言事項 / 留意事項 the council adds beyond the opinions attached to its decision."""
    opinions: list[OpinionFacts]
    """The public opinions attached to the settling decision."""
    members: list[MemberRow]
    """Who deliberated (present at the settling decision, not recused)."""
    subject_questions: bool
    """The clerk asked for the questions (with their articles) where the subject would print."""
    withheld: list[str]
    """What the answer leaves out because it is closed, for the clerk; never printed."""
    generated_at: datetime
    gap: str = GAP
    """The mark of a place not yet written: （未記入）."""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def about(self) -> str:
        """The subject without its closing について: what 「…に係る答申書」 is about."""
        return self.subject.removesuffix("について")

    @property
    def many_questions(self) -> bool:
        """More than one question: conclusions and questions are numbered ①②③."""
        return len(self.questions) > 1

    @property
    def articles(self) -> str:
        """The questions' articles joined with 及び, the law named once:
        ○○条例第9条第1項第5号及び第9条の2第2項."""
        return cite_articles([q.article for q in self.questions])

    @property
    def attached(self) -> list[LadderBlock]:
        """What 付言事項 / 留意事項 prints: each line of each opinion a paragraph, then the
        remarks."""
        said = [line.strip() for o in self.opinions for line in o.text.splitlines()]
        return [LadderBlock("paragraph", 0, "", t) for t in said if t] + self.remarks

    @property
    def overview(self) -> list[LadderBlock]:
        """諮問の概要 as the clerk chose to print it: with 「諮問の問いを並べる」 set on the
        answer screen, the questions first (① 外部提供（条例第10条…）…), then the summary."""
        if not self.subject_questions:
            return self.summary
        asked = [
            LadderBlock(
                "item",
                1,
                circled(n) if self.many_questions else "・",
                f"{q.kind}（{q.article}）" + (f"　{q.text}" if q.text else ""),
            )
            for n, q in enumerate(self.questions, start=1)
        ]
        return asked + self.summary

    @property
    def has_remarks(self) -> bool:
        """Whether there is anything for 付言事項 / 留意事項: an opinion or the clerk's text."""
        return bool(self.opinions or self.remarks)


def cite_articles(articles: list[str]) -> str:
    """Articles as one citation: the law's name (what precedes the first 第) is written once
    for a run of articles of the same law; the same article is cited once."""
    out: list[str] = []
    law = None
    for article in dict.fromkeys(a.strip() for a in articles if a.strip()):
        name = article[: article.find("第")] if "第" in article else article
        out.append(article[len(name) :] if name and name == law else article)
        law = name
    return "及び".join(out)


def _blocks(text: str) -> list[LadderBlock]:
    blocks, _ = parse_ladder(text, base=1)
    return [LadderBlock.of(b) for b in blocks]


def answer_context(record: AnswerRecord, answer: AnswerDocument, *, now: datetime) -> AnswerContext:
    """The context of ``answer`` (the app's reading of the record, gaps marked) for a template."""
    c, text = record.consultation, record.text
    members, chair = signatories(record)
    kept, _ = public_opinions(record.opinions)  # the answer is public: never a closed opinion
    conclusions = [
        (text.conclusions[i] if i < len(text.conclusions) else "") or GAP
        for i in range(len(c.questions))
    ]
    return AnswerContext(
        number=answer.number,
        date=c.answered_on,
        date_text=answer.date,
        addressee=text.addressee,
        council=CouncilFacts.of(record.council),
        chair=Person.of(chair) if chair else None,
        title=answer.title,
        subject=subject(c.title),
        consultation=ConsultationFacts(c.number, c.filed_on, c.title),
        questions=[AnswerQuestion(q.kind.label, q.article, q.text) for q in c.questions],
        conclusions=conclusions,
        summary=_blocks(text.summary),
        basis=_blocks(text.basis),
        claims=_blocks(text.claims),
        reasoning=_blocks(text.reasoning),
        remarks=_blocks(text.remarks),
        opinions=[OpinionFacts(o.kind.value, o.text) for o in kept],
        members=[
            MemberRow(m.name, m.affiliation, m.role.label if m.role is not Role.MEMBER else "")
            for m in members
        ],
        subject_questions=text.subject_questions,
        withheld=list(answer.withheld),
        generated_at=now,
    )


_SECTIONS = {"basis": "諮問する根拠", "claims": "実施機関の主張要旨"}
"""Texts only some templates print: a gap only where the council's template prints it."""


def template_gaps(template: TemplateSet, context: AnswerContext) -> list[str]:
    """The sections the template prints that the clerk has not written yet."""
    from jinja2 import meta

    from exports.templating import environment

    env = environment(markdown=True)
    used = meta.find_undeclared_variables(env.parse(template.markdown))
    return [
        f"{label}が空です（答申書の画面で書きます）"
        for name, label in _SECTIONS.items()
        if name in used and not getattr(context, name)
    ]
