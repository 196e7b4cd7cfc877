"""Write the answer (答申書) to a consultation: the council's words, saved with the answer.

The record supplies the rest (the consultation, the decision, the opinions attached to it,
the members); the preview shows the document as it will be written.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Header, Input, Label, Static, TextArea

from agendas.model import Consultation
from agendas.rules import CLOSED_MARK, question_mark
from exports.documents import check_target
from exports.registry import Prepared, prepare
from meeting.errors import ConversionError, InputError
from meeting.screens.base import DocumentScreen, text_field
from meeting.screens.dialogs import ConfirmDialog, HelpScreen, SavePathDialog
from meeting.store import get_council
from meeting.widgets.folded import FoldedText
from meeting.widgets.footer import Footer
from meeting.widgets.safe import line, plain, tell
from minutes.answers import AnswerText, answer_text, attached_opinions, save_answer_text

HINT = "見出しの行は番号と全角スペースで始めます: 1　…／(1)　…／ア　…。箇条は・で始めます"


class AnswerScreen(DocumentScreen):
    BINDINGS = [
        Binding("f1", "help", "ヘルプ", id="answer.help"),
        Binding("escape", "back", "戻る", id="answer.back"),
        Binding("ctrl+s", "save", "保存", id="answer.save", priority=True),
        Binding("ctrl+w", "write", "答申書を書き出す", id="answer.write", priority=True),
        Binding("f5", "preview", "見本を更新", id="answer.preview"),  # ctrl+p is the palette
    ]

    def __init__(self, consultation: Consultation) -> None:
        super().__init__()
        self.consultation = consultation
        self.saved: AnswerText | None = None
        self.prepared: Prepared | None = None
        """The document as the preview shows it, made from the saved texts."""

    def compose(self) -> ComposeResult:
        c = self.consultation
        text = answer_text(self.db, c.id)
        self.saved = text
        kind = get_council(self.db, c.council_id).kind.value
        yield Header()
        with Horizontal(id="answer"):
            with Vertical(id="answer-side"):
                with VerticalScroll(id="answer-form"):
                    yield Label(line(f"答申書 — {c.number} {c.title}"), classes="title")
                    yield text_field("あて先", text.addressee, "addressee", "○○市長　○○　○○　様")
                    yield Checkbox(
                        "答申番号なし（番号を印字しない）",
                        text.number_unknown,
                        id="number-unknown",
                        compact=True,
                    )
                    yield Checkbox(
                        "日付なし（まだ決まらない。日付を印字しない）",
                        text.date_unknown,
                        id="date-unknown",
                        compact=True,
                    )
                    yield Label("審査した情報の件名又は内容", classes="part")
                    yield Checkbox(
                        "諮問の概要に問い（①②③と根拠条文）も並べる",
                        text.subject_questions,
                        id="subject-questions",
                        compact=True,
                    )
                    for i, q in enumerate(c.questions):
                        yield Label(
                            line(f"結論{question_mark(i)} {q.kind.label}（{q.article}）"),
                            classes="part",
                        )
                        yield Input(text.conclusions[i], id=f"conclusion-{i}", compact=True)
                    yield Label("諮問の概要", classes="part")
                    yield TextArea(text.summary, id="summary", classes="answer-text")
                    yield Label("諮問する根拠", classes="part")
                    yield Static(HINT, classes="hint")
                    yield TextArea(text.basis, id="basis", classes="answer-text")
                    yield Label("実施機関の主張要旨（説明）", classes="part")
                    yield TextArea(text.claims, id="claims", classes="answer-text")
                    yield Label(f"{kind}の判断（意見）", classes="part")
                    yield TextArea(text.reasoning, id="reasoning", classes="answer-text")
                    yield Label("付言事項・留意事項", classes="part")
                    attached = attached_opinions(self.db, c.id)
                    yield Static(
                        plain(
                            "決定に付けた意見: "
                            + "／".join(
                                o.text
                                if o.public
                                else f"{CLOSED_MARK}{o.text}（答申書には載せません）"
                                for o in attached
                            )
                        )
                        if attached
                        else "決定に付けた意見はありません",
                        classes="hint",
                        markup=False,
                    )
                    yield TextArea(text.remarks, id="remarks", classes="answer-text")
                with Vertical(id="answer-foot"):  # in sight however long the texts
                    yield Static("", id="error", classes="error")
                    with Horizontal(classes="buttons"):
                        yield Button("保存 (ctrl+s)", id="save", variant="primary")
                        yield Button("書き出す (ctrl+w)", id="write")
                        yield Button("戻る (esc)", id="back")
            with VerticalScroll(id="answer-preview"):
                yield FoldedText(id="answer-preview-text")
        yield Footer()

    def on_mount(self) -> None:
        self.action_preview()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"save": self.action_save, "write": self.action_write, "back": self.action_back}
        if action := actions.get(event.button.id or ""):
            event.stop()
            action()

    def current(self) -> AnswerText:
        return AnswerText(
            addressee=self.query_one("#addressee", Input).value,
            conclusions=tuple(
                self.query_one(f"#conclusion-{i}", Input).value
                for i in range(len(self.consultation.questions))
            ),
            summary=self.query_one("#summary", TextArea).text,
            basis=self.query_one("#basis", TextArea).text,
            claims=self.query_one("#claims", TextArea).text,
            reasoning=self.query_one("#reasoning", TextArea).text,
            remarks=self.query_one("#remarks", TextArea).text,
            subject_questions=self.query_one("#subject-questions", Checkbox).value,
            number_unknown=self.query_one("#number-unknown", Checkbox).value,
            date_unknown=self.query_one("#date-unknown", Checkbox).value,
        )

    def _save(self) -> bool:
        try:
            self.saved = save_answer_text(
                self.db, self.consultation.id, self.current(), at=self.now()
            )
        except InputError as error:
            self.query_one("#error", Static).update(plain(f"{error.field}: {error.message}"))
            return False
        self.query_one("#error", Static).update("")
        self.action_preview()
        return True

    def action_save(self) -> None:
        if self._save():
            self.notify("答申書の文を保存しました")

    def action_preview(self) -> None:
        self.prepared = prepared = prepare(self.db, "answer", self.consultation.id)
        lines = prepared.preview
        if prepared.notes:
            lines = ["【まだ書かれていないもの】", *prepared.notes, "", *lines]
        self.query_one("#answer-preview-text", FoldedText).show(lines)

    def action_write(self) -> None:
        if not self._save():  # saving refreshes the preview, and with it self.prepared
            return
        prepared = self.prepared
        if prepared is None:
            return
        c = self.consultation
        number = c.answer_number or c.number or c.title[:20]
        default = Path.cwd() / f"答申書_{number}.docx"

        def chosen(out: Path | None) -> None:
            if out is None:
                return
            try:
                check_target(out, force=False)
            except (InputError, ConversionError) as error:
                tell(self, error.message, title=error.field, severity="error", timeout=8)
                return
            self.write_prepared(prepared, out)

        self.app.push_screen(SavePathDialog("答申書を書き出す", default), chosen)

    def action_back(self) -> None:
        if self.saved is not None and self.current() != self.saved:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.dismiss(None)

            self.app.push_screen(
                ConfirmDialog("保存していない変更があります。保存せずに戻りますか", "戻る"),
                answered,
            )
            return
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self))
