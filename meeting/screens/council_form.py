"""Add or edit a council."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from meeting.model import Council, CouncilDraft, CouncilKind, SpeakerNames
from meeting.screens.base import FormScreen, field
from meeting.store import add_council, update_council


class CouncilForm(FormScreen[Council | None]):
    FIELDS = {"名称": "name", "事務局のメール": "secretariat_email"}

    def __init__(self, council: Council | None = None) -> None:
        super().__init__()
        self.council = council

    def compose(self) -> ComposeResult:
        c = self.council
        with Vertical(classes="dialog form"):
            yield Label("審議会を編集" if c else "審議会を追加", classes="title")
            yield field(
                "名称",
                Input(
                    c.name if c else "",
                    id="name",
                    placeholder="○○市情報公開・個人情報保護審議会",
                    compact=True,
                ),
            )
            yield field(
                "自治体",
                Input(
                    c.municipality if c else "", id="municipality", placeholder="○○市", compact=True
                ),
            )
            yield field(
                "種別",
                Select(
                    [(k.label, k) for k in CouncilKind],
                    value=c.kind if c else CouncilKind.SHINGIKAI,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                ),
            )
            yield field(
                "定足数の根拠（条文）",
                Input(
                    c.quorum_article if c else "",
                    id="quorum_article",
                    placeholder="○○市情報公開・個人情報保護審議会条例第5条第2項",
                    compact=True,
                ),
            )
            yield field(
                "会議録の発言者",
                Select(
                    [(s.label, s) for s in SpeakerNames],
                    value=c.speaker_names if c else SpeakerNames.NAMED,
                    allow_blank=False,
                    id="speaker_names",
                    compact=True,
                ),
            )
            yield field(
                "事務局（案内の差出人）",
                Input(
                    c.secretariat_name if c else "",
                    id="secretariat_name",
                    placeholder="総務課",
                    compact=True,
                ),
            )
            yield field(
                "事務局のメール",
                Input(
                    c.secretariat_email if c else "",
                    id="secretariat_email",
                    placeholder="soumu@city.example.lg.jp",
                    compact=True,
                ),
            )
            yield from self.buttons()

    def save(self) -> Council:
        draft = CouncilDraft(
            name=self.value("name"),
            municipality=self.value("municipality"),
            kind=self.query_one("#kind", Select).value,  # type: ignore[arg-type]
            quorum_article=self.value("quorum_article"),
            speaker_names=self.query_one("#speaker_names", Select).value,  # type: ignore[arg-type]
            secretariat_name=self.value("secretariat_name"),
            secretariat_email=self.value("secretariat_email"),
        )
        if self.council is None:
            return add_council(self.meeting.db, draft, now=self.meeting.clock())
        return update_council(self.meeting.db, self.council.id, draft)
