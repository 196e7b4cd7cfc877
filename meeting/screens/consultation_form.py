"""Register or edit a consultation (諮問) or an appeal (審査請求), and extend an answer's deadline.

One scrolling form: the register's facts and questions (①②③), then the 諮問書's sender, body
and attachments, then — for an appeal only — the decision appealed, the deadline, the answer's
conclusion and the appellant (personal data: kept, shown here, never printed).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from agendas.consultations import add_consultation, extend, get_appellant, update_consultation
from agendas.model import (
    Appeal,
    Appellant,
    CaseKind,
    Conclusion,
    Consultation,
    ConsultationDraft,
    ConsultationKind,
    Disposition,
    Extension,
    Question,
)
from agendas.rules import departments_text, parse_departments, parse_materials, question_mark
from agendas.sections import parse_sections, sections_text
from meeting.dates import format_date, parse_date
from meeting.errors import InputError
from meeting.forms import optional_date
from meeting.model import Council
from meeting.screens.base import FormScreen, choice_field, field, text_field
from meeting.widgets.safe import line

NONE = "none"
"""A Select's value for "not chosen" (処分 or 結論 not yet known)."""
SECTIONS_HINT = (
    "【見出し】の行で節を始めます。表は「項目｜内容」のように ｜ で区切った行を続けます"
    "（1行目が見出しの行）"
)


def _day(d: date | None) -> str:
    return format_date(d, weekday=False) if d else ""


