"""Stored text as it may be shown on a terminal: control characters made visible, never sent.

The record keeps what was typed or pasted, control characters included (a pasted ESC, a BEL
from an imported file). A terminal would act on them — an escape sequence can recolour, move
the cursor or retitle the window — so every screen and every table the command line prints
shows them as visible marks instead: C0 controls as their Unicode control pictures (ESC → ␛),
DEL as ␡, C1 controls and bidirectional overrides as ``<U+009B>``. Line ends and tabs are kept.
"""

from __future__ import annotations

import re

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every character a terminal would act on replaced by a visible mark."""
    return _HIDDEN.sub(_picture, text) if _HIDDEN.search(text) else text


def one_line(text: str) -> str:
    """``visible`` for a single-line cell: line ends shown as ↵, tabs as a space."""
    return (
        visible(text.replace("\r\n", "\n").replace("\r", "\n"))
        .replace("\n", "↵")
        .replace("\t", " ")
    )


def json_visible(document: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, C1 controls and bidi
    overrides written as ``\\u`` escapes: the same JSON, and nothing a terminal acts on.

    ``json.dumps`` escapes C0 controls itself; these others occur only inside strings there.
    """
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")
