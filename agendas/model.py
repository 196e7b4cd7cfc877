"""An agenda item (会議次第の一項目) as a plain value."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ItemKind(StrEnum):
    OPENING = "opening"
    PREVIOUS_MINUTES = "previous_minutes"
    CONSULTATION = "consultation"
    REPORT = "report"
    OTHER = "other"
    CLOSING = "closing"

    @property
    def label(self) -> str:
        return {
            "opening": "会長挨拶",
            "previous_minutes": "前回会議の概要報告",
            "consultation": "諮問案件",
            "report": "報告事項",
            "other": "その他",
            "closing": "閉会",
        }[self.value]


@dataclass(frozen=True)
class AgendaItem:
    id: int
    session_id: int
    position: int
    kind: ItemKind
    title: str
    public: bool = True
