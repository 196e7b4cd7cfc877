"""The answer (答申書) to a consultation, from the register, the record and the saved texts.

Layout, as a municipal answer (往復文書) is laid out: the answer's number and date flush
right, the addressee left ending 様, the council and its chair right, the title centred, the
sentence citing the consultation's date and number, 記 centred, the numbered sections on the
第1 / 1 / (1) / ア ladder, the members, 以上 flush right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from agendas.consultations import get_consultation
from agendas.model import Consultation, Question
from agendas.rules import question_mark
from exports.docx_format import PageFormat
from exports.ladder import Block, heading, parse_ladder
from exports.openness import public_opinions
from meeting.dates import format_date
from meeting.model import Council, Member, Role
from meeting.roster import in_office
from meeting.store import get_council, list_members
from minutes.answers import AnswerText, answer_text_of, draft_of, final_decision
from minutes.model import Decision
from minutes.opinions import Opinion, opinions
from minutes.roll import deliberated

GAP = "（未記入）"


@dataclass(frozen=True)
class AnswerDocument:
    number: str
    date: str
    addressee: str
    council: str
    chair: str
    title: str
    lead: str
    blocks: list[Block]
    members: list[tuple[str, str, str]]
    """(氏名, 職業等, 備考) of the members who deliberated."""
    notes: list[str] = field(default_factory=list)
    """What is not yet written; the document marks each such place （未記入）."""
    withheld: list[str] = field(default_factory=list)
    """What was left out because it is closed (非公開), for the clerk to know; never a gap."""

    def text_lines(self) -> list[str]:
        out = [self.number, self.date, "", self.addressee, "", self.council, self.chair, ""]
        out += [self.title, "", "　" + self.lead, "", "記", ""]
        out += [b.line for b in self.blocks]
        out += ["　" + "　".join(m for m in row if m) for row in self.members]
        return out + ["", "以上"]


def subject(title: str) -> str:
    """The consultation's title without its （諮問） suffix."""
    for suffix in ("（諮問）", "(諮問)"):
        title = title.removesuffix(suffix)
    return title.strip()


@dataclass(frozen=True)
class AnswerRecord:
    """What the answer is made from, read from the store once."""

    consultation: Consultation
    council: Council
    text: AnswerText
    final: Decision | None
    """The decision that settles the consultation."""
    in_office: list[Member]
    """The roster on the answer's date (else the decision's)."""
    deliberated: list[Member]
    """Who took part in the settling decision."""
    opinions: list[Opinion]
    """The opinions attached to the settling decision."""

    @property
    def page(self) -> PageFormat:
        return PageFormat.of(self.council.page)


def read_answer(db: Database, consultation_id: int) -> AnswerRecord:
    c = get_consultation(db, consultation_id)
    council = get_council(db, c.council_id)
    final = final_decision(db, consultation_id)
    roster = list_members(db, c.council_id)
    on = c.answered_on or (final.decided_at.date() if final else None)
    return AnswerRecord(
        consultation=c,
        council=council,
        text=answer_text_of(db, c, draft_of(c, council, final)),
        final=final,
        in_office=in_office(roster, on) if on else [],
        deliberated=(
            deliberated(db, final.agenda_item_id, final.decided_at, roster=roster) if final else []
        ),
        opinions=opinions(db, final.id) if final else [],
    )


def signatories(record: AnswerRecord) -> tuple[list[Member], Member | None]:
    """Who deliberated (the roster in office when the decision's attendance is not recorded),
    and the chair who signs."""
    members = record.deliberated or record.in_office
    chair = next((m for m in record.in_office or members if m.role is Role.CHAIR), None)
    return members, chair


def gather_answer(db: Database, consultation_id: int) -> AnswerDocument:
    return answer_of(read_answer(db, consultation_id))


def answer_of(record: AnswerRecord) -> AnswerDocument:
    c, council, text, final = record.consultation, record.council, record.text, record.final
    notes: list[str] = []
    if not c.answer_number and not text.number_unknown:
        notes.append(
            "答申番号がありません（諮問の一覧で r。番号を付けないなら答申書の画面で「番号なし」）"
        )
    if c.answered_on is None and not text.date_unknown:
        notes.append(
            "答申日がありません（諮問の一覧で r。まだ決まらないなら答申書の画面で「日付なし」）"
        )
    if final is None:
        notes.append("この諮問の決定が記録されていません")
    if final and not record.deliberated:
        notes.append("決定の時の出欠が記録されていません（在任の委員を載せます）")
    members, chair = signatories(record)
    if chair is None:
        notes.append("会長が名簿にいません")

    name = subject(c.title)
    about = name.removesuffix("について")
    filed = format_date(c.filed_on, weekday=False) if c.filed_on else GAP
    lead = f"{filed}付け{c.number}で諮問のあった{about}について、次のとおり答申します。"

    subject_blocks = _body(name)
    if text.subject_questions and c.questions:
        subject_blocks = [
            heading(1, question_mark(i), _question(q)) for i, q in enumerate(c.questions)
        ]
    sections: list[tuple[str, list[Block]]] = [("審査した情報の件名又は内容", subject_blocks)]
    conclusions = []
    for i in range(len(c.questions)):
        conclusion = text.conclusions[i] if i < len(text.conclusions) else ""
        if not conclusion:
            notes.append(f"答申の内容{question_mark(i)}が空です")
        conclusions.append(heading(1, question_mark(i), conclusion or GAP))
    sections.append(("答申の内容", conclusions or _body(GAP)))
    sections.append(("諮問の概要", _body(text.summary or GAP)))
    reasoning, ladder_notes = parse_ladder(text.reasoning, base=1)
    notes += ladder_notes
    if not reasoning:
        notes.append("審議会の意見が空です")
    sections.append(("審議会の意見", reasoning or _body(GAP)))
    # The answer is a public document: a closed opinion never prints in it.
    kept, left_out = public_opinions(record.opinions)
    remarks = [o.text for o in kept]
    withheld = [f"非公開の付帯意見{left_out}件は答申書に載せていません"] if left_out else []
    extra, extra_notes = parse_ladder(text.remarks, base=1)
    notes += extra_notes
    if remarks or extra:
        attached = (
            [heading(1, str(n), r) for n, r in enumerate(remarks, start=1)]
            if len(remarks) > 1
            else _body(remarks[0])
            if remarks
            else []
        )
        sections.append(("付言事項", attached + extra))
    sections.append(("審議した委員", []))

    blocks: list[Block] = []
    for n, (title, body) in enumerate(sections, start=1):
        blocks.append(heading(0, f"第{n}", title))
        blocks += body
    rows = [
        (m.name, m.affiliation, m.role.label if m.role is not Role.MEMBER else "") for m in members
    ]
    return AnswerDocument(
        number=c.answer_number or ("" if text.number_unknown else GAP),
        date=(
            format_date(c.answered_on, weekday=False)
            if c.answered_on
            else ("" if text.date_unknown else GAP)
        ),
        addressee=text.addressee,
        council=council.name,
        chair=f"会長　{chair.name.replace(' ', '　')}" if chair else "会長",
        title=f"{name}（答申）",
        lead=lead,
        blocks=blocks,
        members=rows,
        notes=notes,
        withheld=withheld,
    )


def _question(q: Question) -> str:
    """One question as section 1 lists it: what is asked, then its kind and article."""
    article = f"{q.kind.label}　{q.article}" if q.article else q.kind.label
    return f"{q.text}（{article}）" if q.text else f"{q.kind.label}（{q.article}）"


def _body(text: str) -> list[Block]:
    return [Block(line.strip(), 0, False) for line in text.splitlines() if line.strip()]
