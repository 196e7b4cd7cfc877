"""The quorum box and the agenda list, shared by the roll call, the live record and the chair."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from agendas.model import AgendaItem
from agendas.rules import agenda_lines
from meeting.errors import InputError
from meeting.model import AgendaNumbering
from meeting.quorum import QuorumState, indicator
from meeting.widgets.folded import FoldedText
from meeting.widgets.safe import plain


class QuorumBox(Static):
    """The quorum in sight: a calm border while it stands, red the moment it does not."""

    DEFAULT_CSS = """
    QuorumBox {
        height: auto;
        padding: 1 2;
        margin: 0 0 1 0;
        text-style: bold;
        border: round $success;
    }
    QuorumBox.-broken {
        border: heavy $error;
        background: $error 20%;
    }
    """

    def show(self, state: QuorumState, note: str = "", *, counted: str = "出席") -> None:
        self.update(plain(indicator(state, counted=counted) + (f"\n{note}" if note else "")))
        self.set_class(not state.stands, "-broken")

    def show_error(self, error: InputError) -> None:
        self.update(plain(f"{error.field}: {error.message}"))
        self.set_class(True, "-broken")


class AgendaList(FoldedText):
    """The numbered agenda, the current item marked; a long title folds under itself."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, hanging=4, japanese=True)

    def show_items(
        self,
        items: Sequence[AgendaItem],
        *,
        current_id: int | None = None,
        sitting_ordinals: dict[int, int] | None = None,
        empty: str = "会議次第がありません",
        numbering: AgendaNumbering = AgendaNumbering.NESTED,
    ) -> None:
        lines = agenda_lines(
            items, current_id=current_id, sitting_ordinals=sitting_ordinals, numbering=numbering
        )
        self.show(lines or [empty])
