"""A table's columns as wide as their content asks (used by :mod:`exports.table_fit` on the
tables a template marks 列幅：内容に合わせる).

Fixed proportions wrap a short column (第1回 over two lines) while a long one has room to spare;
so each column gets the width its longest line needs, and the columns that cannot all have it
share what is left where it saves the most lines. (The templates' cell styles are left-aligned,
and a cell's lines are paragraphs, not breaks: a justified line ending in a break is stretched
across the cell, 「つ　い　て」.)
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

PADDING_MM = 2 * 1.9 + 1.2
"""Word's default cell margins (0.19 cm each side) and the borders, with a little to spare."""
_MARK = re.compile(r"^(?:\d+|[①-⑳]|\(\d+\)|[ア-ン])　")
_DATE = re.compile(r"(?:(?:明治|大正|昭和|平成|令和)(?:元|\d+)|\d{4})年\d+月\d+日(?:（.）)?")
"""A date, which a table never wraps (令和8年10月21日（水）)."""


def text_width(text: str) -> float:
    """A line's width in 字, a little generous: full-width characters 1, the others 0.6 (a
    replacement font's digits are wider than ＭＳ 明朝's), and a quarter 字 where half-width
    text meets full-width (LibreOffice spaces them apart). A column a hair wide is harmless;
    one a hair narrow wraps 第1回."""
    width = 0.0
    previous: bool | None = None
    for ch in text:
        wide = unicodedata.east_asian_width(ch) in "WFA"
        width += 1 if wide else 0.6
        if previous is not None and wide != previous:
            width += 0.25
        previous = wide
    return width


def column_widths(
    rows: Sequence[Sequence[str]], total_chars: float, *, least_chars: float = 2
) -> list[float]:
    """Each column's width in 字, summing to ``total_chars``.

    When every column's longest line fits, the room is shared in proportion to those lines.
    Otherwise each column starts at its longest word (a line split at spaces; a numbered
    line's mark stays with its first word, so 第1回 never wraps; a word longer than a quarter
    of the table is prose, which may wrap anywhere) or its longest date (never wrapped), and
    the rest is handed out half a 字 at a time to the column where it saves the most lines.
    """
    count = max(len(r) for r in rows)
    columns = [
        [line for r in rows if i < len(r) for line in r[i].split("\n")] for i in range(count)
    ]
    need = [max([least_chars] + [text_width(line) for line in c]) for c in columns]
    if sum(need) <= total_chars:  # room to spare, shared as the columns need it
        return [w * total_chars / sum(need) for w in need]
    longest = total_chars / 4
    widths = [max([least_chars] + [_floor(line, longest) for line in c]) for c in columns]
    fullest = max(range(count), key=lambda i: (sum(text_width(line) for line in columns[i]), i))
    if sum(widths) >= total_chars:
        # The prose column (the most text) gives way first: it wraps anywhere; a date does not.
        others = sum(w for i, w in enumerate(widths) if i != fullest)
        widths[fullest] = max(least_chars * 2, total_chars - others)
        if sum(widths) > total_chars:
            return [w * total_chars / sum(widths) for w in widths]
    room = total_chars - sum(widths)
    step = 0.5
    while room >= step:
        open_ = [i for i in range(count) if widths[i] < need[i]]
        if not open_:
            break
        height = _height(rows, widths)
        savings = {
            i: (
                height - _height(rows, [w + step if k == i else w for k, w in enumerate(widths)]),
                need[i] - widths[i],
            )
            for i in open_
        }
        chosen = max(open_, key=savings.__getitem__)
        widths[chosen] += step
        room -= step
    widths[fullest] += room  # what is left over after every column has its need
    return widths


def _floor(line: str, longest: float) -> float:
    """The width a line asks not to be wrapped within: its longest word (split at spaces; a
    numbered line's mark stays with its first word) when no longer than ``longest`` (a longer
    one is prose, which wraps anywhere in Japanese), and any date in it, however long."""
    mark = _MARK.match(line)
    head = mark.group() if mark else ""
    words = re.split(r"[ \u3000]+", line[len(head) :].strip())
    words[0] = head + words[0]
    word = max(text_width(w) for w in words)
    dates = [text_width(d) for d in _DATE.findall(line)]
    return max([word if word <= longest else 0.0, *dates])


def _height(rows: Sequence[Sequence[str]], widths: Sequence[float]) -> int:
    """How many lines the table takes with these widths (a line wraps at the width)."""
    return sum(
        max(
            sum(max(1, math.ceil(text_width(line) / widths[i])) for line in cell.split("\n"))
            for i, cell in enumerate(row)
        )
        for row in rows
    )
