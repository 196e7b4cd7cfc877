"""Printing on any console: a Windows one, or a redirect, may speak cp932 rather than UTF-8.

A table of stored text (a council named with 𠮷, a title with an emoji) must not stop halfway
with UnicodeEncodeError: what the console cannot show becomes ``?``. JSON is for programs and
keeps every character: escaped as ``\\uXXXX`` where the output is not UTF-8. A table lines up
by terminal cells, a wide (全角) character taking two.
"""

from __future__ import annotations

import codecs
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from meeting.text import json_visible, one_line


def console_safe() -> None:
    """Replace, rather than fail on, what standard output's encoding cannot hold (stderr
    already writes such characters as backslash escapes)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and getattr(sys.stdout, "errors", "") == "strict":
        reconfigure(errors="replace")


def utf8_out() -> bool:
    try:
        return codecs.lookup(sys.stdout.encoding or "ascii").name == "utf-8"
    except LookupError:
        return False


def json_text(data: Any) -> str:
    """``data`` as indented JSON that standard output can carry whole, with nothing a terminal
    acts on (``meeting.text.json_visible``)."""
    return json_visible(json.dumps(data, ensure_ascii=not utf8_out(), indent=2))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(rows: Sequence[Sequence[str]]) -> str:
    """Columns padded by terminal cells; stored text shown with its control characters visible."""
    rows = [[one_line(cell) for cell in row] for row in rows]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell + " " * (w - _width(cell)) for cell, w in zip(row, widths, strict=True)
        ).rstrip()
        for row in rows
    )
