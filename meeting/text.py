"""Stored text as it may be shown on a terminal: control characters made visible, never sent.

The record keeps what was typed or pasted, control characters included (a pasted ESC, a BEL
from an imported file). A terminal would act on them — an escape sequence can recolour, move
the cursor or retitle the window — so every screen and every table the command line prints
shows them as visible marks instead: C0 controls as their Unicode control pictures (ESC → ␛),
DEL as ␡, C1 controls and bidirectional overrides as ``<U+009B>``. Line ends and tabs are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


_rich_cell_len: Callable[[str], int] | None = None


def cell_len(text: str) -> int:
    """The cells ``text`` takes on a terminal, as rich measures it. rich loads on the first
    measure: a command that only prints (``meeting export``) never needs it."""
    global _rich_cell_len
    if _rich_cell_len is None:
        from rich.cells import cell_len as measure

        _rich_cell_len = measure
    return _rich_cell_len(text)


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


def one_paragraph(text: str) -> str:
    """Text for a single line (a remark is one paragraph): its line ends removed.

    Japanese needs nothing where a pasted text was broken into lines (「です。⏎次に」 reads
    「です。次に」), so a line end and the spaces around it go; between two Latin words one space
    is kept, so they do not run together.
    """
    return _LINE_ENDS.sub(_joined, text)


_LINE_ENDS = re.compile(r"[ \t]*(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))*[ \t]*")


def _joined(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    latin = before.isascii() and after.isascii()
    return " " if latin and not before.isspace() and not after.isspace() else ""


def json_visible(document: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, C1 controls and bidi
    overrides written as ``\\u`` escapes: the same JSON, and nothing a terminal acts on.

    ``json.dumps`` escapes C0 controls itself; these others occur only inside strings there.
    """
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


_RAW_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")


# Japanese line breaking (a plain subset of JIS X 4051), for panes that wrap stored text.

NO_START = frozenset(
    "、。，．,.)]}〕〉》」』】〙〗〟｠’”»｝］）"  # closing brackets, commas, full stops
    "・：；:;！？!?‼⁇⁈⁉"  # middle dots, dividing punctuation
    "ー‐゠–〜～"  # the long vowel mark, hyphens and wave dashes
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"  # small kana
    "ゝゞヽヾ々〻"  # iteration marks
    "％‰℃°′″"  # units after a number
    "｡｣､･ｰｧｨｩｪｫｬｭｮｯﾞﾟ"  # their half-width forms
)
"""Characters no line may start with (行頭禁則)."""

NO_END = frozenset("「『（【〔〈《〘〖〝｟‘“«｛［([{￥＄￡＃｢")
"""Characters no line may end with (行末禁則)."""

INSEPARABLE = frozenset("…‥—―")
"""Characters never parted from their twin (……, ――)."""

BREAK_SPACES = frozenset(" \u3000")
"""Spaces a line may end on: they stay at the end of the line before a break, past the width
if need be (a space is not seen), so no line starts with one the text did not start with."""

_ZWJ = "\u200d"


def wrap_japanese(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` terminal cells, broken where Japanese allows.

    A pane that lets the terminal fold a remark at its edge starts lines with 、。」 and cuts
    J-LIS or a URL in two; this breaks as a Japanese page does:

    - no line starts with a character of :data:`NO_START` nor ends with one of :data:`NO_END`;
      when such a character does not fit, the character before it moves down with it
      (追い出し) — never ぶら下げ: a line past the width would be cut off by the pane's edge;
    - a run of Latin letters, digits and ASCII signs (J-LIS, 2024-05-01, e-Tax, https://…) or
      of full-width letters and digits (２０２４) is one word, broken at a space or where it
      meets Japanese text; a word (with what may not be parted from it) wider than the line is
      broken at the width, the last resort;
    - spaces at a break stay at the end of the line before it, past the width if need be.

    The lines joined give the text back exactly. A line end in ``text`` is a break of its own
    and belongs to no line. Widths are terminal cells as Rich counts them (wide characters 2);
    a character wider than ``width`` stands on a line of its own.
    """
    if width < 1:
        raise ValueError(f"width must be at least 1, not {width}")
    return [line for part in text.split("\n") for line in _wrap_paragraph(part, width)]


def _wrap_paragraph(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for segment in _segments(text):
        shown = _visible_width(segment)
        if cell_len(current) + shown <= width:
            current += "".join(segment)
            continue
        if current:
            lines.append(current)
            current = ""
        if shown <= width:
            current = "".join(segment)
            continue
        broken = _break_word(segment, width)  # the last resort
        lines += broken[:-1]
        current = broken[-1]
    lines.append(current)
    return lines


def _clusters(text: str) -> list[str]:
    """Characters as the terminal draws them: a mark, a joiner or a variation selector stays
    with the character before it."""
    clusters: list[str] = []
    joined = False
    for char in text:
        if clusters and (joined or cell_len(char) == 0):
            clusters[-1] += char
        else:
            clusters.append(char)
        joined = char == _ZWJ
    return clusters


def _is_word(cluster: str) -> bool:
    char = cluster[0]
    if "０" <= char <= "９" or "Ａ" <= char <= "Ｚ" or "ａ" <= char <= "ｚ":
        return True
    return ord(char) < 0x2000 and not char.isspace() and cell_len(char) == 1


def _atoms(clusters: list[str]) -> list[list[str]]:
    """Words and single characters, each with the spaces after it."""
    atoms: list[list[str]] = []
    for cluster in clusters:
        if atoms and cluster[0] in BREAK_SPACES:
            atoms[-1].append(cluster)
        elif atoms and _is_word(cluster) and _is_word(atoms[-1][-1]):
            atoms[-1].append(cluster)
        else:
            atoms.append([cluster])
    return atoms


def _may_break(before: list[str], after: list[str]) -> bool:
    last, first = before[-1][0], after[0][0]
    if first in NO_START:
        return False
    if last in NO_END:
        return False
    return not (last == first and last in INSEPARABLE)


def _segments(text: str) -> list[list[str]]:
    """The atoms glued where no line may break: what no line break may part."""
    segments: list[list[str]] = []
    previous: list[str] | None = None
    for atom in _atoms(_clusters(text)):
        if previous is not None and not _may_break(previous, atom):
            segments[-1] += atom
        else:
            segments.append(list(atom))
        previous = atom
    return segments


def _visible_width(clusters: list[str]) -> int:
    """The width without the spaces at the end (they may pass the line's width)."""
    end = len(clusters)
    while end and clusters[end - 1][0] in BREAK_SPACES:
        end -= 1
    return cell_len("".join(clusters[:end]))


def _break_word(clusters: list[str], width: int) -> list[str]:
    """A word wider than the line, broken at the width; a character that may not start a line
    takes the one before it along when there is room."""
    lines: list[list[str]] = []
    line: list[str] = []
    for cluster in clusters:
        if not line or cluster[0] in BREAK_SPACES or cell_len("".join([*line, cluster])) <= width:
            line.append(cluster)
            continue
        carried: list[str] = []
        if cluster[0] in NO_START and len(line) > 1 and cell_len(line[-1] + cluster) <= width:
            carried = [line.pop()]
        lines.append(line)
        line = [*carried, cluster]
    lines.append(line)
    return ["".join(line) for line in lines]
