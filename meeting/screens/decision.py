"""Record an item's decision: outcome, the closing line drafted from it, opinions, an override."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Select

from agendas.model import AgendaItem, Outcome
from agendas.rules import item_title
from meeting.quorum import QuorumState
from meeting.screens.base import FormScreen, choice_field, text_field
from meeting.widgets.panels import QuorumBox
from minutes.decide import DecisionDraft, decide
from minutes.model import Decision
from minutes.opinions import OpinionKind
from minutes.speakers import draft_narration


class DecisionForm(FormScreen[Decision | None]):
    DIALOG = "wide"
    FIELDS = {
        "結びの文": "narration",
        "意見": "opinion",
        "定足数": "override_reason",
        "決定": "outcome",
    }

    def __init__(self, item: AgendaItem, quorum: QuorumState, sitting_id: int | None) -> None:
        super().__init__()
        self.item = item
        self.quorum = quorum
        self.sitting_id = sitting_id

    def heading(self) -> str:
        return f"決定を記録 — {item_title(self.item)}"

    def fields(self) -> ComposeResult:
        yield QuorumBox(id="decision-quorum")
        yield choice_field("決定", [(o.label, o) for o in Outcome], Outcome.APPROVED, "outcome")
        yield text_field("継続審議で示すもの", "", "follow_up", "例: 契約書の案")
        yield choice_field(
            "意見の種類", [(k.value, k) for k in OpinionKind], OpinionKind.RIDER, "opinion_kind"
        )
        yield text_field("意見（付帯意見など）", "", "opinion", "意見を付す場合の一文")
        yield text_field("会議録の結びの文", draft_narration(Outcome.APPROVED), "narration")
        if not self.quorum.stands:
            yield text_field(
                "定足数を欠く理由", "", "override_reason", "定足数を欠いたまま記録する理由"
            )

    def on_mount(self) -> None:
        self.query_one("#decision-quorum", QuorumBox).show(self.quorum)

    def _redraft(self) -> None:
        self.query_one("#narration", Input).value = draft_narration(
            self.choice("outcome"), opinion=self.value("opinion"), follow_up=self.value("follow_up")
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "outcome":
            self._redraft()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("opinion", "follow_up"):
            self._redraft()

    def save(self) -> Decision:
        draft = DecisionDraft(
            outcome=self.choice("outcome"),
            narration=self.value("narration"),
            follow_up=self.value("follow_up"),
            opinion_kind=self.choice("opinion_kind"),
            opinion=self.value("opinion"),
            override_reason="" if self.quorum.stands else self.value("override_reason"),
        )
        return decide(
            self.db,
            self.item.id,
            draft,
            at=self.now(),
            sitting_id=self.sitting_id,
        )
