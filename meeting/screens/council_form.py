"""Add or edit a council."""

from __future__ import annotations

from textual.app import ComposeResult

from meeting.forms import page_setting, quorum_rule
from meeting.model import (
    AgendaNumbering,
    AnnualConclusions,
    Council,
    CouncilDraft,
    CouncilKind,
    PageSetting,
    QuorumBase,
    QuorumRule,
    RequestWording,
    SpeakerNames,
    StaffNames,
    Threshold,
)
from meeting.screens.base import FormScreen, choice_field, text_field
from meeting.store import add_council, update_council


class CouncilForm(FormScreen[Council | None]):
    FIELDS = {
        "名称": "name",
        "事務局のメール": "secretariat_email",
        "委員の定数": "quorum_seats",
        "定足数（人数）": "quorum_fixed",
        "定足数": "quorum_base",
        "文字の大きさ": "page_size",
        "1行の字数": "page_chars",
        "1ページの行数": "page_lines",
    }

    def __init__(self, council: Council | None = None) -> None:
        super().__init__()
        self.council = council

    def heading(self) -> str:
        return "審議会を編集" if self.council else "審議会を追加"

    def fields(self) -> ComposeResult:
        c = self.council
        yield text_field("名称", c.name if c else "", "name", "○○市情報公開・個人情報保護審議会")
        yield text_field("自治体", c.municipality if c else "", "municipality", "○○市")
        yield choice_field(
            "種別",
            [(k.label, k) for k in CouncilKind],
            c.kind if c else CouncilKind.SHINGIKAI,
            "kind",
        )
        yield text_field(
            "定足数の根拠（条文）",
            c.quorum_article if c else "",
            "quorum_article",
            "○○市情報公開・個人情報保護審議会条例第5条第2項",
        )
        yield choice_field(
            "会議録の発言者",
            [(s.label, s) for s in SpeakerNames],
            c.speaker_names if c else SpeakerNames.NAMED,
            "speaker_names",
        )
        yield choice_field(
            "職員の表記",
            [(s.label, s) for s in StaffNames],
            c.staff_names if c else StaffNames.SURNAME_TITLE,
            "staff_names",
        )
        rule = c.quorum if c else QuorumRule()
        yield choice_field(
            "定足数の基数",
            [(b.label, b) for b in QuorumBase],
            rule.base,
            "quorum_base",
        )
        yield text_field(
            "委員の定数（条例）",
            str(rule.seats or ""),
            "quorum_seats",
            "基数が条例の定数のとき",
        )
        yield choice_field(
            "定足数の要件",
            [(t.label, t) for t in Threshold],
            rule.threshold,
            "quorum_threshold",
        )
        yield text_field(
            "必要な人数", str(rule.fixed or ""), "quorum_fixed", "要件が人数の指定のとき"
        )
        yield choice_field(
            "会長を出席者に数える",
            [("数える", True), ("数えない", False)],
            rule.chair_counts,
            "chair_counts",
        )
        yield choice_field(
            "オンライン出席を数える",
            [("数える", True), ("数えない", False)],
            rule.online_counts,
            "online_counts",
        )
        yield text_field(
            "事務局（案内の差出人）",
            c.secretariat_name if c else "",
            "secretariat_name",
            "総務課",
        )
        yield text_field(
            "事務局のメール",
            c.secretariat_email if c else "",
            "secretariat_email",
            "soumu@city.example.lg.jp",
        )
        yield text_field(
            "諮問の根拠（条文）",
            c.consulted_under if c else "",
            "consulted_under",
            "○○市個人情報保護法施行条例第7条",
        )
        yield choice_field(
            "諮問書の結び",
            [(f"次のとおり{w.label}", w) for w in RequestWording],
            c.request_wording if c else RequestWording.CONSULT,
            "request_wording",
        )
        yield choice_field(
            "会議概要の諮問事項",
            [("件名の下に①②を載せない", False), ("件名の下に①②を載せる", True)],
            c.summary_questions if c else False,
            "summary_questions",
        )
        yield choice_field(
            "運用状況の結論",
            [(a.label, a) for a in AnnualConclusions],
            c.annual_conclusions if c else AnnualConclusions.ITEM,
            "annual_conclusions",
        )
        yield choice_field(
            "会議次第の番号",
            [(n.label, n) for n in AgendaNumbering],
            c.agenda_numbering if c else AgendaNumbering.NESTED,
            "agenda_numbering",
        )
        page = c.page if c else PageSetting()
        yield choice_field(
            "文書の文字の大きさ",
            [("10.5ポイント", "10.5"), ("12ポイント", "12")],
            "12" if page.size_pt == 12 else "10.5",
            "page_size",
        )
        yield text_field("文書の1行の字数", str(page.chars), "page_chars", "40")
        yield text_field("文書の1ページの行数", str(page.lines), "page_lines", "36")

    def save(self) -> Council:
        draft = CouncilDraft(
            name=self.value("name"),
            municipality=self.value("municipality"),
            kind=self.choice("kind"),
            quorum_article=self.value("quorum_article"),
            speaker_names=self.choice("speaker_names"),
            secretariat_name=self.value("secretariat_name"),
            secretariat_email=self.value("secretariat_email"),
            quorum=quorum_rule(
                base=self.choice("quorum_base"),
                seats=self.value("quorum_seats"),
                threshold=self.choice("quorum_threshold"),
                fixed=self.value("quorum_fixed"),
                chair_counts=bool(self.choice("chair_counts")),
                online_counts=bool(self.choice("online_counts")),
            ),
            consulted_under=self.value("consulted_under"),
            request_wording=self.choice("request_wording"),
            summary_questions=bool(self.choice("summary_questions")),
            annual_conclusions=self.choice("annual_conclusions"),
            page=page_setting(
                size=str(self.choice("page_size")),
                chars=self.value("page_chars"),
                lines=self.value("page_lines"),
            ),
            staff_names=self.choice("staff_names"),
            agenda_numbering=self.choice("agenda_numbering"),
        )
        if self.council is None:
            return add_council(self.db, draft, now=self.now())
        return update_council(self.db, self.council.id, draft)
