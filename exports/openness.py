"""What a public document leaves out, and how the internal version marks it: the one rule.

A public document never carries a closed part's text. A closed session's public minutes and
summary say only that it was closed; a closed item keeps its title (the agenda notice printed
it) and says why it is left out; a run of closed lines becomes one line saying so; an erratum
on a closed line, a quorum override on a closed item, and staff who attended only closed items
are left out too. The internal version keeps everything and marks what the public one leaves
out 【非公開】. The answer (答申書) is always public: a closed opinion never prints in it.

The minutes, the summary and the answer all ask here; none of them decides it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from agendas.model import AgendaItem
from agendas.rules import CLOSED_MARK, closed_item_mark, item_title
from minutes.model import Utterance
from minutes.opinions import Opinion

CLOSED_NOTE = "（非公開部分につき省略）"
"""Where the public version leaves out closed lines of a public item."""
CLOSED_SESSION_NOTE = "（非公開の会議のため、会議の内容は省略）"
"""The whole 会議の内容 of a closed session's public version."""


def closed_item_note(item: AgendaItem) -> str:
    """（非公開（〇〇市情報公開条例第7条第2号に該当する情報を含むため）につき省略）."""
    reason = f"（{item.closed_reason}）" if item.closed_reason else ""
    return f"（非公開{reason}につき省略）"


class Kept(NamedTuple):
    """A line the version prints, and the mark that goes before its text (【非公開】 or none).
    A named tuple: one is made for every line of a document."""

    line: Utterance
    mark: str = ""


@dataclass(frozen=True)
class Openness:
    """What is closed in one session, and which version is being written."""

    public: bool
    """The public version leaves closed parts out; the internal one marks them."""
    session_public: bool
    closed_items: frozenset[int]
    """Items closed themselves (a closed session closes them all without being listed)."""
    closed_lines: frozenset[int]
    """Lines closed themselves."""

    @classmethod
    def of(
        cls,
        *,
        public: bool,
        session_public: bool,
        items: Iterable[AgendaItem],
        closed_lines: Iterable[int],
    ) -> Openness:
        return cls(
            public,
            session_public,
            frozenset(i.id for i in items if not i.public),
            frozenset(closed_lines),
        )

    @property
    def closed_session(self) -> bool:
        """The public version of a closed session: none of its content, only that it was closed."""
        return self.public and not self.session_public

    @property
    def partly_closed(self) -> bool:
        """Something of a public session is closed: its minutes say 一部非公開."""
        return bool(self.closed_items or self.closed_lines)

    def leaves_out_item(self, item_id: int | None) -> bool:
        """The public version leaves out this item's record (its lines, its decision's reason)."""
        if not self.public or item_id is None:
            return False
        return not self.session_public or item_id in self.closed_items

    def leaves_out_line(self, line: Utterance) -> bool:
        """The public version leaves out this line (and an erratum on it)."""
        if not self.public:
            return False
        return (
            not self.session_public
            or line.id in self.closed_lines
            or line.agenda_item_id in self.closed_items
        )

    def leaves_out_attendee(self, item_ids: Iterable[int]) -> bool:
        """Staff who came only for items the public version leaves out are left out with them."""
        ids = list(item_ids)
        return bool(ids) and all(self.leaves_out_item(i) for i in ids)

    def item_mark(self, item: AgendaItem) -> str:
        """【非公開】 and the reason after a closed item's title, in the internal version only."""
        return closed_item_mark(item) if not self.public and not item.public else ""

    def line_mark(self, line: Utterance) -> str:
        """【非公開】 before a closed line's text, in the internal version only."""
        return CLOSED_MARK if not self.public and line.id in self.closed_lines else ""

    def shown(
        self,
        lines: Iterable[Utterance],
        items: Mapping[int, AgendaItem],
        numbers: Mapping[int, str],
        *,
        headings: bool = True,
    ) -> Iterator[Kept | str]:
        """The record as this version prints it, in order: each line it keeps, and lines of
        its own: the note standing for what the public version leaves out (one per closed
        item, one per run of closed lines), a closed item's title (when ``headings``:
        【2(3)　…】 in the public version, marked 【非公開】 in the internal one), or the one
        note of a closed session."""
        if self.closed_session:
            yield CLOSED_SESSION_NOTE
            return
        omitted: object = None
        """What the last line left out: a closed item, or closed lines (True)."""
        for line in lines:
            item = items.get(line.agenda_item_id or -1)
            closed_item = item if item is not None and not item.public else None
            if closed_item is not None and omitted is not closed_item:
                title = f"{numbers[closed_item.id]}　{item_title(closed_item)}"
                if self.public:
                    if headings:
                        yield f"【{title}】"
                    yield closed_item_note(closed_item)
                elif headings:
                    yield f"{closed_item_mark(closed_item)}{title}"
                omitted = closed_item
            if self.public and closed_item is not None:
                continue
            if self.public and line.id in self.closed_lines:
                if omitted is not True:
                    yield CLOSED_NOTE
                    omitted = True
                continue
            if closed_item is None:
                omitted = None
            yield Kept(line, self.line_mark(line))


def public_opinions(opinions: Iterable[Opinion]) -> tuple[list[Opinion], int]:
    """The opinions a public document prints, and how many closed ones it leaves out."""
    given = list(opinions)
    kept = [o for o in given if o.public]
    return kept, len(given) - len(kept)