class ConsultationForm(FormScreen[Consultation | None]):
    """Register or edit a consultation, with any number of questions (①②③)."""

    DIALOG = "wide consultation-form"

    BINDINGS = [
        *FormScreen.BINDINGS,
        Binding("ctrl+n", "add_question", "諮問事項を追加", id="consultation.add-question"),
    ]
    FIELDS = {
        "諮問番号": "number",
        "件名": "title",
        "諮問日": "filed_on",
        "諮問機関": "consulting",
        "利用機関": "using",
        "諮問事項": "article-1",
        "処分": "disposition",
        "処分日": "disposition_on",
        "審査請求日": "appealed_on",
        "答申期限": "answer_due",
        "答申の内容": "conclusion_text",
    }

    def __init__(self, council: Council, consultation: Consultation | None = None) -> None:
        super().__init__()
        self.council = council
        self.consultation = consultation
        self.rows = 0

    def heading(self) -> str:
        c = self.consultation
        return f"諮問を編集 — {c.number or c.title}" if c else "諮問を登録"

    def fields(self) -> ComposeResult:
        c = self.consultation
        a = c.appeal if c else Appeal()
        appellant = (get_appellant(self.db, c.id) if c else None) or Appellant()
        yield choice_field(
            "種別",
            [(k.label, k) for k in CaseKind],
            c.kind if c else CaseKind.CONSULTATION,
            "kind",
        )
        yield text_field("諮問番号（未定なら空）", c.number if c else "", "number", "3こサ第806号")
        yield text_field("諮問日", _day(c.filed_on) if c else "", "filed_on", "令和8年10月1日")
        yield text_field("件名", c.title if c else "", "title", "…について（諮問）")
        yield text_field(
            "諮問機関（部署）",
            departments_text(c.consulting) if c else "",
            "consulting",
            "総務部／総務課、健康部／保健所／健康づくり課",
        )
        yield text_field(
            "利用機関（部署）",
            departments_text(c.using) if c else "",
            "using",
            "他課が利用する場合",
        )
        yield text_field(
            "資料", "、".join(c.materials) if c else "", "materials", "資料1 諮問書、資料2 概要"
        )
        yield Label("諮問事項（種別・根拠条文・内容）  例: 外部提供 / 条例第10条第1項第2号")
        yield Vertical(id="questions")
        yield Button("＋ 諮問事項を追加 (ctrl+n)", id="add-question")

        yield Label("諮問書", classes="form-group")
        yield text_field(
            "差出人", c.sender if c else "", "sender", f"{self.council.municipality}長　氏名"
        )
        yield text_field(
            "この案件の根拠条文",
            c.consulted_under if c else "",
            "consulted_under",
            self.council.consulted_under or "空なら審議会の設定",
        )
        yield Static(SECTIONS_HINT, classes="hint")
        yield TextArea(sections_text(c.sections) if c else "", id="sections", classes="sections")
        yield text_field(
            "別紙（、で区切る）",
            "、".join(c.attachments) if c else "",
            "attachments",
            "業務の流れ、契約書（案）",
        )

        with Vertical(id="appeal-fields"):
            yield Label("審査請求", classes="form-group")
            yield choice_field(
                "処分",
                [("（選ぶ）", NONE)] + [(d.label, d) for d in Disposition],
                a.disposition or NONE,
                "disposition",
            )
            yield text_field(
                "処分の内容", a.disposition_detail, "disposition_detail", "…の部分開示決定"
            )
            yield text_field("処分日", _day(a.disposition_on), "disposition_on", "令和8年8月1日")
            yield text_field(
                "処分の番号", a.disposition_number, "disposition_number", "8ひ総第12号"
            )
            yield text_field("審査請求日", _day(a.appealed_on), "appealed_on")
            yield text_field("答申期限（当初）", _day(c.answer_due) if c else "", "answer_due")
            if c and c.extensions:
                yield Static(
                    line(
                        "延長: "
                        + "、".join(
                            f"{_day(e.extended_to)}まで（{e.reason}）" for e in c.extensions
                        )
                        + "　— 延長は一覧で l"
                    ),
                    classes="hint",
                )
            yield choice_field(
                "答申の結論",
                [("（未定）", NONE)] + [(k.label, k) for k in Conclusion],
                (c.conclusion if c else None) or NONE,
                "conclusion",
            )
            yield text_field(
                "答申の内容",
                c.conclusion_text if c else "",
                "conclusion_text",
                "実施機関が行った決定は妥当である",
            )
            yield Static(
                "審査請求人は個人情報です。保存し、この画面に表示しますが、文書には載りません。",
                classes="hint",
            )
            yield text_field("審査請求人の氏名", appellant.name, "appellant_name")
            yield text_field("審査請求人の住所", appellant.address, "appellant_address")
            yield text_field("審査請求人の連絡先", appellant.contact, "appellant_contact")

    def on_mount(self) -> None:
        questions = self.consultation.questions if self.consultation else ()
        for q in questions or (Question(ConsultationKind.OUT_OF_PURPOSE, ""),):
            self.add_row(q)
        self.show_appeal()

    def show_appeal(self) -> None:
        self.query_one("#appeal-fields").display = self.choice("kind") is CaseKind.APPEAL

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind":
            self.show_appeal()

    def add_row(self, q: Question) -> None:
        self.rows += 1
        n = self.rows
        self.query_one("#questions", Vertical).mount(
            Horizontal(
                Label(question_mark(n - 1), classes="sitting-label"),
                Select(
                    [(k.label, k) for k in ConsultationKind],
                    value=q.kind,
                    allow_blank=False,
                    id=f"kind-{n}",
                    compact=True,
                    classes="kind",
                ),
                Input(
                    q.article, id=f"article-{n}", placeholder="条例第9条第3項第4号", compact=True
                ),
                Input(
                    q.text,
                    id=f"text-{n}",
                    placeholder="内容（任意）",
                    compact=True,
                    classes="place",
                ),
                classes="sitting",
            )
        )

    def action_add_question(self) -> None:
        self.add_row(Question(ConsultationKind.OUT_OF_PURPOSE, ""))
        target = f"#article-{self.rows}"
        self.call_after_refresh(lambda: self.query_one(target, Input).focus())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-question":
            event.stop()
            self.action_add_question()
        # Save and Cancel: FormScreen's handler, which Textual calls after this one (calling it
        # here too saved twice)

    def picked(self, widget_id: str) -> object | None:
        value = self.choice(widget_id)
        return None if value == NONE else value

    def save(self) -> Consultation:
        questions = tuple(
            Question(self.choice(f"kind-{n}"), self.value(f"article-{n}"), self.value(f"text-{n}"))
            for n in range(1, self.rows + 1)
            if self.value(f"article-{n}").strip() or self.value(f"text-{n}").strip()
        )
        kind = self.choice("kind")
        draft = ConsultationDraft(
            number=self.value("number"),
            title=self.value("title"),
            filed_on=optional_date(self.value("filed_on"), "諮問日"),
            consulting=parse_departments(self.value("consulting"), field="諮問機関"),
            using=parse_departments(self.value("using"), field="利用機関"),
            questions=questions,
            materials=parse_materials(self.value("materials")),
            kind=kind,
            sender=self.value("sender"),
            consulted_under=self.value("consulted_under"),
            sections=parse_sections(self.query_one("#sections", TextArea).text),
            attachments=parse_materials(self.value("attachments")),
        )
        if kind is CaseKind.APPEAL:  # the appeal's fields, hidden (and ignored) otherwise
            disposition = self.picked("disposition")
            conclusion = self.picked("conclusion")
            draft = replace(
                draft,
                appeal=Appeal(
                    disposition=disposition if isinstance(disposition, Disposition) else None,
                    disposition_detail=self.value("disposition_detail"),
                    disposition_on=optional_date(self.value("disposition_on"), "処分日"),
                    disposition_number=self.value("disposition_number"),
                    appealed_on=optional_date(self.value("appealed_on"), "審査請求日"),
                ),
                answer_due=optional_date(self.value("answer_due"), "答申期限"),
                conclusion=conclusion if isinstance(conclusion, Conclusion) else None,
                conclusion_text=self.value("conclusion_text"),
                appellant=Appellant(
                    self.value("appellant_name"),
                    self.value("appellant_address"),
                    self.value("appellant_contact"),
                ),
            )
        if self.consultation is None:
            return add_consultation(self.db, self.council.id, draft, now=self.now())
        return update_consultation(self.db, self.consultation.id, draft)


class ExtensionForm(FormScreen[Consultation | None]):
    """The answer's deadline extended (延長): to when, decided when, and why."""

    FIELDS = {"延長後の期限": "extended_to", "延長の決定日": "decided_on", "延長の理由": "reason"}

    def __init__(self, consultation: Consultation, today: date) -> None:
        super().__init__()
        self.consultation = consultation
        self.today = today

    def heading(self) -> str:
        c = self.consultation
        return f"答申期限の延長 — {c.number or c.title}"

    def fields(self) -> ComposeResult:
        c = self.consultation
        yield Static(f"今の期限: {_day(c.due) or '未設定'}", classes="hint")
        yield text_field("延長後の期限", "", "extended_to", "令和9年3月31日")
        yield text_field("延長の決定日", _day(self.today), "decided_on")
        yield field("延長の理由", Input(id="reason", placeholder="…のため", compact=True))

    def save(self) -> Consultation:
        to = self.value("extended_to")
        if not to.strip():
            raise InputError("延長後の期限", "延長後の期限を入れてください")
        extension = Extension(
            parse_date(to, field="延長後の期限"),
            self.value("reason"),
            optional_date(self.value("decided_on"), "延長の決定日"),
        )
        return extend(self.db, self.consultation.id, extension)
