"""Stored text on screen: shown as typed, never acted on.

A council's name, a member's name or a line of the record may hold an escape sequence (pasted
from a terminal, imported from a file) or square brackets. Textual would send the first to the
terminal as it is, and read the second as markup: ``[@click=app.quit]`` becomes a button and
``[/x]`` stops the screen with a MarkupError. So every screen shows stored text through these
helpers: control characters as visible marks (:func:`meeting.text.visible`), brackets as
brackets. :class:`ControlFilter` is the safety net behind them: whatever control character
still reaches a line on screen is dropped before it reaches the terminal.
"""

from __future__ import annotations

import re

from rich.segment import Segment
from rich.text import Text
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.widget import Widget

from meeting.text import one_line, visible


def plain(text: str) -> Content:
    """Stored text for a Static or a Label: control characters visible, no markup."""
    return Content(visible(text))


def line(text: str) -> Content:
    """Stored text on one line (a title, an option): line ends shown as ↵."""
    return Content(one_line(text))


def cell(text: str) -> Text:
    """A DataTable cell: one line, control characters visible, no markup."""
    return Text(one_line(text), end="")


def marked(template: str, **values: str) -> Content:
    """The screen's own markup with stored text in ``$name`` slots, never read as markup."""
    return Content.from_markup(template, **{k: visible(v) for k, v in values.items()})


def tell(
    widget: Widget,
    message: str,
    *,
    title: str = "",
    severity: str = "information",
    timeout: float | None = None,
) -> None:
    """``notify`` for a message that carries stored text: no markup, controls visible."""
    widget.notify(
        visible(message),
        title=one_line(title),
        severity=severity,  # type: ignore[arg-type]
        timeout=timeout,
        markup=False,
    )


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


class ControlFilter(LineFilter):
    """Drops every C0 and C1 control character from the text of a line on screen.

    They take no cell (``rich.cells.cell_len`` is 0), so the layout is unchanged; a segment
    Textual marks as a control (cursor moves of its own) is left alone.
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        search = _CONTROL.search
        if not any(not s.control and search(s.text) for s in segments):
            return segments
        return [
            s
            if s.control or not search(s.text)
            else Segment(_CONTROL.sub("", s.text), s.style, s.control)
            for s in segments
        ]
