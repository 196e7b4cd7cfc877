"""Rules of the correcting-lines screen: where a line splits, which lines a range closes."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from meeting.errors import InputError

SPLIT_MARK = "||"
"""Typed into a line's text where it is to be split."""


def split_position(marked: str, original: str) -> int:
    """Where the clerk marked the line with :data:`SPLIT_MARK`; the text must stay as it was."""
    if marked.count(SPLIT_MARK) != 1 or marked.replace(SPLIT_MARK, "") != original:
        raise InputError(
            "分割", f"分ける位置に {SPLIT_MARK} を一つだけ入れてください（文は変えずに）"
        )
    return marked.index(SPLIT_MARK)


@dataclass(frozen=True)
class LineRange:
    first: int
    """Where the range starts: the line marked with b, or the line itself."""
    last: int
    count: int
    public: bool
    """What the range becomes: public again only when every line in it is closed by itself."""


def line_range(
    ids: Sequence[int], start: int | None, line_id: int, own_closed: Collection[int]
) -> LineRange:
    """The lines from the b mark (or the line alone) to the line, and whether to open them.

    A range of lines that are all closed by their own mark is opened; any other is closed.
    """
    first = start if start is not None and start in ids else line_id
    low, high = sorted((ids.index(first), ids.index(line_id)))
    public = all(i in own_closed for i in ids[low : high + 1])
    return LineRange(first, line_id, high - low + 1, public)


def merge_closes(line_id: int, next_id: int, closed: Collection[int]) -> bool:
    """Merging a closed line with an open one closes the merged line: the clerk is told."""
    return (line_id in closed) != (next_id in closed)
